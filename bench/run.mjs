// `npm run bench` (after `npm run build`): the first-frame benchmark (the tour against a
// bundled Ink "hello", N runs alternating, in a real pty); `--version`; idle CPU (the welcome
// screen and the open simulated shell against the hello idling); the install (the packed
// tarball from an empty npm cache against `ink` alone); then the other benchmarks in bench/
// (shell-echo.mjs, output-drain.mjs, room-watch.mjs). Public tools only. Exit status 1 when a
// target is missed.
//   BENCH_RUNS=15            first-frame runs
//   BENCH_NO_COMPILE_CACHE=1 first frame without Node's compile cache (a first start)
//   BENCH_INSTALL_RUNS=3     installs of each (the tarball, ink), alternating; medians
//   BENCH_IDLE_MS=30000      the idle window
//   BENCH_ONLY=idle,install  only these parts (first-frame, version, idle, install, others, room-watch)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildHello, measureFirstFrame, median, ROOT } from './first-frame.mjs';
import { measureIdle } from './idle.mjs';
import { pack, timedInstall } from './install.mjs';

const N = Number(process.env.BENCH_RUNS ?? 15);
// The tour keeps V8's compiled code between runs (Node's compile cache, bin/ivol-tour.js); the
// warm-up run fills it. BENCH_NO_COMPILE_CACHE=1 measures a start without it (a first start).
const NO_CACHE = Boolean(process.env.BENCH_NO_COMPILE_CACHE);
const INSTALL_RUNS = Number(process.env.BENCH_INSTALL_RUNS ?? 3);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 30_000);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const TARGETS = {
  firstFrameRatio: NO_CACHE ? 1.3 : 1.15,
  idleMsPer30s: 20,
  installMB: 25,
  packages: 8,
  tarballMB: 3,
};
const BIN = join(ROOT, 'bin', 'ivol-tour.js');
const MB = 1024 * 1024;

function miss(what) {
  console.log(`  ✗ ${what}`);
  process.exitCode = 1;
}

async function firstFrame(hello) {
  const stateDir = mkdtempSync(join(tmpdir(), 'ivol-bench-'));
  const env = { IVOL_TOUR_STATE_DIR: stateDir, ...(NO_CACHE ? { NODE_DISABLE_COMPILE_CACHE: '1' } : {}) };
  const tour = [];
  const base = [];
  try {
    // One warm-up each (file cache, compile cache), not counted.
    await measureFirstFrame({ args: [hello], marker: 'hello' });
    await measureFirstFrame({ args: [BIN, '--simulate', '--lang', 'en'], marker: 'SIMULATED', env });
    for (let i = 0; i < N; i++) {
      tour.push(await measureFirstFrame({ args: [BIN, '--simulate', '--lang', 'en'], marker: 'SIMULATED', env }));
      base.push(await measureFirstFrame({ args: [hello], marker: 'hello' }));
    }
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
  const t = median(tour);
  const h = median(base);
  const ratio = t / h;
  console.log(
    `first frame: tour median ${t.toFixed(1)} ms, hello median ${h.toFixed(1)} ms, ratio ${ratio.toFixed(2)} (target ≤ ${TARGETS.firstFrameRatio}, ${NO_CACHE ? 'tour without compile cache' : 'warm'})`,
  );
  if (ratio > TARGETS.firstFrameRatio) miss('first-frame ratio over target');
}

/** `ivol-tour --version` against `node -e 0`: medians of 15 runs. */
function version() {
  const time = (args) => {
    const runs = [];
    for (let i = 0; i < 15; i++) {
      const t0 = process.hrtime.bigint();
      spawnSync(process.execPath, args, { stdio: 'ignore' });
      runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return median(runs);
  };
  const v = time([BIN, '--version']);
  const node = time(['-e', '0']);
  console.log(`--version: ${v.toFixed(1)} ms, node -e 0: ${node.toFixed(1)} ms (+${(v - node).toFixed(1)} ms)`);
}

async function idle(hello) {
  const stateDir = mkdtempSync(join(tmpdir(), 'ivol-bench-idle-'));
  const env = { IVOL_TOUR_STATE_DIR: stateDir };
  const common = { env, cwd: ROOT, windowMs: IDLE_MS };
  try {
    // The three idle side by side: each is idle, so they do not disturb each other.
    const [welcome, shell, base] = await Promise.all([
      measureIdle({ ...common, args: [BIN, '--simulate', '--lang', 'en'], ready: 'SIMULATED' }),
      measureIdle({
        ...common,
        args: [BIN, '--simulate', '--lang', 'en', '--step', 'explore-shell', '--fresh'],
        // The step list has reached step 9 (the steps before it are fast-forwarded).
        ready: /›○\s+9 /,
        steps: [{ keys: 's', waitFor: 'root@image-volume:/#' }],
      }),
      measureIdle({ ...common, args: [hello], ready: 'hello' }),
    ]);
    const per30 = (ms) => (ms * 30_000) / IDLE_MS;
    const line = (name, r) =>
      `  ${name}: ${per30(r.schedMs).toFixed(1)} ms CPU per 30 s idle (utime+stime ${per30(r.ticksMs).toFixed(0)} ms), ${r.bytes} bytes written; ` +
      `before it: ${r.startupTailMs.toFixed(0)} ms from first screen to settled, ${r.reducedAtMs === null ? "V8's start-up heap reduction not seen" : `V8's start-up heap reduction at ${(r.reducedAtMs / 1000).toFixed(0)} s`}`;
    console.log(`idle (window ${IDLE_MS / 1000} s from /proc, once settled: output quiet and V8's one-off start-up heap reduction done; target ≤ ${TARGETS.idleMsPer30s} ms per 30 s):`);
    console.log(line('welcome screen', welcome));
    console.log(line('simulated shell open', shell));
    console.log(line('Ink hello (baseline)', base));
    for (const [name, r] of [['welcome screen', welcome], ['shell open', shell]]) {
      if (per30(Math.max(r.schedMs, r.ticksMs)) > TARGETS.idleMsPer30s) miss(`idle CPU over target (${name})`);
    }
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

async function install() {
  const packDir = mkdtempSync(join(tmpdir(), 'ivol-bench-pack-'));
  try {
    const report = pack(packDir);
    const inkVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'ink', 'package.json'), 'utf8')).version;
    const ours = [];
    const ink = [];
    for (let i = 0; i < INSTALL_RUNS; i++) {
      ours.push(await timedInstall(report.path));
      ink.push(await timedInstall(`ink@${inkVersion}`));
    }
    const first = ours[0];
    const t = median(ours.map((r) => r.ms));
    const b = median(ink.map((r) => r.ms));
    console.log(`install (npm install --cache <empty dir> into an empty dir; ${INSTALL_RUNS} runs each, medians):`);
    console.log(`  tarball ${report.filename}: ${(report.size / MB).toFixed(2)} MB (target ≤ ${TARGETS.tarballMB}), unpacked ${(report.unpackedSize / MB).toFixed(2)} MB, ${report.entryCount} files`);
    console.log(`  node_modules: ${(first.diskBytes / MB).toFixed(1)} MB on disk (target ≤ ${TARGETS.installMB}), ${first.packages.length} packages (target ≤ ${TARGETS.packages}): ${first.packages.join(', ')}`);
    console.log(`  time: ${(t / 1000).toFixed(2)} s; ink@${inkVersion} alone: ${(b / 1000).toFixed(2)} s (${ink[0].packages.length} packages); ratio ${(t / b).toFixed(2)}`);
    if (report.size > TARGETS.tarballMB * MB) miss('tarball over target');
    if (first.diskBytes > TARGETS.installMB * MB) miss('install size over target');
    if (first.packages.length > TARGETS.packages) miss('package count over target');
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
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

const want = (part) => !ONLY || ONLY.has(part);
if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
  console.error('dist/cli.js is missing: run `npm run build` first (npm run bench does).');
  process.exit(1);
}
const hello = await buildHello();
if (want('first-frame')) await firstFrame(hello);
if (want('version')) version();
if (want('idle')) await idle(hello);
if (want('install')) await install();
if (want('others')) {
  other('shell-echo.mjs');
  other('output-drain.mjs');
  other('room-create.mjs');
}
if (want('others') || want('room-watch')) other('room-watch.mjs');
