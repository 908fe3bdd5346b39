// The tutorial's own commands, run against the built-in tutorial's assets.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulated } from './testing/fixtures.js';

const asset = (name: string) => readFileSync(fileURLToPath(new URL(`../../../../tutorials/image-volume/assets/${name}`, import.meta.url)), 'utf8');

describe.each([
  { profile: 'containerd' as const, featureGate: false, config: 'kind-config.containerd.yaml', pod: 'pod.containerd.yaml', image: [] as string[] },
  { profile: 'containerd' as const, featureGate: true, config: 'kind-config.containerd-gate.yaml', pod: 'pod.containerd.yaml', image: [] as string[] },
  { profile: 'crio' as const, featureGate: true, config: 'kind-config.crio.yaml', pod: 'pod.crio.yaml', image: ['--image', 'ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1'] },
])('the tour on $profile (gate: $featureGate) with the repository assets', ({ profile, featureGate, config, pod, image }) => {
  it('creates, applies, verifies, cleans up', async () => {
    const s = simulated({
      profile,
      featureGate,
      files: { '/w/kind.yaml': asset(config), '/w/pod.yaml': asset(pod), '/w/pod-subpath.yaml': asset('pod-subpath.containerd.yaml'), '/w/Dockerfile': asset('Dockerfile.kindnode-crio') },
    });
    const k = (...args: string[]) => s.run(['kubectl', '--context', 'kind-ivol', '-n', 'default', ...args]);
    expect((await s.run(['kind', 'create', 'cluster', '--name', 'ivol', ...image, '--config', '/w/kind.yaml', '--wait', '5m'])).exitCode).toBe(0);
    expect((await s.run(['kubectl', '--context', 'kind-ivol', '-n', 'kube-system', 'get', 'nodes,pods'])).exitCode).toBe(0);
    expect(await k('apply', '-f', '/w/pod.yaml')).toMatchObject({ exitCode: 0, stdout: 'pod/image-volume created\n' });
    expect((await k('wait', '--for=condition=Ready', 'pod/image-volume', '--timeout=180s')).exitCode).toBe(0);
    expect((await k('exec', 'image-volume', '-c', 'shell', '--', 'cat', '/volume/dir/file')).stdout).toBe('1\n');
    expect((await k('exec', 'image-volume', '-c', 'shell', '--', 'touch', '/volume/ivol-write-test')).stderr).toContain('Read-only file system');
    const subpath = await k('apply', '-f', '/w/pod-subpath.yaml');
    if (profile === 'crio') {
      // Kubernetes 1.31 rejects subPath on image volumes.
      expect(subpath.exitCode).toBe(1);
    } else {
      expect((await k('wait', '--for=condition=Ready', 'pod/image-volume-subpath', '--timeout=180s')).exitCode).toBe(0);
      expect((await k('exec', 'image-volume-subpath', '-c', 'shell', '--', 'cat', '/volume/file')).stdout).toBe(featureGate ? '2\n' : '1\n');
    }
    expect((await s.run(['docker', 'build', '--build-arg', 'CRIO_VERSION=v1.31', '-t', 'ivol-tour/kindnode-crio:v1.31.0', '-f', '/w/Dockerfile', '/w'])).exitCode).toBe(0);
    expect((await k('delete', 'pod', 'image-volume', 'image-volume-subpath', '--ignore-not-found')).exitCode).toBe(0);
    expect((await s.run(['kind', 'delete', 'cluster', '--name', 'ivol'])).exitCode).toBe(0);
    expect(await s.adapters.cluster.clusterExists()).toBe(false);
  });
});
