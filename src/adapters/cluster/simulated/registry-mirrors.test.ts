// Registry mirrors in the simulated cluster: the nodes read what the tour writes (the kind
// config's extraMounts and containerd patch, the hosts.toml files, CRI-O's registries.conf),
// and pulls go through the hosts configured, failing with the runtime's own words (faults
// offline and mirror-down).
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../engine/model.js';
import { parseMirrors, type Mirror } from '../../../engine/mirrors.js';
import { kindConfigWithMirrors, mirrorFiles } from '../../../engine/runtime-mirrors.js';
import type { SimFault } from './facts.js';
import { configPathFromPatches, parseHostsToml, parseRegistriesConf, pullInNode } from './registry-hosts.js';
import { KIND_CONFIG_CONTAINERD, KIND_CONFIG_CRIO, KIND_CONFIG_GATE, simulated } from './testing/fixtures.js';

function mirrors(...values: string[]): readonly Mirror[] {
  const parsed = parseMirrors(values);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
  return parsed.mirrors;
}

/** The files the tour writes for --mirror (engine/runtime-mirrors.ts), in /work. */
function tourFiles(profile: Profile, given: readonly Mirror[], base = profile === 'crio' ? KIND_CONFIG_CRIO : KIND_CONFIG_CONTAINERD): Record<string, string> {
  const { files, mounts } = mirrorFiles(profile, given, '/work');
  const config = kindConfigWithMirrors(base, profile, mounts);
  if (config === null) throw new Error('not a kind config');
  return { '/work/kind.yaml': config, ...Object.fromEntries(files.map((f) => [f.path, f.content])) };
}

const NODE_IMAGE = 'kindest/node:v1.35.0';
const CRIO_IMAGE = 'ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1';

/** A simulated machine with the tour's mirror files; `nodeImageLocal`: the node image is already in docker (prepare). */
function withMirrors(o: { profile?: Profile; mirrors?: readonly Mirror[]; faults?: SimFault[]; files?: Record<string, string>; nodeImageLocal?: boolean; featureGate?: boolean }) {
  const profile = o.profile ?? 'containerd';
  const s = simulated({ profile, ...(o.featureGate ? { featureGate: true } : {}), faults: o.faults ?? [], files: { ...(o.mirrors ? tourFiles(profile, o.mirrors, o.featureGate ? KIND_CONFIG_GATE : undefined) : {}), ...o.files } });
  if (o.nodeImageLocal) s.world.dockerImages.add(profile === 'crio' ? CRIO_IMAGE : NODE_IMAGE);
  const create = () => (profile === 'crio' ? s.run(['kind', 'create', 'cluster', '--name', 'ivol', '--image', CRIO_IMAGE, '--config', '/work/kind.yaml']) : s.createCluster());
  /** Apply the Pod, then let 60 s of the cluster's time pass. */
  const applyAndWait = async (): Promise<void> => {
    await s.kubectl('apply', '-f', '/work/pod.yaml');
    await s.world.clock.sleep(60_000);
  };
  const podEvents = async () => (await s.adapters.cluster.snapshot()).events.filter((e) => e.involvedObject.name === 'image-volume');
  const phase = async () => (await s.adapters.cluster.getPod('image-volume'))?.status?.phase;
  return { ...s, create, applyAndWait, podEvents, phase };
}

describe('the nodes read the mirrors the tour configures', () => {
  it('containerd: per node, each registry goes to its hosts.toml hosts, the mirror first and the registry last', async () => {
    const s = withMirrors({ mirrors: mirrors('docker.io=192.168.1.10:5000', 'quay.io=https://mirror.example.com/quay') });
    expect((await s.create()).exitCode).toBe(0);
    const node = s.world.clusters.get('ivol')?.nodes[0];
    expect(node?.registries?.runtime).toBe('containerd');
    const route = (registry: string) => node?.registries?.routes.get(registry)?.map((e) => `${e.scheme}://${e.host}${e.path} [${[...e.capabilities].join(',')}]`);
    expect(route('docker.io')).toEqual(['https://192.168.1.10:5000/v2 [pull,resolve]', 'https://registry-1.docker.io/v2 [pull,resolve,push]']);
    // override_path: the mirror keeps quay.io's repositories under /v2/quay.
    expect(route('quay.io')).toEqual(['https://mirror.example.com/v2/quay [pull,resolve]', 'https://quay.io/v2 [pull,resolve,push]']);
  });

  it('containerd 2.1 (kind v0.30) reads hosts.toml only because of the config_path patch', async () => {
    const given = mirrors('quay.io=192.168.1.10:5000');
    const patched = withMirrors({ featureGate: true, mirrors: given });
    await patched.create();
    expect(patched.world.clusters.get('ivol')?.nodes[0]?.runtime).toBe('containerd://2.1.1');
    expect(patched.world.clusters.get('ivol')?.nodes[0]?.registries?.routes.get('quay.io')?.[0]?.host).toBe('192.168.1.10:5000');
    // The same mounts without the patch: containerd 2.1 has no default config_path.
    const unpatched = tourFiles('containerd', given, KIND_CONFIG_GATE);
    const config = (unpatched['/work/kind.yaml'] ?? '').replace(/\n# Added for --mirror: containerd reads registry host configuration[\s\S]*$/, '\n');
    expect(config).not.toContain('config_path');
    const bare = withMirrors({ featureGate: true, files: { ...unpatched, '/work/kind.yaml': config } });
    await bare.create();
    expect(bare.world.clusters.get('ivol')?.nodes[0]?.registries?.routes.size).toBe(0);
  });

  it('CRI-O: the registries.conf drop-in, mirrors first, then the location, on both nodes', async () => {
    const s = withMirrors({ profile: 'crio', mirrors: mirrors('quay.io=192.168.1.10:5000'), nodeImageLocal: true });
    expect((await s.create()).exitCode).toBe(0);
    const nodes = s.world.clusters.get('ivol')?.nodes ?? [];
    expect(nodes).toHaveLength(2);
    for (const n of nodes) {
      expect(n.registries?.runtime).toBe('cri-o');
      expect(n.registries?.routes.get('quay.io')?.map((e) => `${e.scheme}://${e.host}`)).toEqual(['https://192.168.1.10:5000', 'https://quay.io']);
    }
  });
});

describe('pulls through mirrors (faults offline and mirror-down)', () => {
  it('without faults the Pod runs and the kubelet\'s events keep the Pod\'s references (the runtime, not the Pod, knows the mirror)', async () => {
    const s = withMirrors({ mirrors: mirrors('docker.io=192.168.1.10:5000', 'quay.io=192.168.1.10:5000') });
    await s.create();
    await s.applyAndWait();
    expect(await s.phase()).toBe('Running');
    const messages = (await s.podEvents()).map((e) => e.message);
    expect(messages).toContain('Pulling image "quay.io/crio/artifact:v2"');
    expect(messages.some((m) => m.startsWith('Successfully pulled image "debian:bookworm-slim"'))).toBe(true);
    expect((await s.kubectl('get', 'pod', 'image-volume', '-o', 'jsonpath={.spec.volumes[0].image.reference} {.spec.containers[0].image}')).stdout).toBe('quay.io/crio/artifact:v2 debian:bookworm-slim');
  });

  it('offline without a mirror: kind cannot pull the node image; dockerd cannot resolve Docker Hub, after kind\'s 4 retries', async () => {
    const s = withMirrors({ faults: ['offline'] });
    const start = s.world.clock.now();
    const r = await s.create();
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(' ✗ Ensuring node image (kindest/node:v1.35.0) 🖼\n');
    expect(r.stderr).toContain('ERROR: failed to create cluster: failed to pull image "kindest/node:v1.35.0": command "docker pull kindest/node:v1.35.0" failed with error: exit status 1\n');
    expect(r.stderr).toContain('Command Output: Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: server misbehaving\n');
    expect(s.world.clock.now() - start).toBeGreaterThanOrEqual(10_000);
    expect(s.world.clusters.has('ivol')).toBe(false);
  });

  it('offline without a mirror, the node image prepared: the node cannot resolve quay.io, and the event says so as containerd does', async () => {
    const s = withMirrors({ faults: ['offline'], nodeImageLocal: true });
    expect((await s.create()).exitCode).toBe(0);
    await s.applyAndWait();
    expect(await s.phase()).toBe('Pending');
    const failed = (await s.podEvents()).find((e) => e.type === 'Warning' && e.message.startsWith('Failed to pull image'));
    expect(failed?.message).toBe('Failed to pull image "quay.io/crio/artifact:v2": failed to pull and unpack image "quay.io/crio/artifact:v2": failed to resolve reference "quay.io/crio/artifact:v2": failed to do request: Head "https://quay.io/v2/crio/artifact/manifests/v2": dial tcp: lookup quay.io on 172.18.0.1:53: server misbehaving');
  });

  it('offline with a mirror the node can reach: everything is pulled through it, and the Pod runs', async () => {
    const s = withMirrors({ faults: ['offline'], mirrors: mirrors('docker.io=192.168.1.10:5000', 'quay.io=192.168.1.10:5000') });
    // The tour passes kind the node image by the mirror's name (engine/mirrors.ts kindImageArgument).
    const r = await s.run(['kind', 'create', 'cluster', '--name', 'ivol', '--image', '192.168.1.10:5000/kindest/node:v1.35.0', '--config', '/work/kind.yaml']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain(' ✓ Ensuring node image (192.168.1.10:5000/kindest/node:v1.35.0) 🖼\n');
    await s.applyAndWait();
    expect(await s.phase()).toBe('Running');
  });

  it('a loopback mirror: this machine\'s docker reaches it, the node does not (127.0.0.1 is the node itself), so the node falls back to the registry', async () => {
    const given = mirrors('docker.io=127.0.0.1:5000', 'quay.io=127.0.0.1:5000');
    const online = withMirrors({ mirrors: given });
    expect((await online.run(['kind', 'create', 'cluster', '--name', 'ivol', '--image', '127.0.0.1:5000/kindest/node:v1.35.0', '--config', '/work/kind.yaml'])).exitCode).toBe(0);
    await online.applyAndWait();
    expect(await online.phase()).toBe('Running');
    // Offline, the registry does not answer either: containerd returns the first host's error, the mirror's.
    const offline = withMirrors({ mirrors: given, faults: ['offline'] });
    expect((await offline.run(['kind', 'create', 'cluster', '--name', 'ivol', '--image', '127.0.0.1:5000/kindest/node:v1.35.0', '--config', '/work/kind.yaml'])).exitCode).toBe(0);
    await offline.applyAndWait();
    const waiting = (await offline.adapters.cluster.getPod('image-volume'))?.status?.containerStatuses?.[0]?.state?.waiting;
    expect(waiting?.message).toContain('failed to do request: Head "http://127.0.0.1:5000/v2/crio/artifact/manifests/v2?ns=quay.io": dial tcp 127.0.0.1:5000: connect: connection refused');
    const described = await offline.kubectl('describe', 'pod', 'image-volume');
    expect(described.stdout).toContain('http://127.0.0.1:5000/v2/crio/artifact/manifests/v2?ns=quay.io');
  });

  it('mirror-down: kind pulls the node image by the mirror\'s name, so it fails naming the mirror (no fallback on this machine)', async () => {
    const s = withMirrors({ faults: ['mirror-down'], mirrors: mirrors('docker.io=192.168.1.10:5000') });
    const r = await s.run(['kind', 'create', 'cluster', '--name', 'ivol', '--image', '192.168.1.10:5000/kindest/node:v1.35.0', '--config', '/work/kind.yaml']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('Command Output: Error response from daemon: Get "https://192.168.1.10:5000/v2/": dial tcp 192.168.1.10:5000: connect: connection refused\n');
  });

  it('mirror-down: the tour\'s hosts.toml falls back to the registry (the last host), so the Pod still runs', async () => {
    const s = withMirrors({ faults: ['mirror-down'], mirrors: mirrors('docker.io=192.168.1.10:5000', 'quay.io=192.168.1.10:5000'), nodeImageLocal: true });
    await s.create();
    await s.applyAndWait();
    expect(await s.phase()).toBe('Running');
  });

  it('mirror-down and offline: the error is the mirror\'s, the first host tried, with ?ns= as containerd asks a mirror', async () => {
    const s = withMirrors({ faults: ['mirror-down', 'offline'], mirrors: mirrors('docker.io=mirror.example.com', 'quay.io=mirror.example.com/quay'), nodeImageLocal: true });
    await s.create();
    await s.applyAndWait();
    const failed = (await s.podEvents()).find((e) => e.type === 'Warning' && e.message.startsWith('Failed to pull image'));
    expect(failed?.message).toMatch(/^Failed to pull image "quay\.io\/crio\/artifact:v2": failed to pull and unpack image "quay\.io\/crio\/artifact:v2": failed to resolve reference "quay\.io\/crio\/artifact:v2": failed to do request: Head "https:\/\/mirror\.example\.com\/v2\/quay\/crio\/artifact\/manifests\/v2\?ns=quay\.io": dial tcp 203\.0\.113\.\d+:443: connect: connection refused$/);
  });

  it('mirror-down with a hosts.toml whose server is the mirror: no registry to fall back to, the pull fails naming the mirror', async () => {
    const own = '# only the mirror\nserver = "http://192.168.1.10:5000"\n';
    const given = mirrors('docker.io=192.168.1.10:5000', 'quay.io=192.168.1.10:5000');
    const files = tourFiles('containerd', given);
    files['/work/certs.d/quay.io/hosts.toml'] = own;
    const s = withMirrors({ faults: ['mirror-down'], files, nodeImageLocal: true });
    await s.create();
    expect(s.world.clusters.get('ivol')?.nodes[0]?.registries?.routes.get('quay.io')?.map((e) => e.host)).toEqual(['192.168.1.10:5000']);
    await s.applyAndWait();
    const waiting = (await s.adapters.cluster.getPod('image-volume'))?.status?.containerStatuses?.[0]?.state?.waiting;
    expect(waiting?.reason).toBe('ImagePullBackOff');
    expect(waiting?.message).toContain('Head "http://192.168.1.10:5000/v2/crio/artifact/manifests/v2?ns=quay.io": dial tcp 192.168.1.10:5000: connect: connection refused');
  });

  it('CRI-O, offline and mirror down: containers/image lists the mirror that also failed, then the registry', async () => {
    const s = withMirrors({ profile: 'crio', faults: ['mirror-down', 'offline'], mirrors: mirrors('quay.io=192.168.1.10:5000'), nodeImageLocal: true });
    await s.create();
    await s.applyAndWait();
    const waiting = (await s.adapters.cluster.getPod('image-volume'))?.status?.containerStatuses?.[0]?.state?.waiting;
    expect(waiting?.message).toContain('initializing source docker://quay.io/crio/artifact:v1: (Mirrors also failed: [192.168.1.10:5000/crio/artifact:v1: pinging container registry 192.168.1.10:5000: Get "https://192.168.1.10:5000/v2/": dial tcp 192.168.1.10:5000: connect: connection refused]): quay.io/crio/artifact:v1: pinging container registry quay.io: Get "https://quay.io/v2/": dial tcp: lookup quay.io on 172.18.0.1:53: server misbehaving');
  });
});

describe('reading the runtime\'s files as the runtime does', () => {
  const hosts = (registry: string, text: string) => parseHostsToml(registry, text)?.map((e) => `${e.scheme}://${e.host}${e.path}`) ?? null;

  it('hosts.go: [host] entries in file order, then server, or the registry itself when there is none', () => {
    expect(hosts('docker.io', '[host."http://a:5000"]\n[host."https://b"]\n')).toEqual(['http://a:5000/v2', 'https://b/v2', 'https://registry-1.docker.io/v2']);
    expect(hosts('quay.io', 'server = "https://quay.io"\n[host."https://m.example.com/v2/quay"]\noverride_path = true\n')).toEqual(['https://m.example.com/v2/quay', 'https://quay.io/v2']);
    // server names the mirror itself: nothing else to fall back to.
    expect(hosts('quay.io', 'server = "http://192.168.1.10:5000"\n')).toEqual(['http://192.168.1.10:5000/v2']);
    // A server without a scheme is https; a path gains /v2 unless override_path.
    expect(hosts('ghcr.io', 'server = "m.example.com/ghcr"\n')).toEqual(['https://m.example.com/ghcr/v2']);
  });

  it('hosts.go: a file containerd cannot decode, or an unknown capability, is not used', () => {
    expect(parseHostsToml('docker.io', 'server = \n')).toBeNull();
    expect(parseHostsToml('docker.io', '[host."http://a:5000"]\ncapabilities = ["pull", "fly"]\n')).toBeNull();
  });

  it('a host without the resolve capability is not asked for a tag (containerd resolves tags only through resolve hosts)', () => {
    const pullOnly = parseHostsToml('quay.io', '[host."http://192.168.1.10:5000"]\ncapabilities = ["pull"]\n');
    const outcome = pullInNode('quay.io/crio/artifact:v2', { runtime: 'containerd', routes: new Map([['quay.io', pullOnly ?? []]]) }, new Set(['offline']));
    // Only quay.io itself may resolve the tag, and offline it does not answer.
    expect(outcome).toEqual({ ok: false, error: 'failed to pull and unpack image "quay.io/crio/artifact:v2": failed to resolve reference "quay.io/crio/artifact:v2": failed to do request: Head "https://quay.io/v2/crio/artifact/manifests/v2": dial tcp: lookup quay.io on 172.18.0.1:53: server misbehaving' });
  });

  it('config_path: from the v2 or v3 CRI key of containerdConfigPatches, the last patch that sets it', () => {
    expect(configPathFromPatches(['[plugins."io.containerd.grpc.v1.cri".registry]\n  config_path = "/etc/containerd/certs.d"\n'])).toBe('/etc/containerd/certs.d');
    expect(configPathFromPatches(['[plugins."io.containerd.cri.v1.images".registry]\nconfig_path = "/a"\n', '[plugins."io.containerd.grpc.v1.cri".registry]\nconfig_path = "/b"\n'])).toBe('/b');
    expect(configPathFromPatches(['[plugins."io.containerd.grpc.v1.cri".containerd]\nsnapshotter = "overlayfs"\n', 'not toml ['])).toBeUndefined();
  });

  it('registries.conf: per prefix, the mirrors in order, then the location; insecure mirrors over http', () => {
    const conf = parseRegistriesConf('[[registry]]\nprefix = "docker.io"\nlocation = "docker.io"\n[[registry.mirror]]\nlocation = "127.0.0.1:5000"\ninsecure = true\n[[registry.mirror]]\nlocation = "m.example.com/hub"\n');
    expect(conf?.get('docker.io')?.map((e) => `${e.scheme}://${e.host} ${e.path}`)).toEqual(['http://127.0.0.1:5000 ', 'https://m.example.com hub', 'https://registry-1.docker.io ']);
  });
});
