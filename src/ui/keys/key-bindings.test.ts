// The key tables' rules, on screen states built by hand: which context has the keys, when
// each binding applies (and what it says when pressed anyway), what the help bar offers, and
// what each handler asks the actions to do. The TUI tests (test/ui-*.test.tsx) press the keys.
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { tinyFacts, tinyTutorial } from '../../../test/helpers/tiny-tutorial.js';
import type { ShellStatus } from '../../app/shell-controller.js';
import type { MessageRef } from '../../i18n/types.js';
import { initialState, type StepState, type TourState } from '../../engine/tour.js';
import { t } from '../../i18n/index.js';
import type { TourActions } from '../hooks/useTourActions.js';
import { computeLayout } from '../layout.js';
import { initialUiState, type UiState } from '../state/ui-state.js';
import { bindingFor, chordBytes, ENABLED, offered, press, type MessageKeyName } from './bindings.js';
import {
  CONFIRM_KEYS,
  HELP_KEYS,
  KEY_BINDINGS,
  KEY_TABLES,
  keyContextOf,
  QUESTION_KEYS,
  QUIT_KEYS,
  RESUME_KEYS,
  SHELL_KEYS,
  TOUR_KEYS,
  TRUST_KEYS,
  type ScreenState,
} from './key-bindings.js';

const tour0 = initialState(tinyTutorial(), tinyFacts());
const index = (id: string): number => tour0.steps.findIndex((s) => s.id === id);

function tourWith(current: string, patch: Partial<StepState> = {}, active?: string): TourState {
  const i = index(current);
  return {
    ...tour0,
    current: i,
    steps: tour0.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)),
    active: active === undefined ? null : { index: index(active), runId: 1, how: 'run' },
  };
}

function screen(o: { tour?: TourState; ui?: Partial<UiState>; cols?: number; shell?: Partial<ShellStatus> | null } = {}): ScreenState {
  const shell: ShellStatus | null =
    o.shell === null || o.shell === undefined
      ? null
      : { id: 1, stepId: 'explore-shell', pod: 'image-volume', container: 'shell', phase: 'running', exit: null, error: null, recording: null, ...o.shell };
  return { tour: o.tour ?? tour0, ui: { ...initialUiState(), ...o.ui }, layout: computeLayout(o.cols ?? 100, 30), offer: null, shell };
}

const key = (k: Partial<Key> = {}): Key => ({
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
  ...k,
});

/** Actions that record what they were asked to do. */
function recorder(): { actions: TourActions; calls: string[]; notices: MessageRef[] } {
  const calls: string[] = [];
  const notices: MessageRef[] = [];
  const rec =
    (name: string) =>
    (...args: unknown[]): void => {
      calls.push([name, ...args.map((a) => JSON.stringify(a))].join(' '));
    };
  const actions: TourActions = {
    select: rec('select'),
    runStep: rec('runStep'),
    skip: rec('skip'),
    cancel: rec('cancel'),
    openShell: rec('openShell'),
    focusShell: rec('focusShell'),
    toggleRecording: rec('toggleRecording'),
    cycleFocus: rec('cycleFocus'),
    focusPane: rec('focusPane'),
    scrollPage: rec('scrollPage'),
    follow: rec('follow'),
    turnPage: rec('turnPage'),
    toggleOutputCut: rec('toggleOutputCut'),
    nextLanguage: rec('nextLanguage'),
    openOverlay: rec('openOverlay'),
    scrollOverlay: rec('scrollOverlay'),
    quitNow: rec('quitNow'),
    answerResume: rec('answerResume'),
    answerConfirm: rec('answerConfirm'),
    answerQuestion: rec('answerQuestion'),
    notice: (m) => void notices.push(m),
    clearNotice: rec('clearNotice'),
    goTo: () => Promise.resolve(),
  };
  return { actions, calls, notices };
}

/** Presses a key in the context that has the keys, as the key handler does. */
function pressKey(s: ScreenState, input: string, k: Partial<Key> = {}) {
  const r = recorder();
  const context = keyContextOf(s);
  const binding = context && context !== 'shell' ? bindingFor(KEY_TABLES[context], input, key(k)) : undefined;
  if (binding) press(binding, s, r.actions, r.actions.notice);
  return r;
}

const barLabels = (s: ScreenState): string[] => {
  const context = keyContextOf(s);
  return context ? Object.values(KEY_TABLES[context === 'help' ? 'tour' : context]).filter((b) => offered(b, s)).map((b) => b.bar?.label ?? b.label) : [];
};

describe('which table has the keys', () => {
  it('stopping: none; an overlay: its own; the focused shell: the pane; too small: quitting only; else the tour', () => {
    expect(keyContextOf(screen({ ui: { stopping: true, overlay: 'help' } }))).toBeNull();
    for (const overlay of ['help', 'quit', 'resume', 'confirm', 'question'] as const) expect(keyContextOf(screen({ ui: { overlay } }))).toBe(overlay);
    expect(keyContextOf(screen({ ui: { shellFocused: true }, shell: {} }))).toBe('shell');
    expect(keyContextOf(screen({ ui: { shellFocused: true }, shell: { phase: 'opening' } }))).toBe('shell');
    // A shell that ended gives the keys back, focused or not.
    expect(keyContextOf(screen({ ui: { shellFocused: true }, shell: { phase: 'ended', exit: { exitCode: 0 } } }))).toBe('tour');
    expect(keyContextOf(screen({ ui: { shellFocused: true }, shell: null }))).toBe('tour');
    expect(keyContextOf(screen({ cols: 50 }))).toBe('tooSmall');
    expect(keyContextOf(screen())).toBe('tour');
  });

  it('too small: q quits, nothing else does anything', () => {
    const s = screen({ cols: 50 });
    expect(pressKey(s, 'q').calls).toEqual(['quitNow']);
    expect(pressKey(s, 'j').calls).toEqual([]);
    expect(pressKey(s, '', { return: true }).calls).toEqual([]);
  });
});

/** The tour with the current step cut into `count` beats, the action on `action`. */
function tourInBeats(current: string, count: number, action: number, patch: Partial<StepState> = {}): TourState {
  const base = tourWith(current, patch);
  const i = index(current);
  const pages = Array.from({ length: count }, (_, n) => `page ${n + 1}`);
  return {
    ...base,
    tutorial: { ...base.tutorial, steps: base.tutorial.steps.map((s, j) => (j === i ? { ...s, beats: { en: pages, 'zh-CN': pages }, actionBeat: action } : s)) },
  };
}

describe('the beats of a step', () => {
  it('→, l and Space turn to the next page, ← and h to the previous one', () => {
    const s = screen({ tour: tourInBeats('apply-pod', 3, 1) });
    for (const [input, k] of [['', { rightArrow: true }], ['l', {}], [' ', {}]] as const) expect(pressKey(s, input, k).calls).toEqual(['turnPage 1']);
    for (const [input, k] of [['', { leftArrow: true }], ['h', {}]] as const) expect(pressKey(s, input, k).calls).toEqual(['turnPage -1']);
  });

  it('Enter turns the page before the action beat of a step to run, and runs it on the action beat and after', () => {
    expect(pressKey(screen({ tour: tourInBeats('apply-pod', 3, 1) }), '', { return: true }).calls).toEqual(['turnPage 1']);
    expect(pressKey(screen({ tour: tourInBeats('apply-pod', 3, 1), ui: { beat: { step: 'apply-pod', index: 1 } } }), '', { return: true }).calls).toEqual(['runStep 1 "run"']);
    expect(pressKey(screen({ tour: tourInBeats('apply-pod', 3, 1), ui: { beat: { step: 'apply-pod', index: 2 } } }), '', { return: true }).calls).toEqual(['runStep 1 "run"']);
    // A failed step too: its text first.
    expect(pressKey(screen({ tour: tourInBeats('apply-pod', 3, 2, { status: 'failed' }) }), '', { return: true }).calls).toEqual(['turnPage 1']);
  });

  it('on a step that is done, Enter reads on to the last page, then goes to the next step', () => {
    const passed = tourInBeats('apply-pod', 3, 0, { status: 'passed' });
    expect(pressKey(screen({ tour: passed }), '', { return: true }).calls).toEqual(['turnPage 1']);
    expect(pressKey(screen({ tour: passed, ui: { beat: { step: 'apply-pod', index: 1 } } }), '', { return: true }).calls).toEqual(['turnPage 1']);
    expect(pressKey(screen({ tour: passed, ui: { beat: { step: 'apply-pod', index: 2 } } }), '', { return: true }).calls).toEqual(['select 2']);
  });

  it('the bar offers ←→ on a step of several pages, and Enter with what it does: "read on" before the action page, "run" on it', () => {
    const reading = screen({ tour: tourInBeats('apply-pod', 3, 1) });
    const onAction = screen({ tour: tourInBeats('apply-pod', 3, 1), ui: { beat: { step: 'apply-pod', index: 1 } } });
    expect(barLabels(reading)).toContain('←→');
    expect(barLabels(reading)).toContain('Enter');
    expect(TOUR_KEYS.run.bar?.shortFor?.(reading)).toBe('keys.readOn.short');
    expect(barLabels(onAction)).toContain('Enter');
    expect(TOUR_KEYS.run.bar?.shortFor?.(onAction)).toBe('keys.run.short');
    expect(barLabels(screen({ tour: tourWith('apply-pod') }))).not.toContain('←→');
  });

  it('on a step that runs nothing, the bar says Enter marks it read, not "run"', () => {
    const welcome = screen({ tour: tourInBeats('welcome', 2, 1), ui: { beat: { step: 'welcome', index: 1 } } });
    expect(TOUR_KEYS.run.bar?.shortFor?.(welcome)).toBe('keys.read.short');
    expect(pressKey(welcome, '', { return: true }).calls).toEqual(['runStep 0 "run"']);
  });

  it('w switches the output pane between wrapped and cut lines', () => {
    expect(pressKey(screen(), 'w').calls).toEqual(['toggleOutputCut']);
  });
});

describe('the tour keys', () => {
  it('j/k and the arrows select the next and the previous step', () => {
    const s = screen({ tour: tourWith('apply-pod') });
    expect(pressKey(s, 'j').calls).toEqual(['select 2']);
    expect(pressKey(s, '', { downArrow: true }).calls).toEqual(['select 2']);
    expect(pressKey(s, 'k').calls).toEqual(['select 0']);
    expect(pressKey(s, '', { upArrow: true }).calls).toEqual(['select 0']);
  });

  it('Enter runs a pending or failed step, moves on from a finished one, and does nothing while a step runs', () => {
    expect(pressKey(screen({ tour: tourWith('apply-pod') }), '', { return: true }).calls).toEqual(['runStep 1 "run"']);
    expect(pressKey(screen({ tour: tourWith('apply-pod', { status: 'failed' }) }), '', { return: true }).calls).toEqual(['runStep 1 "run"']);
    expect(pressKey(screen({ tour: tourWith('apply-pod', { status: 'passed' }) }), '', { return: true }).calls).toEqual(['select 2']);
    const runningHere = pressKey(screen({ tour: tourWith('slow', { status: 'running' }, 'slow') }), '', { return: true });
    expect(runningHere.calls).toEqual([]);
    expect(runningHere.notices).toEqual([]);
    // On another step while one runs: says why.
    const elsewhere = pressKey(screen({ tour: tourWith('verify', {}, 'slow') }), '', { return: true });
    expect(elsewhere.calls).toEqual([]);
    expect(elsewhere.notices).toEqual([{ key: 'ui.notice.busy' }]);
  });

  it('r retries a failed step only; n skips any step but a passed or running one; a solves a pending or failed one that applies', () => {
    expect(pressKey(screen({ tour: tourWith('verify', { status: 'failed' }) }), 'r').calls).toEqual(['runStep 2 "run"']);
    expect(pressKey(screen({ tour: tourWith('verify') }), 'r').calls).toEqual([]);
    expect(pressKey(screen({ tour: tourWith('verify', { status: 'failed' }) }), 'n').calls).toEqual(['skip 2', 'select 3']);
    expect(pressKey(screen({ tour: tourWith('verify') }), 'n').calls).toEqual(['skip 2', 'select 3']);
    expect(pressKey(screen({ tour: tourWith('verify', { status: 'passed' }) }), 'n').calls).toEqual([]);
    expect(pressKey(screen({ tour: tourWith('slow', { status: 'running' }, 'slow') }), 'n').calls).toEqual([]);
    expect(pressKey(screen({ tour: tourWith('verify') }), 'a').calls).toEqual(['focusPane "output"', 'runStep 2 "solve"']);
    expect(pressKey(screen({ tour: tourWith('verify', { status: 'skipped' }) }), 'a').calls).toEqual([]);
    expect(pressKey(screen({ tour: tourWith('verify', { applies: false, status: 'skipped' }) }), 'a').calls).toEqual([]);
    expect(pressKey(screen({ tour: tourWith('verify', {}, 'slow') }), 'a').calls).toEqual([]);
  });

  it('Esc and x cancel only while a step runs; c checks when nothing runs and says why not otherwise', () => {
    expect(pressKey(screen({ tour: tourWith('slow', { status: 'running' }, 'slow') }), '', { escape: true }).calls).toEqual(['cancel']);
    expect(pressKey(screen({ tour: tourWith('slow', { status: 'running' }, 'slow') }), 'x').calls).toEqual(['cancel']);
    expect(pressKey(screen(), '', { escape: true }).calls).toEqual([]);
    expect(pressKey(screen({ tour: tourWith('verify') }), 'c').calls).toEqual(['runStep 2 "check"']);
    expect(pressKey(screen({ tour: tourWith('verify', {}, 'slow') }), 'c').notices).toEqual([{ key: 'ui.notice.busy' }]);
  });

  it('s opens the shell on a step that has one, else says which step has it; t records only while the shell runs', () => {
    expect(pressKey(screen({ tour: tourWith('explore-shell') }), 's').calls).toEqual(['openShell']);
    const noShell = pressKey(screen({ tour: tourWith('verify') }), 's');
    expect(noShell.calls).toEqual([]);
    // It names the shell's step by its number and title, as the step list shows it.
    const shellIndex = tour0.tutorial.steps.findIndex((x) => x.id === 'explore-shell');
    expect(noShell.notices).toEqual([{ key: 'screen.notice.noShell', params: { n: shellIndex + 1, step: tour0.tutorial.steps[shellIndex]?.title.en } }]);
    expect(pressKey(screen({ shell: {} }), 't').calls).toEqual(['toggleRecording']);
    expect(pressKey(screen({ shell: { phase: 'ended', exit: { exitCode: 0 } } }), 't').notices).toEqual([{ key: 'ui.notice.transcriptNoShell' }]);
    expect(pressKey(screen(), 't').notices).toEqual([{ key: 'ui.notice.transcriptNoShell' }]);
  });

  it('q quits at once, or asks first while a step or the shell runs; Ctrl-C is q', () => {
    expect(pressKey(screen(), 'q').calls).toEqual(['quitNow']);
    expect(pressKey(screen(), 'c', { ctrl: true }).calls).toEqual(['quitNow']);
    expect(pressKey(screen({ tour: tourWith('slow', { status: 'running' }, 'slow') }), 'q').calls).toEqual(['openOverlay "quit"']);
    expect(pressKey(screen({ shell: {} }), 'q').calls).toEqual(['openOverlay "quit"']);
    expect(pressKey(screen({ shell: { phase: 'ended', exit: { exitCode: 0 } } }), 'q').calls).toEqual(['quitNow']);
  });

  it('the rest: Tab, PgUp/PgDn, End, L, ?', () => {
    expect(pressKey(screen(), '', { tab: true }).calls).toEqual(['cycleFocus']);
    expect(pressKey(screen(), '', { pageUp: true }).calls).toEqual(['scrollPage -1']);
    expect(pressKey(screen(), '', { pageDown: true }).calls).toEqual(['scrollPage 1']);
    expect(pressKey(screen(), '', { end: true }).calls).toEqual(['follow']);
    expect(pressKey(screen(), 'L', { shift: true }).calls).toEqual(['nextLanguage']);
    expect(pressKey(screen(), '?').calls).toEqual(['openOverlay "help"']);
    // A Ctrl chord is not the plain letter.
    expect(pressKey(screen(), 'j', { ctrl: true }).calls).toEqual([]);
  });
});

describe('the overlays', () => {
  it('help: any key closes it; Ctrl-C quits as q does', () => {
    const s = screen({ ui: { overlay: 'help' } });
    expect(pressKey(s, 'x').calls).toEqual(['openOverlay null']);
    expect(pressKey(s, '', { return: true }).calls).toEqual(['openOverlay null']);
    expect(pressKey(s, 'c', { ctrl: true }).calls).toEqual(['quitNow']);
    expect(Object.keys(HELP_KEYS)).toEqual(['quit', 'close']);
  });

  it('quit: y or Ctrl-C quits; n, Esc or q goes back', () => {
    const s = screen({ ui: { overlay: 'quit' } });
    for (const [input, k] of [['y', {}], ['Y', {}], ['c', { ctrl: true }]] as const) expect(pressKey(s, input, k).calls).toEqual(['quitNow']);
    for (const [input, k] of [['n', {}], ['N', {}], ['', { escape: true }], ['q', {}]] as const) expect(pressKey(s, input, k).calls).toEqual(['openOverlay null']);
    expect(pressKey(s, 'j').calls).toEqual([]);
  });

  it('resume: Enter resumes and n starts fresh when there is an offer; q and Ctrl-C quit', () => {
    const offer = { version: 1, tutorial: 'tiny', cluster: 'simulated-ivol', current: 'verify', statuses: {}, savedAt: '' } as const;
    const s = { ...screen({ ui: { overlay: 'resume' } }), offer };
    expect(pressKey(s, '', { return: true }).calls).toEqual(['answerResume true']);
    expect(pressKey(s, 'n').calls).toEqual(['answerResume false']);
    expect(pressKey(s, 'q').calls).toEqual(['quitNow']);
    expect(pressKey(s, 'c', { ctrl: true }).calls).toEqual(['quitNow']);
    expect(pressKey({ ...s, offer: null }, '', { return: true }).calls).toEqual([]);
  });

  it('confirm: y runs, n/Esc/q do not; Ctrl-C quits as q does', () => {
    const s = screen({ ui: { overlay: 'confirm' } });
    expect(pressKey(s, 'y').calls).toEqual(['answerConfirm true']);
    for (const [input, k] of [['n', {}], ['', { escape: true }], ['q', {}]] as const) expect(pressKey(s, input, k).calls).toEqual(['answerConfirm false']);
    expect(pressKey(s, 'c', { ctrl: true }).calls).toEqual(['quitNow']);
    expect(pressKey({ ...s, tour: tourWith('slow', { status: 'running' }, 'slow') }, 'c', { ctrl: true }).calls).toEqual(['openOverlay "quit"']);
  });

  it('question: y is yes; n, Esc, q and Ctrl-C are no', () => {
    const s = screen({ ui: { overlay: 'question' } });
    expect(pressKey(s, 'y').calls).toEqual(['answerQuestion true']);
    for (const [input, k] of [['n', {}], ['', { escape: true }], ['q', {}], ['c', { ctrl: true }]] as const) expect(pressKey(s, input, k).calls).toEqual(['answerQuestion false']);
  });
});

describe('the help bar reads the same rules', () => {
  it('offers the keys that apply now, in the table\'s order', () => {
    expect(barLabels(screen({ tour: tourWith('verify') }))).toEqual(['↑↓/jk', 'Enter', 'Tab', 'c', 'PgUp/PgDn', 'L', '?', 'q']);
    // A failed step: r, n, a (it has a solution) and e (the failure in full) are offered.
    expect(barLabels(screen({ tour: tourWith('verify', { status: 'failed' }) }))).toEqual(['↑↓/jk', 'Enter', 'r', 'n', 'a', 'e', 'Tab', 'c', 'PgUp/PgDn', 'L', '?', 'q']);
    // Cancelled: run again, skip or solve; nothing to explain.
    expect(barLabels(screen({ tour: tourWith('verify', { status: 'cancelled' }) }))).toEqual(['↑↓/jk', 'Enter', 'r', 'n', 'a', 'Tab', 'c', 'PgUp/PgDn', 'L', '?', 'q']);
    // A step runs: cancel instead of Enter and c.
    expect(barLabels(screen({ tour: tourWith('slow', { status: 'running' }, 'slow') }))).toEqual(['↑↓/jk', 'Esc/x', 'Tab', 'PgUp/PgDn', 'L', '?', 'q']);
    // The shell's step, with its shell running: s and t.
    expect(barLabels(screen({ tour: tourWith('explore-shell'), shell: {} }))).toEqual(['↑↓/jk', 'Enter', 's', 't', 'Tab', 'c', 'PgUp/PgDn', 'L', '?', 'q']);
    // The help open: the keys it explains.
    expect(barLabels(screen({ ui: { overlay: 'help' } }))).toEqual(['↑↓/jk', 'Enter', 'Tab', 'c', 'PgUp/PgDn', 'L', '?', 'q']);
  });

  it('in the shell pane and in each dialog, its own keys', () => {
    expect(barLabels(screen({ ui: { shellFocused: true }, shell: {} }))).toEqual(['Ctrl-]']);
    expect(barLabels(screen({ ui: { overlay: 'quit' } }))).toEqual(['y', 'n']);
    expect(barLabels(screen({ ui: { overlay: 'confirm' } }))).toEqual(['y', 'n/Esc']);
    expect(barLabels(screen({ ui: { overlay: 'question' } }))).toEqual(['y', 'n/Esc']);
    const offer = { version: 1, tutorial: 'tiny', cluster: 'simulated-ivol', current: 'verify', statuses: {}, savedAt: '' } as const;
    expect(barLabels({ ...screen({ ui: { overlay: 'resume' } }), offer })).toEqual(['Enter', 'n', 'q']);
  });
});

describe('the tables', () => {
  it('Ctrl-] leaves the shell pane: the bytes the pane looks for come from the table', () => {
    expect(SHELL_KEYS.leaveShell.keys.map(chordBytes)).toEqual(['\x1d']);
    expect(chordBytes({ input: 'c', ctrl: true })).toBe('\x03');
    expect(SHELL_KEYS.leaveShell.enabled(screen({ ui: { shellFocused: true }, shell: {} }))).toBe(ENABLED);
    expect(pressKeyInShell(screen({ ui: { shellFocused: true }, shell: {} }))).toEqual(['focusShell false']);
  });

  it('every help text, bar word and reason exists in both languages', () => {
    type Texts = Readonly<Record<string, { readonly help: MessageKeyName; readonly bar?: { readonly short: MessageKeyName } }>>;
    const tables: readonly Texts[] = [TOUR_KEYS, SHELL_KEYS, HELP_KEYS, QUIT_KEYS, RESUME_KEYS, CONFIRM_KEYS, QUESTION_KEYS, TRUST_KEYS];
    const keys = new Set<MessageKeyName>();
    for (const table of tables) {
      for (const b of Object.values(table)) {
        keys.add(b.help);
        if (b.bar) keys.add(b.bar.short);
      }
    }
    const states = [screen(), screen({ tour: tourWith('slow', { status: 'running' }, 'slow') }), screen({ tour: tourWith('verify', { applies: false, status: 'skipped' }) })];
    for (const s of states) {
      for (const b of KEY_BINDINGS) {
        const e = b.enabled(s);
        if (e !== ENABLED) {
          keys.add(e.why.key);
          if (e.notice) keys.add(e.notice.key);
        }
      }
    }
    for (const k of keys) for (const lang of ['en', 'zh-CN'] as const) expect(t(lang, k), `${k} in ${lang}`).not.toBe(k);
  });

  it('`?` lists every key of the tour and the shell pane, with the labels of README.md "Keys"', () => {
    expect(KEY_BINDINGS.map((b) => b.label)).toEqual(['↑/k', '↓/j', '→/l/Space', '←/h', 'Enter', 'r', 'n', 'a', 'e', 'Esc/x', 's', 't', 'Tab', 'c', 'PgUp', 'PgDn', 'End', 'w', 'L', '?', 'q', 'Ctrl-]']);
  });
});

function pressKeyInShell(s: ScreenState): string[] {
  const r = recorder();
  press(SHELL_KEYS.leaveShell, s, r.actions, r.actions.notice);
  return r.calls;
}

describe('the `?` overlay', () => {
  it('every key of the tour and the shell pane has a row, pairs sharing one: they fit the overlay at 80×24', async () => {
    const { helpRows } = await import('../help-rows.js');
    const s = screen({ cols: 80 });
    const rows = helpRows(s);
    const labels = rows.map((r) => r.label).join(' ');
    for (const b of KEY_BINDINGS) expect(labels).toContain(b.label);
    // The overlay's rows at 80×24: the body (22) less its frame (2), a blank line and the close line.
    expect(rows.length).toBeLessThanOrEqual(24 - 2 - 2 - 2);
    expect(rows.map((r) => r.label)).toEqual(expect.arrayContaining(['?', 'q']));
  });
});
