// Message catalog helpers. Each area of the tour keeps its messages in messages/<area>.ts as
// `defineMessages({ key: { en: '…', 'zh-CN': '…' } })`, so every text exists in both languages
// by construction. index.ts merges the areas.

import type { Lang } from '../engine/model.js';

export type Messages = Readonly<Record<string, Readonly<Record<Lang, string>>>>;

export function defineMessages<const M extends Messages>(messages: M): M {
  return messages;
}

/** Fills {name} placeholders. */
export function format(template: string, params?: Readonly<Record<string, string | number>>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}
