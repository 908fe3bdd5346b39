// What `room watch` shows, kept from one watch on the room's progress ConfigMaps
// (adapters/kube/progress-watch.ts): the seats as room-progress.ts reads them, and whether the
// watch is following the room. A room of 100 seats each writing every 2 s brings ~50 events a
// second: each ConfigMap is parsed only when it changed, and the view is told at most once
// per `intervalMs` (leading and trailing edge), so the screen never draws more often than that
// however fast the events come, and never shows anything older than that.

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
  /** The listener is called (at most once per interval) when the view changed. */
  subscribe(listener: () => void): () => void;
  stop(): void;
}

export interface RoomFeedOptions {
  /** Starts the one watch; returns its stop(). */
  readonly follow: (events: ProgressEvents) => () => void;
  /** At most one update of the view per this many ms (default 250: 4 a second). */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

export function createRoomFeed(o: RoomFeedOptions): RoomFeed {
  const interval = o.intervalMs ?? 250;
  const now = o.now ?? Date.now;
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
