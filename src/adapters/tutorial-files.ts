// Tutorials on disk: the TutorialSource of the loader over the file system, the built-in
// tutorial's folder, and the list of tutorials shipped with the package.
// Every file is read through safe-file.ts: only regular files, inside the tutorial's folder
// (real paths, symlinks followed), each under the cap of its kind and all of them together
// under MAX_TUTORIAL_TOTAL_BYTES (limits.ts). The bytes read make the tutorial's content hash,
// which its trust is remembered by.

import { createHash } from 'node:crypto';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { MAX_ASSET_BYTES, MAX_MARKDOWN_BYTES, MAX_TUTORIAL_TOTAL_BYTES, MAX_TUTORIAL_YAML_BYTES } from '../engine/limits.js';
import type { Text, TutorialSpec } from '../engine/model.js';
import {
  loadTutorialFrom,
  TUTORIAL_FILE,
  type LoadProblem,
  type SourceFileKind,
  type SourceRead,
  type TutorialSource,
} from '../engine/tutorial-loader.js';
import { TUTORIALS_ROOT } from './package-paths.js';
import { decodeUtf8, isInside, readRegularFile } from './safe-file.js';

export { BUILTIN_TUTORIAL_DIR, findPackageRoot, PACKAGE_ROOT, TUTORIALS_ROOT } from './package-paths.js';

const MAX_BYTES: Readonly<Record<SourceFileKind, number>> = {
  tutorial: MAX_TUTORIAL_YAML_BYTES,
  markdown: MAX_MARKDOWN_BYTES,
  asset: MAX_ASSET_BYTES,
};

export interface DiskSource extends TutorialSource {
  read(relPath: string, kind: SourceFileKind): SourceRead;
  /** sha256 (hex) of every file read so far: each '/'-separated path and its bytes, in path order. */
  contentHash(): string;
}

/** Files under `dir` by '/'-separated relative paths. */
export function diskSource(dir: string): DiskSource {
  let root: string | null | undefined;
  const realRoot = (): string | null => {
    if (root === undefined) {
      try {
        root = realpathSync.native(dir);
      } catch {
        root = null;
      }
    }
    return root;
  };
  const cache = new Map<string, SourceRead>();
  const bytesOf = new Map<string, Buffer>();
  let total = 0;

  const read = (relPath: string, kind: SourceFileKind): SourceRead => {
    const cached = cache.get(relPath);
    if (cached) return cached;
    const result = readOnce(relPath, kind);
    cache.set(relPath, result);
    return result;
  };

  const readOnce = (relPath: string, kind: SourceFileKind): SourceRead => {
    const within = realRoot();
    if (within === null) return { ok: false, problem: { kind: 'missing' } };
    const max = Math.min(MAX_BYTES[kind], MAX_TUTORIAL_TOTAL_BYTES - total);
    const r = readRegularFile(join(dir, ...relPath.split('/')), { maxBytes: Math.max(0, max), within });
    if (!r.ok) {
      switch (r.problem) {
        case 'tooBig':
          // Over the cap of the whole tutorial rather than of this file.
          if (r.max < MAX_BYTES[kind]) return { ok: false, problem: { kind: 'tooMuch', max: MAX_TUTORIAL_TOTAL_BYTES } };
          return { ok: false, problem: { kind: 'tooBig', size: r.size, max: r.max } };
        case 'missing':
          return { ok: false, problem: { kind: 'missing' } };
        case 'notFile':
          return { ok: false, problem: { kind: 'notFile', what: r.what } };
        case 'escapes':
          return { ok: false, problem: { kind: 'escapes', target: r.target } };
        case 'unreadable':
          return { ok: false, problem: { kind: 'unreadable', error: r.error } };
      }
    }
    // Assets are written byte for byte: a BOM they start with is kept.
    const text = decodeUtf8(r.bytes, kind === 'asset');
    if (text === null) return { ok: false, problem: { kind: 'notUtf8' } };
    total += r.bytes.length;
    bytesOf.set(relPath, r.bytes);
    return { ok: true, text };
  };

  return {
    dir,
    read,
    readText(relPath: string): string | null {
      const r = read(relPath, 'asset');
      return r.ok ? r.text : null;
    },
    contentHash(): string {
      const hash = createHash('sha256');
      for (const rel of [...bytesOf.keys()].sort()) {
        const bytes = bytesOf.get(rel) ?? Buffer.alloc(0);
        hash.update(`${rel}\0${bytes.length}\0`);
        hash.update(bytes);
      }
      return hash.digest('hex');
    },
  };
}

function dirProblem(dir: string): 'loader.noDir' | 'loader.notDir' | undefined {
  try {
    return statSync(dir).isDirectory() ? undefined : 'loader.notDir';
  } catch {
    return 'loader.noDir';
  }
}

export type DirLoadResult =
  | { ok: true; tutorial: TutorialSpec; problems: []; warnings: LoadProblem[]; contentHash: string }
  | { ok: false; problems: LoadProblem[]; warnings: LoadProblem[] };

/**
 * Loads the tutorial in `dir`. Problems name files under `dir` as given; the tutorial's `dir`
 * is absolute. A missing folder is a problem like any other, never an exception.
 */
export function loadTutorialDir(dir: string): DirLoadResult {
  const problem = dirProblem(dir);
  if (problem) return { ok: false, problems: [{ file: dir, line: 0, col: 0, message: { key: problem } }], warnings: [] };
  const source = diskSource(dir);
  const result = loadTutorialFrom(source);
  const warnings = result.warnings ?? [];
  if (!result.ok) return { ok: false, problems: result.problems, warnings };
  return { ok: true, tutorial: { ...result.tutorial, dir: resolve(dir) }, problems: [], warnings, contentHash: source.contentHash() };
}

/** Whether `dir` is a tutorial shipped with the package (under its tutorials/ folder): those are trusted. */
export function isBuiltinTutorialDir(dir: string, root: string = TUTORIALS_ROOT): boolean {
  try {
    const real = realpathSync.native(dir);
    const realRoot = realpathSync.native(root);
    return real !== realRoot && isInside(realRoot, real);
  } catch {
    return false;
  }
}

export interface TutorialListing {
  /** The tutorial's id, or its folder's name when it does not load. */
  readonly id: string;
  readonly dir: string;
  /** Absent when the tutorial does not load. */
  readonly title?: Text;
  readonly steps: number;
  /** 0 for a tutorial that loads. */
  readonly problems: number;
}

/** The tutorials in `root` (default: the package's tutorials/ folder), each loaded, by id. */
export function listTutorials(root: string = TUTORIALS_ROOT): TutorialListing[] {
  let names: string[];
  try {
    names = readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
  const listings: TutorialListing[] = [];
  for (const name of names) {
    const dir = join(root, name);
    const present = diskSource(dir).read(TUTORIAL_FILE, 'tutorial');
    if (!present.ok && present.problem.kind === 'missing') continue;
    const result = loadTutorialDir(dir);
    listings.push(
      result.ok
        ? { id: result.tutorial.id, dir, title: result.tutorial.title, steps: result.tutorial.steps.length, problems: 0 }
        : { id: basename(dir), dir, steps: 0, problems: result.problems.length },
    );
  }
  return listings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
