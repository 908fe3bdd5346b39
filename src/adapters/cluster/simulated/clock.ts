// The simulated cluster's clock. speed 0: virtual time that jumps at once to the next wake-up
// (tests, `run`); speed > 0: real time, scaled (1 = real time, for the TUI).
import type { Clock } from '../../ports.js';

export interface SimClock extends Clock {
  /** Rejects every pending sleep with an AbortError and stops its timers. */
  dispose(): void;
  /** Changes how fast simulated time runs (real-time clocks only; virtual time is instant already). */
  setSpeed?(speed: number): void;
}

export function abortError(): Error {
  const error = new Error('The operation was aborted');
  error.name = 'AbortError';
  return error;
}

interface Sleeper {
  readonly wakeAt: number;
  readonly seq: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly cleanup: () => void;
}

/** Virtual time: a sleep advances `now` to its wake time; sleepers wake in order of wake time. */
class VirtualClock implements SimClock {
  private current: number;
  private seq = 0;
  private readonly sleepers: Sleeper[] = [];
  private scheduled = false;

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.sleepers.indexOf(sleeper);
        if (i >= 0) this.sleepers.splice(i, 1);
        reject(abortError());
      };
      const sleeper: Sleeper = {
        wakeAt: this.current + Math.max(0, ms),
        seq: this.seq++,
        resolve,
        reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
      this.schedule();
    });
  }

  dispose(): void {
    for (const s of this.sleepers.splice(0)) {
      s.cleanup();
      s.reject(abortError());
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate lets every microtask (and so every other sleeper that is about to be
    // registered) run first, so that concurrent sleepers wake in order of their wake time.
    setImmediate(() => {
      this.scheduled = false;
      this.wakeNext();
    });
  }

  private wakeNext(): void {
    if (this.sleepers.length === 0) return;
    let next = 0;
    for (let i = 1; i < this.sleepers.length; i++) {
      const a = this.sleepers[i];
      const b = this.sleepers[next];
      if (a.wakeAt < b.wakeAt || (a.wakeAt === b.wakeAt && a.seq < b.seq)) next = i;
    }
    const [sleeper] = this.sleepers.splice(next, 1);
    if (!sleeper) return;
    this.current = Math.max(this.current, sleeper.wakeAt);
    sleeper.cleanup();
    sleeper.resolve();
    if (this.sleepers.length > 0) this.schedule();
  }
}

/**
 * Real time, scaled (speed 2 runs twice as fast). The speed can change while sleepers wait
 * (fast-forwarding a room to a step): simulated time stays continuous and every pending
 * sleep is rescheduled for the new speed.
 */
class RealClock implements SimClock {
  private anchorReal = Date.now();
  private anchorSim: number;
  private readonly timers = new Set<{ timer: NodeJS.Timeout | undefined; wakeAt: number; fire: () => void; reject: (error: Error) => void; cleanup: () => void }>();

  constructor(
    private speed: number,
    start: number,
  ) {
    this.anchorSim = start;
  }

  now(): number {
    return this.anchorSim + (Date.now() - this.anchorReal) * this.speed;
  }

  setSpeed(speed: number): void {
    if (speed <= 0 || speed === this.speed) return;
    this.anchorSim = this.now();
    this.anchorReal = Date.now();
    this.speed = speed;
    for (const entry of this.timers) {
      clearTimeout(entry.timer);
      entry.timer = setTimeout(entry.fire, this.delay(entry.wakeAt));
    }
  }

  private delay(wakeAt: number): number {
    return Math.max(0, wakeAt - this.now()) / this.speed;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(entry.timer);
        this.timers.delete(entry);
        reject(abortError());
      };
      const wakeAt = this.now() + Math.max(0, ms);
      const entry = {
        wakeAt,
        fire: (): void => {
          // A timer may fire up to a millisecond early, and `now` only moves with Date.now()'s
          // whole milliseconds: many simulated ones on a fast clock. Never wake before wakeAt.
          if (this.now() < wakeAt) {
            entry.timer = setTimeout(entry.fire, Math.max(1, this.delay(wakeAt)));
            return;
          }
          this.timers.delete(entry);
          entry.cleanup();
          resolve();
        },
        timer: undefined as NodeJS.Timeout | undefined,
        reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      entry.timer = setTimeout(entry.fire, this.delay(wakeAt));
      this.timers.add(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  dispose(): void {
    for (const entry of this.timers) {
      clearTimeout(entry.timer);
      entry.cleanup();
      entry.reject(abortError());
    }
    this.timers.clear();
  }
}

export function createClock(speed: number, start: number = Date.now()): SimClock {
  return speed > 0 ? new RealClock(speed, start) : new VirtualClock(start);
}
