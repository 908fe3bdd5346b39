// Runs fuzz cases in a worker thread (bundled by test/fuzz.test.ts with esbuild): writes each
// case to its own folder, puts it through the code of `ivol-tour lint DIR` (lintCommand), of
// loading a tutorial (loadTutorialDir) or of loading progress (createProgressStore().load),
// reports what came out, and removes the folder. The main thread judges the results and
// limits the time per case. Test code only: never shipped.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { loadTutorialDir } from '../../src/adapters/tutorial-files.js';
import { createProgressStore } from '../../src/adapters/store/progress-store.js';
import { lintCommand } from '../../src/commands/lint.js';
import { tRef } from '../../src/i18n/index.js';
import type { FuzzCase, ProgressCase, TutorialCase } from './cases.js';
import { materialize, writeEntry, type WorkerInit } from './materialize.js';

export type { WorkerInit } from './materialize.js';
export interface CaseResult {
  readonly index: number;
  /** lint: its exit status; load: 0 loaded, 1 problems; progress: 0. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** load: the problems' fields, to check they are well formed. */
  readonly problems?: readonly { file: unknown; line: unknown; col: unknown; message: unknown }[];
  /** progress: what load returned, and whether earlier backups are intact. */
  readonly progress?: { kind: string; movedTo?: string; error?: string; backupsIntact: boolean; savedAgain: boolean };
  /** Thrown out of the code under test (a crash). */
  readonly thrown?: string;
  readonly ms: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
}

const init = workerData as WorkerInit;

function runTutorial(c: TutorialCase, root: string): Omit<CaseResult, 'ms' | 'heapUsed' | 'heapTotal'> {
  const dir = join(root, 'tut');
  materialize(c, dir, init);
  let stdout = '';
  let stderr = '';
  if (c.viaLoad) {
    const r = loadTutorialDir(dir);
    return { index: c.index, code: r.ok ? 0 : 1, stdout, stderr, problems: r.problems.map((p) => ({ file: p.file, line: p.line, col: p.col, message: tRef(c.lang, p.message) })) };
  }
  const code = lintCommand(dir, c.lang, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { index: c.index, code, stdout, stderr };
}

function runProgress(c: ProgressCase, root: string): Omit<CaseResult, 'ms' | 'heapUsed' | 'heapTotal'> {
  const store = createProgressStore(join(root, 'state'));
  const path = store.pathFor('t', 'c');
  mkdirSync(dirname(path), { recursive: true });
  const backups: [string, string][] = [];
  for (let n = 0; n < c.backups; n++) {
    const backup = n === 0 ? `${path}.corrupt` : `${path}.corrupt.${n}`;
    writeFileSync(backup, `backup ${n}`);
    backups.push([backup, `backup ${n}`]);
  }
  writeEntry(path, c.entry);
  const r = store.load('t', 'c');
  const backupsIntact = backups.every(([p, text]) => existsSync(p) && readFileSync(p, 'utf8') === text);
  let savedAgain = true;
  try {
    store.save({ tutorial: 't', cluster: 'c', current: 'a', statuses: {} });
    savedAgain = store.load('t', 'c').kind === 'ok';
  } catch {
    savedAgain = false;
  }
  return {
    index: c.index,
    code: 0,
    stdout: '',
    stderr: '',
    progress: {
      kind: r.kind,
      ...(r.kind === 'corrupt' ? { error: r.error, ...(r.movedTo !== undefined ? { movedTo: r.movedTo } : {}) } : {}),
      backupsIntact,
      savedAgain,
    },
  };
}

function run(c: FuzzCase, root: string): CaseResult {
  const t0 = performance.now();
  let result: Omit<CaseResult, 'ms' | 'heapUsed' | 'heapTotal'>;
  try {
    result = c.kind === 'tutorial' ? runTutorial(c, root) : runProgress(c, root);
  } catch (error) {
    result = { index: c.index, code: -1, stdout: '', stderr: '', thrown: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  const ms = performance.now() - t0;
  const heap = getHeapStatistics();
  return { ...result, ms, heapUsed: heap.used_heap_size, heapTotal: heap.total_heap_size };
}

parentPort?.on('message', (msg: { case: FuzzCase; root: string }) => {
  const root = msg.root;
  mkdirSync(root, { recursive: true });
  const result = run(msg.case, root);
  try {
    // Never leave a FIFO a later `rm` could block on: removing does not open it.
    rmSync(root, { recursive: true, force: true });
  } catch {
    // the main thread removes everything at the end
  }
  parentPort?.postMessage(result);
});
