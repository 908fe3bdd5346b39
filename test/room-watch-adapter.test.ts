// The room's one watch (adapters/kube/progress-watch.ts through room-api.ts) against the fake
// API server: one list and one watch request for the whole room (never a request per seat),
// changes applied as they come, and after the server drops the connection or fails, a
// reconnect from the last version seen that misses nothing (and says it was lost).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoomApi, type RoomApi } from '../src/adapters/kube/room-api.js';
import { parseProgress } from '../src/engine/room-progress.js';
import { startFakeApiServer, type FakeApiServer } from './fake-apiserver/server.js';
import { writeKubeconfig, type WrittenKubeconfig } from './fake-apiserver/kubeconfig.js';

const ROOM_LABELS = (room: string, seat: string): Record<string, string> => ({ 'app.kubernetes.io/managed-by': 'ivol-tour', 'ivol-tour/room': room, 'ivol-tour/seat': seat });

/** A seat's progress ConfigMap, created or replaced as the seat's tour writes it. */
function putSeat(server: FakeApiServer, room: string, seat: string, data: Record<string, string>): void {
  const ns = `ivol-${room}-${seat}`;
  const body = { metadata: { name: 'ivol-tour-progress', namespace: ns, labels: ROOM_LABELS(room, seat) }, data };
  if (server.store.has('configmaps', ns, 'ivol-tour-progress')) server.store.replace('configmaps', ns, 'ivol-tour-progress', body);
  else server.store.create('configmaps', ns, body, false);
}

async function until<T>(what: string, get: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the room\'s progress watch against the fake API server', () => {
  let server: FakeApiServer;
  let kubeconfig: WrittenKubeconfig;
  let other: FakeApiServer;

  beforeAll(async () => {
    server = await startFakeApiServer({ name: 'room' });
    other = await startFakeApiServer({ name: 'other' });
    kubeconfig = writeKubeconfig({ tourServer: server.url, tourContext: 'trainer', otherServer: other.url });
  });
  afterAll(async () => {
    await server.close();
    await other.close();
    rmSync(kubeconfig.dir, { recursive: true, force: true });
  });

  it('lists and watches the whole room with one request each, applies changes, and reconnects after a drop or a failure', async () => {
    for (const seat of ['01', '02', '03']) putSeat(server, 'ws', seat, { step: 'inspect', stepIndex: '2', steps: '9', status: 'pending' });
    // Another room's seat and an unlabelled ConfigMap in a seat's namespace: not the room's.
    putSeat(server, 'other', '01', { step: 'x', status: 'running' });
    server.store.create('configmaps', 'ivol-ws-01', { metadata: { name: 'app-config', namespace: 'ivol-ws-01' }, data: { status: 'failed' } }, false);

    const api: RoomApi = createRoomApi({ context: 'trainer', env: { ...process.env, KUBECONFIG: kubeconfig.path } });
    let items: ReadonlyMap<string, unknown> = new Map();
    const statuses: boolean[] = [];
    const errors: { message: string; retryInMs: number }[] = [];
    const seats = (): Record<string, string> =>
      Object.fromEntries([...items.values()].map((o) => parseProgress(o)).flatMap((p) => (p ? [[p.seat, `${p.status}:${p.step ?? ''}`]] : [])));
    const start = server.requests.length;
    const stop = api.followProgress('ws', {
      onChange: (now) => (items = new Map(now)),
      onStatus: (live) => statuses.push(live),
      onError: (message, retryInMs) => errors.push({ message, retryInMs }),
    });
    try {
      await until('live', () => statuses.at(-1) === true);
      expect(seats()).toEqual({ '01': 'pending:inspect', '02': 'pending:inspect', '03': 'pending:inspect' });

      putSeat(server, 'ws', '02', { step: 'pod-mounts', stepIndex: '5', steps: '9', status: 'failed', cause: 'no artifact' });
      await until('seat 02 failed', () => seats()['02'] === 'failed:pod-mounts');
      const made = server.requests.slice(start);
      // One list, one watch, both for the whole room by its labels; nothing per seat.
      expect(made.map((r) => `${r.method} ${r.path} ${r.watch ? 'watch' : 'list'}`)).toEqual(['GET /api/v1/configmaps list', 'GET /api/v1/configmaps watch']);
      expect(decodeURIComponent(made[0]?.query ?? '')).toContain('labelSelector=app.kubernetes.io/managed-by=ivol-tour,ivol-tour/room=ws');

      // The server drops the connection; what changes meanwhile arrives after the reconnect.
      expect(server.dropWatches()).toBe(1);
      putSeat(server, 'ws', '03', { step: 'shell', stepIndex: '8', steps: '9', status: 'running' });
      await until('seat 03 running after the reconnect', () => seats()['03'] === 'running:shell');
      expect(statuses.slice(-2)).toEqual([false, true]);
      // The drop is said (the header shows it until the watch is back).
      expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^the watch on 127\.0\.0\.1:\d+ broke \(aborted\)$/)]);
      const watches = server.requests.slice(start).filter((r) => r.watch);
      expect(watches).toHaveLength(2);
      // The second watch goes on from the version seen (no new list).
      expect(watches[1]?.query).toMatch(/resourceVersion=\d+/);
      expect(server.requests.slice(start).filter((r) => !r.watch)).toHaveLength(1);

      // The server fails for a while: said with the retry's delay, retried with a backoff, then live again.
      server.fail({ status: 503, paths: /^\/api\/v1\/configmaps/, count: 2 });
      server.dropWatches();
      await until('two failures reported', () => errors.length >= 4);
      const failures = errors.slice(2);
      expect(failures.map((e) => e.message)).toEqual([expect.stringContaining('503 Service Unavailable'), expect.stringContaining('503 Service Unavailable')]);
      expect(failures[1]?.retryInMs).toBeGreaterThan(failures[0]?.retryInMs ?? Infinity);
      putSeat(server, 'ws', '01', { step: 'clean-up', stepIndex: '9', steps: '9', status: 'passed' });
      await until('live again with seat 01 passed', () => statuses.at(-1) === true && seats()['01'] === 'passed:clean-up');
      expect(server.openWatches()).toBe(1);
    } finally {
      stop();
      api.dispose();
    }
    await until('the watch closed', () => server.openWatches() === 0);
    expect(other.requests).toHaveLength(0);
  });
});
