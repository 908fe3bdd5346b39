// Where Enter goes after a step: the next one. There is no auto-advance: a passed step stays on
// screen, with its output and check results, until the learner presses Enter (the status row
// says so), so nothing the learner was reading vanishes.
import type { TourState } from '../../engine/tour.js';

/** The step after `index` to move to. */
export function nextIndex(tour: Pick<TourState, 'steps'>, index: number): number {
  return Math.min(tour.steps.length - 1, index + 1);
}
