// What a seat writes and what the trainer's side makes of it (engine/room-progress.ts), what a
// seat's kubectl read refused with 403 becomes (forbidden-read.ts), and what --kubeconfig reads
// from a seat's file (kubeconfig-file.ts). A seat's ConfigMap is written with the attendee's
// credentials: nothing in it reaches the trainer's terminal unchecked.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forbiddenReads, kubectlOnlyReads } from '../src/adapters/cluster/real/forbidden-read.js';
import { kubeconfigDefaults } from '../src/adapters/kube/kubeconfig-file.js';
import { cleanText, isStuck, orderSeats, parseProgress, progressData, STUCK_RUNNING_MS, type SeatProgress } from '../src/engine/room-progress.js';
import { seatKubeconfig } from '../src/engine/room.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const cm = (ns: string, data: Record<string, unknown>, seat = ns.slice(-2)): unknown => ({ metadata: { name: 'ivol-tour-progress', namespace: ns, labels: { 'ivol-tour/seat': seat } }, data });

describe('a seat\'s progress ConfigMap', () => {
  it('round-trips what the seat wrote', () => {
    const data = progressData({ step: 'verify', stepIndex: 8, steps: 12, status: 'failed', check: 'dir-file', cause: { key: 'check.notVisible.nodes' }, passed: 7, mode: 'byoc' }, { causeText: 'the nodes', stepSince: 1_000_000, now: 1_060_000 });
    const p = parseProgress(cm('ivol-ws-03', data));
    expect(p).toEqual({ seat: '03', namespace: 'ivol-ws-03', status: 'failed', step: 'verify', stepIndex: 8, steps: 12, check: 'dir-file', cause: 'the nodes', causeRef: { key: 'check.notVisible.nodes' }, passed: 7, stepSince: 1_000_000, updated: 1_060_000 });
  });

  it.each([
    ['an escape sequence', { status: 'running', step: 'verify\u001b[2J\u001b]0;pwned\u0007' }, { step: 'verify [2J ]0;pwned' }],
    ['a bidi override', { status: 'running', cause: 'ok\u202egnp.exe' }, { cause: 'ok gnp.exe' }],
    ['an unknown status', { status: 'hacked' }, { status: 'waiting' }],
    ['a huge number', { status: 'running', stepIndex: '99999999' }, { stepIndex: undefined }],
    ['a cause reference that is not one', { status: 'failed', causeRef: '{"key":"x; rm -rf /"}' }, { causeRef: undefined }],
    ['a date that is not one', { status: 'running', stepSince: 'yesterday' }, { stepSince: undefined }],
  ])('cleans %s', (_what, data, expected) => {
    const p = parseProgress(cm('ivol-ws-01', data)) as SeatProgress;
    for (const [k, v] of Object.entries(expected)) expect(p[k as keyof SeatProgress]).toEqual(v);
  });

  it('is not one without a namespace, and long text is cut', () => {
    expect(parseProgress({ metadata: { name: 'x' }, data: {} })).toBeNull();
    expect(parseProgress('nope')).toBeNull();
    expect(cleanText('x'.repeat(1000)).length).toBe(300);
  });

  it('orders stuck seats first (failed, or running too long), the longest first, then by seat', () => {
    const now = 10_000_000;
    const seat = (s: string, status: SeatProgress['status'], since: number): SeatProgress => ({ seat: s, namespace: `ivol-ws-${s}`, status, stepSince: now - since });
    const seats = [seat('01', 'passed', 0), seat('02', 'running', STUCK_RUNNING_MS + 1), seat('03', 'failed', 1000), seat('04', 'running', 1000), seat('05', 'failed', 60_000)];
    expect(orderSeats(seats, now).map((s) => s.seat)).toEqual(['02', '05', '03', '01', '04']);
    expect(isStuck(seats[3], now)).toBe(false);
  });
});

describe('a kubectl read the seat may not make', () => {
  it('is recognised only when every error is a 403 refusal', () => {
    const forbidden = 'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:ivol-ws-01:ivol-tour-seat" cannot list resource "pods" in API group "" in the namespace "kube-system"\n';
    expect(forbiddenReads(forbidden)).toEqual(['list pods in kube-system']);
    expect(forbiddenReads('Error from server (Forbidden): nodes is forbidden: User "u" cannot list resource "nodes" in API group "" at the cluster scope\n')).toEqual(['list nodes']);
    expect(forbiddenReads(`${forbidden}error: the server doesn't have a resource type "podz"\n`)).toBeNull();
    expect(forbiddenReads('The connection to the server 127.0.0.1:1 was refused\n')).toBeNull();
    expect(kubectlOnlyReads(['-n', 'kube-system', 'get', 'nodes,pods'])).toBe(true);
    expect(kubectlOnlyReads(['delete', 'pod', 'x'])).toBe(false);
    expect(kubectlOnlyReads(['exec', 'x', '--', 'ls'])).toBe(false);
  });
});

describe('--kubeconfig FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ivol-kc-'));
  dirs.push(dir);

  it('reads a seat\'s context and namespace', () => {
    const file = join(dir, 'seat-07.kubeconfig');
    writeFileSync(file, seatKubeconfig({ room: 'ws', seat: '07', cluster: { server: 'https://127.0.0.1:6443' }, token: 't', expires: 'x' }), { mode: 0o600 });
    expect(kubeconfigDefaults(file)).toEqual({ ok: true, context: 'ivol-ws-07', namespace: 'ivol-ws-07', contexts: 1 });
  });

  it('says what is wrong with a file that is not a kubeconfig', () => {
    expect(kubeconfigDefaults(join(dir, 'missing'))).toEqual({ ok: false, error: 'no such file' });
    expect(kubeconfigDefaults(dir)).toMatchObject({ ok: false, error: 'not a file (directory)' });
    const bad = join(dir, 'bad');
    writeFileSync(bad, 'a: [');
    expect(kubeconfigDefaults(bad)).toMatchObject({ ok: false });
    const none = join(dir, 'none');
    writeFileSync(none, 'apiVersion: v1\nkind: Config\n');
    expect(kubeconfigDefaults(none)).toEqual({ ok: true, contexts: 0 });
  });
});
