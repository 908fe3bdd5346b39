// Connects a ShellSession to a TerminalScreen and turns the screen into React state.
// The screen of a session lives as long as the session (kept in a WeakMap), so the pane
// can unmount and mount again (the learner moves between steps) without losing what
// the shell showed, and output that arrives meanwhile is not lost either.

import { useEffect, useRef, useState } from 'react';
import type { ShellSession } from '../../adapters/ports.js';
import type { ShellTranscript } from '../../adapters/pty/asciicast.js';
import { HIGH_WATER, TerminalScreen, type ScreenSnapshot } from '../../adapters/pty/terminal-screen.js';
import { TextTail } from '../../engine/text-tail.js';

export interface ShellExit {
  readonly exitCode: number | null;
}

/** A session joined to its screen. */
export interface ShellView {
  readonly session: ShellSession;
  readonly screen: TerminalScreen;
  /** null while the shell runs. */
  readonly exit: ShellExit | null;
  /** Called once the shell has ended and the screen shows its last output (at once if it has). */
  onExit(listener: (exit: ShellExit) => void): () => void;
  /** Resizes the screen and the session together; harmless after the exit. */
  resize(cols: number, rows: number): void;
  /** Where output, input and resizes are recorded (set by the pane's transcript prop). */
  transcript: ShellTranscript | undefined;
}

const views = new WeakMap<ShellSession, Promise<ShellView>>();

/** Output kept while the emulator loads (its end): more than a screen and its scrollback hold. */
const PENDING_LIMIT = 1 << 20;

/** Lines of scrollback the pane's screen keeps. */
export const SHELL_SCROLLBACK = 1000;

/**
 * The view of a session, created on first use with the given size (then only resized).
 * Subscribes to the session at once, so no output is lost while the emulator loads.
 */
export function attachShellView(session: ShellSession, cols: number, rows: number): Promise<ShellView> {
  const existing = views.get(session);
  if (existing) return existing;
  // Output that arrives while the emulator loads: its end, at most PENDING_LIMIT characters.
  const pending = new TextTail(PENDING_LIMIT);
  let screen: TerminalScreen | undefined;
  let view: ShellViewImpl | undefined;
  let exitSeen: ShellExit | undefined;
  let paused = false;
  const offData = session.onData((data) => {
    view?.transcript?.output(data);
    if (!screen) {
      pending.append(data);
      return;
    }
    screen.write(data);
    // Flow control: a shell printing faster than the emulator parses waits for it.
    if (!paused && screen.backlog > HIGH_WATER && session.pause) {
      paused = true;
      session.pause();
    }
  });
  const offExit = session.onExit((exit) => {
    exitSeen = exit;
    view?.ended(exit);
  });
  const created = TerminalScreen.create(cols, rows, { scrollback: SHELL_SCROLLBACK }).then(
    (s) => {
      screen = s;
      s.write(pending.text());
      s.onReply((reply) => session.write(reply));
      s.onDrain(() => {
        if (!paused) return;
        paused = false;
        session.resume?.();
      });
      view = new ShellViewImpl(session, s);
      if (exitSeen) view.ended(exitSeen);
      return view;
    },
    (err: unknown) => {
      offData();
      offExit();
      views.delete(session);
      throw err;
    },
  );
  views.set(session, created);
  return created;
}

class ShellViewImpl implements ShellView {
  exit: ShellExit | null = null;
  transcript: ShellTranscript | undefined;
  private readonly exitListeners = new Set<(exit: ShellExit) => void>();
  private flushed = false;

  constructor(
    readonly session: ShellSession,
    readonly screen: TerminalScreen,
  ) {}

  ended(exit: ShellExit): void {
    if (this.exit) return;
    this.exit = exit;
    void this.screen.flush().then(() => {
      this.flushed = true;
      for (const l of [...this.exitListeners]) l(exit);
    });
  }

  onExit(listener: (exit: ShellExit) => void): () => void {
    if (this.exit && this.flushed) {
      const exit = this.exit;
      queueMicrotask(() => listener(exit));
      return () => {};
    }
    this.exitListeners.add(listener);
    return () => {
      this.exitListeners.delete(listener);
    };
  }

  resize(cols: number, rows: number): void {
    if (cols === this.screen.cols && rows === this.screen.rows) return;
    this.screen.resize(cols, rows);
    this.transcript?.resize(cols, rows);
    if (this.exit) return;
    try {
      this.session.resize(cols, rows);
    } catch {
      // A resize racing the exit: harmless.
    }
  }
}

export interface UseShellSessionOptions {
  /** Rows scrolled back from the live view (0: live). */
  readonly offset?: number;
  readonly transcript?: ShellTranscript;
  /** Called when the shell has ended (once per mount). */
  readonly onExit?: (exit: ShellExit) => void;
  /** ms to wait for the size to settle before resizing; default 40. */
  readonly resizeDebounceMs?: number;
}

export interface ShellSessionState {
  readonly view: ShellView | null;
  readonly snapshot: ScreenSnapshot | null;
  readonly exit: ShellExit | null;
  /** Set when the emulator could not be loaded. */
  readonly error: string | null;
}

/** The screen of `session` as state, sized cols×rows (resizing the session with it). */
export function useShellSession(
  session: ShellSession | null,
  cols: number,
  rows: number,
  opts: UseShellSessionOptions = {},
): ShellSessionState {
  const [view, setView] = useState<ShellView | null>(null);
  const [snapshot, setSnapshot] = useState<ScreenSnapshot | null>(null);
  const [exit, setExit] = useState<ShellExit | null>(null);
  const [error, setError] = useState<string | null>(null);
  const offsetRef = useRef(opts.offset ?? 0);
  offsetRef.current = opts.offset ?? 0;
  const onExitRef = useRef(opts.onExit);
  onExitRef.current = opts.onExit;
  const sizeRef = useRef({ cols, rows });
  sizeRef.current = { cols, rows };

  useEffect(() => {
    setView(null);
    setSnapshot(null);
    setExit(null);
    setError(null);
    if (!session) return undefined;
    let live = true;
    const cleanups: (() => void)[] = [];
    attachShellView(session, sizeRef.current.cols, sizeRef.current.rows).then(
      (v) => {
        if (!live) return;
        setView(v);
        const take = (): void => setSnapshot(v.screen.snapshot({ offset: offsetRef.current }));
        take();
        cleanups.push(v.screen.subscribe(() => take()));
        cleanups.push(
          v.onExit((e) => {
            if (!live) return;
            take();
            setExit(e);
            onExitRef.current?.(e);
          }),
        );
      },
      (err: unknown) => {
        if (live) setError(err instanceof Error ? err.message : String(err));
      },
    );
    return () => {
      live = false;
      for (const c of cleanups) c();
    };
  }, [session]);

  useEffect(() => {
    if (view) view.transcript = opts.transcript;
  }, [view, opts.transcript]);

  const debounce = opts.resizeDebounceMs ?? 40;
  useEffect(() => {
    if (!view) return undefined;
    if (cols === view.screen.cols && rows === view.screen.rows) return undefined;
    const timer = setTimeout(() => {
      view.resize(cols, rows);
      setSnapshot(view.screen.snapshot({ offset: offsetRef.current }));
    }, debounce);
    return () => clearTimeout(timer);
  }, [view, cols, rows, debounce]);

  const offset = opts.offset ?? 0;
  useEffect(() => {
    if (view) setSnapshot(view.screen.snapshot({ offset }));
  }, [view, offset]);

  return { view, snapshot, exit, error };
}
