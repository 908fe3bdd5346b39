// What the learner can do, as small functions: the key tables' handlers call them (keys ->
// bindings -> actions -> controller events). Each is safe in any state; whether a key applies
// is decided by its binding (keys/key-bindings.ts), not here.
import { useMemo, useRef, type Dispatch } from 'react';
import { bringToStep, type Destination } from '../../app/bring-to-step.js';
import type { ShellController } from '../../app/shell-controller.js';
import type { TourController } from '../../app/tour-controller.js';
import type { Progress } from '../../adapters/store/progress-store.js';
import { LANGS } from '../../engine/model.js';
import type { MessageRef } from '../../i18n/types.js';
import { scopeOf, type RunHow } from '../../engine/tour.js';
import { expand } from '../../engine/vars.js';
import { currentBeat } from '../beats.js';
import { shellOnStep } from '../pane-focus.js';
import { computeLayout, inner, type Layout } from '../layout.js';
import { shellPaneTermSize } from '../shell/ShellPane.js';
import type { Overlay, PaneId, UiAction, UiState } from '../state/ui-state.js';

/** Properties, not methods: the key tables and the components pass them around unbound. */
export interface TourActions {
  /** Selects a step (clamped to the tour). */
  readonly select: (index: number) => void;
  /** Runs a step (asks first when it changes a real cluster and says so). */
  readonly runStep: (index: number, how: RunHow) => void;
  readonly skip: (index: number) => void;
  readonly cancel: () => void;
  /** Opens (or focuses) the shell of the selected step. */
  readonly openShell: () => void;
  readonly focusShell: (focused: boolean) => void;
  readonly toggleRecording: () => void;
  readonly cycleFocus: () => void;
  readonly focusPane: (pane: PaneId) => void;
  /** Scrolls the focused pane a page up (-1) or down (1). */
  readonly scrollPage: (direction: -1 | 1) => void;
  readonly follow: () => void;
  /** Shows the next (1) or previous (-1) beat of the current step's text. */
  readonly turnPage: (direction: -1 | 1) => void;
  /** The output pane: wrap long lines, or cut them at the edge. */
  readonly toggleOutputCut: () => void;
  readonly nextLanguage: () => void;
  readonly openOverlay: (overlay: Overlay) => void;
  /** Scrolls the open overlay (failure, recap) by lines; the overlay keeps it within its text. */
  readonly scrollOverlay: (by: number) => void;
  /** Stops what runs and quits at once. */
  readonly quitNow: () => void;
  readonly answerResume: (accept: boolean) => void;
  readonly answerConfirm: (yes: boolean) => void;
  readonly answerQuestion: (yes: boolean) => void;
  readonly notice: (message: MessageRef, tone?: 'info' | 'warn' | 'error') => void;
  readonly clearNotice: () => void;
  /** Brings the tour to a step (--step, resume): fast-forwarding in simulated mode. */
  readonly goTo: (destination: Destination) => Promise<void>;
}

export interface ActionDeps {
  readonly controller: TourController;
  readonly shells: ShellController;
  readonly dispatch: Dispatch<UiAction>;
  readonly onExit: (code: number) => void;
  /** The saved progress offered for resume. */
  readonly offer: Progress | null;
}

/** The size of the pane the shell shows in (the output pane's inside, as laid out with the shell open). */
export function shellArea(layout: Layout): { width: number; height: number } {
  const area = inner(computeLayout(layout.cols, layout.rows, true).output);
  return { width: area.width, height: area.height };
}

function pageOf(layout: Layout, pane: PaneId): number {
  const size = pane === 'view' ? layout.step : pane === 'cluster' ? layout.cluster : layout.output;
  return Math.max(1, inner(size).height - 2);
}

export function useTourActions(deps: ActionDeps, ui: UiState, layout: Layout): TourActions {
  // The latest ui, layout and callbacks, read when an action runs (the actions are created once).
  const live = useRef({ ui, layout, onExit: deps.onExit, offer: deps.offer });
  live.current = { ui, layout, onExit: deps.onExit, offer: deps.offer };

  return useMemo((): TourActions => {
    const { controller, shells, dispatch } = deps;
    const notice = (message: MessageRef, tone: 'info' | 'warn' | 'error' = 'warn'): void => dispatch({ type: 'notice', notice: { tone, message } });
    const select = (index: number): void => controller.dispatch({ type: 'select', index: Math.max(0, Math.min(controller.getState().steps.length - 1, index)) });

    const goTo = async (destination: Destination): Promise<void> => {
      const arrival = await bringToStep(controller, destination, {
        onFastForward: (target) => dispatch({ type: 'fastForward', fastForward: { target } }),
      });
      dispatch({ type: 'fastForward', fastForward: null });
      if (!arrival.ok && arrival.failedAt !== undefined) {
        notice({ key: 'ui.ff.failed', params: { step: controller.getState().steps[arrival.failedAt]?.id ?? '' } }, 'error');
      }
    };

    const actions: TourActions = {
      select,
      runStep(index, how) {
        // Steps that change a real cluster (deleting it) ask first; the simulated one never asks.
        const s = controller.getState();
        if (how !== 'check' && s.tutorial.steps[index]?.confirm && s.facts.mode !== 'simulated') {
          dispatch({ type: 'confirmRun', pendingRun: { index, how } });
          return;
        }
        void controller.runStep(index, how);
      },
      skip: (index) => controller.dispatch({ type: 'skip', index }),
      cancel: () => controller.cancel(),
      openShell() {
        const s = controller.getState();
        const spec = s.tutorial.steps[s.current];
        const st = s.steps[s.current];
        if (!spec?.shell || !st) return;
        // The shell shows where the output does: bring that pane (tab) to the front.
        dispatch({ type: 'focus', pane: 'shell' });
        dispatch({ type: 'shellFocus', focused: true });
        const { width, height } = shellArea(live.current.layout);
        const { cols, rows } = shellPaneTermSize(width, height);
        const scope = scopeOf(s);
        void shells.open({ stepId: st.id, pod: expand(spec.shell.pod, scope), container: expand(spec.shell.container, scope), cols, rows });
      },
      focusShell: (focused) => dispatch({ type: 'shellFocus', focused }),
      toggleRecording: () => shells.toggleRecording(),
      cycleFocus: () => dispatch({ type: 'cycleFocus', withShell: shellOnStep(controller.getState(), shells.getSnapshot()?.status ?? null) }),
      focusPane: (pane) => dispatch({ type: 'focus', pane }),
      scrollPage(direction) {
        const pane = live.current.ui.focus;
        dispatch({ type: 'scroll', pane, by: direction * pageOf(live.current.layout, pane) });
      },
      follow: () => dispatch({ type: 'follow' }),
      turnPage(direction) {
        const tour = controller.getState();
        const pos = currentBeat(tour, live.current.ui.beat);
        const beat = Math.max(0, Math.min(pos.count - 1, pos.index + direction));
        const step = tour.steps[tour.current]?.id;
        if (beat !== pos.index && step !== undefined) dispatch({ type: 'beat', step, beat });
      },
      toggleOutputCut: () => dispatch({ type: 'toggleOutputCut' }),
      nextLanguage() {
        const facts = controller.getState().facts;
        const lang = LANGS[(LANGS.indexOf(facts.lang) + 1) % LANGS.length] ?? 'en';
        controller.dispatch({ type: 'setFacts', facts: { ...facts, lang } });
      },
      openOverlay: (overlay) => dispatch({ type: 'overlay', overlay }),
      scrollOverlay: (by) => dispatch({ type: 'overlayScroll', by }),
      quitNow() {
        dispatch({ type: 'stopping' });
        if (controller.getState().active !== null) controller.cancel();
        shells.end();
        live.current.onExit(0);
      },
      answerResume(accept) {
        dispatch({ type: 'overlay', overlay: null });
        const offer = live.current.offer;
        if (accept && offer) void goTo({ resume: offer });
      },
      answerConfirm(yes) {
        const pending = live.current.ui.pendingRun;
        dispatch({ type: 'confirmRun', pendingRun: null });
        if (yes && pending && !controller.getState().active) void controller.runStep(pending.index, pending.how);
      },
      answerQuestion(yes) {
        const question = live.current.ui.question;
        dispatch({ type: 'question', question: null });
        question?.answer(yes);
      },
      notice,
      clearNotice: () => dispatch({ type: 'notice', notice: null }),
      goTo,
    };
    return actions;
  }, [deps.controller, deps.shells, deps.dispatch]);
}
