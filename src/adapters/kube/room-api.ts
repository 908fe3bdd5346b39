// The trainer's side of a workshop room, over the Kubernetes API on the trainer's pinned
// context: asking which rights are there (SelfSubjectAccessReview), reading the server's
// version and the nodes' runtimes, creating the room's objects and the seats' tokens
// (TokenRequest), the probe for image volumes (a Pod created with server-side dry run), reading the
// seats' progress (once, or one watch for all of them: progress-watch.ts), and deleting what
// is labelled for the room. Requests go through transport.ts (the kubeconfig's TLS and
// credentials); the caller bounds how many run at once (mapLimit).

import { readFileSync } from 'node:fs';
import type { Node } from '../../engine/kube-objects.js';
import { roomSelector, type KubeObject, type Right, type SeatCluster } from '../../engine/room.js';
import { hasStatus } from './api-errors.js';
import type { ServerVersion } from './kube-client.js';
import { followProgress, type ProgressEvents } from './progress-watch.js';
import { KubeTransport } from './transport.js';

const enc = encodeURIComponent;
const RBAC = '/apis/rbac.authorization.k8s.io/v1';

/** Where the API keeps objects of a kind (the kinds a room makes). */
function collectionPath(kind: string, namespace: string | undefined): string {
  const ns = `/namespaces/${enc(namespace ?? '')}`;
  switch (kind) {
    case 'Namespace': return '/api/v1/namespaces';
    case 'ServiceAccount': return `/api/v1${ns}/serviceaccounts`;
    case 'ConfigMap': return `/api/v1${ns}/configmaps`;
    case 'Pod': return `/api/v1${ns}/pods`;
    case 'Role': return `${RBAC}${ns}/roles`;
    case 'RoleBinding': return `${RBAC}${ns}/rolebindings`;
    case 'ClusterRole': return `${RBAC}/clusterroles`;
    case 'ClusterRoleBinding': return `${RBAC}/clusterrolebindings`;
    default: throw new Error(`a room makes no ${kind}`);
  }
}

/** An object of the room as listed for deletion. */
export interface RoomObjectRef {
  readonly kind: 'Namespace' | 'ClusterRole' | 'ClusterRoleBinding';
  readonly name: string;
  /** A namespace being deleted already (Terminating). */
  readonly terminating?: boolean;
}

export interface NamespaceInfo {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly terminating: boolean;
}

export interface RoomApi {
  /** The trainer's context. */
  readonly context: string;
  /** The API server's address as the seats reach it (the trainer's cluster entry, its CA inline). */
  seatCluster(): Promise<SeatCluster>;
  /** Whether the trainer may do it (a SelfSubjectAccessReview). */
  allowed(right: Right): Promise<boolean>;
  serverVersion(): Promise<ServerVersion>;
  nodes(): Promise<Node[]>;
  namespaces(labelSelector?: string): Promise<NamespaceInfo[]>;
  /** Creates the object (POST); a 409 is thrown as it came. */
  create(object: KubeObject): Promise<void>;
  /** Creates the Pod with server-side dry run: nothing is stored; the Pod as the API server would have stored it. */
  dryRunPod(namespace: string, pod: Record<string, unknown>): Promise<unknown>;
  /** A bounded token for a ServiceAccount (TokenRequest). */
  token(namespace: string, serviceAccount: string, body: Record<string, unknown>): Promise<{ readonly token: string; readonly expires: string }>;
  /** The room's progress ConfigMaps, as the API returns them (one list across namespaces). */
  progress(room: string): Promise<unknown[]>;
  /** One watch on the room's progress ConfigMaps across namespaces; returns stop(). */
  followProgress(room: string, events: ProgressEvents): () => void;
  /** What carries the room's labels: its namespaces and its cluster-wide RBAC objects. */
  roomObjects(room: string): Promise<RoomObjectRef[]>;
  /** Deletes it (a namespace with everything in it); a 404 counts as deleted. */
  delete(ref: RoomObjectRef): Promise<void>;
  dispose(): void;
}

export function createRoomApi(o: { readonly context: string; readonly env?: NodeJS.ProcessEnv; readonly requestTimeoutMs?: number }): RoomApi {
  const transport = new KubeTransport(o.context, o.env ?? process.env, o.requestTimeoutMs ?? 15_000);
  const stops = new Set<() => void>();

  const labelled = <T>(path: string, room: string): Promise<T[]> => transport.list<T>(`${path}?labelSelector=${enc(roomSelector(room))}`);

  return {
    context: o.context,
    async seatCluster() {
      const pinned = await transport.pinned();
      const ctx = pinned.kc.getContextObject(pinned.context);
      const cluster = ctx ? pinned.kc.getCluster(ctx.cluster) : null;
      if (!cluster) throw new Error(`context ${pinned.context} names no cluster`);
      // A CA file path would not travel with the seat's kubeconfig: its content goes inline.
      const ca = cluster.caData ?? (cluster.caFile ? readFileSync(cluster.caFile).toString('base64') : undefined);
      return {
        server: cluster.server,
        ...(ca ? { certificateAuthorityData: ca } : {}),
        ...(cluster.skipTLSVerify ? { insecureSkipTlsVerify: true } : {}),
        ...(cluster.tlsServerName ? { tlsServerName: cluster.tlsServerName } : {}),
        ...(cluster.proxyUrl ? { proxyUrl: cluster.proxyUrl } : {}),
      };
    },
    async allowed(right) {
      const review = await transport.json<{ status?: { allowed?: boolean } }>('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: {
          resourceAttributes: {
            verb: right.verb,
            group: right.group,
            resource: right.resource,
            ...(right.subresource ? { subresource: right.subresource } : {}),
            ...(right.namespace ? { namespace: right.namespace } : {}),
          },
        },
      });
      return review.status?.allowed === true;
    },
    serverVersion: () => transport.json<ServerVersion>('GET', '/version'),
    nodes: () => transport.list<Node>('/api/v1/nodes'),
    async namespaces(labelSelector) {
      const items = await transport.list<{ metadata: { name: string; labels?: Record<string, string>; deletionTimestamp?: string }; status?: { phase?: string } }>(
        `/api/v1/namespaces${labelSelector ? `?labelSelector=${enc(labelSelector)}` : ''}`,
      );
      return items.map((n) => ({ name: n.metadata.name, labels: n.metadata.labels ?? {}, terminating: n.status?.phase === 'Terminating' || n.metadata.deletionTimestamp !== undefined }));
    },
    async create(object) {
      await transport.json('POST', collectionPath(object.kind, object.metadata.namespace), object);
    },
    dryRunPod: (namespace, pod) => transport.json('POST', `${collectionPath('Pod', namespace)}?dryRun=All`, pod),
    async token(namespace, serviceAccount, body) {
      const r = await transport.json<{ status?: { token?: string; expirationTimestamp?: string } }>('POST', `/api/v1/namespaces/${enc(namespace)}/serviceaccounts/${enc(serviceAccount)}/token`, body);
      if (!r.status?.token) throw new Error(`the API server gave no token for ${namespace}/${serviceAccount}`);
      return { token: r.status.token, expires: r.status.expirationTimestamp ?? '' };
    },
    progress: (room) => labelled<unknown>('/api/v1/configmaps', room),
    followProgress(room, events) {
      const stop = followProgress({ transport, labelSelector: roomSelector(room), ...events });
      stops.add(stop);
      return () => {
        stops.delete(stop);
        stop();
      };
    },
    async roomObjects(room) {
      const [namespaces, roles, bindings] = await Promise.all([
        this.namespaces(roomSelector(room)),
        labelled<{ metadata: { name: string } }>(`${RBAC}/clusterroles`, room),
        labelled<{ metadata: { name: string } }>(`${RBAC}/clusterrolebindings`, room),
      ]);
      return [
        ...namespaces.map((n): RoomObjectRef => ({ kind: 'Namespace', name: n.name, ...(n.terminating ? { terminating: true } : {}) })),
        ...bindings.map((b): RoomObjectRef => ({ kind: 'ClusterRoleBinding', name: b.metadata.name })),
        ...roles.map((r): RoomObjectRef => ({ kind: 'ClusterRole', name: r.metadata.name })),
      ];
    },
    async delete(ref) {
      try {
        await transport.json('DELETE', `${collectionPath(ref.kind, undefined)}/${enc(ref.name)}`, { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background' });
      } catch (error) {
        if (!hasStatus(error, 404)) throw error;
      }
    },
    dispose() {
      for (const stop of [...stops]) stop();
      stops.clear();
      transport.dispose();
    },
  };
}

/**
 * fn over every item, at most `limit` at a time, in order of start; resolves with the results
 * in the items' order. The first failure stops new starts and rejects once the running ones end.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>, onDone?: (done: number) => void): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  let failed: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (failed === null && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i], i);
        done++;
        onDone?.(done);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed !== null) throw (failed as { error: unknown }).error;
  return results;
}
