// A failed step shows the hints that fit the session and the failure: the built-in watch-pod
// step's advice for `mount.HostPath is empty` differs for kind's containerd, a CRI-O node image
// and your own cluster; a hint about another failure (the :v1 artifact's diffIDs) is not shown.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSIS_RULE_IDS } from '../src/engine/diagnosis.js';
import { BUILTIN_TUTORIAL_DIR, loadTutorialDir } from '../src/adapters/tutorial-files.js';
import type { Mode, Profile } from '../src/engine/model.js';
import { initialState, type TourState } from '../src/engine/tour.js';
import { resultLines } from '../src/ui/result-content.js';
import { tinyFacts } from './helpers/tiny-tutorial.js';

/** What the runtime reported (the failure's evidence) and the rule that diagnosed it. */
interface Seen {
  readonly rule: string;
  readonly evidence: string;
}

const HOST_PATH: Seen = { rule: 'runtime.crioTooOld', evidence: 'CreateContainerError: Error: mount.HostPath is empty' };
const DIFF_IDS: Seen = { rule: 'artifact.layersDiffIds', evidence: 'ErrImagePull: failed to pull and unpack image "quay.io/crio/artifact:v1": failed to unpack image on snapshotter overlayfs: number of layers and diffIDs don\'t match: 1 != 0' };

function failedWatchPod(profile: Profile, mode: Mode, seen: Seen): { state: TourState; index: number } {
  const loaded = loadTutorialDir(BUILTIN_TUTORIAL_DIR);
  if (!loaded.ok) throw new Error('the built-in tutorial does not load');
  const s0 = initialState(loaded.tutorial, tinyFacts({ profile, mode, ...(mode === 'byoc' ? { context: 'work' } : {}) }));
  const index = s0.tutorial.steps.findIndex((s) => s.id === 'watch-pod');
  const steps = s0.steps.map((st, i) =>
    i === index
      ? { ...st, status: 'failed' as const, checks: [{ id: 'pod-running', ok: false, message: { key: 'check.pod.phaseWant' as const, params: { phase: 'Pending', state: 'CreateContainerError', want: 'Running' } } }], failure: { reason: 'check' as const, message: { key: 'step.checkFailed' as const, params: { check: 'pod-running', message: 'x' } }, diagnosis: { rule: seen.rule, cause: { key: 'diag.image.pullFailed.cause' as const }, next: { key: 'diag.image.pullFailed.next' as const } }, evidence: seen.evidence } }
      : st,
  );
  return { state: { ...s0, steps, current: index }, index };
}

const text = (profile: Profile, mode: Mode, seen: Seen = HOST_PATH): string => {
  const { state, index } = failedWatchPod(profile, mode, seen);
  return resultLines(state, index, { lang: 'en', width: 400, color: false }).join('\n');
};

describe('step hints with when', () => {
  it('containerd profile: upgrade kind; nothing about building a CRI-O image', () => {
    const t = text('containerd', 'simulated');
    expect(t).toContain('Upgrade kind to v0.31+ (containerd 2.2) and recreate the cluster');
    expect(t).not.toContain('kind publishes no CRI-O node images');
  });

  it('crio profile: kind publishes no CRI-O image, so no "upgrade kind"', () => {
    const t = text('crio', 'real');
    expect(t).toContain('kind publishes no CRI-O node images, so upgrading kind does not help');
    expect(t).not.toContain('Upgrade kind to v0.31+');
  });

  it('your own cluster: the nodes\' runtime, not kind', () => {
    const t = text('containerd', 'byoc');
    expect(t).toContain('your nodes\' runtime cannot mount image volumes');
    expect(t).not.toMatch(/upgrad(e|ing) kind/i);
  });
});

describe('step hints for one failure (about, seen)', () => {
  it('a runtime that cannot mount image volumes: its hint, not the :v1 artifact\'s', () => {
    const t = text('containerd', 'simulated');
    expect(t).toContain('Upgrade kind to v0.31+');
    expect(t).not.toContain('number of layers and diffIDs don\'t match');
  });

  it('the :v1 artifact on containerd: use :v2, and nothing about the runtime', () => {
    for (const mode of ['simulated', 'byoc'] as const) {
      const t = text('containerd', mode, DIFF_IDS);
      expect(t).toContain('number of layers and diffIDs don\'t match" means containerd got the `:v1` artifact');
      expect(t).not.toContain('failed to mkdir');
      expect(t).not.toContain('mount.HostPath is empty');
    }
  });

  it('the same error without a diagnosis: its text is enough', () => {
    expect(text('containerd', 'simulated', { rule: 'none', evidence: DIFF_IDS.evidence })).toContain('means containerd got the `:v1` artifact');
    expect(text('containerd', 'simulated', { rule: 'none', evidence: 'Back-off pulling image' })).not.toContain('Hint: ErrImagePull');
  });

  it('in Chinese too', () => {
    const { state, index } = failedWatchPod('containerd', 'simulated', DIFF_IDS);
    const t = resultLines(state, index, { lang: 'zh-CN', width: 400, color: false }).join('\n');
    expect(t).toContain('说明 containerd 拿到的是 `:v1` 制品');
    expect(t).not.toContain('节点的运行时无法挂载镜像卷');
  });
});

describe('the rule ids a hint may name', () => {
  it('docs/authoring.md lists every one', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'authoring.md'), 'utf8');
    const section = doc.slice(doc.indexOf('### Hints for one failure'), doc.indexOf('### The end of the tour'));
    for (const id of DIAGNOSIS_RULE_IDS) expect(section, id).toContain(`\`${id}\``);
  });
});
