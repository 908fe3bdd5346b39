// The real kubectl binary against the fake API server: the paths the tutorial's commands and
// cleanup use (apply, get, delete by name and by label), always with --context.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../src/engine/diagnosis.js';
import type { SessionFacts } from '../src/engine/model.js';
import { writeKubeconfig, type WrittenKubeconfig } from './fake-apiserver/kubeconfig.js';
import { startFakeApiServer, type FakeApiServer } from './fake-apiserver/server.js';

const POD_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: image-volume
spec:
  containers:
  - name: shell
    command: ["sleep", "infinity"]
    image: debian
    volumeMounts:
    - name: volume
      mountPath: /volume
  volumes:
  - name: volume
    image:
      reference: quay.io/crio/artifact:v2
      pullPolicy: IfNotPresent
`;

const facts: SessionFacts = {
  mode: 'real', profile: 'containerd', featureGate: false, lang: 'en', cluster: 'ivol', context: 'kind-nope',
  namespace: 'default', artifact: 'quay.io/crio/artifact:v2', nodeImage: '', workDir: '/tmp/w',
};

let tour: FakeApiServer;
let other: FakeApiServer;
let kc: WrittenKubeconfig;
let podFile: string;

function kubectl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('kubectl', args, { env: { ...process.env, KUBECONFIG: kc.path }, timeout: 15_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  tour = await startFakeApiServer();
  other = await startFakeApiServer();
  kc = writeKubeconfig({ tourServer: tour.url, otherServer: other.url });
  podFile = join(kc.dir, 'pod.yaml');
  writeFileSync(podFile, POD_YAML);
});

afterAll(async () => {
  expect(other.requests).toEqual([]);
  expect(readFileSync(kc.path, 'utf8')).toBe(kc.text);
  await tour.close();
  await other.close();
});

describe('kubectl 1.32 against the fake API server', () => {
  it('apply creates the pod', async () => {
    const r = await kubectl(['apply', '--context', 'kind-ivol', '--validate=false', '-f', podFile]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('pod/image-volume created\n');
    expect(tour.pods('default').map((p) => p.metadata.name)).toEqual(['image-volume']);
  });

  // The fake serves no OpenAPI documents, so kubectl's client-side validation is off here.
  // The API server added the service account's volume and mount to the Pod's lists, so kubectl
  // patches them (`$setElementOrder`) and says "configured", as it does against a real cluster.
  it('apply again reports it configured', async () => {
    const r = await kubectl(['apply', '--context', 'kind-ivol', '--validate=false', '-f', podFile]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('pod/image-volume configured\n');
  });

  it('get pods lists it', async () => {
    const r = await kubectl(['get', 'pods', '--context', 'kind-ivol', '-o', 'name']);
    expect(r.stdout).toBe('pod/image-volume\n');
  });

  it('delete by name with --ignore-not-found', async () => {
    const r = await kubectl(['delete', 'pods', 'image-volume', 'image-volume-subpath', '--context', 'kind-ivol', '--namespace', 'default', '--ignore-not-found', '--wait=false']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('pod "image-volume" deleted\n');
    expect(tour.pods('default')).toEqual([]);
  });

  it('a missing context is kubectl\'s own error (diagnosed by kubectl.contextMissing)', async () => {
    const r = await kubectl(['get', 'pods', '--context', 'kind-nope']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('context was not found for specified context: kind-nope');
    const d = diagnose({ snapshot: { reachable: false, nodes: [], pods: [], events: [] }, pod: null, facts, stepId: 'apply-pod', output: r.stderr, clusterStep: 'create-cluster' });
    expect(d?.rule).toBe('kubectl.contextMissing');
    expect(d?.cause.params).toEqual({ context: 'kind-nope', step: 'create-cluster' });
  });
});
