// The shutdown (src/app/shutdown.ts) with the real registries: a signal to the tour ends every
// process group the runner started and every pty, and nothing new starts afterwards. In a
// file of its own: once the tour is ending, this process's runner and pty refuse new work.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createProcessRunner, runningCount } from '../src/adapters/process/command-runner.js';
import { livePtyCount, spawnPtySession } from '../src/adapters/pty/pty-shell.js';
import { requestShutdown, resetShutdownForTests } from '../src/app/shutdown.js';
import { alive, waitUntil } from './helpers/signals.js';

const savedExitCode = process.exitCode;
afterAll(() => {
  resetShutdownForTests();
  process.exitCode = savedExitCode;
  vi.restoreAllMocks();
});

describe('a signal to the tour, with commands and a pty running', () => {
  it('ends every group (from the signal received) and every pty, then refuses new ones', async () => {
    // A forced exit would end the test worker: it must not happen (and is not expected).
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const runner = createProcessRunner({ graceMs: 300 });
    let out = '';
    const stubborn = runner.run(
      { argv: ['sh', '-c', "trap 'echo got-INT' INT; trap 'echo got-TERM' TERM; echo \"pid $$\"; while :; do sleep 0.02; done"], timeoutMs: 60_000 },
      (t) => (out += t),
    );
    const pty = await spawnPtySession('/bin/sh', ['-c', 'echo ready; exec sleep 60'], { cols: 80, rows: 24 });
    await waitUntil(() => /pid \d+/.test(out), 'the command to start');
    const pid = Number(/pid (\d+)/.exec(out)?.[1]);
    expect(runningCount()).toBe(1);
    expect(livePtyCount()).toBe(1);

    await requestShutdown('SIGTERM', { report: () => undefined });
    const r = await stubborn;
    expect(r.cancelled).toBe(true);
    expect(out).toContain('got-TERM'); // SIGTERM first, never SIGINT; then SIGKILL
    expect(out).not.toContain('got-INT');
    expect(alive(pid)).toBe(false);
    expect(pty.exited).toBe(true);
    expect(alive(pty.pid)).toBe(false);
    expect(runningCount()).toBe(0);
    expect(livePtyCount()).toBe(0);
    expect(process.exitCode).toBe(143);

    // Nothing starts once the tour is ending.
    expect(await runner.run({ argv: ['sh', '-c', 'echo never'], timeoutMs: 1000 }, () => undefined)).toEqual({ exitCode: null, timedOut: false, cancelled: true });
    await expect(spawnPtySession('/bin/sh', ['-c', 'true'], { cols: 80, rows: 24 })).rejects.toThrow('ending');
    expect(exit).not.toHaveBeenCalled();
  }, 20_000);
});
