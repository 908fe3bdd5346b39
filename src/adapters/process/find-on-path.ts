// Where an executable is on PATH: the one lookup the tour makes before it runs anything (doctor
// shows the path; the CLI decides whether the real tools are there). A lookup only: nothing
// is run. On Windows a command is found as NAME.exe or NAME.cmd too, as the shell would.

import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

/** The endings tried after the bare name on Windows, in order. */
const WINDOWS_ENDINGS = ['.exe', '.cmd'];

/** The executable's path, or undefined when no directory of PATH holds it. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  const endings = platform === 'win32' ? [...WINDOWS_ENDINGS, ''] : [''];
  const delimiter = platform === 'win32' ? ';' : ':';
  // Windows spells the variable Path; Node's process.env finds it either way, a copied env does not.
  const path = env['PATH'] ?? (platform === 'win32' ? env['Path'] : undefined) ?? '';
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const ending of endings) {
      const candidate = join(dir, name + ending);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** Whether `name` is on PATH. */
export function onPath(name: string, env: NodeJS.ProcessEnv, platform?: NodeJS.Platform): boolean {
  return findOnPath(name, env, platform) !== undefined;
}
