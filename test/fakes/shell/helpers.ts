// Helpers for the shell tests: wait for a condition (never a fixed sleep) and read a
// TerminalScreen's text.
import type { ScreenSnapshot } from '../../../src/adapters/pty/terminal-screen.js';

export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 8000,
  everyMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function snapshotText(snap: ScreenSnapshot): string {
  return snap.lines.map((l) => l.map((s) => s.text).join('')).join('\n');
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
