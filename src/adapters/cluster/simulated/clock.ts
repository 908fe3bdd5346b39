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
 * Real time, scaled (speed 2 runs twice as fast). The speed can change while sleepers wait:
 * simulated time stays continuous and every pending sleep is rescheduled for the new speed.
 * Speed Infinity is fast-forward (bringing a session to a step): time is virtual meanwhile,
 * every sleep wakes at once in order of wake time, so how far the world gets does not depend
 * on how busy the machine is; back at a finite speed, real time runs on from there.
 */
interface RealSleeper {
  timer: NodeJS.Timeout | undefined;
  readonly wakeAt: number;
  readonly seq: number;
  readonly fire: () => void;
  readonly reject: (error: Error) => void;
  readonly cleanup: () => void;
}

class RealClock implements SimClock {
  private anchorReal = Date.now();
  private anchorSim: number;
  /** While fast-forwarding: the virtual time (real time does not move the clock). */
  private virtualNow: number | undefined;
  private virtualScheduled = false;
  private seq = 0;
  private readonly timers = new Set<RealSleeper>();

  constructor(
    private speed: number,
    start: number,
  ) {
    this.anchorSim = start;
  }

  now(): number {
    return this.virtualNow ?? this.anchorSim + (Date.now() - this.anchorReal) * this.speed;
  }

  setSpeed(speed: number): void {
    if (speed <= 0 || speed === this.speed) return;
    const now = this.now();
    this.speed = speed;
    for (const entry of this.timers) {
      clearTimeout(entry.timer);
      entry.timer = undefined;
    }
    if (speed === Infinity) {
      this.virtualNow = now;
      this.scheduleVirtual();
      return;
    }
    this.virtualNow = undefined;
    this.anchorSim = now;
    this.anchorReal = Date.now();
    for (const entry of this.timers) entry.timer = setTimeout(entry.fire, this.delay(entry.wakeAt));
  }

  private delay(wakeAt: number): number {
    return Math.max(0, wakeAt - this.now()) / this.speed;
  }

  /** Virtual time: wakes the earliest sleeper after every pending microtask has run. */
  private scheduleVirtual(): void {
    if (this.virtualScheduled) return;
    this.virtualScheduled = true;
    setImmediate(() => {
      this.virtualScheduled = false;
      if (this.virtualNow === undefined || this.timers.size === 0) return;
      let next: RealSleeper | undefined;
      for (const entry of this.timers) if (!next || entry.wakeAt < next.wakeAt || (entry.wakeAt === next.wakeAt && entry.seq < next.seq)) next = entry;
      if (!next) return;
      this.virtualNow = Math.max(this.virtualNow, next.wakeAt);
      next.fire();
      if (this.timers.size > 0) this.scheduleVirtual();
    });
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
      const entry: RealSleeper = {
        wakeAt,
        seq: this.seq++,
        fire: (): void => {
          // A timer may fire up to a millisecond early, and `now` only moves with Date.now()'s
          // whole milliseconds: many simulated ones on a fast clock. Never wake before wakeAt.
          if (this.now() < wakeAt) {
            if (this.virtualNow === undefined) entry.timer = setTimeout(entry.fire, Math.max(1, this.delay(wakeAt)));
            return;
          }
          this.timers.delete(entry);
          entry.cleanup();
          resolve();
        },
        timer: undefined,
        reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      this.timers.add(entry);
      if (this.virtualNow === undefined) entry.timer = setTimeout(entry.fire, this.delay(wakeAt));
      else this.scheduleVirtual();
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
