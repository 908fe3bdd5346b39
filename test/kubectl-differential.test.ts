// The simulated kubectl prints what the real kubectl (v1.32, the binary installed here) prints for
// the same objects: the simulated tour runs (kind create cluster, the tutorial's Pods, ...), the
// fake API server serves that same world, and each invocation runs both ways. What legitimately
// varies is normalised, explicitly and narrowly: the ages that kubectl computes on the client
// from the wall clock (describe's Events and Non-terminated Pods tables, `kubectl events`) —
// the simulated clock is virtual. Server-side ages (get's tables) come from the world's clock
// and are compared as they are. Left out on purpose (see the report in docs): `kubectl version`
// (the simulated client is v1.35, this binary v1.32), `get -w` (no watch in the simulated
// kubectl), `exec -it` (interactive; the pty tests cover it) and `cluster-info` (it prints the
// server's URL, which is the fake server's here).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAST_APPLIED } from '../src/adapters/cluster/simulated/world.js';
import { simulated } from '../src/adapters/cluster/simulated/testing/fixtures.js';
import { writeKubeconfig, type WrittenKubeconfig } from './fake-apiserver/kubeconfig.js';
import { startFakeApiServer, type FakeApiServer } from './fake-apiserver/server.js';

const KUBECTL = process.env['IVOL_REAL_KUBECTL'] ?? ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));
const title = KUBECTL ? `the simulated kubectl prints what ${KUBECTL} prints` : 'SKIPPED: no real kubectl at /usr/bin/kubectl or /usr/local/bin/kubectl (set IVOL_REAL_KUBECTL)';
if (!KUBECTL) console.warn(`kubectl-differential: ${title}`);

type Sim = ReturnType<typeof simulated>;
interface Served {
  readonly sim: Sim;
  readonly server: FakeApiServer;
  readonly kubeconfig: WrittenKubeconfig;
}

const dirs: string[] = [];
const servers: FakeApiServer[] = [];
// Every world starts at the same virtual moment, so two worlds that run the same commands are the same.
const START = Date.now() - 20 * 60_000;

async function serve(sim: Sim): Promise<Served> {
  const server = await startFakeApiServer({ world: sim.world, cluster: 'ivol' });
  servers.push(server);
  const dir = mkdtempSync(join(tmpdir(), 'ivol-differential-'));
  dirs.push(dir);
  for (const [path, text] of sim.files.files) writeFileSync(join(dir, path.split('/').pop() ?? 'x'), text);
  return { sim, server, kubeconfig: writeKubeconfig({ tourServer: server.url, otherServer: 'https://127.0.0.1:2', dir }) };
}

/**
 * Brings the world's clock to the wall clock's time, then to the start of a whole second:
 * creation timestamps have whole seconds, and the simulated kubectl spends 30-90 ms (of simulated
 * time) before it reads the world, so an age read just before a second boundary would differ by one
 * between the two runs of the same invocation (likewise a Lease renewed in between: toWholeSecond).
 */
async function toWallClock(sim: Sim): Promise<void> {
  await sim.world.clock.sleep(Math.max(0, Date.now() - sim.world.clock.now()));
  await toWholeSecond(sim);
}

/** The kubelet renews its node Lease every 10 s from the node's registration (objects.ts leaseObject). */
const LEASE_RENEW_MS = 10_000;
/** Longer than the simulated kubectl's 30-90 ms before it reads the world. */
const READ_MARGIN_MS = 200;

/**
 * The start of the next whole second that no node Lease renews within READ_MARGIN_MS of: the
 * real kubectl reads at that instant and the simulated one a few ms later, and both must see the
 * same RenewTime in `describe node`.
 */
async function toWholeSecond(sim: Sim): Promise<void> {
  const clock = sim.world.clock;
  const registered = [...sim.world.clusters.values()].flatMap((c) => c.nodes.map((n) => n.registeredAt));
  const renewsSoon = (t: number): boolean => registered.some((r) => t >= r && LEASE_RENEW_MS - ((t - r) % LEASE_RENEW_MS) <= READ_MARGIN_MS);
  let at = Math.ceil(clock.now() / 1000) * 1000;
  while (renewsSoon(at)) at += 1000;
  await clock.sleep(at - clock.now());
}

/** The tour up to the shell step (and the subPath Pod), then the clock brought to the wall clock's time. */
async function tour(o: Parameters<typeof simulated>[0] = {}, pods = true): Promise<Sim> {
  const sim = simulated({ clockStart: START, ...o });
  const image = o.profile === 'crio' ? ['--image', 'ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1'] : [];
  await sim.run(['kind', 'create', 'cluster', '--name', 'ivol', ...image, '--config', '/work/kind.yaml', '--wait', '5m']);
  if (pods) {
    await sim.kubectl('apply', '-f', '/work/pod.yaml');
    await sim.kubectl('wait', '--for=condition=Ready', 'pod/image-volume', '--timeout=180s');
    if (!o.profile) {
      await sim.kubectl('apply', '-f', '/work/pod-subpath.yaml');
      await sim.kubectl('wait', '--for=condition=Ready', 'pod/image-volume-subpath', '--timeout=180s');
    }
  }
  await toWallClock(sim);
  return sim;
}

interface Printed {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

function real(s: Served, args: readonly string[]): Promise<Printed> {
  return new Promise((resolve) => {
    execFile(KUBECTL ?? 'kubectl', ['--context', 'kind-ivol', ...args], { cwd: s.kubeconfig.dir, env: { ...process.env, KUBECONFIG: s.kubeconfig.path, TZ: 'UTC' }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, code: error ? (typeof error.code === 'number' ? error.code : 1) : 0 });
    });
  });
}

async function simulatedKubectl(s: Served, args: readonly string[]): Promise<Printed> {
  // The simulated tools read the tour's files from /work; the real kubectl from the served copy.
  const r = await s.sim.rawKubectl(...args.map((a) => (a.endsWith('.yaml') ? `/work/${a}` : a)));
  return { stdout: r.stdout, stderr: r.stderr, code: r.exitCode ?? -1 };
}

/** Client-side ages: the age cells of describe's and `kubectl events`' tables (columns re-spaced). */
function normalise(text: string): string {
  let table: 'events' | 'pods' | 'kubectl-events' | null = text.startsWith('LAST SEEN') ? 'kubectl-events' : null;
  return text.split('\n').map((line) => {
    if (/^Events:\s*$/.test(line)) table = 'events';
    else if (/^Non-terminated Pods:/.test(line)) table = 'pods';
    else if (/^\S/.test(line) && table !== 'kubectl-events') table = null;
    if (!table || /^\s*-{3}/.test(line) || /^\s*(Type|Namespace)\s/.test(line) || /^LAST SEEN/.test(line)) return table ? line.replace(/ {2,}/g, '  ') : line;
    const cells = line.trim().split(/ {2,}/);
    const at = table === 'events' ? 2 : table === 'pods' ? cells.length - 1 : 0;
    cells[at] = (cells[at] ?? '').replace(/^(<invalid>|\d+[smhdy](\d+[smhd])?)( \(x\d+ over (<invalid>|\d+[smhdy](\d+[smhd])?)\))?$/, '<age>$3').replace(/over (<invalid>|\d+[smhdy](\d+[smhd])?)\)/, 'over <age>)');
    return `${line.match(/^\s*/)?.[0] ?? ''}${cells.join('  ')}`;
  }).join('\n');
}

async function same(s: Served, args: readonly string[]): Promise<void> {
  await toWholeSecond(s.sim);
  const [r, m] = [await real(s, args), await simulatedKubectl(s, args)];
  const label = `kubectl ${args.join(' ')}`;
  expect(normalise(m.stdout), label).toBe(normalise(r.stdout));
  expect(m.stderr, label).toBe(r.stderr);
  expect(m.code, label).toBe(r.code);
}

/** Invocations that change the world run on two identical worlds, one each way. */
async function sameOnTwins(make: () => Promise<Sim>, args: readonly string[]): Promise<{ simulated: Sim; real: Sim }> {
  const [a, b] = [await make(), await make()];
  const servedB = await serve(b);
  const r = await real(servedB, args);
  const m = await simulatedKubectl(await serve(a), args);
  expect({ out: m.stdout, err: m.stderr, code: m.code }, `kubectl ${args.join(' ')}`).toEqual({ out: r.stdout, err: r.stderr, code: r.code });
  return { simulated: a, real: b };
}

/** Every invocation compared here (counted for the report). */
const INVOCATIONS: string[][] = [];
const cases = (list: string[][]): string[][] => (INVOCATIONS.push(...list), list);

// The tutorial's read-only kubectl commands, and what a learner types or reads in hints.
const READS = cases([
  ['-n', 'kube-system', 'get', 'nodes,pods'],
  ['get', 'nodes', '-o', 'custom-columns=NAME:.metadata.name,RUNTIME:.status.nodeInfo.containerRuntimeVersion,KUBELET:.status.nodeInfo.kubeletVersion'],
  ['-n', 'default', 'get', 'pod', 'image-volume', '-o', 'wide'],
  ['-n', 'default', 'get', 'events', '--field-selector', 'involvedObject.name=image-volume'],
  ['get', 'pods'],
  ['get', 'pods', '-o', 'wide'],
  ['get', 'pods', '-o', 'yaml'],
  ['get', 'pods', '-o', 'json'],
  ['get', 'pod', 'image-volume'],
  ['get', 'pod', 'image-volume', '-o', 'yaml'],
  ['get', 'pod', 'image-volume', '-o', 'jsonpath={.status.phase}'],
  ['get', 'pod', 'image-volume', '-o', 'jsonpath={.spec.volumes[0].image.reference}'],
  ['get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}'],
  ['get', 'pod', 'image-volume', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}'],
  ['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,VOLUME:.spec.volumes[0].image.reference,NODE:.spec.nodeName'],
  ['get', 'nodes'],
  ['get', 'nodes', '-o', 'wide'],
  ['get', 'nodes', '-o', 'yaml'],
  ['get', 'nodes', '-o', 'json'],
  ['get', 'events'],
  ['get', 'events', '-o', 'wide'],
  ['describe', 'pod', 'image-volume'],
  ['describe', 'pods'],
  ['describe', 'node', 'ivol-control-plane'],
  ['describe', 'nodes'],
  ['events', '--for', 'pod/image-volume'],
  ['logs', 'image-volume', '-c', 'shell'],
  ['get', 'pods', '-A'],
  ['-n', 'kube-system', 'get', 'pods', '-o', 'wide'],
  ['-n', 'kube-system', 'describe', 'pod', 'etcd-ivol-control-plane'],
  ['get', 'ns'],
  ['get', 'pods', '--show-labels'],
  ['get', 'pods', '-l', 'app.kubernetes.io/managed-by=ivol-tour', '-o', 'name'],
  ['get', 'pod', 'nope'],
  ['get', 'widgets'],
  // Deleting what is not there changes nothing: "No resources found", or kubectl's error.
  ['delete', 'pods', '-l', 'app=nothing-here', '--ignore-not-found', '--wait=false'],
  ['delete', 'pod', 'nope', '--ignore-not-found'],
  ['delete', 'pod', 'nope'],
]);

// The tutorial's exec commands (verify, explore-shell, limitations) and a wait on a Ready pod.
const EXECS = cases([
  ['-n', 'default', 'wait', '--for=condition=Ready', 'pod/image-volume', '--timeout=180s'],
  ...[['ls', '-l', '/volume'], ['ls', '-l', '/volume/dir'], ['cat', '/volume/dir/file'], ['cat', '/volume/file'], ['touch', '/volume/ivol-write-test'], ['grep', ' /volume ', '/proc/mounts']].map((argv) => ['-n', 'default', 'exec', 'image-volume', '-c', 'shell', '--', ...argv]),
  ['-n', 'default', 'exec', 'image-volume-subpath', '-c', 'shell', '--', 'cat', '/volume/file'],
]);

// A Pod whose artifact cannot be pulled: waiting states, BackOff, repeated events.
const FAILING = cases([['get', 'pods'], ['describe', 'pod', 'image-volume'], ['get', 'events'], ['events', '--for', 'pod/image-volume']]);

// The guide's CRI-O cluster: two nodes, a tainted control plane.
const CRIO = cases([['-n', 'kube-system', 'get', 'nodes,pods'], ['get', 'nodes', '-o', 'wide'], ['describe', 'node', 'ivol-worker'], ['describe', 'node', 'ivol-control-plane']]);

const APPLY = cases([['-n', 'default', 'apply', '-f', 'pod.yaml']]);
const DELETE = cases([['-n', 'default', 'delete', 'pods', '-l', 'app.kubernetes.io/managed-by=ivol-tour', '--ignore-not-found', '--wait=false']]);

let main: Served;

beforeAll(async () => {
  if (KUBECTL) main = await serve(await tour());
}, 60_000);

afterAll(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(!KUBECTL)(title, () => {
  it(`covers at least 25 invocations (${INVOCATIONS.length})`, () => {
    expect(INVOCATIONS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(READS.map((a) => [a.join(' '), a] as const))('kubectl %s', async (_label, args) => {
    await same(main, args);
  });

  it.each(EXECS.map((a) => [a.join(' '), a] as const))('kubectl %s', async (_label, args) => {
    await same(main, args);
  });

  it('a Pod whose artifact cannot be pulled', async () => {
    const failing = await serve(await tour({ faults: ['artifact-pull-fails'] }, false));
    await failing.sim.kubectl('apply', '-f', '/work/pod.yaml');
    await failing.sim.world.clock.sleep(95_000);
    await toWallClock(failing.sim);
    for (const args of FAILING) await same(failing, args);
  }, 60_000);

  it('the CRI-O cluster of the guide', async () => {
    const crio = await serve(await tour({ profile: 'crio' }));
    for (const args of CRIO) await same(crio, args);
  }, 60_000);

  it('apply: the same words, the same stored Pod (last-applied annotation included), and again', async () => {
    const [args] = APPLY;
    const { simulated: a, real: b } = await sameOnTwins(() => tour({}, false), args ?? []);
    const stored = (sim: Sim) => sim.world.getPod(sim.world.clusters.get('ivol')!, 'default', 'image-volume');
    expect(stored(a)?.metadata.annotations?.[LAST_APPLIED]).toBe(stored(b)?.metadata.annotations?.[LAST_APPLIED]);
    expect(JSON.parse(stored(a)?.metadata.annotations?.[LAST_APPLIED] ?? '{}')).toMatchObject({ kind: 'Pod', metadata: { name: 'image-volume', namespace: 'default' } });
    expect(stored(a)?.spec).toEqual(stored(b)?.spec);
    // Again: the Pod's lists hold the service account's volume too, so kubectl patches
    // (`$setElementOrder`) and says "configured" rather than "unchanged".
    const again = await real(await serve(b), args ?? []);
    const simAgain = await a.kubectl('-n', 'default', 'apply', '-f', '/work/pod.yaml');
    expect({ out: simAgain.stdout, err: simAgain.stderr }).toEqual({ out: again.stdout, err: again.stderr });
  }, 60_000);

  it('cleanup: delete by the tour\'s label', async () => {
    const [args] = DELETE;
    await sameOnTwins(() => tour(), args ?? []);
  }, 60_000);
});
