// Fuzzing the tour's readers of untrusted files: 1,000 tutorials and 300 progress files
// generated from a fixed seed (test/fuzz/cases.ts: the built-in tutorial mutated, and
// hand-made hostile shapes: alias bombs, deep nesting, huge values, long ids, bad types,
// control characters, FIFOs, symlinks to /dev/zero and /dev/urandom and out of the folder,
// folders where files should be, invalid UTF-8, BOMs, CRLF). Each case goes through the code
// of `ivol-tour lint DIR`, of loading a tutorial or of loading progress, in worker threads with
// 10 s per case: 0 hangs, 0 crashes, 0 "unexpected error", 0 stack traces, every failure a
// clean list of problems, nothing echoed raw. A sample also runs through bin/ivol-tour.js.
//
// Reproduce:  IVOL_FUZZ_SEED=<seed> [IVOL_FUZZ_ONLY=<index>,...] npx vitest run test/fuzz.test.ts
// More cases: IVOL_FUZZ_TUTORIALS=10000 IVOL_FUZZ_PROGRESS=3000 (same command).
import { spawn } from 'node:child_process';
import { accessSync, closeSync, constants, cpSync, lstatSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_TUTORIAL_DIR } from '../src/adapters/package-paths.js';
import { generateCases, type FuzzCase, type TutorialCase } from './fuzz/cases.js';
import type { CaseResult } from './fuzz/fuzz-worker.js';
import { materialize, type WorkerInit } from './fuzz/materialize.js';
import { BIN, ROOT } from './helpers/cli.js';

const env = (name: string, fallback: number): number => {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : Number(v);
};
const SEED = env('IVOL_FUZZ_SEED', 0x1f0117);
const TUTORIALS = env('IVOL_FUZZ_TUTORIALS', 1000);
const PROGRESS = env('IVOL_FUZZ_PROGRESS', 300);
const ONLY = (process.env['IVOL_FUZZ_ONLY'] ?? '')
  .split(',')
  .filter((s) => s.trim() !== '')
  .map(Number);
/** A case taking longer than this is a hang. */
const CASE_LIMIT_MS = 10_000;
/** Heap of a worker: a case that needs more has exhausted memory (a crash). */
const WORKER_HEAP_MB = 512;
const BINARY_SAMPLE = 10;

let root = '';
let bundle = '';
let init: WorkerInit;
let cases: FuzzCase[] = [];

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}

/**
 * Where the cases are written: a memory file system when there is one (Linux's /dev/shm).
 * Creating and removing some 10,000 small files on a disk mounted with `discard` costs more
 * than fuzzing them; IVOL_FUZZ_TMP overrides it.
 */
function fuzzTmp(): string {
  const override = process.env['IVOL_FUZZ_TMP'];
  if (override) return override;
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(fuzzTmp(), 'ivol-fuzz-'));
  // The worker, bundled whole (yaml, re2js included): it runs from the temporary folder.
  bundle = join(root, 'fuzz-worker.mjs');
  await build({
    entryPoints: [join(ROOT, 'test', 'fuzz', 'fuzz-worker.ts')],
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __ivolCreateRequire } from 'node:module'; const require = __ivolCreateRequire(import.meta.url);" },
  });
  const builtinCopy = join(root, 'builtin');
  cpSync(BUILTIN_TUTORIAL_DIR, builtinCopy, { recursive: true, dereference: true });
  const builtinFiles = filesUnder(builtinCopy).filter((f) => f === 'tutorial.yaml' || f.startsWith('steps/') || f.startsWith('assets/'));
  init = { builtinCopy, builtinFiles };
  const builtin: Record<string, string> = {};
  for (const rel of builtinFiles) builtin[rel] = readFileSync(join(builtinCopy, rel), 'utf8');
  cases = generateCases(SEED, TUTORIALS, PROGRESS, builtin);
}, 60_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

type Outcome = { readonly c: FuzzCase; readonly result?: CaseResult; readonly hang?: boolean; readonly crash?: string };

/** Opens every FIFO under `dir` for writing and closes it: a reader blocked on one gets EOF. */
function unblockFifos(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true }).map(String);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      if (!lstatSync(path).isFIFO()) continue;
      closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // no reader: nothing blocked on it
    }
  }
}

function newWorker(): Worker {
  return new Worker(bundle, { workerData: init, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 48 }, stdout: true, stderr: true });
}

function runOne(worker: Worker, c: FuzzCase, caseRoot: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const done = (o: Outcome): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      resolve(o);
    };
    const onMessage = (result: CaseResult): void => done({ c, result });
    const onError = (error: Error): void => done({ c, crash: `${error.name}: ${error.message}` });
    const onExit = (code: number): void => done({ c, crash: `the worker exited with ${code}` });
    const timer = setTimeout(() => done({ c, hang: true }), CASE_LIMIT_MS);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ case: c, root: caseRoot });
  });
}

/** Every case, `parallel` workers at a time; a worker that hung or crashed is replaced. */
async function runAll(list: readonly FuzzCase[], parallel: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    let worker = newWorker();
    while (next < list.length) {
      const c = list[next++];
      const caseRoot = join(root, `case-${c.index}`);
      const o = await runOne(worker, c, caseRoot);
      outcomes.push(o);
      if (o.hang || o.crash) {
        unblockFifos(caseRoot);
        void worker.terminate();
        worker = newWorker();
      }
    }
    await worker.terminate();
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return outcomes.sort((a, b) => a.c.index - b.c.index);
}

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f\x9b]/;
const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;
const UNEXPECTED = /unexpected error|意外错误|internal error/i;
const PROBLEM_LINE = /^(.+?:\d+:\d+ \S.*|.+?: \S.*|… and \d+ more problems|…… 另有 \d+ 个问题)$/;
const SUMMARY = /^.+(: \d+ steps?, no problems|：\d+ 个步骤，没有问题)/;

/** What is wrong with an outcome, if anything. */
function judge(o: Outcome): string | undefined {
  if (o.hang) return `hung (no answer within ${CASE_LIMIT_MS / 1000} s)`;
  if (o.crash) return `crashed: ${o.crash}`;
  const r = o.result;
  if (!r) return 'no result';
  if (r.thrown) return `threw: ${r.thrown}`;
  const out = `${r.stdout}${r.stderr}`;
  if (UNEXPECTED.test(out)) return 'printed "unexpected error"';
  if (STACK.test(out)) return 'printed a stack trace';
  if (RAW_CONTROL.test(out)) return 'printed a raw control character';
  if (out.length > 200_000) return `printed ${out.length} characters`;
  if (o.c.kind === 'progress') {
    const p = r.progress;
    if (!p || !['none', 'ok', 'corrupt'].includes(p.kind)) return `progress load returned ${JSON.stringify(p)}`;
    if (!p.backupsIntact) return 'an earlier backup was overwritten';
    if (!p.savedAgain) return 'progress could not be saved again afterwards';
    if (o.c.shape === 'valid' && p.kind !== 'ok') return `a valid progress file was ${p.kind}: ${p.error ?? ''}`;
    return undefined;
  }
  if (o.c.viaLoad) {
    const problems = r.problems ?? [];
    if (r.code === 1 && problems.length === 0) return 'did not load, with no problem given';
    for (const p of problems) {
      if (typeof p.file !== 'string' || typeof p.message !== 'string' || p.message === '' || !Number.isInteger(p.line) || !Number.isInteger(p.col)) return `malformed problem ${JSON.stringify(p)}`;
      if (p.message.includes('\n') || RAW_CONTROL.test(p.message)) return `problem with raw control characters: ${JSON.stringify(p.message)}`;
    }
    return undefined;
  }
  if (r.code !== 0 && r.code !== 1) return `lint exited ${r.code}`;
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  if (r.code === 1 && lines.length === 0) return 'lint failed with no problem printed';
  const bad = lines.find((l) => !PROBLEM_LINE.test(l));
  if (bad !== undefined) return `not a problem line: ${JSON.stringify(bad.slice(0, 200))}`;
  if (r.code === 0 && !SUMMARY.test(r.stdout)) return `lint passed without its summary: ${JSON.stringify(r.stdout.slice(0, 200))}`;
  return undefined;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

describe('fuzzed tutorials and progress files', () => {
  it(`${TUTORIALS} tutorials and ${PROGRESS} progress files (seed ${SEED}): no hang, no crash, only clean problems`, async () => {
    const list = ONLY.length > 0 ? cases.filter((c) => ONLY.includes(c.index)) : cases;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const outcomes = await runAll(list, Math.max(2, Math.min(4, availableParallelism())));
    const seconds = (performance.now() - t0) / 1000;
    // CPU of this process, worker threads included: what the fuzzing costs, however busy the machine.
    const cpu = process.cpuUsage(cpu0);
    const failures = outcomes.flatMap((o) => {
      const why = judge(o);
      return why === undefined ? [] : [`case ${o.c.index} (${o.c.kind}: ${o.c.shape}): ${why}`];
    });
    const results = outcomes.flatMap((o) => (o.result ? [o.result] : []));
    const tutorials = outcomes.filter((o) => o.c.kind === 'tutorial');
    const summary = {
      seed: SEED,
      tutorials: tutorials.length,
      tutorialsWithProblems: tutorials.filter((o) => o.result?.code === 1).length,
      progress: outcomes.length - tutorials.length,
      hangs: outcomes.filter((o) => o.hang).length,
      crashes: outcomes.filter((o) => o.crash !== undefined || o.result?.thrown !== undefined).length,
      failures: failures.length,
      seconds: Number(seconds.toFixed(1)),
      cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
      slowestCaseMs: Math.round(Math.max(0, ...results.map((r) => r.ms))),
      peakWorkerHeap: mb(Math.max(0, ...results.map((r) => r.heapTotal))),
      peakRss: mb(process.resourceUsage().maxRSS * 1024),
    };
    console.log(`fuzz: ${JSON.stringify(summary)}`);
    if (process.env['IVOL_FUZZ_PROFILE']) {
      const by = new Map<string, { n: number; ms: number }>();
      for (const o of outcomes) {
        const key = `${o.c.kind}:${o.c.shape.startsWith('built-in') ? 'built-in' : o.c.shape.replace(/[\d^]+/g, '#').slice(0, 40)}`;
        const e = by.get(key) ?? { n: 0, ms: 0 };
        e.n++;
        e.ms += o.result?.ms ?? 0;
        by.set(key, e);
      }
      console.log([...by.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25).map(([k, v]) => `${Math.round(v.ms)}ms ${v.n}x ${k}`).join('\n'));
    }
    const reproduce = `IVOL_FUZZ_SEED=${SEED} IVOL_FUZZ_ONLY=${failures
      .slice(0, 5)
      .map((f) => /^case (\d+)/.exec(f)?.[1])
      .join(',')} npx vitest run test/fuzz.test.ts`;
    expect(failures, `seed ${SEED}; reproduce with: ${reproduce}`).toEqual([]);
    expect(outcomes.length).toBe(list.length);
  }, 180_000);

  it(`a sample of ${BINARY_SAMPLE} through bin/ivol-tour.js lint`, async () => {
    const tutorialCases = cases.filter((c): c is TutorialCase => c.kind === 'tutorial');
    const step = Math.max(1, Math.floor(tutorialCases.length / BINARY_SAMPLE));
    const sample = tutorialCases.filter((_, i) => i % step === 0).slice(0, BINARY_SAMPLE);
    // At least one FIFO, one device and one alias bomb among them (in place of the last ones).
    let slot = sample.length - 1;
    for (const want of ['fifo', '/dev/', 'alias bomb']) {
      const extra = tutorialCases.find((c) => c.shape.includes(want));
      if (extra && !sample.includes(extra)) sample[slot--] = extra;
    }
    const lintBinary = (c: TutorialCase): Promise<Outcome> => {
      const caseRoot = join(root, `bin-case-${c.index}`);
      const dir = join(caseRoot, 'tut');
      materialize(c, dir, init);
      return new Promise((resolve) => {
        const child = spawn(process.execPath, [BIN, 'lint', '--lang', c.lang, dir], { cwd: ROOT, env: { ...process.env, IVOL_TOUR_STATE_DIR: join(caseRoot, 'state') }, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          unblockFifos(caseRoot);
        }, CASE_LIMIT_MS);
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          rmSync(caseRoot, { recursive: true, force: true });
          if (signal === 'SIGKILL') resolve({ c, hang: true });
          else resolve({ c: { ...c, viaLoad: false }, result: { index: c.index, code: code ?? -1, stdout, stderr, ms: 0, heapUsed: 0, heapTotal: 0 } });
        });
      });
    };
    const outcomes: Outcome[] = [];
    for (let i = 0; i < sample.length; i += 2) outcomes.push(...(await Promise.all(sample.slice(i, i + 2).map(lintBinary))));
    const failures = outcomes.flatMap((o) => {
      const why = judge(o);
      return why === undefined ? [] : [`case ${o.c.index} (${o.c.shape}): ${why}`];
    });
    console.log(`fuzz through the binary: ${outcomes.length} cases, ${failures.length} failures (seed ${SEED})`);
    expect(failures, `seed ${SEED}`).toEqual([]);
    expect(outcomes).toHaveLength(BINARY_SAMPLE);
  }, 120_000);
});
