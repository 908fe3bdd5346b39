// The tour's messages: t() looks one up by its typed key, tRef() formats a MessageRef, and a
// language that lacks an entry shows it in English. The types (Lang, MessageKey, MessageRef)
// are in ./types.ts: the engine imports those, never this module.
import { createCatalog } from './catalog.js';
import { messages } from './messages/index.js';
import type { Lang, MessageKey, MessageParams, MessageRef, Translate } from './types.js';

const catalog = createCatalog<MessageKey>(messages);

/** The message in the language (English when the language lacks it), parameters filled. */
export function t(lang: Lang, key: MessageKey, params?: MessageParams): string {
  return catalog.t(lang, key, params);
}

/** A message reference in the language; values that are messages themselves are rendered first. */
export function tRef(lang: Lang, ref: MessageRef): string {
  return catalog.t(lang, ref.key, ref.params);
}

/** tRef in one language, for code that lays out lines and must not import the catalogs (the engine). */
export function translator(lang: Lang): Translate {
  return (ref) => tRef(lang, ref);
}

/** Whether a string (from the source, from data) names a message. */
export function isMessageKey(key: string): key is MessageKey {
  return catalog.has(key);
}

export function allMessageKeys(): MessageKey[] {
  return catalog.keys();
}

/** The messages the language has no text for: they show in English (see CompleteLang). */
export function missingMessages(lang: Lang): MessageKey[] {
  return catalog.missing(lang);
}

/** zh_* in LC_ALL / LC_MESSAGES / LANG gives zh-CN; anything else en. */
export function langFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  const v = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return /^zh/i.test(v) ? 'zh-CN' : 'en';
}
