import { describe, expect, it } from 'vitest';
import { formatImageRef, manifestReference, parseImageRef, registryApiHost, taggedName } from './image-ref.js';

describe('parseImageRef: references as docker and containerd normalise them', () => {
  it.each([
    ['debian:bookworm-slim', { registry: 'docker.io', repository: 'library/debian', tag: 'bookworm-slim' }],
    ['kindest/node:v1.35.0@sha256:452d707d4862f52530247495d180205e029056831160e22870e37e3f6c1ac31f', { registry: 'docker.io', repository: 'kindest/node', tag: 'v1.35.0', digest: 'sha256:452d707d4862f52530247495d180205e029056831160e22870e37e3f6c1ac31f' }],
    ['quay.io/crio/artifact:v2', { registry: 'quay.io', repository: 'crio/artifact', tag: 'v2' }],
    ['ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1', { registry: 'ghcr.io', repository: 'carlory/kindnode-crio', tag: 'v1.31.0-rc.1' }],
    ['localhost:5000/app', { registry: 'localhost:5000', repository: 'app' }],
    ['localhost/app:1', { registry: 'localhost', repository: 'app', tag: '1' }],
    ['index.docker.io/library/debian', { registry: 'docker.io', repository: 'library/debian' }],
    ['docker.io/debian', { registry: 'docker.io', repository: 'library/debian' }],
    ['127.0.0.1:5000/library/debian:bookworm-slim', { registry: '127.0.0.1:5000', repository: 'library/debian', tag: 'bookworm-slim' }],
  ])('%s', (text, want) => {
    expect(parseImageRef(text)).toEqual(want);
  });

  it.each(['', 'Debian', 'debian:', 'debian@sha256:short', 'a b', 'quay.io/', '-x/y', 'host:99999/app'])('rejects %j', (text) => {
    expect(parseImageRef(text)).toBeNull();
  });

  it('formats, names and asks for what is pulled', () => {
    const ref = parseImageRef('kindest/node:v1.35.0@sha256:452d707d4862f52530247495d180205e029056831160e22870e37e3f6c1ac31f');
    if (!ref) throw new Error('parse');
    expect(formatImageRef(ref)).toBe('docker.io/kindest/node:v1.35.0@sha256:452d707d4862f52530247495d180205e029056831160e22870e37e3f6c1ac31f');
    expect(manifestReference(ref)).toBe(ref.digest);
    expect(taggedName(ref)).toBe('docker.io/kindest/node:v1.35.0');
    expect(manifestReference({ registry: 'docker.io', repository: 'library/debian' })).toBe('latest');
    expect(registryApiHost('docker.io')).toBe('registry-1.docker.io');
    expect(registryApiHost('quay.io')).toBe('quay.io');
  });
});
