// Tiny SGR helpers for pre-rendered lines (Markdown, output). With colour off (NO_COLOR) only
// weight/emphasis are kept, never colours. And a sanitizer for what commands print: SGR
// sequences pass, every other control sequence (cursor moves, clears, OSC) is dropped so that
// a command cannot draw over the tour.

export interface Styler {
  readonly color: boolean;
  bold(s: string): string;
  italic(s: string): string;
  underline(s: string): string;
  dim(s: string): string;
  strike(s: string): string;
  fg(color: FgColor, s: string): string;
}

export type FgColor = 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'gray';

const FG: Record<FgColor, number> = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90 };

function wrapSgr(open: number, close: number, s: string): string {
  return s === '' ? s : `\x1b[${open}m${s}\x1b[${close}m`;
}

export function createStyler(color: boolean): Styler {
  return {
    color,
    bold: (s) => wrapSgr(1, 22, s),
    italic: (s) => wrapSgr(3, 23, s),
    underline: (s) => wrapSgr(4, 24, s),
    dim: (s) => (color ? wrapSgr(2, 22, s) : s),
    strike: (s) => wrapSgr(9, 29, s),
    fg: (c, s) => (color ? wrapSgr(FG[c], 39, s) : s),
  };
}

// CSI ... final byte; OSC ... BEL or ST; other two-byte escapes.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x1b./g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f]|\x1b(?!\[)/g;
// eslint-disable-next-line no-control-regex
const SGR = /^\x1b\[[0-9;:]*m$/;
// eslint-disable-next-line no-control-regex
const SGR_SPLIT = /(\x1b\[[0-9;:]*m)/;

/** One line of command output made safe to draw: SGR kept (or removed without colour), tabs expanded. */
export function sanitizeLine(line: string, color: boolean): string {
  let out = line.replace(ESCAPES, (seq) => (color && SGR.test(seq) ? seq : ''));
  if (out.includes('\t')) out = expandTabs(out);
  out = out.replace(CONTROLS, '');
  // Close any colour left open so it cannot bleed into the next line or the border.
  return color && out.includes('\x1b[') ? `${out}\x1b[0m` : out;
}

export function stripAnsi(s: string): string {
  return s.replace(ESCAPES, '');
}

function expandTabs(s: string): string {
  let col = 0;
  let out = '';
  // Columns of escape sequences do not count; good enough for tabs in command output.
  for (const part of s.split(SGR_SPLIT)) {
    if (part.startsWith('\x1b[')) {
      out += part;
      continue;
    }
    for (const ch of part) {
      if (ch === '\t') {
        const n = 8 - (col % 8);
        out += ' '.repeat(n);
        col += n;
      } else {
        out += ch;
        col++;
      }
    }
  }
  return out;
}
