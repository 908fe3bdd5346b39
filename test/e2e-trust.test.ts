// End to end, in a real pty at 80×24: a tutorial that is not built in shows every program it
// can run and asks once before anything starts; q quits (exit 2, nothing run, nothing saved),
// t starts the tour and is remembered for that exact content; a changed tutorial is asked
// about again; --trust skips the question.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, startPtyApp, type PtyApp } from './helpers/pty-app.js';
import { stepTexts, TempDirs, tutorialYaml, writeFiles } from './helpers/tutorial-dir.js';

const built = existsSync(join(ROOT, 'dist', 'cli.js'));
const temps = new TempDirs();
let app: PtyApp | undefined;
afterEach(() => {
  app?.kill();
  app = undefined;
  temps.cleanup();
});

/** Twenty steps, each running a command with an escape sequence and newlines in it: the list is longer than the screen. */
function longTutorial(): { dir: string; state: string } {
  const root = temps.make('ivol-e2e-trust-');
  const ids = Array.from({ length: 20 }, (_, i) => `s${i + 1}`);
  const steps = ids
    .map(
      (id) => `  - id: ${id}
    title: { en: "Step ${id}", zh-CN: "步骤 ${id}" }
    commands:
      - { id: c, run: [kubectl, get, pods, "--selector=x\\e[31m\\n\\n\\nrm -rf ~"] }
`,
    )
    .join('');
  return { dir: writeFiles(join(root, 'tut'), { 'tutorial.yaml': tutorialYaml(steps), ...stepTexts(...ids) }), state: join(root, 'state') };
}

const start = (dir: string, state: string, extra: string[] = []): PtyApp => startPtyApp(['--simulate', '--lang', 'en', '--tutorial', dir, ...extra], { IVOL_TOUR_STATE_DIR: state }, 80, 24);

describe.skipIf(!built)('trusting a tutorial in the TUI (needs `npm run build`)', () => {
  it('asks before anything runs, q quits with 2 and runs nothing; t starts it and is remembered; a change asks again', async () => {
    const t = longTutorial();
    app = start(t.dir, t.state);
    let screen = await app.waitFor('Trust this tutorial?', 10_000);
    expect(screen).toContain('Programs it starts on this machine: kubectl');
    expect(screen).toContain('step s1');
    // Escaped, on one line: the escape sequence is not obeyed (no red), the newlines do not break the line.
    expect(screen).toContain("$ kubectl get pods $'--selector=x\\e[31m\\n\\n\\nrm -rf ~'");
    expect(screen).toMatch(/lines 1–\d+ of 41/);
    expect(screen.split('\n').length).toBe(24);
    expect(app.output()).not.toContain('\x1b[31m');
    // Longer than the screen: it scrolls.
    app.press('G');
    screen = await app.waitFor(/lines \d+–41 of 41/);
    expect(screen).toContain('step s20');
    app.press('q');
    expect((await app.exited).exitCode).toBe(2);
    expect(app.output()).toContain('Not trusted: nothing was run.');
    expect(existsSync(join(t.state, 'work'))).toBe(false);
    expect(existsSync(join(t.state, 'progress'))).toBe(false);
    expect(existsSync(join(t.state, 'trusted-tutorials.json'))).toBe(false);

    // Asked again (the answer was no); t starts the tour.
    app = start(t.dir, t.state);
    await app.waitFor('Trust this tutorial?', 10_000);
    app.press('t');
    await app.waitFor('SIMULATED', 10_000);
    app.press('q');
    expect((await app.exited).exitCode).toBe(0);
    const store = join(t.state, 'trusted-tutorials.json');
    expect(statSync(store).mode & 0o777).toBe(0o600);
    expect(statSync(t.state).mode & 0o777).toBe(0o700);
    expect(readFileSync(store, 'utf8')).toMatch(/"hash": "[0-9a-f]{64}"/);

    // The same content is not asked about again.
    app = start(t.dir, t.state);
    screen = await app.waitFor('SIMULATED', 10_000);
    expect(screen).not.toContain('Trust this tutorial?');
    app.press('q');
    expect((await app.exited).exitCode).toBe(0);

    // A changed step text is a changed tutorial: asked again.
    writeFileSync(join(t.dir, 'steps', 's3.en.md'), '# s3, changed\n');
    app = start(t.dir, t.state);
    await app.waitFor('Trust this tutorial?', 10_000);
    app.press('q');
    expect((await app.exited).exitCode).toBe(2);
  }, 90_000);

  it('--trust skips the question', async () => {
    const t = longTutorial();
    app = start(t.dir, t.state, ['--trust']);
    const screen = await app.waitFor('SIMULATED', 10_000);
    expect(screen).not.toContain('Trust this tutorial?');
    app.press('q');
    expect((await app.exited).exitCode).toBe(0);
  }, 30_000);
});
