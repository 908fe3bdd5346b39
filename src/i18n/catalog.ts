// Message catalog helpers. Each area of the tour keeps its messages in messages/<area>.ts as
// `defineMessages({ key: { en: '…', 'zh-CN': '…' } })`; messages/index.ts merges the areas and
// ../index.ts looks them up through createCatalog.

import type { CompleteLang, Lang, MessageParams, MessageRef } from './types.js';

/** One message: its text in every complete language, and in any other as far as translated. */
export type MessageEntry = Readonly<Record<CompleteLang, string>> & Readonly<Partial<Record<Lang, string>>>;

export type Messages = Readonly<Record<string, MessageEntry>>;

/** What a lookup relies on: English always, any other language perhaps. */
export type LookupEntry = { readonly en: string } & Readonly<Partial<Record<Lang, string>>>;

export function defineMessages<const M extends Messages>(messages: M): M {
  return messages;
}

/** Looking messages up in a catalog whose keys are K. */
export interface Catalog<K extends string> {
  /** The message in the language (English when the language lacks it), parameters filled. */
  t(lang: Lang, key: K, params?: MessageParams): string;
  has(key: string): key is K;
  keys(): K[];
  /** The keys whose entry has no text in the language: they show in English. */
  missing(lang: Lang): K[];
}

export function createCatalog<K extends string>(entries: Readonly<Record<K, LookupEntry>>): Catalog<K> {
  const has = (key: string): key is K => Object.hasOwn(entries, key);
  const keys = (): K[] => Object.keys(entries).filter(has);
  const t = (lang: Lang, key: K, params?: MessageParams): string => {
    // A key that reached here around the type (from data) shows as itself.
    if (!has(key)) return key;
    const entry = entries[key];
    return format(entry[lang] ?? entry.en, params, (ref) => (has(ref.key) ? t(lang, ref.key, ref.params) : ref.key));
  };
  return { t, has, keys, missing: (lang) => keys().filter((key) => entries[key][lang] === undefined) };
}

/**
 * Fills {name} placeholders; a parameter that is itself a message reference is formatted with
 * `nested` (in the same language). A placeholder without a parameter stays as written.
 */
export function format(template: string, params: MessageParams | undefined, nested: (ref: MessageRef) => string): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'object' ? nested(v) : String(v);
  });
}
