// `npm run bench` (after `npm run build`): the first-frame benchmark (the tour against a
// bundled Ink "hello", N runs alternating, in a real pty), then the other benchmarks in
// bench/ when they exist (shell-echo.mjs, output-drain.mjs). Public tools only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildHello, measureFirstFrame, median, ROOT } from './first-frame.mjs';

const N = Number(process.env.BENCH_RUNS ?? 15);
// The tour keeps V8's compiled code between runs (Node's compile cache, bin/ivol-tour.js); the
// warm-up run fills it. BENCH_NO_COMPILE_CACHE=1 measures a start without it (a first start).
const NO_CACHE = Boolean(process.env.BENCH_NO_COMPILE_CACHE);
const TARGET = 1.3;

async function firstFrame() {
  const bin = join(ROOT, 'bin', 'ivol-tour.js');
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
    console.error('dist/cli.js is missing: run `npm run build` first (npm run bench does).');
    process.exitCode = 1;
    return;
  }
  const hello = await buildHello();
  const stateDir = mkdtempSync(join(tmpdir(), 'ivol-bench-'));
  const env = { IVOL_TOUR_STATE_DIR: stateDir, ...(NO_CACHE ? { NODE_DISABLE_COMPILE_CACHE: '1' } : {}) };
  const tour = [];
  const base = [];
  try {
    // One warm-up each (file cache), not counted.
    await measureFirstFrame({ args: [hello], marker: 'hello' });
    await measureFirstFrame({ args: [bin, '--simulate', '--lang', 'en'], marker: 'SIMULATED', env });
    for (let i = 0; i < N; i++) {
      tour.push(await measureFirstFrame({ args: [bin, '--simulate', '--lang', 'en'], marker: 'SIMULATED', env }));
      base.push(await measureFirstFrame({ args: [hello], marker: 'hello' }));
    }
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
  const t = median(tour);
  const h = median(base);
  const ratio = t / h;
  console.log(
    `first frame: tour median ${t.toFixed(1)} ms, hello median ${h.toFixed(1)} ms, ratio ${ratio.toFixed(2)} (target ≤ ${TARGET})${NO_CACHE ? ', tour without compile cache' : ''}`,
  );
  if (ratio > TARGET) process.exitCode = 1;
}

function other(name) {
  const path = join(ROOT, 'bench', name);
  if (!existsSync(path)) {
    console.log(`${name}: not present, skipped`);
    return;
  }
  const r = spawnSync(process.execPath, [path], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
}

await firstFrame();
other('shell-echo.mjs');
other('output-drain.mjs');
