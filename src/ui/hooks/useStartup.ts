// What happens at start: offer to resume saved progress, or jump to --step (fast-forwarding
// in simulated mode). Reading the progress file is a small synchronous read done once.
import { useEffect, useRef, useState, type Dispatch } from 'react';
import type { TourController } from '../../app/tour-controller.js';
import type { Progress, ProgressStore } from '../../adapters/store/progress-store.js';
import type { SessionFacts } from '../../engine/model.js';
import { stepIndex } from '../../engine/tour.js';
import type { Notice, UiAction } from '../state/ui-state.js';

/** The key progress is saved under: one file per tutorial, mode and cluster. */
export function progressKey(facts: Pick<SessionFacts, 'mode' | 'cluster' | 'context'>): string {
  return `${facts.mode}-${facts.mode === 'byoc' ? facts.context : facts.cluster}`;
}

export interface StartupOptions {
  readonly controller: TourController;
  readonly simulated: boolean;
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

/** Brings the tour to step `index`: fast-forward (simulated) or just select it. */
export async function jumpTo(controller: TourController, index: number, simulated: boolean, dispatch: Dispatch<UiAction>): Promise<void> {
  if (!simulated) {
    controller.dispatch({ type: 'select', index });
    return;
  }
  dispatch({ type: 'fastForward', fastForward: { target: index } });
  const ok = await controller.fastForwardTo(index);
  if (ok) {
    dispatch({ type: 'fastForward', fastForward: null });
    return;
  }
  const st = controller.getState();
  const failedAt = st.steps.findIndex((s, i) => i < index && s.status === 'failed');
  dispatch({ type: 'fastForward', fastForward: null });
  if (failedAt >= 0) {
    controller.dispatch({ type: 'select', index: failedAt });
    dispatch({ type: 'notice', notice: { tone: 'error', message: { key: 'ui.ff.failed', params: { step: st.steps[failedAt]?.id ?? '' } } } });
  }
}

/** Runs the --step jump once, after the first frame. */
export function useStartStep(opts: StartupOptions, dispatch: Dispatch<UiAction>): void {
  const done = useRef(false);
  useEffect(() => {
    if (done.current || opts.startStep === undefined) return undefined;
    done.current = true;
    const index = stepIndex(opts.controller.getState(), opts.startStep);
    if (index < 0) {
      dispatch({ type: 'notice', notice: { tone: 'warn', message: { key: 'ui.notice.unknownStep', params: { step: opts.startStep } } } });
      return undefined;
    }
    const timer = setTimeout(() => void jumpTo(opts.controller, index, opts.simulated, dispatch), 0);
    return () => clearTimeout(timer);
  }, [opts.controller, opts.simulated, opts.startStep, dispatch]);
}

export function useStartup(opts: StartupOptions): Startup {
  const [startup] = useState(() => readStartup(opts));
  return startup;
}
