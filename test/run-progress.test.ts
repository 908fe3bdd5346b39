// run's progress while it waits, on the real adapters against the fake API server, with the
// session clock made virtual so that minutes of waiting take a second: the line run prints
// every 10 s (what the check saw: the server's 500 and its message), the diagnosis at the
// end (what the server said, never "does not answer"), and the heartbeat of a silent command.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClock } from '../src/adapters/cluster/simulated/clock.js';
import { createRealAdapters, type RealAdapters } from '../src/adapters/cluster/real/index.js';
import type { Adapters, Clock } from '../src/adapters/ports.js';
import { createFileStore } from '../src/adapters/store/file-store.js';
import { BUILTIN_TUTORIAL_DIR, loadTutorialDir } from '../src/adapters/tutorial-files.js';
import { TourController } from '../src/app/tour-controller.js';
import { createRunProgress, type RunProgress } from '../src/commands/run-progress.js';
import type { SessionFacts, TutorialSpec } from '../src/engine/model.js';
import { planFor } from '../src/engine/plan.js';
import { stepIndex } from '../src/engine/tour.js';
import { tRef } from '../src/i18n/index.js';
import { writeKubeconfig } from './fake-apiserver/kubeconfig.js';
import { startFakeApiServer, type FakeApiServer, type FailureSpec } from './fake-apiserver/server.js';
import { fakeEnv } from './fakes/env.js';
import { createFakeAdapters } from './helpers/fake-adapters.js';
import { tinyFacts, tinyTutorial } from './helpers/tiny-tutorial.js';
import { memoryClusterRecord } from '../src/adapters/store/cluster-record.js';

function builtin(): TutorialSpec {
  const r = loadTutorialDir(BUILTIN_TUTORIAL_DIR);
  if (!r.ok) throw new Error(r.problems.map((p) => tRef('en', p.message)).join('\n'));
  return r.tutorial;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Bench {
  readonly controller: TourController;
  readonly tour: FakeApiServer;
  readonly other: FakeApiServer;
  readonly lines: string[];
  readonly progress: RunProgress;
}

/**
 * The tour's kind cluster exists (the fake kind lists it, the kubeconfig has its context),
 * its API server fails as asked, and the session runs on a virtual clock.
 */
async function bench(fail: FailureSpec): Promise<Bench> {
  const tour = await startFakeApiServer({ fail });
  const other = await startFakeApiServer();
  const kc = writeKubeconfig({ tourServer: tour.url, otherServer: other.url });
  const fe = fakeEnv({ tools: ['docker', 'kind', 'kubectl'], kubeconfig: kc.path, extra: { IVOL_FAKE_CLUSTERS: 'ivol', IVOL_FAKE_APISERVER: tour.url } });
  const workDir = mkdtempSync(join(tmpdir(), 'ivol-run-progress-'));
  const real: RealAdapters = createRealAdapters({ record: memoryClusterRecord(),
    mode: 'real', cluster: 'ivol', context: 'kind-ivol', namespace: 'default', env: fe.env, files: createFileStore(),
    shells: { open: () => Promise.reject(new Error('no shells here')) }, platform: 'linux',
  });
  const clock = createClock(0, Date.parse('2026-05-01T10:00:00Z'));
  const adapters: Adapters = { ...real, clock };
  const facts: SessionFacts = { ...tinyFacts({ mode: 'real', workDir }) };
  const controller = new TourController(builtin(), facts, adapters);
  const lines: string[] = [];
  // No wall-time timer: only the session clock drives the lines here.
  const progress = createRunProgress(controller, { lang: 'en', write: (l) => lines.push(l), tickMs: 0 });
  cleanups.push(async () => {
    progress.dispose();
    await controller.dispose();
    clock.dispose();
    await real.dispose();
    await Promise.all([tour.close(), other.close()]);
    for (const d of [workDir, fe.dir, kc.dir]) rmSync(d, { recursive: true, force: true });
  });
  return { controller, tour, other, lines, progress };
}

describe('a waiting check on the real adapters (virtual clock)', () => {
  it('an API server answering 500 for the whole 5 minutes: a line every 10 s with its message, then the error as it was', async () => {
    const b = await bench({ status: 500 });
    const i = stepIndex(b.controller.getState(), 'create-cluster');
    const done = await b.controller.runStep(i, 'run');
    expect(done?.status).toBe('failed');
    // Every 10 s of the 5-minute wait, what the check saw: the server's own error.
    expect(b.lines).toHaveLength(29);
    expect(b.lines[0]).toBe('… still waiting for nodes-ready (10s of 5m00s): the API server answered 500 Internal Server Error: etcdserver: request timed out');
    expect(b.lines.at(-1)).toContain('(4m50s of 5m00s)');
    const check = done?.checks.find((c) => c.id === 'nodes-ready');
    expect(check?.ok).toBe(false);
    expect(check && tRef('en', check.message)).toBe('the API server answered 500 Internal Server Error: etcdserver: request timed out');
    // The diagnosis says what the server said, not that it does not answer.
    const d = done?.failure?.diagnosis;
    expect(d?.rule).toBe('cluster.apiError');
    expect(d ? tRef('en', d.cause) : '').toBe('The API server of context "kind-ivol" answered with an error: 500 Internal Server Error: etcdserver: request timed out');
    expect(b.other.requests).toEqual([]);
  });

  it('500s for 25 s, then the server recovers: the lines show the error, then the check passes', async () => {
    // Each attempt reads nodes, two pod lists and events: 25 failed attempts, one per second.
    const b = await bench({ status: 500, count: 4 * 25 });
    const i = stepIndex(b.controller.getState(), 'create-cluster');
    const done = await b.controller.runStep(i, 'run');
    expect(done?.status).toBe('passed');
    expect(b.lines).toEqual([
      '… still waiting for nodes-ready (10s of 5m00s): the API server answered 500 Internal Server Error: etcdserver: request timed out',
      '… still waiting for nodes-ready (20s of 5m00s): the API server answered 500 Internal Server Error: etcdserver: request timed out',
    ]);
    const nodes = done?.checks.find((c) => c.id === 'nodes-ready');
    expect(nodes?.ok).toBe(true);
    expect(nodes && tRef('en', nodes.message)).toBe('1/1 nodes Ready');
    expect(b.tour.failedRequests()).toBe(100);
  });
});

describe('the heartbeat of a silent command (wall time, injected)', () => {
  it('after 15 s without output, a line with the command, its time and its limit; output resets the silence', async () => {
    let now = Date.parse('2026-05-01T10:00:00Z');
    const manual: Clock = { now: () => now, sleep: () => Promise.resolve() };
    // The fake `sleep MS` command waits in real time until the step is cancelled.
    const adapters = { ...createFakeAdapters(), clock: manual };
    const controller = new TourController(tinyTutorial(), tinyFacts(), adapters);
    const lines: string[] = [];
    const progress = createRunProgress(controller, { lang: 'en', write: (l) => lines.push(l), wallNow: () => now, tickMs: 0 });
    cleanups.push(async () => {
      progress.dispose();
      await controller.dispose();
    });
    const slow = stepIndex(controller.getState(), 'slow');
    const run = controller.runStep(slow, 'run');
    await controller.until((s) => s.steps[slow]?.phase === 'commands');
    now += 14_999;
    progress.tick();
    expect(lines).toEqual([]);
    now += 1;
    progress.tick();
    expect(lines).toEqual(['… still running (15s of 1m00s, no output for 15s): sleep 20000']);
    // Not again at once, nor before another 15 s.
    now += 14_000;
    progress.tick();
    expect(lines).toHaveLength(1);
    // The command prints: its silence starts again.
    progress.noteOutput();
    now += 14_000;
    progress.tick();
    expect(lines).toHaveLength(1);
    now += 1_000;
    progress.tick();
    expect(lines.at(-1)).toBe('… still running (44s of 1m00s, no output for 15s): sleep 20000');
    controller.cancel();
    await run;
    now += 60_000;
    progress.tick();
    expect(lines).toHaveLength(2);
  });

  it('a check whose attempts are slower than 10 s still gets a line every 10 s of wall time', () => {
    let now = 0;
    const manual: Clock = { now: () => now, sleep: () => new Promise(() => undefined) };
    const adapters = createFakeAdapters();
    // An observation that does not come back (a request waiting for its timeout).
    const stuck = { ...adapters, clock: manual, cluster: { ...adapters.cluster, getPod: () => new Promise<never>(() => undefined) } };
    const tutorial = tinyTutorial();
    const controller = new TourController(tutorial, tinyFacts(), stuck);
    const lines: string[] = [];
    const progress = createRunProgress(controller, { lang: 'en', write: (l) => lines.push(l), wallNow: () => now, tickMs: 0 });
    cleanups.push(() => {
      progress.dispose();
      return controller.dispose();
    });
    // A waiting check as the runner reports it: seen once, then its next observation hangs.
    const apply = stepIndex(controller.getState(), 'apply-pod');
    controller.dispatch({ type: 'start', index: apply, how: 'check' });
    const runId = controller.getState().active?.runId ?? 0;
    controller.dispatch({ type: 'checkAttempt', runId, result: { id: 'pod-running', ok: false, message: { key: 'check.pod.phaseWant', params: { phase: 'Pending', state: 'ContainerCreating', want: 'Running' } } }, startedAt: 0, timeoutMs: 180_000 });
    now = 9_999;
    progress.tick();
    expect(lines).toEqual([]);
    now = 10_000;
    progress.tick();
    expect(lines).toEqual(['… still waiting for pod-running (10s of 3m00s): phase Pending (ContainerCreating), want Running']);
    controller.cancel();
  });
});

describe('a wait that ends in a timeout', () => {
  it('a command that times out asks doctor: a hanging tool is named as the cause', async () => {
    const base = createFakeAdapters();
    const adapters: Adapters = {
      ...base,
      commands: { run: () => Promise.resolve({ exitCode: null, timedOut: true, cancelled: false }) },
      doctor: () =>
        Promise.resolve({
          mode: 'real',
          tools: [{ name: 'kind', found: true, timedOut: true }],
          engine: 'docker',
          ready: false,
          plan: planFor(undefined, undefined),
          problems: [{ tool: 'kind', message: { key: 'doctor.problem.probeTimedOut', params: { command: 'kind version', seconds: 5 } }, fix: { key: 'doctor.fix.probeTimedOut', params: { command: 'kind version', tool: 'kind' } } }],
        }),
    };
    const controller = new TourController(tinyTutorial(), tinyFacts({ mode: 'real' }), adapters);
    cleanups.push(() => controller.dispose());
    const done = await controller.runStep(stepIndex(controller.getState(), 'verify'), 'run');
    expect(done?.failure?.reason).toBe('timeout');
    expect(done?.failure?.diagnosis?.rule).toBe('tools.kind');
    const cause = done?.failure?.diagnosis?.cause;
    expect(cause ? tRef('en', cause) : '').toBe('`kind version` did not answer within 5 s.');
  });
});
