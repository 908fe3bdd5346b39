// The ClusterProbe of the simulated cluster: snapshots, pods, exec and a change watch.
import { unavailable, type ClusterSnapshot, type Pod } from '../../../engine/kube-objects.js';
import type { ClusterProbe, ExecResult } from '../../ports.js';
import { execInPod } from './pod-shell.js';
import { containerRunning } from './pod-timeline.js';
import { isTourObject } from '../../../engine/ownership.js';
import { oldestFirst, type SimCluster, type SimWorld } from './world.js';

const WATCH_INTERVAL_MS = 500;

export class SimulatedClusterProbe implements ClusterProbe {
  private readonly stops = new Set<() => void>();

  /** realTime: the world's clock runs on real time (scaled), so a watch may sleep on it. */
  constructor(
    private readonly world: SimWorld,
    private readonly clusterName: string,
    private readonly namespace: string,
    private readonly realTime = false,
  ) {}

  /** The cluster, when kubectl could reach it (it exists and kind wrote its context). */
  private reachable(): SimCluster | null {
    const cluster = this.world.clusters.get(this.clusterName);
    if (!cluster || cluster.apiUpAt === null || !this.world.contexts.has(`kind-${this.clusterName}`)) return null;
    return cluster;
  }

  clusterExists(): Promise<boolean> {
    return Promise.resolve(this.world.clusters.has(this.clusterName));
  }

  snapshotNow(): ClusterSnapshot {
    const cluster = this.reachable();
    if (!cluster) return unavailable({ kind: 'absent', contextMissing: !this.world.contexts.has(`kind-${this.clusterName}`) });
    const own = this.world.pods(cluster, this.namespace);
    const system = this.namespace === 'kube-system' ? [] : this.world.pods(cluster, 'kube-system');
    return { reachable: true, nodes: this.world.nodes(cluster), pods: [...own, ...system], events: oldestFirst(this.world.events(cluster, this.namespace)) };
  }

  snapshot(): Promise<ClusterSnapshot> {
    return Promise.resolve(this.snapshotNow());
  }

  getPod(name: string): Promise<Pod | null> {
    const cluster = this.reachable();
    return Promise.resolve(cluster ? this.world.getPod(cluster, this.namespace, name) : null);
  }

  tourPods(): Promise<Pod[]> {
    const cluster = this.reachable();
    return Promise.resolve(cluster ? this.world.pods(cluster, this.namespace).filter((p) => isTourObject(p.metadata)) : []);
  }

  async exec(pod: string, container: string, argv: readonly string[], timeoutMs: number): Promise<ExecResult> {
    const cluster = this.reachable();
    if (!cluster) return { exitCode: 1, stdout: '', stderr: `error: context "kind-${this.clusterName}" does not exist\n` };
    const view = this.world.getPod(cluster, this.namespace, pod);
    if (!view) return { exitCode: 1, stdout: '', stderr: `Error from server (NotFound): pods "${pod}" not found\n` };
    if (!view.spec?.containers.some((c) => c.name === container)) {
      return { exitCode: 1, stdout: '', stderr: `Error from server (BadRequest): container ${container} is not valid for pod ${pod}\n` };
    }
    const record = this.world.podRecord(cluster, this.namespace, pod);
    if (!record || !containerRunning(record, container, this.world.clock.now())) {
      return { exitCode: 1, stdout: '', stderr: `error: unable to upgrade connection: container not found ("${container}")\n` };
    }
    const controller = new AbortController();
    const timer = new AbortController();
    let timedOut = false;
    this.world.clock
      .sleep(timeoutMs, timer.signal)
      .then(() => {
        timedOut = true;
        controller.abort();
      })
      .catch(() => undefined);
    try {
      return await execInPod(this.world, record, container, argv, { signal: controller.signal });
    } catch (error) {
      if (timedOut) return { exitCode: 1, stdout: '', stderr: `error: timed out after ${timeoutMs} ms\n` };
      throw error;
    } finally {
      timer.abort();
    }
  }

  /**
   * Calls back with a snapshot at the start and whenever what it shows changes: at once on a
   * change a command makes (world.onChange), and for changes that come with time (a pod's next
   * step), at the moment the next one is due (world.nextChangeAt). Nothing runs in between:
   * an idle tour uses no CPU. On a real-time clock the wait is a sleep on that clock, so it
   * follows a change of pace (fast-forward); virtual time only moves when someone sleeps, so
   * there it looks on real time (every WATCH_INTERVAL_MS, only while a change is due).
   */
  watch(onChange: (snapshot: ClusterSnapshot) => void, onError?: (message: string) => void): () => void {
    let last: string | null = null;
    let stopped = false;
    let pending: (() => void) | null = null;
    const cancelPending = (): void => {
      pending?.();
      pending = null;
    };
    const schedule = (cluster: SimCluster | null): void => {
      cancelPending();
      if (stopped || !cluster) return;
      const now = this.world.clock.now();
      const next = this.world.nextChangeAt(cluster, now);
      if (next === null) return;
      if (this.realTime) {
        const wake = new AbortController();
        this.world.clock.sleep(next - now, wake.signal).then(tick, () => undefined);
        pending = () => wake.abort();
      } else {
        const timer = setTimeout(tick, WATCH_INTERVAL_MS);
        timer.unref();
        pending = () => clearTimeout(timer);
      }
    };
    const tick = (): void => {
      if (stopped) return;
      let cluster: SimCluster | null = null;
      try {
        cluster = this.reachable();
        const fingerprint = `${cluster ? 'up' : 'down'}|${this.world.fingerprint(cluster ?? undefined, this.namespace)}`;
        if (fingerprint !== last) {
          last = fingerprint;
          onChange(this.snapshotNow());
        }
      } catch (error) {
        onError?.(error instanceof Error ? error.message : String(error));
      }
      schedule(cluster);
    };
    const unsubscribe = this.world.onChange(() => queueMicrotask(tick));
    const first = setImmediate(tick);
    const stop = (): void => {
      stopped = true;
      cancelPending();
      clearImmediate(first);
      unsubscribe();
      this.stops.delete(stop);
    };
    this.stops.add(stop);
    return stop;
  }

  dispose(): void {
    for (const stop of [...this.stops]) stop();
  }
}
