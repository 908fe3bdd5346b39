// The controller over the simulated cluster and the built-in tutorial: the same path `run`
// and the TUI take, at virtual speed so nothing waits.
import { tempDir } from '../../test/helpers/temp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulatedAdapters, type SimFault } from '../adapters/cluster/simulated/index.js';
import { createFileStore } from '../adapters/store/file-store.js';
import { BUILTIN_TUTORIAL_DIR, loadTutorialDir } from '../adapters/tutorial-files.js';
import { tinyFacts } from '../../test/helpers/tiny-tutorial.js';
import type { SessionFacts, TutorialSpec } from '../engine/model.js';
import { stepIndex } from '../engine/tour.js';
import { tRef } from '../i18n/index.js';
import { TourController } from './tour-controller.js';

function builtin(): TutorialSpec {
  const r = loadTutorialDir(BUILTIN_TUTORIAL_DIR);
  if (!r.ok) throw new Error(r.problems.map((p) => tRef('en', p.message)).join('\n'));
  return r.tutorial;
}

const controllers: TourController[] = [];
afterEach(async () => {
  for (const c of controllers.splice(0)) {
    await c.dispose();
    await c.adapters.dispose();
  }
});

function session(faults: SimFault[] = []): TourController {
  const facts: SessionFacts = tinyFacts({ workDir: tempDir('ivol-ctl-') });
  const adapters = createSimulatedAdapters({ profile: 'containerd', featureGate: false, cluster: 'ivol', namespace: 'default', speed: 0, faults, files: createFileStore() });
  const c = new TourController(builtin(), facts, adapters);
  controllers.push(c);
  return c;
}

describe('TourController', () => {
  it('fast-forwards to a step, then runs it with its output in the log', async () => {
    const c = session();
    const verify = stepIndex(c.getState(), 'verify');
    expect(await c.fastForwardTo(verify)).toBe(true);
    expect(c.getState().steps.slice(0, verify).map((s) => s.status)).not.toContain('pending');
    const done = await c.runStep(verify, 'run');
    expect(done?.status).toBe('passed');
    const text = c.output.lines('verify').map((l) => l.text).join('\n');
    expect(text).toContain('$ kubectl --context kind-ivol -n default exec image-volume -c shell -- cat /volume/dir/file');
    expect(text).toContain("touch: cannot touch '/volume/ivol-write-test': Read-only file system");
  });

  it('reuses an existing cluster instead of failing to create it twice', async () => {
    const c = session();
    const create = stepIndex(c.getState(), 'create-cluster');
    await c.fastForwardTo(create);
    expect((await c.runStep(create, 'run'))?.status).toBe('passed');
    expect((await c.runStep(create, 'run'))?.status).toBe('passed');
    expect(c.output.lines('create-cluster').map((l) => l.text).join('\n')).toContain('already exists: the tour reuses it');
  });

  it('diagnoses a failed step from the cluster it observes', async () => {
    const c = session(['gate-off']);
    const apply = stepIndex(c.getState(), 'apply-pod');
    await c.fastForwardTo(apply);
    const done = await c.runStep(apply, 'run');
    expect(done?.status).toBe('failed');
    expect(done?.failure?.diagnosis?.rule).toBe('pod.gateOff');
  });

  it('keeps what the failure showed with it: the kubelet\'s error, for the hints that name its text', async () => {
    const c = session(['artifact-layers']);
    const watch = stepIndex(c.getState(), 'watch-pod');
    await c.fastForwardTo(watch);
    const done = await c.runStep(watch, 'run');
    expect(done?.status).toBe('failed');
    expect(done?.failure?.diagnosis?.rule).toBe('artifact.layersDiffIds');
    expect(done?.failure?.evidence).toContain("number of layers and diffIDs don't match: 1 != 0");
    expect(done?.failure?.evidence).not.toContain('mkdir');
  });

  it('cancels a running step and ends its command', async () => {
    const c = session();
    const watch = stepIndex(c.getState(), 'watch-pod');
    await c.fastForwardTo(stepIndex(c.getState(), 'create-cluster'));
    // watch-pod without a pod waits for the timeout: cancel it while it waits.
    const running = c.runStep(watch, 'run');
    await c.until((s) => s.active?.index === watch);
    c.cancel();
    const done = await running;
    expect(done?.failure?.reason).toBe('cancelled');
    expect(c.getState().active).toBeNull();
  });
});
