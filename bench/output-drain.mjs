// Output pane drain: a command printing 100,000 lines, run alone (output piped and discarded)
// and through the tour's own path (the process runner into the output log with its fixed
// scrollback). Prints the median times, their ratio (target ≤ 2) and the memory kept.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = join(import.meta.dirname, '..');
const out = join(root, '.bench');
mkdirSync(out, { recursive: true });
const LINES = 100_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const script = `for (let i = 0; i < ${LINES}; i++) process.stdout.write('line ' + i + ' \\x1b[32mok\\x1b[0m some output of a command\\n');`;
const argv = [process.execPath, '-e', script];

await build({
  stdin: {
    contents: `
      import { createProcessRunner } from './src/adapters/process/command-runner.ts';
      import { OutputLog } from './src/app/output-log.ts';
      export { createProcessRunner, OutputLog };`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile: join(out, 'output-drain.mjs'),
  logLevel: 'warning',
});
const { createProcessRunner, OutputLog } = await import(join(out, 'output-drain.mjs'));

function alone() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', () => {});
    child.on('error', reject);
    child.on('close', () => resolve(performance.now() - t0));
  });
}

async function throughTour() {
  const runner = createProcessRunner();
  const log = new OutputLog();
  let renders = 0;
  const unsubscribe = log.subscribe(() => {
    renders++;
    log.lines('bench').slice(-30); // what the pane reads per frame
  });
  const t0 = performance.now();
  const result = await runner.run({ argv, timeoutMs: 120_000 }, (text, stream) => log.write('bench', text, stream));
  log.flush('bench');
  const ms = performance.now() - t0;
  const kept = log.lines('bench').length;
  const dropped = log.dropped('bench');
  unsubscribe();
  log.dispose();
  if (result.exitCode !== 0) throw new Error(`bench command failed: ${JSON.stringify(result)}`);
  return { ms, kept, dropped, renders };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const a = [];
const b = [];
let last;
await alone(); // warm up
for (let i = 0; i < RUNS; i++) {
  a.push(await alone());
  last = await throughTour();
  b.push(last.ms);
}
globalThis.gc?.();
const heapMb = process.memoryUsage().heapUsed / 1048576;
const ratio = median(b) / median(a);
console.log(
  `output drain (${LINES} lines): alone median ${median(a).toFixed(0)} ms, through the tour median ${median(b).toFixed(0)} ms, ratio ${ratio.toFixed(2)} (target ≤ 2); ` +
    `scrollback kept ${last.kept} lines (dropped ${last.dropped}), ${last.renders} notifications, heap ${heapMb.toFixed(1)} MB`,
);
