import { describe, expect, it } from 'vitest';
import { headerParts } from './Header.js';

const parts = [
  { text: 'REAL', drop: 4 },
  { text: 'cluster ivol', drop: 2 },
  { text: 'context kind-ivol', drop: 3 },
  { text: 'profile containerd', drop: 1 },
  { text: 'English', drop: 0 },
];

describe('the header row', () => {
  it('keeps every part when they fit', () => {
    expect(headerParts(parts, 200)).toBe('REAL · cluster ivol · context kind-ivol · profile containerd · English');
  });

  it('drops whole parts, the least needed first, never cutting one with "…"', () => {
    expect(headerParts(parts, 60)).toBe('REAL · cluster ivol · context kind-ivol · profile containerd');
    expect(headerParts(parts, 45)).toBe('REAL · cluster ivol · context kind-ivol');
    expect(headerParts(parts, 30)).toBe('REAL · context kind-ivol');
    expect(headerParts(parts, 10)).toBe('REAL');
    expect(headerParts([null, ...parts.slice(1)], 10)).toBe('context kind-ivol');
  });
});
