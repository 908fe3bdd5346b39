import { describe, expect, it } from 'vitest';
import { failureHints, hintFits, stepHintsFor } from './failure-hints.js';
import { DIAGNOSIS_RULE_IDS, failureEvidence, MAX_EVIDENCE_CHARS } from './diagnosis.js';
import { unavailable, type ClusterSnapshot, type Pod } from './kube-objects.js';
import type { Hint, SessionFacts, StepSpec, Text } from './model.js';
import type { StepState } from './tour.js';

const facts: SessionFacts = {
  mode: 'simulated', profile: 'containerd', featureGate: false, lang: 'en', cluster: 'ivol', context: 'kind-ivol',
  namespace: 'default', artifact: 'quay.io/crio/artifact:v2', nodeImage: '', workDir: '/tmp/w',
};

const text = (en: string): Text => ({ en, 'zh-CN': `${en}（中文）` });
const hint = (en: string, extra: Omit<Hint, 'en' | 'zh-CN'> = {}): Hint => ({ ...text(en), ...extra });

const LAYERS = hint('use :v2', { about: ['artifact.layersDiffIds'], seen: ["number of layers and diffIDs don't match"] });
const MKDIR = hint('upgrade kind', { about: ['runtime.containerdTooOld'], seen: ['failed to mkdir ""'] });
const OFFLINE = hint('use a mirror', { about: ['registry.offlinePull'] });
const GENERAL = hint('describe the pod');
const CRIO_ONLY = hint('build a CRI-O image', { seen: ['mount.HostPath is empty'], when: { profile: 'crio' } });
const HINTS = [LAYERS, MKDIR, OFFLINE, GENERAL, CRIO_ONLY];

const shown = (failure: { rule?: string; evidence?: string }, f: SessionFacts = facts): string[] => stepHintsFor(HINTS, f, failure).map((h) => h.en);

describe('which step hints fit a failure', () => {
  it('a hint naming the failure\'s diagnosis rule is shown; those naming other rules are not', () => {
    expect(shown({ rule: 'registry.offlinePull', evidence: 'dial tcp: lookup quay.io: server misbehaving' })).toEqual(['use a mirror', 'describe the pod']);
  });

  it('a hint whose text occurs in what the failure showed is shown, whatever the rule (or none)', () => {
    const evidence = 'ErrImagePull: failed to unpack image on snapshotter overlayfs: number of layers and diffIDs don\'t match: 1 != 0';
    expect(shown({ rule: 'artifact.pullFailed', evidence })).toEqual(['use :v2', 'describe the pod']);
    expect(shown({ evidence })).toEqual(['use :v2', 'describe the pod']);
  });

  it('texts are literal and case-sensitive substrings', () => {
    expect(hintFits(MKDIR, { evidence: 'CreateContainerError: failed to apply OCI options: failed to mkdir "": no such file' })).toBe(true);
    expect(hintFits(MKDIR, { evidence: 'FAILED TO MKDIR ""' })).toBe(false);
    expect(hintFits(hint('x', { seen: ['a.c'] }), { evidence: 'abc' })).toBe(false);
  });

  it('neither the rule nor a text: only the hints that name no failure', () => {
    expect(shown({ rule: 'pod.unschedulable', evidence: '0/1 nodes are available' })).toEqual(['describe the pod']);
    expect(shown({})).toEqual(['describe the pod']);
  });

  it('a hint without about/seen keeps the old behaviour: shown for every failure its `when` fits', () => {
    expect(hintFits(GENERAL, {})).toBe(true);
    expect(hintFits(GENERAL, { rule: 'registry.offlinePull', evidence: 'anything' })).toBe(true);
  });

  it('`when` still applies to a hint that fits the failure', () => {
    const evidence = 'CreateContainerError: mount.HostPath is empty';
    expect(shown({ evidence })).toEqual(['describe the pod']);
    expect(shown({ evidence }, { ...facts, profile: 'crio' })).toEqual(['describe the pod', 'build a CRI-O image']);
  });
});

function step(hints: readonly Hint[], checkHint?: Text): StepSpec {
  return {
    id: 'watch-pod', title: text('Watch'), body: text('body'), beats: { en: ['body'], 'zh-CN': ['body'] }, actionBeat: 0,
    optional: false, files: [], commands: [], solve: [],
    checks: [{ id: 'pod-running', kind: 'podPhase', title: text('Running'), timeoutMs: 0, pod: 'image-volume', ...(checkHint ? { hint: checkHint } : {}) }],
    hints,
  };
}

function failed(rule: string | undefined, evidence?: string): Pick<StepState, 'checks' | 'failure'> {
  return {
    checks: [{ id: 'pod-running', ok: false, message: { key: 'check.pod.phaseWant', params: { phase: 'Pending', state: 'ImagePullBackOff', want: 'Running' } } }],
    failure: {
      reason: 'check',
      message: { key: 'step.checkFailed', params: { check: 'pod-running', message: 'x' } },
      ...(rule !== undefined ? { diagnosis: { rule, cause: { key: 'diag.image.pullFailed.cause' }, next: { key: 'diag.image.pullFailed.next' } } } : {}),
      ...(evidence !== undefined ? { evidence } : {}),
    },
  };
}

describe('every hint a failed step shows', () => {
  it('the failed check\'s hint first, then the step hints that fit, each once', () => {
    const s = step([OFFLINE, GENERAL, LAYERS, text('describe the pod')], text('read the events'));
    expect(failureHints(s, failed('registry.offlinePull', 'dial tcp'), facts).map((t) => t.en)).toEqual(['read the events', 'use a mirror', 'describe the pod']);
  });

  it('the evidence kept with the failure is what `seen` is matched against', () => {
    const s = step([LAYERS, MKDIR]);
    expect(failureHints(s, failed(undefined, 'failed to mkdir "": x'), facts).map((t) => t.en)).toEqual(['upgrade kind']);
    expect(failureHints(s, failed(undefined), facts)).toEqual([]);
  });

  it('a check hint that assumes an earlier check passed is not shown when that check failed', () => {
    const s: StepSpec = {
      ...step([]),
      checks: [
        { id: 'pod-running', kind: 'podPhase', title: text('Running'), timeoutMs: 0, pod: 'image-volume', hint: text('read the events') },
        { id: 'pod-ready', kind: 'podReady', title: text('Ready'), timeoutMs: 0, pod: 'image-volume', hint: text('the Pod runs, but: read its logs'), assumes: ['pod-running'] },
      ],
    };
    const notReady = { id: 'pod-ready', ok: false, message: { key: 'check.pod.ready' } } as const;
    const base = failed(undefined);
    // Both failed: the Pod never ran, so "the Pod runs, but…" would mislead.
    expect(failureHints(s, { ...base, checks: [...base.checks, notReady] }, facts).map((t) => t.en)).toEqual(['read the events']);
    // It runs, and is not ready: the hint fits.
    const running = { id: 'pod-running', ok: true, message: { key: 'check.pod.phaseWant' } } as const;
    expect(failureHints(s, { ...base, checks: [running, notReady] }, facts).map((t) => t.en)).toEqual(['the Pod runs, but: read its logs']);
  });

  it('an earlier step that did not run (step.needs) explains the failure: no hints at all', () => {
    expect(failureHints(step([GENERAL], text('read the events')), failed('step.needs'), facts)).toEqual([]);
  });

  it('a step that has not failed shows none', () => {
    expect(failureHints(step([GENERAL]), { checks: [] }, facts)).toEqual([]);
  });
});

describe('the evidence of a failure and the rule ids', () => {
  const tourPod = (message: string, labels: Record<string, string> = { 'app.kubernetes.io/managed-by': 'ivol-tour' }): Pod => ({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'image-volume', namespace: 'default', labels },
    spec: { containers: [{ name: 'shell', image: 'debian' }], volumes: [{ name: 'volume', image: { reference: 'quay.io/crio/artifact:v1' } }] },
    status: { phase: 'Pending', containerStatuses: [{ name: 'shell', ready: false, restartCount: 0, image: 'debian', state: { waiting: { reason: 'ErrImagePull', message } } }] },
  });
  const snapshot: ClusterSnapshot = { ...unavailable({ kind: 'absent' }), reachable: true };

  it('holds the tour\'s Pod\'s container states and the output the rules read', () => {
    const e = failureEvidence({ snapshot, pod: tourPod("number of layers and diffIDs don't match: 1 != 0"), facts, stepId: 'watch-pod', output: 'phase Pending (ErrImagePull)' });
    expect(e).toContain("ErrImagePull: number of layers and diffIDs don't match: 1 != 0");
    expect(e).toContain('phase Pending (ErrImagePull)');
  });

  it('someone else\'s Pod of the same name is no evidence', () => {
    const e = failureEvidence({ snapshot, pod: tourPod('failed to mkdir ""', {}), facts, stepId: 'watch-pod', output: 'out' });
    expect(e).toBe('out');
  });

  it('is bounded, and keeps the end of a long output', () => {
    const output = `${'x'.repeat(MAX_EVIDENCE_CHARS * 2)}the last line`;
    const e = failureEvidence({ snapshot, pod: tourPod('y'.repeat(MAX_EVIDENCE_CHARS)), facts, stepId: 'watch-pod', output });
    expect(e.length).toBeLessThanOrEqual(MAX_EVIDENCE_CHARS);
    expect(e.endsWith('the last line')).toBe(true);
    expect(e.startsWith('ErrImagePull: yyy')).toBe(true);
  });

  it('the known rule ids are the table\'s and doctor\'s tools', () => {
    expect(DIAGNOSIS_RULE_IDS).toContain('registry.offlinePull');
    expect(DIAGNOSIS_RULE_IDS).toContain('artifact.layersDiffIds');
    expect(DIAGNOSIS_RULE_IDS).toContain('step.needs');
    expect(DIAGNOSIS_RULE_IDS).toContain('tools.kind');
    expect(new Set(DIAGNOSIS_RULE_IDS).size).toBe(DIAGNOSIS_RULE_IDS.length);
  });
});
