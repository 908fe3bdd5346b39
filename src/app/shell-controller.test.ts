// The shell controller with a fake shell session (the test plays the shell): it opens the
// session at the pane's size, turns output into screen snapshots (the real emulator), forwards
// input, records, reports the end and failures as events, falls back to the full-screen shell
// when no pty module loads, and ends everything on dispose.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeShellSession } from '../../test/fakes/shell/fake-session.js';
import { waitFor } from '../../test/fakes/shell/helpers.js';
import { OwnershipError, type ShellLauncher, type ShellRequest } from '../adapters/ports.js';
import type { Refusal } from '../engine/ownership.js';
import { ShellController, type ShellEvent, type ShellRecorder, type ShellSnapshot } from './shell-controller.js';

const controllers: ShellController[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of controllers.splice(0)) await c.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Fixture {
  readonly shells: ShellController;
  readonly sessions: FakeShellSession[];
  readonly requests: ShellRequest[];
  readonly events: ShellEvent[];
}

function fixture(launcher: Partial<ShellLauncher> = {}, more: { recorder?: () => ShellRecorder; transcriptDir?: string } = {}): Fixture {
  const sessions: FakeShellSession[] = [];
  const requests: ShellRequest[] = [];
  const shells = new ShellController({
    launcher: {
      open: (request) => {
        requests.push(request);
        const s = new FakeShellSession();
        sessions.push(s);
        return Promise.resolve(s);
      },
      ...launcher,
    },
    transcriptDir: more.transcriptDir ?? '/nonexistent/transcripts',
    lang: () => 'en',
    home: '/home/learner',
    ...(more.recorder ? { recorder: more.recorder } : {}),
  });
  controllers.push(shells);
  const events: ShellEvent[] = [];
  shells.on((e) => events.push(e));
  return { shells, sessions, requests, events };
}

const REQUEST = { stepId: 'explore-shell', pod: 'image-volume', container: 'shell', cols: 40, rows: 5 };

function text(snapshot: ShellSnapshot | null): string {
  return (snapshot?.screen?.lines ?? []).map((l) => l.map((s) => s.text).join('')).join('\n');
}

describe('ShellController', () => {
  it('opens the shell at the given size and shows its screen; snapshots are kept until something changes', async () => {
    const f = fixture();
    const seen: (ShellSnapshot | null)[] = [];
    f.shells.subscribe(() => seen.push(f.shells.getSnapshot()));
    const opened = f.shells.open(REQUEST);
    expect(f.shells.getSnapshot()?.status).toMatchObject({ stepId: 'explore-shell', pod: 'image-volume', container: 'shell', phase: 'opening', exit: null });
    await opened;
    expect(f.requests).toEqual([{ pod: 'image-volume', container: 'shell', cols: 40, rows: 5 }]);
    expect(f.shells.getSnapshot()?.status.phase).toBe('running');
    f.sessions[0]?.output('root@image-volume:/# ');
    await waitFor(() => text(f.shells.getSnapshot()).includes('root@image-volume:/#'), 'the prompt on the screen');
    const snapshot = f.shells.getSnapshot();
    expect(snapshot?.screen).toMatchObject({ cols: 40, rows: 5 });
    // The same object until the next change: React's useSyncExternalStore needs that.
    expect(f.shells.getSnapshot()).toBe(snapshot);
    expect(seen.length).toBeGreaterThan(1);
  });

  it('opening the open shell again opens nothing; the shell of another step ends the one before', async () => {
    const f = fixture();
    await f.shells.open(REQUEST);
    await f.shells.open(REQUEST);
    expect(f.requests).toHaveLength(1);
    await f.shells.open({ ...REQUEST, stepId: 'other' });
    expect(f.requests).toHaveLength(2);
    expect(f.sessions[0]?.killed).toBe(1);
    expect(f.shells.getSnapshot()?.status.stepId).toBe('other');
  });

  it('forwards typed bytes while the shell runs, resizes it, and reports its end once the screen shows it', async () => {
    const f = fixture();
    await f.shells.open(REQUEST);
    const session = f.sessions[0];
    f.shells.write('ls\r');
    f.shells.resize(60, 10);
    f.shells.resize(60, 10);
    expect(session?.written).toBe('ls\r');
    expect(session?.resizes).toEqual([[60, 10]]);
    session?.output('bye\r\n');
    session?.exit(3);
    await waitFor(() => f.events.some((e) => e.type === 'ended'), 'the end');
    expect(f.events).toContainEqual({ type: 'ended', stepId: 'explore-shell', exit: { exitCode: 3 } });
    expect(f.shells.getSnapshot()?.status).toMatchObject({ phase: 'ended', exit: { exitCode: 3 } });
    expect(text(f.shells.getSnapshot())).toContain('bye');
    // Nothing goes to a shell that has ended, and its size no longer follows the pane.
    f.shells.write('x');
    f.shells.resize(50, 8);
    expect(session?.written).toBe('ls\r');
    expect(session?.resizes).toEqual([[60, 10]]);
    // Opening it again opens a new shell.
    await f.shells.open(REQUEST);
    expect(f.requests).toHaveLength(2);
    expect(f.shells.getSnapshot()?.status.phase).toBe('running');
  });

  it('scrolls back through what the shell printed, and back to the live view', async () => {
    const f = fixture();
    await f.shells.open(REQUEST);
    f.sessions[0]?.output(Array.from({ length: 12 }, (_, i) => `line ${i}`).join('\r\n'));
    await waitFor(() => text(f.shells.getSnapshot()).includes('line 11'), 'the last line');
    f.shells.scrollTo(3);
    expect(f.shells.getSnapshot()?.screen?.offset).toBe(3);
    expect(text(f.shells.getSnapshot())).toContain('line 4');
    expect(text(f.shells.getSnapshot())).not.toContain('line 11');
    f.shells.scrollTo(0);
    expect(text(f.shells.getSnapshot())).toContain('line 11');
  });

  it('records output, input and resizes; t again saves; the path is shown from ~', async () => {
    const events: string[] = [];
    const recorder: ShellRecorder = {
      start: (cols, rows) => {
        events.push(`start:${cols}x${rows}`);
        return '/home/learner/.local/share/ivol-tour/transcripts/a.cast';
      },
      output: (d) => void events.push(`o:${d}`),
      input: (d) => void events.push(`i:${d}`),
      resize: (c, r) => void events.push(`r:${c}x${r}`),
      stop: () => Promise.resolve('/home/learner/.local/share/ivol-tour/transcripts/a.cast'),
    };
    const f = fixture({}, { recorder: () => recorder });
    await f.shells.open(REQUEST);
    f.shells.toggleRecording();
    expect(f.shells.getSnapshot()?.status.recording).toBe('~/.local/share/ivol-tour/transcripts/a.cast');
    f.sessions[0]?.output('uid=0(root)');
    f.shells.write('id\r');
    f.shells.resize(50, 8);
    f.shells.toggleRecording();
    await waitFor(() => f.events.some((e) => e.type === 'recordingSaved'), 'the save');
    f.sessions[0]?.output('not recorded');
    expect(events).toEqual(['start:40x5', 'o:uid=0(root)', 'i:id\r', 'r:50x8']);
    expect(f.events).toEqual([
      { type: 'recordingStarted', path: '~/.local/share/ivol-tour/transcripts/a.cast' },
      { type: 'recordingSaved', path: '~/.local/share/ivol-tour/transcripts/a.cast' },
    ]);
    expect(f.shells.getSnapshot()?.status.recording).toBeNull();
  });

  it('a recording is saved as an asciicast file when the shell ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ivol-shell-ctl-'));
    dirs.push(dir);
    const f = fixture({}, { transcriptDir: join(dir, 'transcripts') });
    await f.shells.open(REQUEST);
    f.shells.toggleRecording();
    f.sessions[0]?.output('hello from the pod\r\n');
    f.sessions[0]?.exit(0);
    await waitFor(() => f.events.some((e) => e.type === 'recordingSaved'), 'the save');
    const [file] = readdirSync(join(dir, 'transcripts'));
    const lines = readFileSync(join(dir, 'transcripts', file ?? ''), 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ version: 2, width: 40, height: 5, title: 'ivol-tour: image-volume/shell' });
    expect(lines.slice(1).some((l) => l.includes('hello from the pod'))).toBe(true);
  });

  it('a recording cannot start without a running shell, and says why it could not start', async () => {
    const failing: ShellRecorder = {
      start: () => {
        throw new Error('disk full');
      },
      output: () => undefined,
      input: () => undefined,
      resize: () => undefined,
      stop: () => Promise.resolve(undefined),
    };
    const f = fixture({}, { recorder: () => failing });
    f.shells.toggleRecording();
    expect(f.events).toEqual([]);
    await f.shells.open(REQUEST);
    f.shells.toggleRecording();
    expect(f.events).toEqual([{ type: 'recordingFailed', error: 'disk full' }]);
  });

  it('a shell that does not open is forgotten and says why; a refusal in the refusal\'s words', async () => {
    const f = fixture({ open: () => Promise.reject(new Error('pod not running')) });
    await f.shells.open(REQUEST);
    expect(f.shells.getSnapshot()).toBeNull();
    expect(f.events).toEqual([{ type: 'openFailed', stepId: 'explore-shell', message: { key: 'ui.notice.shellFailed', params: { error: 'pod not running' } } }]);

    const refusal: Refusal = { rule: 'ownership.notOurs', params: { object: 'Pod default/image-volume' } };
    const g = fixture({ open: () => Promise.reject(new OwnershipError(refusal, 'not ours')) });
    await g.shells.open(REQUEST);
    expect(g.events).toEqual([{ type: 'openFailed', stepId: 'explore-shell', message: { key: 'diag.ownership.notOurs.cause', params: { object: 'Pod default/image-volume' } } }]);
  });

  it('no pty module: the shell runs full-screen on the terminal the UI lends, then the tour is back', async () => {
    const noPty = Object.assign(new Error('no pty module'), { code: 'NO_PTY' });
    const log: string[] = [];
    const f = fixture({
      open: () => Promise.reject(noPty),
      runFullScreen: (request) => {
        log.push(`run ${request.pod}/${request.container}: ${request.reason}`);
        return Promise.resolve(0);
      },
    });
    f.shells.lendTerminal(async (work) => {
      log.push('suspended');
      await work();
      log.push('resumed');
    });
    await f.shells.open(REQUEST);
    expect(log).toEqual(['suspended', 'run image-volume/shell: no pty module', 'resumed']);
    expect(f.events).toEqual([{ type: 'fullScreenEnded' }]);
    expect(f.shells.getSnapshot()).toBeNull();

    const g = fixture({ open: () => Promise.reject(noPty) });
    await g.shells.open(REQUEST);
    expect(g.events).toEqual([{ type: 'fullScreenFailed', error: 'This mode has no full-screen shell.' }]);
  });

  it('dispose ends the shell, and no shell opens after it', async () => {
    const f = fixture();
    await f.shells.open(REQUEST);
    await f.shells.dispose();
    expect(f.sessions[0]?.killed).toBe(1);
    expect(f.shells.getSnapshot()).toBeNull();
    await f.shells.open(REQUEST);
    expect(f.requests).toHaveLength(1);
  });

  it('a shell that opens after it was replaced is ended at once', async () => {
    let release: (() => void) | undefined;
    const late = new FakeShellSession();
    const f = fixture({
      open: (request) => {
        if (request.pod === 'slow') return new Promise((resolve) => (release = () => resolve(late)));
        return Promise.resolve(new FakeShellSession());
      },
    });
    const first = f.shells.open({ ...REQUEST, pod: 'slow' });
    await f.shells.open({ ...REQUEST, stepId: 'other' });
    release?.();
    await first;
    expect(late.killed).toBe(1);
    expect(f.shells.getSnapshot()?.status.stepId).toBe('other');
  });
});
