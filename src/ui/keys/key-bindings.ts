// Every key of the tour, in one place (the keys README.md lists under "Keys" are a contract):
// for each action its keys, when it applies, what it does and its help text. The key handler,
// the help bar, the `?` overlay and the shell pane (which reads Ctrl-] from stdin itself) all
// read these tables; nothing else decides what a key does. Each context of the screen (the
// tour, each overlay, the shell pane, the trust question) has its own table, typed the same way.
//
// To add a key: add its action to the context's union type, then its binding to the table (the
// compiler insists on both), and its help text to src/i18n/messages/ui.ts (in every language).

import type { Progress } from '../../adapters/store/progress-store.js';
import type { ShellStatus } from '../../app/shell-controller.js';
import type { MessageRef } from '../../i18n/types.js';
import type { StepState, TourState } from '../../engine/tour.js';
import { currentBeat, enterTurnsPage } from '../beats.js';
import { nextIndex } from '../hooks/useAutoAdvance.js';
import type { TourActions } from '../hooks/useTourActions.js';
import type { Layout } from '../layout.js';
import type { Overlay, UiState } from '../state/ui-state.js';
import { always, disabled, ENABLED, type Binding, type Enabled, type KeyChord, type KeyTable, type MessageKeyName } from './bindings.js';
import { enterDoes, hasFullResult, isReadingStep, hasSolution, shellNotice } from './flow-rules.js';

/** What the key rules look at: the tour, the screen, the resume offer and the pod shell. */
export interface ScreenState {
  readonly tour: TourState;
  readonly ui: UiState;
  readonly layout: Layout;
  /** Saved progress offered for resume. */
  readonly offer: Progress | null;
  /** The pod shell as the shell controller has it (null: none open). */
  readonly shell: ShellStatus | null;
}

type ScreenBinding = Binding<ScreenState, TourActions>;

export type TourAction =
  | 'up'
  | 'down'
  | 'nextBeat'
  | 'prevBeat'
  | 'run'
  | 'retry'
  | 'skip'
  | 'solve'
  | 'explain'
  | 'cancel'
  | 'shell'
  | 'transcript'
  | 'switchPane'
  | 'check'
  | 'pageUp'
  | 'pageDown'
  | 'follow'
  | 'outputCut'
  | 'language'
  | 'help'
  | 'quit';

const BUSY: MessageRef = { key: 'ui.notice.busy' };

function selected(s: ScreenState): StepState | undefined {
  return s.tour.steps[s.tour.current];
}

const stepFailed = (s: ScreenState): boolean => selected(s)?.status === 'failed';
/** Failed or cancelled: the step can be run again or skipped. */
const stepUnfinished = (s: ScreenState): boolean => selected(s)?.status === 'failed' || selected(s)?.status === 'cancelled';
/** The shell runs (its pane may be on another step). */
const shellRuns = (s: ScreenState): boolean => s.shell?.phase === 'running';
/** Something the learner would lose by quitting now. */
const somethingRuns = (s: ScreenState): boolean => s.tour.active !== null || shellRuns(s);

const quit: ScreenBinding = {
  keys: [{ input: 'q' }, { input: 'c', ctrl: true }],
  label: 'q',
  help: 'keys.quit',
  bar: { short: 'keys.quit.short' },
  enabled: always,
  run: (a, s) => (somethingRuns(s) ? a.openOverlay('quit') : a.quitNow()),
};

/** What Enter does now, in the bar's words. */
function enterWord(s: ScreenState): MessageKeyName {
  if (enterTurnsPage(s.tour, s.ui.beat)) return 'keys.readOn.short';
  const does = enterDoes(s.tour);
  // A step that runs nothing: Enter says it was read ("run" would promise a command).
  if (does === 'run') return isReadingStep(s.tour) ? 'keys.read.short' : 'keys.run.short';
  return does === 'recap' ? 'keys.recap.short' : 'keys.next.short';
}

/** The keys of the tour's main screen (steps, panes), in the order `?` and the help bar show them. */
export const TOUR_KEYS: KeyTable<TourAction, ScreenState, TourActions> = {
  up: {
    keys: [{ key: 'upArrow' }, { input: 'k' }],
    label: '↑/k',
    help: 'keys.up',
    bar: { label: '↑↓/jk', short: 'ui.pane.steps' },
    enabled: always,
    run: (a, s) => a.select(s.tour.current - 1),
  },
  down: {
    keys: [{ key: 'downArrow' }, { input: 'j' }],
    label: '↓/j',
    help: 'keys.down',
    enabled: always,
    run: (a, s) => a.select(s.tour.current + 1),
  },
  nextBeat: {
    keys: [{ key: 'rightArrow' }, { input: 'l' }, { input: ' ' }],
    label: '→/l/Space',
    help: 'keys.nextBeat',
    bar: { label: '←→', short: 'keys.beat.short', offered: (s) => currentBeat(s.tour, s.ui.beat).count > 1 },
    enabled: always,
    run: (a) => a.turnPage(1),
  },
  prevBeat: {
    keys: [{ key: 'leftArrow' }, { input: 'h' }],
    label: '←/h',
    help: 'keys.prevBeat',
    enabled: always,
    run: (a) => a.turnPage(-1),
  },
  run: {
    keys: [{ key: 'return' }],
    label: 'Enter',
    help: 'keys.run',
    // The bar says what Enter really does here: read on (before the action page, where it turns
    // the page), run the step, or go on to the next one.
    bar: { short: 'keys.run.short', shortFor: enterWord },
    enabled: (s) => {
      if (enterTurnsPage(s.tour, s.ui.beat)) return ENABLED;
      const active = s.tour.active;
      if (!active) return ENABLED;
      // Enter on another step while one runs says why nothing happens.
      return active.index === s.tour.current ? disabled('ui.help.notWhileRunning') : disabled('ui.help.notWhileRunning', BUSY);
    },
    run: (a, s) => {
      if (enterTurnsPage(s.tour, s.ui.beat)) return a.turnPage(1);
      const does = enterDoes(s.tour);
      if (does === 'run') a.runStep(s.tour.current, 'run');
      else if (does === 'recap') a.openOverlay('recap');
      else a.select(nextIndex(s.tour, s.tour.current));
    },
  },
  retry: {
    keys: [{ input: 'r' }],
    label: 'r',
    help: 'keys.retry',
    bar: { short: 'keys.retry.short' },
    enabled: (s) => (s.tour.active ? disabled('ui.help.notWhileRunning') : stepUnfinished(s) ? ENABLED : disabled('screen.help.failedOrCancelled')),
    run: (a, s) => a.runStep(s.tour.current, 'run'),
  },
  skip: {
    keys: [{ input: 'n' }],
    label: 'n',
    help: 'keys.skip',
    bar: { short: 'keys.skip.short', offered: stepUnfinished },
    enabled: (s) => {
      const st = selected(s);
      if (s.tour.active?.index === s.tour.current || st?.status === 'running') return disabled('ui.help.notWhileRunning');
      return st?.status === 'passed' ? disabled('ui.help.notPassed') : ENABLED;
    },
    run: (a, s) => {
      a.skip(s.tour.current);
      a.select(nextIndex(s.tour, s.tour.current));
    },
  },
  solve: {
    keys: [{ input: 'a' }],
    label: 'a',
    help: 'keys.solve',
    bar: { short: 'keys.solve.short', offered: stepUnfinished },
    enabled: (s): Enabled => {
      const st = selected(s);
      if (s.tour.active) return disabled('ui.help.notWhileRunning');
      if (!st?.applies) return disabled('ui.help.appliesOnly');
      // Offered only where there is a solution to run.
      if (!hasSolution(s.tour, s.tour.current)) return disabled('screen.help.solveOnly', { key: 'screen.notice.noSolution' });
      return st.status === 'failed' || st.status === 'pending' || st.status === 'cancelled' ? ENABLED : disabled('screen.help.solveOnly');
    },
    run: (a, s) => {
      // The solution's commands show in the output pane as they run: bring it to the front.
      a.focusPane('output');
      a.runStep(s.tour.current, 'solve');
    },
  },
  explain: {
    keys: [{ input: 'e' }],
    label: 'e',
    help: 'keys.explain',
    bar: { short: 'keys.explain.short', offered: stepFailed },
    enabled: (s) => (hasFullResult(s.tour, s.tour.current) ? ENABLED : disabled('screen.help.resultOnly')),
    run: (a) => a.openOverlay('failure'),
  },
  cancel: {
    keys: [{ key: 'escape' }, { input: 'x' }],
    label: 'Esc/x',
    help: 'keys.cancel',
    bar: { short: 'keys.cancel.short' },
    enabled: (s) => (s.tour.active ? ENABLED : disabled('ui.help.runningOnly')),
    run: (a) => a.cancel(),
  },
  shell: {
    keys: [{ input: 's' }],
    label: 's',
    help: 'keys.shell',
    bar: { short: 'keys.shell.short' },
    enabled: (s) => {
      if (s.tour.tutorial.steps[s.tour.current]?.shell) return ENABLED;
      // Says where the shell is: the step's number and title.
      return disabled('ui.help.shellOnly', shellNotice(s.tour));
    },
    run: (a) => a.openShell(),
  },
  transcript: {
    keys: [{ input: 't' }],
    label: 't',
    help: 'keys.transcript',
    // Offered where the shell shows: on its step.
    bar: { short: 'keys.transcript.short', offered: (s) => s.shell?.stepId === selected(s)?.id },
    enabled: (s) => (shellRuns(s) ? ENABLED : disabled('ui.help.shellRunning', { key: 'ui.notice.transcriptNoShell' })),
    run: (a) => a.toggleRecording(),
  },
  switchPane: {
    keys: [{ key: 'tab' }],
    label: 'Tab',
    help: 'keys.switchPane',
    bar: { short: 'keys.switchPane.short' },
    enabled: always,
    run: (a) => a.cycleFocus(),
  },
  check: {
    keys: [{ input: 'c' }],
    label: 'c',
    help: 'keys.check',
    bar: { short: 'keys.check.short' },
    enabled: (s) => (s.tour.active ? disabled('ui.help.notWhileRunning', BUSY) : selected(s)?.applies ? ENABLED : disabled('ui.help.appliesOnly')),
    run: (a, s) => a.runStep(s.tour.current, 'check'),
  },
  pageUp: {
    keys: [{ key: 'pageUp' }],
    label: 'PgUp',
    help: 'keys.pageUp',
    bar: { label: 'PgUp/PgDn', short: 'keys.pageUp.short' },
    enabled: always,
    run: (a) => a.scrollPage(-1),
  },
  pageDown: {
    keys: [{ key: 'pageDown' }],
    label: 'PgDn',
    help: 'keys.pageDown',
    enabled: always,
    run: (a) => a.scrollPage(1),
  },
  follow: {
    keys: [{ key: 'end' }],
    label: 'End',
    help: 'keys.follow',
    enabled: always,
    run: (a) => a.follow(),
  },
  outputCut: {
    keys: [{ input: 'w' }],
    label: 'w',
    help: 'keys.wrap',
    enabled: always,
    run: (a) => a.toggleOutputCut(),
  },
  language: {
    keys: [{ input: 'L' }],
    label: 'L',
    help: 'keys.language',
    bar: { short: 'keys.language.short' },
    enabled: always,
    run: (a) => a.nextLanguage(),
  },
  help: {
    keys: [{ input: '?' }],
    label: '?',
    help: 'keys.help',
    bar: { short: 'keys.help.short' },
    enabled: always,
    run: (a) => a.openOverlay('help'),
  },
  quit,
};

/** While the shell pane has the keys (it reads stdin itself; these are the bytes it leaves on). */
export const SHELL_KEYS: KeyTable<'leaveShell', ScreenState, TourActions> = {
  leaveShell: {
    keys: [{ input: ']', ctrl: true }],
    label: 'Ctrl-]',
    help: 'keys.leaveShell',
    bar: { short: 'keys.leaveShell.short' },
    enabled: (s) => (s.ui.shellFocused ? ENABLED : disabled('ui.help.shellOpen')),
    run: (a) => a.focusShell(false),
  },
};

/** The terminal is too small to show the tour: only quitting works. */
export const TOO_SMALL_KEYS: KeyTable<'quit', ScreenState, TourActions> = { quit };

const yes = [{ input: 'y' }, { input: 'Y' }] as const;
const no = [{ input: 'n' }, { input: 'N' }, { key: 'escape' }] as const;
const ctrlC = { input: 'c', ctrl: true } as const;

export const HELP_KEYS: KeyTable<'quit' | 'close', ScreenState, TourActions> = {
  quit: { ...quit, keys: [ctrlC] },
  close: { keys: [{ any: true }], label: '…', help: 'keys.closeHelp', enabled: always, run: (a) => a.openOverlay(null) },
};

export const QUIT_KEYS: KeyTable<'yes' | 'no', ScreenState, TourActions> = {
  yes: { keys: [...yes, ctrlC], label: 'y', help: 'keys.quitYes', bar: { short: 'keys.quit.short' }, enabled: always, run: (a) => a.quitNow() },
  no: { keys: [...no, { input: 'q' }], label: 'n', help: 'keys.quitNo', bar: { short: 'keys.back.short' }, enabled: always, run: (a) => a.openOverlay(null) },
};

const hasOffer = (s: ScreenState): Enabled => (s.offer ? ENABLED : disabled('ui.help.offerOnly'));

export const RESUME_KEYS: KeyTable<'resume' | 'fresh' | 'quit', ScreenState, TourActions> = {
  resume: { keys: [{ key: 'return' }], label: 'Enter', help: 'keys.resume', bar: { short: 'keys.resume.short' }, enabled: hasOffer, run: (a) => a.answerResume(true) },
  fresh: { keys: no, label: 'n', help: 'keys.fresh', bar: { short: 'keys.fresh.short' }, enabled: hasOffer, run: (a) => a.answerResume(false) },
  quit: { keys: [{ input: 'q' }, ctrlC], label: 'q', help: 'keys.quit', bar: { short: 'keys.quit.short' }, enabled: always, run: (a) => a.quitNow() },
};

export const CONFIRM_KEYS: KeyTable<'quit' | 'yes' | 'no', ScreenState, TourActions> = {
  quit: { ...quit, keys: [ctrlC], bar: undefined },
  yes: { keys: yes, label: 'y', help: 'keys.confirmYes', bar: { short: 'keys.run.short' }, enabled: always, run: (a) => a.answerConfirm(true) },
  no: { keys: [...no, { input: 'q' }], label: 'n/Esc', help: 'keys.confirmNo', bar: { short: 'keys.back.short' }, enabled: always, run: (a) => a.answerConfirm(false) },
};

export const QUESTION_KEYS: KeyTable<'yes' | 'no', ScreenState, TourActions> = {
  yes: { keys: yes, label: 'y', help: 'keys.answerYes', bar: { short: 'keys.yes.short' }, enabled: always, run: (a) => a.answerQuestion(true) },
  no: { keys: [...no, { input: 'q' }, ctrlC], label: 'n/Esc', help: 'keys.answerNo', bar: { short: 'keys.no.short' }, enabled: always, run: (a) => a.answerQuestion(false) },
};

/** A scrolling overlay (the failure in full, the recap): scroll, close, quit. */
function readingKeys(closeKeys: readonly KeyChord[]): KeyTable<'lineUp' | 'lineDown' | 'pageUp' | 'pageDown' | 'close' | 'quit', ScreenState, TourActions> {
  const page = (s: ScreenState): number => Math.max(1, s.layout.body.height - 4);
  return {
    lineUp: { keys: [{ key: 'upArrow' }, { input: 'k' }], label: '↑/k', help: 'keys.lineUp', bar: { label: '↑↓', short: 'keys.scrollOverlay' }, enabled: always, run: (a) => a.scrollOverlay(-1) },
    lineDown: { keys: [{ key: 'downArrow' }, { input: 'j' }], label: '↓/j', help: 'keys.lineDown', enabled: always, run: (a) => a.scrollOverlay(1) },
    pageUp: { keys: [{ key: 'pageUp' }], label: 'PgUp', help: 'keys.pageUp', enabled: always, run: (a, s) => a.scrollOverlay(-page(s)) },
    pageDown: { keys: [{ key: 'pageDown' }, { input: ' ' }], label: 'PgDn', help: 'keys.pageDown', enabled: always, run: (a, s) => a.scrollOverlay(page(s)) },
    close: { keys: closeKeys, label: 'Esc', help: 'keys.closeOverlay', bar: { short: 'keys.closeOverlay' }, enabled: always, run: (a) => a.openOverlay(null) },
    quit: { ...quit, keys: [{ input: 'q' }, ctrlC] },
  };
}

export const FAILURE_KEYS = readingKeys([{ key: 'escape' }, { input: 'e' }, { key: 'return' }]);
export const RECAP_KEYS = readingKeys([{ key: 'escape' }, { key: 'return' }]);

/** Where the keys go now. */
export type KeyContext = Exclude<Overlay, null> | 'tour' | 'shell' | 'tooSmall';

export const KEY_TABLES: { readonly [C in KeyContext]: Readonly<Record<string, ScreenBinding>> } = {
  tour: TOUR_KEYS,
  shell: SHELL_KEYS,
  tooSmall: TOO_SMALL_KEYS,
  help: HELP_KEYS,
  quit: QUIT_KEYS,
  resume: RESUME_KEYS,
  confirm: CONFIRM_KEYS,
  question: QUESTION_KEYS,
  failure: FAILURE_KEYS,
  recap: RECAP_KEYS,
};

/** The context whose table takes the keys now; null while the tour stops (no key does anything). */
export function keyContextOf(s: ScreenState): KeyContext | null {
  if (s.ui.stopping) return null;
  if (s.ui.overlay) return s.ui.overlay;
  if (shellHasKeys(s)) return 'shell';
  if (s.layout.kind === 'tooSmall') return 'tooSmall';
  return 'tour';
}

/** The shell pane has the keys: it is focused and its shell has not ended. */
export function shellHasKeys(s: Pick<ScreenState, 'ui' | 'shell'>): boolean {
  return s.ui.shellFocused && s.shell !== null && s.shell.phase !== 'ended';
}

/** What `?` lists: every key of the tour and of the shell pane. */
export const KEY_BINDINGS: readonly ScreenBinding[] = [...Object.values(TOUR_KEYS), ...Object.values(SHELL_KEYS)];

/** The trust question's state: where the list is scrolled to. */
export interface TrustScroll {
  readonly start: number;
  readonly maxOffset: number;
  /** Lines in a page. */
  readonly page: number;
}

export interface TrustActions {
  answer(trusted: boolean): void;
  scrollTo(offset: number): void;
}

/** The trust question before a tutorial that is not built in runs (TrustScreen). */
export const TRUST_KEYS: KeyTable<'trust' | 'quit' | 'lineUp' | 'lineDown' | 'pageUp' | 'pageDown' | 'top' | 'bottom', TrustScroll, TrustActions> = {
  trust: { keys: [{ input: 't' }, { input: 'T' }], label: 't', help: 'keys.trust', enabled: always, run: (a) => a.answer(true) },
  quit: { keys: [{ input: 'q' }, { input: 'Q' }, { key: 'escape' }, ctrlC], label: 'q', help: 'keys.trustQuit', enabled: always, run: (a) => a.answer(false) },
  lineUp: { keys: [{ key: 'upArrow' }, { input: 'k' }], label: '↑/k', help: 'keys.lineUp', enabled: always, run: (a, s) => a.scrollTo(s.start - 1) },
  lineDown: { keys: [{ key: 'downArrow' }, { input: 'j' }], label: '↓/j', help: 'keys.lineDown', enabled: always, run: (a, s) => a.scrollTo(s.start + 1) },
  pageUp: { keys: [{ key: 'pageUp' }], label: 'PgUp', help: 'keys.pageUp', enabled: always, run: (a, s) => a.scrollTo(s.start - s.page) },
  pageDown: { keys: [{ key: 'pageDown' }, { input: ' ' }], label: 'PgDn/Space', help: 'keys.pageDown', enabled: always, run: (a, s) => a.scrollTo(s.start + s.page) },
  top: { keys: [{ key: 'home' }, { input: 'g' }], label: 'Home/g', help: 'keys.top', enabled: always, run: (a) => a.scrollTo(0) },
  bottom: { keys: [{ key: 'end' }, { input: 'G' }], label: 'End/G', help: 'keys.bottom', enabled: always, run: (a, s) => a.scrollTo(s.maxOffset) },
};
