// The rows of the output pane: the end of a step's output (or further back, scrolled), each
// line wrapped to the pane's width with a ↪ mark on its continuation rows, or, when the
// learner asked for it (w, like less -S), one row per line cut at the edge. Pure. Only the
// lines that show are wrapped: from the end back, as far as the window reaches.
import { wrapCodeLine } from './text/wrap-code.js';

export interface OutputWindowOptions {
  readonly width: number;
  readonly height: number;
  /** Rows scrolled back from the end; 0 follows the output. */
  readonly back: number;
  /** One row per line, cut at the edge (no wrapping). */
  readonly cut: boolean;
  /** Styles the continuation mark (dim). */
  readonly mark?: (s: string) => string;
}

export interface OutputWindow {
  readonly rows: readonly string[];
  /** `back` as far as the output allows. */
  readonly back: number;
  /** The window starts at the first line of the output. */
  readonly atStart: boolean;
}

/** The window of `lines` that the pane shows; `render` draws a line (SGR allowed), only those that may show. */
export function outputWindow<T>(lines: readonly T[], render: (line: T) => string, opts: OutputWindowOptions): OutputWindow {
  const height = Math.max(0, opts.height);
  const need = Math.max(0, opts.back) + height;
  const rows: string[][] = [];
  let count = 0;
  let i = lines.length - 1;
  for (; i >= 0 && count < need; i--) {
    const item = lines[i];
    const line = item === undefined ? '' : render(item);
    const parts = opts.cut ? [line] : wrapCodeLine(line, opts.width, opts.mark);
    rows.push(parts);
    count += parts.length;
  }
  const all = rows.reverse().flat();
  const reachedStart = i < 0;
  const maxBack = reachedStart ? Math.max(0, all.length - height) : Math.max(0, opts.back);
  const back = Math.min(Math.max(0, opts.back), maxBack);
  const end = all.length - back;
  const start = Math.max(0, end - height);
  return { rows: all.slice(start, end), back, atStart: reachedStart && start === 0 };
}
