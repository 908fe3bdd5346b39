// Every message key the code names exists in the catalogs (the compiler checks the typed keys;
// this also finds keys written in plain strings), every catalog entry has non-empty text in
// English and Chinese, and the messages a language lacks (shown in English) are listed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../src/engine/model.js';
import type { LookupEntry } from '../src/i18n/catalog.js';
import { allMessageKeys, isMessageKey, missingMessages, t } from '../src/i18n/index.js';
import { messages } from '../src/i18n/messages/index.js';
import type { CompleteLang, Lang, MessageKey } from '../src/i18n/types.js';

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
    expect(isMessageKey(key)).toBe(true);
  });

  it('has text in English and Chinese for every key', () => {
    // The entries as written: t() would show a missing translation in English.
    const written: Readonly<Record<MessageKey, LookupEntry>> = messages;
    for (const key of allMessageKeys()) {
      expect(written[key].en.trim(), key).not.toBe('');
      expect((written[key]['zh-CN'] ?? '').trim(), key).not.toBe('');
    }
  });
});

describe('translations', () => {
  // The languages the catalogs' type requires in every entry (CompleteLang).
  const complete: readonly Lang[] = ['en', 'zh-CN'] satisfies readonly CompleteLang[];

  it.each(LANGS.filter((lang) => complete.includes(lang)))('%s lacks no message', (lang) => {
    expect(missingMessages(lang)).toEqual([]);
  });

  // A language being added (not yet in CompleteLang) may lack messages: they show in English.
  // Its gaps are listed, so that what is left to translate is known.
  const partial = LANGS.filter((lang) => !complete.includes(lang));
  if (partial.length > 0) {
    it.each(partial)('%s: the messages it lacks show in English', (lang) => {
      const gaps = missingMessages(lang);
      console.info(`${lang}: ${gaps.length} of ${allMessageKeys().length} messages have no translation yet:\n  ${gaps.join('\n  ')}`);
      for (const key of gaps) expect(t(lang, key), key).toBe(t('en', key));
    });
  }
});
