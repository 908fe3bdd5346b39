// Code and commands wrapped to a pane's width instead of cut with "…". Pure.
//
// Code lines (YAML, a Dockerfile, a listing) break between words where they can; every line
// after the first of a broken line starts with a visible mark (↪), indented as the line was,
// so that no one mistakes it for a line of its own.
//
// Shell commands break between arguments, each broken line ending with ` \` (the shell's line
// continuation), so that what a learner copies from the terminal runs as one command. An
// argument wider than a line is split too, as the shell reads it back as one word: the piece
// ends with `\` right after it and the rest starts at the beginning of the next line
// (backslash-newline is removed before words are split), each piece quoted on its own where
// it needs quotes ('ab'\⏎'cd' is the word abcd).

import stringWidth from 'string-width';
import { quoteArg } from '../../engine/display.js';
import { wrapLine } from './wrap.js';

/** The mark that starts the continuation of a broken code line. */
export const CONTINUATION_MARK = '↪';

// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[[0-9;]*m/g;
const plainWidth = (s: string): number => stringWidth(s.replace(SGR, ''));

/**
 * One code line (SGR allowed) as lines at most `width` columns wide: continuation lines start
 * with the line's own indentation and `mark(↪) `. `mark` styles the mark (dim, say).
 */
export function wrapCodeLine(line: string, width: number, mark: (s: string) => string = (s) => s): string[] {
  const max = Math.max(4, Math.floor(width));
  if (plainWidth(line) <= max) return [line];
  const indent = /^ */.exec(line.replace(SGR, ''))?.[0].length ?? 0;
  // Deeply indented lines keep at least half the width for their text.
  const lead = Math.min(indent, Math.floor(max / 2));
  const prefix = `${' '.repeat(lead)}${mark(CONTINUATION_MARK)} `;
  // Every piece as wide as a continuation's room (the first line's indent is its own text).
  const pieces = wrapLine(line, max - lead - 2);
  return pieces.map((l, i) => (i === 0 ? l : prefix + l));
}

/**
 * A file path as lines at most `width` columns wide: broken after a `/` where it can (a
 * directory name stays whole), each line after the first starting with `mark(↪) `. A name
 * wider than a line is broken by characters.
 */
export function wrapPath(path: string, width: number, mark: (s: string) => string = (s) => s): string[] {
  const max = Math.max(4, Math.floor(width));
  if (stringWidth(path) <= max) return [path];
  const lines: string[] = [];
  let line = '';
  const room = (): number => (lines.length === 0 ? max : max - 2);
  for (const part of path.split(/(?<=\/)/)) {
    if (line !== '' && stringWidth(line + part) > room()) {
      lines.push(line);
      line = '';
    }
    line += part;
    while (stringWidth(line) > room()) {
      let head = '';
      for (const ch of line) {
        if (stringWidth(head + ch) > room()) break;
        head += ch;
      }
      lines.push(head);
      line = line.slice(head.length);
    }
  }
  if (line !== '') lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : `${mark(CONTINUATION_MARK)} ${l}`));
}

export interface ShellWrapOptions {
  /** Written before the first line ("$ "); its width is the indent of the lines after it. */
  readonly prompt?: string;
}

/**
 * A command as shell lines at most `width` columns wide (plain text, no styling): breaks at
 * argument boundaries with ` \`; an argument wider than a line is split as the shell joins it
 * back (see the top of this file). The first line starts with `prompt`.
 */
export function wrapShellCommand(argv: readonly string[], width: number, opts: ShellWrapOptions = {}): string[] {
  const prompt = opts.prompt ?? '';
  const max = Math.max(8, Math.floor(width));
  const indent = ' '.repeat(Math.min(stringWidth(prompt), 4) || 2);
  const lines: string[] = [];
  let line = prompt;
  let empty = true; // no argument on `line` yet
  argv.forEach((arg, i) => {
    const word = quoteArg(arg);
    const last = i === argv.length - 1;
    const sep = empty ? '' : ' ';
    // Room for ` \` unless this is the last word (nothing follows it then).
    const reserve = last ? 0 : 2;
    if (stringWidth(line) + stringWidth(sep + word) + reserve <= max) {
      line += sep + word;
      empty = false;
      return;
    }
    if (!empty) {
      lines.push(`${line} \\`);
      line = indent;
      empty = true;
    }
    if (stringWidth(line) + stringWidth(word) + reserve <= max) {
      line += word;
      empty = false;
      return;
    }
    // Wider than a line: pieces joined by backslash-newline, each continuation at column 0.
    const pieces = splitArg(arg, max - stringWidth(line) - 1, max - 1);
    pieces.forEach((piece, p) => {
      if (p > 0) line = '';
      line += quoteArg(piece);
      if (p < pieces.length - 1) {
        lines.push(`${line}\\`);
      }
    });
    empty = false;
  });
  lines.push(line);
  return lines;
}

/** `arg` cut into pieces whose quoted form fits `firstRoom` columns (the first) and `room` (the others). */
function splitArg(arg: string, firstRoom: number, room: number): string[] {
  const pieces: string[] = [];
  const chars = [...arg];
  let piece = '';
  let limit = Math.max(4, firstRoom);
  for (const ch of chars) {
    if (piece !== '' && stringWidth(quoteArg(piece + ch)) > limit) {
      pieces.push(piece);
      piece = '';
      limit = Math.max(4, room);
    }
    piece += ch;
  }
  pieces.push(piece);
  return pieces;
}

/**
 * A line of a shell code block wider than `width`, broken between its words with ` \`
 * (continuations indented two columns). Words are read as the shell reads them (quotes and
 * backslashes keep spaces inside a word); a line with a comment is left whole, as a backslash
 * in a comment continues nothing. A word wider than a line stays whole (the caller wraps it
 * with a mark).
 */
export function wrapShellLine(line: string, width: number): string[] {
  const max = Math.max(8, Math.floor(width));
  if (stringWidth(line) <= max) return [line];
  const words = shellWords(line);
  if (!words || words.length < 2) return [line];
  const indent = /^ */.exec(line)?.[0] ?? '';
  const cont = `${indent}  `;
  const lines: string[] = [];
  let current = indent;
  let empty = true;
  words.forEach((word, i) => {
    const reserve = i === words.length - 1 ? 0 : 2;
    const sep = empty ? '' : ' ';
    if (empty || stringWidth(current + sep + word) + reserve <= max) {
      current += sep + word;
      empty = false;
      return;
    }
    lines.push(`${current} \\`);
    current = cont + word;
  });
  lines.push(current);
  return lines;
}

/** The words of a shell line as written (quotes kept), or null when it holds a comment or an open quote. */
function shellWords(line: string): string[] | null {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (quote) {
      word += ch;
      if (ch === '\\' && quote === '"') word += line[++i] ?? '';
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      if (word !== '') words.push(word);
      word = '';
      continue;
    }
    if (ch === '#' && word === '') return null;
    if (ch === '\\') {
      word += ch + (line[++i] ?? '');
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    word += ch;
  }
  if (quote) return null;
  if (word !== '') words.push(word);
  return words;
}
