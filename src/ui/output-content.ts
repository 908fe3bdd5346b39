// Lines of the output pane from the output log: commands bold, notes dim, command output
// sanitized (colours kept unless NO_COLOR; no cursor movement ever reaches the screen). Pure.
import type { OutputLine } from '../app/output-log.js';
import { createStyler, sanitizeLine } from './text/ansi.js';

/**
 * One line as drawn. A line whose start was dropped (too long) begins with `cutNote(n)`,
 * dimmed, so that the learner sees it is not the whole line.
 */
export function outputLine(line: OutputLine, color: boolean, cutNote?: (n: number) => string): string {
  const s = createStyler(color);
  const note = line.cut !== undefined && line.cut > 0 && cutNote ? s.dim(cutNote(line.cut)) : '';
  switch (line.kind) {
    case 'command':
      return note + s.bold(s.fg('cyan', sanitizeLine(line.text, false)));
    case 'note':
      return note + s.dim(sanitizeLine(line.text, false));
    case 'stdout':
    case 'stderr':
      return note + sanitizeLine(line.text, color);
  }
}
