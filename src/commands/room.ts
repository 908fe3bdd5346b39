// `ivol-tour room create | status | delete`: a workshop room on one shared cluster, made and
// removed from the trainer's context (engine/room.ts says what a room is, room-rights.ts what a
// seat may do, adapters/kube/room-api.ts speaks to the API server).
//
// create: the seats' files must not exist yet; then the trainer's rights (one
//   SelfSubjectAccessReview each, every missing one named), no room of that name and no
//   namespace in the way, the server's version and the nodes' runtimes, and, in the first
//   seat's namespace, a throwaway Pod with an image volume created with server-side dry run
//   (the field must survive). Then every seat's objects, its token (TokenRequest, --ttl) and its
//   kubeconfig (0600, in a 0700 folder), seats in parallel up to PARALLEL requests at a time.
//   --dry-run -o yaml prints every object and calls nothing.
// status: every seat's progress ConfigMap, read once (one list across namespaces).
// delete: what carries the room's labels, listed, asked (--yes), deleted, then waited for
//   until the namespaces are gone (a timeout, and a line whenever the count changes).
//
// Usage errors: exit 2. A cluster that refuses (rights, no image volumes, a room already
// there, an API error): exit 1, with the reason and the next action. Nothing prints a stack.

import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { mapLimit, type RoomApi, type RoomObjectRef } from '../adapters/kube/room-api.js';
import { errorMessage } from '../engine/errors.js';
import type { TutorialSpec } from '../engine/model.js';
import {
  planObjects,
  planRoom,
  probeKept,
  probePod,
  rightsToCreate,
  rightsToDelete,
  rightText,
  roomSelector,
  runtimeFacts,
  SEAT_ACCOUNT,
  seatFileName,
  seatKubeconfig,
  serverVersionProblem,
  tokenRequest,
  type Right,
  type RoomPlan,
} from '../engine/room.js';
import { isStuck, orderSeats, parseProgress, roomSummary, timeOnStep, type SeatProgress } from '../engine/room-progress.js';
import { seatRights } from '../engine/room-rights.js';
import { formatElapsed } from '../engine/durations.js';
import { t, tRef } from '../i18n/index.js';
import { wrapHanging } from '../ui/text/wrap-report.js';
import { textTable } from './report-text.js';
import type { Lang, MessageRef } from '../i18n/types.js';

/** At most this many requests to the API server at once (a shared cluster; 100 seats in seconds). */
export const PARALLEL = 16;
/** The artifact the probe Pod names: never pulled (the Pod is not stored). */
const PROBE_ARTIFACT = 'quay.io/crio/artifact:v2';

export interface RoomIo {
  readonly lang: Lang;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** stderr is a terminal: progress may rewrite its line. */
  readonly tty?: boolean;
  /** The terminal's columns, for each stream that is one: the commands' sentences are wrapped to them (not the tables). */
  readonly widths?: { readonly stdout?: number; readonly stderr?: number };
  readonly signal?: AbortSignal;
}

/** One line of the command's own words on `stream`, wrapped to the terminal when it is one. */
const line = (io: RoomIo, stream: 'stdout' | 'stderr', text: string): void => {
  io[stream](`${wrapHanging(text, io.widths?.[stream])}\n`);
};


/** The rights the trainer lacks (asked PARALLEL at a time); an API error is thrown. */
async function missingRights(api: RoomApi, rights: readonly Right[]): Promise<Right[]> {
  const answers = await mapLimit(rights, PARALLEL, (r) => api.allowed(r));
  return rights.filter((_, i) => answers[i] !== true);
}

function sayMissing(io: RoomIo, context: string, missing: readonly Right[]): void {
  line(io, 'stderr', t(io.lang, 'room.rights.missing', { context, count: missing.length }));
  for (const r of missing) line(io, 'stderr', `  - ${rightText(r)}`);
  line(io, 'stderr', t(io.lang, 'room.rights.next'));
}

function refuse(io: RoomIo, ref: MessageRef): number {
  line(io, 'stderr', tRef(io.lang, ref));
  return 1;
}

// ---- create ------------------------------------------------------------------------------

export interface CreateOptions {
  readonly room: string;
  readonly seats: number;
  readonly tutorial: TutorialSpec;
  /** The trainer's context; absent only with --dry-run. */
  readonly context?: string;
  /** Where the seats' kubeconfigs go. */
  readonly out: string;
  readonly ttlMs: number;
  readonly dryRun: boolean;
  /** Only called when the API is needed (never with --dry-run). */
  readonly api: () => RoomApi;
}

/** The plan as YAML documents: every object, then each seat's TokenRequest (what room create sends). */
export function planYaml(plan: RoomPlan, ttlMs: number): string {
  const docs = planObjects(plan).map((o) => stringify(o, { lineWidth: 0 }));
  for (const s of plan.seats) {
    docs.push(`# POST /api/v1/namespaces/${s.namespace}/serviceaccounts/${SEAT_ACCOUNT}/token → ${seatFileName(s.seat)}\n${stringify(tokenRequest(ttlMs), { lineWidth: 0 })}`);
  }
  return docs.map((d) => `---\n${d}`).join('');
}

export async function roomCreate(o: CreateOptions, io: RoomIo): Promise<number> {
  const plan = planRoom(o.room, o.seats, seatRights(o.tutorial));
  if (o.dryRun) {
    io.stdout(planYaml(plan, o.ttlMs));
    return 0;
  }
  const context = o.context ?? '';
  const out = resolve(o.out);
  // Nothing is asked of the cluster when the files could not be written anyway.
  for (const s of plan.seats) {
    const file = join(out, seatFileName(s.seat));
    if (existsSync(file)) return refuse(io, { key: 'room.outExists', params: { file } });
  }
  const api = o.api();
  let created = false;
  try {
    const rights = rightsToCreate(plan);
    line(io, 'stderr', t(io.lang, 'room.rights.checking', { context, count: rights.length }));
    const missing = await missingRights(api, rights);
    if (missing.length > 0) {
      sayMissing(io, context, missing);
      return 1;
    }
    const existing = await api.namespaces(roomSelector(o.room));
    if (existing.length > 0) return refuse(io, { key: 'room.exists', params: { room: o.room, context, count: existing.length } });
    const taken = new Set((await api.namespaces()).map((n) => n.name));
    const clash = plan.seats.find((s) => taken.has(s.namespace));
    if (clash) return refuse(io, { key: 'room.namespaceTaken', params: { namespace: clash.namespace } });

    // Image volumes: the version, the runtimes, then the gate (the probe, in the first seat).
    line(io, 'stderr', t(io.lang, 'room.support.checking', { context }));
    const version = (await api.serverVersion()).gitVersion;
    line(io, 'stderr', `  ${t(io.lang, 'room.support.version', { version })}`);
    const tooOld = serverVersionProblem(version);
    if (tooOld) return refuseRoom(io, context, tooOld);
    const runtimes = runtimeFacts(await api.nodes());
    if (runtimes.line) line(io, 'stderr', `  ${t(io.lang, 'room.support.runtimes', { nodes: runtimes.line })}`);
    if (runtimes.problem) return refuseRoom(io, context, runtimes.problem);
    const first = plan.seats[0];
    if (!first) return 2;
    mkdirSync(out, { recursive: true, mode: 0o700 });
    created = true;
    await api.create(first.namespaceObject);
    let probed: unknown;
    try {
      probed = await api.dryRunPod(first.namespace, probePod(first.namespace, PROBE_ARTIFACT));
    } catch (error) {
      // The probe itself was refused: no room, and nothing left of it.
      await api.delete({ kind: 'Namespace', name: first.namespace }).catch(() => undefined);
      created = false;
      throw error;
    }
    if (!probeKept(probed)) {
      await api.delete({ kind: 'Namespace', name: first.namespace }).catch(() => undefined);
      created = false;
      return refuseRoom(io, context, { key: 'room.support.gateOff', params: { version, namespace: first.namespace } });
    }
    line(io, 'stderr', `  ${t(io.lang, 'room.support.gateOn', { namespace: first.namespace })}`);

    // The seats, PARALLEL requests at a time (each seat's own requests run in order).
    line(io, 'stderr', t(io.lang, 'room.creating', { room: o.room, seats: plan.seats.length, objects: planObjects(plan).length, parallel: PARALLEL }));
    const cluster = await api.seatCluster();
    const body = tokenRequest(o.ttlMs);
    let shown = '';
    const progress = (done: number): void => {
      if (!io.tty) return;
      shown = t(io.lang, 'room.progress', { done, total: plan.seats.length });
      io.stderr(`\r${shown}`);
    };
    const expiries = await mapLimit(
      plan.seats,
      PARALLEL,
      async (s) => {
        if (io.signal?.aborted) throw new Error('interrupted');
        if (s !== first) await api.create(s.namespaceObject);
        for (const obj of s.objects) await api.create(obj);
        const token = await api.token(s.namespace, SEAT_ACCOUNT, body);
        const text = seatKubeconfig({ room: o.room, seat: s.seat, cluster, token: token.token, expires: token.expires });
        writeFileSync(join(out, seatFileName(s.seat)), text, { mode: 0o600, flag: 'wx' });
        return token.expires;
      },
      progress,
    );
    if (shown) io.stderr('\r' + ' '.repeat(shown.length) + '\r');
    for (const obj of plan.clusterObjects) await api.create(obj);
    try {
      chmodSync(out, 0o700);
    } catch {
      // A folder the trainer named that we may not change: the files are 0600 regardless.
    }

    const rows = [[t(io.lang, 'room.col.seat'), t(io.lang, 'room.col.namespace'), t(io.lang, 'room.col.file'), t(io.lang, 'room.col.command')]];
    for (const s of plan.seats) rows.push([s.seat, s.namespace, join(out, seatFileName(s.seat)), `npx ivol-tour --kubeconfig ${seatFileName(s.seat)}`]);
    io.stdout(textTable(rows));
    const expires = expiries.filter((e) => e !== '').sort()[0] ?? '?';
    line(io, 'stderr', t(io.lang, 'room.created', { room: o.room, seats: plan.seats.length, context, expires, dir: out }));
    if (plan.rights.nodes) line(io, 'stderr', t(io.lang, 'room.created.nodes', { why: plan.rights.nodesFor.join(', ') }));
    if (plan.rights.notGiven.length > 0) line(io, 'stderr', t(io.lang, 'room.created.notGiven', { what: [...new Set(plan.rights.notGiven.map((n) => n.what))].join('; ') }));
    line(io, 'stderr', t(io.lang, 'room.created.next', { room: o.room, context }));
    return 0;
  } catch (error) {
    if (created) line(io, 'stderr', t(io.lang, 'room.failed', { error: errorMessage(error), context, room: o.room }));
    else line(io, 'stderr', t(io.lang, 'room.apiError', { context, error: errorMessage(error) }));
    return 1;
  } finally {
    api.dispose();
  }
}

function refuseRoom(io: RoomIo, context: string, why: MessageRef): number {
  line(io, 'stderr', tRef(io.lang, why));
  line(io, 'stderr', t(io.lang, 'room.support.refused', { context }));
  return 1;
}

// ---- status ------------------------------------------------------------------------------

export interface StatusOptions {
  readonly room: string;
  readonly context: string;
  readonly json: boolean;
  readonly api: () => RoomApi;
  readonly now?: () => number;
}

/** A seat as `room status --json` prints it (the same data `room watch` shows). */
export interface SeatStatusJson extends Omit<SeatProgress, 'stepSince' | 'updated'> {
  readonly stepSince?: string;
  readonly updated?: string;
  readonly timeOnStepMs: number;
  readonly stuck: boolean;
}

/** The seats' progress, stuck first (engine/room-progress.ts orderSeats). */
export function seatsJson(items: readonly unknown[], now: number): SeatStatusJson[] {
  const seats = items.map(parseProgress).filter((p): p is SeatProgress => p !== null);
  return orderSeats(seats, now).map(({ stepSince, updated, ...rest }) => ({
    ...rest,
    ...(stepSince !== undefined ? { stepSince: new Date(stepSince).toISOString() } : {}),
    ...(updated !== undefined ? { updated: new Date(updated).toISOString() } : {}),
    timeOnStepMs: timeOnStep({ ...rest, ...(stepSince !== undefined ? { stepSince } : {}) }, now),
    stuck: isStuck({ ...rest, ...(stepSince !== undefined ? { stepSince } : {}) }, now),
  }));
}

export async function roomStatus(o: StatusOptions, io: RoomIo): Promise<number> {
  const api = o.api();
  try {
    const now = (o.now ?? Date.now)();
    const items = await api.progress(o.room);
    const parsed = items.map(parseProgress).filter((p): p is SeatProgress => p !== null);
    const seats = seatsJson(items, now);
    const summary = roomSummary(parsed, now);
    if (o.json) {
      io.stdout(`${JSON.stringify({ room: o.room, context: o.context, at: new Date(now).toISOString(), summary, seats }, null, 2)}\n`);
      return seats.length > 0 ? 0 : 1;
    }
    if (seats.length === 0) return refuse(io, { key: 'room.status.none', params: { room: o.room, context: o.context } });
    const rows = [[t(io.lang, 'room.col.seat'), t(io.lang, 'room.col.step'), t(io.lang, 'room.col.status'), t(io.lang, 'room.col.time'), t(io.lang, 'room.col.cause')]];
    for (const s of seats) {
      const step = s.step ? `${s.step}${s.stepIndex !== undefined && s.steps !== undefined ? ` (${s.stepIndex}/${s.steps})` : ''}` : '-';
      const cause = s.causeRef ? tRef(io.lang, s.causeRef) : (s.cause ?? '');
      rows.push([s.seat, step, `${s.stuck ? '! ' : ''}${s.status}`, s.stepSince ? formatElapsed(s.timeOnStepMs) : '-', [s.check, cause].filter(Boolean).join(': ')]);
    }
    io.stdout(textTable(rows));
    line(io, 'stderr', t(io.lang, 'room.status.summary', { room: o.room, ...summary }));
    return 0;
  } catch (error) {
    line(io, 'stderr', t(io.lang, 'room.apiError', { context: o.context, error: errorMessage(error) }));
    return 1;
  } finally {
    api.dispose();
  }
}

// ---- delete ------------------------------------------------------------------------------

export interface DeleteOptions {
  readonly room: string;
  readonly context: string;
  readonly yes: boolean;
  readonly timeoutMs: number;
  readonly api: () => RoomApi;
  /** Asks the person at the keyboard; false when nobody can answer. */
  readonly confirm: (question: string) => Promise<boolean>;
  /** How often the namespaces are listed while they go (default 1 s). */
  readonly pollMs?: number;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(finish, ms);
    function finish(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      done();
    }
    signal?.addEventListener('abort', finish, { once: true });
  });
}

function refText(lang: Lang, r: RoomObjectRef): string {
  return `${r.kind === 'Namespace' ? 'namespace' : r.kind.toLowerCase()}/${r.name}${r.terminating ? ` ${t(lang, 'room.delete.terminating')}` : ''}`;
}

export async function roomDelete(o: DeleteOptions, io: RoomIo): Promise<number> {
  const api = o.api();
  try {
    const missing = await missingRights(api, rightsToDelete());
    if (missing.length > 0) {
      sayMissing(io, o.context, missing);
      return 1;
    }
    const objects = await api.roomObjects(o.room);
    if (objects.length === 0) {
      line(io, 'stdout', t(io.lang, 'room.delete.nothing', { room: o.room, context: o.context }));
      return 0;
    }
    line(io, 'stdout', t(io.lang, 'room.delete.list', { count: objects.length, context: o.context, room: o.room }));
    for (const r of objects) line(io, 'stdout', `  ${refText(io.lang, r)}`);
    if (!o.yes && !(await o.confirm(t(io.lang, 'room.delete.confirm')))) {
      line(io, 'stderr', t(io.lang, 'room.delete.needYes'));
      return 2;
    }
    await mapLimit(objects.filter((r) => !r.terminating), PARALLEL, (r) => api.delete(r));
    const deadline = Date.now() + o.timeoutMs;
    let said = -1;
    for (;;) {
      const left = await api.namespaces(roomSelector(o.room));
      if (left.length === 0) break;
      if (io.signal?.aborted) return 1;
      if (Date.now() >= deadline) {
        line(io, 'stderr', t(io.lang, 'room.delete.timeout', { left: left.length, timeout: formatElapsed(o.timeoutMs), names: left.map((n) => n.name).join(', ') }));
        return 1;
      }
      if (left.length !== said) {
        said = left.length;
        line(io, 'stderr', t(io.lang, 'room.delete.waiting', { left: left.length }));
      }
      await sleep(o.pollMs ?? 1000, io.signal);
    }
    // The cluster-wide objects went at once; what is left labelled for the room is nothing.
    const after = await api.roomObjects(o.room);
    if (after.length > 0) {
      line(io, 'stderr', t(io.lang, 'room.delete.timeout', { left: after.length, timeout: formatElapsed(o.timeoutMs), names: after.map((r) => refText(io.lang, r)).join(', ') }));
      return 1;
    }
    line(io, 'stdout', t(io.lang, 'room.delete.done', { room: o.room, context: o.context }));
    return 0;
  } catch (error) {
    line(io, 'stderr', t(io.lang, 'room.apiError', { context: o.context, error: errorMessage(error) }));
    return 1;
  } finally {
    api.dispose();
  }
}
