// The real pty path: a pty (@lydell/node-pty) running a fake `kubectl` that execs a real
// interactive /bin/sh, read through a real @xterm/headless screen.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPtyShellLauncher, POD_SHELL_SCRIPT, type PtyShellSession } from '../src/adapters/pty/pty-shell.js';
import { TerminalScreen } from '../src/adapters/pty/terminal-screen.js';
import { loadPty, tryLoadPty } from '../src/adapters/pty/load-pty.js';
import { pidAlive, snapshotText, waitFor } from './fakes/shell/helpers.js';

const FAKE_KUBECTL = join(import.meta.dirname, 'fakes', 'shell', 'kubectl');

let dir: string;
let log: string;
const open: { session: PtyShellSession; screen: TerminalScreen; exited: Promise<number | null> }[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ivol-pty-'));
  log = join(dir, 'kubectl.log');
});

afterEach(async () => {
  for (const { session, screen, exited } of open.splice(0)) {
    session.kill();
    await exited;
    screen.dispose();
    expect(pidAlive(session.pid)).toBe(false);
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function openShell(cols = 80, rows = 24) {
  const launcher = createPtyShellLauncher({
    context: 'kind-ivol',
    namespace: 'ivol',
    kubectl: FAKE_KUBECTL,
    env: { ...process.env, FAKE_KUBECTL_LOG: log },
  });
  const session = (await launcher.open({ pod: 'image-volume', container: 'shell', cols, rows })) as PtyShellSession;
  const screen = await TerminalScreen.create(cols, rows);
  session.onData((d) => screen.write(d));
  screen.onReply((r) => session.write(r));
  const exited = new Promise<number | null>((resolve) => session.onExit((e) => resolve(e.exitCode)));
  const entry = { session, screen, exited };
  open.push(entry);
  await waitFor(() => snapshotText(screen.snapshot()).includes('pod$'), 'the prompt');
  return entry;
}

const text = (screen: TerminalScreen): string => snapshotText(screen.snapshot());

function childArgs(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'args=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return '';
  }
}

describe('pty shell through a fake kubectl', () => {
  it('loads @lydell/node-pty', async () => {
    const r = await loadPty();
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.from).toBe('@lydell/node-pty');
  });

  it('spawns kubectl exec -it with the pod shell script, TERM and the size from the start', async () => {
    rmSync(log, { force: true });
    const { screen } = await openShell(91, 27);
    expect(text(screen)).toContain('fake-kubectl size: 27 91 term: xterm-256color');
    const argv = readFileSync(log, 'utf8').split('\n--end--\n')[0].split('\n');
    expect(argv).toEqual([
      '--context', 'kind-ivol', '-n', 'ivol', 'exec', '-it', 'image-volume', '-c', 'shell',
      '--', 'sh', '-c', POD_SHELL_SCRIPT,
    ]);
  });

  it('round-trips keystrokes', async () => {
    const { session, screen } = await openShell();
    session.write('echo h""i\r');
    await waitFor(() => /^hi$/m.test(text(screen)), '"hi" on its own line');
  });

  it('delivers Ctrl-C to the shell, not to the tour', async () => {
    const { session, screen } = await openShell();
    session.write('sleep 30; echo slept\r');
    await waitFor(() => childArgs(session.pid).includes('sleep 30'), 'sleep to run');
    const t0 = Date.now();
    session.write('\x03');
    // The line discipline drops typeahead on ^C (as in any terminal): wait for it to act.
    await waitFor(() => !childArgs(session.pid).includes('sleep 30'), 'sleep to be interrupted');
    session.write('echo after-$((6*7))\r');
    await waitFor(() => text(screen).includes('after-42'), 'the shell to run the next command');
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(text(screen)).not.toContain('\nslept');
    expect(childArgs(session.pid)).not.toContain('sleep 30');
  });

  it('answers the terminal queries of the shell (cursor position)', async () => {
    const { session, screen } = await openShell();
    // printf a DSR query, read the reply in raw mode and echo it visibly.
    session.write(`stty raw -echo; printf '\\033[6n'; r=$(dd bs=1 count=6 2>/dev/null | od -An -c | tr -d ' \\n'); stty sane; echo "R=$r"\r`);
    await waitFor(() => /R=033\[\d+;\d+R/.test(text(screen)), 'the cursor position report to reach the shell');
  });

  it('resizes the pty: stty size changes inside', async () => {
    const { session, screen } = await openShell(80, 24);
    session.resize(100, 30);
    screen.resize(100, 30);
    session.write('stty size\r');
    await waitFor(() => /^30 100$/m.test(text(screen)), '"30 100"');
  });

  it('detects the exit, ignores resize and write after it, and opens again', async () => {
    const { session } = await openShell();
    const code = new Promise<number | null>((resolve) => session.onExit((e) => resolve(e.exitCode)));
    session.write('exit 3\r');
    expect(await code).toBe(3);
    expect(session.exited).toBe(true);
    expect(() => session.resize(120, 40)).not.toThrow();
    expect(() => session.write('x')).not.toThrow();
    // A listener attached after the exit still hears of it.
    expect(await new Promise((resolve) => session.onExit((e) => resolve(e.exitCode)))).toBe(3);
    const again = await openShell();
    again.session.write('echo again-$((1+1))\r');
    await waitFor(() => text(again.screen).includes('again-2'), 'the reopened shell to answer');
  });

  it('kill ends the child (idempotent)', async () => {
    const { session, exited } = await openShell();
    expect(pidAlive(session.pid)).toBe(true);
    session.kill();
    session.kill();
    await exited;
    await waitFor(() => !pidAlive(session.pid), 'the child to be gone');
    expect(() => session.resize(10, 10)).not.toThrow();
  });

  it('rejects with code NO_PTY when no pty module loads', async () => {
    const launcher = createPtyShellLauncher({
      context: 'kind-ivol',
      namespace: 'ivol',
      kubectl: FAKE_KUBECTL,
      load: () => tryLoadPty(['ivol-no-such-pty-a', 'ivol-no-such-pty-b']),
    });
    const err = await launcher.open({ pod: 'p', container: 'c', cols: 80, rows: 24 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as { code?: string }).code).toBe('NO_PTY');
    expect((err as Error).message).toMatch(/ivol-no-such-pty-a.*ivol-no-such-pty-b/);
  });
});
