// What the result panel shows under the step text: each check with ✓/✗ and what it found,
// the failure (translated), the diagnosis (cause and next action), hints and the choices; a
// cancelled step's own choices; the earlier step a pending one needs. The failure overlay (key
// e) shows the same lines at full size. `code` in messages is drawn as code (code-spans.ts).
// Pure.

import { wrapText } from './text/wrap.js';
import { formatElapsed } from '../engine/durations.js';
import { failureHints } from '../engine/failure-hints.js';
import { pendingNeeds } from '../engine/step-needs.js';
import { stepCommands, type TourState } from '../engine/tour.js';
import type { MessageRef } from '../i18n/types.js';
import { withCode } from './text/code-spans.js';
import { t, tRef } from '../i18n/index.js';
import { createStyler } from './text/ansi.js';
import type { Lang } from '../i18n/types.js';

export interface ResultOptions {
  readonly lang: Lang;
  readonly width: number;
  readonly color: boolean;
  /** Shown in full (the overlay of key e): the choices do not point at e. */
  readonly full?: boolean;
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

  const checkLines = (): void => {
    for (const r of st.checks) {
      const check = spec.checks.find((c) => c.id === r.id);
      const title = check?.title[lang] ?? r.id;
      const icon = r.ok ? s.fg('green', '✓') : s.fg('red', '✗');
      // A check that waited read a later state than the output of the commands before it.
      const waited = r.ok && r.waitedMs !== undefined ? ` ${t(lang, 'screen.check.waited', { elapsed: formatElapsed(r.waitedMs) })}` : '';
      out.push(...wrap(`${icon} ${withCode(title, s)}${withCode(` — ${tRef(lang, r.message)}${waited}`, s, (x) => s.dim(x))}`, '  '));
    }
  };

  // A failed step: what failed, Why and Next first (the panel may have room for a few lines
  // only; e shows the rest), then its checks and hints. Otherwise the checks.
  if (st.status !== 'running' && st.status !== 'failed') checkLines();

  if (st.status === 'cancelled') {
    out.push(...wrap(s.fg('yellow', t(lang, 'screen.result.cancelled'))));
  }

  if (st.status === 'pending') {
    // A step run out of order says which earlier step comes first (step-needs.ts).
    const need = pendingNeeds(tour, index)[0];
    const what = need?.reasons[0];
    if (need && what) {
      const title = tour.tutorial.steps[need.index]?.title[lang] ?? '';
      out.push(...wrap(s.fg('yellow', withCode(t(lang, 'screen.result.needs', { n: need.index + 1, step: title, what: needWhat(what, tour.facts.cluster) }), s, (x) => s.fg('yellow', x)))));
    }
  }

  if (st.status === 'failed' && st.failure) {
    const f = st.failure;
    out.push(...wrap(withCode(tRef(lang, f.message), s, (x) => s.fg('red', s.bold(x)))));
    if (f.diagnosis) {
      out.push(...wrap(withCode(t(lang, 'ui.result.cause', { text: tRef(lang, f.diagnosis.cause) }), s), '  '));
      out.push(...wrap(withCode(t(lang, 'ui.result.next', { text: tRef(lang, f.diagnosis.next) }), s, (x) => s.fg('yellow', x)), '  '));
    }
    checkLines();
    // Only the hints that fit this failure (failure-hints.ts): a hint about another failure misleads.
    const hints: string[] = [];
    for (const h of failureHints(spec, st, tour.facts)) if (!hints.includes(h[lang])) hints.push(h[lang]);
    // "Hint:" in cyan, the hint itself plain: its `code` is then what stands out.
    const [label = '', rest = ''] = t(lang, 'ui.result.hint', { text: '\u0000' }).split('\u0000');
    for (const h of hints) out.push(...wrap(`${s.fg('cyan', label)}${withCode(h, s)}${rest}`, '  '));
    const solvable = stepCommands(spec, 'solve', tour).length > 0;
    const choices = opts.full ? (solvable ? 'ui.result.choices' : 'screen.result.choicesFull') : solvable ? 'screen.result.choicesSolve' : 'screen.result.choices';
    out.push(...wrap(s.bold(t(lang, choices))));
  }
  return out;
}

function needWhat(reason: { readonly kind: 'cluster' | 'pod' | 'file'; readonly name?: string }, cluster: string): MessageRef {
  if (reason.kind === 'cluster') return { key: 'screen.needs.cluster', params: { cluster } };
  if (reason.kind === 'pod') return { key: 'screen.needs.pod', params: { pod: reason.name ?? '' } };
  return { key: 'screen.needs.file', params: { file: reason.name ?? '' } };
}

/** A notice (corrupt progress file, a key that does not apply here), wrapped, in its tone. */
export function noticeLines(text: string, tone: 'info' | 'warn' | 'error', width: number, color: boolean): string[] {
  const s = createStyler(color);
  const colour = tone === 'error' ? 'red' : tone === 'warn' ? 'yellow' : 'cyan';
  return wrapText(`! ${text}`, width).map((l) => s.fg(colour, l));
}
