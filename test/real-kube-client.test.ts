import { readFileSync, rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKubeClient, type KubeClient } from '../src/adapters/kube/kube-client.js';
import { diagnose } from '../src/engine/diagnosis.js';
import type { ClusterSnapshot, Pod } from '../src/engine/kube-objects.js';
import type { SessionFacts } from '../src/engine/model.js';
import { writeKubeconfig, type WrittenKubeconfig } from './fake-apiserver/kubeconfig.js';
import { startFakeApiServer, type FakeApiServer, type FakeApiServerOptions } from './fake-apiserver/server.js';

async function waitFor<T>(get: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const POD: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'image-volume' },
  spec: {
    containers: [{ name: 'shell', image: 'debian', command: ['sleep', 'infinity'], volumeMounts: [{ name: 'volume', mountPath: '/volume' }] }],
    volumes: [{ name: 'volume', image: { reference: 'quay.io/crio/artifact:v2', pullPolicy: 'IfNotPresent' } }],
  },
};

const facts: SessionFacts = {
  mode: 'real', profile: 'containerd', featureGate: false, lang: 'en', cluster: 'ivol', context: 'kind-ivol',
  namespace: 'default', artifact: 'quay.io/crio/artifact:v2', nodeImage: '', workDir: '/tmp/w',
};

let tour: FakeApiServer;
let other: FakeApiServer;
let kubeconfig: WrittenKubeconfig;
const clients: KubeClient[] = [];

async function setup(o: FakeApiServerOptions = {}): Promise<void> {
  tour = await startFakeApiServer({ name: 'tour', ...o });
  other = await startFakeApiServer({ name: 'other' });
  kubeconfig = writeKubeconfig({ tourServer: tour.url, otherServer: other.url });
}

function client(over: Partial<Parameters<typeof createKubeClient>[0]> = {}): KubeClient {
  const c = createKubeClient({
    mode: 'real', cluster: 'ivol', context: 'kind-ivol', namespace: 'default',
    env: { ...process.env, KUBECONFIG: kubeconfig.path }, debounceMs: 20, backoffMs: 50, maxBackoffMs: 200, ...over,
  });
  clients.push(c);
  return c;
}

beforeEach(async () => {
  await setup();
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.dispose();
  // SAFETY: nothing ever reached the other cluster, and the kubeconfig is untouched.
  expect(other.requests).toEqual([]);
  expect(readFileSync(kubeconfig.path, 'utf8')).toBe(kubeconfig.text);
  await tour.close();
  await other.close();
  rmSync(kubeconfig.dir, { recursive: true, force: true });
});

describe('kube client (pinned context)', () => {
  it('snapshots nodes, the namespace and kube-system pods, and events oldest first', async () => {
    const c = client();
    await c.applyPod(POD);
    await waitFor(() => tour.pods('default')[0]?.status?.phase === 'Running');
    const s = await c.snapshot();
    expect(s.reachable).toBe(true);
    expect(s.nodes.map((n) => n.status?.nodeInfo?.containerRuntimeVersion)).toEqual(['containerd://2.2.0']);
    expect(s.pods.some((p) => p.metadata.namespace === 'kube-system')).toBe(true);
    expect(s.pods.find((p) => p.metadata.name === 'image-volume')?.spec?.volumes?.[0]?.image?.reference).toBe('quay.io/crio/artifact:v2');
    // The scheduler's event has no lastTimestamp (written through events.k8s.io): its eventTime.
    const times = s.events.map((e) => e.lastTimestamp ?? e.eventTime ?? '');
    expect([...times].sort()).toEqual(times);
    expect(s.events.map((e) => e.reason)).toContain('Started');
    expect(tour.requests.every((r) => r.path.startsWith('/api/v1/'))).toBe(true);
  });

  it('getPod reads the pod back exactly as stored, or null', async () => {
    const c = client();
    expect(await c.getPod('image-volume')).toBeNull();
    await c.applyPod(POD);
    const pod = await c.getPod('image-volume');
    expect(pod?.spec?.volumes?.[0]).toEqual({ name: 'volume', image: { reference: 'quay.io/crio/artifact:v2', pullPolicy: 'IfNotPresent' } });
    expect(typeof pod?.metadata.creationTimestamp).toBe('string');
  });

  it('exec collects stdout, stderr and the exit status from the v1 Status', async () => {
    const c = client();
    await c.applyPod(POD);
    // As on a real cluster, exec reaches a container once it runs.
    await waitFor(() => tour.pods('default')[0]?.status?.phase === 'Running');
    // The artifact's dir/file holds "1\n" (CRI-O's test/oci_volumes.bats).
    expect(await c.exec('image-volume', 'shell', ['cat', '/volume/dir/file'], 5000)).toEqual({ exitCode: 0, stdout: '1\n', stderr: '' });
    expect(await c.exec('image-volume', 'shell', ['touch', '/volume/x'], 5000)).toEqual({
      exitCode: 1, stdout: '', stderr: "touch: cannot touch '/volume/x': Read-only file system\n",
    });
    const exec = tour.requests.find((r) => r.path.endsWith('/exec'));
    expect(exec?.path).toBe('/api/v1/namespaces/default/pods/image-volume/exec');
    expect(new URLSearchParams(exec?.query).getAll('command')).toEqual(['cat', '/volume/dir/file']);
    expect(new URLSearchParams(exec?.query).get('container')).toBe('shell');
  });

  it('a missing context is reported, and nothing falls back to the current context', async () => {
    const c = client({ context: 'kind-nope' });
    await expect(c.getPod('image-volume')).rejects.toThrow('context "kind-nope" not found');
    await expect(c.exec('image-volume', 'shell', ['true'], 1000)).rejects.toThrow('context "kind-nope" not found');
    await expect(c.serverVersion()).rejects.toThrow('context "kind-nope" not found');
    expect((await c.snapshot()).reachable).toBe(false);
    const errors: string[] = [];
    const stop = c.watch(() => undefined, (m) => errors.push(m));
    await waitFor(() => errors.some((e) => e.includes('context "kind-nope" not found')));
    // Said once, not once per watched path and retry (the watches retry every 200 ms here).
    await new Promise((r) => setTimeout(r, 600));
    expect(errors.filter((e) => e.includes('context "kind-nope" not found'))).toHaveLength(1);
    stop();
    expect(tour.requests).toEqual([]);
  });

  it('picks the context up once kind writes it (the kubeconfig is re-read when it changes)', async () => {
    const without = writeKubeconfig({ otherServer: other.url, dir: kubeconfig.dir });
    const c = client();
    expect((await c.snapshot()).reachable).toBe(false);
    const withTour = writeKubeconfig({ tourServer: tour.url, otherServer: other.url, dir: kubeconfig.dir });
    expect(without.path).toBe(withTour.path);
    expect((await c.snapshot()).reachable).toBe(true);
  });

  it('reports an unreachable cluster as reachable: false, with what the connection said', async () => {
    const c = client();
    await tour.close();
    tour = await startFakeApiServer(); // for afterEach
    const s = await c.snapshot();
    expect(s).toMatchObject({ reachable: false, nodes: [], pods: [], events: [], problem: { kind: 'unreachable' } });
    expect(s.problem?.kind === 'unreachable' && s.problem.message).toMatch(/ECONNREFUSED/);
  });

  it('real mode: nothing answers and kind lists no such cluster: there is no cluster yet', async () => {
    const kindCalls: string[][] = [];
    const c = client({
      runner: {
        run: (req, onOutput) => {
          kindCalls.push([...req.argv]);
          onOutput('other\n', 'stdout'); // kind lists someone else's cluster, not ivol
          return Promise.resolve({ exitCode: 0, timedOut: false, cancelled: false });
        },
      },
    });
    await tour.close();
    tour = await startFakeApiServer(); // for afterEach
    expect((await c.snapshot()).problem).toEqual({ kind: 'absent' });
    expect(kindCalls).toEqual([['kind', 'get', 'clusters']]);
  });

  it('an HTTP error is what it was: status, its name and the server\'s message; never "unreachable"', async () => {
    const c = client();
    tour.fail({ status: 500 });
    const s = await c.snapshot();
    expect(s).toMatchObject({ reachable: false, problem: { kind: 'apiError', status: 500, message: '500 Internal Server Error: etcdserver: request timed out' } });
    await expect(c.getPod('image-volume')).rejects.toThrow('500 Internal Server Error: etcdserver: request timed out');
    // The watch reports the status too (client-node gives only the status text).
    const errors: string[] = [];
    const snaps: ClusterSnapshot[] = [];
    const stop = c.watch((x) => snaps.push(x), (m) => errors.push(m));
    await waitFor(() => errors.some((e) => e.includes('500 Internal Server Error')));
    await waitFor(() => snaps.at(-1)?.problem?.kind === 'apiError');
    // The server recovers: the watch shows the cluster again by itself.
    tour.recover();
    await waitFor(() => snaps.at(-1)?.reachable === true, 5000);
    stop();
    expect(tour.failedRequests()).toBeGreaterThan(4);
  });

  it('403: the server\'s refusal, and a diagnosis that names rights, not the network', async () => {
    const c = client();
    tour.fail({ status: 403 });
    const s = await c.snapshot();
    expect(s.problem).toMatchObject({ kind: 'apiError', status: 403 });
    expect(s.problem?.kind === 'apiError' && s.problem.message).toMatch(/^403 Forbidden: pods is forbidden: User /);
    expect(diagnose({ snapshot: s, pod: null, facts, stepId: 'watch-pod' })?.rule).toBe('cluster.forbidden');
    // A server that fails only a few requests recovers by itself.
    tour.fail({ status: 500, count: 4 });
    expect((await c.snapshot()).problem?.kind).toBe('apiError');
    expect((await c.snapshot()).reachable).toBe(true);
  });

  it('a body that is not a Status (a proxy\'s page): its first line, after the status', async () => {
    const c = client();
    tour.fail({ status: 502, body: 'upstream connect error or disconnect/reset before headers. reset reason: connection failure\n' });
    await expect(c.getPod('image-volume')).rejects.toThrow(/^502 Bad Gateway: upstream connect error or disconnect\/reset before headers/);
    tour.fail({ status: 503, body: '' });
    await expect(c.getPod('image-volume')).rejects.toThrow('503 Service Unavailable: GET /api/v1/namespaces/default/pods/image-volume');
  });

  it('watch: a snapshot at the start, one per change, reconnects after a dropped watch, stops on unsubscribe', async () => {
    const c = client();
    const seen: ClusterSnapshot[] = [];
    const stop = c.watch((s) => seen.push(s));
    await waitFor(() => seen.length >= 1);
    await waitFor(() => tour.openWatches() === 4);
    const watched = tour.requests.filter((r) => r.watch).map((r) => r.path).sort();
    expect(watched).toEqual(['/api/v1/namespaces/default/events', '/api/v1/namespaces/default/pods', '/api/v1/namespaces/kube-system/pods', '/api/v1/nodes']);
    await c.applyPod(POD);
    await waitFor(() => seen.at(-1)?.pods.find((p) => p.metadata.name === 'image-volume')?.status?.phase === 'Running');
    expect(tour.dropWatches()).toBe(4);
    await waitFor(() => tour.openWatches() === 4);
    const before = seen.length;
    tour.putPod({ ...POD, metadata: { ...POD.metadata, name: 'other-pod', namespace: 'default' } });
    await waitFor(() => seen.length > before && seen.at(-1)?.pods.some((p) => p.metadata.name === 'other-pod'));
    stop();
    await waitFor(() => tour.openWatches() === 0);
  });

  it('the read-back check: a server that drops image volumes gives the gate-off diagnosis', async () => {
    await tour.close();
    tour = await startFakeApiServer({ dropImageVolumes: true });
    kubeconfig = writeKubeconfig({ tourServer: tour.url, otherServer: other.url, dir: kubeconfig.dir });
    const c = client();
    await c.applyPod(POD);
    const pod = await c.getPod('image-volume');
    // Only the service account's projected volume is left: no image volume.
    expect(pod?.spec?.volumes?.filter((v) => v.image !== undefined)).toEqual([]);
    const d = diagnose({ snapshot: await c.snapshot(), pod, facts, stepId: 'apply-pod' });
    expect(d?.rule).toBe('pod.gateOff');
    await waitFor(() => tour.pods('default')[0]?.status?.phase === 'Running');
    const r = await c.exec('image-volume', 'shell', ['cat', '/volume/dir/file'], 5000);
    expect(r.exitCode).toBe(1);
  });

  it('an artifact that cannot be pulled on containerd gives the :v2 hint', async () => {
    await tour.close();
    tour = await startFakeApiServer({ lifecycle: 'artifact-layers' });
    kubeconfig = writeKubeconfig({ tourServer: tour.url, otherServer: other.url, dir: kubeconfig.dir });
    const c = client();
    const v1: Pod = { ...POD, spec: { containers: POD.spec?.containers ?? [], volumes: [{ name: 'volume', image: { reference: 'quay.io/crio/artifact:v1' } }] } };
    await c.applyPod(v1);
    // ErrImagePull, then (after a back-off) ImagePullBackOff: both carry the pull's error.
    await waitFor(() => ['ErrImagePull', 'ImagePullBackOff'].includes(tour.pods('default')[0]?.status?.containerStatuses?.[0]?.state?.waiting?.reason ?? ''));
    const d = diagnose({ snapshot: await c.snapshot(), pod: await c.getPod('image-volume'), facts, stepId: 'watch-pod' });
    expect(d?.rule).toBe('artifact.layersDiffIds');
    expect(d?.cause.params?.['reference']).toBe('quay.io/crio/artifact:v1');
  });

  it('byoc: creates its namespace labelled, labels what it applies, deletes only labelled pods', async () => {
    const c = client({ mode: 'byoc', context: 'kind-ivol', namespace: 'ivol-tour' });
    expect(await c.clusterExists()).toBe(true);
    expect(await c.ensureNamespace()).toBe(true);
    expect(await c.ensureNamespace()).toBe(false);
    const ns = tour.requests.find((r) => r.method === 'POST' && r.path === '/api/v1/namespaces');
    expect(ns).toBeDefined();
    await c.applyPod(POD);
    tour.putPod({ ...POD, metadata: { name: 'not-ours', namespace: 'ivol-tour', labels: { app: 'x' } } });
    expect(tour.pods('ivol-tour').find((p) => p.metadata.name === 'image-volume')?.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'ivol-tour' });
    expect(await c.deleteLabelledPods()).toEqual(['image-volume']);
    expect(tour.pods('ivol-tour').map((p) => p.metadata.name)).toEqual(['not-ours']);
    const list = tour.requests.find((r) => r.method === 'GET' && r.query.includes('labelSelector'));
    expect(new URLSearchParams(list?.query).get('labelSelector')).toBe('app.kubernetes.io/managed-by=ivol-tour');
  });

  it('applyPod replaces an existing pod (delete, wait, create)', async () => {
    const c = client();
    const first = await c.applyPod(POD);
    const second = await c.applyPod(POD);
    expect(second.metadata.uid).not.toBe(first.metadata.uid);
    expect(tour.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });
});

describe('kube client: what is the tour\'s', () => {
  it('inspect finds objects through discovery, as kubectl names them, with their labels', async () => {
    const c = client();
    tour.putPod({ ...POD, metadata: { name: 'mine', namespace: 'default', labels: { app: 'x' } } });
    for (const type of ['pod', 'pods', 'po', 'Pod']) {
      expect(await c.inspect({ type, name: 'mine' }, 'default'), type).toEqual({ found: true, kind: 'Pod', namespaced: true, labels: { app: 'x' } });
    }
    expect(await c.inspect({ apiVersion: 'v1', kind: 'Pod', name: 'absent' }, 'default')).toEqual({ found: false, kind: 'Pod', namespaced: true });
    expect(await c.inspect({ type: 'ns', name: 'default' }, 'ignored')).toMatchObject({ found: true, kind: 'Namespace', namespaced: false });
    expect(await c.inspect({ type: 'deployments.apps', name: 'web' }, 'default')).toEqual({ unknownType: 'deployments.apps' });
    expect(await c.defaultNamespace()).toBe('default');
    expect(tour.requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /api/v1/namespaces/default/pods/mine');
  });

  it('tourPods lists by the label; applyPod labels what it creates and never replaces someone else\'s pod', async () => {
    const c = client();
    tour.putPod({ ...POD, metadata: { name: 'image-volume', namespace: 'default', labels: { app: 'mine' } } });
    const before = JSON.stringify(tour.pods('default'));
    await expect(c.applyPod(POD)).rejects.toThrow(/is not the tour's/);
    expect(JSON.stringify(tour.pods('default'))).toBe(before);
    expect(tour.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    expect(await c.tourPods()).toEqual([]);
    await c.applyPod({ ...POD, metadata: { name: 'ours' } });
    expect((await c.tourPods()).map((p) => p.metadata.name)).toEqual(['ours']);
    const list = tour.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/namespaces/default/pods').at(-1);
    expect(new URLSearchParams(list?.query).get('labelSelector')).toBe('app.kubernetes.io/managed-by=ivol-tour');
    expect(await c.nodesMarked()).toBe(false);
  });

  it('nodesMarked: a node with the tour\'s cluster mark', async () => {
    await tour.close();
    tour = await startFakeApiServer({ name: 'tour', nodeLabels: { 'ivol-tour/created-by': 'ivol-tour' } });
    await other.close();
    other = await startFakeApiServer({ name: 'other' });
    kubeconfig = writeKubeconfig({ tourServer: tour.url, otherServer: other.url, dir: kubeconfig.dir });
    expect(await client().nodesMarked()).toBe(true);
  });
});
