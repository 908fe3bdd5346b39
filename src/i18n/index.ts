// The tour's message catalogs, merged, and `t()` to look a message up.
import type { Lang } from '../engine/model.js';
import type { MessageRef } from '../engine/plan.js';
import { format, type Messages } from './catalog.js';
import { coreMessages } from './messages/core.js';
import { lifecycleMessages } from './messages/lifecycle.js';
import { loaderMessages } from './messages/loader.js';
import { realMessages } from './messages/real.js';
import { shellMessages } from './messages/shell.js';
import { simMessages } from './messages/sim.js';
import { trustMessages } from './messages/trust.js';
import { uiMessages } from './messages/ui.js';

const catalog: Messages = {
  ...coreMessages,
  ...lifecycleMessages,
  ...loaderMessages,
  ...realMessages,
  ...shellMessages,
  ...simMessages,
  ...trustMessages,
  ...uiMessages,
};

export type MessageKey =
  | keyof typeof coreMessages
  | keyof typeof lifecycleMessages
  | keyof typeof loaderMessages
  | keyof typeof realMessages
  | keyof typeof shellMessages
  | keyof typeof simMessages
  | keyof typeof trustMessages
  | keyof typeof uiMessages;

/** The message in the language, parameters filled; an unknown key shows as itself. */
export function t(lang: Lang, key: string, params?: Readonly<Record<string, string | number>>): string {
  const entry = catalog[key];
  if (!entry) return key;
  return format(entry[lang], params);
}

/** A message reference in the language; values that are messages themselves are rendered first. */
export function tRef(lang: Lang, ref: MessageRef): string {
  if (!ref.params) return t(lang, ref.key);
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(ref.params)) params[name] = typeof value === 'object' ? tRef(lang, value) : value;
  return t(lang, ref.key, params);
}

export function hasMessage(key: string): boolean {
  return key in catalog;
}

export function allMessageKeys(): string[] {
  return Object.keys(catalog);
}

/** zh_* in LC_ALL / LC_MESSAGES / LANG gives zh-CN; anything else en. */
export function langFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  const v = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return /^zh/i.test(v) ? 'zh-CN' : 'en';
}
