// What the step view says about the beats: "page i of n" in its title (with the scroll
// position when the page is longer than the view, e.g. the files after the action beat), and
// what Enter does on this page in the status row when it turns the page. Pure.
import { formatDuration } from './result-content.js';
import { enterTurnsPage, type BeatPosition } from './beats.js';
import { t } from '../i18n/index.js';
import type { TourState } from '../engine/tour.js';
import type { Lang } from '../i18n/types.js';
import type { ShownBeat } from './state/ui-state.js';

export interface ViewWindow {
  readonly start: number;
  readonly shown: number;
  readonly total: number;
  readonly height: number;
}

/** The right end of the step view's title: page, and lines when they do not all show; undefined: nothing to say. */
export function beatTitle(lang: Lang, beat: BeatPosition, w: ViewWindow): string | undefined {
  const more = w.total > w.height;
  const lines = { from: w.start + 1, to: w.start + w.shown, total: w.total };
  if (beat.count <= 1) {
    if (!more) return undefined;
    return `${t(lang, 'ui.step.scroll', lines)}${w.start + w.shown < w.total ? ' ↓' : ''}`;
  }
  const page = { i: beat.index + 1, n: beat.count };
  if (!more) return t(lang, 'reading.beat', page);
  return t(lang, w.start + w.shown < w.total ? 'reading.beatMore' : 'reading.beatScrolled', { ...page, ...lines });
}

export interface ReadingStatus {
  readonly icon: string;
  readonly text: string;
  readonly tone: 'cyan' | 'green' | 'dim';
}

/**
 * The status row while Enter turns the page (it says so, and which page comes), or on a step
 * that does not apply here; null: the status row says what it says otherwise. `clock`: the
 * simulated-time suffix of durations.
 */
export function readingStatus(tour: TourState, beat: BeatPosition, shown: ShownBeat | null, lang: Lang, clock: string): ReadingStatus | null {
  const st = tour.steps[tour.current];
  if (!st) return null;
  const page = { next: beat.index + 2, n: beat.count };
  if (st.status === 'skipped' && !st.applies) return { icon: '–', text: t(lang, 'reading.status.notApplicable'), tone: 'dim' };
  if (!enterTurnsPage(tour, shown)) return null;
  switch (st.status) {
    case 'pending':
      return { icon: '▶', text: t(lang, 'reading.status.nextBeat', page), tone: 'cyan' };
    case 'passed':
      return { icon: '✓', text: t(lang, 'reading.status.passedNextBeat', { ...page, elapsed: `${formatDuration(st.durationMs ?? 0)}${clock}` }), tone: 'green' };
    case 'skipped':
      return { icon: '–', text: t(lang, 'reading.status.skippedNextBeat', page), tone: 'dim' };
    default:
      return null;
  }
}
