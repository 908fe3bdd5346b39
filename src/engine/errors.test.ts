import { describe, expect, it } from 'vitest';
import { errorCode, errorMessage } from './errors.js';

describe('errorMessage and errorCode', () => {
  it('an Error gives its message; anything else thrown, itself as text', () => {
    expect(errorMessage(new Error('disk full'))).toBe('disk full');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
  });

  it('a system error gives its code; other values none', () => {
    expect(errorCode(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe('ENOENT');
    expect(errorCode({ code: 'EPERM' })).toBe('EPERM');
    expect(errorCode({ code: 7 })).toBeUndefined();
    expect(errorCode(new Error('x'))).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
    expect(errorCode('ENOENT')).toBeUndefined();
  });
});
