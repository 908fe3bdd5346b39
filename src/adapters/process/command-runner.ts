// The CommandRunner port on real child processes. argv only (no shell), each command in its
// own process group (detached), output streamed as decoded text chunks (colours kept),
// cancellation and timeouts end the whole group: SIGINT, then SIGTERM, then SIGKILL.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { CommandRequest, CommandResult, CommandRunner, OutputStream } from '../ports.js';

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
  /** Ends the group (the escalation); resolves when the leader has exited. */
  stop(): Promise<void>;
}

const live = new Set<LiveGroup>();

/** Ends every live process group that any runner started (used on quit). */
export async function killAllRunning(): Promise<void> {
  await Promise.all([...live].map((g) => g.stop()));
}

/** How many commands are running (for tests and the quit prompt). */
export function runningCount(): number {
  return live.size;
}

function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
      if (request.signal?.aborted) {
        return Promise.resolve({ exitCode: null, timedOut: false, cancelled: true });
      }
      const env: NodeJS.ProcessEnv = { ...(opts.env ?? process.env), ...(request.env ?? {}) };
      if (request.cwd !== undefined) {
        // The tour's work directory may not exist yet (a fresh state dir, before any step wrote
        // a file); spawn would then fail with ENOENT, which reads as "command not found".
        try {
          mkdirSync(request.cwd, { recursive: true });
        } catch (error) {
          return Promise.resolve({ exitCode: null, timedOut: false, cancelled: false, spawnError: `working directory ${request.cwd}: ${(error as Error).message}` });
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
        let exited: () => void = () => undefined;
        const exitedPromise = new Promise<void>((r) => { exited = r; });

        const decoders = { stdout: new TextDecoder('utf-8'), stderr: new TextDecoder('utf-8') };
        const onChunk = (stream: OutputStream) => (chunk: Buffer) => {
          const text = decoders[stream].decode(chunk, { stream: true });
          if (text !== '') onOutput(text, stream);
        };
        child.stdout?.on('data', onChunk('stdout'));
        child.stderr?.on('data', onChunk('stderr'));

        const pid = child.pid;
        const stop = (): Promise<void> => {
          if (stopping) return stopping;
          if (pid === undefined) return Promise.resolve();
          stopping = new Promise<void>((done) => {
            const steps: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGKILL'];
            let i = 0;
            const next = (): void => {
              const sig = steps[i++];
              if (sig === undefined) { done(); return; }
              // After the leader exited, members of the group may still run: keep going
              // until the whole group is gone.
              if (!groupAlive(pid)) { done(); return; }
              signalGroup(pid, sig);
              if (sig === 'SIGKILL') {
                // SIGKILL cannot be refused; wait for the leader to be reaped.
                void exitedPromise.then(done);
                timers.push(setTimeout(done, graceMs));
                return;
              }
              const check = setInterval(() => {
                if (!groupAlive(pid)) { clearInterval(check); clearTimeout(escalate); done(); }
              }, 25);
              const escalate = setTimeout(() => { clearInterval(check); next(); }, graceMs);
              timers.push(check, escalate);
            };
            next();
          });
          return stopping;
        };
        const group: LiveGroup | null = pid === undefined ? null : { pid, stop };
        if (group) {
          live.add(group);
          mine.add(group);
        }

        const onAbort = (): void => {
          if (finished) return;
          cancelled = true;
          void stop();
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
          const settle = (): void => {
            for (const t of timers) clearTimeout(t);
            if (group) {
              live.delete(group);
              mine.delete(group);
            }
            resolve(result);
          };
          // The leader is gone; if we were stopping, let the escalation finish off the
          // rest of the group before we report.
          if (stopping) void stopping.then(settle);
          else if (pid !== undefined && (timedOut || cancelled)) void stop().then(settle);
          else settle();
        };
      });
    },
  };
}

function spawnMessage(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'not found';
  if (e.code === 'EACCES') return 'permission denied';
  return e.message || String(error);
}
