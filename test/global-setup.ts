// Builds dist/ when it is missing (or its precompiled tutorial is missing or older than the
// tutorial's files), so `vitest run` alone can run the end-to-end tests. A failed build is
// reported, not thrown: the unit tests still run, and the end-to-end tests then fail on the
// missing build with their own message.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { compiledIsFresh } from '../src/adapters/compiled-tutorial.js';
import { BUILTIN_TUTORIAL_DIR, COMPILED_TUTORIAL_FILE } from '../src/adapters/package-paths.js';

export default function setup(): void {
  const root = join(import.meta.dirname, '..');
  if (existsSync(join(root, 'dist', 'cli.js')) && compiledIsFresh(COMPILED_TUTORIAL_FILE, [BUILTIN_TUTORIAL_DIR])) return;
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.stderr.write('test/global-setup: the build failed; end-to-end tests will fail.\n');
}
