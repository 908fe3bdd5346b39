// The guard's reading of an argv against what the REAL kubectl 1.32 does with it: two fake API
// servers (contexts ctx-a and ctx-b), and for each tricky argv the server kubectl actually
// called and the namespace in the request path must be the context and namespace the guard's
// parser read (the last value of each flag, flags anywhere, shorthands grouped and attached,
// `_` in flag names, values that look like flags, `--`).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommandTree, boolValue, parseArgs } from '../src/adapters/cluster/real/cobra-args.js';
import { KUBECTL_COMMANDS, KUBECTL_GLOBAL_FLAGS, KUBECTL_TOP_LEVEL } from '../src/adapters/cluster/real/kubectl-flags.js';
import { startFakeApiServer, type FakeApiServer } from './fake-apiserver/server.js';

const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p)) ?? 'kubectl';
const TREE = buildCommandTree({ global: KUBECTL_GLOBAL_FLAGS, commands: KUBECTL_COMMANDS, names: KUBECTL_TOP_LEVEL, normalize: (n) => n.replace(/_/g, '-') });

let a: FakeApiServer;
let b: FakeApiServer;
let dir: string;
let kubeconfig: string;

beforeAll(async () => {
  a = await startFakeApiServer();
  b = await startFakeApiServer();
  dir = mkdtempSync(join(tmpdir(), 'ivol-reads-'));
  kubeconfig = join(dir, 'config');
  writeFileSync(kubeconfig, [
    'apiVersion: v1', 'kind: Config', 'current-context: ctx-a',
    `clusters: [{name: a, cluster: {server: "${a.url}", insecure-skip-tls-verify: true}}, {name: b, cluster: {server: "${b.url}", insecure-skip-tls-verify: true}}]`,
    // ctx-b has a namespace of its own: without -n, kubectl uses it.
    'contexts: [{name: ctx-a, context: {cluster: a, user: u}}, {name: ctx-b, context: {cluster: b, user: u, namespace: team-b}}]',
    'users: [{name: u, user: {token: t}}]', '',
  ].join('\n'));
});

afterAll(async () => {
  await a.close();
  await b.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What the guard's parser reads: the context (last), the namespace (last, or the context's), all namespaces. */
function guardReading(argv: string[]): { context: string; namespace: string } {
  const r = parseArgs(TREE, argv);
  if (!r.ok) throw new Error(`parse failed: ${JSON.stringify(r.error)}`);
  const last = (name: string) => r.parsed.flags.filter((f) => f.name === name).at(-1);
  const context = last('context')?.value ?? 'ctx-a';
  const all = last('all-namespaces');
  // An empty -n is no namespace: the context's (the guard refuses it for writes anyway).
  const namespace = all && boolValue(all.value) !== false ? '*' : last('namespace')?.value || (context === 'ctx-b' ? 'team-b' : 'default');
  return { context, namespace };
}

/** What kubectl did: which server it asked for pods, in which namespace. */
async function kubectlReading(argv: string[]): Promise<{ context: string; namespace: string }> {
  const before = { a: a.requests.length, b: b.requests.length };
  await new Promise<void>((resolve) => {
    execFile(KUBECTL, argv, { env: { PATH: process.env['PATH'], HOME: dir, KUBECONFIG: kubeconfig }, timeout: 15_000 }, () => resolve());
  });
  const pods = (s: FakeApiServer, from: number) => s.requests.slice(from).filter((q) => /^\/api\/v1\/(namespaces\/[^/]+\/)?pods(\/|$)/.test(q.path));
  const hits = [...pods(a, before.a).map((q) => ({ context: 'ctx-a', path: q.path })), ...pods(b, before.b).map((q) => ({ context: 'ctx-b', path: q.path }))];
  expect(hits.length, `kubectl ${argv.join(' ')} asked for no pods`).toBeGreaterThan(0);
  const first = hits[0] ?? { context: '?', path: '' };
  expect(new Set(hits.map((h) => h.context)).size).toBe(1);
  const ns = /^\/api\/v1\/namespaces\/([^/]+)\/pods/.exec(first.path)?.[1];
  return { context: first.context, namespace: ns === undefined ? '*' : decodeURIComponent(ns) };
}

const CASES: string[][] = [
  ['--context', 'ctx-b', 'get', 'pods', '-o', 'name'],
  ['get', 'pods', '-o', 'name', '--context', 'ctx-b'],
  ['--context=ctx-a', 'get', 'pods', '--context=ctx-b', '-o', 'name'],
  ['--context', 'ctx-b', 'get', 'pods', '--context', 'ctx-a', '-o', 'name'],
  ['-o', 'name', '--context', 'ctx-b', 'get', 'pods'],
  ['--context', 'ctx-a', '-l', '--context=ctx-b', 'get', 'pods', '-o', 'name'],
  ['--context', 'ctx-a', 'get', 'pods', '-o', 'name', '--', '--context=ctx-b'],
  ['-nfoo', '--context', 'ctx-a', 'get', 'pods', '-o', 'name'],
  ['-n=foo', '--context', 'ctx-a', 'get', 'pods', '-o', 'name'],
  ['--namespace', 'x', '--context', 'ctx-a', 'get', 'pods', '-n', 'y', '-o', 'name'],
  ['--context', 'ctx-a', 'get', '-n', 'foo', 'pods', '-n', 'bar', '-o', 'name'],
  ['--context', 'ctx-b', 'get', 'pods', '-o', 'name'],
  ['--context', 'ctx-b', 'get', 'pods', '-n', '', '-o', 'name'],
  ['--context', 'ctx-a', 'get', 'pods', '--all_namespaces', '-o', 'name'],
  ['--context', 'ctx-a', 'get', 'pods', '-An', 'foo', '-o', 'name'],
  ['--context', 'ctx-a', 'get', 'pods', '--all-namespaces=false', '-n', 'foo', '-o', 'name'],
  ['--context', 'ctx-a', 'get', 'pods', '-oname', '-nfoo'],
  ['--context', 'ctx-a', 'get', 'pods', '--show-kind', '-n', 'foo', '-o', 'name'],
];

describe('the guard reads argv as the real kubectl does', () => {
  it.each(CASES.map((c) => [c.join(' '), c] as const))('kubectl %s', async (_, argv) => {
    const want = await kubectlReading([...argv]);
    expect(guardReading([...argv])).toEqual(want);
  });
});
