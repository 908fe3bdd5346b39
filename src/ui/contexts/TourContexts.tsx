// State and actions of the screen, in separate contexts (components that only act do not
// re-render when the state changes). The cluster view has its own context: it changes on
// its own schedule and only the cluster pane reads it.

import { createContext, useContext } from 'react';
import type { ShellController, ShellStatus } from '../../app/shell-controller.js';
import type { TourController } from '../../app/tour-controller.js';
import type { Progress } from '../../adapters/store/progress-store.js';
import type { TourState } from '../../engine/tour.js';
import type { ClusterView } from '../hooks/useClusterWatch.js';
import type { TourActions } from '../hooks/useTourActions.js';
import type { Layout } from '../layout.js';
import type { Highlighter } from '../markdown/render-markdown.js';
import type { UiState } from '../state/ui-state.js';
import type { Lang } from '../../i18n/types.js';

/** What does not change while the tour is on screen: the session's controllers, colour. */
export interface TourEnv {
  readonly controller: TourController;
  readonly shells: ShellController;
  /** false with NO_COLOR: no colours at all. */
  readonly color: boolean;
}

export interface UIStateValue {
  readonly tour: TourState;
  readonly ui: UiState;
  readonly layout: Layout;
  readonly lang: Lang;
  readonly highlight: Highlighter | null;
  /** Saved progress offered for resume (the resume overlay shows it). */
  readonly offer: Progress | null;
  /** The pod shell's status (null: none open). */
  readonly shell: ShellStatus | null;
}

export interface UIActionsValue extends TourActions {
  /** The shell pane saw the leave chord (Ctrl-]; the bytes before it were forwarded). */
  readonly leaveShell: () => void;
  /** A command line the learner entered in the shell of a step. */
  readonly shellInput: (stepId: string, line: string) => void;
}

export const TourEnvContext = createContext<TourEnv | null>(null);
export const UIStateContext = createContext<UIStateValue | null>(null);
export const UIActionsContext = createContext<UIActionsValue | null>(null);
export const ClusterContext = createContext<ClusterView>({ snapshot: null, error: null });

function need<T>(value: T | null, name: string): T {
  if (value === null) throw new Error(`${name} used outside its provider`);
  return value;
}

export const useTourEnv = (): TourEnv => need(useContext(TourEnvContext), 'TourEnvContext');
export const useUIState = (): UIStateValue => need(useContext(UIStateContext), 'UIStateContext');
export const useUIActions = (): UIActionsValue => need(useContext(UIActionsContext), 'UIActionsContext');
export const useClusterView = (): ClusterView => useContext(ClusterContext);

/** A colour name when colour is on, else undefined (Ink then draws no colour). */
export function useColor(): (c: string) => string | undefined {
  const { color } = useTourEnv();
  return (c: string) => (color ? c : undefined);
}
