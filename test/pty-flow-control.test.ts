// A shell printing faster than the emulator parses: the shell's terminal (app/shell-terminal.ts)
// pauses the shell above the high water mark and resumes it once the emulator has caught up,
// so unparsed output never piles up in memory (xterm.js's recommended flow control).
import { describe, expect, it } from 'vitest';
import { HIGH_WATER, LOW_WATER } from '../src/adapters/pty/terminal-screen.js';
import { attachTerminal } from '../src/app/shell-terminal.js';
import { FakeShellSession } from './fakes/shell/fake-session.js';
import { waitFor } from './fakes/shell/helpers.js';

class PausableSession extends FakeShellSession {
  pauses = 0;
  resumes = 0;
  pause(): void {
    this.pauses++;
  }
  resume(): void {
    this.resumes++;
  }
}

describe('flow control between the pty and the emulator', () => {
  it('pauses the shell above the high water mark, resumes it when parsed down to the low one', async () => {
    const session = new PausableSession();
    const view = await attachTerminal(session, 80, 24);
    const line = `${'y'.repeat(1023)}\n`;
    let written = 0;
    while (written <= 2 * HIGH_WATER) {
      session.output(line);
      written += line.length;
    }
    expect(view.screen.backlog).toBeGreaterThan(HIGH_WATER);
    expect(session.pauses).toBe(1);
    expect(session.resumes).toBe(0);
    await waitFor(() => session.resumes === 1, 'the shell to be resumed', 10_000);
    expect(view.screen.backlog).toBeLessThanOrEqual(LOW_WATER);
    await view.screen.whenParsed();
    expect(view.screen.backlog).toBe(0);
    session.kill();
    view.screen.dispose();
  });
});
