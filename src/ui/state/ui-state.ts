// The state of the screen that is not the tour's: focus, overlays, scroll positions, notices,
// whether the shell pane has the keys. Pure reducer, serializable state: the tour's own state
// lives in the TourController, the pod shell in the ShellController (src/app).

import { MAX_MATCHED_LINE_CHARS } from '../../engine/limits.js';
import type { PendingQuestion } from '../../app/person-questions.js';
import type { MessageRef } from '../../i18n/types.js';
import { nextFocus } from '../pane-focus.js';

/** shell: the pod shell's pane (in the output slot); it takes the keys only while `shellFocused`. */
export type PaneId = 'view' | 'output' | 'cluster' | 'shell';
/**
 * question: the adapters ask the person (a kind cluster the tour did not create: delete it?).
 * failure: a step's result in full (key e); recap: the end of the tour.
 */
export type Overlay = 'help' | 'quit' | 'resume' | 'confirm' | 'question' | 'failure' | 'recap' | null;

export interface Notice {
  readonly message: MessageRef;
  readonly tone: 'info' | 'warn' | 'error';
}

export interface FastForward {
  readonly target: number;
  readonly failedAt?: number;
}

export interface UiState {
  readonly focus: PaneId;
  /** In the narrow layout: which of output / cluster the bottom pane shows. */
  readonly bottomTab: 'output' | 'cluster';
  /** While the shell is open on the current step: which of shell / output the output slot shows. */
  readonly outputSlot: 'shell' | 'output';
  readonly overlay: Overlay;
  /** First line shown of a scrolling overlay (failure, recap); 0 when one opens. */
  readonly overlayScroll: number;
  /**
   * The beat (page) of the step's text shown, 0-based, and the step it belongs to: on any other
   * step (the tour moved on) the first page shows, from the first frame on. Clamped when drawn.
   */
  readonly beat: ShownBeat | null;
  /** First line of the step view shown. */
  readonly viewScroll: number;
  /** Lines scrolled back from the end of the output; 0 follows the output. */
  readonly outputBack: number;
  readonly clusterScroll: number;
  /** The output pane cuts long lines at its edge instead of wrapping them (like less -S). */
  readonly outputCut: boolean;
  readonly notice: Notice | null;
  readonly fastForward: FastForward | null;
  /** The shell pane takes the keys (while its shell has not ended). */
  readonly shellFocused: boolean;
  /** Command lines the learner entered in the shell, per step (ticks off the shell tasks). */
  readonly shellInput: Readonly<Record<string, readonly string[]>>;
  readonly stopping: boolean;
  /** The step waiting for a yes before its commands run (overlay 'confirm'). */
  readonly pendingRun: { readonly index: number; readonly how: 'run' | 'solve' } | null;
  /** A question from the adapters waiting for its answer (overlay 'question'). */
  readonly question: PendingQuestion | null;
}

export interface ShownBeat {
  readonly step: string;
  readonly index: number;
}

export const initialUiState = (overlay: Overlay = null): UiState => ({
  focus: 'view',
  bottomTab: 'output',
  outputSlot: 'shell',
  overlay,
  overlayScroll: 0,
  beat: null,
  viewScroll: 0,
  outputBack: 0,
  clusterScroll: 0,
  outputCut: false,
  notice: null,
  fastForward: null,
  shellFocused: false,
  shellInput: {},
  stopping: false,
  pendingRun: null,
  question: null,
});

export type UiAction =
  | { readonly type: 'cycleFocus'; readonly withShell?: boolean }
  | { readonly type: 'focus'; readonly pane: PaneId }
  | { readonly type: 'overlay'; readonly overlay: Overlay }
  | { readonly type: 'overlayScroll'; readonly by: number }
  | { readonly type: 'scroll'; readonly pane: PaneId; readonly by: number }
  | { readonly type: 'follow' }
  | { readonly type: 'beat'; readonly step: string; readonly beat: number }
  | { readonly type: 'toggleOutputCut' }
  | { readonly type: 'stepChanged' }
  | { readonly type: 'notice'; readonly notice: Notice | null }
  | { readonly type: 'fastForward'; readonly fastForward: FastForward | null }
  | { readonly type: 'shellFocus'; readonly focused: boolean }
  | { readonly type: 'shellInput'; readonly stepId: string; readonly line: string }
  | { readonly type: 'confirmRun'; readonly pendingRun: { readonly index: number; readonly how: 'run' | 'solve' } | null }
  | { readonly type: 'question'; readonly question: PendingQuestion | null }
  | { readonly type: 'stopping' };

export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'cycleFocus':
      return focusOn(state, nextFocus(state.focus, action.withShell ?? false));
    case 'focus':
      return focusOn(state, action.pane);
    case 'overlay':
      return { ...state, overlay: action.overlay, overlayScroll: 0 };
    case 'overlayScroll':
      return { ...state, overlayScroll: Math.max(0, state.overlayScroll + action.by) };
    case 'scroll':
      switch (action.pane) {
        case 'view':
          return { ...state, viewScroll: Math.max(0, state.viewScroll + action.by) };
        case 'output':
          // Positive `by` scrolls down, towards the end of the output.
          return { ...state, outputBack: Math.max(0, state.outputBack - action.by) };
        case 'cluster':
          return { ...state, clusterScroll: Math.max(0, state.clusterScroll + action.by) };
        case 'shell':
          // The shell's own screen: it scrolls in the shell (the pane shows its screen as it is).
          return state;
      }
      return state;
    case 'follow':
      return { ...state, outputBack: 0 };
    case 'beat':
      // A new page starts at its top.
      return { ...state, beat: { step: action.step, index: Math.max(0, action.beat) }, viewScroll: 0 };
    case 'toggleOutputCut':
      return { ...state, outputCut: !state.outputCut, outputBack: 0 };
    case 'stepChanged':
      return { ...state, beat: null, viewScroll: 0, outputBack: 0 };
    case 'notice':
      return { ...state, notice: action.notice };
    case 'fastForward':
      return { ...state, fastForward: action.fastForward };
    case 'shellFocus':
      return { ...state, shellFocused: action.focused };
    case 'confirmRun':
      return { ...state, pendingRun: action.pendingRun, overlay: action.pendingRun ? 'confirm' : null };
    case 'question':
      // The question comes first: any other overlay waits behind it.
      if (action.question) return { ...state, question: action.question, overlay: 'question' };
      return { ...state, question: null, overlay: state.overlay === 'question' ? null : state.overlay };
    case 'shellInput': {
      const lines = [...(state.shellInput[action.stepId] ?? []), action.line.slice(0, MAX_MATCHED_LINE_CHARS)].slice(-200);
      return { ...state, shellInput: { ...state.shellInput, [action.stepId]: lines } };
    }
    case 'stopping':
      return { ...state, stopping: true, overlay: null };
  }
}

/** Focus on a pane: the output slot and the narrow layout's bottom tab show it. */
function focusOn(state: UiState, pane: PaneId): UiState {
  switch (pane) {
    case 'view':
      return { ...state, focus: pane };
    case 'shell':
      return { ...state, focus: pane, bottomTab: 'output', outputSlot: 'shell' };
    case 'output':
      return { ...state, focus: pane, bottomTab: 'output', outputSlot: 'output' };
    case 'cluster':
      return { ...state, focus: pane, bottomTab: 'cluster' };
  }
}
