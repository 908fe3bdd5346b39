// The root: owns the screen's state, hands it down as state and actions in separate contexts,
// and lets Screen pick the layout. Keys -> key tables -> actions -> controller events; the
// controllers' state (the tour's, the shell's) -> render. The mode is the session's
// (`tour.facts.mode`); the session's controllers do every side effect.
import { useApp } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import type { PersonQuestions } from '../app/person-questions.js';
import type { ShellController } from '../app/shell-controller.js';
import type { TourController } from '../app/tour-controller.js';
import type { ProgressStore } from '../adapters/store/progress-store.js';
import { Screen } from './components/Screen.js';
import {
  ClusterContext,
  TourEnvContext,
  UIActionsContext,
  UIStateContext,
  type TourEnv,
  type UIActionsValue,
  type UIStateValue,
} from './contexts/TourContexts.js';
import { useClusterWatch } from './hooks/useClusterWatch.js';
import { useHighlighter } from './hooks/useHighlighter.js';
import { useKeyHandler } from './hooks/useKeyHandler.js';
import { useProgressSaver } from './hooks/useProgressSaver.js';
import { useRecap } from './hooks/useRecap.js';
import { useInkFocusOff, useShellEvents, useShellStatus } from './hooks/useShell.js';
import { useStartStep, useStartup } from './hooks/useStartup.js';
import { useTerminalSize, type TerminalSize } from './hooks/useTerminalSize.js';
import { useTourActions } from './hooks/useTourActions.js';
import { useTourState } from './hooks/useTourState.js';
import { press } from './keys/bindings.js';
import { SHELL_KEYS, shellHasKeys, type ScreenState } from './keys/key-bindings.js';
import { computeLayout } from './layout.js';
import { initialUiState, uiReducer } from './state/ui-state.js';

export interface AppProps {
  readonly controller: TourController;
  /** The session's pod shell. */
  readonly shells: ShellController;
  readonly noColor: boolean;
  readonly progress?: ProgressStore;
  readonly startStep?: string;
  readonly fresh?: boolean;
  /** A fixed size instead of the terminal's (tests). */
  readonly size?: TerminalSize;
  /** The learner quit; the caller unmounts and restores the terminal. */
  readonly onExit: (code: number) => void;
  /** Questions from the adapters (the session's `ask`), shown as a dialog while the tour is on screen. */
  readonly questions?: PersonQuestions;
}

export function App(props: AppProps): ReactNode {
  const { controller, shells, onExit } = props;
  const size = useTerminalSize(props.size);
  const tour = useTourState(controller);
  const shell = useShellStatus(shells);
  const startup = useStartup({ controller, progress: props.progress, startStep: props.startStep, fresh: props.fresh });
  const [ui, dispatch] = useReducer(uiReducer, startup, (s) => ({
    ...initialUiState(s.offer ? 'resume' : null),
    notice: s.notice ?? (tour.facts.simulatedBecause === 'toolsMissing' ? { tone: 'info' as const, message: { key: 'ui.notice.fallback' } } : null),
  }));
  const layout = computeLayout(size.columns, size.rows, shell !== null && shell.phase !== 'ended');
  const color = !props.noColor;
  const highlight = useHighlighter(color);
  const cluster = useClusterWatch(controller.adapters.cluster);
  // The same watch tells the controller when the running step's Pod will not recover.
  useEffect(() => {
    if (cluster.snapshot) controller.clusterChanged(cluster.snapshot);
  }, [controller, cluster.snapshot]);
  const actions = useTourActions({ controller, shells, dispatch, onExit, offer: startup.offer }, ui, layout);

  // The state the key rules see, read at the moment of a key press.
  const live = useRef({ ui, layout });
  live.current = { ui, layout };
  const screen = useCallback(
    (): ScreenState => ({ tour: controller.getState(), ui: live.current.ui, layout: live.current.layout, offer: startup.offer, shell: shells.getSnapshot()?.status ?? null }),
    [controller, shells, startup.offer],
  );
  const shellKeys = shellHasKeys({ ui, shell });

  useStartStep(controller, props.startStep, actions);
  useKeyHandler(screen, actions);
  useShellEvents(shells, dispatch);
  const openRecap = useCallback(() => actions.openOverlay('recap'), [actions]);
  useRecap(tour, ui.fastForward !== null, openRecap);
  useProgressSaver(props.progress, tour, ui.overlay !== 'resume' && ui.fastForward === null, dispatch);

  // The full-screen shell (no pty module) needs the whole terminal: Ink lends it.
  const { suspendTerminal } = useApp();
  useEffect(() => shells.lendTerminal((work) => suspendTerminal(work)), [shells, suspendTerminal]);

  // Questions from the adapters take the screen until answered; open ones get "nobody to ask" when the tour goes.
  const { questions } = props;
  useEffect(() => questions?.attach((question) => dispatch({ type: 'question', question })), [questions]);

  // A new step starts at the top of its text and follows its output.
  useEffect(() => dispatch({ type: 'stepChanged' }), [tour.current]);

  useInkFocusOff(shellKeys);

  const uiActions = useMemo<UIActionsValue>(
    () => ({
      ...actions,
      // The shell pane saw the leave chord (it reads stdin itself): the binding decides.
      leaveShell: () => press(SHELL_KEYS.leaveShell, screen(), actions, actions.notice),
      shellInput: (stepId, line) => dispatch({ type: 'shellInput', stepId, line }),
    }),
    [actions, screen],
  );
  const env = useMemo<TourEnv>(() => ({ controller, shells, color }), [controller, shells, color]);
  const state: UIStateValue = { tour, ui, layout, lang: tour.facts.lang, highlight, offer: startup.offer, shell };

  return (
    <TourEnvContext.Provider value={env}>
      <UIActionsContext.Provider value={uiActions}>
        <UIStateContext.Provider value={state}>
          <ClusterContext.Provider value={cluster}>
            <Screen />
          </ClusterContext.Provider>
        </UIStateContext.Provider>
      </UIActionsContext.Provider>
    </TourEnvContext.Provider>
  );
}
