// The recap opens by itself when the tour becomes complete (its last step passed, every step
// passed or skipped) while the learner walks it; a tour restored complete does not open it
// (Enter on the last step does).
import { useEffect, useRef } from 'react';
import type { TourState } from '../../engine/tour.js';
import { tourFinished } from '../keys/flow-rules.js';

export function useRecap(tour: TourState, paused: boolean, open: () => void): void {
  const was = useRef(tourFinished(tour));
  useEffect(() => {
    const now = tourFinished(tour);
    const became = now && !was.current;
    was.current = now;
    if (became && !paused && tour.active === null) open();
  }, [tour, paused, open]);
}
