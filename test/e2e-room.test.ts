// A workshop room end to end, through the built binary (bin/ivol-tour.js) against the fake API
// server, which enforces RBAC for ServiceAccount tokens (test/fake-apiserver/rbac.ts): the
// trainer makes a room of 3 seats; the three attendees run the whole tour at once, each with
// only their seat's kubeconfig (the REAL kubectl 1.32 and the tour's own client, as the seat's
// ServiceAccount); `room status --json` shows each seat's progress; a seat's kubeconfig is
// refused (403) in another seat's namespace; `room delete --yes` leaves nothing labelled for
// the room. Also: --dry-run makes no request at all, a trainer without the rights is told
// exactly which are missing, and a cluster that drops image volumes is refused.
// Nothing here reaches beyond 127.0.0.1.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../src/commands/run.js';
import type { SeatStatusJson } from '../src/commands/room.js';
import { writeKubeconfig } from './fake-apiserver/kubeconfig.js';
import { startFakeApiServer, type FakeApiServer, type FakeApiServerOptions } from './fake-apiserver/server.js';
import { fakeEnv, realKubectl, type FakeEnv } from './fakes/env.js';
import { runCli, type CliResult } from './helpers/cli.js';
import { pageToAction } from './helpers/beats.js';
import { startPtyApp, type PtyApp } from './helpers/pty-app.js';

const DEADLINE_MS = 60_000;
const STACK_TRACE = /\n\s+at /;
const ROOM_LABEL = 'ivol-tour/room';

/** The real kubectl, asynchronously (the fake API server answers from this process). */
function kubectl(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(realKubectl(), args, { encoding: 'utf8', timeout: 20_000 }, (error, stdout, stderr) => {
      done({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

const servers: FakeApiServer[] = [];
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Trainer {
  readonly server: FakeApiServer;
  /** Someone else's cluster: the kubeconfig's current context; it must hear nothing. */
  readonly other: FakeApiServer;
  readonly kubeconfig: string;
  readonly fe: FakeEnv;
  readonly out: string;
}

async function trainer(o: FakeApiServerOptions = {}): Promise<Trainer> {
  const server = await startFakeApiServer({ namespaceTerminationMs: 150, tls: true, ...o });
  const other = await startFakeApiServer();
  servers.push(server, other);
  const kc = writeKubeconfig({ otherServer: other.url, tourServer: server.url, tourContext: 'trainer' });
  const fe = fakeEnv({ tools: ['kubectl-logged'], kubeconfig: kc.path });
  const work = mkdtempSync(join(tmpdir(), 'ivol-room-'));
  dirs.push(kc.dir, fe.dir, work);
  return { server, other, kubeconfig: kc.path, fe, out: join(work, 'seats') };
}

function cli(t: Trainer, args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return runCli(args, { ...t.fe.env, LANG: 'C.UTF-8', LC_ALL: undefined, LANGUAGE: undefined, ...env }, DEADLINE_MS);
}

/** Every object labelled for the room, on the fake server (namespaces, and what the store keeps). */
function labelled(s: FakeApiServer, room: string): string[] {
  const ns = s.world.namespaces(s.world.clusters.get('ivol') ?? [...s.world.clusters.values()][0]).filter((n) => n.metadata.labels?.[ROOM_LABEL] === room).map((n) => `namespace/${n.metadata.name}`);
  const sel = `${ROOM_LABEL}=${room}`;
  const rest = (['serviceaccounts', 'configmaps', 'roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'] as const).flatMap((r) => s.store.list(r, undefined, sel).map((o) => `${r}/${o.metadata.namespace ?? ''}/${o.metadata.name}`));
  return [...ns, ...rest];
}

describe('room create --dry-run -o yaml', () => {
  it('prints every object and makes no API call at all', async () => {
    const t = await trainer();
    const r = await cli(t, ['--kubeconfig', t.kubeconfig, '--context', 'trainer', 'room', 'create', '--seats', '3', '--name', 'dry', '--dry-run', '-o', 'yaml']);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.code).toBe(0);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS() as { kind: string; metadata?: { name: string; namespace?: string } });
    const kinds = docs.map((d) => d.kind);
    expect(kinds.filter((k) => k === 'Namespace')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'ServiceAccount')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'Role')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'RoleBinding')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'ConfigMap')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'TokenRequest')).toHaveLength(3);
    expect(kinds).toContain('ClusterRole');
    expect(docs.filter((d) => d.kind === 'Namespace').map((d) => d.metadata?.name)).toEqual(['ivol-dry-01', 'ivol-dry-02', 'ivol-dry-03']);
    expect(t.server.requests).toEqual([]);
    expect(t.other.requests).toEqual([]);
  });
});

describe('a room of 3 seats on the fake API server', () => {
  it('is created, followed by three attendees at once, watched, fenced, and deleted without a trace', { timeout: 180_000 }, async () => {
    const t = await trainer();
    const created = await cli(t, ['--kubeconfig', t.kubeconfig, '--context', 'trainer', 'room', 'create', '--seats', '3', '--name', 'ws', '--out', t.out, '--ttl', '2h']);
    expect(created.stderr).not.toMatch(STACK_TRACE);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain('Room "ws" is ready: 3 seat(s) on trainer');
    // The API was asked first, then the probe ran with server-side dry run in the first seat.
    expect(t.server.requests.some((q) => q.path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')).toBe(true);
    expect(t.server.requests.some((q) => q.method === 'POST' && q.path === '/api/v1/namespaces/ivol-ws-01/pods' && q.query.includes('dryRun=All'))).toBe(true);
    expect(t.server.pods('ivol-ws-01')).toEqual([]);
    expect(statSync(t.out).mode & 0o777).toBe(0o700);
    for (const seat of ['01', '02', '03']) {
      const file = join(t.out, `seat-${seat}.kubeconfig`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(created.stdout).toContain(`npx ivol-tour --kubeconfig seat-${seat}.kubeconfig`);
      const text = readFileSync(file, 'utf8');
      expect(text).toContain(`namespace: ivol-ws-${seat}`);
      expect(text).toContain(`current-context: ivol-ws-${seat}`);
      expect(text).not.toContain('tour-token'); // the trainer's own credentials never travel
    }
    expect(t.server.tokens.issued()).toBe(3);
    expect(t.other.requests).toEqual([]);

    // The three attendees, at once, each with only their file (two with --json, one reading the output).
    const runs = await Promise.all(
      ['01', '02', '03'].map((seat) => cli(t, ['run', '--yes', ...(seat === '03' ? [] : ['--json']), '--kubeconfig', join(t.out, `seat-${seat}.kubeconfig`)], { KUBECONFIG: undefined })),
    );
    for (const [i, r] of runs.entries()) {
      expect(r.stderr, `seat ${i + 1}`).not.toMatch(STACK_TRACE);
      expect(r.code, `seat ${i + 1}: ${r.stderr.slice(-3000)}`).toBe(0);
      if (i === 2) continue;
      const rep = JSON.parse(r.stdout) as RunReport;
      expect(rep.mode).toBe('byoc');
      expect(rep.steps.filter((s) => s.status === 'failed')).toEqual([]);
      // What the seat may not read is said, not failed on.
      const systemPods = rep.steps.find((s) => s.id === 'inspect-cluster')?.checks.find((c) => c.id === 'system-pods');
      expect(systemPods?.message).toContain('Not checked: the Pods of kube-system are not visible with these credentials');
    }
    const shown = runs[2]?.stderr ?? '';
    expect(shown).toContain('All steps done: 11 passed, 0 failed, 1 skipped.');
    expect(shown).toContain('Not visible with these credentials (list pods in kube-system)');
    // Steps that create or delete clusters say they do not apply.
    expect(shown).toContain('`kind create cluster` does not apply with your own cluster');
    expect(shown).toContain('`kind delete cluster` does not apply with your own cluster');
    // Each seat's Pods were made in its own namespace, by its own ServiceAccount.
    expect(t.server.requests.filter((q) => q.method === 'POST' && /^\/api\/v1\/namespaces\/ivol-ws-0[123]\/pods$/.test(q.path) && !q.query.includes('dryRun')).length).toBeGreaterThanOrEqual(3);
    // The only refusals: listing kube-system's Pods, which a seat may not (its watches do not ask again).
    expect(t.server.forbidden.filter((f) => !f.startsWith('list pods in kube-system by system:serviceaccount:ivol-ws-0'))).toEqual([]);

    // The trainer sees every seat's progress, once.
    const status = await cli(t, ['--kubeconfig', t.kubeconfig, '--context', 'trainer', 'room', 'status', '--name', 'ws', '--json']);
    expect(status.code, status.stderr).toBe(0);
    const seats = (JSON.parse(status.stdout) as { seats: SeatStatusJson[] }).seats;
    expect(seats.map((s) => s.seat).sort()).toEqual(['01', '02', '03']);
    for (const s of seats) {
      expect(s.status).toBe('passed');
      expect(s.step).toBe('cleanup');
      expect(s.stepIndex).toBe(s.steps);
      expect(s.passed).toBeGreaterThan(5);
      expect(Date.parse(s.updated ?? '')).toBeGreaterThan(Date.now() - 120_000);
    }

    // A seat's kubeconfig cannot reach another seat's namespace (the real kubectl, and the tour).
    const other = await kubectl(['--kubeconfig', join(t.out, 'seat-01.kubeconfig'), '-n', 'ivol-ws-02', 'get', 'pods']);
    expect(other.status).not.toBe(0);
    expect(other.stderr).toContain('Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:ivol-ws-01:ivol-tour-seat" cannot list resource "pods" in API group "" in the namespace "ivol-ws-02"');
    const cm = await kubectl(['--kubeconfig', join(t.out, 'seat-01.kubeconfig'), '-n', 'ivol-ws-02', 'patch', 'configmap', 'ivol-tour-progress', '--type', 'merge', '-p', '{"data":{"status":"passed"}}']);
    expect(cm.status).not.toBe(0);
    expect(cm.stderr).toContain('(Forbidden)');
    const secrets = await kubectl(['--kubeconfig', join(t.out, 'seat-01.kubeconfig'), 'get', 'secrets']);
    expect(secrets.stderr).toContain('cannot list resource "secrets"');

    // The same as a table, in Chinese.
    const table = await cli(t, ['--kubeconfig', t.kubeconfig, '--context', 'trainer', '--lang', 'zh-CN', 'room', 'status', '--name', 'ws']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^座位\s+步骤\s+状态/);
    expect(table.stdout).toContain('cleanup (12/12)');
    expect(table.stderr).toContain('教室 "ws"：3 个座位');

    // Without --yes and nobody to ask, nothing is deleted.
    const unasked = await cli(t, ['--kubeconfig', t.kubeconfig, '--context', 'trainer', 'room', 'delete', '--name', 'ws']);
    expect(unasked.code).toBe(2);
    expect(unasked.stderr).toContain('Nothing was deleted');
    expect(labelled(t.server, 'ws').length).toBe(3 * 5 + 2);

    // Deleted: listed, then gone, with nothing labelled for the room left.
    const deleted = await cli(t, ['--kubeconfig', t.kubeconfig, '--context', 'trainer', 'room', 'delete', '--name', 'ws', '--yes']);
    expect(deleted.stderr).not.toMatch(STACK_TRACE);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout).toContain('namespace/ivol-ws-01');
    expect(deleted.stdout).toContain('clusterrole/ivol-tour-room-ws-nodes');
    expect(deleted.stdout).toContain('Room "ws" is gone');
    expect(labelled(t.server, 'ws')).toEqual([]);
    expect(t.server.namespaces().filter((n) => n.startsWith('ivol-ws-'))).toEqual([]);
    // The seats' tokens died with their ServiceAccounts.
    const after = await kubectl(['--kubeconfig', join(t.out, 'seat-01.kubeconfig'), 'get', 'pods']);
    expect(after.stderr).toMatch(/Unauthorized|must be logged in/);
    expect(t.other.requests).toEqual([]);
  });
});

describe('room create refuses', () => {
  it('a trainer without the rights, naming each missing one, and makes nothing', async () => {
    const t = await trainer({ users: { 'tour-token': { name: 'jane' } } });
    const r = await cli(t, ['--kubeconfig', t.kubeconfig, '--context', 'trainer', 'room', 'create', '--seats', '2', '--out', t.out]);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Your context trainer lacks');
    expect(r.stderr).toContain('  - create namespaces (cluster-wide)');
    expect(r.stderr).toContain('  - create rolebindings.rbac.authorization.k8s.io in ivol-room-01');
    expect(r.stderr).toContain('  - create serviceaccounts/token in ivol-room-01');
    expect(t.server.requests.filter((q) => q.method === 'POST' && q.path !== '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')).toEqual([]);
    expect(existsSync(t.out)).toBe(false);
  });

  it('in a terminal 80 columns wide: its sentences are wrapped, each line going on under its text', async () => {
    const t = await trainer({ users: { 'tour-token': { name: 'jane' } } });
    const env = Object.fromEntries(Object.entries({ ...t.fe.env, LANG: 'C.UTF-8' }).filter((e): e is [string, string] => e[1] !== undefined));
    const app = startPtyApp(['--kubeconfig', t.kubeconfig, '--context', 'trainer', 'room', 'create', '--seats', '2', '--out', t.out], env, 80, 60);
    try {
      expect((await app.exited).exitCode).toBe(1);
      // The terminal has drawn the last of it (xterm parses what arrived before the exit a moment later).
      const lines = (await app.waitFor((s) => s.includes('training cluster).'), 10_000)).split('\n').map((l) => l.trimEnd());
      const right = lines.findIndex((l) => l.startsWith('  - create rolebindings.rbac.authorization.k8s.io'));
      expect(right).toBeGreaterThan(0);
      // The advice after the list: wrapped by the tour, between words.
      const next = lines.findIndex((l) => l.startsWith("Ask the cluster's administrator"));
      expect(next).toBeGreaterThan(right);
      // Joined again with a space at each break, the lines are the sentence: no word was cut.
      const sentence = "Ask the cluster's administrator for these (a ClusterRole bound to you), or use a context that has them (e.g. cluster-admin on a training cluster).";
      const wrapped = lines.slice(next, next + 3);
      expect(wrapped.length).toBeGreaterThan(1);
      expect(wrapped.join(' ').startsWith(sentence)).toBe(true);
    } finally {
      app.kill();
    }
  });

  it('a cluster whose API server drops image volumes, and leaves nothing behind', async () => {
    const t = await trainer({ dropImageVolumes: true, gitVersion: 'v1.33.1' });
    const r = await cli(t, ['--kubeconfig', t.kubeconfig, '--context', 'trainer', 'room', 'create', '--seats', '2', '--name', 'gate', '--out', t.out, '--lang', 'zh-CN']);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ImageVolume 特性门控处于关闭状态');
    expect(t.server.tokens.issued()).toBe(0);
    await expect.poll(() => labelled(t.server, 'gate'), { timeout: 5000 }).toEqual([]);
  });

  it('a failure half-way says so and how to remove what was made', async () => {
    const t = await trainer();
    // The server fails the third TokenRequest: seats are half made.
    t.server.fail({ status: 500, paths: /\/serviceaccounts\/ivol-tour-seat\/token$/, count: 1 });
    const r = await cli(t, ['--kubeconfig', t.kubeconfig, '--context', 'trainer', 'room', 'create', '--seats', '3', '--name', 'half', '--out', t.out]);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Creating the room failed:');
    expect(r.stderr).toContain('etcdserver: request timed out');
    expect(r.stderr).toContain('ivol-tour room delete --context trainer --name half');
    const removed = await cli(t, ['--kubeconfig', t.kubeconfig, '--context', 'trainer', 'room', 'delete', '--name', 'half', '--yes']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(labelled(t.server, 'half')).toEqual([]);
  });

  it('an API server older than 1.31', async () => {
    const t = await trainer({ gitVersion: 'v1.30.4' });
    const r = await cli(t, ['--kubeconfig', t.kubeconfig, '--context', 'trainer', 'room', 'create', '--seats', '1', '--out', t.out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('image volumes need Kubernetes 1.31 or later');
    expect(t.server.namespaces().filter((n) => n.startsWith('ivol-room-'))).toEqual([]);
  });

  it('bad usage with exit 2 and one line', async () => {
    const t = await trainer();
    for (const args of [
      ['room', 'create', '--seats', '3'],
      ['--context', 'trainer', 'room', 'create', '--seats', '0'],
      ['--context', 'trainer', 'room', 'create', '--seats', '2', '--name', 'Bad_Name'],
      ['--context', 'trainer', 'room', 'create', '--seats', '2', '--ttl', '5m'],
      ['--context', 'trainer', 'room', 'create', '--seats', '2', '-o', 'yaml'],
      ['--kubeconfig', join(t.out, 'missing.kubeconfig'), 'run', '--yes'],
      // A kubeconfig with several contexts: its current one is no choice (someone else's cluster).
      ['--kubeconfig', t.kubeconfig, 'run', '--yes'],
    ]) {
      const r = await cli(t, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
    expect(t.server.requests).toEqual([]);
  });
});

describe('an attendee in the interactive tour', () => {
  let app: PtyApp | undefined;
  afterAll(() => app?.kill());

  it('runs on the seat\'s context and namespace, says kind does not apply, and writes the seat\'s progress', { timeout: 120_000 }, async () => {
    const t = await trainer();
    const created = await cli(t, ['--kubeconfig', t.kubeconfig, '--context', 'trainer', 'room', 'create', '--seats', '1', '--name', 'tui', '--out', t.out]);
    expect(created.code, created.stderr).toBe(0);
    const state = mkdtempSync(join(tmpdir(), 'ivol-room-state-'));
    dirs.push(state);
    const env = { ...t.fe.env, LANG: 'C.UTF-8', IVOL_TOUR_STATE_DIR: state, NO_COLOR: '1' } as Record<string, string>;
    delete env['KUBECONFIG'];
    app = startPtyApp(['--kubeconfig', join(t.out, 'seat-01.kubeconfig'), '--fresh'], env, 120, 32);
    await app.waitFor('ivol-tui-01', 15_000);
    const progress = (): Record<string, string> => (t.server.store.get('configmaps', 'ivol-tui-01', 'ivol-tour-progress')['data'] ?? {}) as Record<string, string>;
    // The seat's ConfigMap shows the tour started there (it said `waiting` until now).
    await expect.poll(() => progress()['mode'], { timeout: 15_000 }).toBe('byoc');
    expect(progress()['step']).toBe('welcome');
    // create-cluster (the 4th step): its kind command does not apply, and the step says so.
    app.press('jjj');
    await app.waitFor((s) => (s.split('\n').find((l) => l.includes('›')) ?? '').includes(' 4 '), 10_000);
    // Enter runs the step on its action page (before it, Enter turns the page).
    await pageToAction(app);
    app.press('\r');
    await app.waitFor('does not apply with your own cluster', 30_000);
    // The step ran: the seat is at step 4 or after, and the step counts as passed. The seat writes
    // its progress as it changes (running first, then the result), so both are waited for.
    await expect.poll(() => Number(progress()['stepIndex']), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
    await expect.poll(() => Number(progress()['passed']), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    app.press('q');
    const { exitCode } = await app.exited;
    expect(exitCode).toBe(0);
    expect(['pending', 'running', 'passed']).toContain(progress()['status']);
    // kube-system's Pods: the seat's watch was refused once and not asked again and again.
    const systemWatches = t.server.requests.filter((q) => q.watch && q.path === '/api/v1/namespaces/kube-system/pods');
    expect(systemWatches.length).toBeLessThanOrEqual(1);
    expect(t.server.requests.filter((q) => q.watch && q.path === '/api/v1/namespaces/ivol-tui-01/pods').length).toBeGreaterThanOrEqual(1);
    expect(t.other.requests).toEqual([]);
  });
});
