// The keys of `room watch` (README "Running a workshop"), typed as every key table of the tour
// is (../keys/bindings.ts): each action with its keys, its help text and its handler. The table
// scrolls by seat; nothing else of the room can be changed from here.
import { always, type KeyTable } from '../keys/bindings.js';

/** Where the table is scrolled to. */
export interface RoomScroll {
  /** The first seat shown (0-based). */
  readonly start: number;
  readonly maxOffset: number;
  /** Seats in a page. */
  readonly page: number;
}

export interface RoomWatchActions {
  quit(): void;
  scrollTo(offset: number): void;
  /** Shows the keys and what the table's words mean (any key closes it). */
  openHelp(): void;
}

export type RoomWatchAction = 'quit' | 'lineUp' | 'lineDown' | 'pageUp' | 'pageDown' | 'top' | 'bottom' | 'help';

export const ROOM_WATCH_KEYS: KeyTable<RoomWatchAction, RoomScroll, RoomWatchActions> = {
  quit: { keys: [{ input: 'q' }, { input: 'Q' }, { key: 'escape' }, { input: 'c', ctrl: true }], label: 'q', help: 'roomWatch.key.quit', enabled: always, run: (a) => a.quit() },
  lineUp: { keys: [{ key: 'upArrow' }, { input: 'k' }], label: '↑/k', help: 'roomWatch.key.lineUp', enabled: always, run: (a, s) => a.scrollTo(s.start - 1) },
  lineDown: { keys: [{ key: 'downArrow' }, { input: 'j' }], label: '↓/j', help: 'roomWatch.key.lineDown', enabled: always, run: (a, s) => a.scrollTo(s.start + 1) },
  pageUp: { keys: [{ key: 'pageUp' }], label: 'PgUp', help: 'roomWatch.key.pageUp', enabled: always, run: (a, s) => a.scrollTo(s.start - s.page) },
  pageDown: { keys: [{ key: 'pageDown' }, { input: ' ' }], label: 'PgDn/Space', help: 'roomWatch.key.pageDown', enabled: always, run: (a, s) => a.scrollTo(s.start + s.page) },
  top: { keys: [{ key: 'home' }, { input: 'g' }], label: 'Home/g', help: 'roomWatch.key.top', enabled: always, run: (a) => a.scrollTo(0) },
  bottom: { keys: [{ key: 'end' }, { input: 'G' }], label: 'End/G', help: 'roomWatch.key.bottom', enabled: always, run: (a, s) => a.scrollTo(s.maxOffset) },
  help: { keys: [{ input: '?' }], label: '?', help: 'roomWatch.key.help', enabled: always, run: (a) => a.openHelp() },
};
