import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessRunner, killAllRunning, runningCount } from '../src/adapters/process/command-runner.js';
import type { OutputStream } from '../src/adapters/ports.js';

/** Whether the pid runs (a zombie waiting for its reaper counts as ended). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(stat);
  } catch {
    return true;
  }
}

async function waitFor(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function collector(): { out: string; err: string; on: (t: string, s: OutputStream) => void } {
  const c = { out: '', err: '', on: (t: string, s: OutputStream) => { if (s === 'stdout') c.out += t; else c.err += t; } };
  return c;
}

/** sh that starts a grandchild (sleep) ignoring nothing, prints both pids, then waits. */
const TREE = ['sh', '-c', 'sleep 60 & echo "child $$ grandchild $!"; wait'];

function pidsFrom(out: string): { child: number; grandchild: number } | null {
  const m = /child (\d+) grandchild (\d+)/.exec(out);
  return m ? { child: Number(m[1]), grandchild: Number(m[2]) } : null;
}

const leftovers: number[] = [];
afterEach(() => {
  for (const pid of leftovers.splice(0)) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  }
});

describe('process runner', () => {
  const runner = createProcessRunner({ graceMs: 300 });

  it('streams stdout and stderr and reports the exit code', async () => {
    const c = collector();
    const r = await runner.run({ argv: ['sh', '-c', 'printf "a\\033[32mgreen\\033[0m\\n"; echo oops >&2; exit 3'], timeoutMs: 5000 }, c.on);
    expect(r).toEqual({ exitCode: 3, timedOut: false, cancelled: false });
    expect(c.out).toBe('a\x1b[32mgreen\x1b[0m\n');
    expect(c.err).toBe('oops\n');
  });

  it('decodes multi-byte characters split across chunks', async () => {
    const c = collector();
    // 🖼️ is 4+3 bytes; write the first two bytes, flush, then the rest.
    const r = await runner.run({ argv: ['sh', '-c', "printf '\\360\\237'; sleep 0.05; printf '\\226\\274 ok\\n'"], timeoutMs: 5000 }, c.on);
    expect(r.exitCode).toBe(0);
    expect(c.out).toBe('🖼 ok\n');
  });

  it('passes the environment through and adds the request env', async () => {
    const c = collector();
    const r = await createProcessRunner({ env: { ...process.env, KIND_EXPERIMENTAL_PROVIDER: 'podman' } }).run(
      { argv: ['sh', '-c', 'echo "$KIND_EXPERIMENTAL_PROVIDER $EXTRA"'], env: { EXTRA: 'x' }, timeoutMs: 5000 },
      c.on,
    );
    expect(r.exitCode).toBe(0);
    expect(c.out).toBe('podman x\n');
  });

  it('gives stdin nothing (never reads the terminal)', async () => {
    const c = collector();
    const r = await runner.run({ argv: ['sh', '-c', 'cat; echo done'], timeoutMs: 5000 }, c.on);
    expect(r.exitCode).toBe(0);
    expect(c.out).toBe('done\n');
  });

  it('reports a missing executable as spawnError "not found"', async () => {
    const r = await runner.run({ argv: ['ivol-no-such-tool-xyz', 'version'], timeoutMs: 5000 }, () => undefined);
    expect(r).toEqual({ exitCode: null, timedOut: false, cancelled: false, spawnError: 'not found' });
  });

  it('cancellation ends the whole process group, grandchildren included', async () => {
    const c = collector();
    const ac = new AbortController();
    const p = runner.run({ argv: TREE, timeoutMs: 60_000, signal: ac.signal }, c.on);
    await waitFor(() => pidsFrom(c.out) !== null);
    const pids = pidsFrom(c.out);
    if (!pids) throw new Error('no pids');
    leftovers.push(pids.child, pids.grandchild);
    expect(alive(pids.grandchild)).toBe(true);
    ac.abort();
    const r = await p;
    expect(r.cancelled).toBe(true);
    expect(r.timedOut).toBe(false);
    await waitFor(() => !alive(pids.child) && !alive(pids.grandchild));
    expect(runningCount()).toBe(0);
  });

  it('escalates to SIGTERM and SIGKILL when SIGINT and SIGTERM are ignored', async () => {
    const c = collector();
    const ac = new AbortController();
    const argv = ['sh', '-c', "trap '' INT TERM; sh -c \"trap '' INT TERM; sleep 60\" & echo \"child $$ grandchild $!\"; wait"];
    const p = runner.run({ argv, timeoutMs: 60_000, signal: ac.signal }, c.on);
    await waitFor(() => pidsFrom(c.out) !== null);
    const pids = pidsFrom(c.out);
    if (!pids) throw new Error('no pids');
    leftovers.push(pids.child, pids.grandchild);
    ac.abort();
    const r = await p;
    expect(r.cancelled).toBe(true);
    await waitFor(() => !alive(pids.child) && !alive(pids.grandchild));
  });

  it('a timeout ends the group and reports timedOut', async () => {
    const c = collector();
    // Long enough for sh to start and print the pids before the timeout ends it: with 300 ms, a
    // start delayed on a loaded machine could leave no pids to check. TREE waits 60 s, so the
    // timeout is still what ends it.
    const r = await runner.run({ argv: TREE, timeoutMs: 1000 }, c.on);
    const pids = pidsFrom(c.out);
    if (!pids) throw new Error('no pids');
    leftovers.push(pids.child, pids.grandchild);
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeNull();
    await waitFor(() => !alive(pids.child) && !alive(pids.grandchild));
  });

  it('an already aborted signal starts nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await runner.run({ argv: ['sh', '-c', 'exit 0'], timeoutMs: 1000, signal: ac.signal }, () => undefined);
    expect(r.cancelled).toBe(true);
  });

  it('killAllRunning ends every live group', async () => {
    const a = collector();
    const b = collector();
    const pa = runner.run({ argv: TREE, timeoutMs: 60_000 }, a.on);
    const pb = runner.run({ argv: TREE, timeoutMs: 60_000 }, b.on);
    await waitFor(() => pidsFrom(a.out) !== null && pidsFrom(b.out) !== null);
    const all = [pidsFrom(a.out), pidsFrom(b.out)].flatMap((x) => (x ? [x.child, x.grandchild] : []));
    leftovers.push(...all);
    expect(runningCount()).toBe(2);
    await killAllRunning();
    await Promise.all([pa, pb]);
    await waitFor(() => all.every((pid) => !alive(pid)));
    expect(runningCount()).toBe(0);
  });

  it('killAllRunning(SIGTERM) starts with SIGTERM: SIGINT is never sent (the tour got SIGTERM)', async () => {
    const c = collector();
    const argv = ['sh', '-c', "trap 'echo got-INT' INT; trap 'echo got-TERM; exit 0' TERM; echo ready; while :; do sleep 0.02; done"];
    const p = runner.run({ argv, timeoutMs: 60_000 }, c.on);
    await waitFor(() => c.out.includes('ready'));
    await killAllRunning('SIGTERM');
    const r = await p;
    expect(c.out).toContain('got-TERM');
    expect(c.out).not.toContain('got-INT');
    expect(r.cancelled).toBe(true);
  });

  it('a command that exits leaving a background process in its group: that process is ended too', async () => {
    const c = collector();
    const r = await runner.run({ argv: ['sh', '-c', 'sleep 60 >/dev/null 2>&1 & echo "bg $!"'], timeoutMs: 10_000 }, c.on);
    expect(r.exitCode).toBe(0);
    const bg = Number(/bg (\d+)/.exec(c.out)?.[1]);
    leftovers.push(bg);
    await waitFor(() => !alive(bg));
    await waitFor(() => runningCount() === 0);
  });
});
