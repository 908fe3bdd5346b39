// One Kubernetes watch stream (GET …?watch=true) over node:http(s), on a request the caller
// owns. The tour only needs to know *that* something changed (it then takes a fresh snapshot),
// so the stream's bytes are never buffered or parsed: nothing accumulates however much the
// server sends.
//
// Why not client-node's Watch: it fetches through undici with a dispatcher of its own (the
// global one, or a new Agent per watch for TLS clusters) that the tour cannot close. Aborting
// the watch left keep-alive sockets behind that held the process open for ~30 s after quit.
// Here close() destroys the request and its socket at once.

import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { errorMessage } from '../../engine/errors.js';
import { apiErrorOf } from './api-errors.js';

export interface WatchStreamOptions {
  /** The full URL, ?watch=true included. */
  readonly url: URL;
  /** Method, headers, TLS options and agent (from the pinned kubeconfig). */
  readonly options: RequestOptions;
  /** The server sent something (an event or a bookmark). */
  readonly onData: () => void;
  /** The watch is open (status 200). */
  readonly onOpen?: () => void;
  /** The stream ended: cleanly (null) or with an error. Not called after close(). */
  readonly onEnd: (error: Error | null) => void;
  /** No byte for this long ends the stream with an error (a dead connection). */
  readonly idleTimeoutMs: number;
}

export interface WatchStream {
  /** Ends the stream now (destroys the socket); onEnd is not called. Idempotent. */
  close(): void;
}

/** How much of an error answer's body is kept for the message. */
const ERROR_BODY_LIMIT = 4096;

export function openWatchStream(o: WatchStreamOptions): WatchStream {
  let closed = false;
  let ended = false;
  let req: ClientRequest | null = null;
  const end = (error: Error | null): void => {
    if (ended || closed) return;
    ended = true;
    req?.destroy();
    o.onEnd(error);
  };
  const onResponse = (res: IncomingMessage): void => {
    if (res.statusCode !== 200) {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < ERROR_BODY_LIMIT) body += chunk.slice(0, ERROR_BODY_LIMIT - body.length);
      });
      res.on('end', () => end(apiErrorOf(res.statusCode ?? 0, body)));
      res.on('error', (e) => end(e));
      return;
    }
    o.onOpen?.();
    res.on('data', () => {
      if (!closed) o.onData();
    });
    res.on('end', () => end(null));
    res.on('close', () => end(null));
    res.on('error', (e) => end(e));
  };
  try {
    req = o.url.protocol === 'https:' ? httpsRequest(o.url, { ...o.options, method: 'GET' }, onResponse) : httpRequest(o.url, { ...o.options, method: 'GET' }, onResponse);
  } catch (error) {
    queueMicrotask(() => end(error instanceof Error ? error : new Error(errorMessage(error))));
    return { close: () => { closed = true; } };
  }
  const idle = o.idleTimeoutMs >= 1000 ? `${Math.round(o.idleTimeoutMs / 1000)} s` : `${o.idleTimeoutMs} ms`;
  req.setTimeout(o.idleTimeoutMs, () => end(new Error(`no data for ${idle}`)));
  req.on('error', (e) => end(e));
  req.end();
  return {
    close() {
      if (closed) return;
      closed = true;
      req?.destroy();
    },
  };
}
