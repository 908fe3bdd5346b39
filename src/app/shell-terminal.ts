// A shell session joined to its terminal screen (the @xterm/headless emulator): what the shell
// prints is parsed into a screen, the emulator's answers to the shell's queries go back to the
// shell, a shell printing faster than the emulator parses is paused (flow control), and the
// exit is reported once the screen shows the shell's last output.
// The shell controller (shell-controller.ts) owns one of these per open shell.

import type { ShellSession } from '../adapters/ports.js';
import { HIGH_WATER, TerminalScreen } from '../adapters/pty/terminal-screen.js';
import { TextTail } from '../engine/text-tail.js';

export interface ShellExit {
  readonly exitCode: number | null;
}

/** Output kept while the emulator loads (its end): more than a screen and its scrollback hold. */
const PENDING_LIMIT = 1 << 20;

/** Lines of scrollback the shell's screen keeps. */
export const SHELL_SCROLLBACK = 1000;

export interface ShellTerminal {
  readonly session: ShellSession;
  readonly screen: TerminalScreen;
  /** null while the shell runs. */
  readonly exit: ShellExit | null;
  /** Called once the shell has ended and the screen shows its last output (at once if it has). */
  onExit(listener: (exit: ShellExit) => void): () => void;
  /** Resizes the screen and the session together; harmless after the exit. */
  resize(cols: number, rows: number): void;
  /** Stops listening to the session and frees the emulator (the session is not ended). */
  dispose(): void;
}

export interface AttachOptions {
  /** Every chunk of output, as it arrives (also while the emulator loads): the recorder's feed. */
  readonly onOutput?: (data: string) => void;
}

/**
 * Joins `session` to a new screen of cols×rows. Subscribes to the session at once, so that no
 * output is lost while the emulator loads; rejects when the emulator cannot be loaded.
 */
export function attachTerminal(session: ShellSession, cols: number, rows: number, opts: AttachOptions = {}): Promise<ShellTerminal> {
  const pending = new TextTail(PENDING_LIMIT);
  let screen: TerminalScreen | undefined;
  let terminal: JoinedTerminal | undefined;
  let exitSeen: ShellExit | undefined;
  let paused = false;
  const offData = session.onData((data) => {
    opts.onOutput?.(data);
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
    terminal?.ended(exit);
  });
  return TerminalScreen.create(cols, rows, { scrollback: SHELL_SCROLLBACK }).then(
    (s) => {
      screen = s;
      s.write(pending.text());
      s.onReply((reply) => session.write(reply));
      s.onDrain(() => {
        if (!paused) return;
        paused = false;
        session.resume?.();
      });
      terminal = new JoinedTerminal(session, s, () => {
        offData();
        offExit();
      });
      if (exitSeen) terminal.ended(exitSeen);
      return terminal;
    },
    (err: unknown) => {
      offData();
      offExit();
      throw err;
    },
  );
}

class JoinedTerminal implements ShellTerminal {
  exit: ShellExit | null = null;
  private readonly exitListeners = new Set<(exit: ShellExit) => void>();
  private flushed = false;

  constructor(
    readonly session: ShellSession,
    readonly screen: TerminalScreen,
    private readonly unsubscribe: () => void,
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
    if (this.exit) return;
    try {
      this.session.resize(cols, rows);
    } catch {
      // A resize racing the exit: harmless.
    }
  }

  dispose(): void {
    this.unsubscribe();
    this.exitListeners.clear();
    this.screen.dispose();
  }
}
