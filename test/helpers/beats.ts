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

interface PtyPager {
  screen(): string;
  press(data: string): void;
  waitFor(predicate: (screen: string) => boolean, timeoutMs?: number): Promise<string>;
}

/** What the status row of a pending step says where Enter runs it (ui.status.pending, pendingInfo). */
export const ENTER_RUNS = /Press Enter to run this step|Press Enter when you have read this step|按 Enter 运行本步骤|读完本步骤后按 Enter/;

/**
 * In a real terminal: turns pages (→) until Enter runs the pending step. Reads a whole frame
 * each time (the status row says one or the other), never half a frame still arriving.
 */
export async function pageToAction(app: PtyPager): Promise<void> {
  for (let n = 0; ; n++) {
    const screen = await app.waitFor((s) => READ_ON.test(s) || ENTER_RUNS.test(s), 10_000);
    if (!READ_ON.test(screen)) return;
    expect(n, 'more pages than any step has').toBeLessThan(20);
    const page = pageShown(screen);
    app.press('\x1b[C');
    await app.waitFor((s) => pageShown(s) !== page, 5000);
  }
}

/** What the status row of a passed step says where Enter turns the page (reading.status.passedNextBeat). */
export const PASSED_READ_ON = /Enter: page \d+\/\d+\.|Enter：第 \d+\/\d+ 页。/;

/**
 * In a real terminal, on a passed step: presses Enter while it turns the page (the step's later
 * pages explain what the learner just saw), so that the next Enter moves on. `until`: what the
 * status row says then.
 */
export async function readOnWithEnter(app: PtyPager, until: (screen: string) => boolean): Promise<string> {
  for (let n = 0; ; n++) {
    const screen = await app.waitFor((s) => PASSED_READ_ON.test(s) || until(s), 10_000);
    if (until(screen)) return screen;
    expect(n, 'more pages than any step has').toBeLessThan(20);
    const page = pageShown(screen);
    app.press('\r');
    await app.waitFor((s) => pageShown(s) !== page, 5000);
  }
}
