// `ivol-tour lint <dir>`: every problem of a tutorial as `file:line:col message` on stderr
// (exit 1), or a one-line summary on stdout (exit 0).

import { loadTutorialDir } from '../adapters/tutorial-files.js';
import type { Lang } from '../engine/model.js';
import { formatProblem } from '../engine/tutorial-loader.js';
import { t } from '../i18n/index.js';

export interface LintOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export function lintCommand(dir: string, lang: Lang, out: LintOutput): number {
  const result = loadTutorialDir(dir, lang);
  if (!result.ok) {
    for (const p of result.problems) out.stderr(formatProblem(p) + '\n');
    return 1;
  }
  const shown = dir.replace(/[\\/]+$/, '') || dir;
  const steps = result.tutorial.steps.length;
  out.stdout(t(lang, steps === 1 ? 'lint.okOne' : 'lint.ok', { dir: shown, steps }) + '\n');
  return 0;
}
