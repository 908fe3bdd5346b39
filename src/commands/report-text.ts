// Text the headless commands print alike: a failure's cause and next action, and tables.
import stringWidth from 'string-width';
import type { Diagnosis } from '../engine/tour.js';
import { t, tRef } from '../i18n/index.js';
import type { Lang } from '../i18n/types.js';
import { wrapHanging } from '../ui/text/wrap-report.js';

/**
 * "cause: …" and "next: …" (the language's own colon) at `indent`, each wrapped to a terminal
 * `width` columns wide (none: as they are), its lines going on under its text.
 */
export function causeAndNext(lang: Lang, diagnosis: Pick<Diagnosis, 'cause' | 'next'>, indent: string, width?: number): string {
  return (['run.cause', 'run.next'] as const)
    .map((key) => {
      const text = tRef(lang, key === 'run.cause' ? diagnosis.cause : diagnosis.next);
      return wrapHanging(`${indent}${t(lang, key, { text })}\n`, width, `${indent}${t(lang, key, { text: '' })}`);
    })
    .join('');
}

/** Columns padded to their widest cell (in terminal columns), two spaces apart; the last one not padded. */
export function textTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, stringWidth(c))));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - stringWidth(c) + 2))).join('').trimEnd()).join('\n') + '\n';
}
