import type { Refusal } from './ownership.js';
import { describe, expect, it } from 'vitest';
import { tinyFacts } from '../../test/helpers/tiny-tutorial.js';
import type { CheckSpec, CommandSpec, SessionFacts, StepSpec, Text, TutorialSpec } from './model.js';
import { commandFailed, initialState, reduce, stepChecks, stepCommands, stepPodNames, stepShell, type CommandOutcome, type Diagnosis, type Effect, type TourEvent, type TourState } from './tour.js';

const text = (s: string): Text => ({ en: s, 'zh-CN': s });

function cmd(id: string, argv: string[], extra: Partial<CommandSpec> = {}): CommandSpec {
  return { id, argv, timeoutMs: 1000, allowFailure: false, ...extra };
}

function check(id: string, extra: Partial<CheckSpec> = {}): CheckSpec {
  return { id, kind: 'clusterExists', title: text(id), timeoutMs: 0, ...extra };
}

function step(id: string, extra: Partial<StepSpec> = {}): StepSpec {
  const commands = extra.commands ?? [];
  return { id, title: text(id), body: text(`# ${id}`), beats: { en: [`# ${id}`], 'zh-CN': [`# ${id}`] }, actionBeat: 0, optional: false, files: [], commands, checks: [], solve: commands, hints: [], ...extra };
}

const facts: SessionFacts = tinyFacts({ workDir: '/work' });

function tutorial(steps: StepSpec[]): TutorialSpec {
  return { id: 't', title: text('T'), description: text('d'), dir: '/t', steps };
}

/** Applies events in order, collecting every effect. */
function play(state: TourState, events: TourEvent[], now = 0): { state: TourState; effects: Effect[] } {
  const effects: Effect[] = [];
  let s = state;
  for (const e of events) {
    const r = reduce(s, e, now);
    s = r.state;
    effects.push(...r.effects);
  }
  return { state: s, effects };
}

const ok = { exitCode: 0, timedOut: false, cancelled: false };

describe('the step state machine', () => {
  it('passes an informational step at once', () => {
    const s0 = initialState(tutorial([step('welcome')]), facts);
    const { state, effects } = play(s0, [{ type: 'start', index: 0, how: 'run' }]);
    expect(effects).toEqual([]);
    expect(state.steps[0]?.status).toBe('passed');
    expect(state.active).toBeNull();
  });

  it('writes files, runs commands in order with variables, then checks', () => {
    const spec = step('create', {
      files: [{ name: 'cfg', asset: 'kind.yaml', content: 'kind: Cluster\n' }],
      commands: [cmd('a', ['kind', 'create', 'cluster', '--name', '{cluster}', '--image', '{nodeImage}', '--config', '{file:cfg}']), cmd('b', ['kubectl', '--context', '{context}', 'get', 'nodes'])],
      checks: [check('exists')],
    });
    const s0 = initialState(tutorial([spec]), facts);
    let r = reduce(s0, { type: 'start', index: 0, how: 'run' }, 10);
    expect(r.effects).toEqual([{ type: 'writeFiles', runId: 1, stepId: 'create', files: [{ name: 'cfg', path: '/work/kind.yaml', content: 'kind: Cluster\n' }] }]);
    r = reduce(r.state, { type: 'filesWritten', runId: 1, files: { cfg: '/work/kind.yaml' } }, 11);
    // An empty {nodeImage} drops `--image` too: kind then uses its own pinned default.
    expect(r.effects).toEqual([{ type: 'runCommand', runId: 1, stepId: 'create', command: { id: 'a', argv: ['kind', 'create', 'cluster', '--name', 'ivol', '--config', '/work/kind.yaml'], timeoutMs: 1000, allowFailure: false } }]);
    r = reduce(r.state, { type: 'commandFinished', runId: 1, outcome: ok }, 12);
    expect(r.effects[0]).toMatchObject({ type: 'runCommand', command: { argv: ['kubectl', '--context', 'kind-ivol', 'get', 'nodes'] } });
    r = reduce(r.state, { type: 'commandFinished', runId: 1, outcome: ok }, 13);
    expect(r.effects[0]).toMatchObject({ type: 'runChecks', checks: [{ id: 'exists' }] });
    expect(r.state.steps[0]?.phase).toBe('checks');
    r = reduce(r.state, { type: 'checksFinished', runId: 1, results: [{ id: 'exists', ok: true, message: { key: 'check.cluster.exists' } }] }, 20);
    expect(r.state.steps[0]).toMatchObject({ status: 'passed', durationMs: 10, checks: [{ id: 'exists', ok: true }] });
  });

  const failures: [string, CommandOutcome, string, string][] = [
    ['a non-zero exit', { exitCode: 3, timedOut: false, cancelled: false }, 'command', 'step.commandFailed'],
    ['a timeout', { exitCode: null, timedOut: true, cancelled: false }, 'timeout', 'step.commandTimedOut'],
    ['a command that cannot start', { exitCode: null, timedOut: false, cancelled: false, spawnError: 'not found' }, 'spawn', 'step.spawnFailed'],
  ];
  it.each(failures)('fails the step on %s, keeping the diagnosis', (_name, outcome, reason, key) => {
    const s0 = initialState(tutorial([step('x', { commands: [cmd('a', ['false']), cmd('b', ['true'])] })]), facts);
    const diagnosis: Diagnosis = { rule: 'r', cause: { key: 'diag.kind.failed.cause' }, next: { key: 'diag.kind.failed.next' } };
    const { state, effects } = play(s0, [
      { type: 'start', index: 0, how: 'run' },
      { type: 'commandFinished', runId: 1, outcome, diagnosis },
    ]);
    expect(effects).toHaveLength(1);
    expect(state.steps[0]?.status).toBe('failed');
    expect(state.steps[0]?.failure).toMatchObject({ reason, message: { key }, diagnosis });
    expect(state.active).toBeNull();
  });

  it('goes on after an allowed failure', () => {
    const s0 = initialState(tutorial([step('x', { commands: [cmd('a', ['touch'], { allowFailure: true }), cmd('b', ['true'])] })]), facts);
    const { state, effects } = play(s0, [
      { type: 'start', index: 0, how: 'run' },
      { type: 'commandFinished', runId: 1, outcome: { exitCode: 1, timedOut: false, cancelled: false } },
      { type: 'commandFinished', runId: 1, outcome: ok },
    ]);
    expect(effects.map((e) => e.type)).toEqual(['runCommand', 'runCommand']);
    expect(state.steps[0]?.status).toBe('passed');
  });

  it('fails on a failed check and names it', () => {
    const s0 = initialState(tutorial([step('x', { checks: [check('a'), check('b')] })]), facts);
    const { state } = play(s0, [
      { type: 'start', index: 0, how: 'run' },
      { type: 'checksFinished', runId: 1, results: [{ id: 'a', ok: true, message: { key: 'check.cluster.exists' } }, { id: 'b', ok: false, message: { key: 'check.cluster.notExists' } }] },
    ]);
    expect(state.steps[0]?.failure).toMatchObject({ reason: 'check', message: { key: 'step.checkFailed', params: { check: 'b', message: { key: 'check.cluster.notExists' } } } });
  });

  it('cancels a running step and ignores late results of that run', () => {
    const s0 = initialState(tutorial([step('x', { commands: [cmd('a', ['sleep'])] })]), facts);
    const { state, effects } = play(s0, [
      { type: 'start', index: 0, how: 'run' },
      { type: 'cancel' },
      { type: 'commandFinished', runId: 1, outcome: { exitCode: null, timedOut: false, cancelled: true } },
    ]);
    expect(effects.map((e) => e.type)).toEqual(['runCommand', 'cancelRun']);
    // Cancelling is not failing: a status of its own, nothing to diagnose.
    expect(state.steps[0]?.status).toBe('cancelled');
    expect(state.steps[0]?.failure?.reason).toBe('cancelled');
    expect(state.steps[0]?.failure?.diagnosis).toBeUndefined();
  });

  describe('a Pod that will not recover (will-not-recover.ts)', () => {
    const watch = step('watch', {
      commands: [
        cmd('wait', ['kubectl', '--context', 'kind-ivol', 'wait', '--for=condition=Ready', 'pod/p', '--timeout=180s']),
        cmd('get', ['kubectl', '--context', 'kind-ivol', 'get', 'pod', 'p', '-o', 'wide']),
        cmd('wait-again', ['kubectl', 'wait', '--for=condition=Ready', 'pod/p']),
        cmd('events', ['kubectl', 'events', '--for', 'pod/p']),
      ],
      checks: [check('running', { kind: 'podPhase', pod: 'p', phase: 'Running', timeoutMs: 180_000 })],
    });
    const stuck = { key: 'recover.pull', params: { pod: 'p', reason: 'ImagePullBackOff', count: 2 } } as const;
    const cancelled = { exitCode: null, timedOut: false, cancelled: true };

    it('stops the running wait, runs the commands that show the evidence, skips later waits, and the checks look once', () => {
      const s0 = initialState(tutorial([watch]), facts);
      let r = play(s0, [{ type: 'start', index: 0, how: 'run' }, { type: 'wontRecover', runId: 1, reason: stuck }]);
      expect(r.effects.map((e) => e.type)).toEqual(['runCommand', 'note', 'stopWaiting']);
      // The stopped wait ends "cancelled": not the step's failure, the next command runs.
      r = play(r.state, [{ type: 'commandFinished', runId: 1, outcome: cancelled }]);
      expect(r.effects.map((e) => (e.type === 'runCommand' ? e.command.id : e.type))).toEqual(['get']);
      // The second wait is not started: a note says so, and the events are shown.
      r = play(r.state, [{ type: 'commandFinished', runId: 1, outcome: ok }]);
      expect(r.effects.map((e) => (e.type === 'runCommand' ? e.command.id : e.type))).toEqual(['note', 'events']);
      r = play(r.state, [{ type: 'commandFinished', runId: 1, outcome: ok }]);
      expect(r.effects).toEqual([expect.objectContaining({ type: 'runChecks', once: true })]);
      r = play(r.state, [{ type: 'checksFinished', runId: 1, results: [{ id: 'running', ok: false, message: { key: 'check.pod.phase', params: { phase: 'Pending' } } }] }]);
      expect(r.state.steps[0]?.status).toBe('failed');
      expect(r.state.steps[0]?.failure).toMatchObject({ reason: 'stuck', message: { key: 'step.wontRecover', params: { reason: stuck } } });
    });

    it('while the checks poll, stops their polling', () => {
      const spec = step('w', { checks: [check('running', { kind: 'podPhase', pod: 'p', phase: 'Running', timeoutMs: 180_000 })] });
      const r = play(initialState(tutorial([spec]), facts), [{ type: 'start', index: 0, how: 'run' }, { type: 'wontRecover', runId: 1, reason: stuck }]);
      expect(r.effects.map((e) => e.type)).toEqual(['runChecks', 'note', 'stopWaiting']);
    });

    it('a wait that ends cancelled while the Pod was not stuck is not taken for a stopped wait', () => {
      const r = play(initialState(tutorial([watch]), facts), [{ type: 'start', index: 0, how: 'run' }, { type: 'commandFinished', runId: 1, outcome: cancelled }]);
      expect(r.state.steps[0]?.status).toBe('failed');
      expect(r.state.steps[0]?.failure?.reason).toBe('cancelled');
    });

    it('is said once per run, and not for another run', () => {
      const s0 = initialState(tutorial([watch]), facts);
      const r = play(s0, [{ type: 'start', index: 0, how: 'run' }, { type: 'wontRecover', runId: 1, reason: stuck }, { type: 'wontRecover', runId: 1, reason: stuck }, { type: 'wontRecover', runId: 7, reason: stuck }]);
      expect(r.effects.filter((e) => e.type === 'stopWaiting')).toHaveLength(1);
    });
  });

  it('runs one step at a time', () => {
    const s0 = initialState(tutorial([step('a', { commands: [cmd('a', ['x'])] }), step('b', { commands: [cmd('b', ['y'])] })]), facts);
    const { state, effects } = play(s0, [
      { type: 'start', index: 0, how: 'run' },
      { type: 'start', index: 1, how: 'run' },
    ]);
    expect(effects).toHaveLength(1);
    expect(state.steps[1]?.status).toBe('pending');
  });

  it('retries a failed step from scratch', () => {
    const s0 = initialState(tutorial([step('x', { commands: [cmd('a', ['x'])] })]), facts);
    const { state, effects } = play(s0, [
      { type: 'start', index: 0, how: 'run' },
      { type: 'commandFinished', runId: 1, outcome: { exitCode: 1, timedOut: false, cancelled: false } },
      { type: 'start', index: 0, how: 'run' },
      { type: 'commandFinished', runId: 2, outcome: ok },
    ]);
    expect(effects.filter((e) => e.type === 'runCommand')).toHaveLength(2);
    expect(state.steps[0]?.status).toBe('passed');
    expect(state.steps[0]?.failure).toBeUndefined();
  });

  it('solve runs the fast-forward commands; check runs only the checks', () => {
    const spec = step('x', { commands: [cmd('a', ['learn'])], solve: [cmd('s', ['solve'])], checks: [check('c')] });
    const s0 = initialState(tutorial([spec]), facts);
    expect(reduce(s0, { type: 'start', index: 0, how: 'solve' }, 0).effects[0]).toMatchObject({ command: { argv: ['solve'] } });
    expect(reduce(s0, { type: 'start', index: 0, how: 'check' }, 0).effects[0]).toMatchObject({ type: 'runChecks' });
  });

  it('skips steps, files and commands whose condition does not hold', () => {
    const spec = step('x', {
      files: [
        { name: 'cfg', asset: 'a/crio.yaml', content: 'c', when: { profile: 'crio' } },
        { name: 'cfg', asset: 'a/containerd.yaml', content: 'd', when: { profile: 'containerd' } },
      ],
      commands: [cmd('only-crio', ['x'], { when: { profile: 'crio' } }), cmd('any', ['{file:cfg}'])],
    });
    const s0 = initialState(tutorial([step('crio-only', { when: { profile: 'crio' } }), spec]), facts);
    expect(s0.steps[0]).toMatchObject({ status: 'skipped', applies: false });
    expect(stepCommands(spec, 'run', s0).map((c) => c.argv)).toEqual([['/work/containerd.yaml']]);
  });

  it('restores saved progress and learns new facts for steps not yet run', () => {
    const s0 = initialState(tutorial([step('a'), step('b'), step('gate', { when: { featureGate: true } })]), facts);
    expect(s0.steps[2]?.status).toBe('skipped');
    const { state } = play(s0, [
      { type: 'restore', statuses: { a: 'passed', b: 'failed' }, current: 'b' },
      { type: 'setFacts', facts: { ...facts, featureGate: true } },
    ]);
    expect(state.steps.map((s) => s.status)).toEqual(['passed', 'pending', 'pending']);
    expect(state.current).toBe(1);
  });

  it('ignores events from runs that are not active', () => {
    const s0 = initialState(tutorial([step('x', { commands: [cmd('a', ['x'])] })]), facts);
    const r = reduce(s0, { type: 'commandFinished', runId: 7, outcome: ok }, 0);
    expect(r.state).toBe(s0);
  });
});

describe('the tutorial\'s names: {pod} and {container}', () => {
  const shellStep = step('explore', {
    commands: [cmd('ls', ['kubectl', 'exec', '{pod}', '-c', '{container}', '--', 'ls'])],
    checks: [check('out', { kind: 'execOutput', pod: '{pod}', container: '{container}', argv: ['ls'], contains: 'x' })],
    shell: { pod: '{pod}', container: '{container}', tasks: [] },
  });

  it('stand for what the tutorial declares, in commands, checks and the shell', () => {
    const s0 = initialState({ ...tutorial([shellStep]), pod: 'web', container: 'main' }, facts);
    expect(stepCommands(shellStep, 'run', s0).map((c) => c.argv)).toEqual([['kubectl', 'exec', 'web', '-c', 'main', '--', 'ls']]);
    expect(stepChecks(shellStep, s0).map((c) => [c.pod, c.container])).toEqual([['web', 'main']]);
    expect(stepShell(shellStep, s0)).toEqual({ pod: 'web', container: 'main' });
    expect(stepPodNames(shellStep, s0)).toEqual(['web']);
  });

  it('are left as written when the tutorial declares none: no name is made up', () => {
    const s0 = initialState(tutorial([shellStep]), facts);
    expect(stepShell(shellStep, s0)).toEqual({ pod: '{pod}', container: '{container}' });
    expect(stepShell(step('plain'), s0)).toBeUndefined();
  });
});

describe('commandFailed: when a finished command fails its step', () => {
  const done = (o: Partial<CommandOutcome>): CommandOutcome => ({ exitCode: 0, timedOut: false, cancelled: false, ...o });
  const refusal: Refusal = { rule: 'ownership.notOurs', params: {} };
  it.each([
    ['exit 0', done({}), false, false],
    ['exit 1', done({ exitCode: 1 }), false, true],
    ['exit 1, failure allowed', done({ exitCode: 1 }), true, false],
    ['no exit status (killed), failure allowed', done({ exitCode: null }), true, false],
    ['timed out, failure allowed', done({ exitCode: null, timedOut: true }), true, true],
    ['cancelled, failure allowed', done({ exitCode: null, cancelled: true }), true, true],
    ['could not start, failure allowed', done({ exitCode: null, spawnError: 'not found' }), true, true],
    ['refused, even with exit 0 and failure allowed', done({ refusal }), true, true],
  ])('%s', (_name, outcome, allowFailure, failed) => {
    expect(commandFailed(outcome, { allowFailure })).toBe(failed);
  });

  it('a command the step no longer has (undefined) may not fail', () => {
    expect(commandFailed(done({ exitCode: 2 }), undefined)).toBe(true);
    expect(commandFailed(done({}), undefined)).toBe(false);
  });
});
