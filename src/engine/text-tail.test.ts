import { describe, expect, it } from 'vitest';
import { TextTail, copyOf } from './text-tail.js';

describe('TextTail', () => {
  it('keeps the last `limit` characters and counts the dropped ones', () => {
    const t = new TextTail(5);
    t.append('abc');
    expect([t.text(), t.dropped()]).toEqual(['abc', 0]);
    t.append('defgh');
    expect([t.text(), t.dropped()]).toEqual(['defgh', 3]);
    for (let i = 0; i < 1000; i++) t.append('xy');
    expect(t.text()).toBe('yxyxy');
    expect(t.dropped()).toBe(8 + 2000 - 5);
  });

  it('a chunk longer than the limit replaces everything', () => {
    const t = new TextTail(4);
    t.append('ab');
    t.append('0123456789');
    expect([t.text(), t.dropped()]).toEqual(['6789', 8]);
  });

  it('copyOf is equal to its input', () => {
    const big = 'é'.repeat(100_000) + 'end';
    expect(copyOf(big.slice(-10))).toBe(big.slice(-10));
    expect(copyOf('')).toBe('');
  });
});
