// Lines of the output pane from the output log: commands bold, notes dim, command output
// sanitized (colours kept unless NO_COLOR; no cursor movement ever reaches the screen). Pure.
import type { OutputLine } from '../app/output-log.js';
import { createStyler, sanitizeLine } from './text/ansi.js';

export function outputLine(line: OutputLine, color: boolean): string {
  const s = createStyler(color);
  switch (line.kind) {
    case 'command':
      return s.bold(s.fg('cyan', sanitizeLine(line.text, false)));
    case 'note':
      return s.dim(sanitizeLine(line.text, false));
    case 'stdout':
    case 'stderr':
      return sanitizeLine(line.text, color);
  }
}
