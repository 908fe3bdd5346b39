// What the result panel shows under the step text: each check with ✓/✗ and what it found,
// the failure (translated), the diagnosis (cause and next action), hints and the choices.
// Pure.

import { wrapText } from './text/wrap.js';
import { formatElapsed } from '../engine/durations.js';
import { matches } from '../engine/model.js';
import type { TourState } from '../engine/tour.js';
import { t, tRef } from '../i18n/index.js';
import { createStyler } from './text/ansi.js';
import type { Lang } from '../i18n/types.js';

export interface ResultOptions {
  readonly lang: Lang;
  readonly width: number;
  readonly color: boolean;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  if (s < 60) return `${s}s`;
  const whole = Math.floor(ms / 1000);
  return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}

/** Lines below the status row; empty when there is nothing to report. */
export function resultLines(tour: TourState, index: number, opts: ResultOptions): string[] {
  const spec = tour.tutorial.steps[index];
  const st = tour.steps[index];
  if (!spec || !st) return [];
  const { lang, width, color } = opts;
  const s = createStyler(color);
  const wrap = (text: string, indent = ''): string[] =>
    wrapText(text, width - indent.length).map((l, i) => (i === 0 ? l : indent + l));
  const out: string[] = [];

  // A check that has not passed yet: what it saw last, live, so that a long wait is never
  // a silent spinner (e.g. "not ready: coredns-… 0/1 ContainerCreating").
  if (st.status === 'running' && st.waiting) {
    const w = st.waiting;
    const title = spec.checks.find((c) => c.id === w.checkId)?.title[lang] ?? w.checkId;
    const text = t(lang, 'ui.result.waiting', { check: title, elapsed: formatElapsed(w.at - w.startedAt), limit: formatElapsed(w.timeoutMs), message: tRef(lang, w.message) });
    out.push(...wrap(`${s.fg('yellow', '⋯')} ${text}`, '  '));
  }

  if (st.status !== 'running') {
    for (const r of st.checks) {
      const check = spec.checks.find((c) => c.id === r.id);
      const title = check?.title[lang] ?? r.id;
      const icon = r.ok ? s.fg('green', '✓') : s.fg('red', '✗');
      out.push(...wrap(`${icon} ${title}${s.dim(` — ${tRef(lang, r.message)}`)}`, '  '));
    }
  }

  if (st.status === 'failed' && st.failure) {
    const f = st.failure;
    out.push(...wrap(s.fg('red', s.bold(tRef(lang, f.message)))));
    if (f.diagnosis) {
      out.push(...wrap(t(lang, 'ui.result.cause', { text: tRef(lang, f.diagnosis.cause) }), '  '));
      out.push(...wrap(s.fg('yellow', t(lang, 'ui.result.next', { text: tRef(lang, f.diagnosis.next) })), '  '));
    }
    const hints: string[] = [];
    for (const r of st.checks) {
      if (r.ok) continue;
      const hint = spec.checks.find((c) => c.id === r.id)?.hint?.[lang];
      if (hint && !hints.includes(hint)) hints.push(hint);
    }
    for (const h of spec.hints) if (matches(h.when, tour.facts) && !hints.includes(h[lang])) hints.push(h[lang]);
    for (const h of hints) out.push(...wrap(s.fg('cyan', t(lang, 'ui.result.hint', { text: h })), '  '));
    out.push(...wrap(s.bold(t(lang, 'ui.result.choices'))));
  }
  return out;
}

/** A notice (corrupt progress file, a key that does not apply here), wrapped, in its tone. */
export function noticeLines(text: string, tone: 'info' | 'warn' | 'error', width: number, color: boolean): string[] {
  const s = createStyler(color);
  const colour = tone === 'error' ? 'red' : tone === 'warn' ? 'yellow' : 'cyan';
  return wrapText(`! ${text}`, width).map((l) => s.fg(colour, l));
}
