// ShellPane inside a real Ink app in a real pty: real stdin in raw mode, bytes forwarded to
// a real shell in a second pty, Ctrl-C to the pod not the tour, Ctrl-] back, q quits and
// nothing is left running.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadPty, type Pty } from '../src/adapters/pty/load-pty.js';
import { TerminalScreen } from '../src/adapters/pty/terminal-screen.js';
import { pidAlive, snapshotText, waitFor } from './fakes/shell/helpers.js';

const root = join(import.meta.dirname, '..');
const outDir = join(root, '.bench', `pane-app-${process.pid}`);
let app: Pty | undefined;
let screen: TerminalScreen | undefined;

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(import.meta.dirname, 'fakes', 'shell', 'pane-app.tsx')],
    outfile: join(outDir, 'pane-app.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    jsx: 'automatic',
    packages: 'external',
    logLevel: 'warning',
  });
});

afterAll(() => {
  if (app && pidAlive(app.pid)) app.kill('SIGKILL');
  screen?.dispose();
  rmSync(outDir, { recursive: true, force: true });
});

function descendants(pid: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const kids = new Map<number, number[]>();
  for (const line of out.trim().split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number);
    if (p === undefined || pp === undefined) continue;
    kids.set(pp, [...(kids.get(pp) ?? []), p]);
  }
  const all: number[] = [];
  const walk = (p: number): void => {
    for (const k of kids.get(p) ?? []) {
      all.push(k);
      walk(k);
    }
  };
  walk(pid);
  return all;
}

it('runs a shell in the pane of a real Ink app', async () => {
  const loaded = await loadPty();
  if (!loaded.ok) throw new Error(loaded.reason);
  screen = await TerminalScreen.create(80, 24);
  const s = screen;
  app = loaded.pty.spawn(process.execPath, [join(outDir, 'pane-app.mjs')], {
    name: 'xterm-256color',
    cols: 80,
    rows: 24,
    cwd: root,
    env: { ...process.env, TERM: 'xterm-256color', FORCE_COLOR: '0' },
  });
  const p = app;
  p.onData((d) => s.write(d));
  s.onReply((r) => p.write(r));
  let exitCode: number | undefined;
  p.onExit((e) => {
    exitCode = e.exitCode;
  });
  const text = (): string => snapshotText(s.snapshot());

  await waitFor(() => text().includes('pane$') && text().includes('FOCUS:shell'), 'the pane with the prompt');
  const shells = descendants(p.pid);
  expect(shells.length).toBeGreaterThan(0);

  p.write('echo hi$((40+2))\r');
  await waitFor(() => /^hi42\s*$/m.test(text()), 'the echo through the pane');
  await waitFor(() => text().includes('lines=1 last=echo hi$((40+2))'), 'the entered line');

  // Ctrl-C goes to the shell: sleep is interrupted, the app lives on.
  p.write('sleep 30\r');
  // Not only started: exec'd, and the terminal's foreground job. Before the shell hands it the
  // terminal, a ^C goes to the shell, and sleep would then run its 30 s.
  await waitFor(() => descendants(p.pid).some(sleepInForeground), 'sleep to run in the foreground');
  p.write('\x03');
  // (the line discipline drops typeahead on ^C, as in any terminal: wait for it to act)
  await waitFor(() => descendants(p.pid).length === shells.length, 'sleep to be interrupted');
  p.write('echo back$((2*3))\r');
  await waitFor(() => /^back6\s*$/m.test(text()), 'the shell after Ctrl-C');
  expect(exitCode).toBeUndefined();

  // Tab and arrows reach the shell unchanged too (no focus switching by Ink).
  p.write('echo t\x1b[D\x1b[Ca\tb\r');
  await waitFor(() => text().includes('FOCUS:shell') && text().includes('lines=3'), 'the third line');

  // Ctrl-] leaves; keys go to the tour; s re-enters; the shell is still there.
  p.write('\x1d');
  await waitFor(() => text().includes('FOCUS:tour'), 'focus back on the tour');
  p.write('s');
  await waitFor(() => text().includes('FOCUS:shell'), 'focus in the shell again');
  p.write('echo again\r');
  await waitFor(() => /^again\s*$/m.test(text()), 'the same shell again');

  // exit: the pane says so and gives the keys back.
  p.write('exit 4\r');
  await waitFor(() => text().includes('The shell ended (exit 4).') && text().includes('FOCUS:tour'), 'the exit line');

  p.write('q');
  await waitFor(() => exitCode !== undefined, 'the app to quit');
  expect(exitCode).toBe(0);
  // Its last line arrived before the exit; the emulator parses it a moment later.
  await s.whenParsed();
  expect(text()).toContain('APP-EXITED');
  for (const pid of shells) expect(pidAlive(pid)).toBe(false);
});

/** The process is `sleep` and its process group is its terminal's foreground group (/proc/PID/stat). */
function sleepInForeground(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // After "(comm) ": state ppid pgrp session tty_nr tpgid …
    const [, , pgrp, , , tpgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return comm === 'sleep' && pgrp !== undefined && pgrp === tpgid;
  } catch {
    return false;
  }
}
