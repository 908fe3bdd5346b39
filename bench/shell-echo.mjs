// Shell pane bench: keystroke → echo on the emulated screen, through the real path
// (node-pty running a local shell → TerminalScreen → the throttled snapshot a pane renders),
// and the CPU used while the shell sits idle.
//
//   node bench/shell-echo.mjs [--keys 200] [--gap 75]
//
// Self-contained: compiles the pty modules it needs with esbuild into .bench/ first.
// Keystrokes are spaced --gap ms apart after each echo (typing cadence; the pane sends at
// most one snapshot per ~60 ms, the first one after a quiet spell at once).

import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, '.bench', 'shell');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
}
const KEYS = arg('keys', 200);
const GAP_MS = arg('gap', 75);

await build({
  entryPoints: {
    'pty-shell': join(root, 'src/adapters/pty/pty-shell.ts'),
    'terminal-screen': join(root, 'src/adapters/pty/terminal-screen.ts'),
  },
  outdir: out,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  external: ['@lydell/node-pty', 'node-pty', '@xterm/headless'],
  logLevel: 'warning',
});

const { spawnPtySession } = await import(pathToFileURL(join(out, 'pty-shell.js')).href);
const { TerminalScreen } = await import(pathToFileURL(join(out, 'terminal-screen.js')).href);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const lineText = (snap) => snap.lines.map((l) => l.map((s) => s.text).join(''));

const shell = existsSync('/bin/bash') ? ['/bin/bash', ['--norc', '--noprofile', '-i']] : ['/bin/sh', ['-i']];
const cols = 100;
const rows = 30;
const session = await spawnPtySession(shell[0], shell[1], {
  cols,
  rows,
  env: { ...process.env, PS1: 'bench$ ', ENV: '', HISTFILE: '/dev/null' },
});
const screen = await TerminalScreen.create(cols, rows, { scrollback: 1000 });
session.onData((d) => screen.write(d));
screen.onReply((r) => session.write(r));

let latest = screen.snapshot();
let waiter = null;
screen.subscribe((snap) => {
  latest = snap;
  if (waiter && waiter.test(snap)) {
    const w = waiter;
    waiter = null;
    w.resolve(performance.now());
  }
});

function until(test, timeoutMs = 5000) {
  if (test(latest)) return Promise.resolve(performance.now());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for the screen')), timeoutMs);
    waiter = {
      test,
      resolve: (t) => {
        clearTimeout(timer);
        resolve(t);
      },
    };
  });
}

const cursorLine = (snap) => lineText(snap)[snap.cursor.y] ?? '';

let exitCode = 0;
try {
  await until((s) => cursorLine(s).startsWith('bench$'));
  const samples = [];
  let typed = '';
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < KEYS; i++) {
    if (typed.length >= 60) {
      session.write('\x15'); // Ctrl-U: start the line again
      typed = '';
      await until((s) => cursorLine(s).trimEnd() === 'bench$');
      await sleep(GAP_MS);
    }
    const ch = letters[i % letters.length];
    typed += ch;
    const expected = 'bench$ ' + typed;
    const t0 = performance.now();
    session.write(ch);
    const t1 = await until((s) => cursorLine(s).trimEnd() === expected && s.cursor.x === expected.length);
    samples.push(t1 - t0);
    await sleep(GAP_MS);
  }
  session.write('\x15');
  await until((s) => cursorLine(s).trimEnd() === 'bench$');
  await sleep(300);

  const before = process.cpuUsage();
  const t0 = performance.now();
  await sleep(2000);
  const cpu = process.cpuUsage(before);
  const idleMs = (cpu.user + cpu.system) / 1000;
  const span = performance.now() - t0;

  samples.sort((a, b) => a - b);
  const q = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
  const fmt = (n) => n.toFixed(1);
  console.log(
    `shell echo median ${fmt(q(0.5))} ms p95 ${fmt(q(0.95))} ms; idle CPU ${fmt(idleMs)} ms over ${fmt(span / 1000)} s` +
      ` (${samples.length} keystrokes, ${shell[0]}, ${GAP_MS} ms apart)`,
  );
} catch (err) {
  console.error(`shell bench failed: ${err instanceof Error ? err.message : String(err)}`);
  exitCode = 1;
} finally {
  const exited = new Promise((r) => session.onExit(r));
  session.kill();
  await Promise.race([exited, sleep(3000)]);
  screen.dispose();
}
process.exit(exitCode);
