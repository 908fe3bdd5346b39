// One look at the cluster: its nodes, the Pods of the tour's namespace and of kube-system, and
// the namespace's events, exactly as the API server returns them. When the cluster cannot be
// read, the snapshot says why (no cluster yet, nothing answered, or the server's error), since
// each has another next action. The watch (watch.ts) follows the same lists.

import { errorMessage } from '../../engine/errors.js';
import { unavailable, type ClusterProblem, type ClusterSnapshot, type HiddenList, type KubeEvent, type Node, type Pod } from '../../engine/kube-objects.js';
import type { CommandRunner } from '../ports.js';
import { hasStatus, isUnreachable, KubeApiError } from './api-errors.js';
import { ContextMissingError } from './kubeconfig.js';
import type { KubeTransport } from './transport.js';

/** Where the tour looks, and how it tells "no cluster" from "not answering". */
export interface SnapshotScope {
  readonly transport: KubeTransport;
  /** real: the tour's kind cluster (kind's list says whether it exists); byoc: --context NAME. */
  readonly mode: 'real' | 'byoc';
  readonly namespace: string;
  /** The kind cluster's name (real mode). */
  readonly cluster: string;
  /** Runs `kind get clusters` (real mode). */
  readonly runner?: CommandRunner;
}

/** The API lists a snapshot reads and a watch follows. kube-system's Pods are read once when it is the tour's namespace. */
export function clusterLists(namespace: string): { readonly nodes: string; readonly pods: string; readonly systemPods: string | null; readonly events: string } {
  const ns = encodeURIComponent(namespace);
  return {
    nodes: '/api/v1/nodes',
    pods: `/api/v1/namespaces/${ns}/pods`,
    systemPods: namespace === 'kube-system' ? null : '/api/v1/namespaces/kube-system/pods',
    events: `/api/v1/namespaces/${ns}/events`,
  };
}

export async function readSnapshot(scope: SnapshotScope): Promise<ClusterSnapshot> {
  const { transport } = scope;
  const lists = clusterLists(scope.namespace);
  // With --context the user may not read nodes or kube-system (a room seat may not): that is
  // no error here, and the snapshot says which lists it could not read (`hidden`).
  const tolerate = scope.mode === 'byoc';
  const hidden: HiddenList[] = [];
  const maybe = async <T>(path: string, list: HiddenList): Promise<T[]> => {
    try {
      return await transport.list<T>(path);
    } catch (error) {
      if (!tolerate || !hasStatus(error, 403, 404)) throw error;
      if (hasStatus(error, 403)) hidden.push(list);
      return [];
    }
  };
  try {
    const [nodes, pods, systemPods, events] = await Promise.all([
      maybe<Node>(lists.nodes, 'nodes'),
      transport.list<Pod>(lists.pods),
      lists.systemPods === null ? Promise.resolve([]) : maybe<Pod>(lists.systemPods, 'systemPods'),
      transport.list<KubeEvent>(lists.events),
    ]);
    return { reachable: true, nodes, pods: [...pods, ...systemPods], events: sortEvents(events), ...(hidden.length > 0 ? { hidden } : {}) };
  } catch (error) {
    return unavailable(await problemOf(error, scope));
  }
}

/** Why the cluster could not be read: no cluster yet, nothing answered, or what the server said. */
async function problemOf(error: unknown, scope: SnapshotScope): Promise<ClusterProblem> {
  if (error instanceof ContextMissingError) return { kind: 'absent', contextMissing: true };
  if (error instanceof KubeApiError) return { kind: 'apiError', status: error.status, message: error.message };
  if (isUnreachable(error)) {
    // The kubeconfig may still hold the context of a kind cluster that is gone (deleted
    // out of band): kind's own list tells "no cluster yet" from "not answering".
    if (scope.mode === 'real' && (await kindListsCluster(scope)) === false) return { kind: 'absent' };
    return { kind: 'unreachable', message: errorMessage(error) };
  }
  return { kind: 'failed', message: errorMessage(error) };
}

/** Whether `kind get clusters` lists the tour's cluster; null when kind could not say. */
export async function kindListsCluster(scope: Pick<SnapshotScope, 'runner' | 'cluster'>): Promise<boolean | null> {
  const runner = scope.runner;
  if (!runner) return null;
  let out = '';
  const r = await runner.run({ argv: ['kind', 'get', 'clusters'], timeoutMs: 20_000 }, (text, stream) => {
    if (stream === 'stdout') out += text;
  });
  if (r.exitCode !== 0) return null;
  return out.split(/\r?\n/).some((line) => line.trim() === scope.cluster);
}

function eventTime(e: KubeEvent): string {
  return e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '';
}

/** Oldest first (by lastTimestamp, eventTime, firstTimestamp, creation). */
function sortEvents(events: readonly KubeEvent[]): KubeEvent[] {
  return [...events].sort((a, b) => (eventTime(a) < eventTime(b) ? -1 : eventTime(a) > eventTime(b) ? 1 : 0));
}
