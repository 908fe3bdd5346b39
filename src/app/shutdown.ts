// How the tour ends, whatever ends it: the learner quitting, a signal (SIGINT, SIGTERM, SIGHUP,
// SIGQUIT), or a crash. One place that every part of the tour registers with:
//
// - atExit(fn): a synchronous cleanup that runs once when the process exits, however it exits
//   (normal end, process.exit, signal, crash; not SIGKILL). For files such as a temporary
//   kubeconfig. It must be synchronous: it also runs from process.on('exit').
// - onShutdown(stopper): something that must be ended when a signal or a crash ends the tour
//   (process groups, ptys, the session's watches). stop(signal) ends it gracefully, starting
//   with the signal the tour received, and resolves when it is gone; kill() ends it at once
//   (SIGKILL), synchronously: for a second Ctrl-C, or when stop() takes too long.
// - claimTerminal(owner): the TUI's way to give the terminal back first (raw mode off, cursor
//   shown, alternate screen left) before anything is printed or stopped.
// - interruption(): an AbortSignal aborted at the first signal: headless commands stop
//   starting work, and their loops end.
//
// installProcessHandlers() (the command line, once) catches the signals and crashes. The first
// signal stops everything gracefully and lets the process end by itself; a second one kills
// what is left and exits at once. A process still alive after everything was stopped is
// forced to exit after a short bound (FORCE_EXIT_AFTER_MS), with the terminal already given
// back: a learner who pressed Ctrl-C must get their prompt back. With IVOL_TOUR_DEBUG the
// forced exit says what was still open, so that a leak is seen and fixed, not hidden.

import { constants } from 'node:os';
import { errorMessage } from '../engine/errors.js';

export type ExitSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'SIGQUIT';
export const EXIT_SIGNALS: readonly ExitSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/** Whether a value (a signal received, an AbortSignal's reason) is one of the signals that end the tour. */
export function isExitSignal(value: unknown): value is ExitSignal {
  return EXIT_SIGNALS.some((s) => s === value);
}

/** The conventional exit status for a signal: 128 + its number (130 SIGINT, 143 SIGTERM, 129 SIGHUP, 131 SIGQUIT). */
export function signalExitCode(signal: ExitSignal): number {
  return 128 + (constants.signals[signal] ?? 15);
}

export interface Stopper {
  /** Ends it gracefully, `signal` first; resolves when it is gone. */
  stop(signal: ExitSignal): Promise<void> | void;
  /** Ends it now (SIGKILL), synchronously. Must be harmless after stop() finished. */
  kill(): void;
}

export interface TerminalOwner {
  /** Gives the terminal back (raw mode off, cursor shown, alternate screen left). */
  restore(): Promise<void>;
  /** The same, synchronously, as far as it can (a second signal; a crash that cannot wait). */
  restoreNow(): void;
}

/** How long stopping may take before what is left is killed: two 2 s escalation steps and a margin. */
export const STOP_TIMEOUT_MS = 5000;
/** After everything was stopped, how long the process may take to end by itself. */
export const FORCE_EXIT_AFTER_MS = 2000;
/** How long giving the terminal back may take. */
const RESTORE_TIMEOUT_MS = 1500;

const exitCleanups = new Set<() => void>();
/** In the order they stop: the process registries first (they start the escalation with the received signal), then the rest in registration order. */
const firstStoppers = new Set<Stopper>();
const stoppers = new Set<Stopper>();
let installed: ProcessHandlerOptions | null = null;
let terminal: TerminalOwner | null = null;
let interrupt = new AbortController();
let reason: ExitSignal | 'crash' | null = null;
let stopping: Promise<void> | null = null;
let watchdog: NodeJS.Timeout | null = null;
/** Registrations kept by resetShutdownForTests (see onShutdown). */
const standing = new Set<Stopper>();
/** Once stopping or killing has begun: nothing new may start. */
let ending = false;

/** Whether the tour is ending: the process and pty registries then refuse new work. */
export function isEnding(): boolean {
  return ending;
}

/** Registers a synchronous cleanup run once at exit; returns a function that unregisters it. */
export function atExit(cleanup: () => void): () => void {
  exitCleanups.add(cleanup);
  return () => {
    exitCleanups.delete(cleanup);
  };
}

/** Runs every exit cleanup once (errors are swallowed: the others still run). */
export function runExitCleanups(): void {
  const all = [...exitCleanups];
  exitCleanups.clear();
  for (const fn of all) {
    try {
      fn();
    } catch {
      // best effort: the next cleanup still runs
    }
  }
}

/**
 * Registers what a signal or a crash must end; returns a function that unregisters it.
 * `first`: stopped before the others (the registries of process groups and ptys, so that
 * their escalation starts with the signal the tour received, before a session's own
 * dispose cancels its commands with the default SIGINT). `standing`: registered once, when a
 * module loads, for the life of the process (those registries); a test's reset keeps it.
 */
export function onShutdown(stopper: Stopper, o: { first?: boolean; standing?: boolean } = {}): () => void {
  const set = o.first ? firstStoppers : stoppers;
  set.add(stopper);
  if (o.standing) standing.add(stopper);
  return () => {
    set.delete(stopper);
  };
}

function allStoppers(): Stopper[] {
  return [...firstStoppers, ...stoppers];
}

/** The TUI owns the terminal while it runs; returns a function that gives the claim up. */
export function claimTerminal(owner: TerminalOwner): () => void {
  terminal = owner;
  return () => {
    if (terminal === owner) terminal = null;
  };
}

/** Aborted at the first signal (its reason is the signal's name). */
export function interruption(): AbortSignal {
  return interrupt.signal;
}

/** The signal that is ending the tour, 'crash', or null. */
export function shutdownReason(): ExitSignal | 'crash' | null {
  return reason;
}

/** The exit status the tour must end with because of a signal or a crash, or null. */
export function shutdownExitCode(): number | null {
  if (reason === null) return null;
  return reason === 'crash' ? 1 : signalExitCode(reason);
}

function withTimeout(p: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    timer.unref();
    p.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(true);
      },
    );
  });
}

/** Every stopper's kill(), synchronously. */
export function killEverythingNow(): void {
  ending = true;
  for (const s of allStoppers()) {
    try {
      s.kill();
    } catch {
      // the next one still runs
    }
  }
}

async function giveTerminalBack(): Promise<void> {
  const owner = terminal;
  if (!owner) return;
  const done = await withTimeout(Promise.resolve().then(() => owner.restore()), RESTORE_TIMEOUT_MS);
  if (!done) owner.restoreNow();
}

/**
 * Stops everything registered, gracefully from `signal` (SIGTERM for a crash). Stoppers are
 * started in the order they registered, all at once, so that the process groups' escalation
 * starts with the signal the tour received. What is not gone within STOP_TIMEOUT_MS is killed.
 */
async function stopEverything(signal: ExitSignal): Promise<void> {
  ending = true;
  const pending = allStoppers().map((s) => {
    try {
      return Promise.resolve(s.stop(signal));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
  const finished = await withTimeout(Promise.allSettled(pending), STOP_TIMEOUT_MS);
  if (!finished) killEverythingNow();
}

export interface ProcessHandlerOptions {
  /** Said once at the first signal, after the terminal is given back (headless: "stopping…"). */
  readonly notice?: (signal: ExitSignal) => void;
  /** Says what went wrong after a crash, in one line with the next action (the terminal is back by then). */
  readonly report: (error: unknown) => void;
  /** For the forced exit's note (IVOL_TOUR_DEBUG). */
  readonly debug?: boolean;
  /** Where the forced exit's note goes (default stderr). */
  readonly write?: (text: string) => void;
}

/**
 * Begins the end of the tour because of `cause`. Returns the promise of everything stopped.
 * A second call while stopping kills what is left and exits at once.
 */
export function requestShutdown(cause: ExitSignal | 'crash', o: ProcessHandlerOptions, error?: unknown): Promise<void> {
  if (stopping) {
    if (cause !== 'crash') forceExit(o, 'second signal');
    return stopping;
  }
  reason = cause;
  process.exitCode = shutdownExitCode() ?? 1;
  interrupt.abort(cause);
  stopping = (async () => {
    await giveTerminalBack();
    try {
      if (cause === 'crash') o.report(error);
      else o.notice?.(cause);
    } catch {
      // nowhere to write (the terminal hung up)
    }
    await stopEverything(cause === 'crash' ? 'SIGTERM' : cause);
    runExitCleanups();
    // Everything the tour started is gone. The process should end by itself now; if
    // something still holds it, do not keep the learner waiting.
    watchdog = setTimeout(() => forceExit(o, `still running ${FORCE_EXIT_AFTER_MS} ms after stopping`), FORCE_EXIT_AFTER_MS);
    watchdog.unref();
  })();
  return stopping;
}

function forceExit(o: ProcessHandlerOptions, why: string): void {
  terminal?.restoreNow();
  killEverythingNow();
  runExitCleanups();
  if (o.debug) {
    const open = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
    (o.write ?? ((s: string) => void process.stderr.write(s)))(`ivol-tour: forced exit (${why}); still open: ${open.join(', ') || 'nothing'}\n`);
  }
  process.exit(shutdownExitCode() ?? 1);
}

/**
 * Catches SIGINT, SIGTERM, SIGHUP and SIGQUIT, uncaught exceptions and unhandled rejections,
 * and runs the exit cleanups at exit. Returns a function that removes the handlers.
 */
export function installProcessHandlers(o: ProcessHandlerOptions): () => void {
  installed = o;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (isExitSignal(signal)) void requestShutdown(signal, o);
  };
  const onCrash = (error: unknown): void => {
    if (stopping) {
      // A crash while stopping: what is left is killed, at once.
      forceExit(o, `crash while stopping: ${errorMessage(error)}`);
      return;
    }
    void requestShutdown('crash', o, error);
  };
  const onExit = (): void => runExitCleanups();
  // Writing to a terminal that hung up (SIGHUP) or a closed pipe fails: that is no crash,
  // there is just nobody left to read.
  const onOutputError = (error: NodeJS.ErrnoException): void => {
    if (error.code === 'EIO' || error.code === 'EPIPE' || error.code === 'ENOTCONN' || error.code === 'ECONNRESET') return;
    onCrash(error);
  };
  for (const s of EXIT_SIGNALS) process.on(s, onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  process.on('exit', onExit);
  process.stdout.on('error', onOutputError);
  process.stderr.on('error', onOutputError);
  return () => {
    if (installed === o) installed = null;
    for (const s of EXIT_SIGNALS) process.off(s, onSignal);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    process.off('exit', onExit);
    process.stdout.off('error', onOutputError);
    process.stderr.off('error', onOutputError);
  };
}

/**
 * A crash that was caught elsewhere (Ink gave up rendering): ends the tour like an uncaught
 * exception does. Without installed handlers, only gives the terminal back and stops
 * everything (the caller reports).
 */
export function crash(error: unknown): Promise<void> {
  return requestShutdown('crash', installed ?? { report: () => undefined }, error);
}

/** Forgets every registration but the standing ones, and the shutdown state (tests only). */
export function resetShutdownForTests(): void {
  exitCleanups.clear();
  for (const set of [firstStoppers, stoppers]) for (const s of set) if (!standing.has(s)) set.delete(s);
  ending = false;
  installed = null;
  terminal = null;
  interrupt = new AbortController();
  reason = null;
  stopping = null;
  if (watchdog) clearTimeout(watchdog);
  watchdog = null;
}
