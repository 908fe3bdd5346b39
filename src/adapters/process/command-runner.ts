// The CommandRunner port on real child processes. argv only (no shell), each command in its
// own process group (detached), output streamed as decoded text chunks (colours kept),
// cancellation and timeouts end the whole group: SIGINT, then SIGTERM, then SIGKILL, each
// after a grace (polled every 25 ms, so a group that ends at once is not waited for).
//
// The groups are their own, so a Ctrl-C on the terminal does not reach them: the tour ends
// them itself. Every live group, whichever runner started it, is registered with the
// shutdown (app/shutdown.ts): a signal to the tour ends them all, starting with that signal,
// and no new command starts once the tour is ending.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { onShutdown, type ExitSignal } from '../../app/shutdown.js';
import type { CommandRequest, CommandResult, CommandRunner, OutputStream } from '../ports.js';
import { errorCode, errorMessage } from '../../engine/errors.js';

/** How long each signal gets before the next, stronger one. */
export const KILL_GRACE_MS = 2000;

export interface ProcessRunnerOptions {
  /** The base environment (default: process.env). The request's env is added on top. */
  readonly env?: NodeJS.ProcessEnv;
  /** Grace between SIGINT → SIGTERM → SIGKILL (default 2000 ms). */
  readonly graceMs?: number;
}

interface LiveGroup {
  readonly pid: number;
  /** Ends the group (the escalation from `first`); resolves when the whole group is gone. */
  stop(first?: NodeJS.Signals): Promise<void>;
}

const live = new Set<LiveGroup>();
/** Set once the tour is ending: no command starts after that. */
let closed = false;

/** Ends every live process group that any runner started; `first` is the first signal sent (default SIGINT). */
export async function killAllRunning(first: NodeJS.Signals = 'SIGINT'): Promise<void> {
  await Promise.all([...live].map((g) => g.stop(first)));
}

/** SIGKILL to every live process group, synchronously (a second Ctrl-C; a forced exit). */
export function killAllRunningNow(): void {
  for (const g of live) signalGroup(g.pid, 'SIGKILL');
}

/** How many commands are running (for tests and the quit prompt). */
export function runningCount(): number {
  return live.size;
}

/**
 * The escalation for the signal the tour received: Ctrl-C is passed on as SIGINT (kind and
 * kubectl stop cleanly on it); any other signal as SIGTERM (SIGQUIT would make Go programs
 * such as kind dump every goroutine's stack). SIGKILL last, always.
 */
export function escalationFor(signal: ExitSignal | NodeJS.Signals): NodeJS.Signals[] {
  return signal === 'SIGINT' ? ['SIGINT', 'SIGTERM', 'SIGKILL'] : ['SIGTERM', 'SIGKILL'];
}

onShutdown({
  stop(signal) {
    closed = true;
    return killAllRunning(escalationFor(signal)[0]);
  },
  kill() {
    closed = true;
    killAllRunningNow();
  },
}, { first: true });

function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether any process of the group still runs. A group whose only members are zombies (killed
 * grandchildren that no init has reaped yet) has ended: on Linux /proc tells them apart, once
 * the leader (which this process reaps itself) is gone.
 */
function groupAlive(pid: number, leaderGone = false): boolean {
  try {
    process.kill(-pid, 0);
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
  return leaderGone ? livingMember(pid) : true;
}

function livingMember(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true; // no /proc: trust kill()
  }
  for (const e of entries) {
    if (e.charCodeAt(0) < 48 || e.charCodeAt(0) > 57) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'latin1');
      // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[2]) === pgid && f[0] !== 'Z' && f[0] !== 'X') return true;
    } catch {
      // gone meanwhile
    }
  }
  return false;
}

/** A CommandRunner that can also end what it started. */
export interface ProcessRunner extends CommandRunner {
  /** Ends every command this runner started that is still running. */
  killAll(): Promise<void>;
  running(): number;
}

export function createProcessRunner(opts: ProcessRunnerOptions = {}): ProcessRunner {
  const graceMs = opts.graceMs ?? KILL_GRACE_MS;
  const mine = new Set<LiveGroup>();
  return {
    async killAll() {
      await Promise.all([...mine].map((g) => g.stop()));
    },
    running: () => mine.size,
    run(request: CommandRequest, onOutput: (text: string, stream: OutputStream) => void): Promise<CommandResult> {
      const [file, ...args] = request.argv;
      if (file === undefined || file === '') {
        return Promise.resolve({ exitCode: null, timedOut: false, cancelled: false, spawnError: 'empty command' });
      }
      if (request.signal?.aborted || closed) {
        return Promise.resolve({ exitCode: null, timedOut: false, cancelled: true });
      }
      const env: NodeJS.ProcessEnv = { ...(opts.env ?? process.env), ...(request.env ?? {}) };
      if (request.cwd !== undefined) {
        // The tour's work directory may not exist yet (a fresh state dir, before any step wrote
        // a file); spawn would then fail with ENOENT, which reads as "command not found".
        try {
          mkdirSync(request.cwd, { recursive: true });
        } catch (error) {
          return Promise.resolve({ exitCode: null, timedOut: false, cancelled: false, spawnError: `working directory ${request.cwd}: ${errorMessage(error)}` });
        }
      }
      return new Promise<CommandResult>((resolve) => {
        let child: ChildProcess;
        try {
          child = spawn(file, args, {
            cwd: request.cwd,
            env,
            detached: true,
            stdio: ['ignore', 'pipe', 'pipe'],
            windowsHide: true,
          });
        } catch (error) {
          resolve({ exitCode: null, timedOut: false, cancelled: false, spawnError: spawnMessage(error) });
          return;
        }
        let timedOut = false;
        let cancelled = false;
        let spawnError: string | undefined;
        let finished = false;
        let stopping: Promise<void> | null = null;
        const timers: NodeJS.Timeout[] = [];
        let leaderGone = false;
        const exited = (): void => { leaderGone = true; };

        const decoders = { stdout: new TextDecoder('utf-8'), stderr: new TextDecoder('utf-8') };
        const onChunk = (stream: OutputStream) => (chunk: Buffer) => {
          const text = decoders[stream].decode(chunk, { stream: true });
          if (text !== '') onOutput(text, stream);
        };
        child.stdout?.on('data', onChunk('stdout'));
        child.stderr?.on('data', onChunk('stderr'));

        const pid = child.pid;
        const stop = (first: NodeJS.Signals = 'SIGINT'): Promise<void> => {
          if (stopping) return stopping;
          if (pid === undefined) return Promise.resolve();
          stopping = new Promise<void>((done) => {
            const steps = escalationFor(first);
            let i = 0;
            const next = (): void => {
              const sig = steps[i++];
              if (sig === undefined) { done(); return; }
              // After the leader exited, members of the group may still run: keep going
              // until the whole group is gone.
              if (!groupAlive(pid, leaderGone)) { done(); return; }
              signalGroup(pid, sig);
              if (sig === 'SIGKILL') {
                // SIGKILL cannot be refused; wait for the group to be gone (the leader reaped).
                const check = setInterval(() => {
                  if (!groupAlive(pid, leaderGone)) { clearInterval(check); clearTimeout(giveUp); done(); }
                }, 10);
                const giveUp = setTimeout(() => { clearInterval(check); done(); }, graceMs);
                timers.push(check, giveUp);
                return;
              }
              const check = setInterval(() => {
                if (!groupAlive(pid, leaderGone)) { clearInterval(check); clearTimeout(escalate); done(); }
              }, 25);
              const escalate = setTimeout(() => { clearInterval(check); next(); }, graceMs);
              timers.push(check, escalate);
            };
            next();
          });
          return stopping;
        };
        const group: LiveGroup | null = pid === undefined ? null : { pid, stop: (first) => stopGroup(first) };
        if (group) {
          live.add(group);
          mine.add(group);
        }

        const onAbort = (): void => {
          if (finished) return;
          cancelled = true;
          void stop();
        };
        // A group ended because the tour is ending reports as cancelled.
        const stopGroup = (first?: NodeJS.Signals): Promise<void> => {
          if (!finished) cancelled = true;
          return stop(first);
        };
        request.signal?.addEventListener('abort', onAbort, { once: true });
        if (request.timeoutMs > 0) {
          timers.push(setTimeout(() => {
            if (finished) return;
            timedOut = true;
            void stop();
          }, request.timeoutMs));
        }

        child.on('error', (error) => {
          spawnError = spawnMessage(error);
          if (pid === undefined) finish(null);
        });
        let exitCode: number | null = null;
        child.on('exit', (code) => {
          exitCode = code;
          exited();
          // Normally 'close' follows at once; a background grandchild holding the pipes open
          // must not keep the command "running" forever.
          const drain = setTimeout(() => {
            child.stdout?.destroy();
            child.stderr?.destroy();
            finish(exitCode);
          }, 500);
          drain.unref();
          timers.push(drain);
        });
        child.on('close', (code) => {
          exited();
          finish(code ?? exitCode);
        });

        const finish = (code: number | null): void => {
          if (finished) return;
          finished = true;
          request.signal?.removeEventListener('abort', onAbort);
          for (const d of ['stdout', 'stderr'] as const) {
            const rest = decoders[d].decode();
            if (rest !== '') onOutput(rest, d);
          }
          const result: CommandResult = {
            exitCode: spawnError !== undefined ? null : code,
            timedOut,
            cancelled,
            ...(spawnError !== undefined ? { spawnError } : {}),
          };
          const untrack = (): void => {
            if (group) {
              live.delete(group);
              mine.delete(group);
            }
          };
          const settle = (): void => {
            for (const t of timers) clearTimeout(t);
            timers.length = 0;
            resolve(result);
          };
          // The leader is gone; if we were stopping, let the escalation finish off the
          // rest of the group before we report.
          if (stopping) void stopping.then(() => { untrack(); settle(); });
          else if (pid !== undefined && (timedOut || cancelled)) void stop().then(() => { untrack(); settle(); });
          else {
            settle();
            // Something the command left running in its group (a background child) is
            // ended too, and stays tracked (a signal to the tour reaches it) until it is gone.
            if (pid !== undefined && groupAlive(pid, true)) void stop().then(untrack);
            else untrack();
          }
        };
      });
    },
  };
}

function spawnMessage(error: unknown): string {
  const code = errorCode(error);
  if (code === 'ENOENT') return 'not found';
  if (code === 'EACCES') return 'permission denied';
  return errorMessage(error) || String(error);
}
