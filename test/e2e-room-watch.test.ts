// `ivol-tour room watch` end to end: the built binary in a real pty against the fake API
// server holding a room of 3 seats. The table shows the seats, a seat's ConfigMap written
// meanwhile appears (through one watch for the room), q quits with status 0 and the terminal
// is given back (alternate screen left, cursor shown, cooked mode: `stty -a` afterwards in the
// same terminal), and the watch is closed. In between the server drops the watch and fails for
// a while: the header says so, and the watch comes back by itself. SIGTERM: status 143, the
// terminal given back, the watch closed. Then the errors a trainer can make: no terminal, a
// context that is not in the kubeconfig, a bad room name: one line each, exit 2.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeKubeconfig, type WrittenKubeconfig } from './fake-apiserver/kubeconfig.js';
import { startFakeApiServer, type FakeApiServer } from './fake-apiserver/server.js';
import { BIN, runCli } from './helpers/cli.js';
import { descendants, startPty, type PtyApp } from './helpers/pty-app.js';

const ENTER_ALT = '\x1b[?1049h';
const LEAVE_ALT = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';

let server: FakeApiServer;
let other: FakeApiServer;
let kubeconfig: WrittenKubeconfig;
let stateDir: string;
let app: PtyApp | undefined;

const labels = (seat: string): Record<string, string> => ({ 'app.kubernetes.io/managed-by': 'ivol-tour', 'ivol-tour/room': 'ws', 'ivol-tour/seat': seat });
function putSeat(seat: string, data: Record<string, string>): void {
  const ns = `ivol-ws-${seat}`;
  const body = { metadata: { name: 'ivol-tour-progress', namespace: ns, labels: labels(seat) }, data };
  if (server.store.has('configmaps', ns, 'ivol-tour-progress')) server.store.replace('configmaps', ns, 'ivol-tour-progress', body);
  else server.store.create('configmaps', ns, body, false);
}

function systemTool(name: string): string {
  const found = ['/usr/bin', '/bin', '/usr/local/bin'].map((d) => join(d, name)).find((p) => existsSync(p));
  if (!found) throw new Error(`${name} is needed for this test`);
  return found;
}

beforeAll(async () => {
  server = await startFakeApiServer({ name: 'room' });
  other = await startFakeApiServer({ name: 'other' });
  kubeconfig = writeKubeconfig({ tourServer: server.url, tourContext: 'trainer', otherServer: other.url });
  stateDir = mkdtempSync(join(tmpdir(), 'ivol-room-watch-'));
});
afterEach(() => {
  app?.kill();
  app = undefined;
});
afterAll(async () => {
  await server.close();
  await other.close();
  rmSync(kubeconfig.dir, { recursive: true, force: true });
  rmSync(stateDir, { recursive: true, force: true });
});

describe('room watch (built binary, real pty, fake API server)', () => {
  it('shows the 3 seats, follows a seat\'s update, and q quits leaving the terminal sane', async () => {
    const since = new Date(Date.now() - 90_000).toISOString();
    putSeat('01', { step: 'inspect', stepIndex: '4', steps: '9', status: 'pending', stepSince: since });
    putSeat('02', { step: 'create-cluster', stepIndex: '2', steps: '9', status: 'running', stepSince: since });
    putSeat('03', {});
    const start = server.requests.length;
    // The trainer's kubeconfig given with --kubeconfig (the environment names none that exists).
    const script = `"${process.execPath}" "${BIN}" room watch --kubeconfig "${kubeconfig.path}" --context trainer --name ws --lang en; echo "EXIT=$?"; "${systemTool('stty')}" -a; echo "STTY-DONE"; "${systemTool('sleep')}" 60`;
    app = startPty('/bin/sh', ['-c', script], { KUBECONFIG: join(stateDir, 'no-such-kubeconfig'), IVOL_TOUR_STATE_DIR: stateDir, NO_COLOR: '1' }, 80, 24);
    let screen = await app.waitFor((s) => s.includes('● live') && /^01 +4\/9 inspect +reading +1m/m.test(s) && /^03 +– +not started/m.test(s), 20_000);
    expect(screen).toContain('Room "ws" on trainer');
    expect(screen).toContain('3 seats · 0 done · 0 stuck · 1 not started');
    expect(screen).toMatch(/^02 +2\/9 create-cluster +running/m);

    // An attendee's tour writes its progress: it shows, stuck seats first.
    putSeat('03', { step: 'pod-mounts', stepIndex: '5', steps: '9', status: 'failed', cause: 'the artifact was not found', stepSince: new Date().toISOString() });
    screen = await app.waitFor((s) => /^03 +5\/9 pod-mounts +failed +<1m +the artifact was not found/m.test(s), 10_000);
    const rows = screen.split('\n').filter((l) => /^0\d {2}/.test(l)).map((l) => l.slice(0, 2));
    expect(rows).toEqual(['03', '01', '02']);
    expect(screen).toContain('3 seats · 0 done · 1 stuck · 0 not started');
    // One list and one watch for the room, whatever the number of seats.
    const made = server.requests.slice(start).filter((r) => r.path.includes('configmaps'));
    expect(made.map((r) => (r.watch ? 'watch' : 'list'))).toEqual(['list', 'watch']);

    expect(server.openWatches()).toBe(1);

    // The API server drops the watch and fails for a while: the header says so and counts down;
    // a write made meanwhile shows once the watch is back.
    server.fail({ status: 503, paths: /^\/api\/v1\/configmaps/, count: 2 });
    server.dropWatches();
    screen = await app.waitFor((s) => s.includes('✗ connection lost') && /Reconnecting in \d+ s \(the table shows the last state seen\)\. The watch dropped: /.test(s), 10_000);
    putSeat('01', { step: 'clean-up', stepIndex: '9', steps: '9', status: 'passed', stepSince: new Date().toISOString() });
    screen = await app.waitFor((s) => s.includes('● live') && /^01 +9\/9 clean-up +passed/m.test(s), 15_000);
    expect(screen).toContain('3 seats · 1 done · 1 stuck · 0 not started');
    expect(server.openWatches()).toBe(1);

    // ? explains the keys and what "stuck" means; any key goes back to the table.
    app.press('?');
    screen = await app.waitFor((s) => s.includes('stuck: the seat\'s step failed, or one step has been running for 5 min or more'), 10_000);
    expect(screen).toMatch(/^\? +this help: the keys and what the table says/m);
    app.press('j');
    await app.waitFor((s) => /^01 +9\/9 clean-up +passed/m.test(s) && !s.includes('stuck: the seat'), 10_000);

    app.press('q');
    screen = await app.waitFor((s) => s.includes('EXIT=') && s.includes('STTY-DONE'), 10_000);
    expect(screen).toContain('EXIT=0');
    const output = app.output();
    const tail = output.slice(output.lastIndexOf(ENTER_ALT));
    expect(tail).toContain(LEAVE_ALT);
    expect(tail.slice(tail.indexOf(LEAVE_ALT) - 20)).toContain(SHOW_CURSOR);
    expect(app.onAlternateScreen()).toBe(false);
    expect(screen).toMatch(/(^|\s)icanon(\s|$)/m);
    expect(screen).toMatch(/(^|\s)echo(\s|$)/m);
    expect(screen).toMatch(/(^|\s)isig(\s|$)/m);
    // The server (this process) hears of the closed connection a moment after the exit.
    await expect.poll(() => server.openWatches(), { timeout: 10_000 }).toBe(0);
    // The current context (someone else's cluster) was never asked.
    expect(other.requests).toHaveLength(0);
  }, 60_000);

  it('SIGTERM ends it with status 143, the terminal given back and the watch closed', async () => {
    putSeat('01', { step: 'inspect', stepIndex: '4', steps: '9', status: 'pending', stepSince: new Date().toISOString() });
    const script = `"${process.execPath}" "${BIN}" room watch --context trainer --name ws --lang en; echo "EXIT=$?"; "${systemTool('stty')}" -a; echo "STTY-DONE"; "${systemTool('sleep')}" 60`;
    app = startPty('/bin/sh', ['-c', script], { KUBECONFIG: kubeconfig.path, IVOL_TOUR_STATE_DIR: stateDir, NO_COLOR: '1' }, 80, 24);
    await app.waitFor((s) => s.includes('● live') && /^01 +4\/9 inspect/m.test(s), 20_000);
    expect(server.openWatches()).toBe(1);
    const shell = app.pid;
    const watchPid = descendants(shell).find((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('room');
      } catch {
        return false;
      }
    });
    expect(watchPid).toBeDefined();
    process.kill(watchPid as number, 'SIGTERM');
    const screen = await app.waitFor((s) => s.includes('EXIT=') && s.includes('STTY-DONE'), 10_000);
    expect(screen).toContain('EXIT=143');
    const output = app.output();
    const tail = output.slice(output.lastIndexOf(ENTER_ALT));
    expect(tail).toContain(LEAVE_ALT);
    expect(app.onAlternateScreen()).toBe(false);
    expect(screen).toMatch(/(^|\s)icanon(\s|$)/m);
    expect(screen).not.toMatch(/\n\s+at /);
    // The server (this process) hears of the closed connection a moment after the exit.
    await expect.poll(() => server.openWatches(), { timeout: 10_000 }).toBe(0);
  }, 60_000);

  it('says what is wrong in one line, with exit status 2: no terminal, an unknown context, a bad room name, no --context', async () => {
    const env = { KUBECONFIG: kubeconfig.path, LANG: 'C' };
    const noTty = await runCli(['room', 'watch', '--context', 'trainer', '--name', 'ws'], env);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr.trim()).toBe('room watch draws a live table and needs a terminal. `ivol-tour room status --json` prints the seats once.');

    app = startPty(process.execPath, [BIN, 'room', 'watch', '--context', 'nowhere', '--name', 'ws'], { ...env, IVOL_TOUR_STATE_DIR: stateDir }, 100, 24);
    expect((await app.exited).exitCode).toBe(2);
    expect(app.output()).toContain('Cannot watch room "ws" on nowhere: context "nowhere" not found in the kubeconfig. Check the context with `kubectl --context nowhere get ns`.');
    expect(app.output()).not.toContain(ENTER_ALT);
    expect(app.output()).not.toMatch(/\n\s+at /);

    const bad = await runCli(['room', 'watch', '--context', 'trainer', '--name', 'Bad_Name'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Bad_Name/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(2); // the problem, and where to read the usage

    const none = await runCli(['room', 'watch', '--name', 'ws'], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--context NAME');
    expect(other.requests).toHaveLength(0);
  }, 60_000);
});
