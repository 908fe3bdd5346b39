// The pty helper (test/helpers/pty-app.ts) shows the screen as a terminal with synchronized
// output (DEC mode 2026) does: while a program draws a frame between "begin" and "end
// synchronized update", the screen is the last whole one. Ink draws each frame so, and a test
// that read half a frame (its top new, its bottom still blank) failed on a loaded machine.
import { afterEach, describe, expect, it } from 'vitest';
import { startPty, type PtyApp } from './helpers/pty-app.js';

let app: PtyApp | undefined;
afterEach(async () => {
  app?.kill();
  await app?.exited;
  app = undefined;
});

describe('the pty helper\'s screen during a synchronized update', () => {
  it('is the last whole frame until the update ends, then the new one', async () => {
    // A frame begun and left half drawn until a line comes in on the terminal.
    const script = "printf 'whole frame\\n'; printf '\\033[?2026hhalf a frame'; read line; printf ' done\\033[?2026l\\n'";
    app = startPty('/bin/sh', ['-c', script], {}, 80, 10);
    const a = app;
    await a.waitFor('whole frame', 10_000);
    // The half frame has reached the terminal (and is parsed: waitFor flushes), but is not shown.
    await a.waitFor(() => a.output().includes('half a frame'), 10_000);
    const during = await a.waitFor('whole frame', 10_000);
    expect(during).not.toContain('half a frame');
    expect(a.screen()).toBe(during);
    a.press('\r');
    const after = await a.waitFor('done', 10_000);
    expect(after).toContain('whole frame');
    expect(after).toContain('half a frame');
  });

  it('leaving the alternate screen shows the screen as it is, whatever was left unended', async () => {
    const script = "printf '\\033[?1049hon the alternate screen\\033[?2026hnever ended'; read line; printf '\\033[?1049lback\\n'";
    app = startPty('/bin/sh', ['-c', script], {}, 80, 10);
    const a = app;
    await a.waitFor(() => a.output().includes('never ended'), 10_000);
    const during = await a.waitFor('on the alternate screen', 10_000);
    expect(a.onAlternateScreen()).toBe(true);
    expect(during).not.toContain('never ended');
    a.press('\r');
    await a.waitFor('back', 10_000);
    expect(a.onAlternateScreen()).toBe(false);
  });
});
