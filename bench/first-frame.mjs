// First-frame timing: spawn a program in a real pty (@lydell/node-pty) and measure the time
// from spawn to the first output that contains a marker (the first frame), then end it.
// Also builds the baseline: a bundled Ink "hello", with the same esbuild options as
// scripts/build.mjs (scripts/esbuild-options.mjs), into .bench/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import * as pty from '@lydell/node-pty';
import { bundleOptions } from '../scripts/esbuild-options.mjs';

export const ROOT = join(import.meta.dirname, '..');
const BENCH_DIR = join(ROOT, '.bench');

/** Bundles the Ink hello baseline; returns the path of its entry. */
export async function buildHello() {
  mkdirSync(BENCH_DIR, { recursive: true });
  const src = join(BENCH_DIR, 'hello.tsx');
  writeFileSync(
    src,
    [
      "import { render, Text } from 'ink';",
      "render(<Text>hello</Text>, { exitOnCtrlC: false, patchConsole: true, maxFps: 30 });",
      "setInterval(() => {}, 1000);",
      '',
    ].join('\n'),
  );
  await build({
    ...bundleOptions(),
    entryPoints: { hello: src },
    outdir: join(BENCH_DIR, 'hello'),
  });
  return join(BENCH_DIR, 'hello', 'hello.js');
}

/**
 * Runs `node ...args` in a pty of cols×rows and resolves with the milliseconds from spawn to
 * the first output containing `marker`. The child is always ended (SIGTERM, then SIGKILL).
 */
export function measureFirstFrame({ args, marker, env = {}, cols = 100, rows = 30, timeoutMs = 15_000 }) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = pty.spawn(process.execPath, args, {
      name: 'xterm-256color',
      cols,
      rows,
      cwd: ROOT,
      env: { ...process.env, TERM: 'xterm-256color', ...env },
    });
    let seen = '';
    let done = false;
    const end = (error, ms) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      let killTimer;
      const exited = new Promise((r) => child.onExit(() => r()));
      try {
        child.kill('SIGTERM');
      } catch {
        // already gone
      }
      killTimer = setTimeout(() => {
        try {
          child.kill('SIGKILL');
        } catch {
          // already gone
        }
      }, 2000);
      void exited.then(() => {
        clearTimeout(killTimer);
        if (error) reject(error);
        else resolve(ms);
      });
    };
    const timer = setTimeout(() => end(new Error(`no "${marker}" within ${timeoutMs} ms; got: ${JSON.stringify(seen.slice(-300))}`)), timeoutMs);
    child.onData((data) => {
      if (done) return;
      seen += data;
      if (seen.includes(marker)) end(null, Number(process.hrtime.bigint() - started) / 1e6);
    });
    child.onExit(({ exitCode }) => {
      if (!done) end(new Error(`exited with ${exitCode} before "${marker}": ${JSON.stringify(seen.slice(-300))}`));
    });
  });
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
