// The tour's state from the controller, re-rendering when it changes.
import { useSyncExternalStore } from 'react';
import type { TourController } from '../../app/tour-controller.js';
import type { TourState } from '../../engine/tour.js';

export function useTourState(controller: TourController): TourState {
  return useSyncExternalStore(controller.subscribe, controller.getState, controller.getState);
}
