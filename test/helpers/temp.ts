// The one way tests make temporary folders: each is removed after the test file that made it
// (an afterAll registered when this module is imported, the way Testing Library's auto-cleanup
// registers its hook), so a test that forgets to clean up leaves nothing behind. The suite's
// global setup checks that the temp folder holds nothing new at the end (test/global-setup.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made = new Set<string>();

/** A new folder under the temp folder, removed after this test file (or earlier by removeTempDir). */
export function tempDir(prefix = 'ivol-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  made.delete(dir);
}

// Outside vitest (a benchmark script importing a test fixture) there is no test file to follow.
if (process.env['VITEST']) {
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
    made.clear();
  });
}
