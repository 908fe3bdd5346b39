// Where the package lives: its root (found from this module, in src/ under vitest or bundled
// in dist/), the built-in tutorial's folder and the precompiled tutorial. Cheap to import:
// no YAML, no loader (the first frame's path imports this module).

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'ivol-tour';

/**
 * The package's root: the nearest folder above this module with the package.json of ivol-tour.
 * The same code runs from src/ (vitest) and bundled from dist/cli.js.
 */
export function findPackageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = resolve(from);
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (pkg.name === PACKAGE_NAME) return dir;
    } catch {
      // no package.json here, or not readable: keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export const PACKAGE_ROOT: string = findPackageRoot() ?? process.cwd();
export const TUTORIALS_ROOT: string = join(PACKAGE_ROOT, 'tutorials');
export const BUILTIN_TUTORIAL_DIR: string = join(TUTORIALS_ROOT, 'image-volume');
/** The built-in tutorial, loaded and checked at build time (scripts/build.mjs). */
export const COMPILED_TUTORIAL_FILE: string = join(PACKAGE_ROOT, 'dist', 'tutorials', 'image-volume.json');
