// Key flows of the interactive tour, asserted on what the screen shows.
import { runFromActionBeat } from './helpers/beats.js';
import { writeFileSync, mkdirSync, existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, renderTour, tempDir, type Harness } from './helpers/ui.js';
import type { ShellLauncher } from '../src/adapters/ports.js';
import { FakeShellSession } from './fakes/shell/fake-session.js';
import { createFakeAdapters, SNAPSHOT, type FakeAdapters } from './helpers/fake-adapters.js';
import { SHELL_TASKS, tinyTutorial, tinyTutorialWithShellTasks } from './helpers/tiny-tutorial.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

// eslint-disable-next-line no-control-regex
const COLOUR = /\x1b\[(3|4|9|10)\d(;\d+)*m/;

const selected = (frame: string): string => frame.split('\n').find((l) => l.includes('›')) ?? '';

describe('navigation', () => {
  it('j/k and the arrows move between steps', async () => {
    h = renderTour();
    await h.waitFor('SIMULATED');
    expect(selected(h.frame())).toContain('Welcome');
    await h.press('j');
    await h.waitFor((f) => selected(f).includes('Apply the Pod'));
    await h.press(KEYS.down);
    await h.waitFor((f) => selected(f).includes('Verify'));
    await h.press('k');
    await h.waitFor((f) => selected(f).includes('Apply the Pod'));
    await h.press(KEYS.up);
    await h.waitFor((f) => selected(f).includes('Welcome'));
    await h.press(KEYS.up);
    expect(selected(h.frame())).toContain('Welcome');
  });

  it('shows the step text, its files exactly and its commands', async () => {
    h = renderTour();
    await h.waitFor('This tour shows image volumes.');
    await h.press('j');
    const f = await h.waitFor('Files this step writes');
    expect(f).toContain('metadata:');
    expect(f).toContain('  name: image-volume');
    expect(f).toMatch(/\$ kubectl apply -f \/tmp\/ivol-tour-test-work\/pod\.yaml/);
  });
});

describe('running steps', () => {
  it('Enter on an informational step passes it; it stays on screen until Enter moves on (no auto-advance)', async () => {
    h = renderTour();
    let f = await h.waitFor('SIMULATED');
    // Before: Enter marks the step read; nothing promises output or a command.
    expect(f).toMatch(/Enter done /);
    expect(f).toContain('This step runs nothing: it is for reading.');
    expect(f).not.toContain('Press Enter to run the step');
    await h.press(KEYS.enter);
    await h.waitFor((x) => /✓\s+1 Welcome/.test(x));
    // The screen says what Enter does now, and the step stays selected.
    f = await h.waitFor('Enter: next step.');
    expect(selected(f)).toContain('Welcome');
    expect(f).toMatch(/Enter next step/);
    await h.press(KEYS.enter);
    f = await h.waitFor((x) => selected(x).includes('Apply the Pod'));
    expect(f).toMatch(/Enter run/);
  });

  it('Enter runs the step: its output appears, the checks are shown, the pod is in the cluster pane', async () => {
    h = renderTour({ size: { columns: 160, rows: 45 } });
    await h.waitFor('SIMULATED');
    await h.press('j');
    await h.press(KEYS.enter);
    await h.waitFor('ran kubectl apply -f /tmp/ivol-tour-test-work/pod.yaml');
    let f = await h.waitFor('✓ The pod runs');
    expect(f).toContain('$ kubectl apply');
    expect(f).toMatch(/✓\s+2 Apply the Pod/);
    f = await h.waitFor('default/image-volume');
    expect(f).toContain('ivol-control-plane');
    expect(f).toContain('containerd://2.2.0');
    expect(f).toContain('Normal Pulled pod/image-volume');
  });

  it('a failing check shows the message, the hint and the choices; r retries, n skips', async () => {
    const adapters = createFakeAdapters({ execStdout: 'nothing\n' });
    h = renderTour({ adapters, size: { columns: 160, rows: 45 } });
    await h.waitFor('SIMULATED');
    await h.press('j');
    await h.press('j');
    await h.press(KEYS.enter);
    let f = await h.waitFor('✗ /volume/dir/file prints 1');
    expect(f).toContain('Check file-content failed');
    expect(f).toContain('Hint: Is the artifact mounted at /volume?');
    expect(f).toContain('Hint: Look at the events in the cluster pane.');
    expect(f).toContain('r retry');
    expect(f).toMatch(/✗\s+3 Verify/);
    adapters.setExecStdout('1\n');
    await h.press('r');
    f = await h.waitFor((x) => /✓\s+3 Verify/.test(x));
    expect(f).toContain('✓ /volume/dir/file prints 1');
    adapters.setExecStdout('0\n');
    await h.press('c');
    await h.waitFor((x) => /✗\s+3 Verify/.test(x));
    await h.press('n');
    await h.waitFor((x) => /–\s+3 Verify/.test(x));
  });

  it('a running step shows a spinner and can be cancelled with Esc', async () => {
    h = renderTour();
    await h.waitFor('SIMULATED');
    for (let i = 0; i < 3; i++) await h.press('j');
    await h.press(KEYS.enter);
    await h.waitFor(/Running command 1\/1… \d+s/);
    await h.press('x');
    await h.waitFor('Cancelled.');
    expect(h.controller.getState().active).toBeNull();
  });

  it('the running step\'s row names the cancel key when it fits, and is never cut in half at 80 columns', async () => {
    for (const [size, cancelShown] of [[{ columns: 160, rows: 40 }, true], [{ columns: 80, rows: 24 }, false]] as const) {
      h = renderTour({ size });
      await h.waitFor('SIMULATED');
      for (let i = 0; i < 3; i++) await h.press('j');
      await h.press(KEYS.enter);
      const f = await h.waitFor(/Running command 1\/1… \d+s/);
      const row = f.split('\n').find((l) => l.includes('Running command')) ?? '';
      expect(row).toContain('(simulated time)');
      if (cancelShown) expect(row).toContain('Esc/x cancel');
      else expect(row).not.toMatch(/\(simulated time\)\s*…|Esc\/x c…/);
      await h.press('x');
      await h.waitFor('Cancelled.');
      await h.unmount();
    }
  });

  it('a, on a failed step, runs the solution', async () => {
    h = renderTour();
    await h.waitFor('SIMULATED');
    for (let i = 0; i < 3; i++) await h.press('j');
    await h.press(KEYS.enter);
    await h.waitFor('Running command');
    await h.press(KEYS.esc);
    await h.waitFor('Cancelled.');
    h.controller.getState();
    await h.press('a');
    await h.waitFor('Running command');
    expect(h.controller.getState().active?.how).toBe('solve');
    await h.press('x');
  });
});

describe('quit', () => {
  it('q quits at once when nothing runs', async () => {
    h = renderTour();
    await h.waitFor('SIMULATED');
    await h.press('q');
    expect(h.exits).toEqual([0]);
  });

  it('q while a step runs asks first; n goes back, y stops it and quits', async () => {
    h = renderTour();
    await h.waitFor('SIMULATED');
    for (let i = 0; i < 3; i++) await h.press('j');
    await h.press(KEYS.enter);
    await h.waitFor('Running command');
    await h.press('q');
    await h.waitFor('Step "Slow step" is still running. Quit and stop it? (y/n)');
    await h.press('n');
    await h.waitFor('Running command');
    expect(h.exits).toEqual([]);
    await h.press(KEYS.ctrlC);
    await h.waitFor('Quit and stop it?');
    await h.press('y');
    expect(h.exits).toEqual([0]);
    await h.controller.until((s) => s.active === null);
  });
});

describe('help and language', () => {
  it('? lists the keys, including Ctrl-], in the current language', async () => {
    h = renderTour();
    await h.waitFor('SIMULATED');
    await h.press('?');
    let f = await h.waitFor('Ctrl-]');
    expect(f).toContain('leave the shell pane');
    expect(f).toContain('read on, then run the step; once done, the next step');
    await h.press('x');
    await h.waitFor((x) => !x.includes('leave the shell pane'));
    await h.press('L');
    await h.press('?');
    f = await h.waitFor('离开 shell 面板');
    expect(f).toContain('Ctrl-]');
  });

  it('L switches to Chinese and back', async () => {
    h = renderTour();
    await h.waitFor('This tour shows image volumes.');
    await h.press('L');
    const f = await h.waitFor('本教程介绍');
    expect(f).toContain('迷你教程');
    expect(f).toContain('步骤');
    expect(h.controller.getState().facts.lang).toBe('zh-CN');
    await h.press('L');
    await h.waitFor('This tour shows image volumes.');
  });
});

describe('the mode is the session\'s', () => {
  it('simulated: the badge; simulated because the real tools are missing: a notice says so', async () => {
    h = renderTour({ facts: { mode: 'simulated', simulatedBecause: 'toolsMissing' } });
    const f = await h.waitFor('is missing here');
    expect(f).toContain('docker/podman, kind or kubectl');
    expect(f).toContain('the built-in SIMULATED cluster');
    await h.unmount();
    h = renderTour({ facts: { mode: 'simulated' } });
    await h.waitFor('SIMULATED');
    expect(h.frame()).not.toContain('is missing here');
  });

  it('real and bring-your-own: no badge, the header says where the tour acts', async () => {
    h = renderTour({ facts: { mode: 'real' } });
    let f = await h.waitFor('real cluster');
    expect(f).not.toContain('SIMULATED');
    await h.unmount();
    h = renderTour({ facts: { mode: 'byoc', context: 'work' } });
    f = await h.waitFor('your cluster');
    expect(f).not.toContain('SIMULATED');
  });
});

describe('sizes', () => {
  it('80×24: output and cluster are tabs switched with Tab; the focused pane is framed double and marked ▶; titles name Tab only where it goes', async () => {
    h = renderTour({ size: { columns: 80, rows: 24 } });
    // The step view has the focus; Tab goes to the output tab, shown.
    let f = await h.waitFor('Output [Tab] │ Cluster');
    expect(f).toContain('╔═ ▶ Step 1/6');
    expect(f.split('\n')).toHaveLength(24);
    for (const line of f.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    await h.press(KEYS.tab); // the step text -> the output tab
    f = await h.waitFor('╔═ ▶ Output │ Tab: Cluster');
    expect(f).toContain('╭─ Step 1/6');
    await h.press(KEYS.tab); // -> the cluster tab; Tab next goes back to the step view
    f = await h.waitFor('╔═ ▶ Cluster │ Output');
    expect(f).toContain('╭─ Step 1/6 · Welcome [Tab]');
    expect(f).toContain('ivol-control-plane');
  });

  it('wide: output and cluster side by side', async () => {
    h = renderTour({ size: { columns: 160, rows: 45 } });
    const f = await h.waitFor('ivol-control-plane');
    expect(f).toContain('─ Output [Tab] ─');
    expect(f).toContain('─ Cluster ─');
    expect(f.split('\n')).toHaveLength(45);
  });

  it('too small: says how big the terminal must be', async () => {
    h = renderTour({ size: { columns: 50, rows: 15 } });
    const f = await h.waitFor((x) => x.replace(/\s+/g, ' ').includes('at least 60×18'));
    expect(f).toContain('50×15');
    await h.press('q');
    expect(h.exits).toEqual([0]);
  });

  it('NO_COLOR: no colour escapes at all', async () => {
    h = renderTour({ noColor: true, size: { columns: 160, rows: 45 } });
    await h.waitFor('ivol-control-plane');
    await h.press('j');
    await h.press(KEYS.enter);
    await h.waitFor('✓ The pod runs');
    expect(h.rawFrame()).not.toMatch(COLOUR);
  });
});

describe('progress', () => {
  it('saves progress and offers to resume it; n starts fresh', async () => {
    const dir = tempDir();
    h = renderTour({ stateDir: dir, facts: { mode: 'real' } });
    await h.waitFor('Tiny tour');
    await h.press(KEYS.enter);
    await h.waitFor((f) => /✓\s+1 Welcome/.test(f));
    await h.press('j');
    await h.press(KEYS.enter);
    await h.waitFor((f) => /✓\s+2 Apply the Pod/.test(f));
    await h.unmount();

    h = renderTour({ stateDir: dir, facts: { mode: 'real' } });
    let f = await h.waitFor('Welcome back');
    expect(f).toContain('2 of 6 steps done');
    await h.press(KEYS.enter);
    f = await h.waitFor((x) => /✓\s+2 Apply the Pod/.test(x));
    expect(f).toMatch(/✓\s+1 Welcome/);
    await h.unmount();

    h = renderTour({ stateDir: dir, facts: { mode: 'real' } });
    await h.waitFor('Welcome back');
    await h.press('n');
    f = await h.waitFor((x) => !x.includes('Welcome back'));
    expect(f).toMatch(/○\s+2 Apply the Pod/);
  });

  /** Quits, starts again on the same state and resumes (Enter): the frame once the Pod step is rebuilt and Verify selected. */
  async function quitAndResume(dir: string): Promise<string> {
    await h?.unmount();
    const again = renderTour({ stateDir: dir });
    h = again;
    await again.waitFor('rebuilt by fast-forwarding');
    await again.press(KEYS.enter);
    return again.waitFor((x) => /✓\s+2 Apply the Pod/.test(x) && selected(x).includes('Verify'));
  }

  it('simulated resume fast-forwards to the saved step', async () => {
    const dir = tempDir();
    h = renderTour({ stateDir: dir });
    await h.press(KEYS.enter);
    await h.waitFor((f) => /✓\s+1 Welcome/.test(f));
    await h.press('j');
    await h.press(KEYS.enter);
    await h.waitFor((f) => /✓\s+2 Apply the Pod/.test(f));
    const f = await quitAndResume(dir);
    expect(f).toMatch(/✓\s+1 Welcome/);
  });

  it('simulated resume after passing over the first step (j, never run) keeps the progress made after it', async () => {
    const dir = tempDir();
    h = renderTour({ stateDir: dir });
    await h.waitFor('SIMULATED');
    await h.press('j');
    await h.press(KEYS.enter);
    await h.waitFor((f) => /✓\s+2 Apply the Pod/.test(f));
    const f = await quitAndResume(dir);
    // The step passed over is fast-forwarded with the others (the world is rebuilt through it).
    expect(f).toMatch(/✓\s+1 Welcome/);
    // What is saved now still has the Pod step: moving on does not write the progress away.
    await h.press('k');
    await h.waitFor((x) => selected(x).includes('Apply the Pod'));
    const saved = h.progress.load('tiny', 'simulated-ivol');
    expect(saved.kind === 'ok' ? saved.progress.statuses['apply-pod'] : undefined).toBe('passed');
  });

  it('a corrupt progress file is reported, moved aside and replaced', async () => {
    const dir = tempDir();
    const probe = renderTour({ stateDir: dir });
    const path = probe.progress.pathFor('tiny', 'simulated-ivol');
    await probe.unmount();
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '{ this is not json');
    h = renderTour({ stateDir: dir });
    const f = await h.waitFor((x) => x.includes('could not'));
    // The notice wraps in the step pane; a long path may break mid-name: read the pane's text joined.
    const stepText = f.split('\n').map((l) => l.split('║')[1] ?? '').join('');
    expect(stepText).toContain('tiny--simulated-ivol.json.corrupt. Starting fresh.');
    expect(existsSync(`${path}.corrupt`)).toBe(true);
    await h.press(KEYS.enter);
    await h.waitFor((x) => /✓\s+1 Welcome/.test(x));
    await h.waitFor(() => existsSync(path));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ tutorial: 'tiny', statuses: { welcome: 'passed' } });
  });

  it('--step fast-forwards in simulated mode', async () => {
    h = renderTour({ startStep: 'verify' });
    const f = await h.waitFor((x) => selected(x).includes('Verify') && /✓\s+2 Apply the Pod/.test(x));
    expect(f).toMatch(/✓\s+1 Welcome/);
    expect(h.adapters.ran.map((a) => a[0])).toContain('kubectl');
  });

  it('--step only selects in real mode', async () => {
    h = renderTour({ startStep: 'verify', facts: { mode: 'real' } });
    const f = await h.waitFor((x) => selected(x).includes('Verify'));
    expect(f).toMatch(/○\s+2 Apply the Pod/);
    expect(h.adapters.ran).toEqual([]);
  });
});

describe('cluster pane', () => {
  it('updates when the watch reports a change', async () => {
    const adapters = createFakeAdapters();
    h = renderTour({ adapters, size: { columns: 160, rows: 45 } });
    await h.waitFor('ivol-control-plane');
    adapters.setSnapshot({ ...SNAPSHOT, pods: [{ ...SNAPSHOT.pods[0], metadata: { name: 'another-pod', namespace: 'default' } }] });
    await h.waitFor('default/another-pod');
  });
});

describe('shell', () => {
  it('s on a step without a shell says where the shell is; on the shell step a failure is shown', async () => {
    h = renderTour();
    await h.waitFor('SIMULATED');
    await h.press('s');
    await h.waitFor('The shell is in step 5 “Explore”.');
    for (let i = 0; i < 4; i++) await h.press('j');
    await h.press('s');
    await h.waitFor('Could not open the shell: no shells in this test');
  });
});

/** Fake adapters whose shell opens as `session`, or fails with the error given (and runs full-screen with `runFullScreen`). */
function adaptersWithShell(session: FakeShellSession | Error, runFullScreen?: ShellLauncher['runFullScreen']): FakeAdapters {
  const open = (): Promise<FakeShellSession> => (session instanceof Error ? Promise.reject(session) : Promise.resolve(session));
  return Object.assign(createFakeAdapters(), { shells: { open, ...(runFullScreen ? { runFullScreen } : {}) } });
}

describe('shell tasks', () => {
  it('ticks off a task when the learner types a matching command in the shell, and Ctrl-] returns', async () => {
    const tutorial = tinyTutorialWithShellTasks([SHELL_TASKS.read, SHELL_TASKS.write]);
    const session = new FakeShellSession();
    const withShell = adaptersWithShell(session);
    h = renderTour({ tutorial, adapters: withShell, size: { columns: 120, rows: 40 } });
    await h.waitFor('SIMULATED');
    for (let i = 0; i < 4; i++) await h.press('j');
    await h.press('s');
    await h.waitFor((x) => x.includes('container shell · Ctrl-] to leave') && !x.includes('Starting the shell'));
    for (const ch of 'cat /volume/dir/file\r') await h.press(ch);
    expect(session.written).toContain('cat /volume/dir/file\r');
    await h.press('\x1d');
    const f = await h.waitFor((x) => x.includes('✓ Read the file'));
    expect(f).toContain('• Try a write');
  });
});

describe('quitting with the shell open', () => {
  it.each([
    ['en', 'The shell in pod image-volume is still open. Quit and close it? (y/n)', 'In the shell: Ctrl-], then Enter runs this step.'],
    ['zh-CN', 'Pod image-volume 中的 Shell 仍然打开着。要退出并关闭它吗？（y/n）', 'Shell 中：按 Ctrl-] 返回，再按 Enter 运行本步骤。'],
  ] as const)('%s: in the shell the step says where the keys go; q asks about the shell by name, not "something"', async (lang, question, inShell) => {
    const session = new FakeShellSession();
    h = renderTour({ adapters: adaptersWithShell(session), facts: { lang }, size: { columns: 120, rows: 40 } });
    await h.waitFor('SIMULATED');
    for (let i = 0; i < 4; i++) await h.press('j');
    await h.press('s');
    const f = await h.waitFor((x) => x.includes(inShell));
    expect(f).not.toMatch(/▶ Press Enter to run this step|▶ 按 Enter 运行本步骤/);
    await h.press('\x1d');
    await h.waitFor((x) => x.includes('s to enter the shell') || x.includes('按 s 进入 shell'));
    await h.press('q');
    await h.waitFor(question);
    const harness = h;
    await harness.press('y');
    await harness.waitFor(() => harness.exits.length > 0);
    expect(harness.exits).toEqual([0]);
  });
});

describe('reading a shell step\'s pages with the shell open', () => {
  it('the status row says Enter reads on once the keys are back, not that it runs the step', async () => {
    const base = tinyTutorial();
    const pages = { en: ['First page.', 'Second page.'], 'zh-CN': ['第一页。', '第二页。'] };
    const tutorial = { ...base, steps: base.steps.map((s) => (s.id === 'explore-shell' ? { ...s, beats: pages, actionBeat: 1 } : s)) };
    h = renderTour({ tutorial, adapters: adaptersWithShell(new FakeShellSession()), size: { columns: 120, rows: 40 } });
    await h.waitFor('SIMULATED');
    for (let i = 0; i < 4; i++) await h.press('j');
    await h.waitFor('First page.');
    await h.press('s');
    const f = await h.waitFor('In the shell: Ctrl-], then Enter reads on.');
    expect(f).not.toContain('then Enter runs this step');
    await h.press('\x1d');
    await h.press(KEYS.enter);
    await h.waitFor('Second page.');
    await h.press('s');
    await h.waitFor('In the shell: Ctrl-], then Enter runs this step.');
  });
});

describe('shell transcript', () => {
  it('t records the shell session as an asciicast v2 file and t again saves it', async () => {
    const session = new FakeShellSession();
    const withShell = adaptersWithShell(session);
    const stateDir = tempDir();
    h = renderTour({ adapters: withShell, stateDir, size: { columns: 120, rows: 40 } });
    await h.waitFor('SIMULATED');
    for (let i = 0; i < 4; i++) await h.press('j');
    await h.press('t');
    await h.waitFor('Open the shell first (s)');
    await h.press('s');
    await h.waitFor((x) => x.includes('Ctrl-] to leave') && !x.includes('Starting the shell'));
    await h.press('\x1d');
    await h.waitFor('s to enter the shell');
    await h.press('t');
    const started = await h.waitFor('Recording the shell session to');
    expect(started).toContain('transcripts');
    session.output('root@image-volume:/# ');
    await h.press('s');
    await h.waitFor('Ctrl-] to leave');
    for (const ch of 'id\r') await h.press(ch);
    session.output('id\r\nuid=0(root) gid=0(root) groups=0(root)\r\n');
    await h.waitFor('uid=0(root)');
    await h.press('\x1d');
    await h.waitFor('s to enter the shell');
    await h.press('t');
    await h.waitFor('Shell session saved');
    const dir = join(stateDir, 'transcripts');
    const file = readdirSync(dir).find((f) => f.endsWith('.cast'));
    expect(file).toBeDefined();
    const lines = readFileSync(join(dir, file ?? ''), 'utf8').trim().split('\n');
    const header = JSON.parse(lines[0] ?? '{}') as { version: number; width: number; height: number };
    expect(header.version).toBe(2);
    expect(header.width).toBeGreaterThan(0);
    const events = lines.slice(1).map((l) => JSON.parse(l) as [number, string, string]);
    expect(events.some(([, kind, data]) => kind === 'o' && data.includes('uid=0(root)'))).toBe(true);
  });
});

describe('the shell ends', () => {
  it('the pane says so, the tour has the keys again, and a recording that ran is saved', async () => {
    const session = new FakeShellSession();
    const stateDir = tempDir();
    try {
      h = renderTour({ adapters: adaptersWithShell(session), stateDir, size: { columns: 120, rows: 40 } });
      await h.waitFor('SIMULATED');
      for (let i = 0; i < 4; i++) await h.press('j');
      await h.press('s');
      await h.waitFor((x) => x.includes('Ctrl-] to leave') && !x.includes('Starting the shell'));
      await h.press('\x1d');
      await h.waitFor('s to enter the shell');
      // The tour has the keys again as soon as the frame says so.
      await h.press('t');
      await h.waitFor('Recording the shell session to');
      await h.press('s');
      await h.waitFor('Ctrl-] to leave');
      session.output('logout\r\n');
      session.exit(0);
      const f = await h.waitFor((x) => x.includes('The shell ended (exit 0)') && x.includes('Shell session saved'));
      expect(f).toContain('container shell · s to enter the shell');
      expect(readdirSync(join(stateDir, 'transcripts')).filter((x) => x.endsWith('.cast'))).toHaveLength(1);
      // The keys are the tour's again.
      await h.press('k');
      await h.waitFor((x) => selected(x).includes('Slow step'));
    } finally {
      await h?.unmount();
      h = undefined;
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

describe('confirmation before changing a real cluster', () => {
  const withConfirm = (): ReturnType<typeof tinyTutorial> => {
    const tutorial = tinyTutorial();
    return {
      ...tutorial,
      steps: tutorial.steps.map((s) =>
        s.id === 'cleanup' ? { ...s, confirm: { en: 'Delete the kind cluster {cluster}?', 'zh-CN': '删除 kind 集群 {cluster}？' } } : s,
      ),
    };
  };

  it('asks before the step runs in real mode: n runs nothing, y runs it', async () => {
    const r = renderTour({ tutorial: withConfirm(), facts: { mode: 'real' } });
    h = r;
    await h.waitFor('Welcome');
    for (let i = 0; i < 5; i++) await h.press('j');
    await h.press(KEYS.enter);
    await h.waitFor('Delete the kind cluster ivol?');
    await h.press('n');
    await h.waitFor((f) => !f.includes('Delete the kind cluster ivol?'));
    expect(r.adapters.ran.some((argv) => argv.includes('delete'))).toBe(false);
    await h.press(KEYS.enter);
    await h.waitFor('Delete the kind cluster ivol?');
    await h.press('y');
    await h.waitFor(() => r.adapters.ran.some((argv) => argv.includes('delete')));
  });

  it('never asks in simulated mode', async () => {
    const r = renderTour({ tutorial: withConfirm() });
    h = r;
    await h.waitFor('SIMULATED');
    for (let i = 0; i < 5; i++) await h.press('j');
    await h.press(KEYS.enter);
    await h.waitFor(() => r.adapters.ran.some((argv) => argv.includes('delete')));
    expect(h.frame()).not.toContain('Delete the kind cluster');
  });
});

describe('no pty module', () => {
  it('runs the shell full-screen instead, and comes back to the tour', async () => {
    const noPty = Object.assign(new Error('neither @lydell/node-pty nor node-pty could be loaded'), { code: 'NO_PTY' });
    const calls: string[][] = [];
    // The shell port runs the shell full-screen instead (here: records what it was asked).
    const withoutPty = adaptersWithShell(noPty, ({ pod, container, reason }) => {
      calls.push([pod, container, reason]);
      return Promise.resolve(0);
    });
    const r = renderTour({
      adapters: withoutPty,
      facts: { mode: 'real' },
    });
    h = r;
    await h.waitFor('Welcome');
    for (let i = 0; i < 4; i++) await h.press('j');
    await h.press('s');
    await h.waitFor('The full-screen shell ended; back in the tour.');
    expect(calls).toEqual([['image-volume', 'shell', 'neither @lydell/node-pty nor node-pty could be loaded']]);
  });
});

describe('the shell and the tabs', () => {
  it('s shows the shell even when the cluster tab was in front (80×24)', async () => {
    const session = new FakeShellSession();
    const withShell = adaptersWithShell(session);
    h = renderTour({ adapters: withShell, size: { columns: 80, rows: 24 } });
    await h.waitFor('SIMULATED');
    for (let i = 0; i < 4; i++) await h.press('j');
    await h.press(KEYS.tab);
    await h.press(KEYS.tab);
    await h.waitFor('Cluster │');
    await h.press('s');
    await h.waitFor((f) => f.includes('Ctrl-] to leave') && !f.includes('Cluster │'));
  });
});

describe('a kind cluster the tour did not create (simulated, IVOL_TOUR_SIM_FAULTS=not-ours)', () => {
  it('the clean-up step asks plainly in a dialog; n keeps the cluster and the step says why; y deletes it', async () => {
    const { createSimulatedAdapters } = await import('../src/adapters/cluster/simulated/index.js');
    const { memoryFiles } = await import('../src/adapters/cluster/simulated/testing/fixtures.js');
    const { createPersonQuestions } = await import('../src/app/person-questions.js');
    const { loadTutorialDir } = await import('../src/adapters/tutorial-files.js');
    const loaded = loadTutorialDir(join(import.meta.dirname, '..', 'tutorials', 'image-volume'));
    if (!loaded.ok) throw new Error('the built-in tutorial does not load');
    const questions = createPersonQuestions();
    const sim = createSimulatedAdapters({ profile: 'containerd', featureGate: false, cluster: 'ivol', namespace: 'default', speed: 0, faults: ['not-ours'], files: memoryFiles(), ask: questions.ask });
    h = renderTour({ tutorial: loaded.tutorial, otherAdapters: sim, questions, size: { columns: 140, rows: 40 } });
    await h.waitFor('SIMULATED');
    for (let i = 0; i < 11; i++) await h.press('j');
    await h.waitFor((f) => selected(f).includes('Clean up'));
    await runFromActionBeat(h);
    const dialog = await h.waitFor('Delete it anyway?');
    expect(dialog).toContain('Asking first');
    expect(dialog).toContain('was not created by ivol-tour');
    expect(dialog).toContain('ivol-tour/created-by=ivol-tour');
    await h.press('n');
    const kept = await h.waitFor('You chose to keep it.');
    expect(kept).not.toContain('Delete it anyway?');
    expect(await sim.cluster.clusterExists()).toBe(true);
    // Retry and say yes: the person decided, so it goes.
    await h.press('r');
    await h.waitFor('Delete it anyway?');
    await h.press('y');
    await h.waitFor((f) => /✓\s+12 Clean up/.test(f), 10_000);
    expect(await sim.cluster.clusterExists()).toBe(false);
  });
});
