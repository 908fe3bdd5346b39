// A shell task's `match` with nested quantifiers (`^(a+)+$`) took the JavaScript regex engine
// exponential time on a line it does not match, froze the TUI at 100% CPU and ignored every
// key. End to end, in a real pty: the built tour with such a task, the learner types a long
// line in the shell pane that backtracking could never finish, then a matching one; the tour
// keeps answering keys, and the matching line ticks the task (RE2: linear time).
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_TUTORIAL_DIR } from '../src/adapters/package-paths.js';
import { ROOT, startPtyApp, type PtyApp } from './helpers/pty-app.js';
import { TempDirs } from './helpers/tutorial-dir.js';

const built = existsSync(join(ROOT, 'dist', 'cli.js'));
const temps = new TempDirs();
let app: PtyApp | undefined;
afterEach(() => {
  app?.kill();
  app = undefined;
  temps.cleanup();
});

/**
 * Presses `key` until the screen satisfies `done` (a key typed while focus moves may land in the
 * shell). Each press is given 2 s to show: a press that acted but had not shown within a shorter
 * wait was followed by another, which moved on past `done` (a loaded machine).
 */
async function pressUntil(pty: PtyApp, key: string, done: (screen: string) => boolean): Promise<void> {
  for (let i = 0; i < 5; i++) {
    pty.press(key);
    try {
      await pty.waitFor(done, 2000);
      return;
    } catch {
      // not yet
    }
  }
  await pty.waitFor(done, 1000);
}

describe.skipIf(!built)('a catastrophic shell-task pattern (needs `npm run build`)', () => {
  it('does not freeze the tour: keys are answered after a long line, and a matching line ticks the task', async () => {
    const root = temps.make('ivol-e2e-regex-');
    const dir = join(root, 'tut');
    cpSync(BUILTIN_TUTORIAL_DIR, dir, { recursive: true });
    const yamlPath = join(dir, 'tutorial.yaml');
    const yaml = readFileSync(yamlPath, 'utf8');
    expect(yaml).toContain("match: '\\bls\\b'");
    writeFileSync(yamlPath, yaml.replace("match: '\\bls\\b'", () => "match: '^(a+)+$'"));

    app = startPtyApp(['--simulate', '--trust', '--lang', 'en', '--tutorial', dir, '--step', 'explore-shell'], { IVOL_TOUR_STATE_DIR: join(root, 'state') }, 100, 30);
    await app.waitFor((s) => /›○\s+9 /.test(s), 60_000);
    app.press('s');
    await app.waitFor((s) => s.includes('Ctrl-] to leave') && s.includes('root@image-volume:/#'), 10_000);

    // Backtracking on this line would not end in the lifetime of the universe.
    app.press(`${'a'.repeat(100)}!\r`);
    await app.waitFor('command not found', 5000);
    app.press('\x1d');
    // Answered at all is what counts (a frozen tour never answers): 10 s, for a loaded machine.
    await app.waitFor((s) => s.includes('s to enter the shell') && s.includes('tasks 0/6'), 10_000);
    app.press('?');
    await app.waitFor('Keys', 10_000);
    app.press('\x1b');
    await app.waitFor((s) => !s.includes('Keys') && s.includes('s to enter the shell'), 10_000);

    // A long line that matches (cut to its first 1024 characters for matching) ticks the task.
    app.press('s');
    await app.waitFor('Ctrl-] to leave', 5000);
    app.press(`${'a'.repeat(3000)}\r`);
    app.press('\x1d');
    // Only the changed task can match a line of a's.
    await app.waitFor((s) => s.includes('s to enter the shell') && s.includes('tasks 1/6'), 5000);

    // The keys are the tour's again once k moves the selection (the pane lets go of stdin within a tick).
    await pressUntil(app, 'k', (s) => /›.\s+8 /.test(s));
    app.press('q');
    await app.waitFor((s) => s.includes('The shell in pod image-volume is still open. Quit and close it?'), 5000);
    app.press('y');
    expect((await app.exited).exitCode).toBe(0);
  }, 120_000);
});
