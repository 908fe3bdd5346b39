// The tour touches only what it created, end to end through the built binary (issue 8,
// "Objects and clusters that are not the tour's"): the fake docker and kind first on PATH, the
// REAL kubectl behind its argv-logging wrapper, the fake API server as the cluster.
// - A learner's own Pod `image-volume` (the Kubernetes docs task's name) in the namespace the
//   tour is pointed at: never patched, replaced or deleted; the tour says why it stops.
// - A kind cluster the tour did not create: not deleted without a terminal to ask on, asked in a
//   real terminal and kept on "no"; a cluster marked as the tour's is deleted with --yes.
// - The same scenario in simulated mode (IVOL_TOUR_SIM_FAULTS=not-ours).
// Nothing here reaches beyond 127.0.0.1.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RunReport, StepReport } from '../src/commands/run.js';
import { writeKubeconfig } from './fake-apiserver/kubeconfig.js';
import { startFakeApiServer, type FakeApiServer, type FakeApiServerOptions } from './fake-apiserver/server.js';
import { fakeEnv, type FakeEnv, type FakeTool } from './fakes/env.js';
import { runCli, type CliResult } from './helpers/cli.js';
import { ROOT, startPtyApp, type PtyApp } from './helpers/pty-app.js';

const DEADLINE_MS = 30_000;
/**
 * A test of two or three whole runs: ~7 s on a loaded machine, where a test of that size
 * (prepare's save, load and run) once went past vitest's default 20 s. Each command has its
 * deadline; the test's own limit is their sum.
 */
const RUNS = { timeout: 3 * DEADLINE_MS };
const STACK_TRACE = /\n\s+at /;
const built = existsSync(join(ROOT, 'dist', 'cli.js'));

const servers: FakeApiServer[] = [];
const dirs: string[] = [];
let app: PtyApp | undefined;

afterEach(() => {
  app?.kill();
  app = undefined;
});

afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Machine {
  /** The cluster the tour is pointed at (the learner's own with --context, or a kind cluster). */
  readonly cluster: FakeApiServer;
  /** The kubeconfig's current context: someone else's cluster, which must hear nothing. */
  readonly other: FakeApiServer;
  readonly fe: FakeEnv;
  readonly stateDir: string;
  readonly env: Record<string, string | undefined>;
}

async function machine(o: { context: string; tools: FakeTool[]; server?: FakeApiServerOptions; extra?: Record<string, string> }): Promise<Machine> {
  const cluster = await startFakeApiServer(o.server ?? {});
  const other = await startFakeApiServer();
  servers.push(cluster, other);
  const kc = writeKubeconfig({ tourServer: cluster.url, tourContext: o.context, otherServer: other.url });
  const stateDir = mkdtempSync(join(tmpdir(), 'ivol-state-'));
  const fe = fakeEnv({ tools: o.tools, kubeconfig: kc.path, extra: { IVOL_FAKE_APISERVER: cluster.url, ...(o.extra ?? {}) } });
  dirs.push(kc.dir, stateDir, fe.dir);
  const env = { ...fe.env, IVOL_TOUR_STATE_DIR: stateDir, LANG: 'C.UTF-8', LC_ALL: undefined, LANGUAGE: undefined, DOCKER_HOST: undefined, KIND_EXPERIMENTAL_PROVIDER: undefined };
  return { cluster, other, fe, stateDir, env };
}

const cli = (m: Machine, args: string[]): Promise<CliResult> => runCli(args, m.env, DEADLINE_MS);

function report(r: CliResult): RunReport {
  expect(r.stdout.trim().startsWith('{'), r.stdout + r.stderr).toBe(true);
  return JSON.parse(r.stdout) as RunReport;
}

function step(rep: RunReport, id: string): StepReport {
  const s = rep.steps.find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
}

/** Requests that would have changed the learner's Pod. */
function writesTo(server: FakeApiServer, path: string): string[] {
  return server.requests.filter((r) => r.path.startsWith(path) && !['GET', 'HEAD'].includes(r.method)).map((r) => `${r.method} ${r.path}`);
}

const LEARNERS_POD_PATH = '/api/v1/namespaces/default/pods/image-volume';

describe.skipIf(!built).concurrent('bring your own cluster: the learner\'s own Pod image-volume in the namespace', RUNS, () => {
  it('run stops at apply-pod and says why; the Pod is never patched or deleted; cleanup leaves it', async () => {
    const m = await machine({ context: 'learners', tools: ['kubectl-logged'], server: { learnersPod: true } });
    const before = JSON.stringify(m.cluster.pods('default'));

    const r = await cli(m, ['run', '--yes', '--json', '--context', 'learners', '--namespace', 'default']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const rep = report(r);
    expect(rep).toMatchObject({ mode: 'byoc', ok: false });
    const failed = rep.steps.filter((s) => s.status === 'failed');
    expect(failed.map((s) => s.id)).toEqual(['apply-pod']);
    const apply = step(rep, 'apply-pod');
    expect(apply.error).toBe('`kubectl` was not run, to keep what is not the tour\'s safe.');
    expect(apply.diagnosis?.rule).toBe('ownership.notOurs');
    // What exists, why the tour will not touch it, how to pick another namespace.
    expect(apply.diagnosis?.cause).toContain('Pod default/image-volume already exists and is not the tour\'s');
    expect(apply.diagnosis?.cause).toContain('app.kubernetes.io/managed-by=ivol-tour');
    expect(apply.diagnosis?.next).toContain('--namespace ivol-tour');
    expect(r.stderr).toContain('cause: Pod default/image-volume already exists');
    // Without --json the progress shows it where the command's output would have been.
    const plain = await cli(m, ['run', '--yes', '--context', 'learners', '--namespace', 'default']);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('$ kubectl --context learners -n default apply -f ');
    expect(plain.stderr).toContain('✗ Pod default/image-volume already exists and is not the tour\'s');
    expect(plain.stderr).toContain('→ The tour changes and deletes only what it created.');
    // After the failure only the clean-up ran, and it deleted by label: nothing.
    for (const s of rep.steps.slice(rep.steps.findIndex((x) => x.id === 'apply-pod') + 1)) {
      expect(s.status, s.id).toBe(s.id === 'cleanup' ? 'passed' : 'skipped');
    }
    expect(m.fe.calls().map((c) => c.argv.join(' ')).filter((a) => a.includes(' apply '))).toEqual([]); // kubectl apply never started

    const c = await cli(m, ['cleanup', '--yes', '--context', 'learners', '--namespace', 'default']);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toContain('Cleanup done.');

    expect(JSON.stringify(m.cluster.pods('default'))).toBe(before);
    expect(writesTo(m.cluster, LEARNERS_POD_PATH)).toEqual([]);
    expect(m.cluster.requests.filter((q) => q.method === 'DELETE' || q.method === 'PATCH' || q.method === 'PUT')).toEqual([]);
    expect(m.other.requests).toEqual([]);
  });

  it('with --namespace of its own, the tour runs to the end beside the learner\'s Pod, which stays as it was', async () => {
    const m = await machine({ context: 'learners', tools: ['kubectl-logged'], server: { learnersPod: true } });
    const before = JSON.stringify(m.cluster.pods('default'));
    const r = await cli(m, ['run', '--yes', '--json', '--context', 'learners', '--namespace', 'ivol-tour']);
    expect(r.code, r.stderr).toBe(0);
    const rep = report(r);
    expect(rep).toMatchObject({ mode: 'byoc', ok: true });
    expect(step(rep, 'cleanup').checks.find((c) => c.id === 'tour-pods-gone')).toMatchObject({ ok: true });
    expect(m.cluster.pods('ivol-tour')).toEqual([]);
    expect(JSON.stringify(m.cluster.pods('default'))).toBe(before);
    expect(writesTo(m.cluster, LEARNERS_POD_PATH)).toEqual([]);
    expect(m.other.requests).toEqual([]);
  });
});

describe.skipIf(!built)('kind mode: the learner put their own Pod image-volume into the tour\'s cluster', RUNS, () => {
  const tours = (): Promise<Machine> =>
    machine({ context: 'kind-ivol', tools: ['docker', 'kind', 'kubectl-logged'], server: { learnersPod: true, nodeLabels: { 'ivol-tour/created-by': 'ivol-tour' } }, extra: { IVOL_FAKE_CLUSTERS: 'ivol' } });

  it('apply-pod stops and points at --namespace; with --namespace ivol-tour the tour runs beside it', async () => {
    const m = await tours();
    const before = JSON.stringify(m.cluster.pods('default'));
    const r = await cli(m, ['run', '--yes', '--json']);
    expect(r.code, r.stderr).toBe(1);
    const apply = step(report(r), 'apply-pod');
    expect(apply.diagnosis?.rule).toBe('ownership.notOurs');
    expect(apply.diagnosis?.next).toContain('--namespace ivol-tour');
    expect(JSON.stringify(m.cluster.pods('default'))).toBe(before);

    const again = await tours();
    const untouched = JSON.stringify(again.cluster.pods('default'));
    const ok = await cli(again, ['run', '--yes', '--json', '--namespace', 'ivol-tour']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(again.cluster.namespaces()).toContain('ivol-tour');
    expect(JSON.stringify(again.cluster.pods('default'))).toBe(untouched);
    expect(writesTo(again.cluster, LEARNERS_POD_PATH)).toEqual([]);
  });
});

describe.skipIf(!built)('cleanup --cluster work: a kind cluster the tour did not create', () => {
  const work = (server: FakeApiServerOptions = {}): Promise<Machine> =>
    machine({ context: 'kind-work', tools: ['docker', 'kind', 'kubectl-logged'], server: { nodeNames: ['work-control-plane'], ...server }, extra: { IVOL_FAKE_CLUSTERS: 'work' } });
  const kindDeletes = (m: Machine): string[] => m.fe.calls().filter((c) => c.tool === 'kind' && c.argv[0] === 'delete').map((c) => c.argv.join(' '));
  const clustersLeft = (m: Machine): string[] => {
    const f = join(m.fe.env['IVOL_FAKE_STATE'] ?? '', 'clusters.json');
    return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as string[]) : ['work'];
  };

  it('with --yes and no terminal to ask on: not deleted, a clear message, exit 1', async () => {
    const m = await work();
    const r = await cli(m, ['cleanup', '--yes', '--cluster', 'work']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).toContain('The kind cluster "work" was not created by ivol-tour');
    expect(r.stderr).toContain('its nodes do not carry the label ivol-tour/created-by=ivol-tour');
    expect(r.stderr).toContain('There was no terminal to ask whether to delete it anyway, so it was kept, even with --yes.');
    expect(r.stderr).toContain('kind delete cluster --name work');
    expect(kindDeletes(m)).toEqual([]);
    expect(clustersLeft(m)).toEqual(['work']);
    expect(m.other.requests).toEqual([]);
  });

  it('in a real terminal: asked even with --yes, and kept on "no"', async () => {
    const m = await work();
    app = startPtyApp(['cleanup', '--yes', '--cluster', 'work'], m.env as Record<string, string>, 120, 30);
    await app.waitFor('Delete it anyway? [y/N]', 20_000);
    expect(app.screen()).toContain('The kind cluster "work" was not created by ivol-tour');
    app.press('n\r');
    const { exitCode } = await app.exited;
    expect(exitCode).toBe(1);
    expect(app.output()).toContain('You chose to keep it.');
    expect(kindDeletes(m)).toEqual([]);
    expect(clustersLeft(m)).toEqual(['work']);
  });

  it('in a real terminal, "y": the person said so, so it is deleted', async () => {
    const m = await work();
    app = startPtyApp(['cleanup', '--yes', '--cluster', 'work'], m.env as Record<string, string>, 120, 30);
    await app.waitFor('Delete it anyway? [y/N]', 20_000);
    app.press('y\r');
    const { exitCode } = await app.exited;
    expect(exitCode, app.output()).toBe(0);
    expect(kindDeletes(m)).toEqual(['delete cluster --name work']);
    expect(clustersLeft(m)).toEqual([]);
  });

  it('a cluster whose nodes carry the tour\'s mark is deleted with --yes, without a question', async () => {
    const m = await work({ nodeLabels: { 'ivol-tour/created-by': 'ivol-tour' } });
    const r = await cli(m, ['cleanup', '--yes', '--cluster', 'work']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Cleanup done.');
    expect(kindDeletes(m)).toEqual(['delete cluster --name work']);
    expect(clustersLeft(m)).toEqual([]);
    expect(m.other.requests).toEqual([]);
  });
});

describe.skipIf(!built)('simulated: the same scenario (IVOL_TOUR_SIM_FAULTS=not-ours)', () => {
  it('run --simulate --yes stops at apply-pod, and its clean-up keeps the learner\'s cluster', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'ivol-state-'));
    dirs.push(stateDir);
    const r = await runCli(['run', '--simulate', '--yes', '--json'], { IVOL_TOUR_SIM_FAULTS: 'not-ours', IVOL_TOUR_STATE_DIR: stateDir, LANG: 'C.UTF-8' }, DEADLINE_MS);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const rep = report(r);
    expect(rep).toMatchObject({ mode: 'simulated', ok: false });
    expect(rep.steps.filter((s) => s.status === 'failed').map((s) => s.id)).toEqual(['apply-pod', 'cleanup']);
    expect(step(rep, 'create-cluster').status).toBe('passed'); // it reused the existing cluster
    expect(step(rep, 'apply-pod').diagnosis).toMatchObject({ rule: 'ownership.notOurs' });
    expect(step(rep, 'apply-pod').diagnosis?.cause).toContain('Pod default/image-volume already exists and is not the tour\'s');
    const cleanup = step(rep, 'cleanup');
    expect(cleanup.diagnosis?.rule).toBe('ownership.clusterUnconfirmed');
    expect(cleanup.diagnosis?.cause).toContain('The kind cluster "ivol" was not created by ivol-tour');
    // The Pods were deleted by label (none of the learner's), the cluster was not deleted.
    expect(cleanup.output).toContain('delete pods -l app.kubernetes.io/managed-by=ivol-tour');
    expect(cleanup.output).toContain('No resources found');
    expect(cleanup.output).not.toContain('Deleting cluster');
    expect(cleanup.checks.find((c) => c.id === 'cluster-absent')).toBeUndefined(); // the refusal stopped the step before its checks
  });
});
