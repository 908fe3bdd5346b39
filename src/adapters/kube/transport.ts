// Requests to the API server on the tour's pinned context: the URL, TLS options and credentials
// come from the pinned kubeconfig (kubeconfig.ts), answers are read whole (up to a cap) and
// kept exactly as the server sent them. dispose() ends every request in flight and the sockets
// of the agents they went through, so nothing keeps the process alive after quit.

import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { errorMessage } from '../../engine/errors.js';
import { apiErrorOf, hasStatus, isUnreachable, UnreachableError } from './api-errors.js';
import { PinnedKubeConfig, type PinnedConfig } from './kubeconfig.js';

/** A request ready to send: its URL and options (TLS, credentials, agent, headers). */
export interface PreparedRequest {
  readonly url: URL;
  readonly options: RequestOptions;
  /** The API server's URL, for messages. */
  readonly server: string;
}

interface RawResponse {
  readonly status: number;
  readonly body: string;
}

/** The largest API answer read (a list); more is an error, not memory. */
const MAX_RESPONSE_BYTES = 64 << 20;

export class KubeTransport {
  private readonly pinnedConfig: PinnedKubeConfig;
  /** What dispose() must end: requests in flight, the agents they went through. */
  private readonly requests = new Set<ClientRequest>();
  private readonly agents = new Set<HttpAgent>();
  private ended = false;

  constructor(
    context: string,
    env: NodeJS.ProcessEnv,
    /** How long a request may wait for its answer. */
    private readonly timeoutMs: number,
  ) {
    this.pinnedConfig = new PinnedKubeConfig(context, env);
  }

  /** Whether dispose() was called: nothing more may start. */
  get disposed(): boolean {
    return this.ended;
  }

  /** What a call made while the tour ends fails with. */
  endingError(): Error {
    return new UnreachableError('the tour is ending: no more requests');
  }

  /** The pinned kubeconfig (its context exists, or ContextMissingError). */
  pinned(): Promise<PinnedConfig> {
    return this.pinnedConfig.get();
  }

  async prepare(path: string, extraHeaders: OutgoingHttpHeaders = {}): Promise<PreparedRequest> {
    const pinned = await this.pinned();
    const url = new URL(pinned.server + path);
    const options: RequestOptions = {};
    await pinned.kc.applyToHTTPSOptions(options);
    if (options.agent instanceof HttpAgent) this.agents.add(options.agent);
    const headers: OutgoingHttpHeaders = { ...headerMap(options.headers), Accept: 'application/json', 'User-Agent': 'ivol-tour', ...extraHeaders };
    return { url, options: { ...options, headers }, server: pinned.server };
  }

  /** The answer, parsed; an HTTP error status throws a KubeApiError that says what the server said. */
  async json<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const res = await this.send(method, path, body, contentType);
    if (res.status >= 200 && res.status < 300) return JSON.parse(res.body) as T;
    throw apiErrorOf(res.status, res.body, `${method} ${path}`);
  }

  /** The items of a list. `tolerateForbidden`: a list the user may not read (403, 404) is empty. */
  async list<T>(path: string, tolerateForbidden = false): Promise<T[]> {
    try {
      const l = await this.json<{ items?: T[] }>('GET', path);
      return l.items ?? [];
    } catch (error) {
      if (tolerateForbidden && hasStatus(error, 403, 404)) return [];
      throw error;
    }
  }

  /** Ends every request in flight and the agents' sockets. */
  dispose(): void {
    this.ended = true;
    for (const req of this.requests) req.destroy();
    this.requests.clear();
    // The agent's sockets (client-node caches one agent per cluster and user).
    for (const a of this.agents) a.destroy();
    this.agents.clear();
  }

  private async send(method: string, path: string, body: unknown, contentType: string): Promise<RawResponse> {
    if (this.ended) throw this.endingError();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const prepared = await this.prepare(path, payload !== undefined ? { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(payload)) } : {});
    if (this.ended) throw this.endingError();
    return new Promise<RawResponse>((resolve, reject) => {
      const req = this.open(method, prepared, (res) => {
        readAll(res, req, `${method} ${path}`).then(resolve, reject);
      });
      req.on('error', (error) => reject(this.ended ? this.endingError() : isUnreachable(error) ? new UnreachableError(`${prepared.server}: ${errorMessage(error)}`) : error));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** Starts the request, tracked until it closes and bounded by the timeout. */
  private open(method: string, prepared: PreparedRequest, onResponse: (res: IncomingMessage) => void): ClientRequest {
    const options: RequestOptions = { ...prepared.options, method };
    const req = prepared.url.protocol === 'https:' ? httpsRequest(prepared.url, options, onResponse) : httpRequest(prepared.url, options, onResponse);
    this.requests.add(req);
    req.on('close', () => this.requests.delete(req));
    req.setTimeout(this.timeoutMs, () => req.destroy(new UnreachableError(`no answer from ${prepared.server} within ${this.timeoutMs} ms`)));
    return req;
  }
}

/** The whole answer; beyond MAX_RESPONSE_BYTES the request is ended with an error (a list of a busy namespace is a few MB). */
function readAll(res: IncomingMessage, req: ClientRequest, what: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_RESPONSE_BYTES) {
        req.destroy(new Error(`${what}: the answer is larger than ${MAX_RESPONSE_BYTES >> 20} MiB`));
        return;
      }
      chunks.push(c);
    });
    res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    res.on('error', reject);
  });
}

/** Headers as a map (client-node sets them as one; Node also allows a flat list, which it never uses here). */
function headerMap(headers: RequestOptions['headers']): OutgoingHttpHeaders {
  return headers === undefined || isList(headers) ? {} : headers;
}

function isList(headers: NonNullable<RequestOptions['headers']>): headers is readonly string[] {
  return Array.isArray(headers);
}
