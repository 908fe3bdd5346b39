// Signals to the headless commands, end to end: the built tour in real mode, with a fake
// `kind` that hangs (test/fakes/bin/hang.mjs) and starts a child of its own, both writing
// their pids. SIGINT, SIGTERM, SIGHUP, a Ctrl-C on the terminal and a second Ctrl-C: the tour
// exits with the signal's status, and by then the hanging kind and its child are gone (by
// pid), also when they ignore SIGINT and SIGTERM. Issue 8, "Processes, signals and the terminal".
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeEnv, type FakeEnv } from './fakes/env.js';
import { startPtyApp, type PtyApp } from './helpers/pty-app.js';
import { alive, killLeftovers, pidFrom, recordTiming, startCli, waitUntil, type RunningCli } from './helpers/signals.js';

const STACK_TRACE = /\n\s+at /;
/** The escalation's grace (command-runner.ts KILL_GRACE_MS). */
const GRACE_MS = 2000;

const dirs: string[] = [];
const pids = new Set<number>();
const clis: RunningCli[] = [];
let pty: PtyApp | undefined;

afterEach(() => {
  for (const c of clis.splice(0)) c.kill();
  pty?.kill();
  pty = undefined;
  killLeftovers(pids);
  pids.clear();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Setup {
  readonly fe: FakeEnv;
  readonly env: NodeJS.ProcessEnv;
  readonly pidDir: string;
}

/** A machine with fake docker and kind (kind hangs on `hang`), the real kubectl, a clean state dir. */
function machine(hang: 'create' | 'version' | 'get', ignore: string[] = []): Setup {
  const fe = fakeEnv({
    tools: ['docker', 'kind', 'kubectl-logged'],
    extra: {
      IVOL_FAKE_HANG: hang,
      IVOL_FAKE_HANG_IGNORE: ignore.join(','),
      // cleanup finds the tour's cluster, then hangs asking kind about it.
      IVOL_FAKE_CLUSTERS: hang === 'get' ? 'ivol' : '',
    },
  });
  dirs.push(fe.dir);
  const pidDir = join(fe.dir, 'pids');
  mkdirSync(pidDir);
  const state = mkdtempSync(join(tmpdir(), 'ivol-signals-'));
  dirs.push(state);
  const env: NodeJS.ProcessEnv = {
    ...fe.env,
    IVOL_FAKE_PID_DIR: pidDir,
    IVOL_TOUR_STATE_DIR: state,
    // A forced exit would say so (shutdown.ts): the tests prove the tour ends by itself.
    IVOL_TOUR_DEBUG: '1',
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
  };
  return { fe, env, pidDir };
}

/** Waits until the hanging kind and its child are ready (signals already set aside); their pids. */
async function hanging(s: Setup, sub: string): Promise<{ kind: number; child: number }> {
  const kind = await pidFrom(join(s.pidDir, `kind-${sub}.pid`), 30_000);
  const child = await pidFrom(join(s.pidDir, `kind-${sub}-child.pid`));
  pids.add(kind);
  pids.add(child);
  expect(alive(kind) && alive(child)).toBe(true);
  return { kind, child };
}

interface Outcome {
  readonly code: number | null;
  /** ms from the signal to the tour's exit. */
  readonly exitMs: number;
}

/** Sends the signal, waits for the exit; the hanging processes must be gone by then. */
async function signalAndWait(what: string, cli: RunningCli, signal: NodeJS.Signals, victims: { kind: number; child: number }, boundMs: number): Promise<Outcome> {
  const t0 = performance.now();
  process.kill(cli.pid, signal);
  const timeout = new Promise<never>((_, reject) => {
    const timer = setTimeout(() => reject(new Error(`the tour did not exit within ${boundMs} ms of ${signal}\n${cli.stderr()}`)), boundMs);
    void cli.exited.then(() => clearTimeout(timer));
  });
  const exit = await Promise.race([cli.exited, timeout]);
  // By the time the tour has exited, nothing it started runs any more.
  expect(alive(victims.kind), `kind (pid ${victims.kind}) outlived the tour`).toBe(false);
  expect(alive(victims.child), `kind's child (pid ${victims.child}) outlived the tour`).toBe(false);
  const err = cli.stderr();
  expect(err).toContain(`ivol-tour: ${signal}: stopping what the tour started`);
  expect(err).not.toContain('forced exit');
  expect(err).not.toMatch(STACK_TRACE);
  recordTiming(`${what}: ${signal} to exit`, exit.at - t0);
  return { code: exit.code, exitMs: exit.at - t0 };
}

const cases: { name: string; args: string[]; hang: 'create' | 'version' | 'get' }[] = [
  { name: 'run --yes (a hanging kind create cluster)', args: ['run', '--yes'], hang: 'create' },
  { name: 'doctor (a hanging kind version)', args: ['doctor'], hang: 'version' },
  { name: 'cleanup --yes (a hanging kind get clusters)', args: ['cleanup', '--yes'], hang: 'get' },
];

describe('signals to the headless commands end what they started (by pid), with the signal\'s status', () => {
  for (const c of cases) {
    it(`${c.name}: SIGINT → 130, kind and its child gone at once`, async () => {
      const s = machine(c.hang);
      const cli = startCli(c.args, s.env);
      clis.push(cli);
      const victims = await hanging(s, c.hang);
      const o = await signalAndWait(c.name, cli, 'SIGINT', victims, 10_000);
      expect(o.code).toBe(130);
      // The child dies on SIGINT: no escalation grace is waited for.
      expect(o.exitMs).toBeLessThan(GRACE_MS);
    }, 60_000);

    it(`${c.name}: SIGTERM → 143, even when kind and its child ignore SIGINT and SIGTERM (SIGKILL)`, async () => {
      const s = machine(c.hang, ['SIGINT', 'SIGTERM']);
      const cli = startCli(c.args, s.env);
      clis.push(cli);
      const victims = await hanging(s, c.hang);
      const o = await signalAndWait(`${c.name}, ignoring SIGINT/SIGTERM`, cli, 'SIGTERM', victims, 15_000);
      expect(o.code).toBe(143);
      // SIGTERM is passed on first; SIGKILL follows after one grace.
      expect(o.exitMs).toBeGreaterThanOrEqual(GRACE_MS - 100);
      expect(o.exitMs).toBeLessThan(2 * GRACE_MS + 1000);
    }, 60_000);
  }

  it('run: SIGINT to children that ignore SIGINT and SIGTERM: SIGINT, SIGTERM, then SIGKILL; 130', async () => {
    const s = machine('create', ['SIGINT', 'SIGTERM']);
    const cli = startCli(['run', '--yes'], s.env);
    clis.push(cli);
    const victims = await hanging(s, 'create');
    const o = await signalAndWait('run, ignoring SIGINT/SIGTERM', cli, 'SIGINT', victims, 15_000);
    expect(o.code).toBe(130);
    expect(o.exitMs).toBeGreaterThanOrEqual(2 * GRACE_MS - 100);
    expect(o.exitMs).toBeLessThan(3 * GRACE_MS);
    expect(cli.stderr()).toContain('[4/12] create-cluster stopped (SIGINT)');
    // Nothing after the interrupted step ran (clean-up would delete the cluster).
    expect(s.fe.calls().filter((x) => x.tool === 'kind').map((x) => x.argv[0])).not.toContain('delete');
  }, 60_000);

  it('run: SIGHUP (the terminal went away) → 129, kind and its child gone', async () => {
    const s = machine('create');
    const cli = startCli(['run', '--yes'], s.env);
    clis.push(cli);
    const victims = await hanging(s, 'create');
    const o = await signalAndWait('run', cli, 'SIGHUP', victims, 10_000);
    expect(o.code).toBe(129);
  }, 60_000);

  it('run: a second SIGINT while stopping kills what is left at once; nothing survives', async () => {
    const s = machine('create', ['SIGINT', 'SIGTERM']);
    const cli = startCli(['run', '--yes'], s.env);
    clis.push(cli);
    const victims = await hanging(s, 'create');
    const t0 = performance.now();
    process.kill(cli.pid, 'SIGINT');
    await waitUntil(() => cli.stderr().includes('stopping what the tour started'), 'the stopping notice', 5000);
    process.kill(cli.pid, 'SIGINT');
    const exit = await cli.exited;
    recordTiming('run, ignoring SIGINT/SIGTERM: first SIGINT to exit, with a second SIGINT', exit.at - t0);
    expect(exit.code).toBe(130);
    expect(exit.at - t0).toBeLessThan(GRACE_MS);
    // SIGKILL was sent to their group before the tour exited; it cannot be refused (the
    // kernel may take a moment to carry it out on a busy machine).
    await waitUntil(() => !alive(victims.kind) && !alive(victims.child), 'kind and its child to be gone', 5000, 5);
  }, 60_000);

  it('run in a terminal: Ctrl-C (SIGINT to the foreground process group) → 130, kind and its child gone', async () => {
    const s = machine('create');
    const env = Object.fromEntries(Object.entries(s.env).filter((e): e is [string, string] => e[1] !== undefined));
    // Nothing from the test's own environment may point the tour at a real cluster.
    env['KUBECONFIG'] = join(s.fe.dir, 'kubeconfig');
    pty = startPtyApp(['run', '--yes'], env, 100, 30);
    const victims = await hanging(s, 'create');
    const t0 = performance.now();
    pty.press('\x03');
    const exit = await pty.exited;
    const ms = performance.now() - t0;
    recordTiming('run in a terminal: Ctrl-C to exit', ms);
    expect(exit.exitCode).toBe(130);
    expect(pty.output()).toContain('stopping what the tour started');
    expect(pty.output()).not.toContain('forced exit');
    expect(alive(victims.kind)).toBe(false);
    expect(alive(victims.child)).toBe(false);
    expect(ms).toBeLessThan(GRACE_MS);
  }, 60_000);

  it('run: a crash (an unhandled rejection) while kind runs: one line with the next action, no stack trace, status 1, kind and its child gone', async () => {
    const s = machine('create');
    const trigger = join(s.fe.dir, 'crash-now');
    const cli = startCli(['run', '--yes'], {
      ...s.env,
      IVOL_TOUR_DEBUG: '',
      NODE_OPTIONS: `--import=${join(import.meta.dirname, 'fakes', 'crash-preload.mjs')}`,
      IVOL_TEST_CRASH: 'rejection',
      IVOL_TEST_CRASH_TRIGGER: trigger,
    });
    clis.push(cli);
    const victims = await hanging(s, 'create');
    writeFileSync(trigger, '');
    const exit = await cli.exited;
    expect(exit.code).toBe(1);
    expect(alive(victims.kind)).toBe(false);
    expect(alive(victims.child)).toBe(false);
    const lines = cli.stderr().split('\n').filter((l) => l.includes('internal error'));
    expect(lines).toEqual(['ivol-tour stopped on an internal error: test crash: a promise nobody handled. Run it again to continue; IVOL_TOUR_DEBUG=1 shows the details (please report it).']);
    expect(cli.stderr()).not.toMatch(STACK_TRACE);
  }, 60_000);
});
