import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { wrapLine, wrapText } from './wrap.js';

// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('wrapText', () => {
  it('breaks English at spaces, never wider than the width', () => {
    const lines = wrapLine('The quick brown fox jumps over the lazy dog', 12);
    expect(lines).toEqual(['The quick', 'brown fox', 'jumps over', 'the lazy dog']);
  });

  it('fills Chinese lines to the width, breaking between characters', () => {
    const text = 'Kubernetes 可以把一个 OCI 镜像或制品的内容直接挂载进 Pod，作为一个只读卷。不需要 init 容器去复制文件';
    const lines = wrapLine(text, 20);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(20);
    // Every line but the last is (nearly) full: no ragged half-empty lines.
    for (const l of lines.slice(0, -1)) expect(stringWidth(l)).toBeGreaterThanOrEqual(18);
    expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
  });

  it('never starts a line with closing punctuation', () => {
    const lines = wrapLine('一二三四五，六七八', 10);
    for (const l of lines) expect(l.startsWith('，')).toBe(false);
    expect(lines.join('')).toBe('一二三四五，六七八');
  });

  it('never ends a line with an opening bracket: it goes down with what it opens', () => {
    // "（" then a Latin word that does not fit: the bracket moves down with the word.
    expect(wrapLine('请查看集群（kind-ivol）的节点', 14)).toEqual(['请查看集群', '（kind-ivol）', '的节点']);
    // Before a Chinese character too, and in colour.
    const coloured = wrapLine('一二三四\x1b[36m「五六」\x1b[39m七', 10).map(plain);
    expect(coloured).toEqual(['一二三四', '「五六」七']);
    for (const width of [6, 8, 9, 10, 11, 12, 13, 16]) {
      for (const l of wrapLine('运行 kubectl（或 kind）后，再读回 Pod（检查 image 卷是否还在）。', width).map(plain)) {
        expect(l.endsWith('（')).toBe(false);
        expect(stringWidth(l)).toBeLessThanOrEqual(width);
      }
    }
  });

  it('keeps colours across a break: closed at the end, opened again', () => {
    const lines = wrapLine('\x1b[1mbold words that wrap\x1b[22m plain', 10);
    // eslint-disable-next-line no-control-regex
    expect(lines[0]).toMatch(/^\x1b\[1m.*\x1b\[0m$/);
    expect(lines[1]?.startsWith('\x1b[1m')).toBe(true);
    expect(lines.map(plain)).toEqual(['bold words', 'that wrap', 'plain']);
  });

  it('hard-breaks a word longer than the line', () => {
    expect(wrapLine('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('splits on newlines first', () => {
    expect(wrapText('a b\nc', 10)).toEqual(['a b', 'c']);
  });
});
