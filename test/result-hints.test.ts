// A failed step shows the hints that fit the session: the built-in watch-pod step's advice for
// `mount.HostPath is empty` differs for kind's containerd, a CRI-O node image and your own cluster.
import { describe, expect, it } from 'vitest';
import { BUILTIN_TUTORIAL_DIR, loadTutorialDir } from '../src/adapters/tutorial-files.js';
import type { Mode, Profile } from '../src/engine/model.js';
import { initialState, type TourState } from '../src/engine/tour.js';
import { resultLines } from '../src/ui/result-content.js';
import { tinyFacts } from './helpers/tiny-tutorial.js';

function failedWatchPod(profile: Profile, mode: Mode): { state: TourState; index: number } {
  const loaded = loadTutorialDir(BUILTIN_TUTORIAL_DIR);
  if (!loaded.ok) throw new Error('the built-in tutorial does not load');
  const s0 = initialState(loaded.tutorial, tinyFacts({ profile, mode, ...(mode === 'byoc' ? { context: 'work' } : {}) }));
  const index = s0.tutorial.steps.findIndex((s) => s.id === 'watch-pod');
  const steps = s0.steps.map((st, i) =>
    i === index
      ? { ...st, status: 'failed' as const, checks: [{ id: 'pod-running', ok: false, message: { key: 'check.pod.phaseWant' as const, params: { phase: 'Pending', state: 'CreateContainerError', want: 'Running' } } }], failure: { reason: 'check' as const, message: { key: 'step.checkFailed' as const, params: { check: 'pod-running', message: 'x' } } } }
      : st,
  );
  return { state: { ...s0, steps, current: index }, index };
}

const text = (profile: Profile, mode: Mode): string => {
  const { state, index } = failedWatchPod(profile, mode);
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
    // Hints without `when` are shown everywhere.
    expect(t).toContain('number of layers and diffIDs don\'t match');
  });
});
