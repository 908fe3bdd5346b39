// Owns the pod shell of a session: the shell session (a pty in real mode), its terminal screen
// (the emulator), the recording of it (asciicast) and the full-screen fallback when no pty
// module loads. The UI renders a shell; it does not own one: it reads snapshots (subscribe /
// getSnapshot, for React's useSyncExternalStore), hears events (on), and calls the methods
// below. Created with the session (app/session.ts), whose dispose() ends it. The ptys it opens
// are also ended by a signal (adapters/pty/pty-shell.ts registers them with app/shutdown.ts).
//
// One shell at a time: opening the shell of another step ends the one before.

import { homedir } from 'node:os';
import { OwnershipError, type ShellLauncher, type ShellSession } from '../adapters/ports.js';
import { AsciicastRecorder } from '../adapters/pty/asciicast.js';
import type { ScreenSnapshot } from '../adapters/pty/terminal-screen.js';
import type { Lang } from '../i18n/types.js';
import type { MessageRef } from '../i18n/types.js';
import { attachTerminal, type ShellExit, type ShellTerminal } from './shell-terminal.js';

export type { ShellExit } from './shell-terminal.js';

export interface ShellOpenRequest {
  /** The step whose shell it is. */
  readonly stepId: string;
  readonly pod: string;
  readonly container: string;
  /** The size of the screen the shell shows in. */
  readonly cols: number;
  readonly rows: number;
}

/** opening: waiting for the session; running: the shell runs; ended: it has exited (the screen stays). */
export type ShellPhase = 'opening' | 'running' | 'ended';

/** What the shell is doing (changes seldom: a new object only when something here changes). */
export interface ShellStatus {
  /** Which shell this is: every open gives a new one. */
  readonly id: number;
  readonly stepId: string;
  readonly pod: string;
  readonly container: string;
  readonly phase: ShellPhase;
  readonly exit: ShellExit | null;
  /** Why the screen could not be shown (the emulator did not load). */
  readonly error: string | null;
  /** The recording's file (as the learner would type it) while one runs. */
  readonly recording: string | null;
}

export interface ShellSnapshot {
  readonly status: ShellStatus;
  /** The visible screen (null until the emulator has loaded). */
  readonly screen: ScreenSnapshot | null;
}

/** What the learner is told about (the UI turns each into a notice or a state change). */
export type ShellEvent =
  | { readonly type: 'ended'; readonly stepId: string; readonly exit: ShellExit }
  | { readonly type: 'openFailed'; readonly stepId: string; readonly message: MessageRef }
  | { readonly type: 'fullScreenEnded' }
  | { readonly type: 'fullScreenFailed'; readonly error: string }
  | { readonly type: 'recordingStarted'; readonly path: string }
  | { readonly type: 'recordingSaved'; readonly path: string }
  | { readonly type: 'recordingFailed'; readonly error: string };

/** What the shell pane needs: the screen to draw, and where typed bytes and its size go. */
export interface ShellScreenSource {
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => ShellSnapshot | null;
  /** Bytes the learner typed (recorded as input when a recording runs). */
  readonly write: (data: string) => void;
  readonly resize: (cols: number, rows: number) => void;
}

/** Where a recording goes (adapters/pty/asciicast.ts). */
export interface ShellRecorder {
  /** Creates the file; returns its path. Throws when it cannot. */
  start(cols: number, rows: number): string;
  output(data: string): void;
  input(data: string): void;
  resize(cols: number, rows: number): void;
  /** Closes the file; resolves with its path once everything is written. */
  stop(): Promise<string | undefined>;
}

export interface RecorderOptions {
  readonly dir: string;
  readonly title: string;
  readonly lang: Lang;
}

/** Gives the whole terminal to `work` for as long as it runs (the TUI: Ink's suspendTerminal). */
export type SuspendTerminal = (work: () => Promise<void>) => Promise<void>;

export interface ShellControllerOptions {
  readonly launcher: ShellLauncher;
  /** Where recordings are saved. */
  readonly transcriptDir: string;
  /** The learner's language now (the recording's notes, the full-screen notice). */
  readonly lang: () => Lang;
  /** Makes a recorder; default an asciicast file. */
  readonly recorder?: (o: RecorderOptions) => ShellRecorder;
  /** The home directory, for showing paths as ~/…; default os.homedir(). */
  readonly home?: string;
}

/** Whether opening the shell failed because no pty module loads (pty-shell.ts ShellOpenError). */
function noPty(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'NO_PTY';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ShellController implements ShellScreenSource {
  private snapshot: ShellSnapshot | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly eventListeners = new Set<(event: ShellEvent) => void>();
  private session: ShellSession | null = null;
  private terminal: ShellTerminal | null = null;
  private recorder: ShellRecorder | null = null;
  private size = { cols: 80, rows: 24 };
  private offset = 0;
  /** Counts opens: work for a shell that was replaced meanwhile is dropped. */
  private generation = 0;
  private suspend: SuspendTerminal | null = null;
  private disposed = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly options: ShellControllerOptions) {}

  /** Where shell recordings are saved (the recap says so). */
  get transcriptDir(): string {
    return this.options.transcriptDir;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = (): ShellSnapshot | null => this.snapshot;

  /** The events of every shell from now on; returns a function that stops them. */
  on(listener: (event: ShellEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => {
      this.eventListeners.delete(listener);
    };
  }

  /**
   * The UI lends the terminal for the full-screen fallback (Ink must let go of it first);
   * returns a function that takes the loan back.
   */
  lendTerminal(suspend: SuspendTerminal): () => void {
    this.suspend = suspend;
    return () => {
      if (this.suspend === suspend) this.suspend = null;
    };
  }

  /**
   * Opens the shell of a step (nothing when that shell is already open or opening). Resolves
   * once it runs, or failed (an `openFailed` event says why), or, when no pty module loads,
   * once the full-screen shell that took its place has ended.
   */
  async open(request: ShellOpenRequest): Promise<void> {
    if (this.disposed) return;
    const current = this.snapshot?.status;
    if (current && current.stepId === request.stepId && current.phase !== 'ended') return;
    this.close();
    const generation = this.generation;
    const { stepId, pod, container, cols, rows } = request;
    this.size = { cols, rows };
    this.offset = 0;
    this.publish({ status: { id: generation, stepId, pod, container, phase: 'opening', exit: null, error: null, recording: null }, screen: null });
    let session: ShellSession;
    try {
      session = await this.options.launcher.open({ pod, container, cols, rows });
    } catch (error) {
      if (generation !== this.generation) return;
      this.publish(null);
      if (noPty(error)) {
        await this.runFullScreen(pod, container, message(error));
        return;
      }
      // Not the tour's Pod: the refusal says so in the learner's language.
      const refused: MessageRef | undefined =
        error instanceof OwnershipError ? { key: `diag.${error.refusal.rule}.cause`, params: error.refusal.params } : undefined;
      this.emit({ type: 'openFailed', stepId, message: refused ?? { key: 'ui.notice.shellFailed', params: { error: message(error) } } });
      return;
    }
    if (generation !== this.generation) {
      session.kill();
      return;
    }
    this.session = session;
    this.setStatus({ phase: 'running' });
    try {
      const terminal = await attachTerminal(session, this.size.cols, this.size.rows, { onOutput: (data) => this.recorder?.output(data) });
      if (generation !== this.generation) {
        terminal.dispose();
        return;
      }
      this.terminal = terminal;
      // The pane may have changed size while the emulator loaded.
      terminal.resize(this.size.cols, this.size.rows);
      this.cleanups.push(terminal.screen.subscribe(() => this.takeScreen()));
      this.cleanups.push(terminal.onExit((exit) => this.ended(generation, exit)));
      this.takeScreen();
    } catch (error) {
      if (generation !== this.generation) return;
      // No screen to show it on; the shell's end is still heard.
      this.setStatus({ error: message(error) });
      this.cleanups.push(session.onExit((exit) => this.ended(generation, exit)));
    }
  }

  write = (data: string): void => {
    if (data === '' || this.snapshot?.status.phase !== 'running' || !this.session) return;
    // Recorded first: a shell that echoes at once (the simulated one) answers inside write().
    this.recorder?.input(data);
    this.session.write(data);
  };

  resize = (cols: number, rows: number): void => {
    if (cols === this.size.cols && rows === this.size.rows) return;
    this.size = { cols, rows };
    if (!this.terminal) return;
    this.terminal.resize(cols, rows);
    this.recorder?.resize(cols, rows);
    this.takeScreen();
  };

  /** Shows the screen `offset` rows back from the live view (0: live). */
  scrollTo(offset: number): void {
    if (offset === this.offset) return;
    this.offset = offset;
    this.takeScreen();
  }

  /** Starts recording the running shell, or stops the recording that runs (t). */
  toggleRecording(): void {
    if (this.recorder) {
      this.stopRecording();
      return;
    }
    const status = this.snapshot?.status;
    if (!status || status.phase !== 'running') return;
    const make = this.options.recorder ?? ((o: RecorderOptions) => new AsciicastRecorder(o));
    const recorder = make({ dir: this.options.transcriptDir, title: `ivol-tour: ${status.pod}/${status.container}`, lang: this.options.lang() });
    let path: string;
    try {
      path = recorder.start(this.size.cols, this.size.rows);
    } catch (error) {
      this.emit({ type: 'recordingFailed', error: message(error) });
      return;
    }
    this.recorder = recorder;
    this.setStatus({ recording: this.shown(path) });
    this.emit({ type: 'recordingStarted', path: this.shown(path) });
  }

  /** Ends the running shell (it exits; the screen stays until the shell is opened again). */
  end(): void {
    this.session?.kill();
  }

  /** Ends the shell and forgets it: the screen is freed, a recording is saved. */
  close(): void {
    this.generation++;
    this.session?.kill();
    this.session = null;
    for (const c of this.cleanups.splice(0)) c();
    this.terminal?.dispose();
    this.terminal = null;
    this.stopRecording();
    if (this.snapshot) this.publish(null);
  }

  /** Ends everything (the session's dispose): no shell opens after this. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    const recorder = this.recorder;
    this.recorder = null;
    this.close();
    this.disposed = true;
    this.suspend = null;
    this.listeners.clear();
    this.eventListeners.clear();
    await recorder?.stop().catch(() => undefined);
  }

  private ended(generation: number, exit: ShellExit): void {
    if (generation !== this.generation) return;
    this.takeScreen();
    this.setStatus({ phase: 'ended', exit });
    // What was recorded is saved: nothing more can be recorded of this shell.
    this.stopRecording();
    const stepId = this.snapshot?.status.stepId ?? '';
    this.emit({ type: 'ended', stepId, exit });
  }

  private stopRecording(): void {
    const recorder = this.recorder;
    if (!recorder) return;
    this.recorder = null;
    if (this.snapshot) this.setStatus({ recording: null });
    recorder.stop().then(
      (path) => this.emit({ type: 'recordingSaved', path: this.shown(path ?? '') }),
      () => undefined,
    );
  }

  /** The full-screen fallback: the port runs the shell on the whole terminal, lent by the UI. */
  private async runFullScreen(pod: string, container: string, reason: string): Promise<void> {
    const { launcher } = this.options;
    try {
      if (!launcher.runFullScreen) throw new Error('This mode has no full-screen shell.');
      const run = async (): Promise<void> => {
        await launcher.runFullScreen?.({ pod, container, reason });
      };
      await (this.suspend ? this.suspend(run) : run());
      this.emit({ type: 'fullScreenEnded' });
    } catch (error) {
      this.emit({ type: 'fullScreenFailed', error: message(error) });
    }
  }

  private takeScreen(): void {
    if (!this.snapshot || !this.terminal) return;
    this.publish({ status: this.snapshot.status, screen: this.terminal.screen.snapshot({ offset: this.offset }) });
  }

  private setStatus(patch: Partial<ShellStatus>): void {
    if (!this.snapshot) return;
    this.publish({ status: { ...this.snapshot.status, ...patch }, screen: this.snapshot.screen });
  }

  private publish(snapshot: ShellSnapshot | null): void {
    this.snapshot = snapshot;
    for (const l of [...this.listeners]) l();
  }

  private emit(event: ShellEvent): void {
    for (const l of [...this.eventListeners]) l(event);
  }

  /** A path as the learner would type it: the home directory as ~. */
  private shown(path: string): string {
    const home = this.options.home ?? homedir();
    return home && path.startsWith(home + '/') ? `~${path.slice(home.length)}` : path;
  }
}
