// One watch on every progress ConfigMap of a room, across namespaces (a label selector), for
// the trainer's live view: a list first, then a watch from the list's resourceVersion, whose
// events (ADDED, MODIFIED, DELETED, BOOKMARK) are read line by line and applied to the list.
// The seats are never polled one by one. A watch the server ends (its timeoutSeconds) is
// reopened from the last version seen; a version that is too old (410 Gone) lists again; a
// broken connection is retried with a backoff (doubling to a cap) and said (onError), and the
// view is told when it is back (onStatus). stop() ends the stream and every timer.

import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { errorMessage } from '../../engine/errors.js';
import { isRecord, recordOf } from '../../engine/shape.js';
import { apiErrorOf, hasStatus } from './api-errors.js';
import type { KubeTransport } from './transport.js';

export interface ProgressEvents {
  /** Every ConfigMap as it is now (keyed by namespace/name); called after each batch of events. */
  readonly onChange: (items: ReadonlyMap<string, unknown>) => void;
  /** The watch is lost (an error), and will be retried in `retryInMs`. */
  readonly onError?: (message: string, retryInMs: number) => void;
  /** Whether the watch is following the room now. */
  readonly onStatus?: (live: boolean) => void;
}

export interface FollowOptions extends ProgressEvents {
  readonly transport: KubeTransport;
  readonly labelSelector: string;
  /** The server ends each watch after this long; it is then reopened (default 300 s). */
  readonly watchSeconds?: number;
  /** First retry delay, doubled up to maxBackoffMs (defaults 500 ms, 10 s). */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
}

/** A line longer than this is no watch event of a ConfigMap: the stream is dropped and opened again. */
const MAX_LINE = 1 << 20;

function keyOf(obj: unknown): string | null {
  const meta = recordOf(recordOf(obj)['metadata']);
  return typeof meta['name'] === 'string' ? `${typeof meta['namespace'] === 'string' ? meta['namespace'] : ''}/${meta['name']}` : null;
}

function versionOf(obj: unknown): string | undefined {
  const rv = recordOf(recordOf(obj)['metadata'])['resourceVersion'];
  return typeof rv === 'string' && rv !== '' ? rv : undefined;
}

export function followProgress(o: FollowOptions): () => void {
  const items = new Map<string, unknown>();
  const enc = encodeURIComponent;
  const base = `/api/v1/configmaps?labelSelector=${enc(o.labelSelector)}`;
  const backoff = o.backoffMs ?? 500;
  const maxBackoff = o.maxBackoffMs ?? 10_000;
  let stopped = false;
  let version: string | undefined;
  let req: ClientRequest | null = null;
  let timer: NodeJS.Timeout | null = null;
  let delay = backoff;
  let live = false;

  const setLive = (now: boolean): void => {
    if (now !== live) {
      live = now;
      o.onStatus?.(now);
    }
  };

  const retry = (error: unknown, relist: boolean): void => {
    if (stopped) return;
    req?.destroy();
    req = null;
    setLive(false);
    if (relist) version = undefined;
    // A watch the server ended cleanly is reopened soon (not at once: a server that ends every
    // watch at once must not be asked in a tight loop).
    const wait = error ? delay : 200;
    delay = error ? Math.min(maxBackoff, delay * 2) : backoff;
    if (error) o.onError?.(errorMessage(error), wait);
    timer = setTimeout(() => {
      timer = null;
      void start();
    }, wait);
  };

  /** Lists when there is no version to watch from, then watches. */
  const start = async (): Promise<void> => {
    if (stopped) return;
    try {
      if (version === undefined) {
        const list = await o.transport.json<{ metadata?: { resourceVersion?: string }; items?: unknown[] }>('GET', base);
        if (stopped) return;
        items.clear();
        for (const item of list.items ?? []) {
          const key = keyOf(item);
          if (key) items.set(key, item);
        }
        version = list.metadata?.resourceVersion ?? '';
        o.onChange(items);
      }
      const path = `${base}&watch=true&allowWatchBookmarks=true&timeoutSeconds=${o.watchSeconds ?? 300}${version ? `&resourceVersion=${enc(version)}` : ''}`;
      const { url, options } = await o.transport.prepare(path);
      if (stopped) return;
      open(url, options);
    } catch (error) {
      retry(error, hasStatus(error, 410));
    }
  };

  const open = (url: URL, options: Parameters<typeof httpRequest>[1]): void => {
    // Each stream ends once, whichever of its events says so first.
    let ended = false;
    const finish = (error: unknown, relist: boolean): void => {
      if (ended) return;
      ended = true;
      retry(error, relist);
    };
    const onResponse = (res: IncomingMessage): void => {
      if (res.statusCode !== 200) {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          if (body.length < 4096) body += c;
        });
        res.on('end', () => {
          const error = apiErrorOf(res.statusCode ?? 0, body);
          finish(error, error.status === 410);
        });
        return;
      }
      setLive(true);
      delay = backoff;
      let pending = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (stopped || ended) return;
        pending += chunk;
        if (pending.length > MAX_LINE && !pending.includes('\n')) {
          finish(new Error('a watch event larger than 1 MiB'), true);
          return;
        }
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        let changed = false;
        for (const line of lines) {
          if (line.trim() === '') continue;
          const result = apply(line);
          if (result === 'gone') {
            finish(null, true);
            return;
          }
          changed ||= result === 'changed';
        }
        if (changed) o.onChange(items);
      });
      // The server ended the watch (its timeout): watch again from the last version.
      res.on('end', () => finish(null, false));
      res.on('close', () => finish(null, false));
      // The stream broke (the server or a proxy dropped it): said as such, not as Node's "aborted".
      res.on('error', (e) => finish(new Error(`the watch on ${url.host} broke (${errorMessage(e)})`), false));
    };
    const method = { ...options, method: 'GET' };
    const r = url.protocol === 'https:' ? httpsRequest(url, method, onResponse) : httpRequest(url, method, onResponse);
    req = r;
    r.setTimeout(((o.watchSeconds ?? 300) + 30) * 1000, () => r.destroy(new Error('the watch went silent')));
    r.on('error', (e) => finish(e, false));
    r.end();
  };

  /** One event line: the list is updated; 'gone' when the version is too old (list again). */
  const apply = (line: string): 'changed' | 'same' | 'gone' => {
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      return 'same';
    }
    if (!isRecord(event)) return 'same';
    const type = event['type'];
    const object = event['object'];
    if (type === 'ERROR') return recordOf(object)['code'] === 410 ? 'gone' : 'same';
    const rv = versionOf(object);
    if (rv !== undefined) version = rv;
    if (type === 'BOOKMARK') return 'same';
    const key = keyOf(object);
    if (!key) return 'same';
    if (type === 'DELETED') return items.delete(key) ? 'changed' : 'same';
    if (type === 'ADDED' || type === 'MODIFIED') {
      items.set(key, object);
      return 'changed';
    }
    return 'same';
  };

  void start();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
    req?.destroy();
    req = null;
  };
}
