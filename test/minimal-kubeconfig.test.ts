// The tour's private kubeconfig (src/adapters/kube/minimal-kubeconfig.ts): merged like kubectl
// merges, only the tour's context, 0600 in a 0700 directory, re-written when the user's files
// (or the copy itself) change, removed on dispose and at exit; and the real kubectl reading it.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMinimalKubeconfig, minimalKubeconfigText, removeAllMinimalKubeconfigs, type MinimalKubeconfig } from '../src/adapters/kube/minimal-kubeconfig.js';
import { startFakeApiServer, type FakeApiServer } from './fake-apiserver/server.js';

const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p)) ?? 'kubectl';

let dir: string;
const made: MinimalKubeconfig[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ivol-minimal-'));
});

afterEach(() => {
  for (const k of made.splice(0)) k.dispose();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function minimal(env: NodeJS.ProcessEnv, context = 'kind-ivol', namespace = 'default'): MinimalKubeconfig {
  const k = createMinimalKubeconfig({ context, namespace, env, tmpDir: dir });
  made.push(k);
  return k;
}

function read(path: string): { 'current-context': string; clusters: { name: string; cluster: Record<string, unknown> }[]; contexts: { name: string; context: Record<string, unknown> }[]; users: { name: string; user: Record<string, unknown> }[] } {
  return JSON.parse(readFileSync(path, 'utf8')) as ReturnType<typeof read>;
}

const USER_KUBECONFIG = `apiVersion: v1
kind: Config
current-context: prod-cluster
clusters:
- name: prod-cluster
  cluster: {server: "https://prod.example:6443", certificate-authority: prod-ca.crt}
- name: kind-ivol
  cluster: {server: "https://127.0.0.1:40001", certificate-authority-data: Q0E=}
contexts:
- name: prod-cluster
  context: {cluster: prod-cluster, user: prod-admin, namespace: production}
- name: kind-ivol
  context: {cluster: kind-ivol, user: kind-ivol}
users:
- name: prod-admin
  user: {token: prod-secret}
- name: kind-ivol
  user: {client-certificate: certs/ivol.crt, client-key: /abs/ivol.key, tokenFile: tok, exec: {command: ./bin/helper, apiVersion: client.authentication.k8s.io/v1}}
`;

describe('minimalKubeconfigText (pure)', () => {
  it('keeps only the tour\'s context, its cluster and user, with relative paths made absolute', () => {
    const text = minimalKubeconfigText([{ path: '/home/u/.kube/config', text: USER_KUBECONFIG }], 'kind-ivol', 'default');
    const c = JSON.parse(text) as ReturnType<typeof read>;
    expect(c['current-context']).toBe('kind-ivol');
    expect(c.contexts).toEqual([{ name: 'kind-ivol', context: { cluster: 'kind-ivol', user: 'kind-ivol', namespace: 'default' } }]);
    expect(c.clusters).toEqual([{ name: 'kind-ivol', cluster: { server: 'https://127.0.0.1:40001', 'certificate-authority-data': 'Q0E=' } }]);
    expect(c.users).toEqual([{
      name: 'kind-ivol',
      user: { 'client-certificate': '/home/u/.kube/certs/ivol.crt', 'client-key': '/abs/ivol.key', tokenFile: '/home/u/.kube/tok', exec: { command: '/home/u/.kube/bin/helper', apiVersion: 'client.authentication.k8s.io/v1' } },
    }]);
    expect(text).not.toContain('prod');
  });

  it('merges several files like kubectl: the first file that defines a name wins; entries may come from different files', () => {
    const first = 'contexts:\n- name: kind-ivol\n  context: {cluster: c1, user: u2}\nclusters:\n- name: c1\n  cluster: {server: "https://first:1"}\n';
    const second = 'contexts:\n- name: kind-ivol\n  context: {cluster: c9, user: u9}\nclusters:\n- name: c1\n  cluster: {server: "https://second:2"}\nusers:\n- name: u2\n  user: {token: t2}\n';
    const c = JSON.parse(minimalKubeconfigText([{ path: '/a/config', text: first }, { path: '/b/config', text: second }], 'kind-ivol')) as ReturnType<typeof read>;
    expect(c.contexts[0]?.context).toEqual({ cluster: 'c1', user: 'u2' });
    expect(c.clusters).toEqual([{ name: 'c1', cluster: { server: 'https://first:1' } }]);
    expect(c.users).toEqual([{ name: 'u2', user: { token: 't2' } }]);
  });

  it('reads YAML as kubectl does (1.1: yes is true), and keeps time-like text as text', () => {
    const text = 'contexts:\n- name: kind-ivol\n  context: {cluster: c, user: u}\nclusters:\n- name: c\n  cluster: {server: "https://x:1", insecure-skip-tls-verify: yes}\nusers:\n- name: u\n  user: {token: 2024-01-02, username: 1:30}\n';
    const c = JSON.parse(minimalKubeconfigText([{ path: '/a', text }], 'kind-ivol')) as ReturnType<typeof read>;
    expect(c.clusters[0]?.cluster['insecure-skip-tls-verify']).toBe(true);
    expect(c.users[0]?.user).toEqual({ token: '2024-01-02', username: '1:30' });
  });

  it('without the tour\'s context: no entries, but current-context still names it', () => {
    const c = JSON.parse(minimalKubeconfigText([{ path: '/a', text: USER_KUBECONFIG.replace(/kind-ivol/g, 'kind-other') }], 'kind-ivol')) as ReturnType<typeof read>;
    expect(c).toMatchObject({ 'current-context': 'kind-ivol', clusters: [], contexts: [], users: [] });
  });

  it('ignores a file it cannot parse, and YAML alias bombs stay bounded', () => {
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n`;
    const c = JSON.parse(minimalKubeconfigText([{ path: '/a', text: ': : :\n\t- [' }, { path: '/b', text: bomb }, { path: '/c', text: USER_KUBECONFIG }], 'kind-ivol')) as ReturnType<typeof read>;
    expect(c.contexts.map((x) => x.name)).toEqual(['kind-ivol']);
  });
});

describe('createMinimalKubeconfig (files)', () => {
  function userFiles(): { kcDir: string; config: string; env: NodeJS.ProcessEnv } {
    const kcDir = mkdtempSync(join(dir, 'home-'));
    mkdirSync(join(kcDir, '.kube'));
    const config = join(kcDir, '.kube', 'config');
    writeFileSync(config, USER_KUBECONFIG.replace(/kind-ivol/g, 'kind-later'));
    return { kcDir, config, env: { HOME: kcDir } };
  }

  it('is written 0600 in a 0700 directory under the temp dir, created only when first asked for', () => {
    const { env } = userFiles();
    const k = minimal(env);
    expect(k.dir).toBeNull();
    const path = k.path();
    expect(path.startsWith(dir)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(k.dir ?? '').mode & 0o777).toBe(0o700);
  });

  it('follows the user\'s files: the context appears when kind writes it (HOME/.kube/config)', () => {
    const { config, env } = userFiles();
    const k = minimal(env);
    expect(read(k.path()).contexts).toEqual([]);
    // kind create cluster writes kind-ivol into the user's kubeconfig.
    writeFileSync(config, USER_KUBECONFIG);
    const c = read(k.path());
    expect(c.contexts.map((x) => x.name)).toEqual(['kind-ivol']);
    expect(c.clusters[0]?.cluster['server']).toBe('https://127.0.0.1:40001');
    expect(statSync(k.path()).mode & 0o777).toBe(0o600);
  });

  it('reads $KUBECONFIG (a path list) when set, and is re-written when the copy itself was changed', () => {
    const { config } = userFiles();
    writeFileSync(config, USER_KUBECONFIG);
    const k = minimal({ KUBECONFIG: ['/nonexistent/config', config].join(':'), HOME: '/nonexistent' });
    const path = k.path();
    const good = readFileSync(path, 'utf8');
    expect(read(path).contexts.map((x) => x.name)).toEqual(['kind-ivol']);
    // Something edited the copy (kubectl config set-cluster kind-ivol --server=…): put back.
    writeFileSync(path, good.replace('https://127.0.0.1:40001', 'https://elsewhere:1'));
    expect(readFileSync(k.path(), 'utf8')).toBe(good);
  });

  it('dispose removes it; removeAllMinimalKubeconfigs removes every one left (synchronously)', () => {
    const { env } = userFiles();
    const a = minimal(env);
    const b = minimal(env);
    const pa = a.path();
    const pb = b.path();
    a.dispose();
    expect(existsSync(pa)).toBe(false);
    expect(existsSync(pb)).toBe(true);
    removeAllMinimalKubeconfigs();
    expect(existsSync(pb)).toBe(false);
    expect(b.dir).toBeNull();
  });

  it('removes what a tour killed outright left behind (its pid gone), and nothing else', () => {
    const parent = mkdtempSync(join(dir, 'orphans-'));
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const orphan = join(parent, `ivol-tour-kube-${dead}-abc123`);
    const alive = join(parent, `ivol-tour-kube-${process.ppid}-def456`);
    const other = join(parent, 'ivol-tour-kube-notapid');
    for (const d of [orphan, alive, other]) {
      mkdirSync(d);
      writeFileSync(join(d, 'config'), '{}');
    }
    const k = createMinimalKubeconfig({ context: 'kind-ivol', env: { HOME: '/nonexistent' }, tmpDir: parent });
    made.push(k);
    const path = k.path();
    expect(path).toContain(`ivol-tour-kube-${process.pid}-`);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(alive)).toBe(true);
    expect(existsSync(other)).toBe(true);
  });

  it('is removed when the process exits', () => {
    const { env } = userFiles();
    // The module bundled as it ships, in a child process that exits without disposing it.
    const entry = `
      import { createMinimalKubeconfig } from ${JSON.stringify(join(import.meta.dirname, '..', 'src', 'adapters', 'kube', 'minimal-kubeconfig.ts'))};
      const k = createMinimalKubeconfig({ context: 'kind-ivol', env: ${JSON.stringify(env)}, tmpDir: ${JSON.stringify(dir)} });
      console.log(k.path());
      process.exit(0);
    `;
    const script = join(dir, 'exit-child.cjs');
    buildSync({ stdin: { contents: entry, resolveDir: import.meta.dirname, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', outfile: script, logLevel: 'silent' });
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 20_000 });
    const path = r.stdout.trim();
    expect(r.status, r.stderr).toBe(0);
    expect(path).toMatch(/ivol-tour-kube-/);
    expect(path.startsWith(dir)).toBe(true);
    expect(existsSync(path)).toBe(false);
  });
});

describe('the real kubectl with the private kubeconfig', () => {
  let tour: FakeApiServer;
  let other: FakeApiServer;

  beforeAll(async () => {
    tour = await startFakeApiServer();
    other = await startFakeApiServer();
  });

  afterAll(async () => {
    await tour.close();
    await other.close();
  });

  function kubectl(args: string[], kubeconfig: string): Promise<{ code: number; out: string }> {
    return new Promise((resolve) => {
      execFile(KUBECTL, args, { env: { PATH: process.env['PATH'], HOME: dir, KUBECONFIG: kubeconfig }, timeout: 15_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: stdout + stderr });
      });
    });
  }

  it('reaches the tour\'s cluster and nothing else; an unknown context is kubectl\'s own error', async () => {
    const kcDir = mkdtempSync(join(dir, 'kc-'));
    const config = join(kcDir, 'config');
    writeFileSync(config, [
      'apiVersion: v1', 'kind: Config', 'current-context: prod-cluster',
      `clusters: [{name: prod-cluster, cluster: {server: "${other.url}", insecure-skip-tls-verify: true}}, {name: kind-ivol, cluster: {server: "${tour.url}", insecure-skip-tls-verify: true}}]`,
      'contexts: [{name: prod-cluster, context: {cluster: prod-cluster, user: prod}}, {name: kind-ivol, context: {cluster: kind-ivol, user: ivol}}]',
      'users: [{name: prod, user: {token: prod-secret}}, {name: ivol, user: {token: ivol-token}}]', '',
    ].join('\n'));
    const k = minimal({ KUBECONFIG: config });
    const path = k.path();
    expect((await kubectl(['--context', 'kind-ivol', 'get', 'pods', '-o', 'name'], path)).code).toBe(0);
    expect(tour.requests.length).toBeGreaterThan(0);
    const before = tour.requests.length;
    // No --context: the copy's current context is the tour's, not prod-cluster.
    expect((await kubectl(['get', 'pods', '-o', 'name'], path)).code).toBe(0);
    expect(tour.requests.length).toBeGreaterThan(before);
    for (const args of [['--context', 'prod-cluster', 'get', 'pods'], ['--cluster', 'prod-cluster', 'get', 'pods'], ['config', 'use-context', 'prod-cluster']]) {
      const r = await kubectl(args, path);
      expect(r.code, `${args.join(' ')}: ${r.out}`).not.toBe(0);
    }
    expect(other.requests).toEqual([]);

    // Before kind writes the context: kubectl's own error, never http://localhost:8080.
    const empty = minimal({ KUBECONFIG: join(kcDir, 'missing') });
    const r = await kubectl(['get', 'pods'], empty.path());
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('context was not found for specified context: kind-ivol');
    expect(r.out).not.toContain('localhost:8080');
  });
});
