// Real mode end to end, through the built binary (bin/ivol-tour.js), on machines played by the
// fakes: fake docker and kind first on PATH, the REAL kubectl 1.32 (behind a wrapper that logs
// its argv) and the tour's @kubernetes/client-node both talking to the fake API server on
// 127.0.0.1. The kubeconfig's current context always points at ANOTHER fake API server
// (someone else's cluster), which must never hear from the tour. Issue 4, "Done when".
// Nothing here reaches beyond 127.0.0.1.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport, StepReport } from '../src/commands/run.js';
import { BUILTIN_STEP_IDS } from './helpers/builtin-tutorial.js';
import { writeKubeconfig } from './fake-apiserver/kubeconfig.js';
import { startFakeApiServer, type FakeApiServer, type FakeApiServerOptions } from './fake-apiserver/server.js';
import { fakeEnv, type FakeEnv, type FakeTool } from './fakes/env.js';
import { runCli, type CliResult } from './helpers/cli.js';

/** Every command must finish well within this (a hang is a failure, not a slow test). */
const DEADLINE_MS = 20_000;
const STACK_TRACE = /\n\s+at /;
/** The tour's private kubeconfig (src/adapters/kube/minimal-kubeconfig.ts). */
const PRIVATE_KUBECONFIG = /[/\\]ivol-tour-kube-[^/\\]+[/\\]config$/;

const servers: FakeApiServer[] = [];
/** Temporary folders (fake tools, kubeconfigs, state directories), removed at the end. */
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function server(o: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const s = await startFakeApiServer(o);
  servers.push(s);
  return s;
}

interface Machine {
  readonly tour: FakeApiServer;
  readonly other: FakeApiServer;
  readonly fe: FakeEnv;
  readonly kubeconfig: string;
  readonly kubeconfigText: string;
  /** The tour's state directory (IVOL_TOUR_STATE_DIR): its record of the clusters it created. */
  readonly stateDir: string;
}

interface MachineOptions {
  /** The executables on PATH (node is always there, for the fakes' shebang). */
  readonly tools?: FakeTool[];
  /** IVOL_FAKE_SCENARIO for the fake docker/kind. */
  readonly scenario?: string;
  /** How the tour's (fake) cluster behaves. */
  readonly server?: FakeApiServerOptions;
  /** The kubeconfig already has kind-ivol (a cluster made earlier). */
  readonly tourContext?: boolean;
  /** The name of that context (default kind-ivol). */
  readonly tourContextName?: string;
  readonly extra?: Record<string, string>;
}

/** A machine whose kubeconfig's current context is someone else's cluster (`other`). */
async function machine(o: MachineOptions = {}): Promise<Machine> {
  const tour = await server(o.server ?? {});
  const other = await server();
  const kc = writeKubeconfig({ otherServer: other.url, ...(o.tourContext ? { tourServer: tour.url } : {}), ...(o.tourContextName ? { tourContext: o.tourContextName } : {}) });
  const stateDir = mkdtempSync(join(tmpdir(), 'ivol-state-'));
  const fe = fakeEnv({
    tools: o.tools ?? ['docker', 'kind', 'kubectl-logged'],
    ...(o.scenario ? { scenario: o.scenario } : {}),
    kubeconfig: kc.path,
    // The fake kind writes kind-<name> pointing at the tour's server on create.
    extra: { IVOL_FAKE_APISERVER: tour.url, IVOL_TOUR_STATE_DIR: stateDir, ...(o.extra ?? {}) },
  });
  dirs.push(kc.dir, stateDir, fe.dir);
  return { tour, other, fe, kubeconfig: kc.path, kubeconfigText: kc.text, stateDir };
}

function cli(m: Machine, args: string[]): Promise<CliResult> {
  // LANG fixed so that the messages are the English ones; nothing from the caller's shell
  // that could point at a real cluster or a real kubeconfig (HOME and KUBECONFIG are the fakes').
  return runCli(args, { ...m.fe.env, LANG: 'C.UTF-8', LC_ALL: undefined, LANGUAGE: undefined, DOCKER_HOST: undefined, KIND_EXPERIMENTAL_PROVIDER: undefined }, DEADLINE_MS);
}

/** stdout holds exactly one JSON object (progress goes to stderr). */
function report(r: CliResult): RunReport {
  expect(r.stdout.trim().startsWith('{'), r.stdout).toBe(true);
  return JSON.parse(r.stdout) as RunReport;
}

function step(rep: RunReport, id: string): StepReport {
  const s = rep.steps.find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id} in the report`);
  return s;
}

/** Every kind and kubectl call names the tour's cluster or context; nothing else touches another. */
function expectPinned(m: Machine, cluster = 'ivol'): void {
  const calls = m.fe.calls();
  for (const c of calls) {
    const line = `${c.tool} ${c.argv.join(' ')}`;
    if (c.tool === 'kubectl') {
      const i = c.argv.indexOf('--context');
      const ctx = i >= 0 ? c.argv[i + 1] : c.argv.find((a) => a.startsWith('--context='))?.slice('--context='.length);
      expect(ctx, line).toBe(`kind-${cluster}`);
      expect(c.argv.some((a) => a === '--kubeconfig' || a.startsWith('--kubeconfig=')), line).toBe(false);
      expect(c.argv[0] === 'config' || c.argv.includes('config'), line).toBe(false);
      // Every kubectl saw only the tour's private copy of the kubeconfig, removed at exit.
      expect(c.kubeconfig ?? '', line).toMatch(PRIVATE_KUBECONFIG);
      expect(existsSync(c.kubeconfig ?? ''), `${line}: ${c.kubeconfig ?? ''} left behind`).toBe(false);
    } else if (c.tool === 'kind') {
      // kind keeps the user's kubeconfig: it writes its context there.
      expect(c.kubeconfig, line).toBe(m.kubeconfig);
      const sub = c.argv.filter((a) => !a.startsWith('-'));
      if (sub[0] === 'create' || sub[0] === 'delete') {
        expect(sub[1], line).toBe('cluster');
        const i = c.argv.indexOf('--name');
        expect(i >= 0 ? c.argv[i + 1] : undefined, line).toBe(cluster);
      } else {
        // Read-only kind calls: version, get clusters.
        expect([['version'], ['get', 'clusters']], line).toContainEqual(sub);
      }
    } else {
      // docker/podman: only asked whether the daemon answers.
      expect(c.argv[0], line).toBe('info');
    }
  }
}

/** Someone else's cluster heard nothing, whatever happened. */
function expectOtherUntouched(m: Machine): void {
  expect(m.other.requests, 'requests reached the current context\'s cluster').toEqual([]);
}

function kubeconfigNow(m: Machine): string {
  return readFileSync(m.kubeconfig, 'utf8');
}

function argvOf(m: Machine): string[] {
  return m.fe.calls().map((c) => `${c.tool} ${c.argv.join(' ')}`);
}

describe('run --yes --json, real mode, on a working machine played by the fakes', () => {
  it('passes every step against the fake cluster, pinned to kind-ivol', async () => {
    const m = await machine();
    const r = await cli(m, ['run', '--yes', '--json']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const rep = report(r);
    expect(rep).toMatchObject({ tutorial: 'image-volume', mode: 'real', profile: 'containerd', simulated: false, ok: true });
    expect(rep.steps.map((s) => s.id)).toEqual([...BUILTIN_STEP_IDS]);
    for (const s of rep.steps) {
      expect(['passed', 'skipped'], `${s.id}: ${s.error ?? ''}`).toContain(s.status);
      for (const c of s.checks) expect(c.ok, `${s.id}/${c.id}: ${c.message}`).toBe(true);
    }
    // Only the optional step is skipped: everything else really ran.
    expect(rep.steps.filter((s) => s.status === 'skipped').map((s) => s.id)).toEqual(['build-node-image']);
    expect(step(rep, 'inspect-cluster').checks.find((c) => c.id === 'runtime-supports')?.message).toContain('containerd://2.2.0');
    expect(step(rep, 'apply-pod').checks.find((c) => c.id === 'volume-kept')?.message).toContain('quay.io/crio/artifact:v2');
    const verify = step(rep, 'verify').checks;
    expect(verify.find((c) => c.id === 'dir-file')?.message).toBe('printed "1"');
    expect(verify.find((c) => c.id === 'read-only')?.message).toContain('Read-only file system');
    expect(step(rep, 'limitations').checks.find((c) => c.id === 'subpath-applied')?.message).toBe('printed "1"');

    // What ran, in order (doctor's own calls interleave; these are the tutorial's).
    const calls = argvOf(m);
    const workDir = /--config (\S+)\/kind-config\.containerd\.yaml/.exec(calls.join('\n'))?.[1] ?? '?';
    const tutorialCalls = [
      'kind version',
      'kubectl version --client --context kind-ivol',
      `kind create cluster --name ivol --config ${workDir}/kind-config.containerd.yaml --wait 5m`,
      'kubectl --context kind-ivol -n kube-system get nodes,pods',
      'kubectl --context kind-ivol get nodes -o custom-columns=NAME:.metadata.name,RUNTIME:.status.nodeInfo.containerRuntimeVersion,KUBELET:.status.nodeInfo.kubeletVersion',
      `kubectl --context kind-ivol -n default apply -f ${workDir}/pod.containerd.yaml`,
      'kubectl --context kind-ivol -n default wait --for=condition=Ready pod/image-volume --timeout=180s',
      'kubectl --context kind-ivol -n default get pod image-volume -o wide',
      'kubectl --context kind-ivol -n default events --for pod/image-volume',
      'kubectl --context kind-ivol -n default exec image-volume -c shell -- ls -l /volume',
      'kubectl --context kind-ivol -n default exec image-volume -c shell -- cat /volume/dir/file',
      'kubectl --context kind-ivol -n default exec image-volume -c shell -- touch /volume/ivol-write-test',
      'kubectl --context kind-ivol -n default exec image-volume -c shell -- grep  /volume  /proc/mounts',
      `kubectl --context kind-ivol -n default apply -f ${workDir}/pod-subpath.containerd.yaml`,
      'kubectl --context kind-ivol -n default wait --for=condition=Ready pod/image-volume-subpath --timeout=180s',
      'kubectl --context kind-ivol -n default delete pods -l app.kubernetes.io/managed-by=ivol-tour --ignore-not-found --wait=false',
      'kind delete cluster --name ivol',
    ];
    let at = -1;
    for (const want of tutorialCalls) {
      const i = calls.indexOf(want, at + 1);
      expect(i, `${want}\n  not found after call ${at} in:\n${calls.join('\n')}`).toBeGreaterThan(at);
      at = i;
    }
    expectPinned(m);
    expectOtherUntouched(m);

    // The pod was applied to the tour's cluster with its image volume, exec'd into by kubectl
    // and by the client-node probe, and deleted by cleanup.
    const paths = m.tour.requests.map((q) => `${q.method} ${q.path}`);
    expect(paths).toContain('POST /api/v1/namespaces/default/pods');
    expect(paths.filter((p) => p === 'GET /api/v1/namespaces/default/pods/image-volume/exec').length).toBeGreaterThanOrEqual(8);
    expect(m.tour.requests.some((q) => q.userAgent.startsWith('kubectl'))).toBe(true);
    expect(m.tour.requests.some((q) => q.userAgent === 'ivol-tour')).toBe(true);
    expect(m.tour.pods('default')).toEqual([]);

    // The tour recorded the cluster it created (0600, in its state directory), and deleted it
    // without a question because of that record; the record is empty again.
    const record = join(m.stateDir, 'clusters.json');
    expect(statSync(record).mode & 0o777).toBe(0o600);
    expect((JSON.parse(readFileSync(record, 'utf8')) as { clusters: unknown[] }).clusters).toEqual([]);

    // kind wrote its context on create and removed it on delete; the rest is as it was.
    const after = kubeconfigNow(m);
    expect(after).not.toContain('kind-ivol');
    expect(after).toContain(m.other.url);
    expect(after).toContain('other-secret-token');
  });

  it('reuses the tour\'s cluster when it already exists (kind create is not run), and deletes it by its node mark', async () => {
    // Made by an earlier session from the tour's kind config: its node carries the mark.
    const m = await machine({ tourContext: true, extra: { IVOL_FAKE_CLUSTERS: 'ivol' }, server: { nodeLabels: { 'ivol-tour/created-by': 'ivol-tour' } } });
    const r = await cli(m, ['run', '--yes', '--json']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const rep = report(r);
    expect(rep).toMatchObject({ mode: 'real', ok: true });
    expect(step(rep, 'create-cluster').status).toBe('passed');
    expect(step(rep, 'verify').status).toBe('passed');
    expect(argvOf(m).filter((c) => c.startsWith('kind create'))).toEqual([]);
    expect(argvOf(m)).toContain('kind delete cluster --name ivol');
    expectPinned(m);
    expectOtherUntouched(m);
  });
});

describe.concurrent('run --yes --json, real mode: each injected failure yields its diagnosis (exit 1)', () => {
  async function failing(o: MachineOptions, stepId: string, rule: string | RegExp): Promise<{ m: Machine; rep: RunReport; failed: StepReport; r: CliResult }> {
    const m = await machine(o);
    const r = await cli(m, ['run', '--yes', '--json']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const rep = report(r);
    expect(rep).toMatchObject({ mode: 'real', ok: false });
    const failed = rep.steps.filter((s) => s.status === 'failed');
    // The first failure is the injected one; later steps are skipped, cleanup still runs.
    expect(failed[0]?.id, JSON.stringify(failed, null, 2)).toBe(stepId);
    const f = failed[0];
    if (!f) throw new Error('no step failed');
    expect(f.diagnosis, JSON.stringify(f, null, 2)).toBeDefined();
    if (typeof rule === 'string') expect(f.diagnosis?.rule).toBe(rule);
    else expect(f.diagnosis?.rule).toMatch(rule);
    expect(f.diagnosis?.cause).toBeTruthy();
    expect(f.diagnosis?.next).toBeTruthy();
    const at = rep.steps.findIndex((s) => s.id === stepId);
    for (const s of rep.steps.slice(at + 1)) if (s.id !== 'cleanup') expect(s.status, s.id).toBe('skipped');
    expectPinned(m);
    expectOtherUntouched(m);
    return { m, rep, failed: f, r };
  }

  it('the docker daemon is down: preflight names it', async () => {
    const { failed, m } = await failing({ scenario: 'no-daemon' }, 'preflight', 'tools.engine');
    expect(failed.diagnosis?.cause).toMatch(/docker/i);
    expect(failed.diagnosis?.next).toMatch(/docker/i);
    // No cluster was created, and the kubeconfig is untouched.
    expect(argvOf(m).filter((c) => c.startsWith('kind create'))).toEqual([]);
    expect(kubeconfigNow(m)).toBe(m.kubeconfigText);
  });

  it('the API server drops image volumes (gate off): apply-pod, pod.gateOff', async () => {
    const { failed } = await failing({ server: { dropImageVolumes: true } }, 'apply-pod', 'pod.gateOff');
    expect(failed.checks.find((c) => c.id === 'volume-kept')?.ok).toBe(false);
    expect(failed.diagnosis?.cause).toMatch(/gate|ImageVolume/i);
  });

  it.each([
    ['artifact-missing', 'artifact.pullFailed'],
    ['artifact-layers', 'artifact.layersDiffIds'],
  ] as const)('the artifact cannot be pulled (%s): watch-pod, %s', async (lifecycle, rule) => {
    // kubectl wait's 180 s run on a fast clock (the wrapper's --timeout); the tour's argv is logged as given.
    const { failed } = await failing({ server: { lifecycle }, extra: { IVOL_FAKE_KUBECTL_WAIT_TIMEOUT: '1s' } }, 'watch-pod', rule);
    expect(failed.diagnosis?.cause).toContain('quay.io/crio/artifact:v2');
  });

  it('the pull keeps failing (artifact-pull-fails): the wait stops through the watch, long before kubectl wait\'s 180 s', async () => {
    // No shortened kubectl wait here: only the tour's watch can end it early.
    const started = Date.now();
    // The drill's pull error is a registry the node cannot reach (a DNS lookup that fails): the
    // rule for an unreachable registry names it and says what to do (doctor, a mirror, prepare).
    const { failed } = await failing({ server: { lifecycle: 'artifact-pull-fails' } }, 'watch-pod', 'registry.offlinePull');
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(failed.error).toContain('Stopped waiting: this will not get better without a change.');
    expect(failed.error).toContain('the image pull failed');
  });

  it('the node runtime is too old (containerd://2.0.2): inspect-cluster, runtime.unsupported', async () => {
    const { failed } = await failing({ server: { runtime: 'containerd://2.0.2' } }, 'inspect-cluster', 'runtime.unsupported');
    expect(failed.checks.find((c) => c.id === 'runtime-supports')).toMatchObject({ ok: false });
    expect(failed.diagnosis?.cause).toContain('containerd://2.0.2');
  });
});

describe.concurrent('safety: no container engine, and the current context is someone else\'s cluster', () => {
  // PATH: node and the real kubectl (behind the argv-logging wrapper); no docker, podman or kind.
  const bare = (): Promise<Machine> => machine({ tools: ['kubectl-logged'] });

  function expectSafe(m: Machine, r: CliResult): void {
    expect(r.code, r.stderr).not.toBe(0);
    expect(r.code).not.toBeNull(); // it exited by itself, within the deadline
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expectOtherUntouched(m);
    expect(kubeconfigNow(m)).toBe(m.kubeconfigText);
    expect(m.fe.calls().filter((c) => c.tool !== 'kubectl')).toEqual([]);
    expectPinned(m);
  }

  it('doctor --json: not ready, the missing container engine named', async () => {
    const m = await bare();
    const r = await cli(m, ['doctor', '--json']);
    expectSafe(m, r);
    const j = JSON.parse(r.stdout) as { ready: boolean; engine: string | null; problems: { tool: string }[]; text: { problems: { tool: string; message: string; fix: string }[] } };
    expect(j.ready).toBe(false);
    expect(j.engine).toBeNull();
    expect(j.problems[0]?.tool).toBe('engine');
    expect(j.text.problems[0]?.message).toMatch(/container engine/i);
    expect(j.text.problems[0]?.message).toMatch(/docker|podman/i);
  });

  it('run --yes --json: one JSON object, ok false, the missing container engine as the cause', async () => {
    const m = await bare();
    const r = await cli(m, ['run', '--yes', '--json']);
    expectSafe(m, r);
    expect(r.code).toBe(1);
    const rep = report(r);
    expect(rep).toMatchObject({ mode: 'real', ok: false, simulated: false });
    const failed = rep.steps.filter((s) => s.status === 'failed');
    expect(failed[0]?.id).toBe('preflight');
    const why = [failed[0]?.diagnosis?.cause ?? '', ...(failed[0]?.checks ?? []).filter((c) => !c.ok).map((c) => c.message)].join('\n');
    expect(why, JSON.stringify(failed[0], null, 2)).toMatch(/container engine|docker|podman/i);
    // It never falls back to simulation, and never creates anything.
    expect(rep.steps.filter((s) => s.status === 'passed').map((s) => s.id)).not.toContain('create-cluster');
  });

  it('cleanup --yes: nothing deleted, the missing container engine named', async () => {
    const m = await bare();
    const r = await cli(m, ['cleanup', '--yes']);
    expectSafe(m, r);
    expect(`${r.stdout}\n${r.stderr}`).toMatch(/container engine|docker|podman/i);
  });

  it('the fake tools and servers are test-only (sanity: no docker, podman or kind on that PATH)', async () => {
    const m = await bare();
    const dirs = (m.fe.env['PATH'] ?? '').split(':');
    for (const tool of ['docker', 'podman', 'kind']) for (const d of dirs) expect(existsSync(`${d}/${tool}`), `${d}/${tool}`).toBe(false);
  });
});
