// A real OCI distribution registry for the tests: Debian's `docker-registry` package (the
// CNCF distribution server, /usr/bin/docker-registry; .ci/run installs it). Each test starts its
// own instance on 127.0.0.1 with a temporary config and storage, on a port of the kernel's
// choosing, and stops it after. Around it: a small OCI push client (blobs, then the manifest,
// through the registry's HTTP API), a token-auth front that answers 401 with a Bearer challenge
// and hands out anonymous tokens (the flow of Docker Hub, quay.io, ghcr.io), a server that
// accepts connections and never answers, and a port nobody listens on. Nothing beyond 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import bcrypt from 'bcryptjs';

export const REGISTRY_BIN = '/usr/bin/docker-registry';
/** The registry binary is here (.ci/run installs it: apt-get install docker-registry). */
export const HAVE_REGISTRY = existsSync(REGISTRY_BIN);
export const NO_REGISTRY_MESSAGE = `${REGISTRY_BIN} is missing: install Debian's docker-registry package (apt-get install -y docker-registry; .ci/run does) to run the registry tests`;

export interface LocalRegistry {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** 127.0.0.1:PORT */
  readonly host: string;
  stop(): Promise<void>;
}

export interface RegistryOptions {
  /** Basic authentication (htpasswd, bcrypt) for every request. */
  readonly htpasswd?: { readonly user: string; readonly password: string };
}

/** Starts a registry; resolves once it listens (its log says where). */
export async function startRegistry(o: RegistryOptions = {}): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'ivol-registry-'));
  const auth = o.htpasswd
    ? `auth:\n  htpasswd:\n    realm: ivol-test\n    path: ${join(dir, 'htpasswd')}\n`
    : '';
  if (o.htpasswd) writeFileSync(join(dir, 'htpasswd'), `${o.htpasswd.user}:${bcrypt.hashSync(o.htpasswd.password, 4)}\n`);
  writeFileSync(
    join(dir, 'config.yml'),
    [
      'version: 0.1',
      'log:',
      '  level: info',
      '  formatter: text',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'data')}`,
      '  delete:',
      '    enabled: true',
      'http:',
      '  addr: 127.0.0.1:0',
      `  secret: ${randomBytes(16).toString('hex')}`,
      auth,
    ].join('\n'),
  );
  const child = spawn(REGISTRY_BIN, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env['PATH'] ?? '' } });
  const stop = async (): Promise<void> => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let log = '';
      const timer = setTimeout(() => reject(new Error(`docker-registry did not say where it listens within 10 s:\n${log}`)), 10_000);
      const onData = (d: Buffer): void => {
        log += d.toString('utf8');
        const m = /listening on 127\.0\.0\.1:(\d+)/.exec(log);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`docker-registry exited (${code ?? 'signal'}):\n${log}`));
      });
    });
    return { url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

// ---- pushing ------------------------------------------------------------------------------

interface Reply {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

function send(url: string, method: string, headers: Record<string, string>, body?: Buffer | string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${url}: no answer in 10 s`)));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

async function pushBlob(base: string, repo: string, data: Buffer, headers: Record<string, string>): Promise<string> {
  const digest = sha256(data);
  const start = await send(`${base}/v2/${repo}/blobs/uploads/`, 'POST', headers, '');
  if (start.status !== 202 || typeof start.headers.location !== 'string') throw new Error(`blob upload start: HTTP ${start.status} ${start.body}`);
  const location = new URL(start.headers.location, base);
  location.searchParams.set('digest', digest);
  const put = await send(location.toString(), 'PUT', { ...headers, 'content-type': 'application/octet-stream' }, data);
  if (put.status !== 201) throw new Error(`blob upload: HTTP ${put.status} ${put.body}`);
  return digest;
}

/** A tar with one file (ustar header, contents, end blocks): enough for a layer. */
function tarOf(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const pad = Buffer.alloc((512 - (data.length % 512)) % 512);
  return Buffer.concat([header, data, pad, Buffer.alloc(1024)]);
}

export interface PushOptions {
  /** Authorization header value (Basic …) for a registry with htpasswd. */
  readonly authorization?: string;
  /** An OCI artifact (empty config, artifactType) instead of a runnable image. */
  readonly artifact?: boolean;
}

/** Pushes a small image (or artifact) as REPO:TAG; resolves with the manifest's digest. */
export async function pushImage(base: string, repo: string, tag: string, o: PushOptions = {}): Promise<string> {
  const headers: Record<string, string> = o.authorization ? { authorization: o.authorization } : {};
  const tar = tarOf('file', `${repo}:${tag}\n`);
  const layer = gzipSync(tar);
  const layerDigest = await pushBlob(base, repo, layer, headers);
  const config = o.artifact
    ? Buffer.from('{}')
    : Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(tar)] }, config: {} }));
  const configDigest = await pushBlob(base, repo, config, headers);
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    ...(o.artifact ? { artifactType: 'application/vnd.ivol-tour.test' } : {}),
    config: { mediaType: o.artifact ? 'application/vnd.oci.empty.v1+json' : 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layerDigest, size: layer.length }],
  });
  const put = await send(`${base}/v2/${repo}/manifests/${tag}`, 'PUT', { ...headers, 'content-type': 'application/vnd.oci.image.manifest.v1+json' }, manifest);
  if (put.status !== 201) throw new Error(`manifest upload: HTTP ${put.status} ${put.body}`);
  return sha256(manifest);
}

// ---- fronts and fakes of failure -----------------------------------------------------------

export interface TokenFront {
  readonly url: string;
  readonly host: string;
  /** The scopes tokens were asked for, in order. */
  readonly scopes: string[];
  /** Requests that reached the registry behind, with the Authorization they carried. */
  readonly forwarded: { method: string; path: string; authorization: string }[];
  close(): Promise<void>;
}

/**
 * A token-auth front for a registry: /v2/… without a bearer token gets 401 with
 * `WWW-Authenticate: Bearer realm="<front>/token",service="ivol-test"` (and the scope for a
 * repository), /token hands out an anonymous token for the scope asked, and requests with a
 * token go on to the registry.
 */
export async function startTokenFront(upstream: string): Promise<TokenFront> {
  const scopes: string[] = [];
  const forwarded: TokenFront['forwarded'] = [];
  let self = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://front');
    if (url.pathname === '/token') {
      const scope = url.searchParams.get('scope') ?? '';
      scopes.push(scope);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token: `anon:${scope}`, expires_in: 300 }));
      return;
    }
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer anon:')) {
      const repo = /^\/v2\/(.+)\/(manifests|blobs|tags)\//.exec(url.pathname)?.[1];
      res.writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': `Bearer realm="${self}/token",service="ivol-test"${repo ? `,scope="repository:${repo}:pull"` : ''}`,
      });
      res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
      return;
    }
    forwarded.push({ method: req.method ?? '', path: url.pathname, authorization: auth });
    const up = httpRequest(new URL(req.url ?? '/', upstream), { method: req.method, headers: { ...req.headers, host: new URL(upstream).host, authorization: '' } }, (ur) => {
      res.writeHead(ur.statusCode ?? 502, ur.headers);
      ur.pipe(res);
    });
    up.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  const port = await listen(server);
  self = `http://127.0.0.1:${port}`;
  return { url: self, host: `127.0.0.1:${port}`, scopes, forwarded, close: () => closeServer(server) };
}

export interface SilentServer {
  readonly host: string;
  /** Connections it accepted (and never answered). */
  readonly accepted: () => number;
  close(): Promise<void>;
}

/** Accepts connections and never says a word (a registry stuck behind a firewall that drops replies). */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createTcpServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  return {
    host: `127.0.0.1:${port}`,
    accepted: () => accepted,
    async close() {
      for (const s of sockets) s.destroy();
      await closeServer(server);
    },
  };
}

/** A port on 127.0.0.1 that nobody listens on (taken from the kernel, then given back). */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  const port = await listen(server);
  await closeServer(server);
  return port;
}

function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a !== null ? a.port : 0);
    });
  });
}

function closeServer(server: Server | ReturnType<typeof createTcpServer>): Promise<void> {
  return new Promise((resolve) => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close(() => resolve());
  });
}
