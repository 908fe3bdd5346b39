// What the tour writes for --mirror and after `prepare`, from the built-in tutorial's real
// assets (src/engine/runtime-mirrors.ts): the kind configs stay valid kind v1alpha4 Clusters
// (test/helpers/kind-config-schema.ts, kind's Go types) and mount exactly the runtime files the
// tour writes; the hosts.toml files follow containerd's documented format and the CRI-O drop-in
// containers-registries.conf(5) (test/helpers/registry-config-schema.ts); the Pod pulls nothing
// that was loaded into the node. And the images a session needs, as derived from the plan and
// the tutorial.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadTutorialDir } from '../src/adapters/tutorial-files.js';
import { BUILTIN_TUTORIAL_DIR } from '../src/adapters/package-paths.js';
import { parseMirrors, type Mirror } from '../src/engine/mirrors.js';
import type { Profile, SessionFacts, TutorialSpec } from '../src/engine/model.js';
import { ARTIFACT_CONTAINERD, CRIO_NODE_IMAGE, KIND_DEFAULT_NODE_IMAGES, kindDefaultNodeImage, planFor, pulledNodeImage } from '../src/engine/plan.js';
import { requiredImages } from '../src/engine/required-images.js';
import { assetRewrites, containerdHostDir, containerdHostsToml, crioMirrorsConf, isKindClusterConfig, kindConfigWithMirrors, podPullingNothing } from '../src/engine/runtime-mirrors.js';
import { stepFiles } from '../src/engine/tour.js';
import { checkKindConfig, type Json } from './helpers/kind-config-schema.js';
import { checkHostsToml, checkRegistriesConf } from './helpers/registry-config-schema.js';

const loaded = loadTutorialDir(BUILTIN_TUTORIAL_DIR);
if (!loaded.ok) throw new Error('the built-in tutorial does not load');
const tutorial: TutorialSpec = loaded.tutorial;
const WORK = '/home/learner/.local/share/ivol-tour/work/ivol';

function mirrors(...values: string[]): readonly Mirror[] {
  const r = parseMirrors(values);
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.mirrors;
}

function yaml(text: string): Json {
  const doc = parseDocument(text, { uniqueKeys: true });
  expect([...doc.errors, ...doc.warnings].map((e) => e.message)).toEqual([]);
  return doc.toJS() as Json;
}

function facts(profile: Profile, featureGate: boolean, extra: Partial<SessionFacts> = {}): SessionFacts {
  const plan = planFor(featureGate ? 'v0.30.0' : 'v0.31.0', profile);
  return { mode: 'real', profile, featureGate, lang: 'en', cluster: 'ivol', context: 'kind-ivol', namespace: 'default', artifact: plan.artifact, nodeImage: plan.nodeImage, workDir: WORK, ...extra };
}

function assets(): { asset: string; content: string }[] {
  return tutorial.steps.flatMap((s) => s.files.map((f) => ({ asset: f.asset, content: f.content })));
}

const SESSIONS: [Profile, boolean, string][] = [
  ['containerd', false, 'kind-config.containerd.yaml'],
  ['containerd', true, 'kind-config.containerd-gate.yaml'],
  ['crio', true, 'kind-config.crio.yaml'],
];

describe('the kind config with mirrors', () => {
  const room = mirrors('docker.io=127.0.0.1:5000', 'quay.io=https://mirror.example.com/quay', 'ghcr.io=http://192.168.1.10:5000');

  it.each(SESSIONS)('%s (gate %s): %s stays a valid kind v1alpha4 Cluster and mounts every file the tour writes', (profile, featureGate, asset) => {
    const f = facts(profile, featureGate, { mirrors: room });
    const rewrites = assetRewrites(assets(), { profile, workDir: WORK, mirrors: room, loaded: [] });
    const files = stepFiles(tutorial.steps.find((s) => s.id === 'cluster-config') ?? tutorial.steps[0], { ...f, rewrites });
    const config = files.find((x) => x.name === 'kind-config');
    expect(config?.path).toBe(`${WORK}/${asset}`);
    expect(config?.note?.key).toBe(profile === 'crio' ? 'mirror.note.crio' : 'mirror.note.containerd');
    const errors: string[] = [];
    const summary = checkKindConfig(yaml(config?.content ?? ''), errors);
    expect(errors).toEqual([]);
    // The original config is all there, comments included; only additions.
    const original = tutorial.steps.flatMap((s) => s.files).find((x) => x.asset === asset)?.content ?? '';
    for (const line of original.split('\n')) expect(config?.content).toContain(line);
    const extra = files.filter((x) => x.name !== 'kind-config');
    expect(extra.length).toBe(profile === 'crio' ? 1 : 3);
    for (const node of summary.mounts) {
      expect(node.map((m) => m.hostPath)).toEqual(extra.map((x) => x.path));
      expect(node.every((m) => m.readOnly)).toBe(true);
      for (const m of node) expect(m.hostPath.startsWith(`${WORK}/`)).toBe(true);
    }
    expect(summary.mounts.length).toBe(profile === 'crio' ? 2 : 1);
    if (profile === 'crio') {
      expect(summary.mounts.flat().map((m) => m.containerPath)).toEqual(Array(2).fill('/etc/containers/registries.conf.d/ivol-tour-mirrors.conf'));
      expect(summary.containerd).toEqual([]);
    } else {
      expect(summary.mounts[0]?.map((m) => m.containerPath)).toEqual(['docker.io', 'quay.io', 'ghcr.io'].map((r) => `/etc/containerd/certs.d/${r}/hosts.toml`));
      // config_path points the CRI image service at the directory the files are mounted in.
      expect(summary.containerd).toEqual([{ plugins: { 'io.containerd.grpc.v1.cri': { registry: { config_path: '/etc/containerd/certs.d' } } } }]);
    }
  });

  it('containerd: one hosts.toml per registry, in containerd\'s format: the mirror first (pull, resolve), the registry as the fallback', () => {
    const [hub, quay, ghcr] = room;
    const expected: [Mirror | undefined, string, string, boolean][] = [
      [hub, 'https://registry-1.docker.io', 'http://127.0.0.1:5000', false],
      [quay, 'https://quay.io', 'https://mirror.example.com/v2/quay', true],
      [ghcr, 'https://ghcr.io', 'http://192.168.1.10:5000', false],
    ];
    for (const [m, server, host, override] of expected) {
      if (!m) throw new Error('mirror');
      const errors: string[] = [];
      const toml = checkHostsToml(containerdHostsToml(m), errors);
      expect(errors).toEqual([]);
      expect(toml.server).toBe(server);
      expect(toml.hosts).toEqual([[host, { capabilities: ['pull', 'resolve'], ...(override ? { override_path: true } : {}) }]]);
    }
  });

  it('the hosts.toml checker rejects what containerd would not decode or ignore', () => {
    const errors: string[] = [];
    checkHostsToml('server = "registry-1.docker.io"\nmirrors = 1\n[host."127.0.0.1:5000"]\n  capabilities = ["pull", "fetch"]\n  skip_verify = "yes"\n  endpoint = "x"\n', errors);
    expect(errors).toEqual([
      'mirrors: not a hosts.toml key',
      'server must be an http(s) URL',
      'host."127.0.0.1:5000": a host is an http:// or https:// URL',
      'host."127.0.0.1:5000".endpoint: not a host key',
      'host."127.0.0.1:5000".capabilities must be a list of pull, resolve, push',
      'host."127.0.0.1:5000".skip_verify must be a boolean',
    ]);
    const bad: string[] = [];
    checkHostsToml('[host."http://x"\n', bad);
    expect(bad[0]).toMatch(/^not TOML/);
  });

  it('a registry with a port gets containerd\'s host_port_ directory (no colon in a docker mount)', () => {
    expect(containerdHostDir('registry.example.com:5000')).toBe('registry.example.com_5000_');
    expect(containerdHostDir('docker.io')).toBe('docker.io');
    const m = mirrors('registry.example.com:5000=http://10.0.0.1:5000');
    const text = kindConfigWithMirrors('kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n', 'containerd', [{ hostPath: `${WORK}/certs.d/registry.example.com_5000_/hosts.toml`, containerPath: '/etc/containerd/certs.d/registry.example.com_5000_/hosts.toml' }]);
    const errors: string[] = [];
    const summary = checkKindConfig(yaml(text ?? ''), errors);
    expect(errors).toEqual([]);
    // kind's default cluster (no nodes) gets its one control-plane node said explicitly, to mount the file.
    expect(summary.roles).toEqual(['control-plane']);
    expect(m.length).toBe(1);
  });

  it('CRI-O: one registries.conf drop-in in containers-registries.conf(5) form, plain HTTP marked insecure', () => {
    const errors: string[] = [];
    const conf = checkRegistriesConf(crioMirrorsConf(room), errors);
    expect(errors).toEqual([]);
    expect(conf.registries).toEqual([
      { prefix: 'docker.io', location: 'docker.io', mirrors: [{ location: '127.0.0.1:5000', insecure: true }] },
      { prefix: 'quay.io', location: 'quay.io', mirrors: [{ location: 'mirror.example.com/quay', insecure: false }] },
      { prefix: 'ghcr.io', location: 'ghcr.io', mirrors: [{ location: '192.168.1.10:5000', insecure: true }] },
    ]);
  });

  it('is a pure function: the same inputs give the same files, and no mirror changes nothing', () => {
    const a = assetRewrites(assets(), { profile: 'containerd', workDir: WORK, mirrors: room, loaded: [] });
    const b = assetRewrites(assets(), { profile: 'containerd', workDir: WORK, mirrors: room, loaded: [] });
    expect(a).toEqual(b);
    expect(assetRewrites(assets(), { profile: 'containerd', workDir: WORK, mirrors: [], loaded: [] })).toEqual({});
    expect(isKindClusterConfig('kind: Pod\napiVersion: v1\n')).toBe(false);
  });
});

describe('the Pod after prepare', () => {
  it('pulls nothing that was loaded into the node: IfNotPresent for the container and the image volume', () => {
    const pod = tutorial.steps.flatMap((s) => s.files).find((f) => f.asset === 'pod.containerd.yaml')?.content ?? '';
    const text = podPullingNothing(pod, ['debian:bookworm-slim', ARTIFACT_CONTAINERD]);
    const doc = yaml(text ?? '') as { spec: { containers: { imagePullPolicy?: string }[]; volumes: { image: { pullPolicy: string } }[] } };
    expect(doc.spec.containers[0]?.imagePullPolicy).toBe('IfNotPresent');
    expect(doc.spec.volumes[0]?.image.pullPolicy).toBe('IfNotPresent');
    expect(text).toContain('      command: ["sleep", "infinity"]');
    // Nothing loaded: nothing to change.
    expect(podPullingNothing(pod, ['busybox:1'])).toBeNull();
    // A policy that would pull is replaced.
    const always = podPullingNothing(pod.replace('pullPolicy: IfNotPresent', 'pullPolicy: Always'), [ARTIFACT_CONTAINERD]);
    expect(always).toContain('pullPolicy: IfNotPresent');
    expect(always).not.toMatch(/pullPolicy: Always/);
  });
});

describe('the images a session needs (from the plan and the tutorial, never a list of its own)', () => {
  it.each([
    ['containerd', false, 'v0.31.0', [[KIND_DEFAULT_NODE_IMAGES['v0.31'], 'node'], ['debian:bookworm-slim', 'pod'], ['quay.io/crio/artifact:v2', 'pod']]],
    ['containerd', true, 'v0.30.0', [[KIND_DEFAULT_NODE_IMAGES['v0.30'], 'node'], ['debian:bookworm-slim', 'pod'], ['quay.io/crio/artifact:v2', 'pod']]],
    ['crio', true, 'v0.31.0', [[CRIO_NODE_IMAGE, 'node'], ['debian:bookworm-slim', 'pod'], ['quay.io/crio/artifact:v1', 'pod']]],
  ] as const)('%s (gate %s, kind %s)', (profile, featureGate, kind, want) => {
    const plan = planFor(kind, profile);
    const images = requiredImages(tutorial, facts(profile, featureGate), pulledNodeImage(plan, kind));
    expect(images.map((i) => [i.reference, i.role])).toEqual(want);
    expect([...new Set(images.map((i) => i.registry))].sort()).toEqual(profile === 'crio' ? ['docker.io', 'ghcr.io', 'quay.io'] : ['docker.io', 'quay.io']);
  });

  it('kind\'s default node image is known per release, pinned by digest; unknown releases name none', () => {
    expect(kindDefaultNodeImage('kind v0.31.0 go1.25.5 linux/amd64')).toBe('kindest/node:v1.35.0@sha256:452d707d4862f52530247495d180205e029056831160e22870e37e3f6c1ac31f');
    expect(kindDefaultNodeImage('v0.99.0')).toBe('');
    expect(kindDefaultNodeImage(undefined)).toBe('');
    for (const image of Object.values(KIND_DEFAULT_NODE_IMAGES)) expect(image).toMatch(/^kindest\/node:v1\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
  });
});

it('the tutorial is where the assets are (sanity)', () => {
  expect(tutorial.dir).toBe(BUILTIN_TUTORIAL_DIR);
  expect(join(tutorial.dir, 'assets')).toContain('image-volume');
});

describe('the cluster-config step as the learner sees it', () => {
  it('shows the kind config exactly as written, the hosts.toml with it, and one sentence on why, in both languages', async () => {
    const { stepContentLines } = await import('../src/ui/step-content.js');
    const { initialState } = await import('../src/engine/tour.js');
    const room = mirrors('docker.io=192.168.1.10:5000');
    const f = facts('containerd', false, { mirrors: room });
    const rewrites = assetRewrites(assets(), { profile: 'containerd', workDir: WORK, mirrors: room, loaded: [] });
    const state = initialState(tutorial, { ...f, rewrites });
    const index = tutorial.steps.findIndex((s) => s.id === 'cluster-config');
    // eslint-disable-next-line no-control-regex
    const plainText = (lines: string[]): string => lines.join('\n').replace(/\x1b\[[0-9;]*m/g, '');
    const en = plainText(stepContentLines(state, index, { lang: 'en', width: 200, color: false, highlight: null }));
    expect(en).toContain('Because of --mirror (docker.io=https://192.168.1.10:5000), each node mounts a hosts.toml per registry');
    expect(en).toContain(`── hosts-docker.io  ${WORK}/certs.d/docker.io/hosts.toml`);
    expect(en).toContain('  [host."https://192.168.1.10:5000"]');
    expect(en).toContain('        containerPath: /etc/containerd/certs.d/docker.io/hosts.toml');
    const zh = plainText(stepContentLines(state, index, { lang: 'zh-CN', width: 200, color: false, highlight: null }));
    expect(zh).toContain('因为指定了 --mirror（docker.io=https://192.168.1.10:5000）');
    // Without mirrors: the asset as it is, no sentence.
    const plain = plainText(stepContentLines(initialState(tutorial, facts('containerd', false)), index, { lang: 'en', width: 200, color: false, highlight: null }));
    expect(plain).not.toContain('Because of --mirror');
    expect(plain).not.toContain('hosts.toml');
  });
});
