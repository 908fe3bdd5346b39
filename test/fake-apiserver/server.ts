// A Kubernetes API server for tests, on 127.0.0.1 (random port): the simulated cluster's API
// (src/adapters/cluster/simulated/api-server.ts) over HTTP, so that real-mode tests and the
// simulated mode read one model of the objects. This file adds only what HTTP needs: routing
// the request to the simulated API, watches (changes polled from the world), pods/exec over a
// websocket (v5/v4.channel.k8s.io, run in the simulated pod's shell), injected failures and a
// log of every request; and, for workshop rooms (rbac.ts), ServiceAccounts, ConfigMaps and RBAC
// objects, TokenRequest, SelfSubjectAccessReview, RBAC enforced for ServiceAccount tokens (and
// `users`), server-side dry run and namespaces that terminate. Test code only.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { testCertificate } from './tls.js';
import { createRequire } from 'node:module';
import type { AddressInfo, Socket } from 'node:net';
import type { Pod } from '../../src/engine/kube-objects.js';
import { API_RESOURCES, SimApi, type Resource } from '../../src/adapters/cluster/simulated/api-server.js';
import { createClock } from '../../src/adapters/cluster/simulated/clock.js';
import type { SimFault } from '../../src/adapters/cluster/simulated/facts.js';
import { execInPod } from '../../src/adapters/cluster/simulated/pod-shell.js';
import { containerRunning } from '../../src/adapters/cluster/simulated/pod-timeline.js';
import { ApiError, SimWorld, type NodeRole, type SimCluster } from '../../src/adapters/cluster/simulated/world.js';
import { ADMIN, authorize, forbiddenMessage, HttpError, ObjectStore, qualified, requestAttributes, serviceAccountUser, storePath, TokenIssuer, type UserInfo } from './rbac.js';

// `ws` is a dependency of @kubernetes/client-node; it has no types here, so describe the little we use.
interface WsSocket {
  send(data: Buffer, cb?: (err?: Error) => void): void;
  close(code?: number): void;
}
interface WsModule {
  WebSocketServer: new (opts: { noServer: true; handleProtocols: (protocols: Set<string>) => string | false }) => {
    handleUpgrade(req: IncomingMessage, socket: Socket, head: Buffer, cb: (ws: WsSocket) => void): void;
    close(): void;
  };
}
const { WebSocketServer } = createRequire(import.meta.url)('ws') as WsModule;

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly watch: boolean;
  readonly userAgent: string;
}

/** What happens to an applied Pod: it runs (default), or its artifact cannot be pulled (the registry: not found, wrong layers, unreachable). */
export type PodLifecycle = 'running' | 'artifact-layers' | 'artifact-missing' | 'artifact-pull-fails';

/**
 * The server answering with an HTTP error instead (an etcd that times out, RBAC that forbids):
 * the status, and the Status object's reason and message, as a real API server sends them.
 */
export interface FailureSpec {
  readonly status: number;
  /** The Status message (default per status: etcd's timeout for 500, RBAC's refusal for 403). */
  readonly message?: string;
  /** Only requests whose path matches (default: every /api/v1/... request; /version, discovery and OpenAPI keep working). */
  readonly paths?: RegExp;
  /** Only this many requests fail; then the server recovers by itself. */
  readonly count?: number;
  /** A plain-text body instead of a Status object (what a proxy in front of the server sends). */
  readonly body?: string;
}

export interface FakeApiServerOptions {
  /** For logs. */
  readonly name?: string;
  /** The ImageVolume gate is off: image volumes and their mounts are dropped on create. */
  readonly dropImageVolumes?: boolean;
  /** The nodes' kubelet version (default: the node image's, v1.35.0). */
  readonly gitVersion?: string;
  /** nodeInfo.containerRuntimeVersion of the nodes. */
  readonly runtime?: string;
  /** The kind nodes (default ivol-control-plane): the cluster's name is the first one's prefix. */
  readonly nodeNames?: readonly string[];
  readonly lifecycle?: PodLifecycle;
  /** Pods put there at the start (created a minute ago: running). */
  readonly pods?: readonly Pod[];
  /**
   * Someone else's Pod there at the start (see `learnersPod`): by default `image-volume` in
   * `default`, running, without the tour's label, as the Kubernetes docs task leaves it.
   */
  readonly learnersPod?: boolean | { readonly name?: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  /** Extra labels on every node (e.g. the tour's cluster mark, as its kind config sets it). */
  readonly nodeLabels?: Readonly<Record<string, string>>;
  /** Namespaces that exist at the start (default: kind's). */
  readonly namespaces?: readonly string[];
  /** Answer with this error from the start (see fail()). */
  readonly fail?: FailureSpec;
  /** Serve this world's cluster (the differential tests serve the simulated tour's own). */
  readonly world?: SimWorld;
  readonly cluster?: string;
  /** How much faster than real time a new world's clock runs (default 25: a pod starts in ~0.2 s). */
  readonly speed?: number;
  /**
   * Bearer tokens that are users with only the rights RBAC gives them (a trainer without
   * cluster-admin). Tokens issued by TokenRequest are their ServiceAccounts; any other token is
   * an administrator.
   */
  readonly users?: Readonly<Record<string, { readonly name: string; readonly groups?: readonly string[] }>>;
  /** Answer every request this much later (a remote API server's round trip; the room benchmark). */
  readonly latencyMs?: number;
  /** Serve HTTPS (a self-signed certificate): kubectl sends a kubeconfig's token only over TLS. */
  readonly tls?: boolean;
  /** How long a deleted namespace stays Terminating before it and everything in it are gone (default 300 ms). */
  readonly namespaceTerminationMs?: number;
}

export interface FakeApiServer {
  readonly url: string;
  readonly port: number;
  readonly requests: RequestLogEntry[];
  readonly world: SimWorld;
  pods(namespace?: string): Pod[];
  namespaces(): string[];
  /** Creates (or replaces) a pod, as if someone applied it a minute ago. */
  putPod(pod: Pod): void;
  /** Ends every open watch stream, the store's too (as when the connection drops). */
  dropWatches(): number;
  /** From now on, answer the matching requests with this error (until recover() or `count` runs out). */
  fail(spec: FailureSpec): void;
  /** Answer normally again. */
  recover(): void;
  /** How many requests were answered with the injected error. */
  failedRequests(): number;
  openWatches(): number;
  /** ServiceAccounts, ConfigMaps and RBAC objects (test/fake-apiserver/rbac.ts). */
  readonly store: ObjectStore;
  /** Tokens issued by TokenRequest. */
  readonly tokens: TokenIssuer;
  /** The most requests the server was answering at once (watches included). */
  peakInFlight(): number;
  /** Requests refused with 403 by RBAC, as "VERB RESOURCE in NAMESPACE by USER". */
  readonly forbidden: string[];
  close(): Promise<void>;
}

interface Watcher {
  readonly res: ServerResponse;
  readonly resource: Resource;
  readonly namespace?: string;
  readonly query: URLSearchParams;
  seen: Map<string, string>;
}

const STATUS_REASONS: Readonly<Record<number, string>> = { 401: 'Unauthorized', 403: 'Forbidden', 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout' };
const DEFAULT_FAILURE_MESSAGES: Readonly<Record<number, string>> = {
  500: 'etcdserver: request timed out',
  503: 'the server is currently unable to handle the request',
  401: 'Unauthorized',
  403: 'pods is forbidden: User "system:serviceaccount:workshop:learner" cannot list resource "pods" in API group "" in the namespace "default"',
};

/** How long after the upgrade an exec's first frame is sent (the kubelet's round trip). */
const EXEC_ROUND_TRIP_MS = 25;

const statusObj = (code: number, reason: string, message: string): unknown => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });

/** A world with one running kind cluster, made for a test. */
function newWorld(opts: FakeApiServerOptions): { world: SimWorld; cluster: SimCluster } {
  const faults: SimFault[] = [...(opts.dropImageVolumes ? (['gate-off'] as const) : []), ...(opts.lifecycle && opts.lifecycle !== 'running' ? [opts.lifecycle] : [])];
  const world = new SimWorld(createClock(opts.speed ?? 25), { profile: 'containerd', featureGate: false, faults: new Set(faults) }, 'default', {
    immediateDeletion: true,
    nodeFacts: { ...(opts.gitVersion ? { kubeletVersion: opts.gitVersion } : {}), ...(opts.runtime ? { runtime: opts.runtime } : {}) },
  });
  const nodeNames = opts.nodeNames ?? ['ivol-control-plane'];
  const name = (nodeNames[0] ?? 'ivol').replace(/-control-plane$/, '');
  const roles = nodeNames.map((n): NodeRole => (n.includes('-control-plane') ? 'control-plane' : 'worker'));
  const cluster = world.seedCluster(name, { roles, nodeLabels: roles.map(() => opts.nodeLabels ?? {}) });
  if (opts.namespaces) {
    const keep = new Set(opts.namespaces);
    for (const ns of [...cluster.namespaces.keys()]) if (!keep.has(ns)) cluster.namespaces.delete(ns);
    for (const ns of keep) if (!cluster.namespaces.has(ns)) cluster.namespaces.set(ns, { createdAt: cluster.containersAt, labels: {} });
  }
  return { world, cluster };
}

export async function startFakeApiServer(opts: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const requests: RequestLogEntry[] = [];
  const made = opts.world ? null : newWorld(opts);
  const world = opts.world ?? made?.world;
  const cluster = made?.cluster ?? world?.clusters.get(opts.cluster ?? 'ivol');
  if (!world || !cluster) throw new Error(`fake API server: the world has no cluster ${opts.cluster ?? 'ivol'}`);
  const api = new SimApi(world, cluster);
  const watchers = new Set<Watcher>();
  const store = new ObjectStore(() => Date.now());
  const tokens = new TokenIssuer(() => Date.now());
  const forbidden: string[] = [];
  const terminating = new Map<string, { readonly at: number; readonly timer: NodeJS.Timeout }>();

  /** Who sends the request: a TokenRequest token is its ServiceAccount; `users` are themselves; anyone else is an administrator. */
  const identify = (req: IncomingMessage): UserInfo | HttpError => {
    const m = /^Bearer\s+(\S+)/i.exec(String(req.headers.authorization ?? ''));
    if (!m?.[1]) return ADMIN;
    const sa = tokens.lookup(m[1]);
    if (sa === 'expired') return new HttpError(401, 'Unauthorized', 'Unauthorized');
    if (sa !== 'unknown') return store.has('serviceaccounts', sa.namespace, sa.name) ? serviceAccountUser(sa.namespace, sa.name) : new HttpError(401, 'Unauthorized', 'Unauthorized');
    const user = opts.users?.[m[1]];
    return user ? { name: user.name, groups: [...(user.groups ?? []), 'system:authenticated'], admin: false } : ADMIN;
  };
  /** null: allowed; else the 403 to send. */
  const refusal = (user: UserInfo, method: string, path: string, q: URLSearchParams, upgrade = false): HttpError | null => {
    // Anyone authenticated may ask what they may do (system:basic-user).
    if (path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews') return null;
    const attrs = requestAttributes(method, path, q, upgrade);
    if (!attrs || authorize(store, user, attrs)) return null;
    forbidden.push(`${attrs.verb} ${attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource} in ${attrs.namespace ?? '(cluster)'} by ${user.name}`);
    return new HttpError(403, 'Forbidden', forbiddenMessage(user, attrs));
  };
  const namespaceUsable = (ns: string, resource: string, name: string): void => {
    if (!cluster.namespaces.has(ns)) throw new HttpError(404, 'NotFound', `namespaces "${ns}" not found`);
    if (terminating.has(ns)) throw new HttpError(403, 'Forbidden', `${resource} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`);
  };
  /** A namespace as the API shows it while it is being deleted. */
  const withTermination = (o: unknown): unknown => {
    const ns = o as { metadata?: { name?: string }; status?: unknown };
    const t = ns.metadata?.name !== undefined ? terminating.get(ns.metadata.name) : undefined;
    return t ? { ...ns, metadata: { ...ns.metadata, deletionTimestamp: new Date(t.at).toISOString().replace(/\.\d+Z$/, 'Z') }, status: { phase: 'Terminating' } } : o;
  };
  const terminate = (ns: string): unknown => {
    if (!cluster.namespaces.has(ns)) throw new HttpError(404, 'NotFound', `namespaces "${ns}" not found`);
    if (!terminating.has(ns)) {
      const timer = setTimeout(() => {
        terminating.delete(ns);
        store.deleteNamespace(ns);
        world.removeNamespace(cluster, ns);
      }, opts.namespaceTerminationMs ?? 300);
      terminating.set(ns, { at: Date.now(), timer });
    }
    return withTermination(api.get('namespaces', undefined, ns));
  };

  /** What rooms need beyond the simulated API; null when the request is not one of those. */
  const roomRoute = (res: ServerResponse, method: string, path: string, q: URLSearchParams, body: unknown, user: UserInfo): { status: number; body: unknown } | 'streaming' | null => {
    const dryRun = q.get('dryRun') === 'All';
    // Discovery names what the store serves too (kubectl resolves `configmap` through it).
    if (path === '/api/v1' && method === 'GET') {
      const more = [
        { name: 'configmaps', singularName: 'configmap', namespaced: true, kind: 'ConfigMap', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['cm'] },
        { name: 'secrets', singularName: 'secret', namespaced: true, kind: 'Secret', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
        { name: 'serviceaccounts', singularName: 'serviceaccount', namespaced: true, kind: 'ServiceAccount', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['sa'] },
        { name: 'serviceaccounts/token', singularName: '', namespaced: true, group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] },
      ];
      return { status: 200, body: { ...API_RESOURCES, resources: [...API_RESOURCES.resources, ...more].sort((a, b) => a.name.localeCompare(b.name)) } };
    }
    if (path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews' && method === 'POST') {
      const ra = ((body as { spec?: { resourceAttributes?: Record<string, string> } } | undefined)?.spec?.resourceAttributes ?? {});
      const allowed = authorize(store, user, {
        verb: ra['verb'] ?? '', group: ra['group'] ?? '', resource: ra['resource'] ?? '',
        ...(ra['subresource'] ? { subresource: ra['subresource'] } : {}), ...(ra['namespace'] ? { namespace: ra['namespace'] } : {}), ...(ra['name'] ? { name: ra['name'] } : {}),
      });
      return { status: 201, body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: {}, spec: { resourceAttributes: ra }, status: { allowed, ...(allowed ? { reason: 'RBAC: allowed' } : {}) } } };
    }
    const token = /^\/api\/v1\/namespaces\/([^/]+)\/serviceaccounts\/([^/]+)\/token$/.exec(path);
    if (token && method === 'POST') {
      const ns = decodeURIComponent(token[1] ?? '');
      const name = decodeURIComponent(token[2] ?? '');
      store.get('serviceaccounts', ns, name);
      const seconds = (body as { spec?: { expirationSeconds?: number } } | undefined)?.spec?.expirationSeconds ?? 3600;
      if (seconds < 600) throw new HttpError(422, 'Invalid', `TokenRequest.authentication.k8s.io "${name}" is invalid: spec.expirationSeconds: Invalid value: ${seconds}: may not specify a duration less than 10 minutes`);
      const issued = tokens.issue(ns, name, seconds);
      return { status: 201, body: { kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', metadata: { name, namespace: ns }, spec: { audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: seconds }, status: issued } };
    }
    const sp = storePath(path);
    if (sp && sp.sub === undefined) {
      const { resource, namespace: ns, name } = sp;
      if (name === undefined) {
        if (method === 'GET' && (q.get('watch') === 'true' || q.get('watch') === '1')) {
          store.watch(res, resource, ns, q);
          return 'streaming';
        }
        if (method === 'GET') {
          const items = store.list(resource, ns, q.get('labelSelector'));
          const kind = `${items[0]?.kind ?? { serviceaccounts: 'ServiceAccount', configmaps: 'ConfigMap', roles: 'Role', rolebindings: 'RoleBinding', clusterroles: 'ClusterRole', clusterrolebindings: 'ClusterRoleBinding' }[resource]}List`;
          return { status: 200, body: { kind, apiVersion: resource.startsWith('role') || resource.startsWith('cluster') ? 'rbac.authorization.k8s.io/v1' : 'v1', metadata: { resourceVersion: store.resourceVersion }, items } };
        }
        if (method === 'POST') {
          const objName = String((body as { metadata?: { name?: string } } | undefined)?.metadata?.name ?? '');
          if (ns !== undefined) namespaceUsable(ns, qualified(resource), objName);
          return { status: 201, body: store.create(resource, ns, body, dryRun) };
        }
        throw new HttpError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      }
      if (method === 'GET') return { status: 200, body: store.get(resource, ns, name) };
      if (method === 'PATCH') return { status: 200, body: store.patch(resource, ns, name, body) };
      if (method === 'PUT') return { status: 200, body: store.replace(resource, ns, name, body) };
      if (method === 'DELETE') return { status: 200, body: store.delete(resource, ns, name) };
      throw new HttpError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    }
    const nsOne = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(path);
    if (nsOne && method === 'DELETE') return { status: 200, body: terminate(decodeURIComponent(nsOne[1] ?? '')) };
    const podCreate = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(path);
    if (podCreate && method === 'POST') {
      const ns = decodeURIComponent(podCreate[1] ?? '');
      namespaceUsable(ns, 'pods', String((body as Pod | undefined)?.metadata?.name ?? ''));
      if (dryRun) return { status: 201, body: world.dryRunPod(cluster, body as Pod, ns) };
    }
    return null;
  };

  const putPod = (pod: Pod): void => {
    const ns = pod.metadata.namespace ?? 'default';
    if (!cluster.namespaces.has(ns)) world.createNamespace(cluster, ns);
    if (world.podRecord(cluster, ns, pod.metadata.name)) world.deletePod(cluster, ns, pod.metadata.name, 0);
    const { status: _status, ...manifest } = structuredClone(pod);
    world.createPod(cluster, { ...manifest, metadata: { name: pod.metadata.name, namespace: ns, ...(pod.metadata.labels ? { labels: pod.metadata.labels } : {}) } }, ns, world.clock.now() - 60_000);
  };
  for (const p of opts.pods ?? []) putPod(p);
  if (opts.learnersPod) putPod(learnersPod(opts.learnersPod === true ? {} : opts.learnersPod));

  // Watches: the world changes with its clock, so the server looks for new resource versions.
  const key = (o: unknown): string => {
    const m = (o as { metadata: { namespace?: string; name: string } }).metadata;
    return `${m.namespace ?? ''}/${m.name}`;
  };
  const pollWatch = (w: Watcher): void => {
    const items = api.list(w.resource, w.namespace, { labelSelector: w.query.get('labelSelector'), fieldSelector: w.query.get('fieldSelector') });
    const now = new Map(items.map((o) => [key(o), (o as { metadata: { resourceVersion?: string } }).metadata.resourceVersion ?? '']));
    for (const o of items) {
      const before = w.seen.get(key(o));
      if (before !== now.get(key(o))) w.res.write(`${JSON.stringify({ type: before === undefined ? 'ADDED' : 'MODIFIED', object: o })}\n`);
    }
    for (const [k] of w.seen) if (!now.has(k)) w.res.write(`${JSON.stringify({ type: 'DELETED', object: { metadata: { name: k.split('/')[1], namespace: k.split('/')[0] || undefined } } })}\n`);
    w.seen = now;
  };
  const poll = (): void => {
    for (const w of watchers) pollWatch(w);
  };
  const ticker = setInterval(poll, 20);
  ticker.unref();
  const unsubscribe = world.onChange(() => queueMicrotask(poll));

  let failure: (FailureSpec & { left: number }) | null = opts.fail ? { ...opts.fail, left: opts.fail.count ?? Infinity } : null;
  let failed = 0;
  const injectedFailure = (path: string): { status: number; body: unknown; text?: string } | null => {
    if (!failure || failure.left <= 0 || !(failure.paths ?? /^\/api\/v1\//).test(path)) return null;
    failure.left--;
    failed++;
    const { status } = failure;
    const message = failure.message ?? DEFAULT_FAILURE_MESSAGES[status] ?? 'an error on the server has prevented the request from succeeding';
    return { status, body: statusObj(status, STATUS_REASONS[status] ?? 'InternalError', message), ...(failure.body !== undefined ? { text: failure.body } : {}) };
  };

  const log = (req: IncomingMessage, url: URL): void => {
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.search, watch: url.searchParams.get('watch') === 'true', userAgent: String(req.headers['user-agent'] ?? '') });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    log(req, url);
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const injected = injectedFailure(path);
    if (injected?.text !== undefined) return sendText(res, injected.status, injected.text);
    if (injected) return send(res, injected.status, injected.body);
    const text = method === 'POST' || method === 'PATCH' || method === 'DELETE' || method === 'PUT' ? await readBody(req) : '';
    const body = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
    const q = url.searchParams;
    const user = identify(req);
    if (user instanceof HttpError) return send(res, user.status, user.body());
    const refused = refusal(user, method, path, q);
    if (refused) return send(res, refused.status, refused.body());
    try {
      const routed = roomRoute(res, method, path, q, body, user);
      if (routed === 'streaming') return;
      if (routed) return send(res, routed.status, routed.body);
    } catch (error) {
      if (error instanceof HttpError) return send(res, error.status, error.body());
      if (error instanceof ApiError) return send(res, error.code, error.status);
      throw error;
    }
    const list = /^\/api\/v1(?:\/namespaces\/([^/]+))?\/(pods|events|nodes|namespaces)$/.exec(path);
    if (method === 'GET' && list && (q.get('watch') === 'true' || q.get('watch') === '1')) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      const w: Watcher = { res, resource: list[2] as Resource, ...(list[1] !== undefined ? { namespace: decodeURIComponent(list[1]) } : {}), query: q, seen: new Map() };
      pollWatch(w);
      watchers.add(w);
      res.on('close', () => watchers.delete(w));
      return;
    }
    const r = api.request(method, path, q, body, String(req.headers.accept ?? '').includes('as=Table'));
    if (typeof r.body === 'string') return sendText(res, r.status, r.body);
    // Namespaces being deleted show it (deletionTimestamp, phase Terminating).
    const kind = (r.body as { kind?: string } | null)?.kind;
    if (kind === 'Namespace') return send(res, r.status, withTermination(r.body));
    if (kind === 'NamespaceList') return send(res, r.status, { ...(r.body as object), items: ((r.body as { items: unknown[] }).items).map(withTermination) });
    send(res, r.status, r.body);
  };

  let inFlight = 0;
  let peakInFlight = 0;
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    res.on('close', () => inFlight--);
    if (opts.latencyMs) {
      setTimeout(() => void handle(req, res).catch((error: unknown) => send(res, 500, statusObj(500, 'InternalError', String(error)))), opts.latencyMs);
      return;
    }
    void handle(req, res).catch((error: unknown) => send(res, 500, statusObj(500, 'InternalError', String(error))));
  };
  const server = opts.tls ? createHttpsServer(testCertificate(), onRequest) : createServer(onRequest);

  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has('v5.channel.k8s.io') ? 'v5.channel.k8s.io' : protocols.has('v4.channel.k8s.io') ? 'v4.channel.k8s.io' : false),
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    log(req, url);
    const user = identify(req);
    const denied = user instanceof HttpError ? user : refusal(user, 'GET', url.pathname, url.searchParams, true);
    if (denied) {
      socket.end(`HTTP/1.1 ${denied.status} ${denied.reason}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${JSON.stringify(denied.body())}`);
      return;
    }
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/.exec(url.pathname);
    const record = m ? world.podRecord(cluster, decodeURIComponent(m[1] ?? ''), decodeURIComponent(m[2] ?? '')) : undefined;
    const container = url.searchParams.get('container') ?? record?.stored.spec?.containers[0]?.name ?? '';
    const refuse = (code: number, reason: string, message: string): void => {
      socket.end(`HTTP/1.1 ${code} ${reason}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${JSON.stringify(statusObj(code, reason, message))}`);
    };
    if (!m || !record) return refuse(404, 'NotFound', `pods "${m?.[2] ?? ''}" not found`);
    if (!containerRunning(record, container, world.clock.now())) return refuse(400, 'BadRequest', `container not found ("${container}")`);
    const command = url.searchParams.getAll('command');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const frame = (channel: number, text: string): Buffer => Buffer.concat([Buffer.from([channel]), Buffer.from(text, 'utf8')]);
      // kubectl (client-go's websocket executor) starts reading frames before it has made its
      // streams: a frame sent at once, on a loaded machine, lands before them and is dropped
      // ("Unknown stream id 1", then "closed all streams"). A real API server answers after
      // the kubelet's round trip; so does this one.
      void new Promise((ready) => setTimeout(ready, EXEC_ROUND_TRIP_MS)).then(() => execInPod(world, record, container, command)).then((r) => {
        if (r.stdout !== '') ws.send(frame(1, r.stdout));
        if (r.stderr !== '') ws.send(frame(2, r.stderr));
        const status = r.exitCode === 0
          ? { metadata: {}, status: 'Success' }
          : { metadata: {}, status: 'Failure', message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${r.exitCode}`, reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(r.exitCode) }] } };
        ws.send(frame(3, JSON.stringify(status)), () => ws.close(1000));
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    world,
    pods: (ns) => world.pods(cluster, ns),
    namespaces: () => [...cluster.namespaces.keys()],
    putPod,
    dropWatches() {
      const n = watchers.size + store.openWatches();
      for (const w of [...watchers]) {
        watchers.delete(w);
        w.res.destroy();
      }
      store.closeWatches();
      return n;
    },
    openWatches: () => watchers.size + store.openWatches(),
    store,
    tokens,
    forbidden,
    peakInFlight: () => peakInFlight,
    fail(spec) {
      failure = { ...spec, left: spec.count ?? Infinity };
    },
    recover() {
      failure = null;
    },
    failedRequests: () => failed,
    async close() {
      clearInterval(ticker);
      unsubscribe();
      for (const w of [...watchers]) w.res.destroy();
      watchers.clear();
      store.closeWatches();
      for (const t of terminating.values()) clearTimeout(t.timer);
      terminating.clear();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (made) (world.clock as { dispose?: () => void }).dispose?.();
    },
  };
}

function send(res: ServerResponse, status: number, obj: unknown): void {
  if (res.headersSent) return void res.end();
  const body = JSON.stringify(obj);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Someone else's Pod, as a learner who followed the Kubernetes docs task would have it: named
 * image-volume (by default), running, and without the tour's label.
 */
export function learnersPod(o: { name?: string; namespace?: string; labels?: Record<string, string> } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: o.name ?? 'image-volume', namespace: o.namespace ?? 'default', labels: o.labels ?? { app: 'learners-own' } },
    spec: {
      containers: [{ name: 'shell', image: 'debian', command: ['sleep', 'infinity'], volumeMounts: [{ name: 'volume', mountPath: '/volume' }] }],
      volumes: [{ name: 'volume', image: { reference: 'quay.io/crio/artifact:v2', pullPolicy: 'IfNotPresent' } }],
    },
  };
}
