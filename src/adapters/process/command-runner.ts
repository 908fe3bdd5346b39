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
import { isEnding, onShutdown, type ExitSignal } from '../../app/shutdown.js';
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
    return killAllRunning(escalationFor(signal)[0]);
  },
  kill() {
    killAllRunningNow();
  },
}, { first: true, standing: true });

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
      const early = notStarted(request);
      if (early) return Promise.resolve(early);
      const [file = '', ...args] = request.argv;
      const env: NodeJS.ProcessEnv = { ...(opts.env ?? process.env), ...(request.env ?? {}) };
      return new Promise<CommandResult>((resolve) => {
        let child: ChildProcess;
        try {
          child = spawn(file, args, { cwd: request.cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
        } catch (error) {
          resolve({ exitCode: null, timedOut: false, cancelled: false, spawnError: spawnMessage(error) });
          return;
        }
        new GroupCommand(child, request, onOutput, { graceMs, trackedIn: [live, mine], resolve }).start();
      });
    },
  };
}

/** A result without starting anything: nothing to run, already cancelled, or no working directory. */
function notStarted(request: CommandRequest): CommandResult | null {
  const file = request.argv[0];
  if (file === undefined || file === '') return { exitCode: null, timedOut: false, cancelled: false, spawnError: 'empty command' };
  if (request.signal?.aborted || isEnding()) return { exitCode: null, timedOut: false, cancelled: true };
  if (request.cwd !== undefined) {
    // The tour's work directory may not exist yet (a fresh state dir, before any step wrote
    // a file); spawn would then fail with ENOENT, which reads as "command not found".
    try {
      mkdirSync(request.cwd, { recursive: true });
    } catch (error) {
      return { exitCode: null, timedOut: false, cancelled: false, spawnError: `working directory ${request.cwd}: ${errorMessage(error)}` };
    }
  }
  return null;
}

interface GroupCommandOptions {
  /** Grace between the signals of the escalation. */
  readonly graceMs: number;
  /** Where the group is tracked while any of it runs: every runner's set, and its own runner's. */
  readonly trackedIn: readonly Set<LiveGroup>[];
  readonly resolve: (result: CommandResult) => void;
}

/**
 * One command in its own process group, from spawn to its result: its output decoded as it
 * comes, its timeout and abort, the escalation that ends the group, and the result once the
 * leader is gone (after a stop, once the whole group is).
 */
class GroupCommand {
  private timedOut = false;
  private cancelled = false;
  private spawnError: string | undefined;
  private finished = false;
  private stopping: Promise<void> | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  /** The leader exited: only other members of the group can still run. */
  private leaderGone = false;
  private exitCode: number | null = null;
  private readonly decoders = { stdout: new TextDecoder('utf-8'), stderr: new TextDecoder('utf-8') };
  private readonly group: LiveGroup | null;

  constructor(
    private readonly child: ChildProcess,
    private readonly request: CommandRequest,
    private readonly onOutput: (text: string, stream: OutputStream) => void,
    private readonly o: GroupCommandOptions,
  ) {
    const pid = child.pid;
    this.group = pid === undefined ? null : { pid, stop: (first) => this.stopGroup(first) };
  }

  start(): void {
    for (const stream of ['stdout', 'stderr'] as const) this.child[stream]?.on('data', (chunk: Buffer) => this.output(stream, chunk));
    if (this.group) for (const set of this.o.trackedIn) set.add(this.group);
    this.request.signal?.addEventListener('abort', this.onAbort, { once: true });
    if (this.request.timeoutMs > 0) this.timers.push(setTimeout(this.onTimeout, this.request.timeoutMs));
    this.child.on('error', (error) => {
      this.spawnError = spawnMessage(error);
      if (!this.group) this.finish(null);
    });
    this.child.on('exit', (code) => this.onExit(code));
    this.child.on('close', (code) => {
      this.leaderGone = true;
      this.finish(code ?? this.exitCode);
    });
  }

  private output(stream: OutputStream, chunk: Buffer): void {
    const text = this.decoders[stream].decode(chunk, { stream: true });
    if (text !== '') this.onOutput(text, stream);
  }

  private readonly onAbort = (): void => {
    if (this.finished) return;
    this.cancelled = true;
    void this.stop();
  };

  private readonly onTimeout = (): void => {
    if (this.finished) return;
    this.timedOut = true;
    void this.stop();
  };

  private onExit(code: number | null): void {
    this.exitCode = code;
    this.leaderGone = true;
    // Normally 'close' follows at once; a background grandchild holding the pipes open
    // must not keep the command "running" forever.
    const drain = setTimeout(() => {
      this.child.stdout?.destroy();
      this.child.stderr?.destroy();
      this.finish(this.exitCode);
    }, 500);
    drain.unref();
    this.timers.push(drain);
  }

  /** The tour is ending: a group ended for that reports as cancelled. */
  private stopGroup(first?: NodeJS.Signals): Promise<void> {
    if (!this.finished) this.cancelled = true;
    return this.stop(first);
  }

  /** Ends the group: the escalation from `first`, until the whole group is gone. */
  private stop(first: NodeJS.Signals = 'SIGINT'): Promise<void> {
    if (this.stopping) return this.stopping;
    const pid = this.group?.pid;
    if (pid === undefined) return Promise.resolve();
    this.stopping = new Promise<void>((done) => this.escalate(pid, escalationFor(first), done));
    return this.stopping;
  }

  /** Sends the first signal of `steps`, then the next after a grace, until the group is gone. */
  private escalate(pid: number, steps: readonly NodeJS.Signals[], done: () => void): void {
    const [signal, ...rest] = steps;
    // After the leader exited, members of the group may still run: keep going until the
    // whole group is gone.
    if (signal === undefined || !groupAlive(pid, this.leaderGone)) {
      done();
      return;
    }
    signalGroup(pid, signal);
    // SIGKILL cannot be refused: wait for the group to be gone (the leader reaped).
    if (signal === 'SIGKILL') this.whenGone(pid, 10, done, done);
    else this.whenGone(pid, 25, done, () => this.escalate(pid, rest, done));
  }

  /** Polls every `everyMs` until the group is gone (`gone`), or the grace has passed (`late`). */
  private whenGone(pid: number, everyMs: number, gone: () => void, late: () => void): void {
    const check = setInterval(() => {
      if (groupAlive(pid, this.leaderGone)) return;
      clearInterval(check);
      clearTimeout(giveUp);
      gone();
    }, everyMs);
    const giveUp = setTimeout(() => {
      clearInterval(check);
      late();
    }, this.o.graceMs);
    this.timers.push(check, giveUp);
  }

  /** The leader is gone (or never started): the result, once what must end has ended. */
  private finish(code: number | null): void {
    if (this.finished) return;
    this.finished = true;
    this.request.signal?.removeEventListener('abort', this.onAbort);
    for (const d of ['stdout', 'stderr'] as const) {
      const rest = this.decoders[d].decode();
      if (rest !== '') this.onOutput(rest, d);
    }
    const result: CommandResult = {
      exitCode: this.spawnError !== undefined ? null : code,
      timedOut: this.timedOut,
      cancelled: this.cancelled,
      ...(this.spawnError !== undefined ? { spawnError: this.spawnError } : {}),
    };
    const report = (): void => {
      this.untrack();
      this.settle(result);
    };
    // If we were stopping, let the escalation finish off the rest of the group before we report.
    if (this.stopping) void this.stopping.then(report);
    else if (this.group && (this.timedOut || this.cancelled)) void this.stop().then(report);
    else {
      this.settle(result);
      // Something the command left running in its group (a background child) is ended too,
      // and stays tracked (a signal to the tour reaches it) until it is gone.
      if (this.group && groupAlive(this.group.pid, true)) void this.stop().then(() => this.untrack());
      else this.untrack();
    }
  }

  private settle(result: CommandResult): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.length = 0;
    this.o.resolve(result);
  }

  private untrack(): void {
    if (this.group) for (const set of this.o.trackedIn) set.delete(this.group);
  }
}

function spawnMessage(error: unknown): string {
  const code = errorCode(error);
  if (code === 'ENOENT') return 'not found';
  if (code === 'EACCES') return 'permission denied';
  return errorMessage(error) || String(error);
}
