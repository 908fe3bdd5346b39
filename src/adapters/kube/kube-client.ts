// The ClusterProbe port over @kubernetes/client-node, pinned to one context and namespace.
// Reads go through the pinned KubeConfig's transport (its TLS options and credentials) and
// keep the objects exactly as the API server returns them (no model classes that could drop
// fields such as `volumes[].image`). Watches are plain streaming requests (watch-stream.ts),
// exec uses client-node's Exec. dispose() ends everything: watches, requests in flight, exec
// sockets and the agent's sockets, so nothing keeps the process alive after quit.

import { request as httpRequest, STATUS_CODES, type Agent as HttpAgent, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type RequestOptions as HttpsRequestOptions } from 'node:https';
import { Writable } from 'node:stream';
import { unavailable, type ClusterProblem, type ClusterSnapshot, type KubeEvent, type Node, type Pod } from '../../engine/kube-objects.js';
import { TextTail } from '../../engine/text-tail.js';
import type { ClusterProbe, CommandRunner, ExecResult } from '../ports.js';
import { ContextMissingError, loadClientNode, PinnedKubeConfig, type PinnedConfig } from './kubeconfig.js';
import { openWatchStream, type WatchStream } from './watch-stream.js';
// What is the tour's: its label on objects, its mark on nodes (engine/ownership.ts).
import { carriesClusterMark, isTourObject, MANAGED_BY_LABEL, MANAGED_BY_VALUE, MANAGED_SELECTOR, type ObjectRef } from '../../engine/ownership.js';
import type { Inspected, ObjectLookup } from '../ownership/ownership-guard.js';

export { MANAGED_BY_LABEL, MANAGED_BY_VALUE, MANAGED_SELECTOR } from '../../engine/ownership.js';

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

/**
 * The API server answered with an HTTP error. Its message is what it was, as a person would
 * want to read it: the status, its name and the server's own words
 * ("500 Internal Server Error: etcdserver: request timed out").
 */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    /** The Status object's message (or what the body said), without the status line. */
    readonly serverMessage: string,
    readonly reason?: string,
  ) {
    super(httpErrorText(status, serverMessage));
    this.name = 'KubeApiError';
  }
}

/** "500 Internal Server Error: etcdserver: request timed out". */
export function httpErrorText(status: number, serverMessage: string): string {
  const line = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return serverMessage.trim() === '' ? line : `${line}: ${serverMessage.trim()}`;
}

/** The server could not be reached at all (refused, reset, timed out, DNS). */
export class UnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreachableError';
  }
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

interface ExecSocket {
  readonly readyState: number;
  readonly CLOSED: number;
  close(): void;
  terminate(): void;
  on(event: 'close', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

interface RawResponse {
  readonly status: number;
  readonly body: string;
}

/** The largest API answer read (a list); more is an error, not memory. */
const MAX_RESPONSE_BYTES = 64 << 20;
/** What an exec keeps of its stdout and of its stderr (the end). */
const EXEC_OUTPUT_CHARS = 1 << 20;

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);

function isUnreachable(error: unknown): boolean {
  if (error instanceof UnreachableError) return true;
  const e = error as { code?: string; cause?: { code?: string }; name?: string };
  return UNREACHABLE_CODES.has(e.code ?? '') || UNREACHABLE_CODES.has(e.cause?.code ?? '') || e.name === 'TimeoutError';
}

export function errorMessage(error: unknown): string {
  if (error instanceof KubeApiError) return error.message;
  // client-node's Watch reports an HTTP error as an Error named after the status text,
  // with the code in statusCode: put the code back in front.
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  if (error instanceof Error && typeof statusCode === 'number') return httpErrorText(statusCode, error.message === STATUS_CODES[statusCode] ? '' : error.message);
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A body that is not a Status object: its first line, short (a proxy's error page). */
function bodyLine(body: string): string {
  const line = body.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('<')) ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

export function createKubeClient(opts: KubeClientOptions): KubeClient {
  const env = opts.env ?? process.env;
  const pinnedConfig = new PinnedKubeConfig(opts.context, env);
  const ns = opts.namespace;
  const timeoutMs = opts.requestTimeoutMs ?? 10_000;
  const debounceMs = opts.debounceMs ?? 150;
  const backoffMs = opts.backoffMs ?? 500;
  const maxBackoffMs = opts.maxBackoffMs ?? 10_000;
  const watchSeconds = opts.watchSeconds ?? 300;
  const disposers = new Set<() => void>();
  /** What dispose() must end: requests in flight, exec sockets, the agents they went through. */
  const requests = new Set<ClientRequest>();
  const execSockets = new Set<ExecSocket>();
  const agents = new Set<HttpAgent>();
  let disposed = false;

  const disposedError = (): Error => new UnreachableError('the tour is ending: no more requests');

  /** The URL and request options (TLS, credentials, agent) of a request on the pinned context. */
  async function prepare(path: string, extraHeaders?: Record<string, string>): Promise<{ url: URL; options: HttpsRequestOptions; server: string }> {
    const pinned: PinnedConfig = await pinnedConfig.get();
    const url = new URL(pinned.server + path);
    const reqOpts: HttpsRequestOptions = {};
    await pinned.kc.applyToHTTPSOptions(reqOpts);
    if (reqOpts.agent) agents.add(reqOpts.agent as HttpAgent);
    const headers: Record<string, string> = {
      ...(reqOpts.headers as Record<string, string> | undefined),
      Accept: 'application/json',
      'User-Agent': 'ivol-tour',
      ...extraHeaders,
    };
    return { url, options: { ...reqOpts, headers }, server: pinned.server };
  }

  async function raw(method: string, path: string, body?: unknown, extraHeaders?: Record<string, string>): Promise<RawResponse> {
    if (disposed) throw disposedError();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const { url, options: prepared, server } = await prepare(path, {
      ...(payload !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) } : {}),
      ...extraHeaders,
    });
    if (disposed) throw disposedError();
    return new Promise<RawResponse>((resolve, reject) => {
      const onResponse = (res: IncomingMessage): void => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          // A list of a busy namespace is a few MB; beyond the cap the server is broken.
          if (size > MAX_RESPONSE_BYTES) {
            req.destroy(new Error(`${method} ${path}: the answer is larger than ${MAX_RESPONSE_BYTES >> 20} MiB`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      };
      const options: HttpsRequestOptions = { ...prepared, method };
      const req = url.protocol === 'https:' ? httpsRequest(url, options, onResponse) : httpRequest(url, options, onResponse);
      requests.add(req);
      req.on('close', () => requests.delete(req));
      req.setTimeout(timeoutMs, () => req.destroy(new UnreachableError(`no answer from ${server} within ${timeoutMs} ms`)));
      req.on('error', (error) => reject(disposed ? disposedError() : isUnreachable(error) ? new UnreachableError(`${server}: ${errorMessage(error)}`) : error));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  async function json<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const res = await raw(method, path, body, headers);
    if (res.status >= 200 && res.status < 300) return JSON.parse(res.body) as T;
    let message = '';
    let reason: string | undefined;
    try {
      const status = JSON.parse(res.body) as { message?: string; reason?: string };
      if (typeof status.message === 'string') message = status.message;
      reason = status.reason;
    } catch {
      message = bodyLine(res.body);
    }
    throw new KubeApiError(res.status, message || `${method} ${path}`, reason);
  }

  async function list<T>(path: string, tolerateForbidden = false): Promise<T[]> {
    try {
      const l = await json<{ items?: T[] }>('GET', path);
      return l.items ?? [];
    } catch (error) {
      if (tolerateForbidden && error instanceof KubeApiError && (error.status === 403 || error.status === 404)) return [];
      throw error;
    }
  }

  const enc = encodeURIComponent;

  async function snapshot(): Promise<ClusterSnapshot> {
    try {
      const [nodes, pods, systemPods, events] = await Promise.all([
        list<Node>('/api/v1/nodes', opts.mode === 'byoc'),
        list<Pod>(`/api/v1/namespaces/${enc(ns)}/pods`),
        ns === 'kube-system' ? Promise.resolve([] as Pod[]) : list<Pod>('/api/v1/namespaces/kube-system/pods', opts.mode === 'byoc'),
        list<KubeEvent>(`/api/v1/namespaces/${enc(ns)}/events`),
      ]);
      return { reachable: true, nodes, pods: [...pods, ...systemPods], events: sortEvents(events) };
    } catch (error) {
      return unavailable(await problemOf(error));
    }
  }

  /** Why the cluster could not be read: no cluster yet, nothing answered, or what the server said. */
  async function problemOf(error: unknown): Promise<ClusterProblem> {
    if (error instanceof ContextMissingError) return { kind: 'absent', contextMissing: true };
    if (error instanceof KubeApiError) return { kind: 'apiError', status: error.status, message: error.message };
    if (isUnreachable(error)) {
      // The kubeconfig may still hold the context of a kind cluster that is gone (deleted
      // out of band): kind's own list tells "no cluster yet" from "not answering".
      if (opts.mode === 'real' && (await kindListsCluster()) === false) return { kind: 'absent' };
      return { kind: 'unreachable', message: errorMessage(error) };
    }
    return { kind: 'failed', message: errorMessage(error) };
  }

  /** Whether `kind get clusters` lists the tour's cluster; null when kind could not say. */
  async function kindListsCluster(): Promise<boolean | null> {
    const runner = opts.runner;
    if (!runner) return null;
    let out = '';
    const r = await runner.run({ argv: ['kind', 'get', 'clusters'], timeoutMs: 20_000 }, (text, stream) => {
      if (stream === 'stdout') out += text;
    });
    if (r.exitCode !== 0) return null;
    return out.split(/\r?\n/).some((line) => line.trim() === opts.cluster);
  }

  async function getPod(name: string): Promise<Pod | null> {
    try {
      return await json<Pod>('GET', `/api/v1/namespaces/${enc(ns)}/pods/${enc(name)}`);
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404) return null;
      throw error;
    }
  }

  async function tourPods(): Promise<Pod[]> {
    const pods = await list<Pod>(`/api/v1/namespaces/${enc(ns)}/pods?labelSelector=${enc(MANAGED_SELECTOR)}`);
    // Only what carries the label, whatever the server filtered.
    return pods.filter((p) => isTourObject(p.metadata));
  }

  // ---- discovery and reading any object (the ownership checks) ----

  interface ApiResource {
    readonly name: string;
    readonly singularName?: string;
    readonly namespaced: boolean;
    readonly kind: string;
    readonly shortNames?: readonly string[];
  }
  interface Resolved {
    readonly base: string;
    readonly resource: ApiResource;
  }
  const discovered = new Map<string, Promise<ApiResource[] | null>>();

  /** The resources of one group version ('v1' or 'apps/v1'); null when the server does not serve it. */
  function resources(groupVersion: string): Promise<ApiResource[] | null> {
    let p = discovered.get(groupVersion);
    if (!p) {
      const path = groupVersion === 'v1' ? '/api/v1' : `/apis/${groupVersion}`;
      p = json<{ resources?: ApiResource[] }>('GET', path).then(
        (l) => (l.resources ?? []).filter((r) => !r.name.includes('/')),
        (error: unknown) => {
          discovered.delete(groupVersion);
          if (error instanceof KubeApiError && error.status === 404) return null;
          throw error;
        },
      );
      discovered.set(groupVersion, p);
    }
    return p;
  }

  let groupVersions: Promise<string[]> | null = null;
  function preferredGroupVersions(): Promise<string[]> {
    groupVersions ??= json<{ groups?: { name: string; preferredVersion?: { groupVersion: string }; versions?: { groupVersion: string }[] }[] }>('GET', '/apis').then(
      (l) => (l.groups ?? []).map((g) => g.preferredVersion?.groupVersion ?? g.versions?.[0]?.groupVersion ?? '').filter((x) => x !== ''),
      (error: unknown) => {
        groupVersions = null;
        throw error;
      },
    );
    return groupVersions;
  }

  const baseOf = (gv: string): string => (gv === 'v1' ? '/api/v1' : `/apis/${gv}`);

  /** A type as typed on kubectl's command line: pod, pods, po, deployment.apps, deployments.v1.apps. */
  async function resolveType(type: string): Promise<Resolved | null> {
    const [word = '', ...groupParts] = type.split('.');
    const lower = word.toLowerCase();
    const matches = (r: ApiResource): boolean => r.name === lower || r.singularName === lower || (r.shortNames ?? []).includes(lower) || r.kind.toLowerCase() === lower;
    // The core group first, as kubectl does; other groups only when it has no such type.
    if (groupParts.length === 0) {
      const core = (await resources('v1'))?.find(matches);
      if (core) return { base: baseOf('v1'), resource: core };
    }
    const group = groupParts.join('.');
    for (const gv of await preferredGroupVersions()) {
      const [g = '', v = ''] = gv.split('/');
      if (group !== '' && group !== g && group !== `${v}.${g}`) continue;
      const found = (await resources(gv))?.find(matches);
      if (found) return { base: baseOf(gv), resource: found };
    }
    return null;
  }

  async function resolveKind(apiVersion: string, kind: string): Promise<Resolved | null> {
    const found = (await resources(apiVersion))?.find((r) => r.kind === kind);
    return found ? { base: baseOf(apiVersion), resource: found } : null;
  }

  async function inspect(ref: ObjectRef, namespace: string): Promise<Inspected> {
    const resolved = ref.type !== undefined ? await resolveType(ref.type) : await resolveKind(ref.apiVersion ?? '', ref.kind ?? '');
    if (!resolved) return { unknownType: ref.type ?? `${ref.apiVersion ?? ''} ${ref.kind ?? ''}`.trim() };
    const { base, resource } = resolved;
    const path = resource.namespaced ? `${base}/namespaces/${enc(namespace)}/${resource.name}/${enc(ref.name)}` : `${base}/${resource.name}/${enc(ref.name)}`;
    try {
      const obj = await json<{ metadata?: { labels?: Record<string, string> } }>('GET', path);
      return { found: true, kind: resource.kind, namespaced: resource.namespaced, labels: obj.metadata?.labels };
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404) return { found: false, kind: resource.kind, namespaced: resource.namespaced };
      throw error;
    }
  }

  async function defaultNamespace(): Promise<string> {
    const pinned = await pinnedConfig.get();
    return pinned.kc.getContextObject(pinned.context)?.namespace || 'default';
  }

  async function nodesMarked(): Promise<boolean> {
    try {
      return (await list<Node>('/api/v1/nodes')).some((n) => carriesClusterMark(n.metadata));
    } catch {
      return false;
    }
  }

  async function exec(pod: string, container: string, argv: readonly string[], execTimeoutMs: number): Promise<ExecResult> {
    if (disposed) throw disposedError();
    const pinned = await pinnedConfig.get();
    const k8s = await loadClientNode();
    const stdout = new TextTail(EXEC_OUTPUT_CHARS);
    const stderr = new TextTail(EXEC_OUTPUT_CHARS);
    const sink = (append: (s: string) => void): Writable => {
      const dec = new TextDecoder();
      return new Writable({
        write(chunk: Buffer, _enc, cb) {
          append(dec.decode(chunk, { stream: true }));
          cb();
        },
      });
    };
    const out = sink((s) => stdout.append(s));
    const err = sink((s) => stderr.append(s));
    let status: { status?: string; reason?: string; message?: string; details?: { causes?: { reason?: string; message?: string }[] } } | null = null;
    // The socket's type comes from `ws`, whose types are not installed: describe what we use.
    const ws = (await new k8s.Exec(pinned.kc).exec(ns, pod, container, [...argv], out, err, null, false, (s) => {
      status = s;
    })) as unknown as ExecSocket;
    if (disposed) ws.terminate();
    execSockets.add(ws);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.close();
        reject(new Error(`exec in ${pod}/${container} did not finish within ${Math.round(execTimeoutMs / 1000)} s`));
      }, execTimeoutMs);
      const done = (): void => { clearTimeout(timer); resolve(); };
      if (ws.readyState === ws.CLOSED) done();
      ws.on('close', done);
      ws.on('error', (e: Error) => { clearTimeout(timer); reject(e); });
    }).finally(() => execSockets.delete(ws));
    if (disposed) throw disposedError();
    return { exitCode: exitCodeOf(status), stdout: stdout.text(), stderr: stderr.text() };
  }

  function exitCodeOf(status: { status?: string; reason?: string; message?: string; details?: { causes?: { reason?: string; message?: string }[] } } | null): number {
    if (!status) return 0;
    if (status.status === 'Success') return 0;
    const code = status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message;
    if (code !== undefined && /^\d+$/.test(code)) return Number(code);
    return 1;
  }

  async function clusterExists(): Promise<boolean> {
    if (opts.mode === 'real') {
      if (!opts.runner) throw new Error('clusterExists in real mode needs a CommandRunner');
      return (await kindListsCluster()) === true;
    }
    try {
      await json<ServerVersion>('GET', '/version');
      return true;
    } catch {
      return false;
    }
  }

  function watch(onChange: (snapshot: ClusterSnapshot) => void, onError?: (message: string) => void): () => void {
    let stopped = false;
    let timer: NodeJS.Timeout | null = null;
    let inFlight = false;
    let again = false;
    const streams = new Set<WatchStream>();
    // A missing context is said once (until a watch opens again), not once per path and retry.
    let contextMissingReported = false;
    const retries = new Set<NodeJS.Timeout>();

    const refresh = (): void => {
      if (stopped) return;
      if (inFlight) { again = true; return; }
      inFlight = true;
      snapshot()
        .then((s) => {
          // A snapshot without the cluster's state carries why (its problem): no error here.
          if (!stopped) onChange(s);
        })
        .catch((e: unknown) => { if (!stopped) onError?.(errorMessage(e)); })
        .finally(() => {
          inFlight = false;
          if (again && !stopped) { again = false; schedule(); }
        });
    };
    const schedule = (): void => {
      if (stopped) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => { timer = null; refresh(); }, debounceMs);
    };

    const paths = [
      '/api/v1/nodes',
      `/api/v1/namespaces/${enc(ns)}/pods`,
      ...(ns === 'kube-system' ? [] : ['/api/v1/namespaces/kube-system/pods']),
      `/api/v1/namespaces/${enc(ns)}/events`,
    ];

    const startOne = (path: string, delay: number): void => {
      const go = async (): Promise<void> => {
        if (stopped) return;
        let opened = false;
        let ended = false;
        let stream: WatchStream | null = null;
        const reconnect = (err: unknown): void => {
          if (ended) return;
          ended = true;
          if (stream) streams.delete(stream);
          if (stopped) return;
          // No context yet (the cluster is not created): each repeat would redraw the pane
          // with nothing new.
          if (err instanceof ContextMissingError) {
            if (!contextMissingReported) onError?.(errorMessage(err));
            contextMissingReported = true;
          } else if (err) onError?.(`watch ${path}: ${errorMessage(err)}`);
          // A watch that ran resets the backoff; a failed connect doubles it.
          const next = opened ? backoffMs : Math.min(maxBackoffMs, Math.max(backoffMs, delay * 2));
          schedule();
          const t = setTimeout(() => { retries.delete(t); startOne(path, next); }, opened ? backoffMs : next);
          retries.add(t);
        };
        try {
          const sep = path.includes('?') ? '&' : '?';
          const { url, options } = await prepare(`${path}${sep}watch=true&timeoutSeconds=${watchSeconds}`);
          if (stopped) return;
          stream = openWatchStream({
            url,
            options,
            idleTimeoutMs: (watchSeconds + 30) * 1000,
            onOpen: () => {
              opened = true;
              contextMissingReported = false;
            },
            onData: schedule,
            onEnd: (err) => reconnect(err),
          });
          if (!ended) streams.add(stream);
        } catch (error) {
          reconnect(error);
        }
      };
      void go();
    };

    refresh();
    for (const p of paths) startOne(p, backoffMs);

    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const t of retries) clearTimeout(t);
      retries.clear();
      for (const w of streams) w.close();
      streams.clear();
      disposers.delete(stop);
    };
    disposers.add(stop);
    if (disposed) stop();
    return stop;
  }

  async function ensureNamespace(): Promise<boolean> {
    try {
      await json('GET', `/api/v1/namespaces/${enc(ns)}`);
      return false;
    } catch (error) {
      if (!(error instanceof KubeApiError && error.status === 404)) throw error;
    }
    try {
      await json('POST', '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE } },
      });
      return true;
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 409) return false;
      throw error;
    }
  }

  /** By name: only for the tour's own Pods (applyPod and deleteLabelledPods have checked). */
  async function deletePod(name: string): Promise<boolean> {
    try {
      await json('DELETE', `/api/v1/namespaces/${enc(ns)}/pods/${enc(name)}`);
      return true;
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404) return false;
      throw error;
    }
  }

  async function applyPod(pod: Pod): Promise<Pod> {
    const body: Pod = {
      ...pod,
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { ...pod.metadata, namespace: ns, labels: { ...(pod.metadata.labels ?? {}), [MANAGED_BY_LABEL]: MANAGED_BY_VALUE } },
    };
    const path = `/api/v1/namespaces/${enc(ns)}/pods`;
    try {
      return await json<Pod>('POST', path, body);
    } catch (error) {
      if (!(error instanceof KubeApiError && error.status === 409)) throw error;
    }
    const existing = await getPod(pod.metadata.name);
    if (existing && !isTourObject(existing.metadata)) {
      throw new KubeApiError(409, `pod ${ns}/${pod.metadata.name} exists and is not the tour's (no ${MANAGED_SELECTOR}): it is left as it is`, 'AlreadyExists');
    }
    // Pod specs are immutable: replace means delete, wait until gone, create.
    await deletePod(pod.metadata.name);
    const deadline = Date.now() + 60_000;
    while ((await getPod(pod.metadata.name)) !== null) {
      if (Date.now() > deadline) throw new Error(`pod ${pod.metadata.name} was not deleted within 60 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
    return json<Pod>('POST', path, body);
  }

  async function deleteLabelledPods(): Promise<string[]> {
    const names: string[] = [];
    for (const p of await tourPods()) {
      if (await deletePod(p.metadata.name)) names.push(p.metadata.name);
    }
    return names;
  }

  return {
    context: opts.context,
    namespace: ns,
    clusterExists,
    snapshot,
    getPod,
    tourPods,
    exec,
    watch,
    inspect,
    defaultNamespace,
    nodesMarked,
    serverVersion: () => json<ServerVersion>('GET', '/version'),
    ensureNamespace,
    applyPod,
    deleteLabelledPods,
    dispose() {
      disposed = true;
      for (const d of [...disposers]) d();
      for (const req of requests) req.destroy();
      requests.clear();
      for (const ws of execSockets) ws.terminate();
      execSockets.clear();
      // The agent's sockets (client-node caches one agent per cluster and user).
      for (const a of agents) a.destroy();
      agents.clear();
    },
  };
}

function eventTime(e: KubeEvent): string {
  const withEventTime = e as KubeEvent & { eventTime?: string | null };
  return e.lastTimestamp ?? withEventTime.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '';
}

/** Oldest first (by lastTimestamp, eventTime, firstTimestamp, creation). */
export function sortEvents(events: readonly KubeEvent[]): KubeEvent[] {
  return [...events].sort((a, b) => (eventTime(a) < eventTime(b) ? -1 : eventTime(a) > eventTime(b) ? 1 : 0));
}
