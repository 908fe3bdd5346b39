// The ClusterProbe port over @kubernetes/client-node, pinned to one context and namespace.
// Reads go through the pinned KubeConfig's transport (its TLS options and credentials) and
// keep the objects exactly as the API server returns them (no model classes that could drop
// fields such as `volumes[].image`). Watches use client-node's Watch, exec its Exec.

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type RequestOptions as HttpsRequestOptions } from 'node:https';
import { Writable } from 'node:stream';
import type { ClusterSnapshot, KubeEvent, Node, Pod } from '../../engine/kube-objects.js';
import type { ClusterProbe, CommandRunner, ExecResult } from '../ports.js';
import { ContextMissingError, loadClientNode, PinnedKubeConfig, type PinnedConfig } from './kubeconfig.js';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'ivol-tour';
export const MANAGED_SELECTOR = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;

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
}

export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
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
export interface KubeClient extends ClusterProbe {
  readonly context: string;
  readonly namespace: string;
  /** GET /version on the pinned context. */
  serverVersion(): Promise<ServerVersion>;
  /** Creates the namespace (labelled as the tour's) if it does not exist; true if created. */
  ensureNamespace(): Promise<boolean>;
  /** Creates the pod, or replaces it when it exists (a delete and create); returns it as stored. */
  applyPod(pod: Pod, opts?: { label?: boolean }): Promise<Pod>;
  deletePod(name: string): Promise<boolean>;
  /** Deletes the pods labelled app.kubernetes.io/managed-by=ivol-tour in the namespace; their names. */
  deleteLabelledPods(): Promise<string[]>;
  /** Ends every watch and pending request. */
  dispose(): void;
}

interface ExecSocket {
  readonly readyState: number;
  readonly CLOSED: number;
  close(): void;
  on(event: 'close', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

interface RawResponse {
  readonly status: number;
  readonly body: string;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);

function isUnreachable(error: unknown): boolean {
  if (error instanceof UnreachableError) return true;
  const e = error as { code?: string; cause?: { code?: string }; name?: string };
  return UNREACHABLE_CODES.has(e.code ?? '') || UNREACHABLE_CODES.has(e.cause?.code ?? '') || e.name === 'TimeoutError';
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export function createKubeClient(opts: KubeClientOptions): KubeClient {
  const env = opts.env ?? process.env;
  const pinnedConfig = new PinnedKubeConfig(opts.context, env);
  const ns = opts.namespace;
  const timeoutMs = opts.requestTimeoutMs ?? 10_000;
  const debounceMs = opts.debounceMs ?? 150;
  const backoffMs = opts.backoffMs ?? 500;
  const maxBackoffMs = opts.maxBackoffMs ?? 10_000;
  const disposers = new Set<() => void>();
  let disposed = false;

  async function raw(method: string, path: string, body?: unknown, extraHeaders?: Record<string, string>): Promise<RawResponse> {
    const pinned: PinnedConfig = await pinnedConfig.get();
    const url = new URL(pinned.server + path);
    const reqOpts: HttpsRequestOptions = {};
    await pinned.kc.applyToHTTPSOptions(reqOpts);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {
      ...(reqOpts.headers as Record<string, string> | undefined),
      Accept: 'application/json',
      'User-Agent': 'ivol-tour',
      ...(payload !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) } : {}),
      ...extraHeaders,
    };
    return new Promise<RawResponse>((resolve, reject) => {
      const onResponse = (res: IncomingMessage): void => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      };
      const options: HttpsRequestOptions = { ...reqOpts, method, headers };
      const req = url.protocol === 'https:' ? httpsRequest(url, options, onResponse) : httpRequest(url, options, onResponse);
      req.setTimeout(timeoutMs, () => req.destroy(new UnreachableError(`no answer from ${pinned.server} within ${timeoutMs} ms`)));
      req.on('error', (error) => reject(isUnreachable(error) ? new UnreachableError(`${pinned.server}: ${errorMessage(error)}`) : error));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  async function json<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const res = await raw(method, path, body, headers);
    if (res.status >= 200 && res.status < 300) return JSON.parse(res.body) as T;
    let message = `${method} ${path}: HTTP ${res.status}`;
    let reason: string | undefined;
    try {
      const status = JSON.parse(res.body) as { message?: string; reason?: string };
      if (status.message) message = status.message;
      reason = status.reason;
    } catch {
      /* not a Status */
    }
    throw new KubeApiError(res.status, message, reason);
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
      if (isUnreachable(error) || error instanceof ContextMissingError) return { reachable: false, nodes: [], pods: [], events: [] };
      throw error;
    }
  }

  async function getPod(name: string): Promise<Pod | null> {
    try {
      return await json<Pod>('GET', `/api/v1/namespaces/${enc(ns)}/pods/${enc(name)}`);
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404) return null;
      throw error;
    }
  }

  async function exec(pod: string, container: string, argv: readonly string[], execTimeoutMs: number): Promise<ExecResult> {
    const pinned = await pinnedConfig.get();
    const k8s = await loadClientNode();
    let stdout = '';
    let stderr = '';
    const sink = (append: (s: string) => void): Writable => {
      const dec = new TextDecoder();
      return new Writable({
        write(chunk: Buffer, _enc, cb) {
          append(dec.decode(chunk, { stream: true }));
          cb();
        },
      });
    };
    const out = sink((s) => { stdout += s; });
    const err = sink((s) => { stderr += s; });
    let status: { status?: string; reason?: string; message?: string; details?: { causes?: { reason?: string; message?: string }[] } } | null = null;
    // The socket's type comes from `ws`, whose types are not installed: describe what we use.
    const ws = (await new k8s.Exec(pinned.kc).exec(ns, pod, container, [...argv], out, err, null, false, (s) => {
      status = s;
    })) as unknown as ExecSocket;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.close();
        reject(new Error(`exec in ${pod}/${container} did not finish within ${Math.round(execTimeoutMs / 1000)} s`));
      }, execTimeoutMs);
      const done = (): void => { clearTimeout(timer); resolve(); };
      if (ws.readyState === ws.CLOSED) done();
      ws.on('close', done);
      ws.on('error', (e: Error) => { clearTimeout(timer); reject(e); });
    });
    return { exitCode: exitCodeOf(status), stdout, stderr };
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
      const runner = opts.runner;
      if (!runner) throw new Error('clusterExists in real mode needs a CommandRunner');
      let out = '';
      const r = await runner.run({ argv: ['kind', 'get', 'clusters'], timeoutMs: 20_000 }, (text, stream) => {
        if (stream === 'stdout') out += text;
      });
      if (r.exitCode !== 0) return false;
      return out.split(/\r?\n/).some((line) => line.trim() === opts.cluster);
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
    // A missing context is said once (until a watch opens again), not once per path and retry.
    let contextMissingReported = false;
    const controllers = new Set<AbortController>();
    const retries = new Set<NodeJS.Timeout>();
    let lastReachable: boolean | null = null;

    const refresh = (): void => {
      if (stopped) return;
      if (inFlight) { again = true; return; }
      inFlight = true;
      snapshot()
        .then((s) => {
          if (stopped) return;
          if (!s.reachable && lastReachable !== false) onError?.(`cannot reach the cluster of context "${opts.context}"`);
          lastReachable = s.reachable;
          onChange(s);
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
        let controller: AbortController | null = null;
        const reconnect = (err: unknown): void => {
          if (ended) return;
          ended = true;
          if (controller) controllers.delete(controller);
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
          const pinned = await pinnedConfig.get();
          const k8s = await loadClientNode();
          if (stopped) return;
          const w = new k8s.Watch(pinned.kc);
          controller = await w.watch(path, {}, () => { opened = true; schedule(); }, (err: unknown) => reconnect(err));
          if (stopped) { controller.abort(); return; }
          if (!ended) {
            controllers.add(controller);
            opened = true;
            contextMissingReported = false;
          }
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
      for (const c of controllers) c.abort();
      controllers.clear();
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

  async function deletePod(name: string): Promise<boolean> {
    try {
      await json('DELETE', `/api/v1/namespaces/${enc(ns)}/pods/${enc(name)}`);
      return true;
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404) return false;
      throw error;
    }
  }

  async function applyPod(pod: Pod, o: { label?: boolean } = {}): Promise<Pod> {
    const label = o.label ?? opts.mode === 'byoc';
    const body: Pod = {
      ...pod,
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...pod.metadata,
        namespace: ns,
        ...(label ? { labels: { ...(pod.metadata.labels ?? {}), [MANAGED_BY_LABEL]: MANAGED_BY_VALUE } } : {}),
      },
    };
    const path = `/api/v1/namespaces/${enc(ns)}/pods`;
    try {
      return await json<Pod>('POST', path, body);
    } catch (error) {
      if (!(error instanceof KubeApiError && error.status === 409)) throw error;
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
    const pods = await list<Pod>(`/api/v1/namespaces/${enc(ns)}/pods?labelSelector=${enc(MANAGED_SELECTOR)}`);
    const names: string[] = [];
    for (const p of pods) {
      // Belt and braces: only what carries the label, whatever the server filtered.
      if (p.metadata.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE) continue;
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
    exec,
    watch,
    serverVersion: () => json<ServerVersion>('GET', '/version'),
    ensureNamespace,
    applyPod,
    deletePod,
    deleteLabelledPods,
    dispose() {
      disposed = true;
      for (const d of [...disposers]) d();
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
