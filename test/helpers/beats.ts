// Turning the pages of a step's text in the UI tests: Enter runs a step only on its action
// beat (before it, Enter turns the page), so a test that means "run this step" reads on first.
import { expect } from 'vitest';

/** What the status row says while Enter turns the page (src/i18n/messages/reading.ts). */
export const READ_ON = /Read on: Enter|继续阅读：按 Enter/;

interface Pager {
  frame(): string;
  press(input: string): Promise<void>;
  waitFor(predicate: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
}

/** The page number the step view's title shows ("page 2 of 5" / "第 2/5 页"), or 0. */
export function pageShown(frame: string): number {
  const m = /page (\d+) of \d+|第 (\d+)\/\d+ 页/.exec(frame);
  return Number(m?.[1] ?? m?.[2] ?? 0);
}

/** Turns pages (→) until Enter runs the step, then presses Enter. */
export async function runFromActionBeat(h: Pager): Promise<void> {
  for (let n = 0; READ_ON.test(h.frame()); n++) {
    expect(n, 'more pages than any step has').toBeLessThan(20);
    const page = pageShown(h.frame());
    await h.press('\x1b[C');
    await h.waitFor((f) => pageShown(f) !== page);
  }
  await h.press('\r');
}
