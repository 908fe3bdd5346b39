// The one way tests make temporary folders: each is removed after the test file that made it
// (test/setup-file.ts, which vitest runs before every test file, registers the afterAll), so a
// test that forgets to clean up leaves nothing behind. The suite's global setup checks that the
// temp folder holds nothing new at the end (test/global-setup.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** Removes every folder made here that is still there (after each test file). */
export function removeTempDirs(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}
