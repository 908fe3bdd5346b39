// run's progress while it waits: a headless run is never silent for long. While a check
// polls, a line with what it saw last (and elapsed/limit) at least every CHECK_EVERY_MS of
// the session's clock; while a command prints nothing (a long `kubectl wait`), a heartbeat
// after COMMAND_SILENCE_MS of silence and then at that pace, never more often.
//
// Two clocks, on purpose. What the check saw and its elapsed time come from the session's
// clock (the simulated cluster's virtual clock in tests and fast-forwards, where minutes
// pass in milliseconds). The heartbeat timer is wall time: it covers what the session clock
// cannot see, an observation that itself takes long (a request waiting for its timeout) or
// a command that is silent for real seconds.

import { formatElapsed } from '../engine/durations.js';
import { stepCommands, type TourState } from '../engine/tour.js';
import { shellQuote } from '../engine/vars.js';
import { t, tRef } from '../i18n/index.js';
import type { Lang } from '../i18n/types.js';

/** A waiting check prints at least this often (session clock; and wall time as a fallback). */
export const CHECK_EVERY_MS = 10_000;
/** A command silent for this long gets a heartbeat line, and again after as long. */
export const COMMAND_SILENCE_MS = 15_000;
/** How often the wall-time heartbeat looks. */
export const HEARTBEAT_TICK_MS = 1000;
const COMMAND_SHOWN_CHARS = 80;

export interface ProgressSource {
  getState(): TourState;
  subscribe(listener: () => void): () => void;
  readonly adapters: { readonly clock: { now(): number } };
}

export interface RunProgressOptions {
  readonly lang: Lang;
  /** Writes one progress line (without its newline). */
  readonly write: (line: string) => void;
  /** Wall time (default Date.now). */
  readonly wallNow?: () => number;
  /** Heartbeat interval; 0 starts no timer (tests call tick()). Default HEARTBEAT_TICK_MS. */
  readonly tickMs?: number;
}

export interface RunProgress {
  /** The running command printed something (its silence starts again). */
  noteOutput(): void;
  /** Looks at the wall clock once (the timer calls it). */
  tick(): void;
  dispose(): void;
}

interface Watching {
  /** Which wait this is: a new key starts the counting again. */
  readonly key: string;
  /** Session clock of the last line printed (or of the wait's start). */
  lastClock: number;
  /** Wall time of the last line printed (by us, or by the command). */
  lastWall: number;
  /** Wall time of the command's last output (or its start). */
  lastOutputWall: number;
}

export function createRunProgress(source: ProgressSource, o: RunProgressOptions): RunProgress {
  const wallNow = o.wallNow ?? Date.now;
  const clock = source.adapters.clock;
  let watching: Watching | null = null;

  /** What runs now: a waiting check, a command, or nothing worth a line. */
  const current = (): { kind: 'check' | 'command'; key: string; state: TourState } | null => {
    const state = source.getState();
    const active = state.active;
    const st = active ? state.steps[active.index] : undefined;
    if (!active || !st) return null;
    if (st.phase === 'checks' && st.waiting) return { kind: 'check', key: `${active.runId}:check:${st.waiting.checkId}`, state };
    if (st.phase === 'commands' && st.commandStartedAt !== undefined) return { kind: 'command', key: `${active.runId}:command:${st.commandIndex}`, state };
    return null;
  };

  const follow = (): ReturnType<typeof current> => {
    const now = current();
    if (!now) {
      watching = null;
      return null;
    }
    if (watching?.key !== now.key) {
      const st = stepOf(now.state);
      const start = now.kind === 'check' ? (st?.waiting?.startedAt ?? clock.now()) : (st?.commandStartedAt ?? clock.now());
      watching = { key: now.key, lastClock: start, lastWall: wallNow(), lastOutputWall: wallNow() };
    }
    return now;
  };

  const checkLine = (state: TourState, at: number): void => {
    const st = stepOf(state);
    const w = st?.waiting;
    if (!w || !watching) return;
    o.write(t(o.lang, 'run.waitingCheck', { check: w.checkId, elapsed: formatElapsed(at - w.startedAt), limit: formatElapsed(w.timeoutMs), message: tRef(o.lang, w.message) }));
    watching.lastClock = at;
    watching.lastWall = wallNow();
  };

  const commandLine = (state: TourState): void => {
    const st = stepOf(state);
    const spec = state.active ? state.tutorial.steps[state.active.index] : undefined;
    if (!st || !spec || st.commandStartedAt === undefined || !watching) return;
    const cmd = stepCommands(spec, st.how ?? 'run', state)[st.commandIndex];
    if (!cmd) return;
    const text = shellQuote(cmd.argv);
    o.write(
      t(o.lang, 'run.waitingCommand', {
        command: text.length > COMMAND_SHOWN_CHARS ? `${text.slice(0, COMMAND_SHOWN_CHARS - 1)}…` : text,
        elapsed: formatElapsed(clock.now() - st.commandStartedAt),
        limit: formatElapsed(cmd.timeoutMs),
        silent: formatElapsed(wallNow() - watching.lastOutputWall),
      }),
    );
    watching.lastWall = wallNow();
  };

  // Each attempt of a waiting check changes the state: print when the session clock says
  // CHECK_EVERY_MS went by since the last line.
  const onState = (): void => {
    const now = follow();
    if (now?.kind !== 'check' || !watching) return;
    const at = stepOf(now.state)?.waiting?.at ?? clock.now();
    if (at - watching.lastClock >= CHECK_EVERY_MS) checkLine(now.state, at);
  };

  const tick = (): void => {
    const now = follow();
    if (!now || !watching) return;
    const silent = wallNow() - watching.lastWall;
    if (now.kind === 'check' && silent >= CHECK_EVERY_MS) checkLine(now.state, clock.now());
    else if (now.kind === 'command' && silent >= COMMAND_SILENCE_MS) commandLine(now.state);
  };

  const unsubscribe = source.subscribe(onState);
  const tickMs = o.tickMs ?? HEARTBEAT_TICK_MS;
  const timer = tickMs > 0 ? setInterval(tick, tickMs) : null;
  // The heartbeat never keeps the process alive by itself.
  timer?.unref();

  return {
    noteOutput() {
      if (follow()?.kind === 'command' && watching) {
        watching.lastWall = wallNow();
        watching.lastOutputWall = watching.lastWall;
      }
    },
    tick,
    dispose() {
      unsubscribe();
      if (timer) clearInterval(timer);
    },
  };
}

function stepOf(state: TourState): TourState['steps'][number] | undefined {
  return state.active ? state.steps[state.active.index] : undefined;
}
