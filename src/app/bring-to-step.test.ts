// Bringing a session to a step, the one way --step (TUI and run) and resume both take: in
// simulated mode the earlier steps are solved (fast-forward), in real modes nothing runs and
// saved statuses are restored as they were.
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeAdapters, type FakeAdapters } from '../../test/helpers/fake-adapters.js';
import { tinyFacts, tinyTutorial } from '../../test/helpers/tiny-tutorial.js';
import type { Mode } from '../engine/model.js';
import { stepIndex, type StepStatus } from '../engine/tour.js';
import { bringToStep } from './bring-to-step.js';
import { TourController } from './tour-controller.js';

const controllers: TourController[] = [];
afterEach(async () => {
  for (const c of controllers.splice(0)) {
    await c.dispose();
    await c.adapters.dispose();
  }
});

function session(mode: Mode, adapters: FakeAdapters = createFakeAdapters()): { c: TourController; adapters: FakeAdapters } {
  const c = new TourController(tinyTutorial(), tinyFacts({ mode }), adapters);
  controllers.push(c);
  return { c, adapters };
}

const statusOf = (c: TourController): Record<string, StepStatus> => Object.fromEntries(c.getState().steps.map((s) => [s.id, s.status]));

describe('bringToStep, simulated', () => {
  it('--step solves every earlier step (fast-forward) and selects the step', async () => {
    const { c, adapters } = session('simulated');
    const slow = stepIndex(c.getState(), 'slow');
    const started: number[] = [];
    const arrival = await bringToStep(c, { step: slow }, { onFastForward: (target) => started.push(target) });
    expect(arrival).toEqual({ ok: true });
    expect(started).toEqual([slow]);
    expect(c.getState().current).toBe(slow);
    expect(statusOf(c)).toMatchObject({ welcome: 'passed', 'apply-pod': 'passed', verify: 'passed', slow: 'pending' });
    // The solve actions ran, in order (the tiny tutorial's solve is its commands).
    expect(adapters.ran.map((a) => a.slice(0, 2).join(' '))).toEqual(['kubectl apply', 'echo ls']);
    expect(c.getState().steps.find((s) => s.id === 'verify')?.how).toBe('solve');
  });

  it('a failing earlier step stops the fast-forward there and is selected', async () => {
    const { c } = session('simulated', createFakeAdapters({ execStdout: 'nothing\n' }));
    const arrival = await bringToStep(c, { step: stepIndex(c.getState(), 'slow') });
    const verify = stepIndex(c.getState(), 'verify');
    expect(arrival).toEqual({ ok: false, failedAt: verify });
    expect(c.getState().current).toBe(verify);
    expect(statusOf(c)).toMatchObject({ 'apply-pod': 'passed', verify: 'failed', slow: 'pending' });
  });

  it('resume rebuilds the world up to the first unfinished step', async () => {
    const { c, adapters } = session('simulated');
    const arrival = await bringToStep(c, { resume: { statuses: { welcome: 'passed', 'apply-pod': 'passed' }, current: 'verify' } });
    expect(arrival).toEqual({ ok: true });
    expect(c.getState().current).toBe(stepIndex(c.getState(), 'verify'));
    expect(statusOf(c)).toMatchObject({ welcome: 'passed', 'apply-pod': 'passed', verify: 'pending' });
    expect(adapters.ran.map((a) => a[0])).toEqual(['kubectl']);
  });

  it('resume looks at the first unfinished step even when the saved one is an earlier, finished one', async () => {
    const { c } = session('simulated');
    await bringToStep(c, { resume: { statuses: { welcome: 'passed', 'apply-pod': 'passed' }, current: 'welcome' } });
    expect(c.getState().current).toBe(stepIndex(c.getState(), 'verify'));
  });

  it('resume rebuilds past a step the learner only passed over (never ran): the progress after it is not lost', async () => {
    const { c, adapters } = session('simulated');
    // Welcome was never run (the learner pressed j), the Pod step was: the frontier is after it.
    const arrival = await bringToStep(c, { resume: { statuses: { 'apply-pod': 'passed' }, current: 'verify' } });
    expect(arrival).toEqual({ ok: true });
    expect(c.getState().current).toBe(stepIndex(c.getState(), 'verify'));
    expect(statusOf(c)).toMatchObject({ welcome: 'passed', 'apply-pod': 'passed', verify: 'pending' });
    expect(adapters.ran.map((a) => a[0])).toEqual(['kubectl']);
  });

  it('resume looks at the saved step again when the learner was reading ahead of the furthest finished one', async () => {
    const { c, adapters } = session('simulated');
    await bringToStep(c, { resume: { statuses: { welcome: 'passed' }, current: 'verify' } });
    // The world is rebuilt to where it was (nothing after welcome ran), and the learner reads on where they were.
    expect(c.getState().current).toBe(stepIndex(c.getState(), 'verify'));
    expect(statusOf(c)).toMatchObject({ welcome: 'passed', 'apply-pod': 'pending', verify: 'pending' });
    expect(adapters.ran).toEqual([]);
  });
});

describe('bringToStep, real and bring-your-own', () => {
  it.each<Mode>(['real', 'byoc'])('%s: --step only selects the step; nothing runs, nothing is marked', async (mode) => {
    const { c, adapters } = session(mode);
    const started: number[] = [];
    const arrival = await bringToStep(c, { step: stepIndex(c.getState(), 'verify') }, { onFastForward: (t) => started.push(t) });
    expect(arrival).toEqual({ ok: true });
    expect(c.getState().current).toBe(stepIndex(c.getState(), 'verify'));
    expect(statusOf(c)).toMatchObject({ welcome: 'pending', 'apply-pod': 'pending', verify: 'pending' });
    expect(adapters.ran).toEqual([]);
    expect(started).toEqual([]);
  });

  it('run: --step marks the earlier steps skipped (as its report lists them)', async () => {
    const { c, adapters } = session('real');
    await bringToStep(c, { step: stepIndex(c.getState(), 'verify'), markEarlier: 'skipped' });
    expect(statusOf(c)).toMatchObject({ welcome: 'skipped', 'apply-pod': 'skipped', verify: 'pending', slow: 'pending' });
    expect(adapters.ran).toEqual([]);
  });

  it('resume restores the saved statuses and the saved step, running nothing', async () => {
    const { c, adapters } = session('real');
    const arrival = await bringToStep(c, { resume: { statuses: { welcome: 'passed', 'apply-pod': 'skipped' }, current: 'slow' } });
    expect(arrival).toEqual({ ok: true });
    expect(c.getState().current).toBe(stepIndex(c.getState(), 'slow'));
    expect(statusOf(c)).toMatchObject({ welcome: 'passed', 'apply-pod': 'skipped', verify: 'pending' });
    expect(adapters.ran).toEqual([]);
  });
});
