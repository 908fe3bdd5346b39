// doctor's registry probes (src/adapters/registry/registry-probe.ts) against a REAL registry:
// Debian's docker-registry (the CNCF distribution server) on 127.0.0.1, as a mirror with images
// pushed into it, behind a token-auth front (the anonymous bearer flow of Docker Hub, quay.io and
// ghcr.io), with htpasswd authentication, and against a closed port and a server that never
// answers. Nothing beyond 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRegistries, classify, parseChallenge } from '../src/adapters/registry/registry-probe.js';
import { parseMirrors, type Mirror } from '../src/engine/mirrors.js';
import { closedPort, HAVE_REGISTRY, NO_REGISTRY_MESSAGE, pushImage, startRegistry, startSilentServer, startTokenFront, type LocalRegistry } from './helpers/registry.js';

function mirrors(...values: string[]): readonly Mirror[] {
  const r = parseMirrors(values);
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.mirrors;
}

/** Short limits: a slow registry costs the test a second, not five. */
const FAST = { env: {}, connectTimeoutMs: 1000, requestTimeoutMs: 1500 };

describe('parseChallenge and classify', () => {
  it('reads Bearer challenges as registries send them', () => {
    expect(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io' },
    });
    expect(parseChallenge('Basic realm="ivol-test"')).toEqual({ scheme: 'basic', params: { realm: 'ivol-test' } });
    expect(parseChallenge(undefined)).toBeNull();
  });

  it('names each cause from the error Node gives', () => {
    const sys = (code: string, message = code): Error => Object.assign(new Error(message), { code });
    const wrapped = (cause: Error): Error => Object.assign(new TypeError('fetch failed'), { cause });
    expect(classify(wrapped(sys('ENOTFOUND', 'getaddrinfo ENOTFOUND quay.io')), false)).toEqual({ cause: 'dns', detail: 'getaddrinfo ENOTFOUND quay.io' });
    expect(classify(sys('EAI_AGAIN', 'queryA'), false)).toEqual({ cause: 'dns', detail: 'EAI_AGAIN: queryA' });
    expect(classify(sys('ECONNREFUSED'), false).cause).toBe('refused');
    expect(classify(sys('UND_ERR_CONNECT_TIMEOUT'), false).cause).toBe('timeout');
    expect(classify(sys('ENETUNREACH'), false).cause).toBe('network');
    expect(classify(sys('ECONNRESET'), false).cause).toBe('reset');
    expect(classify(sys('CERT_HAS_EXPIRED', 'certificate has expired'), false).cause).toBe('tls');
    expect(classify(sys('ERR_TLS_CERT_ALTNAME_INVALID'), false).cause).toBe('tls');
    expect(classify(new Error('anything'), true).cause).toBe('timeout');
  });
});

describe.skipIf(!HAVE_REGISTRY)(HAVE_REGISTRY ? 'against a real registry (docker-registry on 127.0.0.1)' : `SKIPPED: ${NO_REGISTRY_MESSAGE}`, () => {
  let registry: LocalRegistry;
  let debian = '';

  beforeAll(async () => {
    registry = await startRegistry();
    debian = await pushImage(registry.url, 'library/debian', 'bookworm-slim');
    await pushImage(registry.url, 'crio/artifact', 'v2', { artifact: true });
    await pushImage(registry.url, 'mirrors/quay/crio/artifact', 'v1', { artifact: true });
  }, 30_000);
  afterAll(async () => {
    await registry?.stop();
  });

  it('as a mirror: reachable with its latency, each exact reference resolves to its digest', async () => {
    const images = [
      { reference: 'debian:bookworm-slim', registry: 'docker.io' },
      { reference: `docker.io/library/debian@${debian}`, registry: 'docker.io' },
      { reference: 'quay.io/crio/artifact:v2', registry: 'quay.io' },
    ];
    const [hub, quay] = await checkRegistries(images, mirrors(`docker.io=${registry.host}`, `quay.io=http://${registry.host}`), FAST);
    expect(hub).toMatchObject({ registry: 'docker.io', endpoint: registry.url, mirror: `docker.io=${registry.url}`, reachable: true, status: 200 });
    expect(hub?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(hub?.references).toEqual([
      expect.objectContaining({ reference: 'debian:bookworm-slim', ok: true, digest: debian, asked: `${registry.host}/library/debian:bookworm-slim` }),
      expect.objectContaining({ reference: `docker.io/library/debian@${debian}`, ok: true, digest: debian }),
    ]);
    // An OCI artifact (empty config) resolves like any manifest: HEAD asks for OCI manifests too.
    expect(quay?.references).toEqual([expect.objectContaining({ reference: 'quay.io/crio/artifact:v2', ok: true })]);
  });

  it('a mirror with a prefix keeps the registry under a path: HOST/PREFIX/REPO', async () => {
    const [quay] = await checkRegistries([{ reference: 'quay.io/crio/artifact:v1', registry: 'quay.io' }], mirrors(`quay.io=${registry.host}/mirrors/quay`), FAST);
    expect(quay?.references[0]).toMatchObject({ ok: true, asked: `${registry.host}/mirrors/quay/crio/artifact:v1` });
  });

  it('a reference the mirror lacks: reachable, but "not found" with the status', async () => {
    const [hub] = await checkRegistries([{ reference: 'kindest/node:v1.35.0', registry: 'docker.io' }], mirrors(`docker.io=${registry.host}`), FAST);
    expect(hub?.reachable).toBe(true);
    expect(hub?.references[0]).toMatchObject({ ok: false, failure: { cause: 'notFound', status: 404 } });
  });

  it('https:// to a plain-HTTP registry (a common slip): a TLS failure, said as such', async () => {
    const [hub] = await checkRegistries([{ reference: 'debian:bookworm-slim', registry: 'docker.io' }], mirrors(`docker.io=https://${registry.host}`), FAST);
    expect(hub).toMatchObject({ endpoint: `https://${registry.host}`, reachable: false, failure: { cause: 'tls' } });
  });

  it('behind token auth: 401 on /v2/ counts as reachable; an anonymous token for the repository, then the HEAD with it', async () => {
    const front = await startTokenFront(registry.url);
    try {
      const [hub] = await checkRegistries([{ reference: 'debian:bookworm-slim', registry: 'docker.io' }], mirrors(`docker.io=${front.host}`), FAST);
      expect(hub).toMatchObject({ reachable: true, status: 401 });
      expect(hub?.references[0]).toMatchObject({ ok: true, digest: debian });
      expect(front.scopes).toEqual(['repository:library/debian:pull']);
      expect(front.forwarded).toEqual([{ method: 'HEAD', path: '/v2/library/debian/manifests/bookworm-slim', authorization: 'Bearer anon:repository:library/debian:pull' }]);
    } finally {
      await front.close();
    }
  });

  it('with htpasswd (Basic) authentication: reachable (401), but the image needs credentials', async () => {
    const locked = await startRegistry({ htpasswd: { user: 'trainer', password: 'secret' } });
    try {
      await pushImage(locked.url, 'library/debian', 'bookworm-slim', { authorization: `Basic ${Buffer.from('trainer:secret').toString('base64')}` });
      const [hub] = await checkRegistries([{ reference: 'debian:bookworm-slim', registry: 'docker.io' }], mirrors(`docker.io=${locked.host}`), FAST);
      expect(hub).toMatchObject({ reachable: true, status: 401 });
      expect(hub?.references[0]).toMatchObject({ ok: false, failure: { cause: 'auth' } });
    } finally {
      await locked.stop();
    }
  }, 30_000);
});

describe('registries that do not answer', () => {
  it('a closed port: refused at once, nothing else asked', async () => {
    const port = await closedPort();
    const started = Date.now();
    const [hub] = await checkRegistries([{ reference: 'debian:bookworm-slim', registry: 'docker.io' }], mirrors(`docker.io=127.0.0.1:${port}`), FAST);
    expect(hub).toMatchObject({ reachable: false, failure: { cause: 'refused' }, references: [] });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('a server that accepts and never answers: a timeout, bounded by the request limit', async () => {
    const silent = await startSilentServer();
    try {
      const started = Date.now();
      const [hub] = await checkRegistries([{ reference: 'debian:bookworm-slim', registry: 'docker.io' }], mirrors(`docker.io=${silent.host}`), FAST);
      const took = Date.now() - started;
      expect(hub).toMatchObject({ reachable: false, failure: { cause: 'timeout' } });
      expect(silent.accepted()).toBeGreaterThan(0);
      expect(took).toBeGreaterThanOrEqual(1000);
      expect(took).toBeLessThan(4000);
    } finally {
      await silent.close();
    }
  });

  it('every registry is asked in parallel: two silent ones take one limit, not two', async () => {
    const a = await startSilentServer();
    const b = await startSilentServer();
    try {
      const started = Date.now();
      const result = await checkRegistries(
        [
          { reference: 'debian:bookworm-slim', registry: 'docker.io' },
          { reference: 'quay.io/crio/artifact:v2', registry: 'quay.io' },
        ],
        mirrors(`docker.io=${a.host}`, `quay.io=${b.host}`),
        FAST,
      );
      expect(result.map((r) => r.failure?.cause)).toEqual(['timeout', 'timeout']);
      expect(Date.now() - started).toBeLessThan(2 * FAST.requestTimeoutMs);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('HTTPS_PROXY is honoured: a proxy that refuses means every registry fails, named by the proxy\'s address', async () => {
    const port = await closedPort();
    const [quay] = await checkRegistries([{ reference: 'quay.io/crio/artifact:v2', registry: 'quay.io' }], [], { ...FAST, env: { HTTPS_PROXY: `http://127.0.0.1:${port}` } });
    expect(quay).toMatchObject({ registry: 'quay.io', endpoint: 'https://quay.io', reachable: false, failure: { cause: 'refused' } });
    expect(quay?.failure?.detail).toContain(`127.0.0.1:${port}`);
  });

  it('NO_PROXY exempts a host: the mirror on 127.0.0.1 is asked directly', async () => {
    const port = await closedPort();
    const target = await closedPort();
    const [hub] = await checkRegistries([{ reference: 'debian:bookworm-slim', registry: 'docker.io' }], mirrors(`docker.io=127.0.0.1:${target}`), {
      ...FAST,
      env: { HTTP_PROXY: `http://127.0.0.1:${port}`, NO_PROXY: '127.0.0.1' },
    });
    expect(hub?.failure?.detail).toContain(`127.0.0.1:${target}`);
  });
});
