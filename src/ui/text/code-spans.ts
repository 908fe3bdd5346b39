// Backticks in the tour's messages (diagnoses, hints, check details) mark code, as in the step
// texts' Markdown: with colour they are drawn as code (cyan, as the step view draws `code`) and the
// backticks go; without colour the backticks stay, the only mark left. Pure.
import type { Styler } from './ansi.js';

/** A message's text with `code` styled, the rest styled by `plain` (applied per piece, so that the code's colour does not end the rest's). */
export function withCode(text: string, s: Styler, plain: (t: string) => string = (t) => t): string {
  if (!s.color) return plain(text);
  return text
    .split(/(`[^`\n]+`)/)
    .map((part) => (part.length > 2 && part.startsWith('`') && part.endsWith('`') ? s.fg('cyan', part.slice(1, -1)) : part === '' ? '' : plain(part)))
    .join('');
}
