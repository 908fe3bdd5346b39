// The ClusterProbe port over the Kubernetes API, pinned to one context and namespace. Reads go
// through the pinned kubeconfig's transport (its TLS options and credentials) and keep the
// objects exactly as the API server returns them (no model classes that could drop fields
// such as `volumes[].image`). This module only puts the parts together:
//   transport.ts    requests on the pinned context (and what dispose() ends)
//   api-errors.ts   what an error answer or a failed connection says
//   snapshot.ts     one look at the cluster, or why there is none
//   watch.ts        following the same lists, one snapshot per burst of changes
//   exec.ts         a command in a container (client-node's Exec websocket)
//   discovery.ts    reading any object as kubectl finds it (the ownership check)
//   tour-objects.ts the tour's namespace and Pods: read, apply, delete
// dispose() ends everything: watches, requests in flight, exec sockets and the agents'
// sockets, so nothing keeps the process alive after quit.

import type { ClusterSnapshot, Node, Pod } from '../../engine/kube-objects.js';
import { carriesClusterMark, type ObjectRef } from '../../engine/ownership.js';
import type { Inspected, ObjectLookup } from '../ownership/ownership-guard.js';
import type { ClusterProbe, CommandRunner, ExecResult } from '../ports.js';
import { ApiDiscovery } from './discovery.js';
import { execInPod, type ExecSocket } from './exec.js';
import { clusterLists, kindListsCluster, readSnapshot, type SnapshotScope } from './snapshot.js';
import { TourObjects } from './tour-objects.js';
import { KubeTransport } from './transport.js';
import { ClusterWatch } from './watch.js';

export interface KubeClientOptions {
  /** real: the tour's kind cluster (clusterExists asks kind); byoc: --context NAME. */
  readonly mode: 'real' | 'byoc';
  /** The kind cluster name (real mode). */
  readonly cluster: string;
  /** The context every call is pinned to (kind-<cluster>, or --context). */
  readonly context: string;
  readonly namespace: string;
  /** Runs `kind get clusters` (real mode). */
  readonly runner?: CommandRunner;
  /** KUBECONFIG and HOME are read from here (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Per-request timeout (default 10 s). */
  readonly requestTimeoutMs?: number;
  /** Watch: how long to gather changes before taking a snapshot (default 150 ms). */
  readonly debounceMs?: number;
  /** Watch: first reconnect delay, doubled up to maxBackoffMs (defaults 500 ms / 10 s). */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Watch: the server ends a watch after this long (timeoutSeconds); it is then reopened (default 300 s). */
  readonly watchSeconds?: number;
}

export interface ServerVersion {
  readonly major?: string;
  readonly minor?: string;
  readonly gitVersion: string;
}

/** The probe plus what the real adapters, doctor and cleanup need beyond the port. */
export interface KubeClient extends ClusterProbe, ObjectLookup {
  readonly context: string;
  readonly namespace: string;
  /** GET /version on the pinned context. */
  serverVersion(): Promise<ServerVersion>;
  /** Creates the namespace (labelled as the tour's) if it does not exist; true if created. */
  ensureNamespace(): Promise<boolean>;
  /**
   * Creates the pod labelled as the tour's, or replaces the tour's pod of that name (a delete and
   * create); returns it as stored. A pod of that name that is not the tour's is never replaced.
   */
  applyPod(pod: Pod): Promise<Pod>;
  /** Deletes the pods labelled app.kubernetes.io/managed-by=ivol-tour in the namespace; their names. */
  deleteLabelledPods(): Promise<string[]>;
  /** Whether a node of the cluster carries the tour's cluster mark (false when it cannot be read). */
  nodesMarked(): Promise<boolean>;
  /** Ends every watch and pending request. */
  dispose(): void;
}

export function createKubeClient(opts: KubeClientOptions): KubeClient {
  const transport = new KubeTransport(opts.context, opts.env ?? process.env, opts.requestTimeoutMs ?? 10_000);
  const scope: SnapshotScope = { transport, mode: opts.mode, namespace: opts.namespace, cluster: opts.cluster, ...(opts.runner ? { runner: opts.runner } : {}) };
  const objects = new TourObjects(transport, opts.namespace);
  const discovery = new ApiDiscovery(transport);
  const watches = new Set<ClusterWatch>();
  const execSockets = new Set<ExecSocket>();
  // Lists these credentials may not read are not watched either (a room seat and kube-system).
  const refusedWatches = new Set<string>();
  const snapshot = async (): Promise<ClusterSnapshot> => {
    const snap = await readSnapshot(scope);
    const lists = clusterLists(opts.namespace);
    for (const list of snap.hidden ?? []) {
      const path = lists[list];
      if (path) refusedWatches.add(path);
    }
    return snap;
  };

  return {
    context: opts.context,
    namespace: opts.namespace,
    clusterExists: () => clusterExists(opts, transport),
    snapshot,
    getPod: (name) => objects.getPod(name),
    tourPods: () => objects.tourPods(),
    exec: (pod: string, container: string, argv: readonly string[], timeoutMs: number): Promise<ExecResult> =>
      execInPod(transport, execSockets, { namespace: opts.namespace, pod, container, argv, timeoutMs }),
    watch(onChange, onError) {
      const lists = clusterLists(opts.namespace);
      const w = new ClusterWatch({
        transport,
        refused: refusedWatches,
        paths: [lists.nodes, lists.pods, ...(lists.systemPods !== null ? [lists.systemPods] : []), lists.events],
        snapshot,
        onChange,
        ...(onError ? { onError } : {}),
        debounceMs: opts.debounceMs ?? 150,
        backoffMs: opts.backoffMs ?? 500,
        maxBackoffMs: opts.maxBackoffMs ?? 10_000,
        watchSeconds: opts.watchSeconds ?? 300,
      });
      watches.add(w);
      if (transport.disposed) w.stop();
      else w.start();
      return () => {
        w.stop();
        watches.delete(w);
      };
    },
    inspect: (ref: ObjectRef, namespace: string): Promise<Inspected> => discovery.inspect(ref, namespace),
    defaultNamespace: () => defaultNamespace(transport),
    nodesMarked: () => nodesMarked(transport),
    serverVersion: () => transport.json<ServerVersion>('GET', '/version'),
    ensureNamespace: () => objects.ensureNamespace(),
    applyPod: (pod) => objects.applyPod(pod),
    deleteLabelledPods: () => objects.deleteLabelledPods(),
    dispose() {
      for (const w of watches) w.stop();
      watches.clear();
      transport.dispose();
      for (const ws of execSockets) ws.terminate();
      execSockets.clear();
    },
  };
}

/** real: kind lists the tour's cluster; byoc: the API server answers. */
async function clusterExists(opts: KubeClientOptions, transport: KubeTransport): Promise<boolean> {
  if (opts.mode === 'real') {
    if (!opts.runner) throw new Error('clusterExists in real mode needs a CommandRunner');
    return (await kindListsCluster({ runner: opts.runner, cluster: opts.cluster })) === true;
  }
  try {
    await transport.json<ServerVersion>('GET', '/version');
    return true;
  } catch {
    return false;
  }
}

/** The namespace kubectl acts in when a command gives none: the context's, else `default`. */
async function defaultNamespace(transport: KubeTransport): Promise<string> {
  const pinned = await transport.pinned();
  return pinned.kc.getContextObject(pinned.context)?.namespace || 'default';
}

async function nodesMarked(transport: KubeTransport): Promise<boolean> {
  try {
    return (await transport.list<Node>('/api/v1/nodes')).some((n) => carriesClusterMark(n.metadata));
  } catch {
    return false;
  }
}
