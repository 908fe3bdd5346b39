// The interactive tour in a real terminal, real mode, on a machine played by the fakes: the
// fake API server (watches open), fake docker and kind, and `kubectl exec -it` answered by the
// fake pod shell (test/fakes/bin/kubectl-exec-shell) in the tour's pty. Issue 8:
// - SIGTERM and SIGINT with the pod shell open: the tour exits with 143 / 130, the terminal is
//   given back (alternate screen left, cursor shown, cooked mode: `stty -a` in the same
//   terminal afterwards), the shell's process and the API watches are gone;
// - q with the watches (and the shell) open: the process is gone within 2 s of the terminal
//   being given back (it lingered 10–26 s on keep-alive sockets);
// - a crash (an uncaught exception, an unhandled rejection) while `kind create cluster` runs:
//   the terminal is given back, one line says what happened and what to do, no stack trace,
//   status 1, and kind and its child are gone.
import { pageToAction } from './helpers/beats.js';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeKubeconfig } from './fake-apiserver/kubeconfig.js';
import { startFakeApiServer, type FakeApiServer } from './fake-apiserver/server.js';
import { FAKE_BIN, fakeEnv } from './fakes/env.js';
import { BIN } from './helpers/cli.js';
import { descendants, startPty, startPtyApp, type PtyApp } from './helpers/pty-app.js';
import { alive, killLeftovers, pidFrom, recordTiming, waitUntil } from './helpers/signals.js';

const ENTER_ALT = '\x1b[?1049h';
const LEAVE_ALT = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';
const STACK_TRACE = /\n\s+at /;
const CRASH_PRELOAD = join(import.meta.dirname, 'fakes', 'crash-preload.mjs');

const servers: FakeApiServer[] = [];
const dirs: string[] = [];
const pids = new Set<number>();
let app: PtyApp | undefined;

afterEach(async () => {
  app?.kill();
  app = undefined;
  killLeftovers(pids);
  pids.clear();
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Machine {
  readonly tour: FakeApiServer;
  readonly env: Record<string, string>;
  readonly pidDir: string;
  readonly dir: string;
}

/**
 * The tour's cluster (kind-ivol) answered by the fake API server; the current context is
 * someone else's (never asked). `kubectl exec -it` runs the fake pod shell; every other
 * kubectl call runs the real kubectl.
 */
async function machine(o: { clusterExists?: boolean; hang?: string; debug?: boolean; crash?: 'uncaught' | 'rejection' } = {}): Promise<Machine> {
  const tour = await startFakeApiServer({ name: 'tour' });
  const other = await startFakeApiServer({ name: 'other' });
  servers.push(tour, other);
  const fe = fakeEnv({ tools: ['docker', 'kind'] });
  dirs.push(fe.dir);
  const kc = writeKubeconfig({ tourServer: tour.url, otherServer: other.url, dir: fe.dir });
  const realKubectl = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p)) ?? 'kubectl';
  const wrapper = join(fe.dir, 'bin', 'kubectl');
  writeFileSync(wrapper, `#!/bin/sh\nfor a in "$@"; do [ "$a" = "-it" ] && exec "${process.execPath}" "${join(FAKE_BIN, 'kubectl-exec-shell')}" "$@"; done\nexec "${realKubectl}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  const pidDir = join(fe.dir, 'pids');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(fe.env)) if (v !== undefined) env[k] = v;
  Object.assign(env, {
    KUBECONFIG: kc.path,
    IVOL_TOUR_STATE_DIR: join(fe.dir, 'state'),
    IVOL_FAKE_PID_DIR: pidDir,
    IVOL_FAKE_CLUSTERS: o.clusterExists === false ? '' : 'ivol',
    IVOL_FAKE_HANG: o.hang ?? '',
    // Without it a forced exit says nothing; with it, it says so (the tests prove there is none).
    IVOL_TOUR_DEBUG: o.debug === false ? '' : '1',
    LANG: 'C.UTF-8',
    LC_ALL: '',
    NODE_OPTIONS: o.crash ? `--import=${CRASH_PRELOAD}` : '',
    IVOL_TEST_CRASH: o.crash ?? '',
    IVOL_TEST_CRASH_TRIGGER: join(fe.dir, 'crash-now'),
  });
  mkdirSync(pidDir);
  return { tour, env, pidDir, dir: fe.dir };
}

/** The tour under the shell that started it (its node process). */
function tourUnder(shellPid: number): number | undefined {
  return descendants(shellPid).find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('ivol-tour.js');
    } catch {
      return false;
    }
  });
}

/** A program of the system (the fakes' PATH holds only the fakes and node). */
function systemTool(name: string): string {
  const found = ['/usr/bin', '/bin', '/usr/local/bin'].map((d) => join(d, name)).find((p) => existsSync(p));
  if (!found) throw new Error(`${name} is needed for this test`);
  return found;
}

/** The tour in `sh -c`, then its exit status and `stty -a` in the same terminal. */
function startInShell(m: Machine, args: string[]): PtyApp {
  const script = `"${process.execPath}" "${BIN}" ${args.join(' ')}; echo "EXIT=$?"; "${systemTool('stty')}" -a; echo "STTY-DONE"; "${systemTool('sleep')}" 60`;
  return startPty('/bin/sh', ['-c', script], m.env, 100, 30);
}

/** Everything the terminal was sent after the tour last entered the alternate screen. */
function afterLastEnter(output: string): string {
  return output.slice(output.lastIndexOf(ENTER_ALT));
}

function expectTerminalGivenBack(a: PtyApp, screen: string): void {
  const tail = afterLastEnter(a.output());
  expect(tail).toContain(LEAVE_ALT);
  expect(tail.slice(tail.indexOf(LEAVE_ALT) - 20)).toContain(SHOW_CURSOR);
  expect(a.onAlternateScreen()).toBe(false);
  // Cooked mode with echo and signals: what a shell prompt needs (raw mode is off).
  expect(screen).toMatch(/(^|\s)icanon(\s|$)/m);
  expect(screen).toMatch(/(^|\s)echo(\s|$)/m);
  expect(screen).toMatch(/(^|\s)isig(\s|$)/m);
}

/** Waits for the step view, the four API watches and the pod shell open in its pane. */
async function openShell(a: PtyApp, m: Machine): Promise<number> {
  await a.waitFor('Explore /volume', 20_000);
  await waitUntil(() => m.tour.openWatches() >= 4, 'the four API watches', 20_000);
  a.press('s');
  await a.waitFor((s) => s.includes('root@') && s.includes('Ctrl-] to leave'), 20_000);
  const shellPid = await pidFrom(join(m.pidDir, 'kubectl-exec.pid'));
  pids.add(shellPid);
  expect(alive(shellPid)).toBe(true);
  return shellPid;
}

describe('the interactive tour in real mode ends cleanly on signals, quit and crashes', () => {
  for (const [signal, status] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    it(`${signal} with the pod shell open: exit ${status}, terminal given back, shell and watches gone`, async () => {
      const m = await machine();
      app = startInShell(m, ['--lang', 'en', '--step', 'explore-shell']);
      const shellPid = await openShell(app, m);
      const tourPid = tourUnder(app.pid);
      expect(tourPid).toBeDefined();
      if (tourPid === undefined) return;
      pids.add(tourPid);
      const t0 = performance.now();
      process.kill(tourPid, signal);
      const screen = await app.waitFor((s) => s.includes('EXIT=') && s.includes('STTY-DONE'), 10_000);
      const ms = performance.now() - t0;
      recordTiming(`TUI, shell open: ${signal} to exit (seen by the shell)`, ms);
      expect(screen).toContain(`EXIT=${status}`);
      expectTerminalGivenBack(app, screen);
      expect(alive(shellPid), `the pod shell (pid ${shellPid}) outlived the tour`).toBe(false);
      expect(alive(tourPid)).toBe(false);
      await waitUntil(() => m.tour.openWatches() === 0, 'the watches to close', 10_000);
      expect(app.output()).not.toContain('forced exit');
      expect(ms).toBeLessThan(3000);
    }, 90_000);
  }

  it('q with the API watches open: the process is gone within 2 s of the terminal being given back', async () => {
    const m = await machine();
    app = startPtyApp(['--lang', 'en', '--step', 'explore-shell'], m.env, 100, 30);
    await app.waitFor('Explore /volume', 20_000);
    await waitUntil(() => m.tour.openWatches() >= 4, 'the four API watches', 20_000);
    const a = app;
    const before = afterLastEnter(a.output()).length;
    a.press('q');
    const restoredAt = await waitUntil(() => (afterLastEnter(a.output()).slice(before - 1).includes(LEAVE_ALT) ? performance.now() : null), 'the terminal given back', 5000, 2);
    const exit = await a.exited;
    const lingered = performance.now() - restoredAt;
    recordTiming('TUI, watches open: q, terminal given back to exit', lingered);
    expect(exit.exitCode).toBe(0);
    expect(lingered).toBeLessThan(2000);
    await waitUntil(() => m.tour.openWatches() === 0, 'the watches to close', 10_000);
  }, 90_000);

  it('q (and yes) with the pod shell open: the shell ends, the process is gone within 2 s of the terminal being given back', async () => {
    const m = await machine();
    app = startPtyApp(['--lang', 'en', '--step', 'explore-shell'], m.env, 100, 30);
    const shellPid = await openShell(app, m);
    const a = app;
    a.press('\x1d');
    await a.waitFor('s to enter the shell');
    a.press('q');
    await a.waitFor('The shell in pod image-volume is still open. Quit and close it?');
    a.press('y');
    const restoredAt = await waitUntil(() => (afterLastEnter(a.output()).includes(LEAVE_ALT) ? performance.now() : null), 'the terminal given back', 5000, 2);
    const exit = await a.exited;
    const lingered = performance.now() - restoredAt;
    recordTiming('TUI, watches and shell open: q, terminal given back to exit', lingered);
    expect(exit.exitCode).toBe(0);
    expect(lingered).toBeLessThan(2000);
    expect(alive(shellPid)).toBe(false);
    await waitUntil(() => m.tour.openWatches() === 0, 'the watches to close', 10_000);
  }, 90_000);

  for (const crash of ['uncaught', 'rejection'] as const) {
    it(`a crash (${crash === 'uncaught' ? 'an uncaught exception' : 'an unhandled rejection'}) while kind runs: terminal given back, one line, status 1, kind gone`, async () => {
      const m = await machine({ clusterExists: false, hang: 'create', debug: false, crash });
      app = startInShell(m, ['--lang', 'en', '--step', 'create-cluster']);
      await app.waitFor('· Create a cluster', 20_000); // the step pane's title: the step is selected
      await app.waitFor((s) => s.includes('Enter') && !s.includes('Loading'), 20_000);
      await pageToAction(app);
      app.press('\r');
      const kind = await pidFrom(join(m.pidDir, 'kind-create.pid'), 30_000);
      const child = await pidFrom(join(m.pidDir, 'kind-create-child.pid'));
      pids.add(kind);
      pids.add(child);
      writeFileSync(m.env['IVOL_TEST_CRASH_TRIGGER'] ?? '', '');
      const screen = await app.waitFor((s) => s.includes('EXIT=') && s.includes('STTY-DONE'), 15_000);
      expect(screen).toContain('EXIT=1');
      expectTerminalGivenBack(app, screen);
      const after = app.output().slice(app.output().lastIndexOf(LEAVE_ALT));
      const message = after.split(/\r?\n/).filter((l) => l.includes('internal error'));
      expect(message).toHaveLength(1);
      expect(message[0]).toContain(`test crash: ${crash === 'uncaught' ? 'an exception nobody caught' : 'a promise nobody handled'}`);
      expect(message[0]).toContain('Run it again to continue');
      expect(after).not.toMatch(STACK_TRACE);
      expect(alive(kind), `kind (pid ${kind}) outlived the crash`).toBe(false);
      expect(alive(child), `kind's child (pid ${child}) outlived the crash`).toBe(false);
    }, 90_000);
  }
});
