// TerminalScreen over a real @xterm/headless.
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalScreen, type ScreenSnapshot } from '../src/adapters/pty/terminal-screen.js';
import { snapshotText, waitFor } from './fakes/shell/helpers.js';

const screens: TerminalScreen[] = [];
afterEach(() => {
  for (const s of screens.splice(0)) s.dispose();
});

async function make(cols = 40, rows = 6, throttleMs?: number): Promise<TerminalScreen> {
  const s = await TerminalScreen.create(cols, rows, { scrollback: 100, ...(throttleMs !== undefined ? { throttleMs } : {}) });
  screens.push(s);
  return s;
}

async function fed(s: TerminalScreen, data: string | Uint8Array): Promise<ScreenSnapshot> {
  s.write(data);
  await s.whenParsed();
  return s.snapshot();
}

describe('TerminalScreen', () => {
  it('keeps colours and attributes as merged spans', async () => {
    const s = await make();
    const snap = await fed(s, 'a\x1b[1;31mRED\x1b[0m \x1b[38;2;1;2;3;48;5;200mX\x1b[7mY\x1b[0m\x1b[2;3;4mz\x1b[0m');
    expect(snap.lines[0]).toEqual([
      { text: 'a' },
      { text: 'RED', fg: '1', bold: true },
      { text: ' ' },
      { text: 'X', fg: '#010203', bg: '200' },
      { text: 'Y', fg: '#010203', bg: '200', inverse: true },
      { text: 'z', dim: true, italic: true, underline: true },
    ]);
    expect(snap.lines).toHaveLength(6);
    expect(snap.cols).toBe(40);
    expect(snap.rows).toBe(6);
  });

  it('handles wide CJK characters and bytes split inside a character', async () => {
    const s = await make();
    const bytes = new TextEncoder().encode('中文ab');
    s.write(bytes.slice(0, 2));
    s.write(bytes.slice(2, 4));
    const snap = await fed(s, bytes.slice(4));
    expect(snapshotText(snap).split('\n')[0]).toBe('中文ab');
    expect(snap.cursor).toMatchObject({ x: 6, y: 0 });
  });

  it('reports the cursor and its visibility', async () => {
    const s = await make();
    let snap = await fed(s, 'hello\r\nwo');
    expect(snap.cursor).toEqual({ x: 2, y: 1, visible: true });
    snap = await fed(s, '\x1b[?25l');
    expect(snap.cursor.visible).toBe(false);
    snap = await fed(s, '\x1b[?25h\x1b[4;7H');
    expect(snap.cursor).toEqual({ x: 6, y: 3, visible: true });
  });

  it('answers queries through onReply', async () => {
    const s = await make();
    const replies: string[] = [];
    s.onReply((r) => replies.push(r));
    await fed(s, 'abc\x1b[6n');
    await fed(s, '\x1b[c');
    expect(replies[0]).toBe('\x1b[1;4R');
    expect(replies[1]?.startsWith('\x1b[?')).toBe(true);
    expect(replies[1]).toMatch(/^.\[\?[\d;]+c$/);
  });

  it('keeps a scrollback view', async () => {
    const s = await make(20, 3);
    const snap = await fed(s, Array.from({ length: 10 }, (_, i) => `line${i}`).join('\r\n'));
    expect(snapshotText(snap)).toBe('line7\nline8\nline9');
    expect(snap.scrollback).toBe(7);
    const back = s.snapshot({ offset: 2 });
    expect(snapshotText(back)).toBe('line5\nline6\nline7');
    expect(back.cursor.visible).toBe(false);
    expect(s.snapshot({ offset: 99 }).offset).toBe(7);
  });

  it('resizes', async () => {
    const s = await make(20, 3);
    s.resize(30, 5);
    const snap = await fed(s, 'x');
    expect(snap.cols).toBe(30);
    expect(snap.lines).toHaveLength(5);
  });

  it('sends snapshots at most every throttle interval, and flushes on demand', async () => {
    const s = await make(40, 5, 60);
    const times: number[] = [];
    const snaps: ScreenSnapshot[] = [];
    s.subscribe((snap) => {
      times.push(performance.now());
      snaps.push(snap);
    });
    const t0 = performance.now();
    for (let i = 0; i < 40; i++) {
      s.write(`chunk ${i}\r\n`);
      await new Promise((r) => setTimeout(r, 5));
    }
    await s.flush();
    const elapsed = performance.now() - t0;
    for (let i = 1; i < times.length - 1; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(55);
    expect(times.length).toBeLessThanOrEqual(Math.ceil(elapsed / 60) + 2);
    expect(snapshotText(snaps[snaps.length - 1])).toContain('chunk 39');
  });

  it('sends the first output after a quiet spell at once (no added latency for echo)', async () => {
    // A long throttle, so that "at once" and "at the end of the throttle" cannot be confused
    // even on a loaded machine.
    const s = await make(40, 5, 600);
    const times: number[] = [];
    s.subscribe(() => times.push(performance.now()));
    s.write('a');
    await waitFor(() => times.length === 1, 'the first snapshot');
    await new Promise((r) => setTimeout(r, 650));
    const t1 = performance.now();
    s.write('k');
    await waitFor(() => times.length === 2, 'an immediate snapshot');
    expect(times[1] - t1).toBeLessThan(300);
  });
});
