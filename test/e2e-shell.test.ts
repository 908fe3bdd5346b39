// End to end, as a learner types it: the BUILT tour in a real pty, simulated mode, the step
// explore-shell, `s` opens the shell in the pod, commands run in it, Ctrl-] returns to the
// tour, q quits. Afterwards the terminal is sane (stty, run in the same pty) and nothing of
// the tour is left running.
import { existsSync } from 'node:fs';
import { tempDir } from './helpers/temp.js';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alive, BIN, descendants, ROOT, startPty, type PtyApp } from './helpers/pty-app.js';

const built = existsSync(join(ROOT, 'dist', 'cli.js'));

let app: PtyApp | undefined;
afterEach(() => {
  app?.kill();
  app = undefined;
});

describe.skipIf(!built)('the embedded shell in a real terminal (needs `npm run build`)', () => {
  it('s opens the shell; ls, cat and a refused write; Ctrl-] returns; q quits; the terminal is sane', async () => {
    const state = tempDir('ivol-e2e-shell-');
    const script = `"${process.execPath}" "${BIN}" --simulate --lang en --step explore-shell; echo "EXIT=$?"; stty -a; echo "STTY-DONE"; sleep 30`;
    app = startPty('/bin/sh', ['-c', script], { IVOL_TOUR_STATE_DIR: state }, 100, 30);
    await app.waitFor((s) => /›○\s+9 /.test(s), 60_000);
    const tourPid = descendants(app.pid)[0];

    app.press('s');
    await app.waitFor((s) => s.includes('Ctrl-] to leave') && s.includes('root@image-volume:/#'), 10_000);
    app.press('ls -l /volume\r');
    await app.waitFor((s) => /drwxr-xr-x .* dir/.test(s) && /-rw-r--r-- .* file/.test(s));
    app.press('cat /volume/dir/file\r');
    await app.waitFor((s) => /cat \/volume\/dir\/file\s*\n.*1\s*\n/.test(s.replace(/[│║]/g, '')));
    app.press('touch /volume/x\r');
    await app.waitFor("touch: cannot touch '/volume/x': Read-only file system");
    // Ctrl-C belongs to the shell, not the tour.
    app.press('\x03');
    await app.waitFor((s) => s.includes('^C'));
    expect(app.screen()).toContain('Ctrl-] to leave');

    // Ctrl-] gives the keys back to the tour: j moves the selection, the shell keeps running.
    app.press('\x1d');
    await app.waitFor((s) => s.includes('s to enter the shell') && s.includes('tasks 3/6'), 5000);
    app.press('j');
    await app.waitFor((s) => /›○\s+10 /.test(s));
    app.press('k');
    await app.waitFor((s) => /›○\s+9 /.test(s) && s.includes('s to enter the shell'));
    app.press('s');
    await app.waitFor((s) => s.includes('Ctrl-] to leave') && s.includes('root@image-volume:/#'));
    app.press('\x1d');
    await app.waitFor((s) => s.includes('s to enter the shell'));

    const kids = tourPid ? [tourPid, ...descendants(tourPid)] : [];
    app.press('q');
    await app.waitFor((s) => s.includes('The shell in pod image-volume is still open. Quit and close it?') || s.includes('EXIT='), 5000);
    if (app.screen().includes('Quit and close it?')) app.press('y');
    // stty's whole output is on screen once the line after it is.
    const screen = await app.waitFor((s) => s.includes('EXIT=') && s.includes('STTY-DONE'), 15_000);
    expect(screen).toContain('EXIT=0');
    // The terminal is back in cooked mode with echo: what a shell prompt needs.
    expect(screen).toMatch(/(^|\s)icanon(\s|$)/m);
    expect(screen).toMatch(/(^|\s)echo(\s|$)/m);
    expect(screen).toMatch(/(^|\s)isig(\s|$)/m);
    expect(app.output()).toContain('\x1b[?1049l');
    for (const pid of kids) expect(alive(pid), `pid ${pid} still running`).toBe(false);
  }, 120_000);
});
