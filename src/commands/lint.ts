// `ivol-tour lint <dir>`: every problem of a tutorial as `file:line:col message` on stderr
// (exit 1), or a one-line summary on stdout (exit 0). Warnings (programs other than the tools
// the tour is about, which a learner will be asked to trust) are printed too, marked
// `warning:`, and do not change the exit status.

import { loadTutorialDir } from '../adapters/tutorial-files.js';
import { problemLines, warningLines } from '../engine/problem-list.js';
import { formatProblem } from '../engine/tutorial-loader.js';
import { displayPath } from '../engine/yaml-reader.js';
import { BEAT_FIT_SIZE, beatsTooLong } from '../ui/beat-fit.js';
import { t, translator } from '../i18n/index.js';
import type { Lang } from '../i18n/types.js';

export interface LintOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export function lintCommand(dir: string, lang: Lang, out: LintOutput): number {
  const result = loadTutorialDir(dir);
  const text = translator(lang);
  for (const line of problemLines(result.problems, text)) out.stderr(line + '\n');
  for (const line of warningLines(result.warnings, text)) out.stderr(line + '\n');
  if (!result.ok) return 1;
  // Every beat fits the step view at 80×24 (measured with the step view's own layout).
  const tooLong = beatsTooLong(result.tutorial);
  for (const b of tooLong) {
    const file = displayPath(dir, `steps/${b.stepId}.${b.lang}.md`);
    const size = `${BEAT_FIT_SIZE.cols}×${BEAT_FIT_SIZE.rows}`;
    out.stderr(formatProblem({ file, line: b.line, col: 1 }, t(lang, 'reading.lint.beatTooLong', { id: b.stepId, lang: b.lang, beat: b.beat, count: b.count, lines: b.lines, max: b.max, size })) + '\n');
  }
  if (tooLong.length > 0) return 1;
  const shown = dir.replace(/[\\/]+$/, '') || dir;
  const steps = result.tutorial.steps.length;
  const summary = t(lang, steps === 1 ? 'lint.okOne' : 'lint.ok', { dir: shown, steps });
  const warned = result.warnings.length > 0 ? t(lang, 'lint.warningsCount', { count: result.warnings.length }) : '';
  out.stdout(summary + warned + '\n');
  return 0;
}
