// Brings a session to a step: `--step` (the TUI and `run`) and resuming saved progress (the
// TUI) all go through here, so the three agree on what "being at step N" means in each mode.
//
// - Simulated: the simulated cluster starts empty, so the world is rebuilt by fast-forwarding
//   (the solve actions of every earlier step that applies, at fast simulated time). A saved
//   session is rebuilt up to the step after the furthest one it finished, then the step the
//   learner was looking at is selected again.
// - Real and bring-your-own: the cluster is as the learner left it; nothing runs. Saved
//   statuses are restored as they were; `--step` selects the step, and `run` marks the steps
//   before it skipped (its report lists them so).

import type { Progress } from '../adapters/store/progress-store.js';
import { stepIndex, type StepStatus } from '../engine/tour.js';
import type { TourController } from './tour-controller.js';

export type Destination =
  /** --step: the step at `index`. `markEarlier: 'skipped'` (run) marks the steps before it skipped in real modes. */
  | { readonly step: number; readonly markEarlier?: 'skipped' }
  /** Saved progress: the statuses of the finished steps and the step the learner was looking at. */
  | { readonly resume: Pick<Progress, 'statuses' | 'current'> };

export interface BringToStepHooks {
  /** Called when fast-forwarding starts (simulated mode only), with the step it runs up to. */
  readonly onFastForward?: (target: number) => void;
}

export type Arrival =
  | { readonly ok: true }
  /**
   * Fast-forwarding stopped short: a step before the destination failed (`failedAt`, now
   * selected, so that the learner sees why), or the session ended meanwhile (no `failedAt`).
   */
  | { readonly ok: false; readonly failedAt?: number };

export async function bringToStep(controller: TourController, destination: Destination, hooks: BringToStepHooks = {}): Promise<Arrival> {
  const state = controller.getState();
  const simulated = state.facts.mode === 'simulated';
  if ('step' in destination) {
    if (simulated) return fastForward(controller, destination.step, hooks);
    const earlier: Record<string, StepStatus> = {};
    if (destination.markEarlier) for (const st of state.steps.slice(0, destination.step)) earlier[st.id] = destination.markEarlier;
    controller.dispatch({ type: 'restore', statuses: earlier, current: state.steps[destination.step]?.id });
    return { ok: true };
  }
  const { statuses, current } = destination.resume;
  if (!simulated) {
    controller.dispatch({ type: 'restore', statuses, current });
    return { ok: true };
  }
  // Rebuild the world up to the step after the furthest one finished (steps before it that
  // were passed over, such as a page only read, are fast-forwarded too), then look at the saved
  // step again when it was not finished either (an earlier one, or one read ahead).
  const furthest = state.steps.reduce((last, st, i) => (statuses[st.id] !== undefined ? i : last), -1);
  const target = Math.min(furthest + 1, state.steps.length - 1);
  const arrival = await fastForward(controller, target, hooks);
  const index = Math.max(0, stepIndex(state, current));
  const now = controller.getState();
  if (arrival.ok && now.active === null && statuses[current] === undefined && index !== target && now.current === target) {
    controller.dispatch({ type: 'select', index });
  }
  return arrival;
}

async function fastForward(controller: TourController, target: number, hooks: BringToStepHooks): Promise<Arrival> {
  hooks.onFastForward?.(target);
  if (await controller.fastForwardTo(target)) return { ok: true };
  const failedAt = controller.getState().steps.findIndex((s, i) => i < target && s.status === 'failed');
  if (failedAt < 0) return { ok: false };
  controller.dispatch({ type: 'select', index: failedAt });
  return { ok: false, failedAt };
}
