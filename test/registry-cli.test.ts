// Registries as a person reaches them, through the built binary: `--mirror` values (usage errors
// in both languages), `run --simulate --mirror` writing the mirrored kind config (validated
// against kind's v1alpha4 types) and containerd's hosts.toml (validated against its documented
// format), `doctor` against a REAL registry on 127.0.0.1 used as the mirror of every registry
// (reachable, with latency, each reference resolved), `doctor` on a machine whose registries
// cannot be reached (every request goes to a proxy on a closed 127.0.0.1 port: nothing leaves the
// machine), `doctor --offline`, and the preflight step's registry check.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { RunReport } from '../src/commands/run.js';
import { writeKubeconfig } from './fake-apiserver/kubeconfig.js';
import { startFakeApiServer, type FakeApiServer } from './fake-apiserver/server.js';
import { fakeEnv, type FakeEnv } from './fakes/env.js';
import { runCli, type CliResult } from './helpers/cli.js';
import { checkKindConfig, type Json } from './helpers/kind-config-schema.js';
import { checkHostsToml } from './helpers/registry-config-schema.js';
import { closedPort, HAVE_REGISTRY, NO_REGISTRY_MESSAGE, pushImage, startRegistry, startSilentServer, type LocalRegistry } from './helpers/registry.js';

const STACK_TRACE = /\n\s+at /;
const dirs: string[] = [];
const servers: FakeApiServer[] = [];
afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

describe('--mirror REGISTRY=HOST[/PREFIX]: a bad value is a usage error (exit 2), in the learner\'s language', () => {
  it.each([
    [['--mirror', 'docker.io'], /--mirror docker\.io: expected REGISTRY=HOST\[\/PREFIX\]/, /--mirror docker\.io：格式应为 REGISTRY=HOST\[\/PREFIX\]/],
    [['--mirror', 'docker.io=bad_host'], /"bad_host" is not a host name/, /"bad_host" 不是主机名或地址/],
    [['--mirror', 'docker.io=ftp://m.example.com'], /unknown scheme "ftp:\/\/"/, /未知的协议 "ftp:\/\/"/],
    [['--mirror', 'docker.io=a.example.com', '--mirror', 'index.docker.io=b.example.com'], /--mirror names docker\.io twice/, /--mirror 两次指定了 docker\.io/],
    [['--mirror', 'library=m.example.com'], /"library" is not a registry host/, /"library" 不是镜像仓库主机名/],
    [['--context', 'prod', '--mirror', 'docker.io=m.example.com', 'doctor'], /with --context your cluster's nodes pull the images/, /使用 --context 时由你的集群节点拉取镜像/],
  ])('%j', async (args, en, zh) => {
    for (const [lang, message] of [['C.UTF-8', en], ['zh_CN.UTF-8', zh]] as const) {
      const r = await runCli(args.includes('doctor') ? args : [...args, 'run', '--simulate', '--yes'], { LANG: lang, LC_ALL: undefined, LANGUAGE: undefined, PATH: '/nonexistent' });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.stdout).toBe('');
    }
  });

  it('is listed in the help, as a global option', async () => {
    const r = await runCli(['--help'], { LANG: 'C.UTF-8' });
    expect(r.stdout).toMatch(/--mirror <mirror>\s+pull REGISTRY's images through a mirror:\s+REGISTRY=HOST\[\/PREFIX\]/);
    expect(r.stdout).toContain('prepare');
  });
});

describe('run --simulate --yes --mirror docker.io=127.0.0.1:5000', () => {
  it('passes, and the kind config it writes (and applies) holds the mirror configuration, valid for kind and containerd', async () => {
    const state = tempDir('ivol-state-');
    const r = await runCli(['run', '--simulate', '--yes', '--mirror', 'docker.io=127.0.0.1:5000'], { IVOL_TOUR_STATE_DIR: state, LANG: 'C.UTF-8' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('All steps done: 11 passed, 0 failed, 1 skipped. [simulated]');
    // The file-written check compares the file with what the step shows: the mirrored config.
    expect(r.stderr).toMatch(/✓ config-written: kind-config: \d+ lines/);
    const work = join(state, 'work', 'simulated-ivol');
    const config = readFileSync(join(work, 'kind-config.containerd.yaml'), 'utf8');
    const errors: string[] = [];
    const summary = checkKindConfig(parseDocument(config).toJS() as Json, errors);
    expect(errors).toEqual([]);
    expect(summary.mounts).toEqual([[{ hostPath: join(work, 'certs.d', 'docker.io', 'hosts.toml'), containerPath: '/etc/containerd/certs.d/docker.io/hosts.toml', readOnly: true }]]);
    expect(summary.containerd).toEqual([{ plugins: { 'io.containerd.grpc.v1.cri': { registry: { config_path: '/etc/containerd/certs.d' } } } }]);
    const hostsPath = join(work, 'certs.d', 'docker.io', 'hosts.toml');
    const toml = checkHostsToml(readFileSync(hostsPath, 'utf8'), errors);
    expect(errors).toEqual([]);
    expect(toml).toEqual({ server: 'https://registry-1.docker.io', hosts: [['http://127.0.0.1:5000', { capabilities: ['pull', 'resolve'] }]] });
    // Written like every file of the tour: 0600 in 0700 folders.
    expect((statSync(hostsPath).mode & 0o777).toString(8)).toBe('600');
    expect((statSync(join(work, 'certs.d', 'docker.io')).mode & 0o777).toString(8)).toBe('700');
    // The node image is pulled through the mirror; the Pod keeps its references.
    expect(r.stderr).toMatch(/kind create cluster --name ivol --image 127\.0\.0\.1:5000\/kindest\/node:v1\.35\.0@sha256:[0-9a-f]{64} --config/);
    expect(readFileSync(join(work, 'pod.containerd.yaml'), 'utf8')).toContain('image: debian:bookworm-slim');
  });

  it('crio profile: a CRI-O registries.conf drop-in mounted into both nodes', async () => {
    const state = tempDir('ivol-state-');
    const r = await runCli(['--profile', 'crio', 'run', '--simulate', '--yes', '--json', '--mirror', 'quay.io=http://192.168.1.10:5000/quay'], { IVOL_TOUR_STATE_DIR: state, LANG: 'C.UTF-8' });
    expect(r.code, r.stderr).toBe(0);
    const work = join(state, 'work', 'simulated-ivol');
    const errors: string[] = [];
    const summary = checkKindConfig(parseDocument(readFileSync(join(work, 'kind-config.crio.yaml'), 'utf8')).toJS() as Json, errors);
    expect(errors).toEqual([]);
    expect(summary.mounts.map((n) => n.map((m) => m.containerPath))).toEqual([['/etc/containers/registries.conf.d/ivol-tour-mirrors.conf'], ['/etc/containers/registries.conf.d/ivol-tour-mirrors.conf']]);
    expect(readFileSync(join(work, 'registries.conf.d', 'ivol-tour-mirrors.conf'), 'utf8')).toContain('location = "192.168.1.10:5000/quay"');
  });
});

interface Machine {
  readonly fe: FakeEnv;
  cli(args: string[], env?: Record<string, string | undefined>, deadlineMs?: number): Promise<CliResult>;
}

async function machine(): Promise<Machine> {
  const tour = await startFakeApiServer();
  const other = await startFakeApiServer();
  servers.push(tour, other);
  const kc = writeKubeconfig({ otherServer: other.url });
  dirs.push(kc.dir);
  const fe = fakeEnv({ tools: ['docker', 'kind', 'kubectl-logged'], kubeconfig: kc.path, extra: { IVOL_FAKE_APISERVER: tour.url } });
  dirs.push(fe.dir);
  return {
    fe,
    // The registry checks on (IVOL_TOUR_OFFLINE unset), no proxy from the caller's shell.
    cli: (args, env = {}, deadlineMs = 30_000) =>
      runCli(args, { ...fe.env, IVOL_TOUR_OFFLINE: undefined, HTTPS_PROXY: undefined, HTTP_PROXY: undefined, https_proxy: undefined, http_proxy: undefined, NO_PROXY: undefined, no_proxy: undefined, LANG: 'C.UTF-8', LC_ALL: undefined, LANGUAGE: undefined, ...env }, deadlineMs),
  };
}

describe('doctor, when the registries cannot be reached (every request refused by a proxy on 127.0.0.1)', () => {
  it('names each registry the profile needs, the cause in one line and the next action, within 10 s; exit 1', async () => {
    const m = await machine();
    const proxy = `http://127.0.0.1:${await closedPort()}`;
    const started = Date.now();
    const r = await m.cli(['--profile', 'crio', 'doctor'], { HTTPS_PROXY: proxy });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    for (const registry of ['docker.io', 'quay.io', 'ghcr.io']) {
      expect(r.stdout).toMatch(new RegExp(`✗ ${registry.replace('.', '\\.')}  unreachable: connection refused \\(connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\)\\n    → use a mirror \\(--mirror ${registry.replace('.', '\\.')}=HOST`));
    }
    expect(r.stdout).toContain('`ivol-tour prepare --save FILE`');
    expect(r.stdout).toContain('--simulate');
    expect(r.stdout).toContain('Some images cannot be pulled from here');
  });

  it('--json: the registries and their causes and next actions as text too', async () => {
    const m = await machine();
    const r = await m.cli(['doctor', '--json'], { HTTPS_PROXY: `http://127.0.0.1:${await closedPort()}` });
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { registries: { checked: string; ok: boolean; registries: { registry: string; reachable: boolean; failure: { cause: string } }[] }; text: { registries: { failures: { registry: string; cause: string; next: string }[] } } };
    expect(json.registries.checked).toBe('yes');
    expect(json.registries.ok).toBe(false);
    expect(json.registries.registries.map((x) => [x.registry, x.reachable, x.failure.cause])).toEqual([
      ['docker.io', false, 'refused'],
      ['quay.io', false, 'refused'],
    ]);
    expect(json.text.registries.failures.map((f) => f.registry)).toEqual(['docker.io', 'quay.io']);
    expect(json.text.registries.failures[0]?.next).toContain('--mirror docker.io=HOST');
  });

  it('doctor --offline asks nothing at all', async () => {
    const m = await machine();
    const silent = await startSilentServer();
    try {
      const r = await m.cli(['doctor', '--offline'], { HTTPS_PROXY: `http://${silent.host}` });
      expect(r.code, r.stdout).toBe(0);
      expect(r.stdout).toContain('Registries not checked (--offline, or IVOL_TOUR_OFFLINE=1)');
      expect(silent.accepted()).toBe(0);
    } finally {
      await silent.close();
    }
  });

  it('the preflight step shows the same before kind create cluster: the check fails with the cause, and nothing is created', async () => {
    const m = await machine();
    const r = await m.cli(['run', '--yes', '--json'], { HTTPS_PROXY: `http://127.0.0.1:${await closedPort()}` });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as RunReport;
    const check = report.steps.find((s) => s.id === 'preflight')?.checks.find((c) => c.id === 'registries-reachable');
    expect(check?.ok).toBe(false);
    expect(check?.message).toMatch(/^docker\.io: connection refused \(connect ECONNREFUSED 127\.0\.0\.1:\d+\); quay\.io: connection refused/);
    expect(m.fe.calls().filter((c) => c.tool === 'kind' && c.argv[0] === 'create')).toEqual([]);
    // The diagnosis: the cause in one line and the next action.
    expect(r.stderr).toMatch(/docker\.io cannot be reached from this machine: refused \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)/);
    expect(r.stderr).toContain('Then use a mirror (--mirror docker.io=HOST), or `ivol-tour prepare --load FILE`');
  });
});

describe.skipIf(!HAVE_REGISTRY)(HAVE_REGISTRY ? 'doctor with a real local registry as the mirror of every registry' : `SKIPPED: ${NO_REGISTRY_MESSAGE}`, () => {
  let registry: LocalRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
    await pushImage(registry.url, 'library/debian', 'bookworm-slim');
    await pushImage(registry.url, 'carlory/kindnode-crio', 'v1.31.0-rc.1');
    await pushImage(registry.url, 'crio/artifact', 'v1', { artifact: true });
    await pushImage(registry.url, 'crio/artifact', 'v2', { artifact: true });
  }, 30_000);
  afterAll(async () => {
    await registry?.stop();
  });

  it('crio profile: every registry reachable through it with its latency, every reference resolved; exit 0', async () => {
    const m = await machine();
    const mirrors = ['docker.io', 'quay.io', 'ghcr.io'].flatMap((r) => ['--mirror', `${r}=${registry.host}`]);
    const r = await m.cli(['--profile', 'crio', ...mirrors, 'doctor']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    for (const reg of ['docker.io', 'quay.io', 'ghcr.io']) expect(r.stdout).toMatch(new RegExp(`✓ ${reg.replace('.', '\\.')}  through ${registry.url}  reachable, \\d+ ms`));
    for (const ref of ['ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1', 'debian:bookworm-slim', 'quay.io/crio/artifact:v1']) expect(r.stdout).toMatch(new RegExp(`✓ ${ref.replace(/[./]/g, '\\$&')}  resolves, \\d+ ms`));
    expect(r.stdout).toMatch(/Every image can be pulled \(checked in (\d+ ms|\d+\.\d s)\)\./);
    // 127.0.0.1 inside the kind node is the node itself: said, with what to do.
    expect(r.stdout).toContain('is this machine\'s loopback');
  });

  it('containerd profile: the mirror lacks kind\'s digest-pinned node image: said, with what to do; exit 1', async () => {
    const m = await machine();
    const r = await m.cli(['--mirror', `docker.io=${registry.host}`, '--mirror', `quay.io=${registry.host}`, 'doctor', '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { registries: { registries: { registry: string; reachable: boolean; latencyMs: number; references: { reference: string; ok: boolean; failure?: { cause: string } }[] }[] }; text: { registries: { failures: { next: string }[] } } };
    const hub = json.registries.registries.find((x) => x.registry === 'docker.io');
    expect(hub?.reachable).toBe(true);
    expect(hub?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(hub?.references.map((x) => [x.reference.split('@')[0], x.ok, x.failure?.cause])).toEqual([
      ['kindest/node:v1.35.0', false, 'notFound'],
      ['debian:bookworm-slim', true, undefined],
    ]);
    expect(json.text.registries.failures[0]?.next).toContain('answers but lacks this image');
  });
});

describe('doctor in a terminal 80 columns wide (a real pty)', () => {
  it.each(['en', 'zh-CN'] as const)('%s: every line fits, a long one goes on indented under its text, and a command is never cut inside a word', async (lang) => {
    const { startPty, BIN } = await import('./helpers/pty-app.js');
    // No kind on this machine: doctor says how to install it, with a long command.
    const fe = fakeEnv({ tools: ['docker', 'kubectl-logged'] });
    const proxy = `http://127.0.0.1:${await closedPort()}`;
    const app = startPty(process.execPath, [BIN, '--lang', lang, 'doctor'], { ...fe.env, IVOL_TOUR_OFFLINE: '', HTTPS_PROXY: proxy, LANG: 'C.UTF-8' }, 80, 60);
    try {
      const { exitCode } = await app.exited;
      expect(exitCode).toBe(1);
      // The terminal has drawn the last of it (xterm parses what arrived before the exit a moment later).
      const last = lang === 'en' ? 'Not ready.' : '尚未就绪。';
      const lines = (await app.waitFor((s) => s.includes(last), 10_000)).split('\n').map((l) => l.trimEnd()).filter((l) => l !== '');
      const { default: stringWidth } = await import('string-width');
      for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(80);
      // The install command: its URL whole on one line, under the text of its "→" line.
      const url = 'https://kind.sigs.k8s.io/dl/v0.31.0/kind-linux-amd64';
      const at = lines.findIndex((l) => l.includes(url));
      expect(at).toBeGreaterThan(0);
      expect(lines[at]).toMatch(/^ {6}\S/);
      expect(lines.slice(0, at).reverse().find((l) => !/^ {6}/.test(l))).toMatch(/^ {4}→ /);
      // Each registry's line goes on under its text, never at the left edge.
      const registry = lines.findIndex((l) => /^ {2}✗ docker\.io/.test(l));
      expect(registry).toBeGreaterThan(0);
      expect(lines[registry + 1]).toMatch(/^ {4}\S/);
    } finally {
      app.kill();
      rmSync(fe.dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the interactive tour with --mirror (a real pty)', () => {
  it('the cluster-config step shows the mirrored kind config and says why in one sentence', async () => {
    const { startPtyApp } = await import('./helpers/pty-app.js');
    const state = tempDir('ivol-state-');
    const app = startPtyApp(['--simulate', '--lang', 'en', '--mirror', 'docker.io=192.168.1.10:5000', '--step', 'cluster-config'], { IVOL_TOUR_STATE_DIR: state }, 180, 90);
    try {
      // The files of a step follow its action page: turn to it.
      await app.waitFor((s) => s.includes('· The kind config'), 30_000);
      const { pageToAction } = await import('./helpers/beats.js');
      await pageToAction(app);
      await app.waitFor((s) => s.includes('Because of --mirror (docker.io=https://192.168.1.10:5000)'), 30_000);
      // The file is below the step's text: page down the step view until it shows.
      for (let i = 0; i < 12 && !app.screen().includes('containerdConfigPatches'); i++) {
        const before = app.screen();
        app.press('\x1b[6~');
        await app.waitFor((s) => s !== before, 5000).catch(() => undefined);
      }
      expect(app.screen()).toContain('containerdConfigPatches');
      app.press('q');
      const { exitCode } = await app.exited;
      expect(exitCode).toBe(0);
    } finally {
      app.kill();
    }
  }, 60_000);
});
