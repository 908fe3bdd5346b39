// A tutorial's problems and warnings as the lines lint (and the tour, refusing a broken
// tutorial) prints: `file:line:col message`, warnings marked, at most MAX_SHOWN_PROBLEMS of
// each and then how many more there are. Pure: the caller hands in the language's `text`.

import type { MessageRef, Translate } from '../i18n/types.js';
import { MAX_SHOWN_PROBLEMS } from './limits.js';
import { formatProblem } from './tutorial-loader.js';
import type { LoadProblem } from './yaml-reader.js';

export function problemLines(problems: readonly LoadProblem[], text: Translate, max = MAX_SHOWN_PROBLEMS): string[] {
  return lines(problems, (p) => p.message, text, max);
}

export function warningLines(warnings: readonly LoadProblem[], text: Translate, max = MAX_SHOWN_PROBLEMS): string[] {
  return lines(warnings, (w) => ({ key: 'lint.warning', params: { message: w.message } }), text, max);
}

function lines(problems: readonly LoadProblem[], message: (p: LoadProblem) => MessageRef, text: Translate, max: number): string[] {
  const out = problems.slice(0, max).map((p) => formatProblem(p, text(message(p))));
  if (problems.length > max) out.push(text({ key: 'lint.moreProblems', params: { count: problems.length - max } }));
  return out;
}
