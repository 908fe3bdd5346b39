// Every message key the code names exists in the catalogs (in both languages, by the
// catalogs' type), and every catalog entry has non-empty text in both.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allMessageKeys, hasMessage, t } from '../src/i18n/index.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

const PATTERNS = [
  /\bt\(\s*[\w.]+\s*,\s*'([a-zA-Z][\w.-]*)'/g,
  /\bkey:\s*'([a-zA-Z][\w.-]*\.[\w.-]+)'/g,
  /\bnotice\(\s*'([a-zA-Z][\w.-]*)'/g,
  /\b(?:description|short):\s*'([a-zA-Z][\w.-]*\.[\w.-]+)'/g,
  /\bref\(\s*'([a-zA-Z][\w.-]*\.[\w.-]+)'/g,
  /\bmsg\(\s*'([a-zA-Z][\w.-]*\.[\w.-]+)'/g,
  /\?\s*'(check\.[\w.-]+)'\s*:\s*'(?:check\.[\w.-]+)'/g,
];

describe('message catalogs', () => {
  const root = join(import.meta.dirname, '..', 'src');
  const used = new Map<string, string>();
  for (const file of sources(root)) {
    const text = readFileSync(file, 'utf8');
    for (const re of PATTERNS) for (const m of text.matchAll(re)) if (m[1]) used.set(m[1], file);
  }

  it('finds the keys the code uses', () => {
    expect(used.size).toBeGreaterThan(100);
  });

  // Keys of other things that look like message keys (a kubeconfig's ca.crt).
  const notMessages = /\.(crt|key|pem|json|ya?ml)$/;
  it.each([...used.entries()].filter(([k]) => !k.includes('${') && !notMessages.test(k)))('%s exists', (key) => {
    expect(hasMessage(key)).toBe(true);
  });

  it('has text in English and Chinese for every key', () => {
    for (const key of allMessageKeys()) {
      expect(t('en', key).trim(), key).not.toBe('');
      expect(t('zh-CN', key).trim(), key).not.toBe('');
    }
  });
});
