// Writes fuzz cases to disk (the worker, and the main thread for the sample run through the
// binary). Test code only: never shipped.
import { execFileSync } from 'node:child_process';
import { closeSync, linkSync, mkdirSync, openSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Entry, TutorialCase } from './cases.js';

export interface WorkerInit {
  /** A copy of the built-in tutorial, hard-linked into cases that use it. */
  readonly builtinCopy: string;
  readonly builtinFiles: readonly string[];
}

/** Puts `entry` at `path` (its folder made first). */
export function writeEntry(path: string, entry: Entry): void {
  mkdirSync(dirname(path), { recursive: true });
  switch (entry.kind) {
    case 'text':
      writeFileSync(path, entry.text);
      return;
    case 'bytes':
      writeFileSync(path, entry.bytes);
      return;
    case 'big': {
      const fd = openSync(path, 'w');
      try {
        const chunk = Buffer.alloc(64 * 1024, entry.fill);
        for (let left = entry.size; left > 0; left -= chunk.length) writeSync(fd, chunk, 0, Math.min(left, chunk.length));
      } finally {
        closeSync(fd);
      }
      return;
    }
    case 'fifo':
      execFileSync('mkfifo', [path]);
      return;
    case 'dir':
      mkdirSync(path, { recursive: true });
      return;
    case 'symlink':
      symlinkSync(entry.target, path);
      // A symlink loop: loop-b points back at the link.
      if (entry.target === 'loop-b') symlinkSync(path, join(dirname(path), 'loop-b'));
      return;
    case 'missing':
      return;
  }
}

/** Writes a tutorial case into `dir`; a symlink-escape target is put beside it. */
export function materialize(c: TutorialCase, dir: string, init: WorkerInit): void {
  mkdirSync(dir, { recursive: true });
  // Something outside the folder for symlinks to escape to.
  writeFileSync(join(dir, '..', 'outside.txt'), 'outside\n');
  if (c.base === 'builtin') {
    for (const rel of init.builtinFiles) {
      if (c.files[rel] !== undefined) continue;
      const path = join(dir, ...rel.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      linkSync(join(init.builtinCopy, ...rel.split('/')), path);
    }
  }
  for (const [rel, entry] of Object.entries(c.files)) {
    const path = join(dir, ...rel.split('/'));
    rmSync(path, { recursive: true, force: true });
    writeEntry(path, entry);
  }
}
