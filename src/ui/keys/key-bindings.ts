// The one key-binding table of the tour (a contract: README.md "Keys"). The help bar,
// the `?` overlay and the key handler all read it; nothing else decides what a key does.

import type { Key } from 'ink';

export type Action =
  | 'up'
  | 'down'
  | 'run'
  | 'shell'
  | 'leaveShell'
  | 'switchPane'
  | 'pageUp'
  | 'pageDown'
  | 'follow'
  | 'check'
  | 'language'
  | 'help'
  | 'quit'
  | 'retry'
  | 'skip'
  | 'solve'
  | 'cancel'
  | 'transcript';

/** One way to press a key: the printable input, or a named key of Ink's Key, with modifiers. */
export interface KeyChord {
  readonly input?: string;
  readonly key?: 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'return' | 'escape' | 'tab' | 'end' | 'home';
  readonly ctrl?: boolean;
}

/** Where a binding is offered: always, or only in a state of the selected step. */
export type BindingContext = 'always' | 'failed' | 'running' | 'shell' | 'shellOpen';

export interface KeyBinding {
  readonly action: Action;
  readonly chords: readonly KeyChord[];
  /** How the keys are written in the help bar and the overlay. */
  readonly label: string;
  /** Message key (src/i18n/messages/ui.ts) of what it does: keys.<action> for every action. */
  readonly description: `keys.${Action}`;
  /** Short message key for the help bar. */
  readonly short: `keys.${Action}.short`;
  readonly context: BindingContext;
  /** Shown in the help bar (the overlay shows every binding). */
  readonly bar: boolean;
}

export const KEY_BINDINGS: readonly KeyBinding[] = [
  { action: 'up', chords: [{ key: 'upArrow' }, { input: 'k' }], label: '↑/k', description: 'keys.up', short: 'keys.up.short', context: 'always', bar: false },
  { action: 'down', chords: [{ key: 'downArrow' }, { input: 'j' }], label: '↓/j', description: 'keys.down', short: 'keys.down.short', context: 'always', bar: false },
  { action: 'run', chords: [{ key: 'return' }], label: 'Enter', description: 'keys.run', short: 'keys.run.short', context: 'always', bar: true },
  { action: 'retry', chords: [{ input: 'r' }], label: 'r', description: 'keys.retry', short: 'keys.retry.short', context: 'failed', bar: true },
  { action: 'skip', chords: [{ input: 'n' }], label: 'n', description: 'keys.skip', short: 'keys.skip.short', context: 'failed', bar: true },
  { action: 'solve', chords: [{ input: 'a' }], label: 'a', description: 'keys.solve', short: 'keys.solve.short', context: 'failed', bar: true },
  { action: 'cancel', chords: [{ key: 'escape' }, { input: 'x' }], label: 'Esc/x', description: 'keys.cancel', short: 'keys.cancel.short', context: 'running', bar: true },
  { action: 'shell', chords: [{ input: 's' }], label: 's', description: 'keys.shell', short: 'keys.shell.short', context: 'shell', bar: true },
  { action: 'transcript', chords: [{ input: 't' }], label: 't', description: 'keys.transcript', short: 'keys.transcript.short', context: 'shellOpen', bar: true },
  { action: 'leaveShell', chords: [], label: 'Ctrl-]', description: 'keys.leaveShell', short: 'keys.leaveShell.short', context: 'shellOpen', bar: false },
  { action: 'switchPane', chords: [{ key: 'tab' }], label: 'Tab', description: 'keys.switchPane', short: 'keys.switchPane.short', context: 'always', bar: true },
  { action: 'pageUp', chords: [{ key: 'pageUp' }], label: 'PgUp', description: 'keys.pageUp', short: 'keys.pageUp.short', context: 'always', bar: false },
  { action: 'pageDown', chords: [{ key: 'pageDown' }], label: 'PgDn', description: 'keys.pageDown', short: 'keys.pageDown.short', context: 'always', bar: false },
  { action: 'follow', chords: [{ key: 'end' }], label: 'End', description: 'keys.follow', short: 'keys.follow.short', context: 'always', bar: false },
  { action: 'check', chords: [{ input: 'c' }], label: 'c', description: 'keys.check', short: 'keys.check.short', context: 'always', bar: true },
  { action: 'language', chords: [{ input: 'L' }], label: 'L', description: 'keys.language', short: 'keys.language.short', context: 'always', bar: true },
  { action: 'help', chords: [{ input: '?' }], label: '?', description: 'keys.help', short: 'keys.help.short', context: 'always', bar: true },
  { action: 'quit', chords: [{ input: 'q' }, { input: 'c', ctrl: true }], label: 'q', description: 'keys.quit', short: 'keys.quit.short', context: 'always', bar: true },
];

function chordMatches(chord: KeyChord, input: string, key: Key): boolean {
  if (chord.key !== undefined) return key[chord.key] && (chord.ctrl ?? false) === key.ctrl;
  if (chord.input === undefined) return false;
  if (chord.ctrl) return key.ctrl && input.toLowerCase() === chord.input;
  return !key.ctrl && !key.meta && input === chord.input;
}

/** The action a key press means, if any. */
export function actionFor(input: string, key: Key): Action | undefined {
  for (const b of KEY_BINDINGS) {
    if (b.chords.some((c) => chordMatches(c, input, key))) return b.action;
  }
  return undefined;
}

export function bindingFor(action: Action): KeyBinding {
  const b = KEY_BINDINGS.find((x) => x.action === action);
  if (!b) throw new Error(`no key binding for ${action}`);
  return b;
}

/** Whether the key means "yes" / "no" in a y/n question. */
export function isYes(input: string, key: Key): boolean {
  return !key.ctrl && (input === 'y' || input === 'Y');
}
export function isNo(input: string, key: Key): boolean {
  return input === 'n' || input === 'N' || key.escape;
}
