import { describe, expect, it } from 'vitest';
import { isRecord, recordOf } from './shape.js';

describe('values of unknown shape', () => {
  it('only a plain object is a map', () => {
    expect([{}, { a: 1 }].map(isRecord)).toEqual([true, true]);
    expect([null, undefined, [], 'x', 1, true].map(isRecord)).toEqual([false, false, false, false, false, false]);
  });

  it('what is not a map reads as an empty one', () => {
    expect(recordOf({ kind: 'Pod' })).toEqual({ kind: 'Pod' });
    expect(recordOf(['kind'])).toEqual({});
    expect(recordOf(null)).toEqual({});
  });
});
