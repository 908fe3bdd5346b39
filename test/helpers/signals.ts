// Helpers for the signal tests: the built tour as a child process whose pid the test knows,
// conditions waited for (files, pids gone), never fixed sleeps.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { BIN, ROOT } from './cli.js';
import { alive } from './pty-app.js';

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** performance.now() when the process was seen to exit. */
  readonly at: number;
}

export interface RunningCli {
  readonly child: ChildProcess;
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<Exit>;
  /** SIGKILL, for afterEach (a no-op once it has exited). */
  kill(): void;
}

/** The built tour with exactly this environment (nothing inherited but what is given). */
export function startCli(args: string[], env: NodeJS.ProcessEnv): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<Exit>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() }));
  });
  if (child.pid === undefined) throw new Error('the tour did not start');
  return {
    child,
    pid: child.pid,
    stdout: () => out,
    stderr: () => err,
    exited,
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

export async function waitUntil<T>(probe: () => T | null | undefined | false, what: string, timeoutMs = 15_000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The pid written to `file` (waits for the file). */
export async function pidFrom(file: string, timeoutMs = 15_000): Promise<number> {
  return waitUntil(() => {
    if (!existsSync(file)) return null;
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  }, file, timeoutMs);
}

/** SIGKILL to every pid still alive (afterEach: nothing is left behind even when a test fails). */
export function killLeftovers(pids: Iterable<number>): void {
  for (const pid of pids) {
    if (!alive(pid)) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

export { alive };

/** IVOL_TEST_TIMINGS=<file>: measured figures are appended there (for the report; no effect otherwise). */
export function recordFigure(what: string, value: number, unit: string): void {
  const file = process.env['IVOL_TEST_TIMINGS'];
  if (file) appendFileSync(file, `${what}: ${Math.round(value)} ${unit}\n`);
}

export function recordTiming(what: string, ms: number): void {
  recordFigure(what, ms, 'ms');
}
