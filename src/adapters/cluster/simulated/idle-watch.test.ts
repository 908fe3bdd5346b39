// Idle is idle: the simulated cluster changes with time only at the moments world.nextChangeAt
// names, and its watch holds no timer while nothing is due (a settled cluster on screen costs
// no CPU); a change schedules one wake, at its due time.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClusterSnapshot } from '../../../engine/kube-objects.js';
import { SIM_FAULTS } from './facts.js';
import { simulated } from './testing/fixtures.js';

/** Simulated times are whole milliseconds: a change missed by nextChangeAt shows this much before the next one. */
const EPSILON_MS = 0.01;
const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await tick(10);
  }
}

const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of disposers.splice(0)) await d();
});

describe('world.nextChangeAt', () => {
  // Every fault too: each plans its own timeline (back-offs, slow pulls), which must be named.
  it.each<[string]>([['no fault'], ...SIM_FAULTS.map((f): [string] => [f])])('names every moment the cluster changes by itself, and null once it has settled (%s)', async (fault) => {
    const s = simulated({ faults: SIM_FAULTS.filter((f) => f === fault) });
    disposers.push(() => s.adapters.dispose());
    await s.createCluster();
    await s.kubectl('apply', '-f', '/work/pod.yaml');
    const cluster = s.world.clusters.get('ivol');
    if (!cluster) return; // no-engine: kind cannot create it
    const fingerprint = (): string => s.world.fingerprint(cluster, 'default');
    const clock = s.world.clock;
    let changes = 0;
    for (;;) {
      const now = clock.now();
      const next = s.world.nextChangeAt(cluster, now);
      if (next === null) break;
      expect(next).toBeGreaterThan(now);
      const before = fingerprint();
      // Just before the next change nothing has changed yet (virtual time: a sleep moves the
      // clock): no change came between the two that were named.
      await clock.sleep(next - now - EPSILON_MS);
      expect(fingerprint(), `at ${clock.now()}, before the change named for ${next}`).toBe(before);
      await clock.sleep(next - clock.now());
      changes++;
      expect(changes).toBeLessThan(5000);
    }
    // not-ours: the learner's own cluster was there, settled, before the tour came (and the tour's
    // apply is refused): nothing is due; the rest still holds.
    if (fault === 'not-ours') expect(changes).toBe(0);
    else expect(changes).toBeGreaterThan(5);
    const settled = fingerprint();
    await clock.sleep(3600_000);
    expect(fingerprint()).toBe(settled);
  });

  it('says when the pod runs: null comes only once it is Running (no fault)', async () => {
    const s = simulated();
    disposers.push(() => s.adapters.dispose());
    await s.createCluster();
    await s.kubectl('apply', '-f', '/work/pod.yaml');
    const cluster = s.world.clusters.get('ivol');
    if (!cluster) throw new Error('no cluster');
    for (let next = s.world.nextChangeAt(cluster, s.world.clock.now()); next !== null; next = s.world.nextChangeAt(cluster, s.world.clock.now())) {
      await s.world.clock.sleep(next - s.world.clock.now());
    }
    expect((await s.adapters.cluster.getPod('image-volume'))?.status?.phase).toBe('Running');
  });

  it('keeps naming moments while a failing pull backs off', async () => {
    const s = simulated({ faults: ['artifact-pull-fails'] });
    disposers.push(() => s.adapters.dispose());
    await s.createCluster();
    await s.kubectl('apply', '-f', '/work/pod.yaml');
    await s.world.clock.sleep(600_000);
    const cluster = s.world.clusters.get('ivol');
    if (!cluster) throw new Error('no cluster');
    expect(s.world.nextChangeAt(cluster, s.world.clock.now())).not.toBeNull();
  });
});

describe('the simulated watch on a real-time clock', () => {
  it('holds no timer once the cluster has settled; a change wakes it once, when due', async () => {
    // 1000 times real time: the cluster is created and settles in well under a second.
    const s = simulated({ speed: 1000 });
    disposers.push(() => s.adapters.dispose());
    await s.createCluster();
    await s.kubectl('apply', '-f', '/work/pod.yaml');
    const cluster = s.world.clusters.get('ivol');
    if (!cluster) throw new Error('no cluster');
    await until(() => s.world.nextChangeAt(cluster, s.world.clock.now()) === null);

    const idle = timers();
    const looks = vi.spyOn(s.world, 'fingerprint');
    const snaps: ClusterSnapshot[] = [];
    const stop = s.adapters.cluster.watch((snap) => snaps.push(snap));
    disposers.push(() => Promise.resolve(stop()));
    await until(() => snaps.length === 1);
    // Longer than any polling interval would be: the watch looked once and waits for a change.
    await tick(700);
    expect(snaps).toHaveLength(1);
    expect(looks).toHaveBeenCalledTimes(1);
    expect(timers()).toBeLessThanOrEqual(idle);

    // Deleting the pod: at once a snapshot (Terminating); the pod is gone some seconds later
    // (simulated), with no command to say so: the watch woke when that was due.
    await s.kubectl('delete', 'pod', 'image-volume', '--wait=false');
    await until(() => snaps.at(-1)?.pods.some((p) => p.metadata.name === 'image-volume' && p.metadata.deletionTimestamp !== undefined) === true);
    const mutations = s.world.mutationCount;
    await until(() => snaps.at(-1)?.pods.every((p) => p.metadata.name !== 'image-volume') === true);
    expect(s.world.mutationCount).toBe(mutations);
    await until(() => s.world.nextChangeAt(cluster, s.world.clock.now()) === null);
    const settled = looks.mock.calls.length;
    await tick(700);
    expect(looks.mock.calls.length).toBe(settled);
    expect(timers()).toBeLessThanOrEqual(idle);
  });
});
