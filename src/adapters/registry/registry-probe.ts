// Asks registries, from this machine, what a pull would ask them: the OCI distribution API's
// base (GET /v2/: 200, or 401 with a challenge, means a registry answers there), then for each
// exact reference a manifest HEAD, with an anonymous bearer token from the challenge's realm
// when the registry wants one (the Docker registry token flow that Docker Hub, quay.io and
// ghcr.io use: https://distribution.github.io/distribution/spec/auth/token/). Every request has
// a connect limit and a total limit; registries are asked in parallel. HTTPS_PROXY, HTTP_PROXY
// and NO_PROXY (either case) are honoured (undici's EnvHttpProxyAgent).

import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { manifestReference, parseImageRef, registryApiHost, type ImageRef } from '../../engine/image-ref.js';
import { describeMirror, mirrorFor, type Mirror } from '../../engine/mirrors.js';
import type { ReferenceCheck, RegistryCheck, RegistryFailure } from '../../engine/registry-report.js';

/** A registry that has not connected in this long is not going to (DNS included). */
export const CONNECT_TIMEOUT_MS = 3000;
/** One request, from start to its last byte. */
export const REQUEST_TIMEOUT_MS = 5000;

/** What a pull accepts: an OCI index or manifest, a Docker manifest list or manifest (the order is the preference). */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export interface ProbeOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly connectTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** Aborting stops every request at once (a signal ending the tour). */
  readonly signal?: AbortSignal;
}

export interface ProbeImage {
  readonly reference: string;
  readonly registry: string;
}

interface Challenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/** WWW-Authenticate: `Bearer realm="…",service="…",scope="…"` (RFC 7235 auth-params, quoted or not). */
export function parseChallenge(header: string | undefined): Challenge | null {
  if (!header) return null;
  const m = /^\s*([A-Za-z][\w-]*)\s*(.*)$/s.exec(header);
  if (!m) return null;
  const params: Record<string, string> = {};
  for (const p of (m[2] ?? '').matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g)) {
    params[(p[1] ?? '').toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : (p[3] ?? '');
  }
  return { scheme: (m[1] ?? '').toLowerCase(), params };
}

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_NONAME', 'EAI_FAIL']);
const TIMEOUT = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT', 'ABORT_ERR', 'UND_ERR_ABORTED']);
const NETWORK = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'EADDRNOTAVAIL']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

function errorCode(error: unknown): { code: string; message: string } {
  // undici wraps the system error (cause) in its own; the innermost code says most.
  let e: unknown = error;
  let code = '';
  let message = '';
  for (let depth = 0; depth < 5 && e instanceof Error; depth++) {
    const c = (e as { code?: unknown }).code;
    if (typeof c === 'string' && c !== '') code = c;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') code ||= 'ABORT_ERR';
    message = e.message || message;
    e = (e as { cause?: unknown }).cause;
  }
  return { code, message };
}

/** A failed request as a cause and one line of detail. */
export function classify(error: unknown, timedOut: boolean): RegistryFailure {
  const { code, message } = errorCode(error);
  // Node's own messages name the code and the address ("connect ECONNREFUSED 127.0.0.1:5000").
  const detail = (code && !message.includes(code) ? `${code}${message ? `: ${message}` : ''}` : message || code).split('\n')[0]?.slice(0, 200) ?? '';
  if (timedOut || TIMEOUT.has(code)) return { cause: 'timeout', detail: detail || 'no answer' };
  if (DNS.has(code)) return { cause: 'dns', detail };
  if (code === 'ECONNREFUSED') return { cause: 'refused', detail };
  if (NETWORK.has(code)) return { cause: 'network', detail };
  if (code.startsWith('UND_ERR_PRX') || /proxy/i.test(message)) return { cause: 'proxy', detail };
  if (RESET.has(code)) return { cause: 'reset', detail };
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|EPROTO|ERR_OSSL|HOSTNAME_MISMATCH)/.test(code) || /certificate|ssl|tls/i.test(message)) return { cause: 'tls', detail };
  return { cause: 'other', detail: detail || String(error) };
}

interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body?: string;
  readonly latencyMs: number;
}

function header(a: Answer, name: string): string | undefined {
  const v = a.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A proxy or dispatcher for one check: connect limit, and no keep-alive left behind (closed after). */
function dispatcher(o: ProbeOptions): Dispatcher {
  const env = o.env;
  return new EnvHttpProxyAgent({
    httpProxy: env['http_proxy'] ?? env['HTTP_PROXY'] ?? '',
    httpsProxy: env['https_proxy'] ?? env['HTTPS_PROXY'] ?? '',
    noProxy: env['no_proxy'] ?? env['NO_PROXY'] ?? '',
    connect: { timeout: o.connectTimeoutMs ?? CONNECT_TIMEOUT_MS },
    headersTimeout: o.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
    bodyTimeout: o.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
  });
}

async function ask(d: Dispatcher, url: string, method: 'GET' | 'HEAD', headers: Record<string, string>, o: ProbeOptions, readBody = false): Promise<Answer> {
  const limit = AbortSignal.timeout(o.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
  const signal = o.signal ? AbortSignal.any([limit, o.signal]) : limit;
  const started = performance.now();
  try {
    const res = await request(url, { method, headers: { 'user-agent': 'ivol-tour', ...headers }, dispatcher: d, signal });
    let body: string | undefined;
    if (readBody) body = (await res.body.text()).slice(0, 65_536);
    else await res.body.dump();
    return { status: res.statusCode, headers: res.headers, ...(body !== undefined ? { body } : {}), latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    throw Object.assign(new Error('request failed'), { failure: classify(error, limit.aborted) });
  }
}

function failureOf(error: unknown): RegistryFailure {
  const f = (error as { failure?: RegistryFailure }).failure;
  return f ?? classify(error, false);
}

function httpFailure(a: Answer): RegistryFailure {
  return { cause: a.status === 404 ? 'notFound' : a.status === 401 || a.status === 403 ? 'auth' : 'http', detail: `HTTP ${a.status}`, status: a.status };
}

/** An anonymous token for pulling `repository`, from a Bearer challenge's realm. */
async function anonymousToken(d: Dispatcher, challenge: Challenge, repository: string, o: ProbeOptions): Promise<string> {
  const realm = challenge.params['realm'];
  if (challenge.scheme !== 'bearer' || !realm) throw Object.assign(new Error('no token realm'), { failure: { cause: 'auth', detail: `${challenge.scheme} authentication required`, status: 401 } });
  const url = new URL(realm);
  if (challenge.params['service']) url.searchParams.set('service', challenge.params['service']);
  url.searchParams.set('scope', `repository:${repository}:pull`);
  const a = await ask(d, url.toString(), 'GET', { accept: 'application/json' }, o, true);
  if (a.status !== 200) throw Object.assign(new Error('token refused'), { failure: { ...httpFailure(a), cause: a.status === 404 ? 'http' : httpFailure(a).cause, detail: `token: HTTP ${a.status}` } });
  try {
    const json = JSON.parse(a.body ?? '') as { token?: unknown; access_token?: unknown };
    const token = typeof json.token === 'string' ? json.token : typeof json.access_token === 'string' ? json.access_token : '';
    if (token === '') throw new Error('no token in the answer');
    return token;
  } catch {
    throw Object.assign(new Error('bad token answer'), { failure: { cause: 'auth', detail: 'token: the answer holds no token' } });
  }
}

interface Target {
  readonly base: string;
  /** The path before the repository on this host ('' or a mirror's prefix with a slash). */
  readonly pathPrefix: string;
  readonly mirror?: Mirror;
}

function targetFor(registry: string, mirrors: readonly Mirror[]): Target {
  const m = mirrorFor(registry, mirrors);
  if (m) return { base: `${m.scheme}://${m.host}`, pathPrefix: m.prefix ? `${m.prefix}/` : '', mirror: m };
  return { base: `https://${registryApiHost(registry)}`, pathPrefix: '' };
}

async function checkReference(d: Dispatcher, t: Target, reference: string, ref: ImageRef, first: Challenge | null, o: ProbeOptions): Promise<ReferenceCheck> {
  const repository = `${t.pathPrefix}${ref.repository}`;
  const path = `/v2/${repository}/manifests/${manifestReference(ref)}`;
  const asked = `${t.base.replace(/^https?:\/\//, '')}/${repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag ?? 'latest'}`}`;
  const started = performance.now();
  try {
    let auth: Record<string, string> = {};
    if (first) auth = { authorization: `Bearer ${await anonymousToken(d, first, repository, o)}` };
    let a = await ask(d, t.base + path, 'HEAD', { accept: MANIFEST_ACCEPT, ...auth }, o);
    // A registry may open /v2/ to everyone and still want a token for a repository.
    const again = a.status === 401 && !first ? parseChallenge(header(a, 'www-authenticate')) : null;
    if (again) a = await ask(d, t.base + path, 'HEAD', { accept: MANIFEST_ACCEPT, authorization: `Bearer ${await anonymousToken(d, again, repository, o)}` }, o);
    const latencyMs = Math.round(performance.now() - started);
    if (a.status === 200) {
      const digest = header(a, 'docker-content-digest');
      return { reference, asked, ok: true, latencyMs, ...(digest ? { digest } : {}) };
    }
    return { reference, asked, ok: false, latencyMs, failure: httpFailure(a) };
  } catch (error) {
    return { reference, asked, ok: false, failure: failureOf(error) };
  }
}

async function checkRegistry(d: Dispatcher, registry: string, images: readonly ProbeImage[], mirrors: readonly Mirror[], o: ProbeOptions): Promise<RegistryCheck> {
  const t = targetFor(registry, mirrors);
  const base = { registry, endpoint: t.base, ...(t.mirror ? { mirror: describeMirror(t.mirror) } : {}) };
  let a: Answer;
  try {
    a = await ask(d, `${t.base}/v2/`, 'GET', { accept: 'application/json' }, o);
  } catch (error) {
    return { ...base, reachable: false, failure: failureOf(error), references: [] };
  }
  if (a.status !== 200 && a.status !== 401) {
    return { ...base, reachable: false, latencyMs: a.latencyMs, status: a.status, failure: { cause: 'http', detail: `GET /v2/: HTTP ${a.status}`, status: a.status }, references: [] };
  }
  const challenge = a.status === 401 ? parseChallenge(header(a, 'www-authenticate')) : null;
  const references = await Promise.all(
    images.map((img) => {
      const ref = parseImageRef(img.reference);
      if (!ref) return Promise.resolve<ReferenceCheck>({ reference: img.reference, asked: img.reference, ok: false, failure: { cause: 'other', detail: 'not a valid image reference' } });
      return checkReference(d, t, img.reference, ref, challenge, o);
    }),
  );
  return { ...base, reachable: true, latencyMs: a.latencyMs, status: a.status, references };
}

/** Checks every registry the images come from (through its mirror when there is one), in parallel. */
export async function checkRegistries(images: readonly ProbeImage[], mirrors: readonly Mirror[], o: ProbeOptions): Promise<RegistryCheck[]> {
  const registries = [...new Set(images.map((i) => i.registry))];
  const d = dispatcher(o);
  try {
    return await Promise.all(registries.map((r) => checkRegistry(d, r, images.filter((i) => i.registry === r), mirrors, o)));
  } finally {
    await d.destroy().catch(() => undefined);
  }
}
