// A step's text cut into beats: short pages the learner reads one at a time. Pure.
// Format (docs/authoring.md): beats are separated by a line holding only `---` with a blank
// line before it (a Markdown thematic break; without the blank line Markdown reads `---` as
// the underline of a heading). The beat holding `<!-- action -->` is where Enter (run the
// step) is offered; without a marker, the last beat. Separators and markers inside fenced
// code blocks and HTML comments are text, not structure (a YAML document holds `---` too).

/** The HTML comment that marks the beat where the step's action (Enter) is offered. */
export const ACTION_MARKER = '<!-- action -->';

export interface Beat {
  /** The beat's Markdown, without the separators and the blank lines around it. */
  readonly text: string;
  /** 1-based line of the step file where the beat starts (its first line, blank or not). */
  readonly line: number;
  /** Nothing to read: only blank lines and HTML comments. */
  readonly empty: boolean;
  /** 1-based lines of the action markers in this beat. */
  readonly actionLines: readonly number[];
}

export interface SplitResult {
  readonly beats: readonly Beat[];
  /** `---` lines right under a text line: a heading underline, not a separator (1-based lines). */
  readonly headingUnderlines: readonly number[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SEPARATOR = /^---[ \t]*$/;
const MARKER = /^\s*<!--\s*action\s*-->\s*$/;

/** Cuts a step's Markdown into beats (at least one, possibly empty). */
export function splitBeats(markdown: string): SplitResult {
  const lines = markdown.replace(/^\uFEFF/, '').split(/\r?\n/);
  const beats: Beat[] = [];
  const headingUnderlines: number[] = [];
  let start = 0;
  let markers: number[] = [];
  let fence: { char: string; length: number } | null = null;
  let inComment = false;

  const close = (end: number): void => {
    const part = lines.slice(start, end);
    const text = trimBlankLines(part).join('\n');
    beats.push({ text, line: start + 1, empty: isEmpty(text), actionLines: markers });
    markers = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (fence) {
      const m = FENCE.exec(line);
      const run = m?.[1];
      if (run && run[0] === fence.char && run.length >= fence.length && line.trim() === run) fence = null;
      continue;
    }
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    const open = FENCE.exec(line)?.[1];
    if (open) {
      fence = { char: open[0] ?? '`', length: open.length };
      continue;
    }
    if (MARKER.test(line)) {
      markers.push(i + 1);
      continue;
    }
    // A comment that opens and does not close on this line hides what follows until it does.
    const lastOpen = line.lastIndexOf('<!--');
    if (lastOpen >= 0 && !line.includes('-->', lastOpen + 4)) {
      inComment = true;
      continue;
    }
    if (SEPARATOR.test(line)) {
      const before = i > 0 ? (lines[i - 1] ?? '') : '';
      if (i > 0 && before.trim() !== '') {
        headingUnderlines.push(i + 1);
        continue;
      }
      close(i);
      start = i + 1;
    }
  }
  close(lines.length);
  return { beats, headingUnderlines };
}

function trimBlankLines(lines: readonly string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && (lines[a] ?? '').trim() === '') a++;
  while (b > a && (lines[b - 1] ?? '').trim() === '') b--;
  return lines.slice(a, b);
}

/** Whether a beat has nothing to read: blank once its HTML comments are gone. */
function isEmpty(text: string): boolean {
  return text.replace(/<!--[\s\S]*?(-->|$)/g, '').trim() === '';
}
