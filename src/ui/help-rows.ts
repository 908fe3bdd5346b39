// The rows of the `?` overlay: one per binding of the tour and the shell pane, except that keys
// of a group (↑/↓, →/←, PgUp/PgDn/End) share a row, so that every key, `?` and `q` included,
// fits the overlay at 80×24. Pure.
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

/** Groups shown on one row: the first action's row stands for them all, with this text. */
const GROUPS: readonly { readonly first: string; readonly others: readonly string[]; readonly help: MessageKey }[] = [
  { first: 'up', others: ['down'], help: 'reading.help.steps' },
  { first: 'nextBeat', others: ['prevBeat'], help: 'reading.help.pages' },
  // End scrolls too (to the end, following the output again): it joins PgUp/PgDn, which keeps
  // the overlay within 80×24 now that `e` has a row of its own.
  { first: 'pageUp', others: ['pageDown', 'follow'], help: 'reading.help.scrollFollow' },
];

export function helpRows(state: ScreenState): HelpRow[] {
  const entries: [string, ScreenBinding][] = [...Object.entries(TOUR_KEYS), ...Object.entries(SHELL_KEYS)];
  const byName = new Map(entries);
  const rows: HelpRow[] = [];
  for (const [name, b] of entries) {
    if (GROUPS.some((g) => g.others.includes(name))) continue;
    const group = GROUPS.find((g) => g.first === name);
    if (group) {
      const members = [b, ...group.others.flatMap((o) => byName.get(o) ?? [])];
      // The row is enabled when every key of it is; otherwise it says why the first is not.
      const enabled = members.map((m) => m.enabled(state)).find((e) => e !== ENABLED) ?? ENABLED;
      rows.push({ label: members.map((m) => m.label).join(' '), help: group.help, enabled });
      continue;
    }
    rows.push({ label: b.label, help: b.help, enabled: b.enabled(state) });
  }
  return rows;
}
