// `room create --seats 100` against the test suite's fake API server (test/fake-apiserver, bundled
// here with esbuild: it is TypeScript), through the built binary, as a trainer runs it: the
// rights (SelfSubjectAccessReviews), the image-volume probe, 100 namespaces with their
// ServiceAccount, Role, RoleBinding and progress ConfigMap, 100 TokenRequests and 100 kubeconfig
// files. Wall time from start to exit, median of BENCH_ROOM_RUNS (default 3) runs, each on a
// fresh server; the most requests the server had in flight at once (the bound). Target: done
// in seconds (≤ 10 s) and never more than the bound in flight.
//   BENCH_ROOM_SEATS=100   seats
//   BENCH_ROOM_RUNS=3      runs
//   BENCH_ROOM_LATENCY_MS=20  the second measurement's round trip
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { ROOT } from '../scripts/esbuild-options.mjs';

const SEATS = Number(process.env.BENCH_ROOM_SEATS ?? 100);
const RUNS = Number(process.env.BENCH_ROOM_RUNS ?? 3);
const TARGET_MS = 10_000;
/** commands/room.ts PARALLEL. */
const BOUND = 16;
const BIN = join(ROOT, 'bin', 'ivol-tour.js');

// Inside node_modules, so that the bundle finds `ws` (the fake server loads it at run time).
const cache = join(ROOT, 'node_modules', '.cache', 'ivol-bench');
mkdirSync(cache, { recursive: true });
const bundle = join(cache, 'fake-apiserver.mjs');
await build({
  stdin: {
    contents: "export { startFakeApiServer } from './test/fake-apiserver/server.ts';\nexport { writeKubeconfig } from './test/fake-apiserver/kubeconfig.ts';\n",
    resolveDir: ROOT,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  outfile: bundle,
  external: ['ws'],
  logLevel: 'error',
});
const { startFakeApiServer, writeKubeconfig } = await import(bundle);

function run(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env, NO_COLOR: '1', LANG: 'C.UTF-8' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** RUNS room creates against fresh servers answering `latencyMs` late. */
async function measure(latencyMs) {
  const times = [];
  let peak = 0;
  let requests = 0;
  for (let i = 0; i < RUNS; i++) {
    const server = await startFakeApiServer({ namespaceTerminationMs: 50, latencyMs });
    const other = await startFakeApiServer();
    const kc = writeKubeconfig({ otherServer: other.url, tourServer: server.url, tourContext: 'trainer' });
    const work = mkdtempSync(join(tmpdir(), 'ivol-bench-room-'));
    const state = mkdtempSync(join(tmpdir(), 'ivol-bench-state-'));
    try {
      const t0 = performance.now();
      const r = await run(['--kubeconfig', kc.path, '--context', 'trainer', 'room', 'create', '--seats', String(SEATS), '--name', 'bench', '--out', join(work, 'seats')], { IVOL_TOUR_STATE_DIR: state });
      const ms = performance.now() - t0;
      if (r.code !== 0) {
        console.log(`room create: exit ${r.code}\n${r.stderr}`);
        process.exitCode = 1;
        break;
      }
      const files = readdirSync(join(work, 'seats')).filter((f) => f.endsWith('.kubeconfig')).length;
      if (files !== SEATS) {
        console.log(`room create: ${files} kubeconfigs for ${SEATS} seats`);
        process.exitCode = 1;
      }
      times.push(ms);
      requests = server.requests.length;
      peak = Math.max(peak, server.peakInFlight());
    } finally {
      await server.close();
      await other.close();
      rmSync(kc.dir, { recursive: true, force: true });
      rmSync(work, { recursive: true, force: true });
      rmSync(state, { recursive: true, force: true });
    }
  }
  if (times.length > 0) {
    const m = median(times);
    console.log(
      `room create --seats ${SEATS} (fake API server${latencyMs ? ` answering ${latencyMs} ms late` : ''}, built binary, ${times.length} runs): median ${(m / 1000).toFixed(2)} s (runs ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s), ${requests} requests, at most ${peak} in flight at once (bound ${BOUND}); target ≤ ${TARGET_MS / 1000} s`,
    );
    if (peak > BOUND) {
      console.log('  ✗ more requests in flight than the bound');
      process.exitCode = 1;
    }
    if (m > TARGET_MS) {
      console.log('  ✗ room create over target');
      process.exitCode = 1;
    }
  }
}

// As fast as the server answers; then with a remote cluster's round trip, where the bound matters.
await measure(0);
await measure(Number(process.env.BENCH_ROOM_LATENCY_MS ?? 20));
