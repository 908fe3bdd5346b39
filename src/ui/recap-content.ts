// The recap at the end of the tour: what the learner did and saw, read from this session's
// check results (the values the checks read: the file's content, the read-only mount, the
// runtime's version), how long it took, where the work files and shell recordings are, and the
// tutorial's links (`links:` in tutorial.yaml). Nothing in it is written here: a tutorial's
// recap is made of its own checks and links. Pure.
import { observationFor } from '../engine/checks.js';
import type { CheckSpec } from '../engine/model.js';
import type { TourState } from '../engine/tour.js';
import { t, tRef } from '../i18n/index.js';
import type { Lang } from '../i18n/types.js';
import { formatDuration } from './result-content.js';
import { createStyler } from './text/ansi.js';
import { withCode } from './text/code-spans.js';
import { wrapText } from './text/wrap.js';

export interface RecapOptions {
  readonly lang: Lang;
  readonly width: number;
  readonly color: boolean;
  /** Where the shell recordings are saved (absent: not known to the screen). */
  readonly recordings?: string;
}

/** Checks whose result is a fact the learner saw: what ran in the Pod, the Pod itself, the nodes' runtime. */
function isFact(check: CheckSpec): boolean {
  const o = observationFor(check.kind);
  return o === 'exec' || o === 'pod' || check.kind === 'runtimeSupportsImageVolumes';
}

/** How long the tour took in this session: from the first step started to the last one finished. */
export function sessionMs(tour: Pick<TourState, 'steps'>): number {
  let first = Infinity;
  let last = -Infinity;
  let sum = 0;
  for (const st of tour.steps) {
    if (st.startedAt === undefined || st.durationMs === undefined) continue;
    first = Math.min(first, st.startedAt);
    last = Math.max(last, st.startedAt + st.durationMs);
    sum += st.durationMs;
  }
  return Number.isFinite(first) ? Math.max(sum, last - first) : 0;
}

export function recapLines(tour: TourState, opts: RecapOptions): string[] {
  const { lang, width, color } = opts;
  const s = createStyler(color);
  // Continuation lines hang under the text, not under the mark (✓, •).
  const wrap = (text: string, indent = ''): string[] =>
    wrapText(text, Math.max(10, width - indent.length - (indent ? 2 : 0))).map((l, i) => (i === 0 || !indent ? indent + l : `${indent}  ${l}`));
  const out: string[] = [];
  const passed = tour.steps.filter((st) => st.status === 'passed').length;
  const skipped = tour.steps.filter((st) => st.status === 'skipped').length;
  const clock = tour.facts.mode === 'simulated' ? t(lang, 'time.simulatedSuffix') : '';
  out.push(...wrap(s.bold(tour.tutorial.title[lang])));
  out.push(...wrap(t(lang, 'recap.took', { passed, skipped, elapsed: `${formatDuration(sessionMs(tour))}${clock}` })));

  const facts: string[] = [];
  tour.steps.forEach((st, i) => {
    const spec = tour.tutorial.steps[i];
    if (!spec || st.status !== 'passed') return;
    for (const r of st.checks) {
      const check = spec.checks.find((c) => c.id === r.id);
      if (!r.ok || !check || !isFact(check)) continue;
      facts.push(...wrap(`${s.fg('green', '✓')} ${withCode(check.title[lang], s)}${s.dim(` — ${tRef(lang, r.message)}`)}`, '  '));
    }
  });
  if (facts.length > 0) out.push('', ...wrap(s.bold(t(lang, 'recap.saw'))), ...facts);

  out.push('', ...wrap(t(lang, 'recap.files', { path: tour.facts.workDir })));
  if (opts.recordings) out.push(...wrap(t(lang, 'recap.recordings', { path: opts.recordings })));

  const links = tour.tutorial.links ?? [];
  if (links.length > 0) {
    out.push('', ...wrap(s.bold(t(lang, 'recap.read'))));
    for (const link of links) {
      out.push(...wrap(`• ${link.title[lang]}`, '  '));
      // A URL on a line of its own, never broken by the wrap: the terminal makes it clickable.
      if (link.url) out.push(`    ${s.underline(link.url)}`);
    }
  }
  return out;
}
