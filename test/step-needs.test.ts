// What a step needs from the steps before it, derived from the tutorial (engine/step-needs.ts):
// checked on the built-in tutorial, and on a copy whose step ids are all renamed (the code knows
// no step id).
import { describe, expect, it } from 'vitest';
import { BUILTIN_TUTORIAL_DIR } from '../src/adapters/package-paths.js';
import { loadTutorialDir } from '../src/adapters/tutorial-files.js';
import type { SessionFacts, TutorialSpec } from '../src/engine/model.js';
import { pendingNeeds, stepNeeds } from '../src/engine/step-needs.js';
import { initialState } from '../src/engine/tour.js';

function builtin(): TutorialSpec {
  const loaded = loadTutorialDir(BUILTIN_TUTORIAL_DIR);
  if (!loaded.ok) throw new Error('the built-in tutorial does not load');
  return loaded.tutorial;
}

const facts: SessionFacts = {
  mode: 'simulated', profile: 'containerd', featureGate: false, lang: 'en', cluster: 'ivol', context: 'kind-ivol',
  namespace: 'default', artifact: 'quay.io/crio/artifact:v2', nodeImage: 'kindest/node:v1.35.0', workDir: '/tmp/w',
};

/** The needs of step `id` as "step id: reasons". */
function needsOf(tutorial: TutorialSpec, id: string, f: SessionFacts = facts): string[] {
  const index = tutorial.steps.findIndex((s) => s.id === id);
  return stepNeeds(tutorial, f, index).map((n) => `${tutorial.steps[n.index]?.id}: ${n.reasons.map((r) => ('name' in r ? `${r.kind} ${r.name}` : r.kind)).join(', ')}`);
}

describe('stepNeeds on the built-in tutorial', () => {
  it('watch-pod needs apply-pod (it applies the Pod it waits for) and the step that creates the cluster', () => {
    expect(needsOf(builtin(), 'watch-pod')).toEqual(['apply-pod: pod image-volume', 'create-cluster: cluster']);
  });

  it('create-cluster writes its kind config itself: it needs nothing', () => {
    // create-cluster writes the kind config too (so it can run alone): it needs nothing of it.
    expect(needsOf(builtin(), 'create-cluster')).toEqual([]);
  });

  it('verify and explore-shell need the Pod; limitations applies its own Pod and needs only the cluster', () => {
    expect(needsOf(builtin(), 'verify')).toEqual(['apply-pod: pod image-volume', 'create-cluster: cluster']);
    expect(needsOf(builtin(), 'explore-shell')).toEqual(['apply-pod: pod image-volume', 'create-cluster: cluster']);
    expect(needsOf(builtin(), 'limitations')).toEqual(['create-cluster: cluster']);
  });

  it('steps that do not talk to the cluster need nothing', () => {
    for (const id of ['welcome', 'preflight', 'cluster-config']) expect(needsOf(builtin(), id), id).toEqual([]);
  });

  it('with --context (byoc) no step creates a cluster: only the Pod is needed', () => {
    expect(needsOf(builtin(), 'watch-pod', { ...facts, mode: 'byoc', context: 'work' })).toEqual(['apply-pod: pod image-volume']);
  });

  it('pendingNeeds leaves out the steps that passed in this session', () => {
    const t = builtin();
    const state = initialState(t, facts);
    const watch = t.steps.findIndex((s) => s.id === 'watch-pod');
    expect(pendingNeeds(state, watch).map((n) => t.steps[n.index]?.id)).toEqual(['apply-pod', 'create-cluster']);
    const passed = { ...state, steps: state.steps.map((s) => (s.id === 'create-cluster' ? { ...s, status: 'passed' as const } : s)) };
    expect(pendingNeeds(passed, watch).map((n) => t.steps[n.index]?.id)).toEqual(['apply-pod']);
  });
});

describe('stepNeeds knows no step id', () => {
  it('the same needs with every step renamed', () => {
    const t = builtin();
    const renamed: TutorialSpec = { ...t, steps: t.steps.map((s, i) => ({ ...s, id: `s${i}` })) };
    const watch = t.steps.findIndex((s) => s.id === 'watch-pod');
    const apply = t.steps.findIndex((s) => s.id === 'apply-pod');
    const create = t.steps.findIndex((s) => s.id === 'create-cluster');
    expect(stepNeeds(renamed, facts, watch).map((n) => n.index)).toEqual([apply, create]);
  });
});
