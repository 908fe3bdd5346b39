// Where the learner is in a step's text: which beat (page) of how many, where the action is,
// and what Enter does there. Pure; the key table (keys/key-bindings.ts), the step view and the
// status row read it, so that what the screen says Enter does is what Enter does.
import type { TourState } from '../engine/tour.js';
import type { Lang } from '../i18n/types.js';
import type { ShownBeat } from './state/ui-state.js';

export interface BeatPosition {
  /** The beat shown, 0-based, clamped to the step's beats. */
  readonly index: number;
  readonly count: number;
  /** The beat where the step's action (Enter: run) is offered. */
  readonly action: number;
}

export function beatPosition(tour: TourState, stepIndex: number, beat: number, lang: Lang): BeatPosition {
  const spec = tour.tutorial.steps[stepIndex];
  const count = Math.max(1, spec?.beats[lang].length ?? 1);
  const index = Math.min(Math.max(0, beat), count - 1);
  const action = Math.min(Math.max(0, spec?.actionBeat ?? count - 1), count - 1);
  return { index, count, action };
}

/** The current step's position, as the screen shows it: its first page unless `beat` is of this step. */
export function currentBeat(tour: TourState, beat: ShownBeat | null): BeatPosition {
  const ofThisStep = beat !== null && beat.step === tour.steps[tour.current]?.id;
  return beatPosition(tour, tour.current, ofThisStep ? beat.index : 0, tour.facts.lang);
}

/**
 * Whether Enter turns to the next beat rather than acting on the step: before the action beat
 * of a step still to run (pending, failed), and on every beat but the last of a step that is
 * done (passed, skipped): its later beats explain what the learner just saw. Never while the
 * step runs.
 */
export function enterTurnsPage(tour: TourState, beat: ShownBeat | null): boolean {
  const pos = currentBeat(tour, beat);
  if (pos.index >= pos.count - 1) return false;
  const status = tour.steps[tour.current]?.status;
  if (status === 'pending' || status === 'failed') return pos.index < pos.action;
  return status === 'passed' || status === 'skipped';
}
