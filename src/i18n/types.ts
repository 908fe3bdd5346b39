// The types of the tour's messages, and nothing else. The engine imports these (never t(), never
// a catalog): it says WHICH message with a MessageRef, and the layer that prints formats it.
import type { messages } from './messages/index.js';

/**
 * The languages of the tour. A new language is added here, to LANGS (src/engine/model.ts) and to
 * langFromEnv (./index.ts); its catalog entries may then be added one by one (CompleteLang).
 */
export type Lang = 'en' | 'zh-CN';

/**
 * The languages every catalog entry must have (a missing one is a compile error). English is
 * the fallback and always complete; a language outside this list may lack entries, which then
 * show in English, until it is complete and joins the list.
 */
export type CompleteLang = 'en' | 'zh-CN';

/** The key of a message in the catalogs (src/i18n/messages/*.ts): a typo is a compile error. */
export type MessageKey = keyof typeof messages;

/** The message keys that start with `prefix`, e.g. MessageKeyWithPrefix<'loader.'>. */
export type MessageKeyWithPrefix<P extends string> = Extract<MessageKey, `${P}${string}`>;

/**
 * A value for a {name} placeholder. A MessageRef is formatted in the same language as the
 * message it fills (a suggestion inside a problem, a problem inside a warning).
 */
export type MessageParam = string | number | MessageRef;
export type MessageParams = Readonly<Record<string, MessageParam>>;

/** A message in the catalogs, with its parameters: what the engine and adapters hand out. */
export interface MessageRef<K extends MessageKey = MessageKey> {
  readonly key: K;
  readonly params?: MessageParams;
}

/** A message reference as text in one language (i18n's `translator(lang)`), for pure code that lays out lines. */
export type Translate = (ref: MessageRef) => string;
