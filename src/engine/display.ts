// How text from a tutorial is shown on a terminal: never raw. Control characters, line breaks
// and the invisible characters that reorder or hide text (bidirectional overrides, zero-width
// spaces) are shown escaped, so a value cannot hide part of itself (an argument padded with
// newlines, a `\r` that overwrites what came before) or move the cursor. Long values are cut
// visibly, with their full length stated. Pure.

/** Characters shown escaped: C0 and C1 controls, DEL, line/paragraph separators, bidi and zero-width marks, BOM, lone surrogates. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSAFE_TEST = new RegExp(UNSAFE.source);

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x1b': '\\e', '\0': '\\0', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Whether the text holds anything escapeControls would change. */
export function hasUnsafeChars(text: string): boolean {
  return UNSAFE_TEST.test(text);
}

/** The text with every unsafe character written as an escape (`\n`, `\e`, `\x07`, `\u202e`); backslashes stay as they are. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** How a length is named when a value is cut (the caller's language). */
export type LengthLabel = (chars: number) => string;
const defaultLabel: LengthLabel = (n) => `${n} chars`;

/**
 * The text escaped, and when longer than `max` characters cut to its first part followed by
 * `…(N chars)`, N its full length.
 */
export function shortenValue(text: string, max = 80, label: LengthLabel = defaultLabel): string {
  const chars = text.length;
  if (chars <= max) return escapeControls(text);
  const head = escapeControls(text.slice(0, Math.max(1, max - 20)));
  return `${head}…(${label(chars)})`;
}

/**
 * One argument as a POSIX shell would take it: bare when it is plain, in single quotes
 * otherwise, and as `$'…'` with escapes when it holds characters a terminal would not show as
 * they are (bash, zsh and ksh read that form).
 */
export function quoteArg(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  if (!hasUnsafeChars(arg)) return `'${arg.replace(/'/g, `'\\''`)}'`;
  return `$'${escapeControls(arg.replace(/\\/g, '\\\\')).replace(/'/g, "\\'")}'`;
}

/** An argv as one safe line; each argument longer than `maxArg` is cut visibly, its length stated. */
export function displayArgv(argv: readonly string[], maxArg = 120, label: LengthLabel = defaultLabel): string {
  return argv
    .map((a) => {
      if (a.length <= maxArg) return quoteArg(a);
      return `${quoteArg(a.slice(0, Math.max(1, maxArg - 20)))}…(${label(a.length)})`;
    })
    .join(' ');
}
