import { describe, expect, it } from 'vitest';
import { splitBeats } from './step-beats.js';

describe('splitBeats', () => {
  it('cuts at a line holding only --- with a blank line before it', () => {
    const r = splitBeats('# Title\n\nWhy.\n\n---\n\nHow.\n\n---\n\nMore.\n');
    expect(r.beats.map((b) => b.text)).toEqual(['# Title\n\nWhy.', 'How.', 'More.']);
    expect(r.beats.map((b) => b.line)).toEqual([1, 6, 10]);
    expect(r.beats.every((b) => !b.empty)).toBe(true);
    expect(r.headingUnderlines).toEqual([]);
  });

  it('a text with no separator is one beat; CRLF and a BOM are fine', () => {
    expect(splitBeats('\uFEFF# A\r\n\r\nText.\r\n').beats.map((b) => b.text)).toEqual(['# A\n\nText.']);
  });

  it('--- inside a fenced code block or an HTML comment is text (a YAML document separator)', () => {
    const md = 'A\n\n```yaml\na: 1\n\n---\n\nb: 2\n```\n\n<!--\n\n---\n\n-->\n\nB\n\n~~~~\n\n---\n~~~\n\n---\n~~~~\n\n---\n\nC\n';
    const r = splitBeats(md);
    expect(r.beats).toHaveLength(2);
    expect(r.beats[0]?.text).toContain('b: 2');
    expect(r.beats[1]?.text).toBe('C');
  });

  it('finds the action marker and says which beat holds it', () => {
    const r = splitBeats('A\n\n---\n\nB\n\n<!-- action -->\n\n---\n\nC\n');
    expect(r.beats.map((b) => b.actionLines)).toEqual([[], [7], []]);
    // A marker shown in a code block is not one.
    expect(splitBeats('```\n<!-- action -->\n```\n').beats[0]?.actionLines).toEqual([]);
  });

  it('reports empty beats: only blank lines and comments', () => {
    const r = splitBeats('---\n\nA\n\n---\n\n<!-- source: x -->\n\n---\n');
    expect(r.beats.map((b) => b.empty)).toEqual([true, false, true, true]);
  });

  it('--- right under text is a heading underline, not a separator, and is reported', () => {
    const r = splitBeats('Title\n---\n\nText\n');
    expect(r.beats).toHaveLength(1);
    expect(r.headingUnderlines).toEqual([2]);
  });
});
