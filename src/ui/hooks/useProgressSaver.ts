// Saves progress (finished steps and the step being looked at) whenever it changes.
import { useEffect, useRef, type Dispatch } from 'react';
import type { ProgressStore } from '../../adapters/store/progress-store.js';
import type { StepStatus, TourState } from '../../engine/tour.js';
import type { UiAction } from '../state/ui-state.js';
import { progressKey } from './useStartup.js';
import { errorMessage } from '../../engine/errors.js';

export function finishedStatuses(tour: TourState): Record<string, StepStatus> {
  const out: Record<string, StepStatus> = {};
  for (const st of tour.steps) {
    if (st.applies && (st.status === 'passed' || st.status === 'skipped')) out[st.id] = st.status;
  }
  return out;
}

export function useProgressSaver(store: ProgressStore | undefined, tour: TourState, enabled: boolean, dispatch: Dispatch<UiAction>): void {
  const statuses = finishedStatuses(tour);
  const current = tour.steps[tour.current]?.id ?? '';
  const key = `${current}|${JSON.stringify(statuses)}`;
  const last = useRef<string | null>(null);
  const warned = useRef(false);
  useEffect(() => {
    if (!store || !enabled) return;
    if (last.current === null) {
      // Nothing to save until the learner did something (do not overwrite a saved file with nothing).
      last.current = key;
      if (Object.keys(statuses).length === 0 && tour.current === 0) return;
    }
    if (last.current === key && Object.keys(statuses).length === 0 && tour.current === 0) return;
    last.current = key;
    try {
      store.save({ tutorial: tour.tutorial.id, cluster: progressKey(tour.facts), current, statuses });
    } catch (error) {
      if (!warned.current) {
        warned.current = true;
        dispatch({ type: 'notice', notice: { tone: 'warn', message: { key: 'ui.notice.saveFailed', params: { error: errorMessage(error) } } } });
      }
    }
  }, [key, enabled, store]);
}
