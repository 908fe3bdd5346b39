// The rows of the `?` overlay: one per binding of the tour and the shell pane, except that the
// two halves of a pair (↑/↓, →/←, PgUp/PgDn) share a row, so that every key, `?` and `q`
// included, fits the overlay at 80×24. Pure.
import type { MessageKey } from '../i18n/types.js';
import { ENABLED, type Binding, type Enabled } from './keys/bindings.js';
import { SHELL_KEYS, TOUR_KEYS, type ScreenState } from './keys/key-bindings.js';
import type { TourActions } from './hooks/useTourActions.js';

type ScreenBinding = Binding<ScreenState, TourActions>;

export interface HelpRow {
  readonly label: string;
  /** What it does. */
  readonly help: MessageKey;
  /** ENABLED, or why not now. */
  readonly enabled: Enabled;
}

/** Pairs shown on one row: the first action's row stands for both, with this text. */
const PAIRS: readonly { readonly first: string; readonly second: string; readonly help: MessageKey }[] = [
  { first: 'up', second: 'down', help: 'reading.help.steps' },
  { first: 'nextBeat', second: 'prevBeat', help: 'reading.help.pages' },
  { first: 'pageUp', second: 'pageDown', help: 'reading.help.scroll' },
];

export function helpRows(state: ScreenState): HelpRow[] {
  const entries: [string, ScreenBinding][] = [...Object.entries(TOUR_KEYS), ...Object.entries(SHELL_KEYS)];
  const byName = new Map(entries);
  const rows: HelpRow[] = [];
  for (const [name, b] of entries) {
    if (PAIRS.some((p) => p.second === name)) continue;
    const pair = PAIRS.find((p) => p.first === name);
    const other = pair ? byName.get(pair.second) : undefined;
    if (pair && other) {
      const e = b.enabled(state);
      rows.push({ label: `${b.label} ${other.label}`, help: pair.help, enabled: e === ENABLED ? other.enabled(state) : e });
      continue;
    }
    rows.push({ label: b.label, help: b.help, enabled: b.enabled(state) });
  }
  return rows;
}
