// `room watch`'s table on ink-testing-library: seats read from ConfigMaps as the API returns
// them (room-progress.ts parseProgress, so what an attendee could write is what is tested),
// stuck seats first, 30 seats scrolled at 80×24, a projector's screen, Chinese, the connection
// state, control characters never reaching the terminal, and the feed's coalescing.
import { cleanup, render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import { createRoomFeed, type RoomView } from '../src/app/room-watch-feed.js';
import type { ProgressEvents } from '../src/adapters/kube/progress-watch.js';
import { parseProgress, type SeatProgress } from '../src/engine/room-progress.js';
import type { Lang } from '../src/i18n/types.js';
import { RoomWatchScreen } from '../src/ui/room/RoomWatchScreen.js';
import { RoomWatchApp } from '../src/ui/room/start-room-watch.js';
import { ROOM_WATCH_KEYS } from '../src/ui/room/room-watch-keys.js';
import { t } from '../src/i18n/index.js';
import { stripAnsi } from '../src/ui/text/ansi.js';
import { KEYS } from './helpers/ui.js';

afterEach(() => cleanup());

const NOW = Date.parse('2026-11-30T09:00:00Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString();

/** A seat's progress ConfigMap as the API server returns it. */
function configMap(seat: string, data: Record<string, string>): unknown {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'ivol-tour-progress', namespace: `ivol-ws-${seat}`, labels: { 'ivol-tour/seat': seat } },
    data,
  };
}

function seat(n: number, data: Record<string, string>): SeatProgress {
  const p = parseProgress(configMap(String(n).padStart(2, '0'), data));
  if (!p) throw new Error('not a progress ConfigMap');
  return p;
}

/** 30 seats: 12 stuck running for 10 min, 07 failed 2 min ago, 03 done, 05 not started, the rest reading step 4. */
function room30(): SeatProgress[] {
  return Array.from({ length: 30 }, (_, i) => {
    const n = i + 1;
    if (n === 7) return seat(n, { step: 'pod-mounts', stepIndex: '5', steps: '9', status: 'failed', check: 'pod-ready', cause: 'artifact quay.io/x:v1 not found', stepSince: ago(120_000), updated: ago(1000) });
    if (n === 12) return seat(n, { step: 'create-cluster', stepIndex: '2', steps: '9', status: 'running', stepSince: ago(600_000), updated: ago(1000) });
    if (n === 3) return seat(n, { step: 'clean-up', stepIndex: '9', steps: '9', status: 'passed', stepSince: ago(30_000), updated: ago(1000) });
    if (n === 5) return seat(n, {});
    return seat(n, { step: 'inspect', stepIndex: '4', steps: '9', status: 'pending', stepSince: ago(65_000 + n * 1000), updated: ago(1000) });
  });
}

const live: RoomView['connection'] = { phase: 'live' };
const view = (seats: SeatProgress[], connection: RoomView['connection'] = live): RoomView => ({ seats, connection, listed: true, batches: 1 });

function screen(o: { seats: SeatProgress[]; columns?: number; rows?: number; lang?: Lang; connection?: RoomView['connection']; color?: boolean; onQuit?: () => void }) {
  return render(
    <RoomWatchScreen
      room="ws"
      context="kind-ivol"
      view={view(o.seats, o.connection)}
      now={NOW}
      lang={o.lang ?? 'en'}
      color={o.color ?? false}
      size={{ columns: o.columns ?? 80, rows: o.rows ?? 24 }}
      onQuit={o.onQuit ?? (() => undefined)}
    />,
  );
}

const waitFor = async (get: () => string, test: (frame: string) => boolean, what: string): Promise<string> => {
  const deadline = Date.now() + 3000;
  for (;;) {
    const f = stripAnsi(get());
    if (test(f)) return f;
    if (Date.now() > deadline) throw new Error(`no ${what} in\n${f}`);
    await new Promise((r) => setTimeout(r, 15));
  }
};
const has = (text: string) => (f: string) => f.includes(text);

/** The seat numbers of the table's rows, in order. */
const rowSeats = (frame: string): string[] => frame.split('\n').map((l) => /^(\d{2,3}) {2}/.exec(l)?.[1]).filter((s): s is string => s !== undefined);

describe('room watch table', () => {
  it('puts stuck seats first (the longest on its step first), then the others by seat, and counts them in the header', () => {
    const { lastFrame } = screen({ seats: room30() });
    const f = stripAnsi(lastFrame() ?? '');
    expect(rowSeats(f).slice(0, 4)).toEqual(['12', '07', '01', '02']);
    expect(f).toContain('Room "ws" on kind-ivol');
    expect(f).toContain('● live');
    expect(f).toContain('30 seats · 1 done · 2 stuck · 1 not started');
    const row12 = f.split('\n').find((l) => l.startsWith('12 '));
    expect(row12).toMatch(/2\/9 create-cluster\s+stuck\s+10m/);
    const row07 = f.split('\n').find((l) => l.startsWith('07 '));
    expect(row07).toMatch(/5\/9 pod-mounts\s+failed\s+2m\s+artifact quay\.io\/x:v1 not found/);
    const row05 = f.split('\n').find((l) => l.startsWith('05 '));
    expect(row05).toMatch(/–\s+not started\s+–/);
  });

  it('fits 80×24 with 30 seats and scrolls with the arrows, PgUp/PgDn, Home and End', async () => {
    const { lastFrame, stdin } = screen({ seats: room30() });
    const frame = (): string => stripAnsi(lastFrame() ?? '');
    let f = frame();
    expect(f.split('\n')).toHaveLength(24);
    for (const line of f.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(80);
    expect(rowSeats(f)).toHaveLength(19);
    expect(f).toContain('seats 1–19 of 30');
    stdin.write(KEYS.pageDown);
    f = await waitFor(frame, has('seats 12–30 of 30'), 'the last page');
    expect(rowSeats(f).at(-1)).toBe('30');
    stdin.write(KEYS.pageUp);
    f = await waitFor(frame, has('seats 1–19 of 30'), 'the first page');
    stdin.write(KEYS.down);
    f = await waitFor(frame, has('seats 2–20 of 30'), 'one seat down');
    expect(rowSeats(f)[0]).toBe('07');
    stdin.write('\x1b[F'); // End
    await waitFor(frame, has('seats 12–30 of 30'), 'End');
    stdin.write('\x1b[H'); // Home
    await waitFor(frame, has('seats 1–19 of 30'), 'Home');
  });

  it.each(['en', 'zh-CN'] as const)('%s: ? shows every key and what the table says, within 80×24; any key goes back to the table', async (lang) => {
    const { lastFrame, stdin } = screen({ seats: room30(), lang });
    const frame = (): string => stripAnsi(lastFrame() ?? '');
    stdin.write('?');
    const stuck = lang === 'en' ? 'stuck: the seat' : '卡住：该座位';
    const f = await waitFor(frame, has(stuck), 'the help');
    expect(f.split('\n')).toHaveLength(24);
    for (const line of f.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(80);
    // Every key of the table, with its help text, and the 5 minutes that make a seat stuck.
    for (const b of Object.values(ROOM_WATCH_KEYS)) expect(f).toMatch(new RegExp(`^${b.label.replace(/[?/]/g, '\\$&')} +${t(lang, b.help).slice(0, 12).replace(/[()]/g, '\\$&')}`, 'm'));
    expect(f).toContain(lang === 'en' ? 'for 5 min or more' : '5 分钟以上');
    expect(f).toContain(t(lang, 'roomWatch.help.close'));
    expect(rowSeats(f)).toEqual([]);
    stdin.write('x');
    const back = await waitFor(frame, (x) => rowSeats(x).length === 19, 'the table again');
    expect(back).not.toContain(stuck);
    expect(back).toContain(lang === 'en' ? '? help' : '? 帮助');
  });

  it('Ctrl-C quits with the help open', async () => {
    let quit = 0;
    const { lastFrame, stdin } = screen({ seats: room30(), onQuit: () => quit++ });
    stdin.write('?');
    await waitFor(() => stripAnsi(lastFrame() ?? ''), has('stuck: the seat'), 'the help');
    stdin.write('\x03');
    await waitFor(() => String(quit), (f) => f === '1', 'quit');
  });

  it('q quits', async () => {
    let quit = 0;
    const { stdin } = screen({ seats: room30(), onQuit: () => quit++ });
    stdin.write('q');
    await waitFor(() => String(quit), (f) => f === '1', 'quit');
  });

  it('uses a projector\'s screen: every seat on it and a wider cause', () => {
    const long = 'the image volume quay.io/crio/artifact:v2 could not be pulled: manifest unknown (check the tag)';
    const seats = room30().map((s) => (s.seat === '07' ? { ...s, cause: long } : s));
    const small = stripAnsi(screen({ seats }).lastFrame() ?? '');
    cleanup();
    const big = stripAnsi(screen({ seats, columns: 160, rows: 50 }).lastFrame() ?? '');
    expect(rowSeats(big)).toHaveLength(30);
    expect(big).toContain('seats 1–30 of 30');
    expect(big).toContain(long);
    expect(small).not.toContain(long);
    expect(small).toMatch(/07 .*the image volume quay\.io.*…/);
  });

  it('speaks Chinese', () => {
    const f = stripAnsi(screen({ seats: room30(), lang: 'zh-CN' }).lastFrame() ?? '');
    expect(f).toContain('教室 "ws"（kind-ivol）');
    expect(f).toContain('30 个座位 · 1 个已完成 · 2 个卡住 · 1 个未开始');
    expect(f).toMatch(/座位\s+步骤\s+状态\s+本步用时\s+原因/);
    expect(f).toMatch(/12\s+2\/9 create-cluster\s+卡住/);
    expect(f).toMatch(/05\s+–\s+未开始/);
    expect(f).toContain('第 1–19 个座位，共 30 个');
    for (const line of f.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(80);
  });

  it('says when the watch dropped and when it reconnects', () => {
    const connection = { phase: 'lost', error: 'connect ECONNREFUSED 127.0.0.1:6443', retryAt: NOW + 2500 } as const;
    const f = stripAnsi(screen({ seats: room30(), connection }).lastFrame() ?? '');
    expect(f).toContain('✗ connection lost');
    // On 80 columns the countdown stays; the server's words are cut.
    expect(f).toContain('Reconnecting in 3 s (the table shows the last state seen). The watch dropped: c…');
    cleanup();
    const wide = stripAnsi(screen({ seats: room30(), connection, columns: 160 }).lastFrame() ?? '');
    expect(wide).toContain('Reconnecting in 3 s (the table shows the last state seen). The watch dropped: connect ECONNREFUSED 127.0.0.1:6443');
    cleanup();
    expect(stripAnsi(screen({ seats: [], connection: { phase: 'connecting' } }).lastFrame() ?? '')).toContain('○ connecting…');
    cleanup();
    // Listed, and no seat: says where seats come from.
    expect(stripAnsi(screen({ seats: [] }).lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('No seat of room "ws" is on kind-ivol yet (`ivol-tour room create --name ws` makes them).');
  });

  it('never writes a seat\'s control characters to the terminal', () => {
    const evil = '\x1b[2J\x1b]0;pwned\x07\x9b31m\r\nrm -rf\u202e';
    const seats = [
      seat(1, { step: `inspect${evil}`, stepIndex: '3', steps: '9', status: 'failed', check: `ready${evil}`, cause: `boom${evil}`, stepSince: ago(5000) }),
      seat(2, { step: 'x', stepIndex: '1', steps: '9', status: 'failed', causeRef: JSON.stringify({ key: 'roomWatch.cause.check', params: { check: `c${evil}` } }), stepSince: ago(5000) }),
      seat(3, { step: 'x', stepIndex: '1', steps: '9', status: 'failed', check: `chk${evil}`, stepSince: ago(5000) }),
    ];
    for (const color of [false, true]) {
      const raw = screen({ seats, color, columns: 200 }).lastFrame() ?? '';
      cleanup();
      // Only the view's own styling (SGR) remains once the text is taken out: no screen clear,
      // no title, no CSI in its 8-bit form, no carriage return, no bidi override.
      // eslint-disable-next-line no-control-regex
      const rest = raw.replace(/\x1b\[[0-9;]*m/g, '');
      // eslint-disable-next-line no-control-regex
      expect(rest).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
      const f = stripAnsi(raw);
      expect(f).toMatch(/01\s+3\/9 inspect \[2J ]0;pwned 31m rm -rf/);
      expect(f).toContain('check c [2J ]0;pwned 31m rm -rf did not pass');
      expect(f).toContain('check chk [2J ]0;pwned');
    }
  });

  it('draws the feed\'s seats as the watch brings them, at most four times a second', async () => {
    let events: ProgressEvents | null = null;
    const feed = createRoomFeed({
      follow: (e) => {
        events = e;
        return () => undefined;
      },
    });
    let published = 0;
    feed.subscribe(() => published++);
    const { lastFrame } = render(<RoomWatchApp feed={feed} room="ws" context="kind-ivol" lang="en" color={false} onQuit={() => undefined} size={{ columns: 80, rows: 24 }} />);
    const frame = (): string => stripAnsi(lastFrame() ?? '');
    await waitFor(frame, has('○ connecting…'), 'connecting');
    const e = events as unknown as ProgressEvents;
    e.onStatus?.(true);
    const items = new Map<string, unknown>();
    // 200 batches at once (100 seats, each twice): drawn once at the start of the interval and
    // once at its end, not 200 times.
    for (let round = 0; round < 2; round++) {
      for (let n = 1; n <= 100; n++) {
        const s = String(n).padStart(3, '0');
        items.set(`ivol-ws-${s}/ivol-tour-progress`, configMap(s, { step: `step-${round}`, stepIndex: '2', steps: '9', status: 'running', stepSince: new Date().toISOString() }));
        e.onChange(items);
      }
    }
    const before = published;
    expect(before).toBeLessThanOrEqual(2);
    await waitFor(frame, (f) => f.includes('100 seats') && /001\s+2\/9 step-1/.test(f), 'the last round');
    expect(published - before).toBeLessThanOrEqual(1);
    expect(feed.get().batches).toBe(200);
    feed.stop();
  });
});

describe('room watch feed', () => {
  it('stretches the interval between frames while the process is over its CPU budget, up to 1 s, and shrinks it back', () => {
    let events: ProgressEvents | null = null;
    let clock = 1_000_000;
    let cpu = 0;
    const feed = createRoomFeed({
      follow: (e) => {
        events = e;
        return () => undefined;
      },
      now: () => clock,
      cpuMs: () => cpu,
      cpuBudget: 0.04,
    });
    const e = events as unknown as ProgressEvents;
    const items = new Map<string, unknown>([['ns/cm', configMap('01', { status: 'running' })]]);
    const frames: number[] = [];
    feed.subscribe(() => frames.push(feed.interval()));
    /** One second passes using `share` of a core; then a change comes after the interval. */
    const second = (share: number): void => {
      clock += 1000;
      cpu += 1000 * share;
      items.set('ns/cm', configMap('01', { status: 'running', step: String(clock) }));
      e.onChange(items);
    };
    expect(feed.interval()).toBe(250);
    for (let i = 0; i < 6; i++) second(0.2);
    expect(frames).toHaveLength(6);
    expect(feed.interval()).toBe(1000);
    for (let i = 0; i < 6; i++) second(0.005);
    expect(feed.interval()).toBe(250);
    feed.stop();
  });
});
