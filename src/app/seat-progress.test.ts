// A seat's progress writes: at most one every 2 s whatever the tour does meanwhile, each with
// the latest state, and the last state always written when the session ends. A session that is
// not a seat writes nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProgressSink } from '../adapters/ports.js';
import { initialState, type TourState } from '../engine/tour.js';
import { tinyFacts, tinyTutorial } from '../../test/helpers/tiny-tutorial.js';
import { followSeatProgress, PROGRESS_INTERVAL_MS } from './seat-progress.js';

function source(): { state: TourState; set(s: Partial<TourState>): void; getState(): TourState; subscribe(l: () => void): () => void } {
  const listeners = new Set<() => void>();
  const s = {
    state: initialState(tinyTutorial(), tinyFacts({ mode: 'byoc' })),
    set(change: Partial<TourState>) {
      s.state = { ...s.state, ...change };
      for (const l of listeners) l();
    },
    getState: () => s.state,
    subscribe(l: () => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return s;
}

function sink(): ProgressSink & { writes: { at: number; data: Readonly<Record<string, string>> }[] } {
  const writes: { at: number; data: Readonly<Record<string, string>> }[] = [];
  return { room: 'ws', seat: '01', writes, write: (data) => {
    writes.push({ at: Date.now(), data });
    return Promise.resolve();
  }, dispose: () => undefined };
}

describe('followSeatProgress', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('writes at once, then at most once per interval with the latest state, and the last state at the end', async () => {
    const src = source();
    const out = sink();
    const seat = followSeatProgress(src, () => Promise.resolve(out));
    expect(await seat.isSeat).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(out.writes).toHaveLength(1);
    expect(out.writes[0]?.data['step']).toBe(src.state.steps[0]?.id);
    // Ten changes within one interval: no write until the interval is over, then one, the latest.
    const steps = src.state.steps.length;
    for (let i = 0; i < 10; i++) {
      src.set({ current: i % steps });
      await vi.advanceTimersByTimeAsync(100);
    }
    const last = src.state.steps[9 % steps]?.id;
    await vi.advanceTimersByTimeAsync(PROGRESS_INTERVAL_MS);
    expect(out.writes.length).toBeLessThanOrEqual(2);
    expect(out.writes.at(-1)?.data['step']).toBe(last);
    for (let i = 1; i < out.writes.length; i++) expect((out.writes[i]?.at ?? 0) - (out.writes[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(PROGRESS_INTERVAL_MS);
    // A change just before the end is still written (after the interval), with the state at the end.
    src.set({ current: 0 });
    const done = seat.dispose();
    await vi.advanceTimersByTimeAsync(PROGRESS_INTERVAL_MS + 10);
    await done;
    expect(out.writes.at(-1)?.data['step']).toBe(src.state.steps[0]?.id);
    expect(out.writes.at(-1)?.data['updated']).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('writes nothing when the session is not a seat', async () => {
    const src = source();
    const seat = followSeatProgress(src, () => Promise.resolve(null));
    expect(await seat.isSeat).toBe(false);
    src.set({ current: 1 });
    await seat.dispose();
  });

  it('a write that fails is not the learner\'s problem', async () => {
    const src = source();
    const failing: ProgressSink = { room: 'ws', seat: '01', write: () => Promise.reject(new Error('Unauthorized')), dispose: () => undefined };
    const seat = followSeatProgress(src, () => Promise.resolve(failing));
    expect(await seat.isSeat).toBe(true);
    src.set({ current: 1 });
    const done = seat.dispose();
    await vi.advanceTimersByTimeAsync(PROGRESS_INTERVAL_MS * 3);
    await expect(done).resolves.toBeUndefined();
  });
});
