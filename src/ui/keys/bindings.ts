// What a key binding is, and how a key press finds its binding. The tables themselves are in
// key-bindings.ts. A binding keeps together, as lazygit does, its keys, when it applies (a
// function of the state that gives either ENABLED or why not), its handler and its help
// text. A table is a Record of every action of a context to its binding, so that a missing
// binding or handler is a compile error.

import type { Key } from 'ink';
import type { MessageKey, MessageRef } from '../../i18n/types.js';

/**
 * The key of a message in src/i18n/messages (help texts, bar words, reasons). A plain string
 * until the catalogs' keys are typed; then it becomes that type, here only.
 */
export type MessageKeyName = MessageKey;

/** Ink's named keys a chord can use. */
export type NamedKey = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'return' | 'escape' | 'tab' | 'end' | 'home';

/** One way to press a key: the printable input, or a named key of Ink's Key, with modifiers; or any key at all. */
export type KeyChord =
  | { readonly input: string; readonly ctrl?: boolean }
  | { readonly key: NamedKey; readonly ctrl?: boolean }
  | { readonly any: true };

/** Why a binding does not apply now. */
export interface Disabled {
  /** When it applies (for `?`), e.g. "(on a failed step)". */
  readonly why: MessageRef;
  /** Said as a notice when the key is pressed anyway; absent: the key does nothing. */
  readonly notice?: MessageRef;
}

export const ENABLED = true;
export type Enabled = typeof ENABLED | Disabled;

/** Disabled, saying `why` in `?`; `notice`: said when the key is pressed anyway. */
export function disabled(why: MessageKeyName, notice?: MessageRef): Disabled {
  return notice ? { why: { key: why }, notice } : { why: { key: why } };
}

export interface BarEntry<S> {
  /** How the keys are written in the bar, when not as `label` (one entry for ↑ and ↓: "↑↓/jk"). */
  readonly label?: string;
  /** Message key of its word in the bar. */
  readonly short: MessageKeyName;
  /** Its word in this state, when it depends on the state (Enter: "run" or "next step"). */
  readonly shortFor?: (state: S) => MessageKeyName;
  /**
   * The bar has room for the likely next keys only: an enabled binding is offered there when
   * this holds too (default: whenever it is enabled). `?` lists every binding.
   */
  readonly offered?: (state: S) => boolean;
}

export interface Binding<S, A> {
  readonly keys: readonly KeyChord[];
  /** How the keys are written in `?` (and in the bar unless the bar entry says otherwise). */
  readonly label: string;
  /** Message key of what it does (`?`). */
  readonly help: MessageKeyName;
  /** Its place in the help bar; absent: only in `?`. */
  readonly bar?: BarEntry<S>;
  /** Whether it applies in this state. */
  readonly enabled: (state: S) => Enabled;
  /** What it does (called only when enabled). */
  readonly run: (actions: A, state: S) => void;
}

/** Every action of a context, bound. */
export type KeyTable<Action extends string, S, A> = { readonly [K in Action]: Binding<S, A> };

export const always = (): Enabled => ENABLED;

export function chordMatches(chord: KeyChord, input: string, key: Key): boolean {
  if ('any' in chord) return true;
  if ('key' in chord) return key[chord.key] && (chord.ctrl ?? false) === key.ctrl;
  if (chord.ctrl) return key.ctrl && input.toLowerCase() === chord.input;
  return !key.ctrl && !key.meta && input === chord.input;
}

/** The binding of a table a key press means, if any (the first in the table's order). */
export function bindingFor<S, A>(table: Readonly<Record<string, Binding<S, A>>>, input: string, key: Key): Binding<S, A> | undefined {
  return Object.values(table).find((b) => b.keys.some((c) => chordMatches(c, input, key)));
}

/**
 * Runs a binding as a key press does: its handler when it is enabled; else its notice, when
 * it has one (through `notice`).
 */
export function press<S, A>(binding: Binding<S, A>, state: S, actions: A, notice: (message: MessageRef) => void): void {
  const enabled = binding.enabled(state);
  if (enabled === ENABLED) binding.run(actions, state);
  else if (enabled.notice) notice(enabled.notice);
}

/** Whether the help bar offers the binding now. */
export function offered<S, A>(binding: Binding<S, A>, state: S): boolean {
  return binding.bar !== undefined && binding.enabled(state) === ENABLED && (binding.bar.offered?.(state) ?? true);
}

/** The bytes a terminal sends for a chord in raw mode (Ctrl-] is 0x1d), for input Ink does not read. */
export function chordBytes(chord: KeyChord): string | undefined {
  if (!('input' in chord) || chord.input.length !== 1) return undefined;
  if (!chord.ctrl) return chord.input;
  const code = chord.input.toUpperCase().charCodeAt(0);
  return code >= 0x40 && code <= 0x5f ? String.fromCharCode(code & 0x1f) : undefined;
}
