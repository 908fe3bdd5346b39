// `ivol-tour prepare`, `prepare --save FILE` and `prepare --load FILE` end to end, through the
// built binary, on machines played by the fake docker and kind (test/fakes/bin: an image store
// for pull/tag/inspect/save/load, kind that loads images into its node and pulls a node image it
// does not find): the argv of every engine call, in order, what is remembered (prepared.json), and
// that a tour run after `prepare --load` on a machine with no network passes the node image to
// kind by its local name, loads the Pod's images into the node after creating it, and applies a
// Pod that pulls nothing. Nothing reaches beyond 127.0.0.1.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../src/commands/run.js';
import { KIND_DEFAULT_NODE_IMAGES, CRIO_NODE_IMAGE } from '../src/engine/plan.js';
import { writeKubeconfig } from './fake-apiserver/kubeconfig.js';
import { startFakeApiServer, type FakeApiServer } from './fake-apiserver/server.js';
import { fakeEnv, type FakeEnv } from './fakes/env.js';
import { runCli, type CliResult } from './helpers/cli.js';
import { startPtyApp } from './helpers/pty-app.js';

const NODE = KIND_DEFAULT_NODE_IMAGES['v0.31'] ?? '';
const NODE_TAG = 'kindest/node:v1.35.0';
const DEBIAN = 'debian:bookworm-slim';
const ARTIFACT = 'quay.io/crio/artifact:v2';
const DEADLINE_MS = 30_000;
const STACK_TRACE = /\n\s+at /;

const servers: FakeApiServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Machine {
  readonly fe: FakeEnv;
  readonly stateDir: string;
  readonly tour: FakeApiServer;
  cli(args: string[], env?: Record<string, string | undefined>): Promise<CliResult>;
  /** docker and kind calls, as `tool argv…`, in order (kubectl and the probes left out). */
  engineCalls(): string[];
}

async function machine(o: { scenario?: string } = {}): Promise<Machine> {
  const tour = await startFakeApiServer();
  const other = await startFakeApiServer();
  servers.push(tour, other);
  const kc = writeKubeconfig({ otherServer: other.url });
  const stateDir = mkdtempSync(join(tmpdir(), 'ivol-state-'));
  const fe = fakeEnv({ tools: ['docker', 'kind', 'kubectl-logged'], ...(o.scenario ? { scenario: o.scenario } : {}), kubeconfig: kc.path, extra: { IVOL_FAKE_APISERVER: tour.url, IVOL_TOUR_STATE_DIR: stateDir } });
  dirs.push(kc.dir, stateDir, fe.dir);
  return {
    fe,
    stateDir,
    tour,
    cli: (args, env = {}) => runCli(args, { ...fe.env, LANG: 'C.UTF-8', LC_ALL: undefined, LANGUAGE: undefined, DOCKER_HOST: undefined, KIND_EXPERIMENTAL_PROVIDER: undefined, ...env }, DEADLINE_MS),
    engineCalls: () =>
      fe
        .calls()
        .filter((c) => (c.tool === 'docker' && c.argv[0] !== 'info') || (c.tool === 'kind' && c.argv[0] !== 'version' && c.argv[0] !== 'get'))
        .map((c) => `${c.tool} ${c.argv.join(' ')}`),
  };
}

function prepared(m: Machine): { profiles: Record<string, { engine: string; source: string; images: { reference: string; role: string; localName: string; sizeBytes: number }[] }> } {
  const path = join(m.stateDir, 'prepared.json');
  expect((statSync(path).mode & 0o777).toString(8)).toBe('600');
  return JSON.parse(readFileSync(path, 'utf8')) as ReturnType<typeof prepared>;
}

const INSPECT = 'image inspect --format {{.Id}} {{.Size}}';

describe('prepare: every image the profile needs, into the local docker', () => {
  it('pulls, tags the digest-pinned node image, verifies each, remembers them, and says what is ready', async () => {
    const m = await machine();
    const r = await m.cli(['prepare']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(m.engineCalls()).toEqual([
      `docker pull ${NODE}`,
      `docker tag ${NODE} ${NODE_TAG}`,
      `docker ${INSPECT} ${NODE_TAG}`,
      `docker pull ${DEBIAN}`,
      `docker ${INSPECT} ${DEBIAN}`,
      `docker pull ${ARTIFACT}`,
      `docker ${INSPECT} ${ARTIFACT}`,
    ]);
    // Plain progress lines without a terminal: each image, its layers as docker reports them, its size.
    expect(r.stderr).toContain('Preparing the containerd profile\'s images in docker');
    expect(r.stderr).toContain(`pulling ${NODE}`);
    expect(r.stderr).toContain(`  ${DEBIAN}: 2/2 layers`);
    expect(r.stderr).toContain(`✓ ${DEBIAN}  74.8 MB`);
    expect(r.stderr).toContain(`✓ ${ARTIFACT}  1.5 kB`);
    expect(r.stderr).not.toContain('\x1b[K');
    expect(r.stdout).toContain('Ready: 3 of 3 images are in docker (1.14 GB in all).');
    expect(r.stdout).toContain(`After creating the cluster the tour loads ${DEBIAN} ${ARTIFACT} into the node (kind load docker-image)`);
    expect(r.stdout).toContain('Every image this profile needs is ready');
    const rec = prepared(m).profiles['containerd'];
    expect(rec).toMatchObject({ engine: 'docker', source: 'pull' });
    expect(rec?.images.map((i) => [i.reference, i.role, i.localName])).toEqual([
      [NODE, 'node', NODE_TAG],
      [DEBIAN, 'pod', DEBIAN],
      [ARTIFACT, 'pod', ARTIFACT],
    ]);
  });

  it('through a mirror: pulls the mirror\'s name, tags it with the name the tour uses', async () => {
    const m = await machine();
    const r = await m.cli(['--mirror', 'docker.io=127.0.0.1:5000', 'prepare']);
    expect(r.code, r.stderr).toBe(0);
    expect(m.engineCalls().slice(0, 6)).toEqual([
      `docker pull 127.0.0.1:5000/${NODE}`,
      `docker tag 127.0.0.1:5000/${NODE} ${NODE_TAG}`,
      `docker ${INSPECT} ${NODE_TAG}`,
      `docker pull 127.0.0.1:5000/library/${DEBIAN}`,
      `docker tag 127.0.0.1:5000/library/${DEBIAN} ${DEBIAN}`,
      `docker ${INSPECT} ${DEBIAN}`,
    ]);
    expect(m.engineCalls()).toContain(`docker pull ${ARTIFACT}`);
    expect(r.stderr).toContain(`pulling ${DEBIAN} through 127.0.0.1:5000/library/${DEBIAN}`);
  });

  it('docker will not pull the OCI artifact: it says so, offers the local registry path, and the rest is still prepared', async () => {
    const m = await machine({ scenario: 'artifact-refused' });
    const r = await m.cli(['prepare']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`✗ ${ARTIFACT}: Error response from daemon: Encountered remote "application/vnd.oci.empty.v1+json"(unknown) when fetching`);
    expect(r.stderr).toContain('it is an OCI artifact, not a runnable image');
    expect(r.stderr).toContain('--mirror quay.io=ADDRESS:5000');
    expect(r.stdout).toContain('Ready: 2 of 3 images');
    expect(r.stdout).toContain(`Not ready: ${ARTIFACT}.`);
    expect(prepared(m).profiles['containerd']?.images.map((i) => i.reference)).toEqual([NODE, DEBIAN]);
  });

  it('crio profile: the node image from ghcr.io, and the honest word that kind load cannot reach a CRI-O node', async () => {
    const m = await machine();
    const r = await m.cli(['--profile', 'crio', 'prepare']);
    expect(r.code, r.stderr).toBe(0);
    expect(m.engineCalls().filter((c) => c.startsWith('docker pull'))).toEqual([`docker pull ${CRIO_NODE_IMAGE}`, `docker pull ${DEBIAN}`, 'docker pull quay.io/crio/artifact:v1']);
    expect(r.stdout).toContain('kind load (it imports with containerd\'s ctr) cannot put images into it');
  });

  it('a docker that does not answer: one line with the cause and what to do, exit 1, nothing pulled', async () => {
    const m = await machine({ scenario: 'no-daemon' });
    const r = await m.cli(['prepare']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('prepare needs a running container engine');
    expect(r.stderr).toContain('Cannot connect to the Docker daemon');
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(m.engineCalls()).toEqual([]);
  });

  it.each([
    [['prepare', '--save', 'a.tar', '--load', 'b.tar'], /--save and --load cannot be used together/],
    [['--simulate', 'prepare'], /in simulated mode nothing is pulled/],
    [['--context', 'prod', 'prepare'], /nothing to prepare here/],
  ])('%j: a usage error, exit 2, nothing runs', async (args, message) => {
    const m = await machine();
    const r = await m.cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(m.fe.calls()).toEqual([]);
  });

  it('zh-CN: the progress and the result in Chinese', async () => {
    const m = await machine();
    const r = await m.cli(['--lang', 'zh-CN', 'prepare']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('正在为 containerd 运行时方案在 docker 中准备镜像');
    expect(r.stderr).toContain(`正在拉取 ${DEBIAN}`);
    expect(r.stderr).toContain(`${DEBIAN}：2/2 层`);
    expect(r.stdout).toContain('已就绪：3 个镜像中有 3 个在 docker 中');
  });
});

describe('prepare --save on a machine with network, prepare --load on one without, then the tour', () => {
  // Three commands, the last a whole real-mode run: ~6 s alone, past the default 20 s once on a
  // loaded machine. Each command has its deadline; the test's own limit is their sum.
  it('save writes one archive of every image; load restores it with no pull; the tour pulls nothing', { timeout: 3 * DEADLINE_MS }, async () => {
    const trainer = await machine();
    const archive = join(trainer.fe.dir, 'ivol-images.tar');
    const saved = await trainer.cli(['prepare', '--save', archive]);
    expect(saved.code, saved.stderr).toBe(0);
    expect(trainer.engineCalls().at(-1)).toBe(`docker save -o ${archive} ${NODE_TAG} ${DEBIAN} ${ARTIFACT}`);
    expect(existsSync(archive)).toBe(true);
    expect(saved.stderr).toMatch(new RegExp(`✓ ${archive.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}  \\d+(\\.\\d)? (B|kB): copy it to the machines of the room`));

    // An attendee's machine: empty docker, no network at all (the fake docker and kind cannot pull).
    const attendee = await machine({ scenario: 'no-network' });
    const loaded = await attendee.cli(['prepare', '--load', archive]);
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(attendee.engineCalls()).toEqual([`docker load -i ${archive}`, `docker ${INSPECT} ${NODE_TAG}`, `docker ${INSPECT} ${DEBIAN}`, `docker ${INSPECT} ${ARTIFACT}`]);
    expect(loaded.stdout).toContain('Ready: 3 of 3 images');
    expect(prepared(attendee).profiles['containerd']?.source).toBe('load');

    // The tour on that machine. The registry check runs (IVOL_TOUR_OFFLINE unset) and asks
    // nothing: every image is prepared.
    const before = attendee.fe.calls().length;
    const run = await attendee.cli(['run', '--yes', '--json'], { IVOL_TOUR_OFFLINE: undefined });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as RunReport;
    const preflight = report.steps.find((s) => s.id === 'preflight');
    expect(preflight?.checks.find((c) => c.id === 'registries-reachable')).toMatchObject({ ok: true, message: `nothing to pull; prepared: ${NODE}, ${DEBIAN}, ${ARTIFACT}` });
    const calls = attendee.fe
      .calls()
      .slice(before)
      .filter((c) => c.tool === 'kind' && (c.argv[0] === 'create' || c.argv[0] === 'load'))
      .map((c) => c.argv.join(' '));
    const configFile = join(attendee.stateDir, 'work', 'ivol', 'kind-config.containerd.yaml');
    expect(calls).toEqual([`create cluster --name ivol --image ${NODE_TAG} --config ${configFile} --wait 5m`, `load docker-image --name ivol ${DEBIAN} ${ARTIFACT}`]);
    expect(attendee.fe.calls().filter((c) => c.tool === 'docker' && c.argv[0] === 'pull')).toEqual([]);
    // The Pod the tour applied (and showed) pulls nothing: IfNotPresent for both images.
    const pod = readFileSync(join(attendee.stateDir, 'work', 'ivol', 'pod.containerd.yaml'), 'utf8');
    expect(pod).toMatch(/image: debian:bookworm-slim\n\s+# Loaded into the node by `ivol-tour prepare`: nothing to pull.\n\s+imagePullPolicy: IfNotPresent/);
    expect(pod).toMatch(/reference: quay\.io\/crio\/artifact:v2\n(\s+#.*\n)*\s+pullPolicy: IfNotPresent/);
    const applied = report.steps.find((s) => s.id === 'apply-pod');
    expect(applied?.status).toBe('passed');
  });

  it('--load of a file that is not there: a clear message, exit 2, nothing loaded', async () => {
    const m = await machine();
    const r = await m.cli(['prepare', '--load', join(m.fe.dir, 'missing.tar')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.tar does not exist or is not a file');
    expect(m.engineCalls()).toEqual([]);
  });
});

describe('prepare on a terminal', () => {
  it('80 columns: the long advice for the artifact is wrapped under its text, its commands never cut inside a word', async () => {
    const m = await machine({ scenario: 'artifact-refused' });
    const env = Object.fromEntries(Object.entries({ ...m.fe.env, LANG: 'C.UTF-8' }).filter((e): e is [string, string] => e[1] !== undefined));
    const app = startPtyApp(['prepare'], env, 80, 60);
    try {
      expect((await app.exited).exitCode).toBe(1);
      // The terminal has drawn the last of it (xterm parses what arrived before the exit a moment later).
      const lines = (await app.waitFor((s) => s.includes('prepare again.'), 10_000)).split('\n').map((l) => l.trimEnd());
      const { default: stringWidth } = await import('string-width');
      for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(80);
      const at = lines.findIndex((l) => l.startsWith('  docker will not pull'));
      expect(at).toBeGreaterThanOrEqual(0);
      const advice = [lines[at] ?? ''];
      for (let i = at + 1; /^ {2}\S/.test(lines[i] ?? ''); i++) advice.push(lines[i] ?? '');
      // Every line of it starts at the advice's own indentation, and its commands are whole.
      expect(advice.length).toBeGreaterThan(2);
      for (const l of advice) expect(l).toMatch(/^ {2}\S/);
      const joined = advice.map((l) => l.trim()).join(' ');
      expect(joined).toContain('it is an OCI artifact, not a runnable image');
      expect(joined).toContain('`docker run -d -p 5000:5000 --name ivol-registry registry:2`');
      expect(joined).toContain('--mirror quay.io=ADDRESS:5000');
    } finally {
      app.kill();
    }
  });

  it('draws one live bar (redrawn in place) with the layers, then the same result lines', async () => {
    const m = await machine();
    const env = Object.fromEntries(Object.entries({ ...m.fe.env, LANG: 'C.UTF-8' }).filter((e): e is [string, string] => e[1] !== undefined));
    const app = startPtyApp(['prepare'], env, 120, 30);
    try {
      const exit = await app.exited;
      expect(exit.exitCode).toBe(0);
      const output = app.output();
      // eslint-disable-next-line no-control-regex
      expect(output).toMatch(/\r\x1b\[K\[={0,20}>? *\] [0-3]\/3 images/);
      expect(output).toContain(`${DEBIAN}: 2/2 layers`);
      expect(output).toContain(`✓ ${ARTIFACT}  1.5 kB`);
      // No layer lines of their own on a terminal: the bar carries them.
      expect(output).not.toContain(`\n  ${DEBIAN}: 2/2 layers`);
      // The terminal has drawn the last of it (xterm parses what arrived before the exit a moment later).
      expect(await app.waitFor('Ready: 3 of 3 images', 10_000)).toContain('Ready: 3 of 3 images');
    } finally {
      app.kill();
    }
  });
});
