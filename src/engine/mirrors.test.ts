import { describe, expect, it } from 'vitest';
import { describeMirror, isLoopbackHost, kindImageArgument, mirroredName, parseMirror, parseMirrors } from './mirrors.js';
import { parseImageRef } from './image-ref.js';

const NODE = 'kindest/node:v1.35.0@sha256:452d707d4862f52530247495d180205e029056831160e22870e37e3f6c1ac31f';

describe('--mirror REGISTRY=HOST[/PREFIX]', () => {
  it.each([
    ['docker.io=mirror.example.com', { registry: 'docker.io', scheme: 'https', host: 'mirror.example.com', prefix: '' }],
    ['quay.io=mirror.example.com/quay', { registry: 'quay.io', scheme: 'https', host: 'mirror.example.com', prefix: 'quay' }],
    ['docker.io=127.0.0.1:5000', { registry: 'docker.io', scheme: 'http', host: '127.0.0.1:5000', prefix: '' }],
    ['docker.io=localhost:5001', { registry: 'docker.io', scheme: 'http', host: 'localhost:5001', prefix: '' }],
    ['docker.io=https://127.0.0.1:5000', { registry: 'docker.io', scheme: 'https', host: '127.0.0.1:5000', prefix: '' }],
    ['ghcr.io=http://192.168.1.10:5000/ghcr/', { registry: 'ghcr.io', scheme: 'http', host: '192.168.1.10:5000', prefix: 'ghcr' }],
    ['index.docker.io=Mirror.Example.com', { registry: 'docker.io', scheme: 'https', host: 'mirror.example.com', prefix: '' }],
    ['registry.example.com:5000=[::1]:5000', { registry: 'registry.example.com:5000', scheme: 'http', host: '[::1]:5000', prefix: '' }],
  ])('%s', (value, mirror) => {
    expect(parseMirror(value)).toEqual({ ok: true, mirror });
  });

  it.each([
    ['docker.io', 'mirror.missingEquals'],
    ['=mirror.example.com', 'mirror.badRegistry'],
    ['docker=mirror.example.com', 'mirror.badRegistry'],
    ['docker.io/library=mirror.example.com', 'mirror.badRegistry'],
    ['docker.io=', 'mirror.badHost'],
    ['docker.io=mirror_example.com', 'mirror.badHost'],
    ['docker.io=mirror.example.com:0', 'mirror.badHost'],
    ['docker.io=http://', 'mirror.badHost'],
    ['docker.io=mirror.example.com/Quay', 'mirror.badPrefix'],
    ['docker.io=ftp://mirror.example.com', 'mirror.unknownScheme'],
    ['docker.io=oci://mirror.example.com', 'mirror.unknownScheme'],
  ])('%s is refused (%s)', (value, key) => {
    const r = parseMirror(value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.key).toBe(key);
  });

  it('one mirror per registry: Docker Hub under two names is one registry', () => {
    const r = parseMirrors(['docker.io=a.example.com', 'quay.io=b.example.com', 'index.docker.io=c.example.com']);
    expect(r).toEqual({ ok: false, problem: { key: 'mirror.duplicate', params: { registry: 'docker.io' } } });
    expect(parseMirrors([])).toEqual({ ok: true, mirrors: [] });
  });

  it('knows loopback hosts (the kind node has its own)', () => {
    expect(['localhost:5000', '127.0.0.1', '127.1.2.3:80', '[::1]:5000'].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(['192.168.1.10:5000', 'mirror.example.com', 'localhost.example.com'].map(isLoopbackHost)).toEqual([false, false, false]);
  });

  it('names images through the mirror as docker pulls them: HOST[/PREFIX]/REPO[:TAG][@DIGEST]', () => {
    const r = parseMirrors(['docker.io=127.0.0.1:5000', 'quay.io=mirror.example.com/quay']);
    if (!r.ok) throw new Error('parse');
    const [hub, quay] = r.mirrors;
    if (!hub || !quay) throw new Error('parse');
    expect(mirroredName(parseImageRef('debian:bookworm-slim') ?? { registry: '', repository: '' }, hub)).toBe('127.0.0.1:5000/library/debian:bookworm-slim');
    expect(mirroredName(parseImageRef('quay.io/crio/artifact:v2') ?? { registry: '', repository: '' }, quay)).toBe('mirror.example.com/quay/crio/artifact:v2');
    expect(describeMirror(quay)).toBe('quay.io=https://mirror.example.com/quay');
  });

  it('the --image kind gets: prepared locally first, then through the mirror, else the plan\'s', () => {
    const r = parseMirrors(['docker.io=127.0.0.1:5000']);
    if (!r.ok) throw new Error('parse');
    expect(kindImageArgument(NODE, '', r.mirrors, undefined)).toBe(`127.0.0.1:5000/${NODE}`);
    expect(kindImageArgument(NODE, '', r.mirrors, { [NODE]: 'kindest/node:v1.35.0' })).toBe('kindest/node:v1.35.0');
    expect(kindImageArgument(NODE, '', [], undefined)).toBe('');
    expect(kindImageArgument('', '', r.mirrors, undefined)).toBe('');
    expect(kindImageArgument('ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1', 'ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1', r.mirrors, undefined)).toBe('ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1');
  });
});
