// Parts of the tour's screen as a person reads them, for the pty tests: the selected step's row,
// the step pane's result area, and the whole text of an overlay (key e), page by page.
import { expect } from 'vitest';
import type { PtyApp } from './pty-app.js';

/** The row of the step list with the selection mark (›). */
export function selectedRow(screen: string): string {
  return screen.split('\n').find((l) => l.includes('›')) ?? '';
}

/** The step pane's result area (right of the step list, under its ┄ line): where nothing may be cut. */
export function resultArea(screen: string): string {
  const lines = screen.split('\n');
  const from = lines.findIndex((l) => l.includes('┄┄┄┄'));
  const to = lines.findIndex((l, i) => i > from && l.startsWith('╰'));
  // Right of the step list's right border (│), then the step pane's left one (│, or ║ when focused).
  return lines.slice(from + 1, to).map((l) => l.slice(l.search(/│[│║]/) + 2)).join('\n');
}

/** The text of an overlay: the rows between its top and bottom borders. */
export function overlayText(screen: string): string {
  const lines = screen.split('\n');
  // Its frame: single, or double when it has the focus.
  const from = lines.findIndex((l) => /^[╭╔]/.test(l));
  const to = lines.findIndex((l, i) => i > from && /^[╰╚]/.test(l));
  expect(from, 'the overlay\'s top border').toBeGreaterThanOrEqual(0);
  return lines.slice(from + 1, to).join('\n');
}

/** The rows an overlay's title says it shows ("8-25/25"), or null when it all fits. */
function overlayRange(screen: string): { last: number; total: number } | null {
  const top = screen.split('\n').find((l) => /^[╭╔]/.test(l)) ?? '';
  const m = /(\d+)-(\d+)\/(\d+)/.exec(top);
  return m ? { last: Number(m[2]), total: Number(m[3]) } : null;
}

/** Everything the open overlay holds: its text on every page (PgDn until its last row shows). */
export async function wholeOverlay(app: PtyApp): Promise<string> {
  const pages = [overlayText(app.screen())];
  for (let range = overlayRange(app.screen()); range && range.last < range.total; range = overlayRange(app.screen())) {
    expect(pages.length, 'more pages than an overlay has').toBeLessThan(20);
    const last = range.last;
    app.press('\x1b[6~');
    await app.waitFor((s) => (overlayRange(s)?.last ?? 0) > last, 5000);
    pages.push(overlayText(app.screen()));
  }
  return pages.join('\n');
}

/**
 * A text without its line breaks, borders and spaces: a sentence the screen wrapped (in
 * English at a space, in Chinese anywhere) is found whole.
 */
export function flat(text: string): string {
  return text.replace(/[│║\s]+/g, '');
}
