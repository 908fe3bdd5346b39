// Starts `room watch`'s screen: the alternate screen, Ink, and the terminal given back as it was
// (raw mode off, cursor shown, alternate screen left) on q, Ctrl-C, SIGTERM, SIGHUP and a crash,
// as the tour's own TUI does (start-tui.tsx; signals and crashes are caught by app/shutdown.ts).
// The view follows the room's feed (app/room-watch-feed.ts: at most four updates a second)
// and a clock for the times on step (whole minutes: it ticks every 10 s; every second while
// the header counts down to a reconnect).
import { render } from 'ink';
import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { claimTerminal, crash, onShutdown, signalExitCode } from '../../app/shutdown.js';
import type { RoomFeed } from '../../app/room-watch-feed.js';
import type { Lang } from '../../i18n/types.js';
import { fullScreen } from '../full-screen.js';
import { useTerminalSize, type TerminalSize } from '../hooks/useTerminalSize.js';
import { RoomWatchScreen } from './RoomWatchScreen.js';

export interface RoomWatchAppProps {
  readonly feed: Pick<RoomFeed, 'get' | 'subscribe'>;
  readonly room: string;
  readonly context: string;
  readonly lang: Lang;
  readonly color: boolean;
  readonly onQuit: () => void;
  /** A fixed size (tests); else the terminal's, following resizes. */
  readonly size?: TerminalSize;
  readonly now?: () => number;
  /** How often the times on step (whole minutes) are brought up to date (default 10 s). */
  readonly tickMs?: number;
}

/** While the watch is lost the header counts down to the next try: once a second. */
const COUNTDOWN_MS = 1000;

export function RoomWatchApp({ feed, room, context, lang, color, onQuit, size, now = Date.now, tickMs = 10_000 }: RoomWatchAppProps): ReactNode {
  const view = useSyncExternalStore(feed.subscribe, feed.get);
  const terminal = useTerminalSize(size);
  const [, setTick] = useState(0);
  // Every redraw of a room costs (100 rows): the clock ticks only as often as what it shows changes.
  const every = view.connection.phase === 'lost' ? COUNTDOWN_MS : tickMs;
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), every);
    return () => clearInterval(timer);
  }, [every]);
  // The time is read as the frame is drawn (a tick or a new view): one commit per frame, never a
  // second one to bring the time up to date.
  return <RoomWatchScreen room={room} context={context} view={view} now={now()} lang={lang} color={color} size={terminal} onQuit={onQuit} />;
}

export interface RoomWatchTuiOptions {
  readonly feed: RoomFeed;
  readonly room: string;
  readonly context: string;
  readonly lang: Lang;
  readonly noColor: boolean;
  readonly stdin?: NodeJS.ReadStream;
  readonly stdout?: NodeJS.WriteStream;
}

/** Resolves with the exit code once the screen is gone, the terminal restored and the feed stopped. */
export function startRoomWatch(o: RoomWatchTuiOptions): Promise<number> {
  const stdout = o.stdout ?? process.stdout;
  const stdin = o.stdin ?? process.stdin;
  const screen = fullScreen(stdin, stdout);
  let resolveDone: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => {
    resolveDone = resolve;
  });

  const releaseTerminal = claimTerminal({ restore: () => screen.restore(), restoreNow: () => screen.restoreNow() });
  let finishing: Promise<void> | null = null;
  let offShutdown = (): void => undefined;
  const finish = (code: number): Promise<void> => {
    finishing ??= (async () => {
      o.feed.stop();
      await screen.restore();
      offShutdown();
      releaseTerminal();
      stdin.pause?.();
      resolveDone(code);
    })();
    return finishing;
  };
  offShutdown = onShutdown({ stop: (signal) => finish(signalExitCode(signal)), kill: () => screen.restoreNow() });

  try {
    const ink = screen.mount(() =>
      render(<RoomWatchApp feed={o.feed} room={o.room} context={o.context} lang={o.lang} color={!o.noColor} onQuit={() => void finish(0)} />, {
        stdout,
        stdin,
        exitOnCtrlC: false,
        interactive: true,
        patchConsole: true,
        // The feed already coalesces; this only bounds what a burst of keys could cost.
        maxFps: 10,
      }),
    );
    ink.waitUntilExit().then(
      () => {
        if (!screen.restored) void finish(0);
      },
      (error: unknown) => void crash(error),
    );
  } catch (error) {
    void crash(error);
  }
  return done;
}
