import { describe, expect, it } from 'vitest';
import { parseFaults } from './index.js';
import { simulated } from './testing/fixtures.js';

describe('injected faults', () => {
  it('parses IVOL_TOUR_SIM_FAULTS, ignoring unknown names', () => {
    expect(parseFaults(undefined)).toEqual([]);
    expect(parseFaults('gate-off, bogus,no-engine')).toEqual(['gate-off', 'no-engine']);
  });

  it('artifact-pull-fails: ErrImagePull, then ImagePullBackOff, with the kubelet\'s events', async () => {
    const s = simulated({ faults: ['artifact-pull-fails'] });
    await s.createCluster();
    await s.kubectl('apply', '-f', '/work/pod.yaml');
    await s.world.clock.sleep(1500);
    let pod = await s.adapters.cluster.getPod('image-volume');
    expect(pod?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ErrImagePull');
    await s.world.clock.sleep(30_000);
    pod = await s.adapters.cluster.getPod('image-volume');
    const waiting = pod?.status?.containerStatuses?.[0]?.state?.waiting;
    expect(waiting?.reason).toBe('ImagePullBackOff');
    expect(waiting?.message).toContain('Back-off pulling image "quay.io/crio/artifact:v2"');
    expect((await s.kubectl('get', 'pods')).stdout).toMatch(/image-volume {3}0\/1 {5}ImagePullBackOff {3}0 /);
    const events = (await s.adapters.cluster.snapshot()).events.filter((e) => e.involvedObject.name === 'image-volume');
    const failed = events.find((e) => e.type === 'Warning' && e.message.startsWith('Failed to pull image "quay.io/crio/artifact:v2": '));
    expect(failed).toBeDefined();
    expect(events.some((e) => e.message === 'Error: ErrImagePull' && e.type === 'Warning')).toBe(true);
    expect(events.some((e) => e.reason === 'BackOff' && e.message === 'Back-off pulling image "quay.io/crio/artifact:v2"')).toBe(true);
    expect(events.find((e) => e.reason === 'Pulling')?.count).toBeGreaterThan(1);
    // `kubectl events` counts repeats (the server's `get events` table shows the last time only).
    const table = await s.kubectl('events');
    expect(table.stdout).toMatch(/\(x\d+ over \d+s\)/);
  });

  it('artifact :v1 on containerd fails to pull: layers and diffIDs', async () => {
    const s = simulated({ files: { '/work/pod.yaml': (await import('./testing/fixtures.js')).podManifest('quay.io/crio/artifact:v1') } });
    await s.createCluster();
    await s.kubectl('apply', '-f', '/work/pod.yaml');
    await s.world.clock.sleep(5000);
    const pod = await s.adapters.cluster.getPod('image-volume');
    expect(pod?.status?.containerStatuses?.[0]?.state?.waiting?.message).toContain("number of layers and diffIDs don't match: 1 != 0");
  });

  it('gate-off: the API server silently drops the image volume and its mount', async () => {
    const s = simulated({ faults: ['gate-off'] });
    await s.createCluster();
    expect(await s.kubectl('apply', '-f', '/work/pod.yaml')).toMatchObject({ exitCode: 0, stdout: 'pod/image-volume created\n' });
    await s.kubectl('wait', '--for=condition=Ready', 'pod/image-volume');
    const pod = await s.adapters.cluster.getPod('image-volume');
    expect(pod?.status?.phase).toBe('Running');
    expect(pod?.spec?.volumes?.some((v) => v.image)).toBe(false);
    expect(pod?.spec?.containers[0]?.volumeMounts?.some((m) => m.mountPath === '/volume')).toBe(false);
    const ls = await s.adapters.cluster.exec('image-volume', 'shell', ['ls', '/volume'], 5000);
    expect(ls).toEqual({ exitCode: 2, stdout: '', stderr: "ls: cannot access '/volume': No such file or directory\n" });
    const events = (await s.adapters.cluster.snapshot()).events.map((e) => e.message);
    expect(events.some((m) => m.includes('artifact'))).toBe(false);
  });

  it('a 1.33 cluster created without the gate in its kind config drops the volume too', async () => {
    const s = simulated({ featureGate: true, files: { '/work/kind.yaml': 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n' } });
    await s.createCluster();
    await s.kubectl('apply', '-f', '/work/pod.yaml');
    const pod = await s.adapters.cluster.getPod('image-volume');
    expect(pod?.spec?.volumes?.some((v) => v.image)).toBe(false);
  });

  it('runtime-too-old: containerd 2.0.2 fails to create the container', async () => {
    const s = simulated({ faults: ['runtime-too-old'] });
    await s.createCluster();
    const node = (await s.adapters.cluster.snapshot()).nodes[0];
    expect(node?.status?.nodeInfo).toMatchObject({ kubeletVersion: 'v1.32.2', containerRuntimeVersion: 'containerd://2.0.2' });
    await s.kubectl('apply', '-f', '/work/pod.yaml');
    await s.world.clock.sleep(10_000);
    const waiting = (await s.adapters.cluster.getPod('image-volume'))?.status?.containerStatuses?.[0]?.state?.waiting;
    expect(waiting?.reason).toBe('CreateContainerError');
    expect(waiting?.message).toMatch(/^failed to generate container "[0-9a-f]{64}" spec: failed to apply OCI options: failed to mkdir "": mkdir : no such file or directory$/);
    expect((await s.kubectl('get', 'pods')).stdout).toContain('CreateContainerError');
  });

  it('no-engine: doctor finds no container engine and kind cannot create a cluster', async () => {
    const s = simulated({ faults: ['no-engine'] });
    const report = await s.adapters.doctor();
    expect(report).toMatchObject({ ready: false, engine: null });
    expect(report.tools.find((t) => t.name === 'docker')?.found).toBe(false);
    expect(report.problems[0]?.tool).toBe('engine');
    const r = await s.createCluster();
    expect(r.exitCode).toBe(1);
    // cmd/kind/app/main.go: the error, then the failed command's (here empty) output.
    expect(r.stderr).toBe(`ERROR: failed to create cluster: failed to get docker info: command "docker info --format '{{json .}}'" failed with error: exec: "docker": executable file not found in $PATH\n\nCommand Output: \n`);
    const build = await s.run(['docker', 'build', '-t', 'x', '.']);
    expect(build).toMatchObject({ exitCode: 1, stderr: 'ERROR: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n' });
  });
});

describe('not-ours: a cluster and a Pod the learner made by hand', () => {
  it('starts with the learner\'s unmarked cluster, their running unlabelled image-volume Pod in it', async () => {
    const s = simulated({ faults: ['not-ours'] });
    expect(await s.adapters.cluster.clusterExists()).toBe(true);
    const snapshot = await s.adapters.cluster.snapshot();
    expect(snapshot.reachable).toBe(true);
    expect(snapshot.nodes.map((n) => n.metadata.labels?.['ivol-tour/created-by'] ?? null)).toEqual([null]);
    const pod = await s.adapters.cluster.getPod('image-volume');
    expect(pod?.status?.phase).toBe('Running');
    expect(pod?.metadata.labels ?? {}).toEqual({});
    expect(await s.adapters.cluster.tourPods()).toEqual([]);
    expect((await s.kubectl('get', 'pods')).stdout).toMatch(/^image-volume {3}1\/1 {5}Running/m);
  });

  it('refuses to apply over, label, delete or exec into the learner\'s Pod; the Pod stays as it was', async () => {
    const s = simulated({ faults: ['not-ours'] });
    const before = JSON.stringify(await s.adapters.cluster.getPod('image-volume'));
    for (const args of [
      ['-n', 'default', 'apply', '-f', '/work/pod.yaml'],
      ['label', 'pod', 'image-volume', 'app.kubernetes.io/managed-by=ivol-tour', '--overwrite'],
      ['delete', 'pod', 'image-volume'],
      ['exec', 'image-volume', '-c', 'shell', '--', 'touch', '/volume/x'],
    ]) {
      const r = await s.kubectl(...args);
      expect(r.refusal?.rule, args.join(' ')).toMatch(/^ownership\.(notOurs|execNotOurs)$/);
      expect(r.all, args.join(' ')).toBe(''); // the simulated kubectl never ran
    }
    await expect(s.adapters.cluster.exec('image-volume', 'shell', ['ls', '/volume'], 5000)).rejects.toMatchObject({ refusal: { rule: 'ownership.execNotOurs' } });
    await expect(s.adapters.shells.open({ pod: 'image-volume', container: 'shell', cols: 80, rows: 24 })).rejects.toMatchObject({ name: 'OwnershipError' });
    // Deleting by the tour's label finds nothing of the learner's.
    expect(await s.kubectl('delete', 'pods', '-l', 'app.kubernetes.io/managed-by=ivol-tour', '--wait=false')).toMatchObject({ exitCode: 0, stdout: 'No resources found\n' });
    expect(JSON.stringify(await s.adapters.cluster.getPod('image-volume'))).toBe(before);
  });

  it('kind delete of the learner\'s cluster: kept without anyone to ask, asked otherwise', async () => {
    const kept = simulated({ faults: ['not-ours'] });
    const r = await kept.run(['kind', 'delete', 'cluster', '--name', 'ivol']);
    expect(r.refusal).toMatchObject({ rule: 'ownership.clusterUnconfirmed', params: { cluster: 'ivol' } });
    expect(await kept.adapters.cluster.clusterExists()).toBe(true);
  });

  it('a cluster the simulated tour creates from a marked config carries the mark on its nodes', async () => {
    const s = simulated({ files: { '/work/kind.yaml': 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n  labels:\n    ivol-tour/created-by: ivol-tour\n' } });
    await s.createCluster();
    const nodes = (await s.adapters.cluster.snapshot()).nodes;
    expect(nodes.map((n) => n.metadata.labels?.['ivol-tour/created-by'])).toEqual(['ivol-tour']);
    // Labelled Pods are the tour's: listed, exec'd into, deleted by the label.
    await s.kubectl('apply', '-f', '/work/pod.yaml');
    expect((await s.adapters.cluster.tourPods()).map((p) => p.metadata.name)).toEqual(['image-volume']);
    expect((await s.kubectl('delete', 'pods', '-l', 'app.kubernetes.io/managed-by=ivol-tour', '--wait=false')).stdout).toBe('pod "image-volume" deleted\n');
  });
});

describe('docker', () => {
  it('builds with BuildKit-like progress', async () => {
    const s = simulated({ files: { '/work/Dockerfile': 'FROM kindest/node:latest\nARG CRIO_VERSION\nRUN echo "Installing Packages ..." \\\n    && apt-get update\n' } });
    const r = await s.run(['docker', 'build', '--build-arg', 'CRIO_VERSION=v1.31', '-t', 'ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1', '/work']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('#0 building with "default" instance using docker driver');
    expect(r.stderr).toContain('[1/2] FROM docker.io/kindest/node:latest@sha256:');
    expect(r.stderr).toMatch(/#5 \[2\/2\] RUN echo "Installing Packages \.\.\."/);
    expect(r.stderr).toContain('naming to ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1 done');
  });
});
