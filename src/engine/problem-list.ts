// A tutorial's problems and warnings as the lines lint (and the tour, refusing a broken
// tutorial) prints: `file:line:col message`, warnings marked, at most MAX_SHOWN_PROBLEMS of
// each and then how many more there are. Pure.

import { t } from '../i18n/index.js';
import { MAX_SHOWN_PROBLEMS } from './limits.js';
import type { Lang } from '../i18n/types.js';
import { formatProblem } from './tutorial-loader.js';
import type { LoadProblem } from './yaml-reader.js';

export function problemLines(problems: readonly LoadProblem[], lang: Lang, max = MAX_SHOWN_PROBLEMS): string[] {
  const lines = problems.slice(0, max).map(formatProblem);
  if (problems.length > max) lines.push(t(lang, 'lint.moreProblems', { count: problems.length - max }));
  return lines;
}

export function warningLines(warnings: readonly LoadProblem[], lang: Lang, max = MAX_SHOWN_PROBLEMS): string[] {
  return problemLines(
    warnings.map((w) => ({ ...w, message: t(lang, 'lint.warning', { message: w.message }) })),
    lang,
    max,
  );
}
