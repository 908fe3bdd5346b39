// End to end: the BUILT tour in a real pty, simulated mode, driven by keys, the screen read
// through @xterm/headless. Afterwards: exit status 0, the alternate screen left, no process left.
import { pageToAction } from './helpers/beats.js';
import { existsSync } from 'node:fs';
import { tempDir } from './helpers/temp.js';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alive, descendants, ROOT, startPtyApp, type PtyApp } from './helpers/pty-app.js';

const built = existsSync(join(ROOT, 'dist', 'cli.js'));
const stateDir = (): string => tempDir('ivol-e2e-');

let app: PtyApp | undefined;
afterEach(() => {
  app?.kill();
  app = undefined;
});

const selectedRow = (screen: string): string => screen.split('\n').find((l) => l.includes('›')) ?? '';

describe.skipIf(!built)('the interactive tour in a real terminal (needs `npm run build`: dist/cli.js)', () => {
  it('starts labelled SIMULATED, walks to apply-pod with Enter, shows the pod, switches language, quits cleanly', async () => {
    app = startPtyApp(['--simulate', '--lang', 'en'], { IVOL_TOUR_STATE_DIR: stateDir() }, 100, 30);
    const started = Date.now();
    await app.waitFor('SIMULATED', 5000);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(app.onAlternateScreen()).toBe(true);

    app.press('j');
    await app.waitFor((s) => selectedRow(s).includes(' 2 '));
    app.press('\x1b[B');
    await app.waitFor((s) => selectedRow(s).includes(' 3 '));
    app.press('kk'); // typed fast: arrives as one read
    await app.waitFor((s) => selectedRow(s).includes(' 1 '));

    // Enter on every step up to and including apply-pod (the 6th); a passed step stays on
    // screen until Enter moves on (no auto-advance).
    for (let n = 1; n <= 6; n++) {
      await app.waitFor((s) => selectedRow(s).includes(` ${n} `) && /›○/.test(selectedRow(s)), 60_000);
      // Enter turns the page until the step's action page, then runs it.
      await pageToAction(app);
      app.press('\r');
      await app.waitFor((s) => new RegExp(`✓\\s+${n} `).test(s), 90_000);
      // On a passed step Enter reads on to its last page before it moves on: j moves at once.
      if (n < 6) app.press('j');
    }
    // The apply step stays, with its output.
    await app.waitFor((s) => selectedRow(s).includes(' 6 ') && s.includes('$ kubectl'), 5000);
    // At 100 columns output and cluster are tabs: Tab focuses the output, Tab again shows the cluster.
    // The second Tab only once the first has acted: two Tabs in one read are no key (a fixed
    // 300 ms pause between them was not always enough on a loaded machine).
    app.press('\t');
    await app.waitFor((s) => s.includes('▶ Output │ Tab: Cluster'), 10_000);
    app.press('\t');
    await app.waitFor((s) => s.includes('Cluster │') && s.includes('default/image-volume'), 20_000);

    app.press('L');
    await app.waitFor('步骤', 5000);

    const kids = descendants(app.pid);
    app.press('q');
    const { exitCode } = await app.exited;
    expect(exitCode).toBe(0);
    await app.waitFor(() => !app!.onAlternateScreen(), 2000);
    expect(app.output()).toContain('\x1b[?1049l');
    expect(app.output()).toContain('\x1b[?25h');
    for (const pid of kids) expect(alive(pid)).toBe(false);
  }, 240_000);

  it('Ctrl-C asks while a step runs, then quits with status 0', async () => {
    app = startPtyApp(['--simulate', '--lang', 'en', '--step', 'create-cluster'], { IVOL_TOUR_STATE_DIR: stateDir() }, 80, 24);
    await app.waitFor((s) => selectedRow(s).includes(' 4 ') && /›○/.test(selectedRow(s)), 60_000);
    await pageToAction(app);
    app.press('\r');
    await app.waitFor('Running', 10_000);
    app.press('\x03');
    await app.waitFor('Quit and stop it?', 5000);
    app.press('y');
    const { exitCode } = await app.exited;
    expect(exitCode).toBe(0);
    expect(app.output()).toContain('\x1b[?1049l');
  }, 120_000);

  it('SIGTERM restores the terminal', async () => {
    app = startPtyApp(['--simulate', '--lang', 'zh-CN'], { IVOL_TOUR_STATE_DIR: stateDir() }, 80, 24);
    await app.waitFor('步骤', 5000);
    process.kill(app.pid, 'SIGTERM');
    await app.exited;
    expect(app.output()).toContain('\x1b[?1049l');
    expect(app.output()).toContain('\x1b[?25h');
  }, 30_000);
});
