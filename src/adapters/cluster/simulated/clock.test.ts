import { describe, expect, it } from 'vitest';
import { createClock } from './clock.js';

describe('virtual clock (speed 0)', () => {
  it('jumps to each wake time and wakes concurrent sleepers in order', async () => {
    const clock = createClock(0, 1_000_000);
    const woke: string[] = [];
    const at = (label: string, ms: number) => clock.sleep(ms).then(() => woke.push(`${label}@${clock.now() - 1_000_000}`));
    await Promise.all([at('c', 3000), at('a', 1000), at('b', 2000), at('a2', 1000)]);
    expect(woke).toEqual(['a@1000', 'a2@1000', 'b@2000', 'c@3000']);
    expect(clock.now()).toBe(1_003_000);
  });

  it('lets a woken sleeper sleep again before later sleepers wake', async () => {
    const clock = createClock(0, 0);
    const woke: string[] = [];
    const chain = async () => {
      await clock.sleep(100);
      woke.push(`chain@${clock.now()}`);
      await clock.sleep(100);
      woke.push(`chain@${clock.now()}`);
    };
    await Promise.all([chain(), clock.sleep(150).then(() => woke.push(`mid@${clock.now()}`))]);
    expect(woke).toEqual(['chain@100', 'mid@150', 'chain@200']);
  });

  it('rejects with an AbortError when aborted, before or during the sleep', async () => {
    const clock = createClock(0, 0);
    const c = new AbortController();
    c.abort();
    await expect(clock.sleep(10, c.signal)).rejects.toMatchObject({ name: 'AbortError' });
    const d = new AbortController();
    const p = clock.sleep(10_000, d.signal);
    d.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(clock.now()).toBe(0);
  });

  it('dispose rejects pending sleeps', async () => {
    const clock = createClock(0, 0);
    const p = clock.sleep(10_000);
    clock.dispose();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('real clock (speed 1)', () => {
  it('sleeps in real time and can be aborted', async () => {
    const clock = createClock(1);
    const start = Date.now();
    await clock.sleep(20);
    expect(Date.now() - start).toBeGreaterThanOrEqual(15);
    const c = new AbortController();
    const p = clock.sleep(60_000, c.signal);
    c.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    clock.dispose();
  });
});

describe('a real-time clock whose speed changes', () => {
  it('keeps time continuous and wakes pending sleepers sooner', async () => {
    const clock = createClock(1);
    const t0 = clock.now();
    const started = Date.now();
    const sleeping = clock.sleep(5_000);
    clock.setSpeed?.(1000);
    await sleeping;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(clock.now() - t0).toBeGreaterThanOrEqual(4_900);
    clock.setSpeed?.(1);
    const before = clock.now();
    expect(clock.now() - before).toBeLessThan(50);
    clock.dispose();
  });
});

describe('fast-forward (speed Infinity)', () => {
  it('wakes sleepers at once in order of wake time, however busy the machine, then runs on in real time', async () => {
    const clock = createClock(1);
    const t0 = clock.now();
    const woke: string[] = [];
    const long = clock.sleep(60_000).then(() => woke.push('long'));
    clock.setSpeed?.(Infinity);
    const frozen = clock.now();
    const short = clock.sleep(30_000).then(() => woke.push('short'));
    // Real time spent while fast-forwarding does not move the clock.
    const busyUntil = Date.now() + 50;
    while (Date.now() < busyUntil) {
      // busy
    }
    expect(clock.now()).toBe(frozen);
    await Promise.all([long, short]);
    expect(woke).toEqual(['short', 'long']);
    // The long sleep began in real time, a moment before the fast-forward: it wakes last, at its time.
    expect(clock.now() - t0).toBeGreaterThanOrEqual(60_000);
    expect(clock.now() - t0).toBeLessThan(60_050);
    clock.setSpeed?.(1);
    const before = clock.now();
    await clock.sleep(20);
    expect(clock.now() - before).toBeGreaterThanOrEqual(20);
    expect(clock.now() - before).toBeLessThan(1_000);
    clock.dispose();
  });
});
