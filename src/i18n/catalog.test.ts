import { describe, expect, it } from 'vitest';
import { createCatalog, type LookupEntry } from './catalog.js';
import { t, tRef } from './index.js';
import { messageAreas, messages } from './messages/index.js';
import type { MessageRef } from './types.js';

// A catalog where Chinese is partial, as a language being added would be.
const partial: Readonly<Record<'greet' | 'bye' | 'said', LookupEntry>> = {
  greet: { en: 'Hello, {name}' },
  bye: { en: 'Bye', 'zh-CN': '再见' },
  said: { en: 'said: {what}', 'zh-CN': '说：{what}' },
};

describe('a language that lacks a message', () => {
  const catalog = createCatalog(partial);

  it('shows it in English, parameters filled', () => {
    expect(catalog.t('zh-CN', 'greet', { name: 'Ada' })).toBe('Hello, Ada');
  });

  it('shows the messages it has in its own words', () => {
    expect(catalog.t('zh-CN', 'bye')).toBe('再见');
    expect(catalog.t('en', 'bye')).toBe('Bye');
  });

  it('is listed: the gaps of each language', () => {
    expect(catalog.missing('zh-CN')).toEqual(['greet']);
    expect(catalog.missing('en')).toEqual([]);
  });
});

describe('message parameters', () => {
  it('a placeholder without its parameter stays as written', () => {
    expect(createCatalog(partial).t('en', 'greet')).toBe('Hello, {name}');
  });

  it('a message reference as a parameter is formatted in the same language', () => {
    const warning: MessageRef = { key: 'lint.warning', params: { message: { key: 'loader.unknownKey', params: { key: 'titel', hint: { key: 'loader.didYouMean', params: { suggestion: 'title' } } } } } };
    expect(tRef('en', warning)).toBe('warning: unknown key "titel" (did you mean "title"?)');
    expect(tRef('zh-CN', warning)).toBe('警告：未知的键 "titel"（是否想写 "title"？）');
  });

  it('t and tRef agree', () => {
    expect(t('zh-CN', 'loader.emptyFile')).toBe(tRef('zh-CN', { key: 'loader.emptyFile' }));
  });
});

describe('the areas', () => {
  it('share no key: merging them loses no message', () => {
    const total = Object.values(messageAreas).reduce((n, area) => n + Object.keys(area).length, 0);
    expect(Object.keys(messages).length).toBe(total);
  });
});
