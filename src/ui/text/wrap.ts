// Wraps text that may hold colours (SGR) and hyperlinks (OSC 8) to a width in terminal
// columns, breaking between words and also between CJK characters (Chinese has no spaces: a
// wrapper that breaks only at spaces leaves ragged half-empty lines). Styles that are open at
// a break are closed at the end of the line and opened again on the next one.

import stringWidth from 'string-width';

// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b\[[0-9;]*m|\x1b\]8;[^\x07\x1b]*(?:\x07|\x1b\\)/y;
// eslint-disable-next-line no-control-regex
const RESET = /^\x1b\[0?m$/;
/** Han, kana, Hangul, CJK symbols and punctuation, full-width forms. */
const CJK = /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31a0-\u31ff\u3200-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/u;
/** Punctuation that must not start a line (it stays with the character before it). */
const NO_LINE_START = /^[，。、；：！？）」』》〉】〕”’,.;:!?)\]}]$/u;
/** Opening brackets and quotes that must not end a line (they go with what they open). */
const NO_LINE_END = /^[（「『《〈【〔“‘]$/u;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

type Unit =
  | { readonly kind: 'escape'; readonly text: string }
  | { readonly kind: 'space' }
  | { readonly kind: 'word'; readonly parts: readonly (string | { escape: string })[]; readonly width: number; readonly cjk: boolean };

function tokenize(text: string): Unit[] {
  const units: Unit[] = [];
  let word: (string | { escape: string })[] = [];
  let wordWidth = 0;
  const endWord = (): void => {
    if (word.length > 0) units.push({ kind: 'word', parts: word, width: wordWidth, cjk: false });
    word = [];
    wordWidth = 0;
  };
  let i = 0;
  while (i < text.length) {
    ESCAPE.lastIndex = i;
    const m = ESCAPE.exec(text);
    if (m) {
      if (word.length > 0) word.push({ escape: m[0] });
      else units.push({ kind: 'escape', text: m[0] });
      i += m[0].length;
      continue;
    }
    // The next grapheme up to the next escape.
    const next = text.indexOf('\x1b', i + 1);
    // (A grapheme is short: a bounded look-ahead keeps a long line linear.)
    const chunk = text.slice(i, Math.min(next < 0 ? text.length : next, i + 32));
    const first = segmenter.segment(chunk)[Symbol.iterator]().next().value?.segment ?? chunk.charAt(0);
    i += first.length;
    if (first === ' ' || first === '\t') {
      endWord();
      units.push({ kind: 'space' });
    } else if (CJK.test(first)) {
      endWord();
      units.push({ kind: 'word', parts: [first], width: stringWidth(first), cjk: true });
    } else {
      word.push(first);
      wordWidth += stringWidth(first);
    }
  }
  endWord();
  return units;
}

/** A word (or CJK character) put on the current line: where it starts, to carry it over. */
interface Placed {
  /** Where the line is cut to carry it over (before the spaces in front of it). */
  readonly cut: number;
  /** Where the word itself starts. */
  readonly at: number;
  readonly spaces: number;
  readonly widthBefore: number;
  /** Punctuation that may not start a line. */
  readonly punct: boolean;
  /** An opening bracket or quote: may not end a line. */
  readonly open: boolean;
}

export interface WrapOptions {
  /** Drop spaces at the start of wrapped lines (default true). */
  readonly trim?: boolean;
}

/** The lines of `text` (itself one line: split on \n first) at most `width` columns wide. */
export function wrapLine(text: string, width: number, opts: WrapOptions = {}): string[] {
  const max = Math.max(1, Math.floor(width));
  const trim = opts.trim ?? true;
  if (!text.includes('\x1b') && stringWidth(text) <= max) return [text];
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  let pendingSpaces = 0;
  let active: string[] = [];
  /** The words (or CJK characters) put on this line since a break was possible, to carry them over with punctuation. */
  let placed: Placed[] = [];

  const track = (escape: string): void => {
    if (RESET.test(escape)) active = [];
    else if (escape.startsWith('\x1b[')) active.push(escape);
  };
  const breakLine = (): void => {
    placed = [];
    lines.push(active.length > 0 ? `${line}\x1b[0m` : line);
    line = active.join('');
    lineWidth = 0;
    pendingSpaces = 0;
  };
  const put = (parts: readonly (string | { escape: string })[]): void => {
    for (const p of parts) {
      if (typeof p === 'string') {
        line += p;
        lineWidth += stringWidth(p);
      } else {
        line += p.escape;
        track(p.escape);
      }
    }
  };

  /** The width of what stands on the line from `from` on. */
  const carriedWidth = (from: Placed): number => lineWidth - from.widthBefore - from.spaces;
  /** Breaks the line before `from` and carries it, then `parts`, over to the next line. */
  const carryOver = (from: Placed, parts: readonly (string | { escape: string })[]): void => {
    const width = carriedWidth(from);
    const moved = line.slice(from.at);
    line = line.slice(0, from.cut);
    breakLine();
    line += moved;
    lineWidth = width;
    put(parts);
    placed = [];
  };

  const units = tokenize(text);
  for (let u = 0; u < units.length; u++) {
    const unit = units[u];
    if (!unit) continue;
    if (unit.kind === 'escape') {
      line += unit.text;
      track(unit.text);
      continue;
    }
    if (unit.kind === 'space') {
      pendingSpaces++;
      continue;
    }
    const spaces = lineWidth === 0 && trim && lines.length > 0 ? 0 : pendingSpaces;
    if (lineWidth + spaces + unit.width <= max) {
      const cut = line.length;
      const widthBefore = lineWidth;
      line += ' '.repeat(spaces);
      lineWidth += spaces;
      pendingSpaces = 0;
      const at = line.length;
      put(unit.parts);
      // Any word glued to what follows (a code span before "，" too) may have to move with it
      // (the line then breaks at the spaces before it).
      const head = typeof unit.parts[0] === 'string' ? unit.parts[0] : '';
      placed.push({ cut, at, spaces, widthBefore, punct: NO_LINE_START.test(head), open: NO_LINE_END.test(head) });
      continue;
    }
    // Does not fit, right after an opening bracket (“（” before a Latin word): the bracket
    // moves to the next line with what it opens.
    const last = placed[placed.length - 1];
    if (last?.open && pendingSpaces === 0 && last.widthBefore > 0 && carriedWidth(last) + unit.width <= max) {
      carryOver(last, unit.parts);
      continue;
    }
    // Does not fit. Closing punctuation may not start a line: the word or CJK character
    // before it moves to the next line with it.
    const text0 = typeof unit.parts[0] === 'string' ? unit.parts[0] : '';
    // What moves: the punctuation right before this one (“）。”) and the word before it.
    let from = placed.length - 1;
    while (from > 0 && placed[from]?.punct && placed[from]?.spaces === 0) from--;
    const first = placed[from];
    const glued = first !== undefined && placed.slice(from + 1).every((p) => p.spaces === 0);
    if (NO_LINE_START.test(text0) && pendingSpaces === 0 && first && glued && !first.punct && first.widthBefore > 0 && carriedWidth(first) + unit.width <= max) {
      carryOver(first, unit.parts);
      continue;
    }
    placed = [];
    if (unit.width <= max) {
      if (lineWidth > 0) breakLine();
      else pendingSpaces = 0;
      put(unit.parts);
      continue;
    }
    // A word longer than the line: break it by graphemes.
    if (lineWidth + spaces < max && lineWidth > 0) {
      line += ' '.repeat(spaces);
      lineWidth += spaces;
    } else if (lineWidth > 0) {
      breakLine();
    }
    pendingSpaces = 0;
    for (const p of unit.parts) {
      if (typeof p !== 'string') {
        line += p.escape;
        track(p.escape);
        continue;
      }
      const w = stringWidth(p);
      if (lineWidth + w > max && lineWidth > 0) breakLine();
      line += p;
      lineWidth += w;
    }
  }
  if (!trim && pendingSpaces > 0 && lineWidth + pendingSpaces <= max) line += ' '.repeat(pendingSpaces);
  lines.push(line);
  return lines;
}

/** Every line of `text` wrapped to `width`. */
export function wrapText(text: string, width: number, opts: WrapOptions = {}): string[] {
  return text.split('\n').flatMap((l) => wrapLine(l, width, opts));
}
