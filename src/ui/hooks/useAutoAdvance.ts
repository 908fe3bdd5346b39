// After a step passes, the selection moves on to the next step after a short moment
// (unless the learner moved meanwhile, or something else started).
import { useEffect, useRef } from 'react';
import type { TourController } from '../../app/tour-controller.js';
import type { TourState } from '../../engine/tour.js';

export const AUTO_ADVANCE_MS = 900;

/** The step after `index` to move to. */
export function nextIndex(tour: Pick<TourState, 'steps'>, index: number): number {
  return Math.min(tour.steps.length - 1, index + 1);
}

export function useAutoAdvance(controller: TourController, tour: TourState, paused: boolean): void {
  const prev = useRef(tour.steps);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const before = prev.current;
    prev.current = tour.steps;
    if (paused) return;
    const idx = tour.current;
    const was = before[idx];
    const now = tour.steps[idx];
    // Informational steps pass within one event, so look for "became passed", not "was running".
    if (!was || !now || was.status === 'passed' || now.status !== 'passed' || now.how === 'check') return;
    if (idx >= tour.steps.length - 1) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      const s = controller.getState();
      if (s.current === idx && s.active === null) controller.dispatch({ type: 'select', index: nextIndex(s, idx) });
    }, AUTO_ADVANCE_MS);
  }, [controller, tour.steps, tour.current, paused]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
}
