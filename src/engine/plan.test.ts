import { describe, expect, it } from 'vitest';
import { ARTIFACT_CONTAINERD, ARTIFACT_CRIO, CRIO_NODE_IMAGE, kindTooOld, planFor } from './plan.js';
import { parseVersion, runtimeSupport } from './versions.js';

describe('planFor', () => {
  it.each([
    ['kind v0.31.0 go1.25.5 linux/amd64', false, 'yes', 'plan.kind.current'],
    ['kind v0.33.0', false, 'yes', 'plan.kind.current'],
    ['kind v0.30.0 go1.24.6 linux/amd64', true, 'ignored', 'plan.kind.gate'],
    ['v0.28.0', true, 'ignored', 'plan.kind.gate'],
    ['kind v0.27.0', false, 'no', 'plan.kind.tooOld'],
  ] as const)('%s → gate %s, subPath %s', (version, gate, subPath, note) => {
    const p = planFor(version, undefined);
    expect(p).toMatchObject({ profile: 'containerd', featureGate: gate, subPath, artifact: ARTIFACT_CONTAINERD, nodeImage: '' });
    expect(p.notes[0]?.key).toBe(note);
  });

  it('follows the original guide on the crio profile', () => {
    expect(planFor('kind v0.31.0', 'crio')).toMatchObject({ featureGate: true, nodeImage: CRIO_NODE_IMAGE, artifact: ARTIFACT_CRIO });
  });

  it('knows which kind is too old', () => {
    expect(kindTooOld('kind v0.26.0')).toBe(true);
    expect(kindTooOld('kind v0.29.0')).toBe(false);
    expect(kindTooOld(undefined)).toBe(false);
  });
});

describe('runtimeSupport', () => {
  it.each([
    ['containerd://2.2.0', 'containerd', 'yes', 'yes'],
    ['containerd://2.1.4-k3s1', 'containerd', 'yes', 'ignored'],
    ['containerd://2.0.2', 'containerd', 'no', 'no'],
    ['containerd://1.7.18', 'containerd', 'no', 'no'],
    ['cri-o://1.33.0', 'cri-o', 'yes', 'yes'],
    ['cri-o://1.31.9-2.rhaos4.18.git1234', 'cri-o', 'yes', 'no'],
    ['cri-o://1.30.4', 'cri-o', 'no', 'no'],
    ['docker://29.6.2', 'docker', 'no', 'no'],
    ['something', 'other', 'unknown', 'unknown'],
  ] as const)('%s', (raw, runtime, imageVolumes, subPath) => {
    expect(runtimeSupport(raw)).toMatchObject({ runtime, imageVolumes, subPath });
  });

  it('parses versions tolerantly', () => {
    expect(parseVersion('kind v0.29.0 go1.24.2 linux/amd64')).toEqual({ major: 0, minor: 29, patch: 0 });
    expect(parseVersion('v1.33')).toEqual({ major: 1, minor: 33, patch: 0 });
    expect(parseVersion('none')).toBeNull();
  });
});
