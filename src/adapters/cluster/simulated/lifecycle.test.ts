import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../../../engine/kube-objects.js';
import { simulated } from './testing/fixtures.js';

describe('pod lifecycle through the ClusterProbe', () => {
  it('create → nodes Ready → apply → events in order → Running', async () => {
    const s = simulated();
    const probe = s.adapters.cluster;
    expect(await probe.clusterExists()).toBe(false);
    expect((await probe.snapshot()).reachable).toBe(false);
    await s.createCluster();
    expect(await probe.clusterExists()).toBe(true);
    let snap = await probe.snapshot();
    expect(snap.reachable).toBe(true);
    expect(snap.nodes).toHaveLength(1);
    const node = snap.nodes[0];
    expect(node.metadata.name).toBe('ivol-control-plane');
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(node.status?.nodeInfo).toMatchObject({ kubeletVersion: 'v1.35.0', containerRuntimeVersion: 'containerd://2.2.0' });
    expect(node.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    await s.kubectl('apply', '-f', '/work/pod.yaml');
    let pod = await probe.getPod('image-volume');
    expect(pod?.status?.phase).toBe('Pending');
    await s.world.clock.sleep(700);
    pod = await probe.getPod('image-volume');
    expect(pod?.spec?.nodeName).toBe('ivol-control-plane');
    expect(pod?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    expect(pod?.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
    expect(pod?.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });

    await s.world.clock.sleep(10_000);
    pod = await probe.getPod('image-volume');
    expect(pod?.status?.phase).toBe('Running');
    expect(pod?.status?.containerStatuses?.[0]).toMatchObject({ name: 'shell', ready: true, started: true });
    expect(pod?.status?.containerStatuses?.[0]?.state?.running?.startedAt).toMatch(/Z$/);
    expect(pod?.spec?.volumes?.find((v) => v.name === 'volume')?.image).toEqual({ reference: 'quay.io/crio/artifact:v2', pullPolicy: 'IfNotPresent' });

    snap = await probe.snapshot();
    const podEvents = snap.events.filter((e) => e.involvedObject.name === 'image-volume');
    expect(podEvents.map((e) => e.reason)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(podEvents[0]).toMatchObject({ type: 'Normal', message: 'Successfully assigned default/image-volume to ivol-control-plane', reportingComponent: 'default-scheduler' });
    expect(podEvents[0]?.eventTime).toMatch(/\.\d{6}Z$/);
    expect(podEvents[5]?.involvedObject.fieldPath).toBe('spec.containers{shell}');
    expect(snap.pods.map((p) => p.metadata.namespace)).toContain('kube-system');
    const times = snap.events.map((e) => Date.parse(e.lastTimestamp ?? ''));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    await s.adapters.dispose();
  });

  it('kube-system pods come up after the node is Ready, with ages that grow', async () => {
    const s = simulated();
    await s.createCluster();
    await s.world.clock.sleep(30_000);
    const snap = await s.adapters.cluster.snapshot();
    const system = snap.pods.filter((p) => p.metadata.namespace === 'kube-system');
    expect(system).toHaveLength(8);
    expect(system.every((p) => p.status?.phase === 'Running' && p.status.containerStatuses?.every((c) => c.ready))).toBe(true);
    const before = await s.kubectl('get', 'pods', '-n', 'kube-system');
    await s.world.clock.sleep(60_000);
    const after = await s.kubectl('get', 'pods', '-n', 'kube-system');
    expect(before.stdout).not.toBe(after.stdout);
    expect(after.stdout).toMatch(/1\/1 +Running +0 +9\ds\n/);
  });

  it('runs the pod on the worker of a CRI-O cluster, pulling :v1', async () => {
    const s = simulated({ profile: 'crio' });
    await s.run(['kind', 'create', 'cluster', '--name', 'ivol', '--image', 'ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1', '--config', '/work/kind.yaml']);
    await s.world.clock.sleep(10_000);
    const r = await s.podRunning();
    expect(r.exitCode).toBe(0);
    const pod = await s.adapters.cluster.getPod('image-volume');
    expect(pod?.spec?.nodeName).toBe('ivol-worker');
    const events = (await s.adapters.cluster.snapshot()).events.filter((e) => e.involvedObject.kind === 'Pod');
    expect(events.find((e) => e.reason === 'Created')?.message).toBe('Created container shell');
    expect((await s.adapters.cluster.exec('image-volume', 'shell', ['grep', ' /volume ', '/proc/mounts'], 5000)).stdout).toMatch(/^overlay \/volume overlay ro,relatime,lowerdir=\/var\/lib\/containers\/storage\/overlay\/l\/[A-Z]+:\/var\/lib\/containers\/storage\/overlay\/l\/[A-Z]+ 0 0\n$/);
  });

  it('watch calls back at the start and on changes only, and stops', async () => {
    const s = simulated();
    const snaps: ClusterSnapshot[] = [];
    const stop = s.adapters.cluster.watch((snap) => snaps.push(snap));
    await new Promise((r) => setTimeout(r, 20));
    expect(snaps).toHaveLength(1);
    expect(snaps[0]?.reachable).toBe(false);
    await s.createCluster();
    await new Promise((r) => setTimeout(r, 20));
    expect(snaps.at(-1)?.reachable).toBe(true);
    const count = snaps.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(snaps.length).toBe(count);
    await s.kubectl('apply', '-f', '/work/pod.yaml');
    await new Promise((r) => setTimeout(r, 20));
    expect(snaps.length).toBeGreaterThan(count);
    expect(snaps.at(-1)?.pods.some((p) => p.metadata.name === 'image-volume')).toBe(true);
    stop();
    const after = snaps.length;
    await s.kubectl('delete', 'pod', 'image-volume', '--wait=false');
    await new Promise((r) => setTimeout(r, 20));
    expect(snaps.length).toBe(after);
  });

  it('probe.exec reports pods that are not running', async () => {
    const s = simulated();
    await s.createCluster();
    expect(await s.adapters.cluster.exec('image-volume', 'shell', ['ls'], 1000)).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "image-volume" not found\n' });
    await s.kubectl('apply', '-f', '/work/pod.yaml');
    expect((await s.adapters.cluster.exec('image-volume', 'shell', ['ls'], 1000)).exitCode).toBe(1);
  });

  it('doctor reports the simulated tools', async () => {
    const report = await simulated().adapters.doctor();
    expect(report).toMatchObject({ mode: 'simulated', engine: 'docker', ready: true, problems: [] });
    expect(report.tools.map((t) => [t.name, t.found, t.version])).toEqual([
      ['docker', true, '29.1.0'],
      ['kind', true, 'v0.31.0'],
      ['kubectl', true, 'v1.35.0'],
    ]);
    expect(report.plan).toMatchObject({ profile: 'containerd', featureGate: false, artifact: 'quay.io/crio/artifact:v2' });
    const gate = await simulated({ featureGate: true }).adapters.doctor();
    expect(gate.plan.featureGate).toBe(true);
  });
});
