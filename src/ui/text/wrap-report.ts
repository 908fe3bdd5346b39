// Plain-text reports (doctor, run, cleanup, prepare, room) wrapped for a terminal: each long
// line goes on under its own text, and a `command` in it still pastes as one. Pure.

import stringWidth from 'string-width';
import { wrapShellLine } from './wrap-code.js';
import { wrapLine } from './wrap.js';

/** Holds a command's words together while wrapping (turned back into spaces after). */
const NBSP = '\u00a0';
const CODE_SPAN = /`[^`\n]+`/g;

/**
 * A report line's text as lines to wrap, so that a `command` in it still pastes as one: a
 * command that fits a line stays whole on one line (its spaces do not break); a longer one starts
 * a line of its own and is broken between its words with ` \` (the shell's line continuation),
 * the text after it going on from its last line.
 */
function keepCommandsWhole(text: string, room: number): string[] {
  const lines: string[] = [];
  let current = '';
  let last = 0;
  for (const m of text.matchAll(CODE_SPAN)) {
    current += text.slice(last, m.index);
    last = m.index + m[0].length;
    // (One column to spare: punctuation right after it stays on its line.)
    if (stringWidth(m[0]) < room) {
      current += m[0].replaceAll(' ', NBSP);
      continue;
    }
    // Broken as a shell reads it (a quoted word stays whole); the report's own hanging indent
    // takes the place of wrapShellLine's two-column one.
    const pieces = wrapShellLine(m[0], room).map((l, i) => (i === 0 ? l : l.replace(/^ {2}/, '')));
    if (current.trim() !== '') lines.push(current.trimEnd());
    lines.push(...pieces.slice(0, -1));
    current = (pieces[pieces.length - 1] ?? '').replaceAll(' ', NBSP);
  }
  lines.push(current + text.slice(last));
  return lines;
}

/** What a report line may start with, after its indentation: a marker. Its wrapped lines align after it. */
const HANGING_HEAD = /^ *(?:[✗✓→·•*$-] +)?/u;

/**
 * A plain-text report for a terminal `width` columns wide (none: not a terminal, the text as it
 * is): each longer line is wrapped (between
 * words, and between Chinese characters), its continuation lines indented under its text, after
 * the line's own indentation and marker ("  ✗ ", "    → ", "    $ "), or after `label` when the
 * line starts with it ("    cause: "), so that a terminal's own wrap never cuts a word or a
 * command in two. A `command` is kept whole, or broken with ` \` (it still pastes as one).
 */
export function wrapHanging(text: string, width: number | undefined, label?: string): string {
  if (width === undefined) return text;
  return text
    .split('\n')
    .map((line) => {
      if (stringWidth(line) <= width) return line;
      const head = label !== undefined && line.startsWith(label) ? label : (HANGING_HEAD.exec(line)?.[0] ?? '');
      const indent = Math.min(stringWidth(head), Math.floor(width / 2));
      return keepCommandsWhole(line.slice(head.length), width - indent)
        .flatMap((l) => wrapLine(l, width - indent))
        .map((l, i) => (i === 0 ? head : ' '.repeat(indent)) + l.replaceAll(NBSP, ' '))
        .join('\n');
    })
    .join('\n');
}
