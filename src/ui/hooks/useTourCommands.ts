// What the learner can do, as functions: the key handler calls them (keys -> actions ->
// controller events). Every command is safe to call in any state: it does nothing, or
// shows a notice, when it does not apply.
import { homedir } from 'node:os';
import { useMemo, useRef, type Dispatch } from 'react';
import type { TourController } from '../../app/tour-controller.js';
import type { Progress } from '../../adapters/store/progress-store.js';
import { OwnershipError } from '../../adapters/ports.js';
import { LANGS } from '../../engine/model.js';
import { scopeOf, stepIndex } from '../../engine/tour.js';
import { expand } from '../../engine/vars.js';
import type { MessageKey } from '../../i18n/types.js';
import type { Action } from '../keys/key-bindings.js';
import type { Layout } from '../layout.js';
import { computeLayout, inner } from '../layout.js';
import { AsciicastRecorder } from '../../adapters/pty/asciicast.js';
import type { PaneId, UiAction, UiState } from '../state/ui-state.js';
import { shellPaneTermSize } from '../shell/ShellPane.js';
import { nextIndex } from './useAutoAdvance.js';
import { jumpTo } from './useStartup.js';

export interface TourCommands {
  perform(action: Action): void;
  quitNow(): void;
  resume(progress: Progress, accept: boolean): void;
  /** The learner's answer to the confirm overlay. */
  confirmRun(yes: boolean): void;
  /** The learner's answer to a question from the adapters (overlay 'question'). */
  answerQuestion(yes: boolean): void;
}

export interface CommandDeps {
  readonly controller: TourController;
  readonly simulated: boolean;
  readonly dispatch: Dispatch<UiAction>;
  readonly onExit: (code: number) => void;
  /** Where shell transcripts are saved. */
  readonly transcriptDir: string;
  /**
   * Runs the pod shell with the whole terminal, Ink suspended: the way out when no pty module
   * loads (real mode). Resolves when the shell ends.
   */
  readonly runFullScreenShell: (pod: string, container: string, reason: string) => Promise<void>;
}

/** Whether opening the shell failed because no pty module loads (pty-shell.ts ShellOpenError). */
function noPty(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'NO_PTY';
}

/** A path as the learner would type it: the home directory as ~. */
function tildify(path: string): string {
  const home = homedir();
  return home && path.startsWith(home + '/') ? `~${path.slice(home.length)}` : path;
}

/** The size of the pane the shell shows in (the output pane's inside, as laid out with the shell open). */
export function shellArea(layout: Layout): { width: number; height: number } {
  const area = inner(computeLayout(layout.cols, layout.rows, true).output);
  return { width: area.width, height: area.height };
}

function pageOf(layout: Layout, pane: PaneId): number {
  const size = pane === 'view' ? layout.step : pane === 'output' ? layout.output : layout.cluster;
  return Math.max(1, inner(size).height - 2);
}

export function useTourCommands(deps: CommandDeps, ui: UiState, layout: Layout): TourCommands {
  // The latest ui and layout, read when a command runs (commands are created once).
  const live = useRef({ ui, layout });
  live.current = { ui, layout };

  return useMemo(() => {
    const { controller, simulated, dispatch, onExit } = deps;
    const run = (index: number, how: 'run' | 'solve' | 'check'): void => {
      // Steps that change a real cluster (deleting it) ask first; the simulated one never asks.
      const spec = controller.getState().tutorial.steps[index];
      if (how !== 'check' && spec?.confirm && controller.getState().facts.mode !== 'simulated') {
        dispatch({ type: 'confirmRun', pendingRun: { index, how } });
        return;
      }
      void controller.runStep(index, how);
    };
    const confirmRun = (yes: boolean): void => {
      const pending = live.current.ui.pendingRun;
      dispatch({ type: 'confirmRun', pendingRun: null });
      if (yes && pending && !controller.getState().active) void controller.runStep(pending.index, pending.how);
    };
    const answerQuestion = (yes: boolean): void => {
      const question = live.current.ui.question;
      dispatch({ type: 'question', question: null });
      question?.answer(yes);
    };
    const busy = (): boolean => controller.getState().active !== null;
    const notice = (key: MessageKey, params?: Record<string, string | number>): void =>
      dispatch({ type: 'notice', notice: { tone: 'warn', message: params ? { key, params } : { key } } });

    const quitNow = (): void => {
      dispatch({ type: 'stopping' });
      if (busy()) controller.cancel();
      const shell = live.current.ui.shell;
      if (shell?.session) shell.session.kill();
      onExit(0);
    };

    const toggleTranscript = (): void => {
      const shell = live.current.ui.shell;
      if (!shell?.session || shell.ended) {
        notice('ui.notice.transcriptNoShell');
        return;
      }
      if (shell.transcript) {
        const recorder = shell.transcript;
        dispatch({ type: 'shellTranscript', transcript: null });
        recorder.stop().then(
          (path) => notice('ui.notice.transcriptSaved', { path: tildify(path ?? '') }),
          () => undefined,
        );
        return;
      }
      const recorder = new AsciicastRecorder({ dir: deps.transcriptDir, title: `ivol-tour: ${shell.pod}/${shell.container}`, lang: controller.getState().facts.lang });
      const { width, height } = shellArea(live.current.layout);
      const { cols, rows } = shellPaneTermSize(width, height);
      let path: string;
      try {
        path = recorder.start(cols, rows);
      } catch (error) {
        notice('ui.notice.transcriptFailed', { error: error instanceof Error ? error.message : String(error) });
        return;
      }
      dispatch({ type: 'shellTranscript', transcript: recorder });
      notice('ui.notice.transcriptStarted', { path: tildify(path) });
    };

    const openShell = (): void => {
      const s = controller.getState();
      const spec = s.tutorial.steps[s.current];
      const st = s.steps[s.current];
      if (!spec?.shell || !st) {
        const withShell = s.tutorial.steps.find((x) => x.shell);
        notice('ui.notice.noShell', { step: withShell?.id ?? '-' });
        return;
      }
      // The shell shows where the output does: bring that pane (tab) to the front.
      dispatch({ type: 'focus', pane: 'output' });
      const existing = live.current.ui.shell;
      if (existing && existing.stepId === st.id && existing.session && !existing.ended) {
        dispatch({ type: 'shellFocus', focused: true });
        return;
      }
      const scope = scopeOf(s);
      const pod = expand(spec.shell.pod, scope);
      const container = expand(spec.shell.container, scope);
      const { width, height } = shellArea(live.current.layout);
      const { cols, rows } = shellPaneTermSize(width, height);
      dispatch({ type: 'shell', shell: { stepId: st.id, pod, container, session: null, focused: true, ended: false } });
      controller.adapters.shells.open({ pod, container, cols, rows }).then(
        (session) => {
          dispatch({ type: 'shell', shell: { stepId: st.id, pod, container, session, focused: live.current.ui.shell?.focused ?? true, ended: false } });
        },
        (error: unknown) => {
          dispatch({ type: 'shell', shell: null });
          if (noPty(error)) {
            deps.runFullScreenShell(pod, container, error instanceof Error ? error.message : String(error)).then(
              () => notice('ui.notice.fullScreenShellEnded'),
              (e: unknown) => notice('ui.notice.shellFailed', { error: e instanceof Error ? e.message : String(e) }),
            );
            return;
          }
          if (error instanceof OwnershipError) {
            // Not the tour's Pod: say so in the learner's language.
            dispatch({ type: 'notice', notice: { tone: 'warn', message: { key: `diag.${error.refusal.rule}.cause`, params: error.refusal.params } } });
            return;
          }
          notice('ui.notice.shellFailed', { error: error instanceof Error ? error.message : String(error) });
        },
      );
    };

    const perform = (action: Action): void => {
      const s = controller.getState();
      const i = s.current;
      const st = s.steps[i];
      if (!st) return;
      switch (action) {
        case 'up':
          controller.dispatch({ type: 'select', index: Math.max(0, i - 1) });
          return;
        case 'down':
          controller.dispatch({ type: 'select', index: Math.min(s.steps.length - 1, i + 1) });
          return;
        case 'run':
          if (s.active) {
            if (s.active.index !== i) notice('ui.notice.busy');
            return;
          }
          if (st.status === 'pending' || st.status === 'failed') run(i, 'run');
          else controller.dispatch({ type: 'select', index: nextIndex(s, i) });
          return;
        case 'retry':
          if (!s.active && st.status === 'failed') run(i, 'run');
          return;
        case 'solve':
          if (!s.active && (st.status === 'failed' || st.status === 'pending') && st.applies) {
            // The fast-forward's commands show in the output pane as they run: bring it to the front.
            dispatch({ type: 'focus', pane: 'output' });
            run(i, 'solve');
          }
          return;
        case 'skip':
          if (s.active?.index === i || st.status === 'passed' || st.status === 'running') return;
          controller.dispatch({ type: 'skip', index: i });
          controller.dispatch({ type: 'select', index: nextIndex(s, i) });
          return;
        case 'cancel':
          if (s.active) controller.cancel();
          return;
        case 'check':
          if (s.active) notice('ui.notice.busy');
          else if (st.applies) run(i, 'check');
          return;
        case 'shell':
          openShell();
          return;
        case 'transcript':
          toggleTranscript();
          return;
        case 'leaveShell':
          dispatch({ type: 'shellFocus', focused: false });
          return;
        case 'switchPane':
          dispatch({ type: 'cycleFocus' });
          return;
        case 'pageUp':
        case 'pageDown': {
          const pane = live.current.ui.focus;
          const page = pageOf(live.current.layout, pane);
          dispatch({ type: 'scroll', pane, by: action === 'pageUp' ? -page : page });
          return;
        }
        case 'follow':
          dispatch({ type: 'follow' });
          return;
        case 'language': {
          const lang = LANGS[(LANGS.indexOf(s.facts.lang) + 1) % LANGS.length] ?? 'en';
          controller.dispatch({ type: 'setFacts', facts: { ...s.facts, lang } });
          return;
        }
        case 'help':
          dispatch({ type: 'overlay', overlay: 'help' });
          return;
        case 'quit': {
          const shell = live.current.ui.shell;
          if (s.active || (shell?.session && !shell.ended)) dispatch({ type: 'overlay', overlay: 'quit' });
          else quitNow();
          return;
        }
      }
    };

    const resume = (progress: Progress, accept: boolean): void => {
      dispatch({ type: 'overlay', overlay: null });
      if (!accept) return;
      const s = controller.getState();
      const index = Math.max(0, stepIndex(s, progress.current));
      if (simulated) {
        // The simulated cluster starts empty: rebuild it by fast-forwarding past every step
        // that was finished, then look at the saved step again.
        const frontier = s.steps.findIndex((st) => progress.statuses[st.id] === undefined);
        const target = frontier < 0 ? s.steps.length - 1 : frontier;
        void jumpTo(controller, target, true, dispatch).then(() => {
          const now = controller.getState();
          const savedUnfinished = progress.statuses[progress.current] === undefined;
          if (now.active === null && savedUnfinished && index < target && now.current === target) controller.dispatch({ type: 'select', index });
        });
      } else {
        controller.dispatch({ type: 'restore', statuses: progress.statuses, current: progress.current });
      }
    };

    return { perform, quitNow, resume, confirmRun, answerQuestion };
  }, [deps.controller, deps.simulated, deps.dispatch, deps.onExit, deps.transcriptDir, deps.runFullScreenShell]);
}
