// What happens at start: offer to resume saved progress, or go to --step (both through
// app/bring-to-step.ts). Reading the progress file is a small synchronous read done once.
import { useEffect, useRef, useState } from 'react';
import type { TourController } from '../../app/tour-controller.js';
import type { Progress, ProgressStore } from '../../adapters/store/progress-store.js';
import type { SessionFacts } from '../../engine/model.js';
import { stepIndex } from '../../engine/tour.js';
import type { Notice } from '../state/ui-state.js';
import type { TourActions } from './useTourActions.js';

/** The key progress is saved under: one file per tutorial, mode and cluster. */
export function progressKey(facts: Pick<SessionFacts, 'mode' | 'cluster' | 'context'>): string {
  return `${facts.mode}-${facts.mode === 'byoc' ? facts.context : facts.cluster}`;
}

export interface StartupOptions {
  readonly controller: TourController;
  readonly progress?: ProgressStore | undefined;
  readonly startStep?: string | undefined;
  readonly fresh?: boolean | undefined;
}

export interface Startup {
  /** Saved progress offered for resume (the overlay is open while this is set). */
  readonly offer: Progress | null;
  /** The first notice to show (a corrupt progress file). */
  readonly notice: Notice | null;
}

export function readStartup(opts: StartupOptions): Startup {
  if (opts.startStep !== undefined || opts.fresh || !opts.progress) return { offer: null, notice: null };
  const state = opts.controller.getState();
  let r;
  try {
    r = opts.progress.load(state.tutorial.id, progressKey(state.facts));
  } catch (error) {
    return { offer: null, notice: { tone: 'warn', message: { key: 'ui.notice.saveFailed', params: { error: String(error) } } } };
  }
  if (r.kind === 'corrupt') {
    return {
      offer: null,
      notice: { tone: 'warn', message: { key: 'ui.notice.corrupt', params: { path: r.path, error: r.error, movedTo: r.movedTo ?? '-' } } },
    };
  }
  if (r.kind === 'none') return { offer: null, notice: null };
  const p = r.progress;
  const idx = stepIndex(state, p.current);
  const anyDone = Object.keys(p.statuses).some((id) => stepIndex(state, id) >= 0);
  if (!anyDone && idx <= 0) return { offer: null, notice: null };
  return { offer: p, notice: null };
}

/** Goes to --step once, after the first frame. */
export function useStartStep(controller: TourController, startStep: string | undefined, actions: TourActions): void {
  const done = useRef(false);
  useEffect(() => {
    if (done.current || startStep === undefined) return undefined;
    done.current = true;
    const index = stepIndex(controller.getState(), startStep);
    if (index < 0) {
      actions.notice({ key: 'ui.notice.unknownStep', params: { step: startStep } });
      return undefined;
    }
    const timer = setTimeout(() => void actions.goTo({ step: index }), 0);
    return () => clearTimeout(timer);
  }, [controller, startStep, actions]);
}

export function useStartup(opts: StartupOptions): Startup {
  const [startup] = useState(() => readStartup(opts));
  return startup;
}
