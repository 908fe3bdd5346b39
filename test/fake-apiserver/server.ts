// A Kubernetes API server for tests, on 127.0.0.1 (random port), speaking enough of core/v1
// for every path the tour's client-node code and kubectl use: /version, discovery, nodes,
// namespaces, pods (list/get/create/patch/delete, label selectors with set-based terms, watch),
// events (list, watch) and pods/exec over a websocket (v5/v4.channel.k8s.io) against a scripted filesystem.
// Objects are shaped like a real kind cluster's. Every request is logged. Test code only.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo, Socket } from 'node:net';
import type { KubeEvent, Node, Pod } from '../../src/engine/kube-objects.js';
import { runInPod } from './pod-fs.js';

// `ws` is a dependency of @kubernetes/client-node; it has no types here, so describe the
// little we use.
interface WsSocket {
  protocol: string;
  send(data: Buffer, cb?: (err?: Error) => void): void;
  close(code?: number): void;
  on(event: 'close', cb: () => void): void;
}
interface WsServer {
  handleUpgrade(req: IncomingMessage, socket: Socket, head: Buffer, cb: (ws: WsSocket) => void): void;
  close(): void;
}
interface WsModule {
  WebSocketServer: new (opts: { noServer: true; handleProtocols: (protocols: Set<string>) => string | false }) => WsServer;
}
const require = createRequire(import.meta.url);
const { WebSocketServer } = require('ws') as WsModule;

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly watch: boolean;
  readonly userAgent: string;
}

export type PodLifecycle =
  /** Scheduled, artifact and image pulled, Running and ready (the default). */
  | 'running'
  /** Stays Pending, unschedulable. */
  | 'unschedulable'
  /** The image volume's artifact cannot be pulled (containerd and :v1). */
  | 'artifact-layers'
  /** The artifact reference does not exist. */
  | 'artifact-missing';

/**
 * The server answering with an HTTP error instead (an etcd that times out, RBAC that
 * forbids): the status, and the Status object's reason and message, as a real API server
 * sends them.
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
  readonly gitVersion?: string;
  /** nodeInfo.containerRuntimeVersion of the nodes. */
  readonly runtime?: string;
  readonly nodeNames?: readonly string[];
  readonly lifecycle?: PodLifecycle;
  /** Pods put there at the start, as they are. */
  readonly pods?: readonly Pod[];
  /**
   * Someone else's Pod there at the start (see `learnersPod`): by default `image-volume` in
   * `default`, running, without the tour's label, as the Kubernetes docs task leaves it.
   */
  readonly learnersPod?: boolean | { readonly name?: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  /** Extra labels on every node (e.g. the tour's cluster mark, as its kind config sets it). */
  readonly nodeLabels?: Readonly<Record<string, string>>;
  /** Namespaces that exist at the start (default, kube-system, kube-public, kube-node-lease). */
  readonly namespaces?: readonly string[];
  /** Answer with this error from the start (see fail()). */
  readonly fail?: FailureSpec;
}

export interface FakeApiServer {
  readonly url: string;
  readonly port: number;
  readonly requests: RequestLogEntry[];
  pods(namespace?: string): Pod[];
  namespaces(): string[];
  events(namespace: string): KubeEvent[];
  /** Adds or replaces a pod and notifies watchers. */
  putPod(pod: Pod): void;
  addEvent(event: Omit<KubeEvent, 'metadata'> & { metadata?: Partial<KubeEvent['metadata']> }): void;
  /** Ends every open watch stream (as when the connection drops). */
  dropWatches(): number;
  /** From now on, answer the matching requests with this error (until recover() or `count` runs out). */
  fail(spec: FailureSpec): void;
  /** Answer normally again. */
  recover(): void;
  /** How many requests were answered with the injected error. */
  failedRequests(): number;
  openWatches(): number;
  close(): Promise<void>;
}

interface Watcher {
  readonly res: ServerResponse;
  readonly kind: 'Node' | 'Pod' | 'Event';
  readonly namespace?: string;
  readonly selector?: readonly Requirement[];
  readonly fields?: readonly FieldTerm[];
}

const DEFAULT_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export async function startFakeApiServer(opts: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const requests: RequestLogEntry[] = [];
  let rv = 1000;
  const nextRv = (): string => String(++rv);
  const t0 = Date.parse('2026-05-01T10:00:00Z');
  let clock = 0;
  const now = (): string => new Date(t0 + 1000 * clock++).toISOString().replace(/\.\d{3}Z$/, 'Z');

  const gitVersion = opts.gitVersion ?? 'v1.35.0';
  const runtime = opts.runtime ?? 'containerd://2.2.0';
  const nodes: Node[] = (opts.nodeNames ?? ['ivol-control-plane']).map((name) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: randomUUID(),
      resourceVersion: nextRv(),
      creationTimestamp: now(),
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(name.endsWith('control-plane') ? { 'node-role.kubernetes.io/control-plane': '' } : {}), ...(opts.nodeLabels ?? {}) },
    },
    status: {
      conditions: [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      nodeInfo: {
        kubeletVersion: gitVersion,
        containerRuntimeVersion: runtime,
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        kernelVersion: '6.8.0-60-generic',
        architecture: 'amd64',
        operatingSystem: 'linux',
      },
    },
  }));
  const namespaces = new Set(opts.namespaces ?? DEFAULT_NAMESPACES);
  const pods = new Map<string, Pod>(); // ns/name
  const events: KubeEvent[] = [];
  const watchers = new Set<Watcher>();

  const systemPod = (name: string): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'kube-system', uid: randomUUID(), resourceVersion: nextRv(), creationTimestamp: now(), labels: { tier: 'control-plane' } },
    spec: { containers: [{ name: name.replace(/-ivol-control-plane$/, ''), image: `registry.k8s.io/${name.replace(/-ivol-control-plane$/, '')}:${gitVersion}` }], nodeName: nodes[0]?.metadata.name ?? 'node' },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: name.replace(/-ivol-control-plane$/, ''), ready: true, restartCount: 0, image: 'x', started: true, state: { running: { startedAt: now() } } }],
    },
  });
  for (const n of ['etcd-ivol-control-plane', 'kube-apiserver-ivol-control-plane', 'kube-controller-manager-ivol-control-plane', 'kube-scheduler-ivol-control-plane', 'coredns-7c65d6cfc9-abcde', 'kube-proxy-x7k2p']) {
    const p = systemPod(n);
    pods.set(`kube-system/${n}`, p);
  }
  const initial = [...(opts.pods ?? []), ...(opts.learnersPod ? [learnersPod(opts.learnersPod === true ? {} : opts.learnersPod)] : [])];
  for (const p of initial) pods.set(`${p.metadata.namespace ?? 'default'}/${p.metadata.name}`, structuredClone(p));

  const notify = (type: 'ADDED' | 'MODIFIED' | 'DELETED', kind: Watcher['kind'], obj: Node | Pod | KubeEvent): void => {
    const ns = (obj.metadata as { namespace?: string }).namespace;
    for (const w of watchers) {
      if (w.kind !== kind) continue;
      if (w.namespace !== undefined && w.namespace !== ns) continue;
      if (w.selector && !selects(w.selector, obj.metadata.labels)) continue;
      if (w.fields && !fieldsMatch(w.fields, obj)) continue;
      w.res.write(`${JSON.stringify({ type, object: obj })}\n`);
    }
  };

  const addEvent: FakeApiServer['addEvent'] = (e) => {
    const ts = now();
    const ns = e.involvedObject.namespace ?? 'default';
    const ev: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      ...e,
      metadata: { name: `${e.involvedObject.name}.${(++rv).toString(16)}`, namespace: ns, uid: randomUUID(), resourceVersion: nextRv(), creationTimestamp: ts, ...(e.metadata ?? {}) },
      firstTimestamp: e.firstTimestamp ?? ts,
      lastTimestamp: e.lastTimestamp ?? ts,
      count: e.count ?? 1,
    };
    events.push(ev);
    notify('ADDED', 'Event', ev);
  };

  const putPod = (pod: Pod): void => {
    const key = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
    const existed = pods.has(key);
    const stored: Pod = { ...pod, metadata: { ...pod.metadata, resourceVersion: nextRv() } };
    pods.set(key, stored);
    notify(existed ? 'MODIFIED' : 'ADDED', 'Pod', stored);
  };

  const podEvent = (pod: Pod, reason: string, message: string, type: 'Normal' | 'Warning' = 'Normal', component = 'kubelet'): void => {
    addEvent({
      involvedObject: { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default', ...(component === 'kubelet' ? { fieldPath: 'spec.containers{shell}' } : {}) },
      reason,
      message,
      type,
      source: { component, ...(component === 'kubelet' ? { host: pod.spec?.nodeName ?? '' } : {}) },
    });
  };

  const runLifecycle = (key: string): void => {
    const lifecycle = opts.lifecycle ?? 'running';
    const step = (fn: (pod: Pod) => Pod | null): void => {
      const cur = pods.get(key);
      if (!cur) return;
      const next = fn(structuredClone(cur));
      if (next) putPod(next);
    };
    const node = nodes[0]?.metadata.name ?? 'node';
    setImmediate(() => {
      step((p) => {
        if (lifecycle === 'unschedulable') {
          p.status = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.' }] };
          podEvent(p, 'FailedScheduling', p.status.conditions?.[0]?.message ?? '', 'Warning', 'default-scheduler');
          return p;
        }
        p.spec = { ...(p.spec ?? { containers: [] }), nodeName: node };
        podEvent(p, 'Scheduled', `Successfully assigned ${p.metadata.namespace ?? 'default'}/${p.metadata.name} to ${node}`, 'Normal', 'default-scheduler');
        const ref = p.spec.volumes?.find((v) => v.image)?.image?.reference;
        const containers = p.spec.containers;
        if (ref && (lifecycle === 'artifact-layers' || lifecycle === 'artifact-missing')) {
          podEvent(p, 'Pulling', `Pulling image "${ref}"`);
          const message = lifecycle === 'artifact-layers'
            ? `Failed to pull image "${ref}": failed to pull and unpack image "${ref}": failed to unpack image on snapshotter overlayfs: number of layers and diffIDs don't match: 1 != 0`
            : `Failed to pull image "${ref}": rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
          podEvent(p, 'Failed', message, 'Warning');
          podEvent(p, 'Failed', 'Error: ErrImagePull', 'Warning');
          p.status = {
            phase: 'Pending',
            hostIP: '172.18.0.2',
            startTime: now(),
            conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [shell]' }],
            containerStatuses: containers.map((c) => ({ name: c.name, ready: false, restartCount: 0, image: c.image, started: false, state: { waiting: { reason: 'ErrImagePull', message: message.replace(/^Failed to pull image "[^"]+": /, '') } } })),
          };
          return p;
        }
        for (const c of containers) {
          podEvent(p, 'Pulling', `Pulling image "${c.image}"`);
          podEvent(p, 'Pulled', `Successfully pulled image "${c.image}" in 2.1s (2.1s including waiting). Image size: 48493417 bytes.`);
        }
        if (ref) {
          podEvent(p, 'Pulling', `Pulling image "${ref}"`);
          podEvent(p, 'Pulled', `Successfully pulled image "${ref}" in 812ms (812ms including waiting). Image size: 2203 bytes.`);
        }
        for (const c of containers) {
          podEvent(p, 'Created', `Created container: ${c.name}`);
          podEvent(p, 'Started', `Started container ${c.name}`);
        }
        const started = now();
        p.status = {
          phase: 'Running',
          hostIP: '172.18.0.2',
          podIP: '10.244.0.5',
          startTime: started,
          conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True' as const })),
          containerStatuses: containers.map((c) => ({
            name: c.name,
            ready: true,
            restartCount: 0,
            image: `docker.io/library/${c.image}:latest`,
            imageID: 'docker.io/library/debian@sha256:0d8498a0e9e6a60011df39aab78534cfe940785e7c59d19dfae1eb53ea59babe',
            started: true,
            state: { running: { startedAt: started } },
          })),
        };
        return p;
      });
    });
  };

  const createPod = (ns: string, body: Pod): { status: number; obj: unknown } => {
    if (!namespaces.has(ns)) return { status: 404, obj: statusObj(404, 'NotFound', `namespaces "${ns}" not found`) };
    const name = body.metadata.name;
    const key = `${ns}/${name}`;
    if (pods.has(key)) return { status: 409, obj: statusObj(409, 'AlreadyExists', `pods "${name}" already exists`) };
    const pod: Pod = structuredClone(body);
    pod.apiVersion = 'v1';
    pod.kind = 'Pod';
    pod.metadata = { ...pod.metadata, namespace: ns, uid: randomUUID(), creationTimestamp: now() };
    if (opts.dropImageVolumes && pod.spec) {
      // dropImageVolumes() in pkg/api/pod/util.go: the volumes and every mount of them.
      const dropped = new Set((pod.spec.volumes ?? []).filter((v) => v.image !== undefined).map((v) => v.name));
      pod.spec.volumes = (pod.spec.volumes ?? []).filter((v) => !dropped.has(v.name));
      for (const c of pod.spec.containers) c.volumeMounts = (c.volumeMounts ?? []).filter((m) => !dropped.has(m.name));
    }
    pod.status = { phase: 'Pending', conditions: [] };
    putPod(pod);
    runLifecycle(key);
    return { status: 201, obj: pods.get(key) };
  };

  const deletePod = (ns: string, name: string): Pod | null => {
    const key = `${ns}/${name}`;
    const pod = pods.get(key);
    if (!pod) return null;
    pods.delete(key);
    notify('DELETED', 'Pod', pod);
    return pod;
  };

  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has('v5.channel.k8s.io') ? 'v5.channel.k8s.io' : protocols.has('v4.channel.k8s.io') ? 'v4.channel.k8s.io' : false),
  });

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      send(res, 500, statusObj(500, 'InternalError', String(error)));
    });
  });

  const log = (req: IncomingMessage, url: URL): void => {
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.search, watch: url.searchParams.get('watch') === 'true', userAgent: String(req.headers['user-agent'] ?? '') });
  };

  let failure: (FailureSpec & { left: number }) | null = opts.fail ? { ...opts.fail, left: opts.fail.count ?? Infinity } : null;
  let failed = 0;

  /** The injected error for this request, if any (and counts it). */
  function injectedFailure(path: string): { status: number; body: unknown; text?: string } | null {
    if (!failure || failure.left <= 0) return null;
    if (!(failure.paths ?? /^\/api\/v1\//).test(path)) return null;
    failure.left--;
    failed++;
    const { status } = failure;
    const reason = STATUS_REASONS[status] ?? 'InternalError';
    const message = failure.message ?? DEFAULT_FAILURE_MESSAGES[status] ?? 'an error on the server has prevented the request from succeeding';
    return { status, body: statusObj(status, reason, message), ...(failure.body !== undefined ? { text: failure.body } : {}) };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    log(req, url);
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const injected = injectedFailure(path);
    if (injected?.text !== undefined) {
      res.writeHead(injected.status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(injected.text) });
      res.end(injected.text);
      return;
    }
    if (injected) return send(res, injected.status, injected.body);
    const q = url.searchParams;
    const watch = q.get('watch') === 'true' || q.get('watch') === '1';
    const selector = parseSelector(q.get('labelSelector'));
    // fieldSelector, as kubectl sends it (`wait` lists and watches metadata.name=NAME,
    // `get events --field-selector involvedObject.name=NAME`).
    const fields = parseFieldSelector(q.get('fieldSelector'));
    const picks = (o: Node | Pod | KubeEvent): boolean => selects(selector, o.metadata.labels) && fieldsMatch(fields, o);
    const body = method === 'POST' || method === 'PUT' || method === 'PATCH' ? await readBody(req) : '';

    if (path === '/version') return send(res, 200, { major: '1', minor: gitVersion.split('.')[1] ?? '35', gitVersion, gitCommit: '0000000', gitTreeState: 'clean', buildDate: '2025-12-17T00:00:00Z', goVersion: 'go1.25.5', compiler: 'gc', platform: 'linux/amd64' });
    if (path === '/api') return send(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.18.0.2:6443' }] });
    if (path === '/apis') return send(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
    if (path === '/api/v1') return send(res, 200, API_RESOURCES);
    // OpenAPI v3, just enough for kubectl's default --validate=strict: the PATCH of pods takes
    // the fieldValidation query parameter, so kubectl leaves validation to the server.
    if (path === '/openapi/v3') return send(res, 200, { paths: { 'api/v1': { serverRelativeURL: `/openapi/v3/api/v1?hash=${OPENAPI_V1_HASH}` } } });
    if (path === '/openapi/v3/api/v1') return send(res, 200, OPENAPI_V1);

    if (path === '/api/v1/nodes') {
      if (watch) return startWatch(res, 'Node', undefined, selector, nodes.filter(picks), fields);
      return send(res, 200, listOf('NodeList', nodes.filter(picks)));
    }
    let m = /^\/api\/v1\/nodes\/([^/]+)$/.exec(path);
    if (m) {
      const n = nodes.find((x) => x.metadata.name === decodeURIComponent(m?.[1] ?? ''));
      return n ? send(res, 200, n) : send(res, 404, statusObj(404, 'NotFound', `nodes "${m[1] ?? ''}" not found`));
    }
    if (path === '/api/v1/namespaces') {
      if (method === 'POST') {
        const obj = JSON.parse(body) as { metadata: { name: string; labels?: Record<string, string> } };
        if (namespaces.has(obj.metadata.name)) return send(res, 409, statusObj(409, 'AlreadyExists', `namespaces "${obj.metadata.name}" already exists`));
        namespaces.add(obj.metadata.name);
        return send(res, 201, nsObj(obj.metadata.name, obj.metadata.labels));
      }
      return send(res, 200, listOf('NamespaceList', [...namespaces].map((n) => nsObj(n))));
    }
    m = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(path);
    if (m) {
      const ns = decodeURIComponent(m[1] ?? '');
      return namespaces.has(ns) ? send(res, 200, nsObj(ns)) : send(res, 404, statusObj(404, 'NotFound', `namespaces "${ns}" not found`));
    }
    m = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(path);
    if (m) {
      const ns = decodeURIComponent(m[1] ?? '');
      const inNs = (): Pod[] => [...pods.values()].filter((p) => p.metadata.namespace === ns && picks(p));
      if (method === 'POST') {
        const r = createPod(ns, JSON.parse(body) as Pod);
        return send(res, r.status, r.obj);
      }
      if (method === 'DELETE') {
        const gone = inNs().map((p) => deletePod(ns, p.metadata.name));
        return send(res, 200, listOf('PodList', gone));
      }
      if (watch) return startWatch(res, 'Pod', ns, selector, inNs(), fields);
      return send(res, 200, listOf('PodList', inNs()));
    }
    m = /^\/api\/v1\/pods$/.exec(path);
    if (m) {
      const all = [...pods.values()].filter(picks);
      if (watch) return startWatch(res, 'Pod', undefined, selector, all, fields);
      return send(res, 200, listOf('PodList', all));
    }
    m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)$/.exec(path);
    if (m) {
      const ns = decodeURIComponent(m[1] ?? '');
      const name = decodeURIComponent(m[2] ?? '');
      const pod = pods.get(`${ns}/${name}`);
      const notFound = (): void => send(res, 404, statusObj(404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' }));
      if (method === 'DELETE') {
        const gone = deletePod(ns, name);
        return gone ? send(res, 200, gone) : notFound();
      }
      if (!pod) return notFound();
      if (method === 'PATCH' || method === 'PUT') {
        const patch = JSON.parse(body) as Partial<Pod>;
        const merged: Pod = { ...pod, metadata: { ...pod.metadata, ...(patch.metadata ?? {}), labels: { ...(pod.metadata.labels ?? {}), ...(patch.metadata?.labels ?? {}) } } };
        putPod(merged);
        return send(res, 200, pods.get(`${ns}/${name}`));
      }
      return send(res, 200, pod);
    }
    m = /^\/api\/v1\/namespaces\/([^/]+)\/events$/.exec(path);
    if (m) {
      const ns = decodeURIComponent(m[1] ?? '');
      const inNs = events.filter((e) => e.metadata.namespace === ns && picks(e));
      if (watch) return startWatch(res, 'Event', ns, selector, inNs, fields);
      return send(res, 200, listOf('EventList', inNs));
    }
    return send(res, 404, statusObj(404, 'NotFound', 'the server could not find the requested resource'));
  }

  function startWatch(res: ServerResponse, kind: Watcher['kind'], namespace: string | undefined, selector: readonly Requirement[], initial: readonly (Node | Pod | KubeEvent)[], fields: readonly FieldTerm[] = []): void {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    const w: Watcher = { res, kind, ...(namespace !== undefined ? { namespace } : {}), selector, fields };
    for (const o of initial) res.write(`${JSON.stringify({ type: 'ADDED', object: o })}\n`);
    watchers.add(w);
    res.on('close', () => watchers.delete(w));
  }

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    log(req, url);
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/.exec(url.pathname);
    const pod = m ? pods.get(`${decodeURIComponent(m[1] ?? '')}/${decodeURIComponent(m[2] ?? '')}`) : undefined;
    if (!m || !pod) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n' + JSON.stringify(statusObj(404, 'NotFound', `pods "${m?.[2] ?? ''}" not found`)));
      return;
    }
    const command = url.searchParams.getAll('command');
    const imageVolumes = new Set((pod.spec?.volumes ?? []).filter((v) => v.image !== undefined).map((v) => v.name));
    const volume = imageVolumes.size > 0;
    const containerName = url.searchParams.get('container') ?? pod.spec?.containers[0]?.name;
    const mount = pod.spec?.containers.find((c) => c.name === containerName)?.volumeMounts?.find((vm) => imageVolumes.has(vm.name));
    const subPath = mount?.subPath;
    wss.handleUpgrade(req, socket, head, (ws) => {
      const r = runInPod(command, { volume, ...(subPath ? { subPath } : {}) });
      const frame = (channel: number, text: string): Buffer => Buffer.concat([Buffer.from([channel]), Buffer.from(text, 'utf8')]);
      if (r.stdout !== '') ws.send(frame(1, r.stdout));
      if (r.stderr !== '') ws.send(frame(2, r.stderr));
      const status = r.exitCode === 0
        ? { metadata: {}, status: 'Success' }
        : {
            metadata: {},
            status: 'Failure',
            message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${r.exitCode}`,
            reason: 'NonZeroExitCode',
            details: { causes: [{ reason: 'ExitCode', message: String(r.exitCode) }] },
          };
      ws.send(frame(3, JSON.stringify(status)), () => ws.close(1000));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    pods: (ns) => [...pods.values()].filter((p) => ns === undefined || p.metadata.namespace === ns),
    namespaces: () => [...namespaces],
    events: (ns) => events.filter((e) => e.metadata.namespace === ns),
    putPod,
    addEvent,
    dropWatches() {
      const n = watchers.size;
      for (const w of [...watchers]) {
        watchers.delete(w);
        w.res.destroy();
      }
      return n;
    },
    openWatches: () => watchers.size,
    fail(spec) {
      failure = { ...spec, left: spec.count ?? Infinity };
    },
    recover() {
      failure = null;
    },
    failedRequests: () => failed,
    async close() {
      for (const w of [...watchers]) w.res.destroy();
      watchers.clear();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The reason a real API server puts in its Status for these codes. */
const STATUS_REASONS: Readonly<Record<number, string>> = { 401: 'Unauthorized', 403: 'Forbidden', 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout' };

const DEFAULT_FAILURE_MESSAGES: Readonly<Record<number, string>> = {
  500: 'etcdserver: request timed out',
  503: 'the server is currently unable to handle the request',
  401: 'Unauthorized',
  403: 'pods is forbidden: User "system:serviceaccount:workshop:learner" cannot list resource "pods" in API group "" in the namespace "default"',
};

function send(res: ServerResponse, status: number, obj: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = JSON.stringify(obj);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function statusObj(code: number, reason: string, message: string, details?: Record<string, unknown>): unknown {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

function listOf(kind: string, items: readonly unknown[]): unknown {
  return { kind, apiVersion: 'v1', metadata: { resourceVersion: '2000' }, items };
}

function nsObj(name: string, labels?: Record<string, string>): unknown {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...(labels ?? {}) } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
}

/** One requirement of a label selector, as the API server reads `labelSelector`. */
interface Requirement {
  readonly key: string;
  readonly op: 'in' | 'notin' | 'exists' | '!exists';
  readonly values: readonly string[];
}

/** Equality (`k=v`, `k==v`, `k!=v`) and set-based (`k in (a,b)`, `k notin (a)`, `k`, `!k`) selectors. */
function parseSelector(s: string | null): Requirement[] {
  const terms: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s ?? '') {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(cur);
      cur = '';
    } else cur += ch;
  }
  terms.push(cur);
  const out: Requirement[] = [];
  for (const raw of terms.map((t) => t.trim()).filter(Boolean)) {
    let m = /^(\S+?)\s*(==|!=|=)\s*(\S*)$/.exec(raw);
    if (m) {
      out.push({ key: m[1] ?? '', op: m[2] === '!=' ? 'notin' : 'in', values: [m[3] ?? ''] });
      continue;
    }
    m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(raw);
    if (m) {
      out.push({ key: m[1] ?? '', op: m[2] === 'notin' ? 'notin' : 'in', values: (m[3] ?? '').split(',').map((v) => v.trim()) });
      continue;
    }
    if (raw.startsWith('!')) out.push({ key: raw.slice(1).trim(), op: '!exists', values: [] });
    else out.push({ key: raw, op: 'exists', values: [] });
  }
  return out;
}

interface FieldTerm {
  readonly path: readonly string[];
  readonly value: string;
  readonly equal: boolean;
}

function parseFieldSelector(s: string | null): FieldTerm[] {
  const out: FieldTerm[] = [];
  for (const part of (s ?? '').split(',')) {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (m) out.push({ path: (m[1] ?? '').split('.'), value: m[3] ?? '', equal: m[2] !== '!=' });
  }
  return out;
}

function fieldsMatch(terms: readonly FieldTerm[], obj: unknown): boolean {
  return terms.every((t) => {
    let v: unknown = obj;
    for (const k of t.path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
    return (value === t.value) === t.equal;
  });
}

function selects(selector: readonly Requirement[], labels: Record<string, string> | undefined): boolean {
  return selector.every((r) => {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const value = labels?.[r.key];
    switch (r.op) {
      case 'exists': return has;
      case '!exists': return !has;
      case 'in': return has && r.values.includes(value ?? '');
      case 'notin': return !has || !r.values.includes(value ?? '');
    }
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
    metadata: {
      name: o.name ?? 'image-volume',
      namespace: o.namespace ?? 'default',
      uid: randomUUID(),
      creationTimestamp: '2026-04-30T09:00:00Z',
      labels: o.labels ?? { app: 'learners-own' },
    },
    spec: {
      containers: [{ name: 'shell', image: 'debian', command: ['sleep', 'infinity'], volumeMounts: [{ name: 'volume', mountPath: '/volume' }] }],
      volumes: [{ name: 'volume', image: { reference: 'quay.io/crio/artifact:v2', pullPolicy: 'IfNotPresent' } }],
      nodeName: 'ivol-control-plane',
    },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'shell', ready: true, restartCount: 0, image: 'docker.io/library/debian:latest', started: true, state: { running: { startedAt: '2026-04-30T09:00:05Z' } } }],
    },
  };
}

const OPENAPI_V1_HASH = '5C2B3F0E8D1A';

const OPENAPI_V1 = {
  openapi: '3.0.0',
  info: { title: 'Kubernetes', version: 'v1.35.0' },
  paths: {
    '/api/v1/namespaces/{namespace}/pods/{name}': {
      parameters: [
        { name: 'name', in: 'path', required: true, description: 'name of the Pod', schema: { type: 'string', uniqueItems: true } },
        { name: 'namespace', in: 'path', required: true, description: 'object name and auth scope, such as for teams and projects', schema: { type: 'string', uniqueItems: true } },
      ],
      patch: {
        tags: ['core_v1'],
        description: 'partially update the specified Pod',
        operationId: 'patchCoreV1NamespacedPod',
        parameters: [
          { name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'force', in: 'query', schema: { type: 'boolean', uniqueItems: true } },
        ],
        responses: { '200': { description: 'OK' } },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group: '', version: 'v1', kind: 'Pod' },
      },
    },
  },
};

const API_RESOURCES = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [
    { name: 'events', singularName: 'event', namespaced: true, kind: 'Event', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['ev'] },
    { name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['ns'] },
    { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['no'] },
    { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['po'], categories: ['all'] },
    { name: 'pods/exec', singularName: '', namespaced: true, kind: 'PodExecOptions', verbs: ['create', 'get'] },
  ],
};
