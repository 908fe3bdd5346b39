// Tutorials on disk: the TutorialSource of the loader over the file system, the built-in
// tutorial's folder, and the list of tutorials shipped with the package.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Lang, Text } from '../engine/model.js';
import { loadTutorialFrom, TUTORIAL_FILE, type LoadResult, type TutorialSource } from '../engine/tutorial-loader.js';
import { t } from '../i18n/index.js';
import { TUTORIALS_ROOT } from './package-paths.js';

export { BUILTIN_TUTORIAL_DIR, findPackageRoot, PACKAGE_ROOT, TUTORIALS_ROOT } from './package-paths.js';

/** Files under `dir` by '/'-separated relative paths; null when absent or a directory. */
export function diskSource(dir: string): TutorialSource {
  return {
    dir,
    readText(relPath: string): string | null {
      try {
        return readFileSync(join(dir, ...relPath.split('/')), 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
        throw error;
      }
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

/**
 * Loads the tutorial in `dir`. Problems name files under `dir` as given; the tutorial's `dir`
 * is absolute. A missing folder is a problem like any other, never an exception.
 */
export function loadTutorialDir(dir: string, lang: Lang = 'en'): LoadResult {
  const problem = dirProblem(dir);
  if (problem) return { ok: false, problems: [{ file: dir, line: 0, col: 0, message: t(lang, problem) }] };
  const result = loadTutorialFrom(diskSource(dir), { lang });
  if (!result.ok) return result;
  return { ok: true, tutorial: { ...result.tutorial, dir: resolve(dir) }, problems: [] };
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
    if (diskSource(dir).readText(TUTORIAL_FILE) === null) continue;
    const result = loadTutorialDir(dir);
    listings.push(
      result.ok
        ? { id: result.tutorial.id, dir, title: result.tutorial.title, steps: result.tutorial.steps.length, problems: 0 }
        : { id: basename(dir), dir, steps: 0, problems: result.problems.length },
    );
  }
  return listings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
