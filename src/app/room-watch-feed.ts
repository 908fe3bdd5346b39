// What `room watch` shows, kept from one watch on the room's progress ConfigMaps
// (adapters/kube/progress-watch.ts): the seats as room-progress.ts reads them, and whether the
// watch is following the room. A room of 100 seats each writing every 2 s brings ~50 events a
// second: each ConfigMap is parsed only when it changed, and the view is told at most once
// per interval (leading and trailing edge), so the screen never draws more often than that
// however fast the events come. The interval is 250 ms (4 frames a second) while the process
// stays within its CPU budget (4 % of a core, measured over each second); a frame that costs
// more (a projector's 100 rows on a slow or busy machine) stretches it, up to 1 s, so that
// the watch never takes more than a few percent of a core and never falls behind: it shows
// fewer, later frames of the same events.

import { parseProgress, type SeatProgress } from '../engine/room-progress.js';
import type { ProgressEvents } from '../adapters/kube/progress-watch.js';

export type Connection =
  | { readonly phase: 'connecting' }
  | { readonly phase: 'live' }
  /** The watch dropped; it is opened again at `retryAt` (ms since the epoch). */
  | { readonly phase: 'lost'; readonly error: string; readonly retryAt: number };

export interface RoomView {
  /** Every seat, in no particular order (the table orders them). */
  readonly seats: readonly SeatProgress[];
  readonly connection: Connection;
  /** Whether the room's ConfigMaps were listed at least once. */
  readonly listed: boolean;
  /** Watch batches applied so far (for the benchmark and tests). */
  readonly batches: number;
}

export interface RoomFeed {
  get(): RoomView;
  /** The interval between updates of the view now (ms). */
  interval(): number;
  /** The listener is called (at most once per interval) when the view changed. */
  subscribe(listener: () => void): () => void;
  stop(): void;
}

export interface RoomFeedOptions {
  /** Starts the one watch; returns its stop(). */
  readonly follow: (events: ProgressEvents) => () => void;
  /** At most one update of the view per this many ms (default 250: 4 a second). */
  readonly intervalMs?: number;
  /** The longest the interval is stretched to when over budget (default 1000 ms). */
  readonly maxIntervalMs?: number;
  /** CPU time the process used so far, in ms (process.cpuUsage); absent: no budget, a fixed interval. */
  readonly cpuMs?: () => number;
  /** The share of one core the process may use (default 0.04: "a few percent", with a margin). */
  readonly cpuBudget?: number;
  readonly now?: () => number;
}

export function createRoomFeed(o: RoomFeedOptions): RoomFeed {
  const base = o.intervalMs ?? 250;
  const maxInterval = Math.max(base, o.maxIntervalMs ?? 1000);
  const budget = o.cpuBudget ?? 0.04;
  const now = o.now ?? Date.now;
  let interval = base;
  /** Measured from the first update of the view on: starting up is not the watch's cost. */
  let sample: { at: number; cpu: number } | null = null;
  /** Over each second: more CPU than the budget stretches the interval, well under it shrinks it back. */
  const adjust = (): void => {
    if (!o.cpuMs) return;
    const at = now();
    if (!sample) {
      sample = { at, cpu: o.cpuMs() };
      return;
    }
    if (at - sample.at < 1000) return;
    const cpu = o.cpuMs();
    const share = (cpu - sample.cpu) / (at - sample.at);
    sample = { at, cpu };
    if (share > budget) interval = Math.min(maxInterval, Math.round(interval * 1.5));
    else if (share < budget * 0.5) interval = Math.max(base, Math.round(interval / 1.5));
  };
  const listeners = new Set<() => void>();
  /** The parsed seat of each ConfigMap, with the object it was parsed from. */
  const parsed = new Map<string, { readonly object: unknown; readonly seat: SeatProgress | null }>();
  let view: RoomView = { seats: [], connection: { phase: 'connecting' }, listed: false, batches: 0 };
  let batches = 0;
  let connection: Connection = view.connection;
  let timer: NodeJS.Timeout | null = null;
  let lastPublish = -Infinity;
  let stopped = false;

  const publish = (): void => {
    timer = null;
    if (stopped) return;
    adjust();
    lastPublish = now();
    const seats: SeatProgress[] = [];
    for (const p of parsed.values()) if (p.seat) seats.push(p.seat);
    view = { seats, connection, listed: view.listed || batches > 0, batches };
    for (const l of [...listeners]) l();
  };

  const changed = (): void => {
    if (timer || stopped) return;
    const wait = lastPublish + interval - now();
    if (wait <= 0) publish();
    else timer = setTimeout(publish, wait);
  };

  const stopWatch = o.follow({
    onChange(items) {
      batches++;
      for (const key of parsed.keys()) if (!items.has(key)) parsed.delete(key);
      for (const [key, object] of items) {
        if (parsed.get(key)?.object !== object) parsed.set(key, { object, seat: parseProgress(object) });
      }
      changed();
    },
    onError(message, retryInMs) {
      connection = { phase: 'lost', error: message, retryAt: now() + retryInMs };
      changed();
    },
    onStatus(live) {
      // Not live without an error: the server ended the watch (its timeout); it is reopened at once.
      if (live) connection = { phase: 'live' };
      else if (connection.phase === 'live') connection = { phase: 'connecting' };
      changed();
    },
  });

  return {
    get: () => view,
    interval: () => interval,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      listeners.clear();
      stopWatch();
    },
  };
}
