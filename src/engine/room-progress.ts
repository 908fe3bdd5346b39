// A seat's progress (pure): what the tour at a seat writes into its `ivol-tour-progress`
// ConfigMap, how the trainer's view reads it back, and which seats are stuck. The ConfigMap's
// data is written by the attendee's credentials, so the trainer's side trusts nothing in it:
// every field is checked, cut to a length and stripped of control characters before it is
// shown (a seat must not be able to write escape sequences into the trainer's terminal).

import type { MessageRef } from '../i18n/types.js';
import { isRecord, recordOf } from './shape.js';
import type { StepState, TourState } from './tour.js';
import { SEAT_LABEL } from './room.js';

/** waiting: no tour has run at the seat yet (as `room create` left it); the others are the step's. */
export const SEAT_STATUSES = ['waiting', 'pending', 'running', 'passed', 'failed', 'skipped'] as const;
export type SeatStatus = (typeof SEAT_STATUSES)[number];

/** Running this long on one step (a command or a check that waits) makes a seat stuck. */
export const STUCK_RUNNING_MS = 5 * 60_000;

/** What the tour at a seat reports: the ConfigMap's data is made from it. */
export interface SeatReport {
  readonly step: string;
  /** 1-based position of the step, and how many there are. */
  readonly stepIndex: number;
  readonly steps: number;
  readonly status: Exclude<SeatStatus, 'waiting'>;
  /** The check that failed (or is waiting), if any. */
  readonly check?: string;
  /** Why the step failed (the diagnosis' cause, else the failure), as a message. */
  readonly cause?: MessageRef;
  /** How many steps passed so far. */
  readonly passed: number;
  readonly mode: string;
}

/** The report for a tour's state: the step the learner is at (running, else selected). */
export function seatReport(state: TourState): SeatReport {
  const index = state.active?.index ?? state.current;
  const st: StepState | undefined = state.steps[index];
  // A cancelled step is back where it was before it ran: for the trainer, not started.
  const status = st?.status === 'cancelled' ? 'pending' : (st?.status ?? 'pending');
  const failed = st?.status === 'failed' ? st.failure : undefined;
  const failedCheck = st?.checks.find((c) => !c.ok);
  const check = failed ? failedCheck?.id : st?.waiting?.checkId;
  const cause = failed ? (failed.diagnosis?.cause ?? failedCheck?.message ?? failed.message) : undefined;
  return {
    step: st?.id ?? '',
    stepIndex: index + 1,
    steps: state.steps.length,
    status,
    ...(check !== undefined ? { check } : {}),
    ...(cause ? { cause } : {}),
    passed: state.steps.filter((s) => s.status === 'passed').length,
    mode: state.facts.mode,
  };
}

/** Reports equal in what the trainer sees (the time of the write aside). */
export function sameReport(a: SeatReport | null, b: SeatReport): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The ConfigMap data for a report: plain strings (kubectl shows them as they are); `cause` in
 * English for someone reading the ConfigMap, `causeRef` for the trainer's view to show in its
 * own language.
 */
export function progressData(r: SeatReport, o: { readonly causeText?: string; readonly stepSince: number; readonly now: number }): Record<string, string> {
  return {
    step: r.step,
    stepIndex: String(r.stepIndex),
    steps: String(r.steps),
    status: r.status,
    check: r.check ?? '',
    cause: o.causeText ?? '',
    causeRef: r.cause ? JSON.stringify(r.cause) : '',
    passed: String(r.passed),
    mode: r.mode,
    stepSince: new Date(o.stepSince).toISOString(),
    updated: new Date(o.now).toISOString(),
  };
}

/** One seat as the trainer sees it. */
export interface SeatProgress {
  readonly seat: string;
  readonly namespace: string;
  readonly status: SeatStatus;
  readonly step?: string;
  readonly stepIndex?: number;
  readonly steps?: number;
  readonly check?: string;
  readonly cause?: string;
  readonly causeRef?: MessageRef;
  readonly passed?: number;
  /** ms since the epoch. */
  readonly stepSince?: number;
  readonly updated?: number;
}

const MAX_TEXT = 300;

/** Printable text only, one line, bounded (a seat writes these fields). */
export function cleanText(value: unknown, max = MAX_TEXT): string {
  if (typeof value !== 'string') return '';
  // eslint-disable-next-line no-control-regex
  const one = value.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function count(value: unknown, max: number): number | undefined {
  const text = cleanText(value, 8);
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n <= max ? n : undefined;
}

function time(value: unknown): number | undefined {
  const text = cleanText(value, 40);
  const ms = text === '' ? NaN : Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A message reference as a seat wrote it: its shape checked, parameters plain and short. */
function causeRef(value: unknown, depth = 0): MessageRef | undefined {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    if (value === '' || value.length > 4000) return undefined;
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!isRecord(parsed) || typeof parsed['key'] !== 'string' || !/^[a-zA-Z][\w.-]{0,80}$/.test(parsed['key'])) return undefined;
  const params: Record<string, string | number | MessageRef> = {};
  for (const [k, v] of Object.entries(recordOf(parsed['params'])).slice(0, 20)) {
    if (typeof v === 'number' && Number.isFinite(v)) params[k] = v;
    else if (typeof v === 'string') params[k] = cleanText(v);
    else if (depth < 3) {
      const nested = causeRef(v, depth + 1);
      if (nested) params[k] = nested;
    }
  }
  // The key is a string from the seat: the view shows it only when the catalogs know it.
  return { key: parsed['key'] as MessageRef['key'], ...(Object.keys(params).length > 0 ? { params } : {}) };
}

/** A progress ConfigMap as the API returns it → the seat's progress; null when it is not one. */
export function parseProgress(configMap: unknown): SeatProgress | null {
  if (!isRecord(configMap)) return null;
  const meta = recordOf(configMap['metadata']);
  const namespace = typeof meta['namespace'] === 'string' && NAME.test(meta['namespace']) ? meta['namespace'] : null;
  if (!namespace) return null;
  const labels = recordOf(meta['labels']);
  const data = recordOf(configMap['data']);
  const seat = cleanText(labels[SEAT_LABEL], 8) || cleanText(data['seat'], 8) || namespace;
  const statusText = cleanText(data['status'], 10);
  const status: SeatStatus = (SEAT_STATUSES as readonly string[]).includes(statusText) ? (statusText as SeatStatus) : 'waiting';
  const step = cleanText(data['step'], 63);
  const check = cleanText(data['check'], 63);
  const cause = cleanText(data['cause']);
  const ref = causeRef(data['causeRef']);
  const stepIndex = count(data['stepIndex'], 999);
  const steps = count(data['steps'], 999);
  const passed = count(data['passed'], 999);
  const stepSince = time(data['stepSince']);
  const updated = time(data['updated']);
  return {
    seat,
    namespace,
    status,
    ...(step ? { step } : {}),
    ...(stepIndex !== undefined ? { stepIndex } : {}),
    ...(steps !== undefined ? { steps } : {}),
    ...(check ? { check } : {}),
    ...(cause ? { cause } : {}),
    ...(ref ? { causeRef: ref } : {}),
    ...(passed !== undefined ? { passed } : {}),
    ...(stepSince !== undefined ? { stepSince } : {}),
    ...(updated !== undefined ? { updated } : {}),
  };
}

/** How long the seat has been on its current step (0 when it has not started). */
export function timeOnStep(p: SeatProgress, now: number): number {
  return p.stepSince === undefined ? 0 : Math.max(0, now - p.stepSince);
}

/**
 * Stuck: its step failed, or it has been running (a command or a check waiting) on one step
 * for STUCK_RUNNING_MS. A learner reading a step, or done, is not stuck.
 */
export function isStuck(p: SeatProgress, now: number): boolean {
  return p.status === 'failed' || (p.status === 'running' && timeOnStep(p, now) >= STUCK_RUNNING_MS);
}

/** Stuck seats first (the longest on their step first), then the others by seat number. */
export function orderSeats(seats: readonly SeatProgress[], now: number): SeatProgress[] {
  const bySeat = (a: SeatProgress, b: SeatProgress): number => (a.seat < b.seat ? -1 : a.seat > b.seat ? 1 : a.namespace < b.namespace ? -1 : 1);
  const stuck = seats.filter((s) => isStuck(s, now)).sort((a, b) => timeOnStep(b, now) - timeOnStep(a, now) || bySeat(a, b));
  const rest = seats.filter((s) => !isStuck(s, now)).sort(bySeat);
  return [...stuck, ...rest];
}

export interface RoomSummary {
  readonly seats: number;
  readonly stuck: number;
  readonly waiting: number;
  /** At the last step, passed. */
  readonly done: number;
}

export function roomSummary(seats: readonly SeatProgress[], now: number): RoomSummary {
  return {
    seats: seats.length,
    stuck: seats.filter((s) => isStuck(s, now)).length,
    waiting: seats.filter((s) => s.status === 'waiting').length,
    done: seats.filter((s) => s.status === 'passed' && s.stepIndex !== undefined && s.stepIndex === s.steps).length,
  };
}
