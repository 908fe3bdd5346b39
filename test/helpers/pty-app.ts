// Runs the built tour in a real pty (@lydell/node-pty), with @xterm/headless as the screen.
// Tests read the screen as text, as a person would, and press keys.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as nodePty from '@lydell/node-pty';
import xtermHeadless from '@xterm/headless';
import { afterEach } from 'vitest';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'ivol-tour.js');

export interface PtyApp {
  readonly pid: number;
  /** The visible screen, one string per row (while a frame is being drawn, the last whole one). */
  screen(): string;
  /** Whether the terminal is on its alternate screen. */
  onAlternateScreen(): boolean;
  press(data: string): void;
  waitFor(predicate: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code. */
  readonly exited: Promise<{ exitCode: number; signal?: number }>;
  /** Everything written to the terminal. */
  output(): string;
  resize(cols: number, rows: number): void;
  kill(): void;
}

/**
 * One app at a time for the tests of a file: `track` the one a test starts; it is ended (and
 * awaited) after each test, passed or not.
 */
export function ptyAppPerTest(): { track(app: PtyApp): PtyApp } {
  let current: PtyApp | undefined;
  afterEach(async () => {
    const app = current;
    current = undefined;
    if (app) {
      app.kill();
      await app.exited;
    }
  });
  return { track: (app) => (current = app) };
}

/**
 * The built tour in a pty. Simulated time runs 10x faster unless the test sets
 * IVOL_TOUR_SIM_SPEED (a test that presses keys during a simulated wait sets '1').
 */
export function startPtyApp(args: string[], env: Record<string, string>, cols = 100, rows = 30): PtyApp {
  return startPty(process.execPath, [BIN, ...args], { IVOL_TOUR_SIM_SPEED: '10', ...env }, cols, rows);
}

/** Any program in a real pty (e.g. a shell that runs the tour, then `stty -a`). */
export function startPty(file: string, args: string[], env: Record<string, string>, cols = 100, rows = 30): PtyApp {
  const term = new xtermHeadless.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  let all = '';
  const proc = nodePty.spawn(file, args, {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: ROOT,
    env: { ...process.env, TERM: 'xterm-256color', ...env },
  });
  proc.onData((d) => {
    all += d;
    term.write(d);
  });
  // The app's terminal queries get answers, as from a real terminal.
  term.onData((d) => proc.write(d));
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => {
    proc.onExit((e) => resolve(e));
  });
  const flush = (): Promise<void> => new Promise((r) => term.write('', r));
  const buffer = (): string => {
    const buf = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < term.rows; y++) lines.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  // Ink draws each frame between "begin/end synchronized update" (DEC mode 2026): a terminal
  // that has the mode shows the frame before until the new one is whole. A frame can reach the
  // test in pieces (the pty passes a large write on in chunks): on a loaded machine, waitFor
  // matched the top of a frame whose bottom was still blank in a few frames out of a hundred,
  // and the test then read what was not drawn yet. So the screen is what such a terminal shows:
  // while a frame is being drawn, the last whole one (test/pty-app-sync-frames.test.ts).
  let shown: string | null = null;
  const syncMode = (params: (number | number[])[]): boolean => params.includes(2026);
  term.parser.registerCsiHandler({ prefix: '?', final: 'h' }, (params) => {
    if (syncMode(params) && shown === null) shown = buffer();
    return false; // xterm handles the mode as well
  });
  term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => {
    // The frame is whole; leaving the alternate screen (a program that ends) shows the screen as it is.
    if (syncMode(params) || params.includes(1049)) shown = null;
    return false;
  });
  const screen = (): string => shown ?? buffer();
  return {
    pid: proc.pid,
    screen,
    onAlternateScreen: () => term.buffer.active.type === 'alternate',
    press: (data) => proc.write(data),
    output: () => all,
    exited,
    resize(c, r) {
      term.resize(c, r);
      proc.resize(c, r);
    },
    kill() {
      try {
        proc.kill('SIGKILL');
      } catch {
        // gone
      }
    },
    async waitFor(predicate, timeoutMs = 10_000) {
      const test = typeof predicate === 'string' ? (s: string) => s.includes(predicate) : predicate instanceof RegExp ? (s: string) => predicate.test(s) : predicate;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await flush();
        const s = screen();
        if (test(s)) return s;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(predicate)}; screen:\n${s}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

/** The pids of every descendant of `pid` (from /proc). */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
