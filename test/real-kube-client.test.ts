import { readFileSync } from 'node:fs';
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
    const times = s.events.map((e) => e.lastTimestamp ?? '');
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
    expect(await c.exec('image-volume', 'shell', ['cat', '/volume/dir/file'], 5000)).toEqual({ exitCode: 0, stdout: '1', stderr: '' });
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

  it('reports an unreachable cluster as reachable: false', async () => {
    const c = client();
    await tour.close();
    tour = await startFakeApiServer(); // for afterEach
    const s = await c.snapshot();
    expect(s).toEqual({ reachable: false, nodes: [], pods: [], events: [] });
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
    expect(pod?.spec?.volumes).toEqual([]);
    const d = diagnose({ snapshot: await c.snapshot(), pod, facts, stepId: 'apply-pod' });
    expect(d?.rule).toBe('pod.gateOff');
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
    await waitFor(() => tour.pods('default')[0]?.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ErrImagePull');
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
