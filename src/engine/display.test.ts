import { describe, expect, it } from 'vitest';
import { displayArgv, escapeControls, hasUnsafeChars, quoteArg, shortenValue } from './display.js';
import { shellQuote } from './vars.js';

describe('showing text from a tutorial', () => {
  it.each([
    ['newlines and CR', 'a\nb\rc', 'a\\nb\\rc'],
    ['escape sequences', '\x1b[2J\x1b]0;title\x07', '\\e[2J\\e]0;title\\x07'],
    ['C1 controls and DEL', '\u009b31m\x7f', '\\x9b31m\\x7f'],
    ['bidirectional overrides and zero-width characters', 'a\u202eb\u200bc\u2066', 'a\\u202eb\\u200bc\\u2066'],
    ['line and paragraph separators', 'a\u2028b\u2029', 'a\\u2028b\\u2029'],
    ['a lone surrogate', 'a\ud800b', 'a\\ud800b'],
    ['plain text, Chinese and emoji untouched', 'ls /volume 中文 😀', 'ls /volume 中文 😀'],
  ])('escapes %s', (_name, raw, shown) => {
    expect(escapeControls(raw)).toBe(shown);
    expect(hasUnsafeChars(raw)).toBe(raw !== shown);
  });

  it('cuts long values visibly, with their length', () => {
    expect(shortenValue('x'.repeat(8_000_000), 80)).toBe(`${'x'.repeat(60)}…(8000000 chars)`);
    expect(shortenValue('short')).toBe('short');
  });

  it('quotes arguments as a POSIX shell reads them, $-quoting the ones with control characters', () => {
    expect(quoteArg('kubectl')).toBe('kubectl');
    expect(quoteArg("it's")).toBe(`'it'\\''s'`);
    expect(quoteArg('a\n\nrm -rf ~')).toBe(`$'a\\n\\nrm -rf ~'`);
    expect(quoteArg("back\\slash'\n")).toBe(`$'back\\\\slash\\'\\n'`);
    // The step view and output pane show commands on one line too.
    expect(shellQuote(['sh', '-c', `echo hi${'\n'.repeat(30)}evil`])).toBe(`sh -c $'echo hi${'\\n'.repeat(30)}evil'`);
  });

  it('keeps an argv on one line and cuts long arguments with their length', () => {
    const line = displayArgv(['curl', 'a'.repeat(500), '\n'.repeat(100)], 120, (n) => `${n} characters`);
    expect(line).not.toContain('\n');
    expect(line).toBe(`curl ${'a'.repeat(100)}…(500 characters) $'${'\\n'.repeat(100)}'`);
  });
});
