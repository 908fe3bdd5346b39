// A room seat's progress, kept up to date in its ConfigMap while the tour runs there: the step
// the learner is at, its status, the failing check and its cause (engine/room-progress.ts).
// Writes are coalesced: at most one every PROGRESS_INTERVAL_MS (a room of 100 seats must not
// load the shared API server), each with the latest state; a change while a write is on its
// way is written after it. The last state is written when the session ends (after the same
// interval, bounded), so the trainer sees where each seat stopped.

import type { ProgressSink } from '../adapters/ports.js';
import { progressData, sameReport, seatReport, type SeatReport } from '../engine/room-progress.js';
import type { TourState } from '../engine/tour.js';
import { tRef } from '../i18n/index.js';

export const PROGRESS_INTERVAL_MS = 2000;
/** How long the last write may take when the session ends. */
const FINAL_WRITE_TIMEOUT_MS = 3000;

export interface SeatProgressOptions {
  readonly intervalMs?: number;
  readonly now?: () => number;
}

export interface SeatProgress {
  /** Resolves with whether this session is a room seat (and writes its progress). */
  readonly isSeat: Promise<boolean>;
  /** Writes the last state (within the interval) and stops. Idempotent. */
  dispose(): Promise<void>;
}

interface StateSource {
  getState(): TourState;
  subscribe(listener: () => void): () => void;
}

function bounded(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    t.unref();
    void p.finally(() => {
      clearTimeout(t);
      resolve();
    });
  });
}

export function followSeatProgress(source: StateSource, open: () => Promise<ProgressSink | null>, o: SeatProgressOptions = {}): SeatProgress {
  const interval = o.intervalMs ?? PROGRESS_INTERVAL_MS;
  const now = o.now ?? Date.now;
  let sink: ProgressSink | null = null;
  let unsubscribe: (() => void) | null = null;
  let queued: SeatReport | null = null;
  let pending: SeatReport | null = null;
  let lastWriteAt = -Infinity;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> | null = null;
  let index = -1;
  let stepSince = now();
  let disposing: Promise<void> | null = null;

  const write = (r: SeatReport): Promise<void> => {
    const s = sink;
    if (!s) return Promise.resolve();
    lastWriteAt = now();
    const data = progressData(r, { ...(r.cause ? { causeText: tRef('en', r.cause) } : {}), stepSince, now: lastWriteAt });
    // A write that fails (the token expired, the network is gone) is not the learner's problem.
    return s.write(data).catch(() => undefined);
  };

  const flush = (): void => {
    timer = null;
    if (!pending || inFlight) return;
    const r = pending;
    pending = null;
    inFlight = write(r).finally(() => {
      inFlight = null;
      if (pending && !disposing) schedule();
    });
  };

  const schedule = (): void => {
    if (timer || inFlight || !pending) return;
    const wait = lastWriteAt + interval - now();
    if (wait <= 0) flush();
    else {
      timer = setTimeout(flush, wait);
      timer.unref();
    }
  };

  const changed = (): void => {
    const state = source.getState();
    const at = state.active?.index ?? state.current;
    if (at !== index) {
      index = at;
      stepSince = now();
    }
    const report = seatReport(state);
    if (sameReport(queued, report)) return;
    queued = report;
    pending = report;
    if (!disposing) schedule();
  };

  const isSeat = open().then(
    (s) => {
      if (disposing) {
        s?.dispose();
        return false;
      }
      sink = s;
      if (!s) return false;
      unsubscribe = source.subscribe(changed);
      changed();
      return true;
    },
    () => false,
  );

  return {
    isSeat,
    dispose() {
      disposing ??= (async () => {
        const seat = await isSeat;
        unsubscribe?.();
        if (!seat) return;
        changed();
        if (timer) clearTimeout(timer);
        timer = null;
        const last = (async () => {
          if (inFlight) await inFlight;
          if (!pending) return;
          // The interval holds for the last write too.
          const wait = lastWriteAt + interval - now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          const r = pending;
          pending = null;
          await write(r);
        })();
        await bounded(last, interval + FINAL_WRITE_TIMEOUT_MS);
        sink?.dispose();
      })();
      return disposing;
    },
  };
}
