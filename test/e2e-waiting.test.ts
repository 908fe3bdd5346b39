// Waiting and diagnosis, end to end through the built binary (issue 8): a wait is never
// silent, a finished Job's pod in kube-system is fine, an HTTP error is reported as what it
// was, kind's own ERROR line is the diagnosis, a stopped engine is named as stopped (not
// "missing: podman"), a hanging `kind version` is a problem, and empty global options are
// usage errors. Real mode runs on the fakes (test/fakes) and the fake API server; nothing
// here reaches beyond 127.0.0.1.
import { pageToAction, READ_ON } from './helpers/beats.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport, StepReport } from '../src/commands/run.js';
import { PROBE_TIMEOUT_MS } from '../src/adapters/cluster/real/doctor.js';
import type { Pod } from '../src/engine/kube-objects.js';
import { runCli, type CliResult } from './helpers/cli.js';
import { startPtyApp } from './helpers/pty-app.js';
import { realMachine, type RealMachine, type RealMachineOptions } from './helpers/real-machine.js';

const STACK_TRACE = /\n\s+at /;
/** A hang is a failure, not a slow test; full real-mode runs share 2 cores with the suite. */
const RUN_DEADLINE_MS = 45_000;
const SLOW = { timeout: 60_000 };
const machines: RealMachine[] = [];

afterAll(async () => {
  await Promise.all(machines.splice(0).map((m) => m.dispose()));
});

async function machine(o: RealMachineOptions = {}): Promise<RealMachine> {
  const m = await realMachine(o);
  machines.push(m);
  return m;
}

function report(r: CliResult): RunReport {
  expect(r.stdout.trim().startsWith('{'), r.stderr + r.stdout).toBe(true);
  return JSON.parse(r.stdout) as RunReport;
}

function step(rep: RunReport, id: string): StepReport {
  const s = rep.steps.find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id} in the report`);
  return s;
}

/** A finished Job's pod, as a real cluster keeps it in kube-system. */
const COMPLETED_JOB_POD: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'etcd-defrag-29103740-x2x7d', namespace: 'kube-system', labels: { 'batch.kubernetes.io/job-name': 'etcd-defrag-29103740' } },
  // A Job's pod (restartPolicy Never): the fake API server's cluster runs it to completion.
  spec: { containers: [{ name: 'defrag', image: 'registry.k8s.io/etcd:3.6.5-0', command: ['etcdctl', 'defrag'] }], restartPolicy: 'Never', nodeName: 'ivol-control-plane' },
  status: {
    phase: 'Succeeded',
    conditions: [{ type: 'Ready', status: 'False', reason: 'PodCompleted' }],
    containerStatuses: [{ name: 'defrag', ready: false, restartCount: 0, image: 'registry.k8s.io/etcd:3.6.5-0', state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
  },
};

describe.concurrent('a wait is never silent, and ends', SLOW, () => {
  it('a check that waits > 10 s of (simulated) time prints what it saw, every 10 s', async () => {
    // slow-coredns: coredns stays ContainerCreating for 45 s of the simulated clock (instant here).
    const r = await runCli(['run', '--simulate', '--yes', '--json'], { IVOL_TOUR_SIM_FAULTS: 'slow-coredns', LANG: 'C.UTF-8' });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.includes('still waiting for system-pods'));
    expect(lines.map((l) => /\((\d+s) of 3m00s\)/.exec(l)?.[1])).toEqual(['10s', '20s', '30s', '40s']);
    for (const l of lines) expect(l).toMatch(/not ready: coredns-\S+ 0\/1 ContainerCreating/);
    // Progress goes to stderr; stdout stays one JSON object.
    expect(report(r).ok).toBe(true);
  });

  it('the same lines in Chinese', async () => {
    const r = await runCli(['run', '--simulate', '--yes', '--lang', 'zh-CN'], { IVOL_TOUR_SIM_FAULTS: 'slow-coredns' });
    expect(r.code, r.stderr).toBe(0);
    // What the check saw is in Chinese too; the Pod's name and state are the cluster's own words.
    expect(r.stderr).toMatch(/仍在等待 system-pods（10s，上限 3m00s）：未就绪：coredns-\S+ 0\/1 ContainerCreating/);
  });
});

// One after another: each is a full real-mode run, and the suite shares 2 cores.
describe('real mode on the fakes', SLOW, () => {
  it('a Completed (Succeeded) pod in kube-system counts as fine: run passes without waiting for it', async () => {
    const m = await machine({ server: { pods: [COMPLETED_JOB_POD] } });
    const r = await m.cli(['run', '--yes', '--json'], RUN_DEADLINE_MS);
    expect(r.code, r.stderr).toBe(0);
    const sys = step(report(r), 'inspect-cluster').checks.find((c) => c.id === 'system-pods');
    expect(sys).toMatchObject({ ok: true });
    expect(sys?.message).toMatch(/^\d+ kube-system pods Running, 1 Completed$/);
    expect(r.stderr).not.toContain('still waiting');
    expect(m.other.requests).toEqual([]);
  });

  it('the API server answers 500: the error as it was (status and message), never "does not answer"', async () => {
    const m = await machine({ clusterExists: true, server: { fail: { status: 500 } } });
    const r = await m.cli(['run', '--yes', '--json', '--step', 'inspect-cluster'], RUN_DEADLINE_MS);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const failed = step(report(r), 'inspect-cluster');
    expect(failed.status).toBe('failed');
    expect(failed.diagnosis?.rule).toBe('cluster.apiError');
    expect(failed.diagnosis?.cause).toBe('The API server of context "kind-ivol" answered with an error: 500 Internal Server Error: etcdserver: request timed out');
    expect(failed.diagnosis?.next).toContain('/readyz?verbose');
    // kubectl's own words are in the step's output too.
    expect(failed.output).toContain('Error from server (InternalError): etcdserver: request timed out');
    expect(`${r.stderr}\n${r.stdout}`).not.toMatch(/does not answer|cannot be reached|not answering/);
    expect(m.tour.failedRequests()).toBeGreaterThan(0);
    expect(m.other.requests).toEqual([]);
  });

  it('the API server answers 403: the refusal and the rights to check', async () => {
    const m = await machine({ clusterExists: true, server: { fail: { status: 403 } } });
    const r = await m.cli(['run', '--yes', '--json', '--step', 'inspect-cluster'], RUN_DEADLINE_MS);
    expect(r.code, r.stderr).toBe(1);
    const failed = step(report(r), 'inspect-cluster');
    expect(failed.diagnosis?.rule).toBe('cluster.forbidden');
    expect(failed.diagnosis?.cause).toContain('403 Forbidden: pods is forbidden');
    expect(failed.diagnosis?.next).toContain('auth can-i');
  });

  it('the API server answers 500 for a while, then recovers: the waiting check passes and the run goes on', async () => {
    // The first requests fail (the tour's client and kubectl alike), then the server is well.
    const m = await machine({ clusterExists: true, server: { fail: { status: 500, count: 12 } } });
    const r = await m.cli(['run', '--yes', '--json', '--step', 'create-cluster'], RUN_DEADLINE_MS);
    expect(r.code, r.stderr).toBe(0);
    const rep = report(r);
    expect(step(rep, 'create-cluster').checks.find((c) => c.id === 'nodes-ready')).toMatchObject({ ok: true, message: '1/1 nodes Ready' });
    expect(step(rep, 'verify').status).toBe('passed');
    expect(m.tour.failedRequests()).toBe(12);
  });

  it('kind fails with its own ERROR line: the diagnosis names that line, not "the cluster does not answer"', async () => {
    const m = await machine({ scenario: 'kubeadm-fails' });
    const r = await m.cli(['run', '--yes', '--json'], RUN_DEADLINE_MS);
    expect(r.code, r.stderr).toBe(1);
    const failed = step(report(r), 'create-cluster');
    expect(failed.status).toBe('failed');
    expect(failed.diagnosis?.rule).toBe('kind.failed');
    expect(failed.diagnosis?.cause).toContain('kind failed: failed to create cluster: failed to init node with kubeadm');
    expect(failed.diagnosis?.next).toContain('kind export logs --name ivol');
    expect(r.stderr).not.toMatch(/does not answer/);
  });

  it('the docker daemon is down: doctor says docker is installed but not running, how to start it, and nothing about podman', async () => {
    const m = await machine({ scenario: 'no-daemon' });
    const d = await m.cli(['doctor']);
    expect(d.code).toBe(1);
    expect(d.stdout).toMatch(/docker\s+installed, not running/);
    expect(d.stdout).toMatch(/podman\s+not found \(optional\)/);
    expect(d.stdout).toContain('docker is installed but not running: `docker info` says "Cannot connect to the Docker daemon');
    expect(d.stdout).toMatch(/sudo systemctl start docker|open -a Docker|Docker Desktop/);
    expect(d.stdout).not.toMatch(/podman\s+missing|missing: podman|Install Docker Engine .* or Podman/);
    // run's preflight says the same: the check's message and the diagnosis.
    const r = await m.cli(['run', '--yes', '--json'], RUN_DEADLINE_MS);
    expect(r.code).toBe(1);
    const failed = step(report(r), 'preflight');
    expect(failed.checks.find((c) => c.id === 'tools-ready')?.message).toBe('docker is installed but not running');
    expect(failed.diagnosis?.rule).toBe('tools.engine');
    expect(failed.diagnosis?.cause).toContain('docker is installed but not running');
    expect(`${r.stdout}\n${r.stderr}`).not.toContain('missing: podman');
  });

  it('a hanging `kind version`: doctor ends within its probe limit and says kind did not answer', async () => {
    const m = await machine({ scenario: 'kind-version-hangs' });
    const started = Date.now();
    const d = await m.cli(['doctor', '--json'], RUN_DEADLINE_MS);
    const took = Date.now() - started;
    expect(d.code, d.stderr).toBe(1);
    // The probe's limit, plus the time to end the hung process and start node.
    expect(took).toBeGreaterThanOrEqual(PROBE_TIMEOUT_MS);
    expect(took).toBeLessThan(PROBE_TIMEOUT_MS + 8000);
    const j = JSON.parse(d.stdout) as { ready: boolean; tools: { name: string; timedOut?: boolean }[]; text: { problems: { tool: string; message: string; fix: string }[] } };
    expect(j.ready).toBe(false);
    expect(j.tools.find((t) => t.name === 'kind')?.timedOut).toBe(true);
    expect(j.text.problems).toEqual([
      { tool: 'kind', message: '`kind version` did not answer within 5 s.', fix: expect.stringContaining('reinstall kind') as string },
    ]);
    // The hung kind was ended: nothing of it is left running.
    const { execFileSync } = await import('node:child_process');
    const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(ps.split('\n').filter((l) => l.includes(`${m.fe.dir}/bin/kind version`))).toEqual([]);
  });
});

describe.concurrent('empty or invalid global options are usage errors', () => {
  it.each([
    [['--context', '', 'run', '--yes'], /option '--context <name>' argument '' is invalid\. It must not be empty\./],
    [['--context=', 'doctor'], /--context <name>.*must not be empty/],
    [['--context', '   ', 'run', '--yes'], /--context <name>.*must not be empty/],
    [['--context', 'a\nb', 'doctor'], /^ivol-tour: the value of --context holds control characters/],
    [['--tutorial', 'x\x1b[2Jy', 'run', '--simulate', '--yes'], /^ivol-tour: the value of --tutorial holds control characters/],
    [['--namespace', '', 'run', '--yes'], /--namespace <ns>.*not a valid name/],
    [['--cluster', '', 'run', '--yes'], /--cluster <name>.*not a valid name/],
    [['--step', '', 'run', '--simulate', '--yes'], /--step <id>.*must not be empty/],
    [['--tutorial', '', 'run', '--simulate', '--yes'], /--tutorial <dir>.*must not be empty/],
  ])('%j: exit 2, one line and the usage hint; nothing runs', async (args, message) => {
    const m = await machine();
    const r = await m.cli(args);
    expect(r.code, r.stderr).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(message);
    expect(lines.slice(1)).toEqual(['Run `ivol-tour --help` for the usage.']);
    // eslint-disable-next-line no-control-regex
    expect(r.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
    expect(r.stdout).toBe('');
    // It did not quietly pick real kind mode: no tool was even asked.
    expect(m.fe.calls()).toEqual([]);
  });
});

describe('the TUI in a real terminal while a check waits', SLOW, () => {
  it('shows what the waiting check saw, live, under the step (slow-coredns, simulated)', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'ivol-waiting-tui-'));
    const app = startPtyApp(['--simulate', '--lang', 'en', '--step', 'inspect-cluster'], { IVOL_TOUR_STATE_DIR: stateDir, IVOL_TOUR_SIM_FAULTS: 'slow-coredns', IVOL_TOUR_SIM_SPEED: '1' }, 160, 45);
    try {
      // --step fast-forwards the steps before it; then Enter runs inspect-cluster.
      await app.waitFor((s) => (s.split('\n').find((l) => l.includes('›')) ?? '').includes(' 5 ') && (s.includes('Press Enter to run this step.') || READ_ON.test(s)), 60_000);
      await pageToAction(app);
      app.press('\r');
      // The line wraps in the step column: its start, then what the check saw.
      const waiting = /⋯ Waiting for “Every kube-system pod is Running and ready” \((\d+)s of/;
      const first = await app.waitFor((s) => waiting.test(s) && /not ready: coredns-\S+ 0\/1/.test(s), 20_000);
      expect(first).toMatch(/3m00s\): not ready: coredns-/);
      const seen = Number(waiting.exec(first)?.[1]);
      // Live: the elapsed time moves on while coredns is still ContainerCreating.
      await app.waitFor((s) => Number(waiting.exec(s)?.[1] ?? -1) > seen, 5000);
      app.press('q');
      await app.waitFor('Quit and stop it?', 5000);
      app.press('y');
      expect((await app.exited).exitCode).toBe(0);
    } finally {
      app.kill();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
