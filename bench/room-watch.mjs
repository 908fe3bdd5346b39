// `room watch` at scale: the project's fake API server (test/fake-apiserver/server.ts, bundled
// into .bench/) with a room of 100 seat ConfigMaps, the built `ivol-tour room watch` in a real
// pty (its screen kept by @xterm/headless), and a driver that rewrites every seat's progress
// every 2 s (one write every 20 ms, each with a new step name g<N>) for BENCH_ROOM_MS (30 s).
// Two screens: 80×24 (19 seats in view, the table scrolls) and a projector's 200×110 (all 100).
// Measured from outside, for each:
//   - the watch process's CPU (/proc/PID/task/*/schedstat) under that load, as % of one core,
//     against baselines measured in the same run, side by side: the same `room watch` on the
//     room with no writes, an idle Node.js, and Ink itself redrawing a table of the same size
//     4 times a second (a bundled Ink app: the floor of drawing that much with Ink);
//   - each write's lag, from the write to its step name on screen (median, p95, max), and how
//     many of the writes to the seats in view were ever on screen (each stays 2 s: all should).
// Targets: ≤ 5 % of a core under load; max lag ≤ 1.5 s (room watch stretches its frame interval
// from 250 ms up to 1 s to stay within 5 %); every write seen. Exit status 1 when one is missed.
//   BENCH_ROOM_MS=30000 BENCH_ROOM_IDLE_MS=10000 BENCH_ROOM_SCREENS=80x24,200x110
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setImmediate } from 'node:timers';
import * as pty from '@lydell/node-pty';
import xtermHeadless from '@xterm/headless';
import { bundleOptions } from '../scripts/esbuild-options.mjs';
import { cpuOf } from './idle.mjs';

const root = join(import.meta.dirname, '..');
const out = join(root, '.bench');
const SEATS = 100;
const PERIOD_MS = 2000;
const LOAD_MS = Number(process.env.BENCH_ROOM_MS ?? 30_000);
const IDLE_MS = Number(process.env.BENCH_ROOM_IDLE_MS ?? 10_000);
const SCREENS = (process.env.BENCH_ROOM_SCREENS ?? '80x24,200x110').split(',').map((s) => s.split('x').map(Number));
const TARGETS = { cpuPercent: 5, maxLagMs: 1500, seenRatio: 1 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'test', 'fake-apiserver', 'server.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  packages: 'external',
  outfile: join(out, 'fake-apiserver.mjs'),
  logLevel: 'warning',
});
const { startFakeApiServer } = await import(pathToFileURL(join(out, 'fake-apiserver.mjs')).href);

/** Ink redrawing ROWS lines like the watch's rows, FPS times a second: the floor of drawing that much with Ink. */
async function buildInkTable() {
  const src = join(out, 'ink-table.tsx');
  writeFileSync(
    src,
    [
      "import { render, Box, Text } from 'ink';",
      "import { useEffect, useState } from 'react';",
      'const rows = Number(process.argv[2]);',
      'const fps = Number(process.argv[3]);',
      'function App() {',
      '  const [n, setN] = useState(0);',
      '  useEffect(() => { const t = setInterval(() => setN((x) => x + 1), 1000 / fps); return () => clearInterval(t); }, []);',
      "  const lines = Array.from({ length: rows }, (_, i) => `${String(i + 1).padStart(3, '0')}  ${((n + i) % 9) + 1}/9 g${n}            \\x1b[36mrunning    \\x1b[39m  <1m`);",
      "  return <Box flexDirection=\"column\"><Text bold inverse>{` Room \"bench\" on bench `}</Text><Text>{`${rows} seats · frame ${n}`}</Text><Text> </Text><Text bold>SEAT  STEP  STATUS  ON STEP  CAUSE</Text><Text>{lines.join('\\n')}</Text><Text bold>keys</Text></Box>;",
      '}',
      "render(<App />, { exitOnCtrlC: false, patchConsole: true, interactive: true, maxFps: 10 });",
      '',
    ].join('\n'),
  );
  await build({ ...bundleOptions(), entryPoints: { 'ink-table': src }, outdir: join(out, 'ink-table') });
  return join(out, 'ink-table', 'ink-table.js');
}
const inkTable = await buildInkTable();

const seatId = (i) => String(i + 1).padStart(3, '0');
const labels = (seat) => ({ 'app.kubernetes.io/managed-by': 'ivol-tour', 'ivol-tour/room': 'bench', 'ivol-tour/seat': seat });

function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** CPU of `pid` over `ms`, as % of one core (schedstat: every thread, ns on the CPU). */
async function cpuPercent(pid, ms) {
  const before = cpuOf(pid);
  await sleep(ms);
  const after = cpuOf(pid);
  return ((after.schedMs - before.schedMs) / ms) * 100;
}

/** A program in a pty of cols×rows, its screen kept; `onScreen` is called after output is applied. */
function ptyProgram(args, env, cols, rows, onScreen = () => undefined) {
  const term = new xtermHeadless.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  const child = pty.spawn(process.execPath, args, { name: 'xterm-256color', cols, rows, cwd: root, env: { ...process.env, TERM: 'xterm-256color', ...env } });
  let exited = false;
  const exit = new Promise((r) => child.onExit(() => ((exited = true), r())));
  let pending = false;
  child.onData((d) => {
    term.write(d, () => {
      if (pending) return;
      pending = true;
      setImmediate(() => {
        pending = false;
        onScreen(term);
      });
    });
  });
  term.onData((d) => child.write(d));
  const screenText = () => {
    const buf = term.buffer.active;
    const lines = [];
    for (let y = 0; y < term.rows; y++) lines.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    return lines.join('\n').trimEnd();
  };
  return {
    child,
    exit,
    exited: () => exited,
    screenText,
    async end() {
      if (!exited) {
        try {
          child.kill('SIGKILL');
        } catch {
          // gone
        }
      }
      await Promise.race([exit, sleep(2000)]);
      term.dispose();
    },
  };
}

async function scenario(server, kubeconfig, stateDir, cols, rows) {
  const visible = Math.min(SEATS, rows - 5);
  /** When each (seat, generation) was written, and when it was first on screen. */
  const written = new Map();
  const seen = new Map();
  const write = (i, gen) => {
    const seat = seatId(i);
    const now = Date.now();
    const ns = `ivol-bench-${seat}`;
    const body = {
      metadata: { name: 'ivol-tour-progress', namespace: ns, labels: labels(seat) },
      data: { step: `g${gen}`, stepIndex: String((gen % 9) + 1), steps: '9', status: 'running', passed: String(gen % 9), mode: 'byoc', stepSince: new Date(now).toISOString(), updated: new Date(now).toISOString() },
    };
    if (server.store.has('configmaps', ns, 'ivol-tour-progress')) server.store.replace('configmaps', ns, 'ivol-tour-progress', body);
    else server.store.create('configmaps', ns, body, false);
    written.set(`${seat}:${gen}`, now);
  };
  for (let i = 0; i < SEATS; i++) write(i, 0);
  const ROW = /^(\d{3}) +\d+\/9 g(\d+) /;
  const watch = ptyProgram([join(root, 'bin', 'ivol-tour.js'), 'room', 'watch', '--context', 'bench', '--name', 'bench', '--lang', 'en'], { KUBECONFIG: kubeconfig, IVOL_TOUR_STATE_DIR: stateDir }, cols, rows, (term) => {
    const now = Date.now();
    const buf = term.buffer.active;
    for (let y = 0; y < term.rows; y++) {
      const m = ROW.exec(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
      if (m && !seen.has(`${m[1]}:${m[2]}`)) seen.set(`${m[1]}:${m[2]}`, now);
    }
  });
  const floor = ptyProgram([inkTable, String(visible), '4'], {}, cols, rows);
  const idleNode = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  try {
    const deadline = Date.now() + 30_000;
    while (seen.size < visible) {
      if (watch.exited() || Date.now() > deadline) throw new Error(`room watch did not show ${visible} seats (${seen.size} seen); screen:\n${watch.screenText()}`);
      await sleep(50);
    }
    await sleep(2000);
    // Baselines, side by side: the watch on a quiet room, an idle Node.js, Ink drawing as much 4 times a second.
    const [watchIdle, nodeIdle, inkFloor] = await Promise.all([cpuPercent(watch.child.pid, IDLE_MS), cpuPercent(idleNode.pid, IDLE_MS), cpuPercent(floor.child.pid, IDLE_MS)]);
    await floor.end();

    // The load: every seat every 2 s, spread evenly (one write every 20 ms).
    const cpuBefore = cpuOf(watch.child.pid);
    const t0 = Date.now();
    const step = PERIOD_MS / SEATS;
    let generation = 0;
    for (let n = 0; Date.now() - t0 < LOAD_MS; n++) {
      const wait = t0 + n * step - Date.now();
      if (wait > 0) await sleep(wait);
      if (n % SEATS === 0) generation++;
      write(n % SEATS, generation);
    }
    const loadMs = Date.now() - t0;
    const cpuAfter = cpuOf(watch.child.pid);
    // The last writes get their chance to show (the longest frame interval, and some).
    await sleep(1500);
    const inView = (key) => Number(key.slice(0, 3)) <= visible && !key.endsWith(':0');
    const lags = [];
    for (const [key, at] of written) {
      const s = seen.get(key);
      if (inView(key) && s !== undefined) lags.push(s - at);
    }
    const total = [...written.keys()].filter(inView).length;
    const all = [...written.keys()].filter((k) => !k.endsWith(':0')).length;
    const load = ((cpuAfter.schedMs - cpuBefore.schedMs) / loadMs) * 100;
    const maxLag = Math.max(...lags);
    console.log(`room watch, ${cols}×${rows} (${visible} of ${SEATS} seats in view; each seat written every ${PERIOD_MS / 1000} s for ${(loadMs / 1000).toFixed(0)} s: ${all} writes, ${(all / (loadMs / 1000)).toFixed(0)}/s):`);
    console.log(`  CPU under load: ${load.toFixed(2)} % of a core (target ≤ ${TARGETS.cpuPercent} %)`);
    console.log(
      `  baselines, same run (${IDLE_MS / 1000} s side by side): room watch with no writes ${watchIdle.toFixed(2)} %, idle node ${nodeIdle.toFixed(2)} %, ` +
        `Ink redrawing ${visible} such rows 4×/s ${inkFloor.toFixed(2)} %; under load / Ink's floor = ${(load / inkFloor).toFixed(2)}`,
    );
    console.log(`  lag from write to screen: median ${percentile(lags, 50)} ms, p95 ${percentile(lags, 95)} ms, max ${maxLag} ms (target ≤ ${TARGETS.maxLagMs} ms); writes to the seats in view seen ${lags.length}/${total}`);
    let ok = true;
    const miss = (what) => {
      console.log(`  ✗ ${what}`);
      ok = false;
    };
    if (load > TARGETS.cpuPercent) miss('CPU over target');
    if (!(maxLag <= TARGETS.maxLagMs)) miss('lag over target');
    if (lags.length / total < TARGETS.seenRatio) miss('writes missing from the screen');
    watch.child.write('q');
    await Promise.race([watch.exit, sleep(5000)]);
    if (!watch.exited()) miss('q did not end room watch within 5 s');
    return ok;
  } finally {
    idleNode.kill();
    await floor.end();
    await watch.end();
  }
}

const server = await startFakeApiServer({ name: 'bench' });
const dir = mkdtempSync(join(tmpdir(), 'ivol-bench-room-'));
const kubeconfig = join(dir, 'config');
writeFileSync(
  kubeconfig,
  `apiVersion: v1\nkind: Config\ncurrent-context: bench\nclusters:\n- cluster:\n    insecure-skip-tls-verify: true\n    server: ${server.url}\n  name: bench\ncontexts:\n- context:\n    cluster: bench\n    user: bench\n  name: bench\nusers:\n- name: bench\n  user:\n    token: bench-token\n`,
  { mode: 0o600 },
);
let failed = false;
try {
  for (const [cols, rows] of SCREENS) {
    try {
      if (!(await scenario(server, kubeconfig, dir, cols, rows))) failed = true;
    } catch (error) {
      console.log(`room watch ${cols}×${rows}: ${error instanceof Error ? error.message : String(error)}`);
      failed = true;
    }
  }
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
