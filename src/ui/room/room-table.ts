// The rows of `room watch`'s table, as text cut to columns: which seats (stuck first, from
// room-progress.ts), how wide each column is for the screen (80 columns at least; a projector's
// wide screen gives the step and the cause more room), and each cell's text. Widths are display
// widths (Chinese takes two columns). Seat data is untrusted: room-progress.ts has already
// stripped control characters from it; every cell is stripped once more here, so that a
// message text from the catalogs filled with a seat's values is one clean line too.

import stringWidth from 'string-width';
import { cleanText, isStuck, orderSeats, timeOnStep, type SeatProgress } from '../../engine/room-progress.js';
import { isMessageKey, t, tRef } from '../../i18n/index.js';
import type { Lang, MessageKey } from '../../i18n/types.js';

export type Tone = 'stuck' | 'failed' | 'running' | 'passed' | 'dim' | 'plain';

export interface SeatCells {
  readonly key: string;
  readonly seat: string;
  readonly step: string;
  readonly status: string;
  readonly time: string;
  readonly cause: string;
  readonly tone: Tone;
}

export interface Columns {
  readonly seat: number;
  readonly step: number;
  readonly status: number;
  readonly time: number;
  readonly cause: number;
}

/** Between two columns. */
export const GAP = '  ';

const STATUS_KEYS = {
  waiting: 'roomWatch.status.waiting',
  pending: 'roomWatch.status.pending',
  running: 'roomWatch.status.running',
  passed: 'roomWatch.status.passed',
  failed: 'roomWatch.status.failed',
  skipped: 'roomWatch.status.skipped',
} as const satisfies Record<SeatProgress['status'], MessageKey>;

/**
 * "<1m", "4m", "1h05m"; a seat that has not started a step: "–". Whole minutes: enough to see
 * who is stuck (5 minutes), and the table need not be redrawn every second to stay true.
 */
export function formatOnStep(ms: number | undefined): string {
  if (ms === undefined) return '–';
  const m = Math.max(0, Math.floor(ms / 60_000));
  if (m < 1) return '<1m';
  return m < 60 ? `${m}m` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** The text cut to `width` display columns (an ellipsis where cut), padded to exactly that. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  let w = stringWidth(text);
  if (w <= width) return text + ' '.repeat(width - w);
  let out = '';
  w = 0;
  for (const ch of text) {
    const cw = stringWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…${' '.repeat(Math.max(0, width - 1 - w))}`;
}

/** Why the seat is stuck or failed, in the trainer's language when the catalogs know the message. */
function causeText(p: SeatProgress, lang: Lang): string {
  if (p.causeRef && isMessageKey(p.causeRef.key)) return cleanText(tRef(lang, p.causeRef));
  if (p.cause) return p.cause;
  if (p.status === 'failed' && p.check) return t(lang, 'roomWatch.cause.check', { check: p.check });
  return '';
}

function stepText(p: SeatProgress): string {
  const at = p.stepIndex !== undefined ? `${p.stepIndex}/${p.steps ?? '?'}` : '';
  return [at, p.step ?? ''].filter((x) => x !== '').join(' ') || '–';
}

/** Each seat's cells, stuck seats first (room-progress.ts orderSeats). */
export function seatCells(seats: readonly SeatProgress[], now: number, lang: Lang): SeatCells[] {
  return orderSeats(seats, now).map((p): SeatCells => {
    const stuck = isStuck(p, now);
    const running = p.status === 'running';
    return {
      key: `${p.namespace}/${p.seat}`,
      seat: p.seat,
      step: p.status === 'waiting' ? '–' : stepText(p),
      status: t(lang, stuck && running ? 'roomWatch.status.stuck' : STATUS_KEYS[p.status]),
      time: p.status === 'waiting' || p.stepSince === undefined ? '–' : formatOnStep(timeOnStep(p, now)),
      cause: causeText(p, lang),
      tone: stuck ? (p.status === 'failed' ? 'failed' : 'stuck') : running ? 'running' : p.status === 'passed' ? 'passed' : p.status === 'waiting' ? 'dim' : 'plain',
    };
  });
}

/** The narrowest terminal the table is drawn in. */
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 8;

/**
 * Column widths for the screen's width: seat, status and time as wide as their longest text
 * (and heading); the step gets up to a third of what is left, the cause the rest.
 */
export function columnsFor(width: number, cells: readonly SeatCells[], lang: Lang): Columns {
  const widest = (heading: MessageKey, values: readonly string[], min: number): number =>
    Math.max(min, stringWidth(t(lang, heading)), ...values.map((v) => stringWidth(v)));
  const seat = Math.min(12, widest('roomWatch.col.seat', cells.map((c) => c.seat), 2));
  const statuses = Object.values(STATUS_KEYS).map((k) => t(lang, k));
  const status = widest('roomWatch.col.status', [...statuses, t(lang, 'roomWatch.status.stuck')], 4);
  const time = widest('roomWatch.col.time', cells.map((c) => c.time), 5);
  const rest = Math.max(20, width - seat - status - time - 4 * GAP.length);
  const longestStep = Math.max(stringWidth(t(lang, 'roomWatch.col.step')), ...cells.map((c) => stringWidth(c.step)));
  // At 80 columns the step has 24; a wide screen gives it up to 40 (and the cause the rest).
  const step = Math.min(longestStep, Math.max(16, Math.min(40, Math.floor(rest * 0.45))));
  return { seat, step, status, time, cause: Math.max(8, rest - step) };
}

export function headingCells(lang: Lang): Omit<SeatCells, 'key' | 'tone'> {
  return {
    seat: t(lang, 'roomWatch.col.seat'),
    step: t(lang, 'roomWatch.col.step'),
    status: t(lang, 'roomWatch.col.status'),
    time: t(lang, 'roomWatch.col.time'),
    cause: t(lang, 'roomWatch.col.cause'),
  };
}
