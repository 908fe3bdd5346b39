import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRealAdapters, refusal, type RealAdapters } from '../src/adapters/cluster/real/index.js';
import type { OutputStream, ShellLauncher } from '../src/adapters/ports.js';
import { memoryClusterRecord, type ClusterRecord } from '../src/adapters/store/cluster-record.js';
import { createFileStore } from '../src/adapters/store/file-store.js';
import { loadTutorialDir } from '../src/adapters/tutorial-files.js';
import { TourController } from '../src/app/tour-controller.js';
import { cleanupCommand, cleanupOutput, type CleanupOptions } from '../src/commands/cleanup.js';
import { doctorCommand } from '../src/commands/doctor.js';
import { diagnose } from '../src/engine/diagnosis.js';
import type { SessionFacts } from '../src/engine/model.js';
import { isMessageKey, tRef } from '../src/i18n/index.js';
import { writeKubeconfig, type WrittenKubeconfig } from './fake-apiserver/kubeconfig.js';
import { startFakeApiServer, type FakeApiServer } from './fake-apiserver/server.js';
import { fakeEnv, type FakeTool } from './fakes/env.js';

const noShells: ShellLauncher = { open: () => Promise.reject(new Error('no shells in this test')) };

let tour: FakeApiServer;
let other: FakeApiServer;
let kc: WrittenKubeconfig;
/** Removed after each test: the fake tools' folders and the kubeconfig's. */
const tempDirs: string[] = [];
const adapters: RealAdapters[] = [];
/** Temporary folders made by a test, removed after it. */
const dirs: string[] = [];
let kubeconfigMayChange = false;

function make(tools: FakeTool[], o: { scenario?: string; mode?: 'real' | 'byoc'; context?: string; namespace?: string; extra?: Record<string, string>; withTourContext?: boolean; record?: ClusterRecord; ask?: (q: { key: string }) => Promise<boolean | null> } = {}) {
  if (o.withTourContext === false) kc = writeKubeconfig({ otherServer: other.url, dir: kc.dir });
  const fe = fakeEnv({ tools, ...(o.scenario ? { scenario: o.scenario } : {}), kubeconfig: kc.path, extra: { IVOL_FAKE_APISERVER: tour.url, ...(o.extra ?? {}) } });
  tempDirs.push(fe.dir);
  const mode = o.mode ?? 'real';
  const a = createRealAdapters({
    mode,
    cluster: 'ivol',
    context: o.context ?? 'kind-ivol',
    namespace: o.namespace ?? (mode === 'byoc' ? 'ivol-tour' : 'default'),
    env: fe.env,
    files: createFileStore(),
    shells: noShells,
    record: o.record ?? memoryClusterRecord(),
    ...(o.ask ? { ask: o.ask } : {}),
    platform: 'linux',
  });
  adapters.push(a);
  dirs.push(fe.dir);
  const facts: SessionFacts = {
    mode, profile: 'containerd', featureGate: false, lang: 'en', cluster: 'ivol', context: o.context ?? 'kind-ivol',
    namespace: o.namespace ?? (mode === 'byoc' ? 'ivol-tour' : 'default'), artifact: 'quay.io/crio/artifact:v2', nodeImage: '', workDir: join(fe.dir, 'work'),
  };
  return { a, fe, facts };
}

function capture() {
  const c = { out: '', err: '', stdout: (s: string) => { c.out += s; }, stderr: (s: string) => { c.err += s; } };
  return c;
}

async function run(a: RealAdapters, argv: string[]) {
  let output = '';
  const r = await a.commands.run({ argv, timeoutMs: 20_000 }, (t: string, _s: OutputStream) => { output += t; });
  return { ...r, output };
}

beforeEach(async () => {
  tour = await startFakeApiServer();
  other = await startFakeApiServer();
  kc = writeKubeconfig({ tourServer: tour.url, otherServer: other.url });
  kubeconfigMayChange = false;
});

afterEach(async () => {
  for (const a of adapters.splice(0)) await a.dispose();
  // SAFETY: the current context's cluster never hears from the tour.
  expect(other.requests).toEqual([]);
  if (!kubeconfigMayChange) expect(readFileSync(kc.path, 'utf8')).toBe(kc.text);
  await tour.close();
  await other.close();
  for (const d of [...tempDirs.splice(0), ...dirs.splice(0), kc.dir]) rmSync(d, { recursive: true, force: true });
});

describe('doctor (real mode)', () => {
  it('a working machine: docker answering, kind v0.31.0, kubectl; the containerd plan', async () => {
    const { a, fe } = make(['docker', 'kind', 'kubectl']);
    const r = await a.doctor();
    expect(r.ready).toBe(true);
    expect(r.engine).toBe('docker');
    expect(r.tools.find((t) => t.name === 'docker')).toMatchObject({ found: true, daemonReachable: true, version: '28.5.1' });
    expect(r.tools.find((t) => t.name === 'kind')).toMatchObject({ found: true, version: 'v0.31.0' });
    expect(r.tools.find((t) => t.name === 'kubectl')?.version).toMatch(/^v1\.32\./);
    expect(r.tools.find((t) => t.name === 'podman')).toMatchObject({ found: false });
    expect(r.plan).toMatchObject({ profile: 'containerd', featureGate: false, nodeImage: '', artifact: 'quay.io/crio/artifact:v2', subPath: 'yes' });
    expect(fe.calls().map((c) => [c.tool, ...c.argv]).sort()).toEqual([
      ['docker', 'info', '--format', '{{.ServerVersion}}'],
      ['kind', 'version'],
    ]);
    // Only kubectl's own version lookup (a gcloud kubectl dispatcher asks the server of the
    // context it is given) reaches the tour's cluster; nothing else does.
    expect(tour.requests.every((r) => r.path === '/version')).toBe(true);
  });

  it('no container engine: not ready, the cause and how to get one', async () => {
    const { a } = make(['kind', 'kubectl']);
    const r = await a.doctor();
    expect(r.ready).toBe(false);
    expect(r.engine).toBeNull();
    expect(r.problems).toEqual([{ tool: 'engine', message: { key: 'doctor.problem.noEngine' }, fix: { key: 'doctor.fix.engine.linux' } }]);
    const c = capture();
    expect(await doctorCommand(a, { json: false, lang: 'en', stdout: c.stdout, stderr: c.stderr })).toBe(1);
    expect(c.out).toMatch(/docker\s+missing/);
    expect(c.out).toContain('No container engine');
    expect(c.out).toContain('https://docs.docker.com/engine/install/');
    const j = capture();
    expect(await doctorCommand(a, { json: true, lang: 'zh-CN', stdout: j.stdout })).toBe(1);
    const parsed = JSON.parse(j.out) as { ready: boolean; plan: { profile: string }; text: { problems: { message: string }[] } };
    expect(parsed.ready).toBe(false);
    expect(parsed.plan.profile).toBe('containerd');
    expect(parsed.text.problems[0]?.message).toContain('没有容器引擎');
  });

  it('docker installed but its daemon down', async () => {
    const { a } = make(['docker', 'kind', 'kubectl'], { scenario: 'no-daemon' });
    const r = await a.doctor();
    expect(r.engine).toBeNull();
    expect(r.tools.find((t) => t.name === 'docker')).toMatchObject({ found: true, daemonReachable: false });
    expect(r.problems[0]?.message).toEqual({ key: 'doctor.problem.daemonDown', params: { engine: 'docker', detail: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' } });
    expect(r.problems[0]?.fix.key).toBe('doctor.fix.daemon.docker.linux');
    // Only the engine: docker being down does not make podman "missing".
    expect(r.problems.map((p) => p.tool)).toEqual(['engine']);
    const c = capture();
    await doctorCommand(a, { json: false, lang: 'en', stdout: c.stdout });
    expect(c.out).toMatch(/docker\s+installed, not running/);
    expect(c.out).toMatch(/podman\s+not found \(optional\)/);
    expect(c.out).toContain('docker is installed but not running');
    expect(c.out).toContain('sudo systemctl start docker');
    expect(c.out).not.toMatch(/podman machine|podman\.socket|podman\s+missing|missing: podman/);
  });

  it.each([
    ['linux', 'sudo systemctl start docker'],
    ['macos', 'open -a Docker'],
    ['wsl', 'WSL integration'],
    ['windows', 'Start Docker Desktop'],
  ] as const)('the daemon fix is for the platform (%s) and the engine', async (platform, text) => {
    const fe = fakeEnv({ tools: ['docker', 'kind', 'kubectl'], scenario: 'no-daemon', kubeconfig: kc.path });
    tempDirs.push(fe.dir);
    const a = createRealAdapters({ mode: 'real', cluster: 'ivol', context: 'kind-ivol', namespace: 'default', record: memoryClusterRecord(), env: fe.env, files: createFileStore(), shells: noShells, platform });
    adapters.push(a);
    const fix = (await a.doctor()).problems[0]?.fix;
    expect(fix?.key).toBe(`doctor.fix.daemon.docker.${platform}`);
    expect(fix ? tRef('en', fix) : '').toContain(text);
    expect(fix ? tRef('zh-CN', fix) : '').not.toBe(fix?.key);
  });

  it('a kind that hangs on `kind version` is a problem, within the probe\'s limit', async () => {
    const fe = fakeEnv({ tools: ['docker', 'kind', 'kubectl'], scenario: 'kind-version-hangs', kubeconfig: kc.path });
    tempDirs.push(fe.dir);
    const { runDoctor } = await import('../src/adapters/cluster/real/doctor.js');
    const { createProcessRunner } = await import('../src/adapters/process/command-runner.js');
    const runner = createProcessRunner({ env: fe.env, graceMs: 200 });
    const started = Date.now();
    const r = await runDoctor({ mode: 'real', context: 'kind-ivol', runner, env: fe.env, platform: 'linux', probeTimeoutMs: 700 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.ready).toBe(false);
    expect(r.tools.find((t) => t.name === 'kind')).toMatchObject({ found: true, timedOut: true });
    expect(r.problems).toEqual([
      { tool: 'kind', message: { key: 'doctor.problem.probeTimedOut', params: { command: 'kind version', seconds: 1 } }, fix: { key: 'doctor.fix.probeTimedOut', params: { command: 'kind version', tool: 'kind' } } },
    ]);
    // The hung kind was ended, not left behind.
    expect(runner.running()).toBe(0);
  });

  it('KIND_EXPERIMENTAL_PROVIDER=podman: only podman is asked', async () => {
    const { a, fe } = make(['docker', 'podman', 'kind', 'kubectl'], { extra: { KIND_EXPERIMENTAL_PROVIDER: 'podman' } });
    const r = await a.doctor();
    expect(r.engine).toBe('podman');
    expect(fe.calls().filter((c) => c.tool === 'docker')).toEqual([]);
    expect(fe.calls().find((c) => c.tool === 'podman')?.argv).toEqual(['info', '--format', '{{.Version.Version}}']);
  });

  it('kind v0.29: the gate goes on; kind v0.27: upgrade', async () => {
    const a29 = make(['docker', 'kind', 'kubectl'], { extra: { IVOL_FAKE_KIND_VERSION: 'v0.29.0' } }).a;
    expect((await a29.doctor()).plan).toMatchObject({ featureGate: true, subPath: 'ignored' });
    const a27 = make(['docker', 'kind', 'kubectl'], { extra: { IVOL_FAKE_KIND_VERSION: 'v0.27.0' } }).a;
    const r = await a27.doctor();
    expect(r.ready).toBe(false);
    expect(r.problems.map((p) => p.message.key)).toEqual(['doctor.problem.kindTooOld']);
  });

  it('nothing installed at all: every problem has a message and a fix in the catalogs', async () => {
    const { a } = make([]);
    const r = await a.doctor();
    expect(r.problems.map((p) => p.tool)).toEqual(['engine', 'kind', 'kubectl']);
    for (const p of r.problems) {
      expect(isMessageKey(p.message.key), p.message.key).toBe(true);
      expect(isMessageKey(p.fix.key), p.fix.key).toBe(true);
    }
    for (const platform of ['linux', 'macos', 'wsl', 'windows']) {
      for (const what of ['engine', 'daemon.docker', 'daemon.podman', 'kind', 'kindUpgrade', 'kubectl']) expect(isMessageKey(`doctor.fix.${what}.${platform}`), `${what}.${platform}`).toBe(true);
    }
  });
});

describe('commands (safety and kind)', () => {
  it('refuses kubectl without the tour context and kind acting on another cluster', async () => {
    const { a, fe } = make(['docker', 'kind', 'kubectl']);
    for (const argv of [
      ['kubectl', 'get', 'pods'],
      ['kubectl', 'get', 'pods', '--context', 'prod-cluster'],
      ['kubectl', 'config', 'use-context', 'kind-ivol', '--context', 'kind-ivol'],
      ['kind', 'delete', 'cluster', '--name', 'prod'],
      ['kind', 'delete', 'cluster'],
      ['kind', 'delete', 'clusters', '--all'],
    ]) {
      const r = await run(a, argv);
      expect(r.spawnError, argv.join(' ')).toMatch(/^refused/);
    }
    expect(fe.calls()).toEqual([]);
    expect(refusal(['kubectl', 'get', 'pods', '--context=kind-ivol'], { mode: 'real', cluster: 'ivol', context: 'kind-ivol' })).toBeNull();
    // Even `version --client`: the gcloud kubectl dispatcher asks the current context's server.
    expect(refusal(['kubectl', 'version', '--client'], { mode: 'real', cluster: 'ivol', context: 'kind-ivol' })).toMatch(/^refused/);
    expect(refusal(['kind', 'create', 'cluster', '--name', 'ivol'], { mode: 'byoc', cluster: 'ivol', context: 'x' })).toMatch(/^refused/);
  });

  it('kind create streams kind\'s progress lines, writes the context; the probe then sees the cluster', async () => {
    kubeconfigMayChange = true; // kind itself writes its context
    const { a, fe } = make(['docker', 'kind', 'kubectl'], { withTourContext: false });
    expect(await a.cluster.clusterExists()).toBe(false);
    expect((await a.cluster.snapshot()).reachable).toBe(false);
    const r = await run(a, ['kind', 'create', 'cluster', '--name', 'ivol', '--wait', '5m']);
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain(' ✓ Ensuring node image (kindest/node:v1.35.0) 🖼\n');
    expect(r.output).toContain('Set kubectl context to "kind-ivol"');
    expect(await a.cluster.clusterExists()).toBe(true);
    const s = await a.cluster.snapshot();
    expect(s.reachable).toBe(true);
    expect(s.nodes[0]?.status?.nodeInfo?.containerRuntimeVersion).toBe('containerd://2.2.0');
    expect(fe.calls().map((c) => c.argv.join(' '))).toEqual(['get clusters', 'create cluster --name ivol --wait 5m', 'get clusters']);
  });

  it('before the tour\'s context exists, kubectl itself says so (the ownership check does not stand in its way)', async () => {
    const { a, fe, facts } = make(['kubectl-logged'], { withTourContext: false });
    const file = join(fe.dir, 'pod.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: image-volume\n  labels:\n    app.kubernetes.io/managed-by: ivol-tour\n');
    const r = await run(a, ['kubectl', '--context', 'kind-ivol', '-n', 'default', 'apply', '-f', file]);
    expect(r.refusal).toBeUndefined();
    expect(r.exitCode).not.toBe(0);
    expect(fe.calls().map((c) => c.argv[4])).toEqual(['apply']);
    const d = diagnose({ snapshot: { reachable: false, nodes: [], pods: [], events: [] }, pod: null, facts, stepId: 'apply-pod', output: r.output });
    expect(d?.rule).toBe('kubectl.contextMissing');
  });

  it.each([
    ['no-daemon', 'kind.daemonDown'],
    ['cluster-exists', 'kind.clusterExists'],
    ['port-in-use', 'kind.portInUse'],
    ['image-pull', 'kind.nodeImagePull'],
    ['cgroup', 'kind.cgroup'],
  ])('kind create failing with %s is diagnosed as %s', async (scenario, rule) => {
    const { a, facts } = make(['docker', 'kind', 'kubectl'], { scenario });
    const r = await run(a, ['kind', 'create', 'cluster', '--name', 'ivol', '--image', 'ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1', '--wait', '5m']);
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/ERROR: failed to create cluster: /);
    const d = diagnose({ snapshot: { reachable: false, nodes: [], pods: [], events: [] }, pod: null, facts, stepId: 'create-cluster', output: r.output });
    expect(d?.rule).toBe(rule);
  });
});

const builtin = (() => {
  const loaded = loadTutorialDir(join(import.meta.dirname, '..', 'tutorials', 'image-volume'));
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => tRef('en', p.message)).join('\n'));
  return loaded.tutorial;
})();

/** `ivol-tour cleanup` over these adapters: the built-in tutorial's clean-up step. */
async function cleanup(a: RealAdapters, facts: SessionFacts, c: ReturnType<typeof capture>, o: Partial<CleanupOptions> = {}): Promise<number> {
  const controller = new TourController(builtin, facts, a, { onOutput: cleanupOutput(c) });
  try {
    return await cleanupCommand(controller, { yes: true, lang: 'en', stdout: c.stdout, stderr: c.stderr, ...o });
  } finally {
    await controller.dispose();
  }
}

const LABELLED = { 'app.kubernetes.io/managed-by': 'ivol-tour' };
const podOf = (name: string, namespace: string, labels?: Record<string, string>) => ({
  metadata: { name, namespace, ...(labels ? { labels } : {}) },
  spec: { containers: [{ name: 'shell', image: 'debian' }] },
});

describe('cleanup', () => {
  it('real, --yes: deletes only the labelled pods, then the cluster the tour recorded creating', async () => {
    kubeconfigMayChange = true; // kind delete removes its own context
    const record = memoryClusterRecord();
    await record.add('ivol');
    const { a, fe, facts } = make(['docker', 'kind', 'kubectl'], { extra: { IVOL_FAKE_CLUSTERS: 'ivol,other' }, record });
    mkdirSync(fe.env['IVOL_FAKE_STATE'] ?? '', { recursive: true });
    writeFileSync(join(fe.env['IVOL_FAKE_STATE'] ?? '', 'clusters.json'), JSON.stringify(['ivol', 'other']));
    tour.putPod(podOf('image-volume', 'default', LABELLED));
    tour.putPod(podOf('learners-own', 'default'));
    const c = capture();
    expect(await cleanup(a, facts, c), c.err).toBe(0);
    const calls = fe.calls().map((x) => [x.tool, ...x.argv].join(' '));
    expect(calls).toContain('kind get clusters');
    // Only the tour's cluster is deleted; the check after it asks kind again.
    expect(calls.filter((x) => x.startsWith('kind delete'))).toEqual(['kind delete cluster --name ivol']);
    expect(calls.at(-1)).toBe('kind get clusters');
    expect(tour.pods('default').map((p) => p.metadata.name)).toEqual(['learners-own']);
    const deletes = tour.requests.filter((r) => r.method === 'DELETE').map((r) => r.path);
    expect(deletes).toEqual(['/api/v1/namespaces/default/pods/image-volume']);
    expect(JSON.parse(readFileSync(join(fe.env['IVOL_FAKE_STATE'] ?? '', 'clusters.json'), 'utf8'))).toEqual(['other']);
    expect(await record.has('ivol')).toBe(false);
    expect(c.err).toContain('Deleted nodes: ["ivol-control-plane"]');
    expect(c.out).toContain('Cleanup done.');
  });

  it('real, not confirmed: the step\'s question, answered no: nothing deleted', async () => {
    const { a, fe, facts } = make(['docker', 'kind', 'kubectl'], { extra: { IVOL_FAKE_CLUSTERS: 'ivol' } });
    tour.putPod(podOf('image-volume', 'default', LABELLED));
    const c = capture();
    let asked = '';
    expect(await cleanup(a, facts, c, { yes: false, confirm: (q) => { asked = q; return Promise.resolve(false); } })).toBe(0);
    expect(asked).toBe('This deletes the Pods labelled as the tour\'s (app.kubernetes.io/managed-by=ivol-tour) and, unless you brought your own cluster, the kind cluster ivol. Continue?');
    expect(fe.calls().some((x) => x.argv[0] === 'delete')).toBe(false);
    expect(tour.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    expect(c.out).toContain('Nothing was deleted');
  });

  it('real, --yes, a cluster the tour neither recorded nor marked: asked even with --yes; no keeps it, exit 1', async () => {
    const questions: string[] = [];
    const { a, fe, facts } = make(['docker', 'kind', 'kubectl'], {
      extra: { IVOL_FAKE_CLUSTERS: 'ivol' },
      ask: (q) => { questions.push(q.key); return Promise.resolve(false); },
    });
    const c = capture();
    expect(await cleanup(a, facts, c)).toBe(1);
    expect(questions).toEqual(['ownership.clusterQuestion']);
    expect(fe.calls().some((x) => x.tool === 'kind' && x.argv[0] === 'delete')).toBe(false);
    expect(c.err).toContain('The kind cluster "ivol" was not created by ivol-tour');
    expect(c.err).toContain('You chose to keep it.');
  });

  it('real, --yes, unmarked and unrecorded, nobody to ask: kept, exit 1, the reason said', async () => {
    const { a, fe, facts } = make(['docker', 'kind', 'kubectl'], { extra: { IVOL_FAKE_CLUSTERS: 'ivol' } });
    const c = capture();
    expect(await cleanup(a, facts, c)).toBe(1);
    expect(fe.calls().some((x) => x.tool === 'kind' && x.argv[0] === 'delete')).toBe(false);
    expect(c.err).toContain('There was no terminal to ask whether to delete it anyway, so it was kept, even with --yes.');
    expect(c.err).toContain('kind delete cluster --name ivol');
  });

  it('real, --yes, a cluster whose nodes carry the tour\'s mark: deleted without a question', async () => {
    kubeconfigMayChange = true;
    await tour.close();
    tour = await startFakeApiServer({ nodeLabels: { 'ivol-tour/created-by': 'ivol-tour' } });
    kc = writeKubeconfig({ tourServer: tour.url, otherServer: other.url, dir: kc.dir });
    const { a, fe, facts } = make(['docker', 'kind', 'kubectl'], { extra: { IVOL_FAKE_CLUSTERS: 'ivol' }, ask: () => Promise.reject(new Error('must not ask')) });
    const c = capture();
    expect(await cleanup(a, facts, c), c.err).toBe(0);
    expect(fe.calls().map((x) => [x.tool, ...x.argv].join(' ')).filter((x) => x.startsWith('kind delete'))).toEqual(['kind delete cluster --name ivol']);
  });

  it('no container engine: a clear message, exit 1, no cluster contacted', async () => {
    const { a, fe, facts } = make(['kind', 'kubectl'], { extra: { IVOL_FAKE_CLUSTERS: 'ivol' } });
    const c = capture();
    expect(await cleanup(a, facts, c)).toBe(1);
    expect(c.err).toContain('No container engine answers');
    expect(fe.calls().map((x) => x.argv.join(' '))).toEqual(['version']);
    expect(tour.requests.every((r) => r.path === '/version')).toBe(true);
  });

  it('no kind: a clear message, exit 1', async () => {
    const { a, facts } = make(['docker', 'kubectl']);
    const c = capture();
    expect(await cleanup(a, facts, c)).toBe(1);
    expect(c.err).toContain('kind is not available');
  });

  it('byoc: only labelled pods in the namespace, never the cluster', async () => {
    const { a, fe, facts } = make(['kubectl'], { mode: 'byoc', context: 'kind-ivol', namespace: 'ivol-tour' });
    tour.putPod(podOf('image-volume', 'default'));
    const c = capture();
    expect(await cleanup(a, facts, c), c.err).toBe(0);
    expect(fe.calls().map((x) => x.tool)).toEqual([]); // the real kubectl logs nothing; no kind
    const lists = tour.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/namespaces/ivol-tour/pods');
    expect(lists.some((r) => new URLSearchParams(r.query).get('labelSelector') === 'app.kubernetes.io/managed-by=ivol-tour')).toBe(true);
    expect(tour.pods('default').map((p) => p.metadata.name)).toEqual(['image-volume']);
    expect(c.out).toContain('is not the tour\'s: it is left as it is');
  });
});

describe('byoc', () => {
  it('doctor asks the pinned context for /version; a missing context is a problem, not a fallback', async () => {
    const ok = make(['kubectl'], { mode: 'byoc', context: 'kind-ivol' }).a;
    const r = await ok.doctor();
    expect(r.ready).toBe(true);
    expect(new Set(tour.requests.map((x) => x.path))).toEqual(new Set(['/version']));
    const missing = make(['kubectl'], { mode: 'byoc', context: 'nope' }).a;
    const r2 = await missing.doctor();
    expect(r2.ready).toBe(false);
    expect(r2.problems[0]?.message).toEqual({ key: 'doctor.problem.contextMissing', params: { context: 'nope' } });
  });

  it('kubectl apply: the namespace is created (labelled) first; the manifest carries the label, nothing is labelled after', async () => {
    const { a, fe } = make(['kubectl'], { mode: 'byoc', context: 'kind-ivol', namespace: 'ivol-tour' });
    const file = join(fe.dir, 'pod.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: image-volume\n  labels:\n    app.kubernetes.io/managed-by: ivol-tour\nspec:\n  containers:\n  - name: shell\n    image: debian\n');
    const r = await run(a, ['kubectl', 'apply', '--context', 'kind-ivol', '--namespace', 'ivol-tour', '--validate=false', '-f', file]);
    expect(r.output).toContain('pod/image-volume created');
    expect(r.exitCode).toBe(0);
    expect(tour.namespaces()).toContain('ivol-tour');
    expect(tour.pods('ivol-tour')[0]?.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'ivol-tour' });
    // No `kubectl label` afterwards: it could have claimed someone else's object.
    expect(tour.requests.filter((q) => q.method === 'PATCH')).toEqual([]);
  });

  it('kubectl apply over the learner\'s own unlabelled Pod: refused before kubectl runs, the Pod unchanged', async () => {
    const { a, fe } = make(['kubectl-logged'], { mode: 'byoc', context: 'kind-ivol', namespace: 'default' });
    tour.putPod({ ...podOf('image-volume', 'default'), metadata: { name: 'image-volume', namespace: 'default', labels: { app: 'mine' } } });
    const before = JSON.stringify(tour.pods('default'));
    const file = join(fe.dir, 'pod.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: image-volume\n  labels:\n    app.kubernetes.io/managed-by: ivol-tour\nspec:\n  containers:\n  - name: shell\n    image: debian\n');
    const r = await run(a, ['kubectl', '--context', 'kind-ivol', '-n', 'default', 'apply', '-f', file]);
    expect(r.refusal).toEqual({
      rule: 'ownership.notOurs',
      params: { context: 'kind-ivol', namespace: 'default', verb: 'apply', kind: 'Pod', name: 'image-volume', object: 'Pod default/image-volume' },
    });
    expect(r.exitCode).toBeNull();
    expect(fe.calls()).toEqual([]); // kubectl never started
    expect(JSON.stringify(tour.pods('default'))).toBe(before);
    expect(tour.requests.filter((q) => q.method !== 'GET')).toEqual([]);
    // The same for label, delete by name, and exec into it (a write could follow).
    for (const argv of [
      ['kubectl', '--context', 'kind-ivol', '-n', 'default', 'label', 'pod', 'image-volume', 'app.kubernetes.io/managed-by=ivol-tour', '--overwrite'],
      ['kubectl', '--context', 'kind-ivol', '-n', 'default', 'delete', 'pod/image-volume'],
      ['kubectl', '--context', 'kind-ivol', '-n', 'default', 'exec', 'image-volume', '-c', 'shell', '--', 'touch', '/volume/x'],
    ]) {
      expect((await run(a, argv)).refusal?.rule, argv.join(' ')).toMatch(/^ownership\.(notOurs|execNotOurs)$/);
    }
    await expect(a.cluster.exec('image-volume', 'shell', ['ls'], 5000)).rejects.toMatchObject({ name: 'OwnershipError', refusal: { rule: 'ownership.execNotOurs' } });
    expect(fe.calls()).toEqual([]);
    expect(JSON.stringify(tour.pods('default'))).toBe(before);
  });
});
