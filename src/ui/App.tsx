// The root: owns the screen's state, hands it down as state and actions in separate
// contexts, and lets Screen pick the layout. Keys -> commands -> controller events;
// the controller's state -> render.
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { useApp, useFocusManager } from 'ink';
import { t } from '../i18n/index.js';
import { useCallback, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import type { PersonQuestions } from '../app/person-questions.js';
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
import { useAutoAdvance } from './hooks/useAutoAdvance.js';
import { useClusterWatch } from './hooks/useClusterWatch.js';
import { useHighlighter } from './hooks/useHighlighter.js';
import { useKeyHandler } from './hooks/useKeyHandler.js';
import { useProgressSaver } from './hooks/useProgressSaver.js';
import { useStartStep, useStartup } from './hooks/useStartup.js';
import { useTerminalSize, type TerminalSize } from './hooks/useTerminalSize.js';
import { useTourCommands } from './hooks/useTourCommands.js';
import { useTourState } from './hooks/useTourState.js';
import { computeLayout } from './layout.js';
import { initialUiState, uiReducer } from './state/ui-state.js';

export interface AppProps {
  readonly controller: TourController;
  readonly simulated: boolean;
  readonly fallbackToSimulated?: boolean;
  readonly noColor: boolean;
  readonly progress?: ProgressStore;
  readonly startStep?: string;
  readonly fresh?: boolean;
  /** A fixed size instead of the terminal's (tests). */
  readonly size?: TerminalSize;
  /** Replaces the full-screen shell (the no-pty way out) in tests. */
  readonly fullScreenShell?: (pod: string, container: string, reason: string) => Promise<void>;
  /** The learner quit; the caller unmounts and restores the terminal. */
  readonly onExit: (code: number) => void;
  /** Questions from the adapters (the session's `ask`), shown as a dialog while the tour is on screen. */
  readonly questions?: PersonQuestions;
}

export function App(props: AppProps): ReactNode {
  const { controller, simulated, onExit } = props;
  const size = useTerminalSize(props.size);
  const tour = useTourState(controller);
  const startupOpts = { controller, simulated, progress: props.progress, startStep: props.startStep, fresh: props.fresh };
  const startup = useStartup(startupOpts);
  const [ui, dispatch] = useReducer(uiReducer, startup, (s) => ({
    ...initialUiState(s.offer ? 'resume' : null),
    notice: s.notice ?? (props.fallbackToSimulated ? { tone: 'info' as const, message: { key: 'ui.notice.fallback' } } : null),
  }));
  const layout = computeLayout(size.columns, size.rows, ui.shell !== null && !ui.shell.ended);
  const color = !props.noColor;
  const highlight = useHighlighter(color);
  const cluster = useClusterWatch(controller.adapters.cluster);
  const transcriptDir = props.progress ? join(dirname(props.progress.dir), 'transcripts') : join(tmpdir(), 'ivol-tour-transcripts');
  const { suspendTerminal } = useApp();
  const runFullScreenShell = useCallback(
    (pod: string, container: string, reason: string) =>
      suspendTerminal(async () => {
        const facts = controller.getState().facts;
        process.stdout.write(`\n${t(facts.lang, 'shell.noPty', { reason })}\n\n`);
        const { runShellFullScreen } = await import('../adapters/pty/fullscreen-shell.js');
        // The launcher's own command: kubectl with the tour's private kubeconfig.
        const shells = controller.adapters.shells;
        if (!shells.fullScreenCommand) throw new Error('This mode has no full-screen shell.');
        const { argv, env } = await shells.fullScreenCommand({ pod, container });
        await runShellFullScreen(argv, env);
      }),
    [controller, suspendTerminal],
  );
  const commands = useTourCommands(
    { controller, simulated, dispatch, onExit, transcriptDir, runFullScreenShell: props.fullScreenShell ?? runFullScreenShell },
    ui,
    layout,
  );

  useStartStep(startupOpts, dispatch);
  useKeyHandler({ ui, layout, offer: startup.offer, commands, dispatch });
  useAutoAdvance(controller, tour, ui.fastForward !== null);
  useProgressSaver(props.progress, tour, ui.overlay !== 'resume' && ui.fastForward === null, dispatch);

  // Questions from the adapters take the screen until answered; open ones get "nobody to ask" when the tour goes.
  const { questions } = props;
  useEffect(() => questions?.attach((question) => dispatch({ type: 'question', question })), [questions]);

  // A new step starts at the top of its text and follows its output.
  useEffect(() => dispatch({ type: 'stepChanged' }), [tour.current]);

  // While the shell has the keys, Ink's focus handling (Tab) is off too.
  const focus = useFocusManager();
  const focusRef = useRef(focus);
  focusRef.current = focus;
  const shellHasKeys = ui.shell?.focused === true;
  const hadKeys = useRef(false);
  useEffect(() => {
    if (shellHasKeys) focusRef.current.disableFocus();
    else if (hadKeys.current) focusRef.current.enableFocus();
    hadKeys.current = shellHasKeys;
  }, [shellHasKeys]);

  const leaveShell = useCallback(() => dispatch({ type: 'shellFocus', focused: false }), []);
  const shellExited = useCallback(() => dispatch({ type: 'shellEnded' }), []);
  const shellInput = useCallback((stepId: string, line: string) => dispatch({ type: 'shellInput', stepId, line }), []);
  const actions = useMemo<UIActionsValue>(() => ({ leaveShell, shellExited, shellInput }), [leaveShell, shellExited, shellInput]);
  const env = useMemo<TourEnv>(
    () => ({ controller, simulated, fallbackToSimulated: props.fallbackToSimulated ?? false, color }),
    [controller, simulated, props.fallbackToSimulated, color],
  );
  const state: UIStateValue = { tour, ui, layout, lang: tour.facts.lang, highlight };

  return (
    <TourEnvContext.Provider value={env}>
      <UIActionsContext.Provider value={actions}>
        <UIStateContext.Provider value={state}>
          <ClusterContext.Provider value={cluster}>
            <Screen offer={startup.offer} />
          </ClusterContext.Provider>
        </UIStateContext.Provider>
      </UIActionsContext.Provider>
    </TourEnvContext.Provider>
  );
}
