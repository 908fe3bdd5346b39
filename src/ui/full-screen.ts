// The alternate screen an Ink program draws on, and the terminal given back as it was (raw
// mode off, cursor shown, alternate screen left), once, whichever way the program ends: the
// tour's TUI (start-tui.tsx) and `room watch` (room/start-room-watch.tsx) both use it, and both
// hand `restore`/`restoreNow` to app/shutdown.ts so that a signal or a crash gives it back first.
import type { Instance } from 'ink';

const ENTER_ALT = '\x1b[?1049h\x1b[H\x1b[2J';
const LEAVE_ALT = '\x1b[0m\x1b[?25h\x1b[?1049l';
/** How long Ink may take to write its last frame before the terminal is given back anyway. */
const UNMOUNT_TIMEOUT_MS = 1000;

export interface FullScreen {
  /** Enters the alternate screen and renders there (`draw` calls Ink's render). */
  mount(draw: () => Instance): Instance;
  /** Whether the terminal has been given back (or is being given back). */
  readonly restored: boolean;
  /** Unmounts Ink, lets it write its last frame (up to a second), then gives the terminal back. */
  restore(): Promise<void>;
  /** The same, synchronously (a second signal, a forced exit). */
  restoreNow(): void;
}

/** Resolves when `p` settles or after `ms`, whichever comes first; never rejects. */
export function settledWithin(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    p.then(done, done);
  });
}

export function fullScreen(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): FullScreen {
  let ink: Instance | null = null;
  let restored = false;

  const leaveTerminal = (): void => {
    try {
      if (stdin.isTTY && typeof stdin.setRawMode === 'function') stdin.setRawMode(false);
    } catch {
      // not a terminal any more
    }
    try {
      stdout.write(LEAVE_ALT);
    } catch {
      // the terminal is gone (SIGHUP)
    }
  };

  /** Marks the terminal as given back and takes Ink's instance, once. */
  const take = (): { instance: Instance | null } | null => {
    if (restored) return null;
    restored = true;
    const instance = ink;
    ink = null;
    return { instance };
  };

  return {
    mount(draw) {
      stdout.write(ENTER_ALT);
      ink = draw();
      return ink;
    },
    get restored() {
      return restored;
    },
    async restore() {
      const taken = take();
      if (!taken) return;
      if (taken.instance) {
        try {
          taken.instance.unmount();
          await settledWithin(taken.instance.waitUntilExit(), UNMOUNT_TIMEOUT_MS);
        } catch {
          // already unmounted
        }
      }
      leaveTerminal();
    },
    restoreNow() {
      const taken = take();
      if (!taken) return;
      try {
        taken.instance?.unmount();
      } catch {
        // already unmounted
      }
      leaveTerminal();
    },
  };
}
