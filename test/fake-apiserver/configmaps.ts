// ConfigMaps for the fake API server (test code only): a store of its own, apart from the
// simulated world (which has no ConfigMaps), with what a workshop room needs of them: list and
// watch across namespaces or in one, by label selector, from a resourceVersion; get, create,
// replace, merge-patch and delete one. Watches are pushed as each change is made (not polled),
// so that a room of 100 seats each writing every 2 s costs the server little.

import type { ServerResponse } from 'node:http';
import { parseLabelSelector, selects } from '../../src/adapters/cluster/simulated/api-server.js';

export interface ConfigMapObject {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: { name: string; namespace: string; labels?: Record<string, string>; resourceVersion?: string; uid?: string; creationTimestamp?: string; [k: string]: unknown };
  data?: Record<string, string>;
}

interface CmWatcher {
  readonly res: ServerResponse;
  readonly namespace?: string;
  readonly selector: ReturnType<typeof parseLabelSelector>;
}

export interface ConfigMapStore {
  /**
   * Answers the request when it is about ConfigMaps (true), else leaves it (false).
   * `body` is the parsed request body.
   */
  handle(method: string, path: string, q: URLSearchParams, body: unknown, res: ServerResponse): boolean;
  /** Creates or replaces one, as a client would (a new resourceVersion; watchers are told). */
  put(cm: { metadata: { name: string; namespace: string; labels?: Record<string, string> }; data?: Record<string, string> }): ConfigMapObject;
  get(namespace: string, name: string): ConfigMapObject | undefined;
  list(): ConfigMapObject[];
  remove(namespace: string, name: string): boolean;
  /** Ends every open watch stream of ConfigMaps. */
  dropWatches(): number;
  openWatches(): number;
  close(): void;
}

/** Events kept for watches that start from an older resourceVersion (beyond: 410 Gone). */
const HISTORY = 5000;

export function createConfigMapStore(): ConfigMapStore {
  const items = new Map<string, ConfigMapObject>();
  const watchers = new Set<CmWatcher>();
  const history: { rv: number; line: string; obj: ConfigMapObject }[] = [];
  let rv = 1000;
  let uid = 0;
  const keyOf = (ns: string, name: string): string => `${ns}/${name}`;

  const matches = (w: { namespace?: string; selector: ReturnType<typeof parseLabelSelector> }, o: ConfigMapObject): boolean =>
    (w.namespace === undefined || w.namespace === o.metadata.namespace) && selects(w.selector, o.metadata.labels);

  const emit = (type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: ConfigMapObject): void => {
    const line = `${JSON.stringify({ type, object: obj })}\n`;
    history.push({ rv: Number(obj.metadata.resourceVersion), line, obj });
    if (history.length > HISTORY) history.splice(0, history.length - HISTORY);
    for (const w of watchers) if (matches(w, obj)) w.res.write(line);
  };

  const put: ConfigMapStore['put'] = (cm) => {
    const key = keyOf(cm.metadata.namespace, cm.metadata.name);
    const before = items.get(key);
    const obj: ConfigMapObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        ...cm.metadata,
        uid: before?.metadata.uid ?? `cm-${++uid}`,
        creationTimestamp: before?.metadata.creationTimestamp ?? new Date().toISOString(),
        resourceVersion: String(++rv),
      },
      ...(cm.data ? { data: { ...cm.data } } : {}),
    };
    items.set(key, obj);
    emit(before ? 'MODIFIED' : 'ADDED', obj);
    return obj;
  };

  const remove = (ns: string, name: string): boolean => {
    const obj = items.get(keyOf(ns, name));
    if (!obj) return false;
    items.delete(keyOf(ns, name));
    emit('DELETED', { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++rv) } });
    return true;
  };

  const send = (res: ServerResponse, status: number, obj: unknown): void => {
    const body = JSON.stringify(obj);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };
  const status = (res: ServerResponse, code: number, reason: string, message: string): void =>
    send(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });

  const handle: ConfigMapStore['handle'] = (method, path, q, body, res) => {
    const m = /^\/api\/v1(?:\/namespaces\/([^/]+))?\/configmaps(?:\/([^/]+))?$/.exec(path);
    if (!m) return false;
    const ns = m[1] !== undefined ? decodeURIComponent(m[1]) : undefined;
    const name = m[2] !== undefined ? decodeURIComponent(m[2]) : undefined;
    const selector = parseLabelSelector(q.get('labelSelector'));
    if (name === undefined && method === 'GET') {
      const scope = { ...(ns !== undefined ? { namespace: ns } : {}), selector };
      if (q.get('watch') === 'true' || q.get('watch') === '1') {
        const from = q.get('resourceVersion');
        const start = from ? Number(from) : NaN;
        const oldest = history[0]?.rv ?? rv + 1;
        if (Number.isFinite(start) && start > 0 && start < oldest - 1) {
          // Too old to replay: the client must list again.
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(`${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `too old resource version: ${start}`, reason: 'Expired', code: 410 } })}\n`);
          return true;
        }
        res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
        // As an API server does: the answer starts at once, even when no event is due yet.
        res.flushHeaders();
        const w: CmWatcher = { res, ...scope };
        if (Number.isFinite(start) && start > 0) {
          for (const h of history) if (h.rv > start && matches(w, h.obj)) res.write(h.line);
        } else {
          for (const o of items.values()) if (matches(w, o)) res.write(`${JSON.stringify({ type: 'ADDED', object: o })}\n`);
        }
        watchers.add(w);
        res.on('close', () => watchers.delete(w));
        const seconds = Number(q.get('timeoutSeconds'));
        if (Number.isFinite(seconds) && seconds > 0) {
          const timer = setTimeout(() => res.end(), seconds * 1000);
          timer.unref();
          res.on('close', () => clearTimeout(timer));
        }
        return true;
      }
      const list = [...items.values()].filter((o) => matches(scope, o));
      send(res, 200, { kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: String(rv) }, items: list });
      return true;
    }
    if (ns === undefined) {
      status(res, 405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
      return true;
    }
    const existing = name !== undefined ? items.get(keyOf(ns, name)) : undefined;
    const given = (body ?? {}) as { metadata?: { name?: string; labels?: Record<string, string> }; data?: Record<string, string> };
    if (method === 'POST' && name === undefined) {
      const n = given.metadata?.name;
      if (!n) return (status(res, 422, 'Invalid', 'ConfigMap "" is invalid: metadata.name: Required value'), true);
      if (items.has(keyOf(ns, n))) return (status(res, 409, 'AlreadyExists', `configmaps "${n}" already exists`), true);
      send(res, 201, put({ metadata: { name: n, namespace: ns, ...(given.metadata?.labels ? { labels: given.metadata.labels } : {}) }, ...(given.data ? { data: given.data } : {}) }));
      return true;
    }
    if (name === undefined) return (status(res, 405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'), true);
    const notFound = (): boolean => (status(res, 404, 'NotFound', `configmaps "${name}" not found`), true);
    if (method === 'GET') return existing ? (send(res, 200, existing), true) : notFound();
    if (method === 'DELETE') {
      if (!existing) return notFound();
      remove(ns, name);
      send(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
      return true;
    }
    if (method === 'PUT') {
      const labels = given.metadata?.labels ?? existing?.metadata.labels;
      send(res, existing ? 200 : 201, put({ metadata: { name, namespace: ns, ...(labels ? { labels } : {}) }, ...(given.data ? { data: given.data } : {}) }));
      return true;
    }
    if (method === 'PATCH') {
      if (!existing) return notFound();
      // A merge patch of data and labels (what a seat's progress write sends); null removes a key.
      const merge = (a: Record<string, string> | undefined, b: Record<string, string | null> | undefined): Record<string, string> | undefined => {
        if (!b) return a;
        const out: Record<string, string> = { ...(a ?? {}) };
        for (const [k, v] of Object.entries(b)) {
          if (v === null) delete out[k];
          else out[k] = v;
        }
        return out;
      };
      const labels = merge(existing.metadata.labels, given.metadata?.labels);
      const data = merge(existing.data, given.data);
      send(res, 200, put({ metadata: { name, namespace: ns, ...(labels ? { labels } : {}) }, ...(data ? { data } : {}) }));
      return true;
    }
    status(res, 405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    return true;
  };

  return {
    handle,
    put,
    get: (ns, name) => items.get(keyOf(ns, name)),
    list: () => [...items.values()],
    remove,
    dropWatches() {
      const n = watchers.size;
      for (const w of [...watchers]) {
        watchers.delete(w);
        w.res.destroy();
      }
      return n;
    },
    openWatches: () => watchers.size,
    close() {
      for (const w of [...watchers]) w.res.destroy();
      watchers.clear();
    },
  };
}
