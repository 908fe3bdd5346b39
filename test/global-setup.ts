// Builds dist/ when it is missing (or its precompiled tutorial is missing or older than the
// tutorial's files), so `vitest run` alone can run the end-to-end tests. A failed build is
// reported, not thrown: the unit tests still run, and the end-to-end tests then fail on the
// missing build with their own message. Then packs the package once (`npm pack`, of dist/ as
// built) for the tests of the published package (test/package.test.ts); removed afterwards.
// The suite gets a temp folder of its own (TMPDIR, inherited by the test workers and every
// process they start); at the end it must be empty: anything left is listed and fails the run
// (test/helpers/temp.ts is the way to make folders that clean up after themselves).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { compiledIsFresh } from '../src/adapters/compiled-tutorial.js';
import { BUILTIN_TUTORIAL_DIR, COMPILED_TUTORIAL_FILE } from '../src/adapters/package-paths.js';
import { packProject, type Packed } from './helpers/package.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The packed package, or why there is none. */
    packed: Packed | { readonly error: string };
  }
}

/** Made by tools rather than by tests (Node's and Vite's compile caches), so not leftovers. */
const TOOL_CACHES = new Set(['node-compile-cache']);

export default function setup(project: TestProject): () => void {
  const root = join(import.meta.dirname, '..');
  const systemTemp = tmpdir();
  const suiteTemp = mkdtempSync(join(systemTemp, 'ivol-tests-'));
  process.env['TMPDIR'] = suiteTemp;
  if (!existsSync(join(root, 'dist', 'cli.js')) || !compiledIsFresh(COMPILED_TUTORIAL_FILE, [BUILTIN_TUTORIAL_DIR])) {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.stderr.write('test/global-setup: the build failed; end-to-end tests will fail.\n');
  }
  const packDir = mkdtempSync(join(tmpdir(), 'ivol-pack-'));
  try {
    project.provide('packed', packProject(packDir));
  } catch (error) {
    project.provide('packed', { error: error instanceof Error ? error.message : String(error) });
  }
  return () => {
    rmSync(packDir, { recursive: true, force: true });
    const left = readdirSync(suiteTemp).filter((name) => !TOOL_CACHES.has(name));
    rmSync(suiteTemp, { recursive: true, force: true });
    process.env['TMPDIR'] = systemTemp;
    if (left.length > 0) {
      // A throw here is printed but does not change vitest's exit status: set it.
      process.stderr.write(`\ntest/global-setup: FAILED: the tests left ${left.length} entries in the temp folder (make them with test/helpers/temp.ts): ${left.sort().join(', ')}\n`);
      process.exitCode = 1;
    }
  };
}
