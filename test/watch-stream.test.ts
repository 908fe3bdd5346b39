// One watch stream over node:http against a small local server: data is signalled without
// being kept, an HTTP error is reported as what it was, close() ends the connection at once
// (the server sees it go), and a silent connection ends after the idle timeout.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openWatchStream } from '../src/adapters/kube/watch-stream.js';
import { waitUntil } from './helpers/signals.js';

const servers: { close(): void; closeAllConnections(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

async function server(handle: (res: ServerResponse, closed: () => void) => void): Promise<{ url: URL; closedConnections: () => number }> {
  let closed = 0;
  const s = createServer((req, res) => {
    req.on('close', () => closed++);
    handle(res, () => closed);
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { url: new URL(`http://127.0.0.1:${(s.address() as AddressInfo).port}/api/v1/nodes?watch=true`), closedConnections: () => closed };
}

describe('watch stream', () => {
  it('signals every chunk, ends cleanly when the server ends it', async () => {
    const srv = await server((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"type":"ADDED"}\n');
      setTimeout(() => res.end('{"type":"MODIFIED"}\n'), 50);
    });
    let data = 0;
    let opened = false;
    const ended = await new Promise<Error | null>((resolve) => {
      openWatchStream({ url: srv.url, options: {}, idleTimeoutMs: 5000, onOpen: () => (opened = true), onData: () => data++, onEnd: resolve });
    });
    expect(ended).toBeNull();
    expect(opened).toBe(true);
    expect(data).toBeGreaterThanOrEqual(2);
  });

  it('an HTTP error is what it was: the status, its name and the server\'s message', async () => {
    const srv = await server((res) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', status: 'Failure', message: 'etcdserver: request timed out', code: 500 }));
    });
    const ended = await new Promise<Error | null>((resolve) => {
      openWatchStream({ url: srv.url, options: {}, idleTimeoutMs: 5000, onData: () => undefined, onEnd: resolve });
    });
    expect(ended?.message).toBe('500 Internal Server Error: etcdserver: request timed out');
  });

  it('close() ends the connection at once (the server sees it) and reports nothing', async () => {
    const srv = await server((res) => {
      res.writeHead(200);
      res.write('{"type":"ADDED"}\n');
    });
    let ends = 0;
    let opened = false;
    const w = openWatchStream({ url: srv.url, options: {}, idleTimeoutMs: 60_000, onOpen: () => (opened = true), onData: () => undefined, onEnd: () => ends++ });
    await waitUntil(() => opened, 'the watch to open', 5000);
    w.close();
    await waitUntil(() => srv.closedConnections() === 1, 'the server to see the connection close', 2000);
    expect(ends).toBe(0);
  });

  it('a connection that stays silent past the idle timeout ends with an error', async () => {
    const srv = await server((res) => {
      res.writeHead(200);
      res.flushHeaders();
    });
    const ended = await new Promise<Error | null>((resolve) => {
      openWatchStream({ url: srv.url, options: {}, idleTimeoutMs: 200, onData: () => undefined, onEnd: resolve });
    });
    expect(ended?.message).toBe('no data for 200 ms');
  });
});
