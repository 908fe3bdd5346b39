// The no-pty fallback: the shell runs on the tour's own terminal.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runShellFullScreen } from '../src/adapters/pty/fullscreen-shell.js';
import { tryLoadPty } from '../src/adapters/pty/load-pty.js';
import { waitFor } from './fakes/shell/helpers.js';

it('returns the exit code and puts the signal listeners back', async () => {
  const onInt = (): void => {};
  process.on('SIGINT', onInt);
  try {
    const during: number[] = [];
    const run = runShellFullScreen(['sh', '-c', 'exit 5']);
    during.push(process.listeners('SIGINT').includes(onInt) ? 1 : 0);
    expect(await run).toBe(5);
    expect(during).toEqual([0]);
    expect(process.listeners('SIGINT')).toContain(onInt);
  } finally {
    process.off('SIGINT', onInt);
  }
});

it('gives 127 when the program does not exist, 128+n when killed', async () => {
  expect(await runShellFullScreen(['/nonexistent/ivol-kubectl'])).toBe(127);
  expect(await runShellFullScreen(['sh', '-c', 'kill -TERM $$'])).toBe(128 + 15);
});

it('reports why no pty module loads', async () => {
  const r = await tryLoadPty(['ivol-missing-pty'], (name) => import(name) as Promise<unknown>);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.reason).toContain('ivol-missing-pty');
  const bad = await tryLoadPty(['x'], () => Promise.resolve({ notSpawn: 1 }));
  expect(bad).toEqual({ ok: false, reason: 'x: no spawn() export' });
  const good = await tryLoadPty(['a', 'b'], (name) => (name === 'a' ? Promise.reject(new Error('boom')) : Promise.resolve({ default: { spawn: () => null } })));
  expect(good.ok && good.from).toBe('b');
});

it('a signal to the tour while the full-screen shell runs ends the shell too (SIGTERM, then SIGKILL)', async () => {
  const { requestShutdown, resetShutdownForTests } = await import('../src/app/shutdown.js');
  const saved = process.exitCode;
  const dir = mkdtempSync(join(tmpdir(), 'ivol-fullscreen-'));
  const ready = join(dir, 'ready');
  resetShutdownForTests();
  try {
    // The shell ignores SIGTERM: only the SIGKILL after the grace ends it.
    const run = runShellFullScreen(['sh', '-c', `trap '' TERM; : > "${ready}"; while :; do sleep 0.05; done`]);
    await waitFor(() => existsSync(ready), 'the shell to ignore SIGTERM');
    const started = performance.now();
    await requestShutdown('SIGTERM', { report: () => undefined });
    expect(await run).toBe(128 + 9);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1900);
  } finally {
    resetShutdownForTests();
    process.exitCode = saved;
    rmSync(dir, { recursive: true, force: true });
  }
}, 15_000);
