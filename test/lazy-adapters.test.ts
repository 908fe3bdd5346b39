// Adapters that load in the background (the TUI draws its first frame before the simulated
// or real cluster's modules are loaded): nothing is lost, reordered or run early.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Adapters } from '../src/adapters/ports.js';
import { createLazyAdapters } from '../src/app/lazy-adapters.js';
import { createLazySession } from '../src/app/session.js';
import { BUILTIN_TUTORIAL_DIR, loadTutorialDir } from '../src/adapters/tutorial-files.js';
import { createFakeAdapters, SNAPSHOT, type FakeAdapters } from './helpers/fake-adapters.js';
import { tempStateDir } from './helpers/cli.js';

/** A load that finishes when `release()` is called. */
function gatedLoad(adapters: Adapters): { load: () => Promise<Adapters>; release: () => void; calls: () => number } {
  let calls = 0;
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    load: async () => {
      calls++;
      await gate;
      return adapters;
    },
    release: () => release(),
    calls: () => calls,
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe('createLazyAdapters', () => {
  it('loads nothing until preload() or the first use, and only once', async () => {
    const fake = createFakeAdapters();
    const g = gatedLoad(fake);
    const lazy = createLazyAdapters('simulated', g.load);
    expect(lazy.mode).toBe('simulated');
    await tick();
    expect(g.calls()).toBe(0);
    expect(lazy.loaded()).toBeNull();
    const first = lazy.preload();
    const second = lazy.preload();
    g.release();
    expect(await first).toBe(fake);
    expect(await second).toBe(fake);
    expect(g.calls()).toBe(1);
    expect(lazy.loaded()).toBe(fake);
  });

  it('holds calls made before the load and forwards them, in order, once loaded', async () => {
    const fake: FakeAdapters = createFakeAdapters();
    const g = gatedLoad(fake);
    const lazy = createLazyAdapters('simulated', g.load);
    const out: string[] = [];
    const a = lazy.commands.run({ argv: ['echo', 'one'], timeoutMs: 1000 }, (text) => out.push(text));
    const b = lazy.commands.run({ argv: ['echo', 'two'], timeoutMs: 1000 }, (text) => out.push(text));
    const exists = lazy.cluster.clusterExists();
    await tick();
    expect(fake.ran).toEqual([]);
    g.release();
    expect((await a).exitCode).toBe(0);
    expect((await b).exitCode).toBe(0);
    expect(await exists).toBe(true);
    expect(fake.ran.map((argv) => argv.join(' '))).toEqual(['echo one', 'echo two']);
    expect(await lazy.cluster.snapshot()).toEqual(SNAPSHOT);
    expect((await lazy.doctor()).plan).toBeDefined();
  });

  it('watches the cluster once loaded; stopping before that never subscribes', async () => {
    const fake = createFakeAdapters();
    const g = gatedLoad(fake);
    const lazy = createLazyAdapters('simulated', g.load);
    const seen: unknown[] = [];
    const stopEarly = lazy.cluster.watch(() => seen.push('early'));
    stopEarly();
    const stop = lazy.cluster.watch((s) => seen.push(s));
    g.release();
    await lazy.preload();
    await tick();
    expect(fake.watchers).toBe(1);
    expect(seen).toContain(SNAPSHOT);
    expect(seen).not.toContain('early');
    stop();
    expect(fake.watchers).toBe(0);
  });

  it('keeps real time before the load, and a sleep begun then waits only for what is left', async () => {
    const fake = createFakeAdapters();
    const g = gatedLoad(fake);
    const lazy = createLazyAdapters('simulated', g.load);
    const before = Date.now();
    expect(Math.abs(lazy.clock.now() - before)).toBeLessThan(50);
    const sleepSpy = vi.spyOn(fake.clock, 'sleep');
    const slept = lazy.clock.sleep(200);
    await new Promise((resolve) => setTimeout(resolve, 120));
    g.release();
    await slept;
    const elapsed = Date.now() - before;
    expect(elapsed).toBeGreaterThanOrEqual(195);
    expect(elapsed).toBeLessThan(400);
    const remaining = sleepSpy.mock.calls[0]?.[0] ?? -1;
    expect(remaining).toBeGreaterThanOrEqual(0);
    expect(remaining).toBeLessThanOrEqual(85);
  });

  it('a sleep aborted while loading rejects', async () => {
    const g = gatedLoad(createFakeAdapters());
    const lazy = createLazyAdapters('simulated', g.load);
    const ac = new AbortController();
    const slept = lazy.clock.sleep(1000, ac.signal);
    ac.abort();
    g.release();
    await expect(slept).rejects.toThrow();
  });

  it('applies a pace set before the load once loaded', async () => {
    const fake = createFakeAdapters();
    const paces: string[] = [];
    const withPace: Adapters = { ...fake, setPace: (p) => paces.push(p) };
    const lazy = createLazyAdapters('simulated', () => Promise.resolve(withPace));
    lazy.setPace?.('fast');
    expect(paces).toEqual([]);
    await lazy.preload();
    expect(paces).toEqual(['fast']);
    lazy.setPace?.('normal');
    expect(paces).toEqual(['fast', 'normal']);
  });

  it('dispose: nothing to end when never loaded; else ends the loaded adapters', async () => {
    let loads = 0;
    const never = createLazyAdapters('simulated', () => {
      loads++;
      return Promise.resolve(createFakeAdapters());
    });
    await never.dispose();
    expect(loads).toBe(0);

    const fake = createFakeAdapters();
    const g = gatedLoad(fake);
    const lazy = createLazyAdapters('simulated', g.load);
    void lazy.preload();
    const disposed = lazy.dispose();
    g.release();
    await disposed;
    expect(fake.disposed).toBe(true);
  });

  it('a failed load rejects every call and reports to watchers', async () => {
    const lazy = createLazyAdapters('real', () => Promise.reject(new Error('no such module')));
    const errors: string[] = [];
    lazy.cluster.watch(
      () => undefined,
      (m) => errors.push(m),
    );
    await expect(lazy.cluster.snapshot()).rejects.toThrow('no such module');
    await expect(lazy.commands.run({ argv: ['true'], timeoutMs: 10 }, () => undefined)).rejects.toThrow('no such module');
    await tick();
    expect(errors).toEqual(['no such module']);
    await lazy.dispose();
  });
});

describe('createLazySession', () => {
  it('returns at once; a step started before the simulated cluster loads runs and times correctly', async () => {
    const loaded = loadTutorialDir(BUILTIN_TUTORIAL_DIR);
    if (!loaded.ok) throw new Error('the built-in tutorial does not load');
    const session = createLazySession(loaded.tutorial, {
      simulate: true,
      cluster: 'ivol',
      lang: 'en',
      speed: 0,
      env: { IVOL_TOUR_STATE_DIR: tempStateDir() },
    });
    expect(session.adapters.loaded()).toBeNull();
    const c = session.controller;
    try {
      const start = Date.now();
      const st0 = c.getState();
      const preflight = st0.tutorial.steps.findIndex((s) => s.id === 'preflight');
      await c.runStep(preflight, 'run');
      const st = c.getState();
      expect(session.adapters.loaded()).not.toBeNull();
      expect(st.steps[preflight]?.status).toBe('passed');
      const duration = st.steps[preflight]?.durationMs ?? -1;
      expect(duration).toBeGreaterThanOrEqual(0);
      expect(duration).toBeLessThan(Date.now() - start + 1000);
    } finally {
      await c.dispose();
      await session.adapters.dispose();
    }
  });
});
