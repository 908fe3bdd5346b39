import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot, KubeEvent, Pod } from './kube-objects.js';
import { failedPulls, wontRecover } from './will-not-recover.js';

const TOUR = { 'app.kubernetes.io/managed-by': 'ivol-tour' };

function pod(o: { waiting?: string; labels?: Record<string, string>; image?: boolean; deleting?: boolean; init?: boolean } = {}): Pod {
  const status = o.waiting ? [{ name: 'shell', ready: false, restartCount: 0, image: 'debian', state: { waiting: { reason: o.waiting, message: 'details' } } }] : [];
  return {
    metadata: { name: 'image-volume', namespace: 'default', uid: 'u1', labels: o.labels ?? TOUR, ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: {
      containers: [{ name: 'shell', image: 'debian' }],
      volumes: o.image === false ? [] : [{ name: 'volume', image: { reference: 'quay.io/crio/artifact:v2', pullPolicy: 'IfNotPresent' } }],
    },
    status: { phase: 'Pending', ...(o.init ? { initContainerStatuses: status } : { containerStatuses: status }) },
  };
}

function pullFailed(count: number, uid = 'u1'): KubeEvent {
  return {
    metadata: { name: `image-volume.pull${count}` },
    involvedObject: { kind: 'Pod', name: 'image-volume', namespace: 'default', uid },
    reason: 'Failed',
    message: 'Failed to pull image "quay.io/crio/artifact:v2": dial tcp: lookup quay.io: server misbehaving',
    type: 'Warning',
    count,
  };
}

function snap(pods: Pod[], events: KubeEvent[] = []): ClusterSnapshot {
  return { reachable: true, nodes: [], pods, events };
}

const input = (snapshot: ClusterSnapshot, imageVolumes?: Record<string, string[]>) => ({ snapshot, pods: ['image-volume'], namespace: 'default', ...(imageVolumes ? { imageVolumes } : {}) });

describe('wontRecover', () => {
  it('a pull error is a blip the first time, and will not recover once the kubelet failed again after its back-off', () => {
    expect(wontRecover(input(snap([pod({ waiting: 'ErrImagePull' })], [pullFailed(1)])))).toBeNull();
    const stuck = wontRecover(input(snap([pod({ waiting: 'ImagePullBackOff' })], [pullFailed(2)])));
    expect(stuck).toEqual({ pod: 'image-volume', reason: { key: 'recover.pull', params: expect.objectContaining({ pod: 'image-volume', count: 2, reason: 'ImagePullBackOff' }) as unknown } });
  });

  it('counts the kubelet\'s aggregated events (count), and separate events too', () => {
    expect(failedPulls([pullFailed(3)])).toBe(3);
    expect(failedPulls([pullFailed(1), { ...pullFailed(1), metadata: { name: 'other' } }])).toBe(2);
    expect(failedPulls([{ ...pullFailed(5), message: 'Error: ErrImagePull' }])).toBe(0);
  });

  it('CreateContainerError, InvalidImageName and ErrImageNeverPull will not recover at once (init containers too)', () => {
    for (const reason of ['CreateContainerError', 'InvalidImageName', 'ErrImageNeverPull']) {
      expect(wontRecover(input(snap([pod({ waiting: reason })])))?.reason).toMatchObject({ key: 'recover.container', params: { reason, container: 'shell' } });
    }
    expect(wontRecover(input(snap([pod({ waiting: 'CreateContainerError', init: true })])))).not.toBeNull();
  });

  it('an image volume the tutorial expects that the stored Pod does not have (the gate is off)', () => {
    const stuck = wontRecover(input(snap([pod({ image: false })]), { 'image-volume': ['volume'] }));
    expect(stuck?.reason).toEqual({ key: 'recover.volumeDropped', params: { pod: 'image-volume', volume: 'volume' } });
    expect(wontRecover(input(snap([pod()]), { 'image-volume': ['volume'] }))).toBeNull();
  });

  it('states that may still come up are not stuck: ContainerCreating, a Pod not there yet, an unreachable cluster', () => {
    expect(wontRecover(input(snap([pod({ waiting: 'ContainerCreating' })], [pullFailed(9)])))).toBeNull();
    expect(wontRecover(input(snap([])))).toBeNull();
    expect(wontRecover(input({ reachable: false, problem: { kind: 'absent' } } as unknown as ClusterSnapshot))).toBeNull();
  });

  it('only the tour\'s own Pod is evidence, and not while it is being deleted; events of an older Pod of the same name do not count', () => {
    expect(wontRecover(input(snap([pod({ waiting: 'CreateContainerError', labels: { app: 'mine' } })])))).toBeNull();
    expect(wontRecover(input(snap([pod({ waiting: 'CreateContainerError', deleting: true })])))).toBeNull();
    expect(wontRecover(input(snap([pod({ waiting: 'ImagePullBackOff' })], [pullFailed(4, 'older-uid')])))).toBeNull();
  });
});
