// Renders the tour's App with ink-testing-library over fake adapters, and waits for what a
// person would see (polling the last frame with a deadline, never a fixed long sleep).
import { rmSync } from 'node:fs';
import { tempDir as makeTempDir } from './temp.js';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import { Component, type ReactNode } from 'react';
import type { Adapters } from '../../src/adapters/ports.js';
import type { PersonQuestions } from '../../src/app/person-questions.js';
import { ShellController } from '../../src/app/shell-controller.js';
import { TourController } from '../../src/app/tour-controller.js';
import { createProgressStore, type ProgressStore } from '../../src/adapters/store/progress-store.js';
import type { SessionFacts, TutorialSpec } from '../../src/engine/model.js';
import { App } from '../../src/ui/App.js';
import { stripAnsi } from '../../src/ui/text/ansi.js';
import { createFakeAdapters, type FakeAdapters } from './fake-adapters.js';
import { tinyFacts, tinyTutorial } from './tiny-tutorial.js';

export const KEYS = {
  up: '\x1b[A',
  down: '\x1b[B',
  enter: '\r',
  tab: '\t',
  esc: '\x1b',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  ctrlC: '\x03',
} as const;

export interface Harness {
  readonly controller: TourController;
  readonly shells: ShellController;
  readonly adapters: FakeAdapters;
  readonly progress: ProgressStore;
  readonly stateDir: string;
  readonly exits: number[];
  frame(): string;
  /** The last frame with its escape sequences. */
  rawFrame(): string;
  /** Resizes the terminal (emits 'resize' like a real one). */
  resize(columns: number, rows: number): Promise<void>;
  press(input: string): Promise<void>;
  waitFor(predicate: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  unmount(): Promise<void>;
}

export interface HarnessOptions {
  size?: { columns: number; rows: number };
  tutorial?: TutorialSpec;
  /** The session's facts (the mode among them: simulated unless said otherwise). */
  facts?: Partial<SessionFacts>;
  noColor?: boolean;
  startStep?: string;
  fresh?: boolean;
  stateDir?: string;
  adapters?: FakeAdapters;
  /** Other adapters than the fake ones (e.g. the simulated cluster); `adapters` is then unused. */
  otherAdapters?: Adapters;
  /** Questions from the adapters, shown by the App. */
  questions?: PersonQuestions;
}

/** Fails the test loudly when the App throws while rendering (Ink would just unmount). */
class Catch extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };
  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }
  override componentDidCatch(error: unknown): void {
    renderErrors.push(error);
  }
  override render(): ReactNode {
    return this.state.error ? null : this.props.children;
  }
}

/** Errors thrown while rendering, for afterEach checks. */
export const renderErrors: unknown[] = [];

/** A terminal-sized stdout (ink-testing-library's is fixed at 100 columns with no rows). */
class SizedStdout extends EventEmitter {
  readonly frames: string[] = [];
  isTTY = false;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
  lastFrame = (): string => this.frames[this.frames.length - 1] ?? '';
}

/** The same fake stdin as ink-testing-library's. */
class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
}

export const tick = (ms = 30): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function tempDir(): string {
  return makeTempDir('ivol-ui-test-');
}

export function renderTour(opts: HarnessOptions = {}): Harness {
  const adapters = opts.adapters ?? createFakeAdapters();
  const used: Adapters = opts.otherAdapters ?? adapters;
  const controller = new TourController(opts.tutorial ?? tinyTutorial(), tinyFacts(opts.facts), used);
  const stateDir = opts.stateDir ?? tempDir();
  const progress = createProgressStore(stateDir);
  // The session's shell, recording beside the progress (as app/session.ts does).
  const shells = new ShellController({ launcher: used.shells, transcriptDir: join(stateDir, 'transcripts'), lang: () => controller.getState().facts.lang });
  const exits: number[] = [];
  const size = opts.size ?? { columns: 100, rows: 30 };
  const stdout = new SizedStdout(size.columns, size.rows);
  const stdin = new FakeStdin();
  const inst = render(
    <Catch>
    <App
      controller={controller}
      shells={shells}
      noColor={opts.noColor ?? false}
      progress={progress}
      {...(opts.startStep !== undefined ? { startStep: opts.startStep } : {})}
      fresh={opts.fresh ?? false}
      {...(opts.questions ? { questions: opts.questions } : {})}
      onExit={(code) => exits.push(code)}
    />
    </Catch>,
    {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
  const frame = (): string => stripAnsi(stdout.lastFrame());

  return {
    controller,
    shells,
    adapters,
    progress,
    stateDir,
    exits,
    frame,
    rawFrame: () => stdout.lastFrame(),
    async resize(columns, rows) {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
      await tick();
    },
    async press(input) {
      stdin.write(input);
      await tick();
    },
    async waitFor(predicate, timeoutMs = 5000) {
      const test =
        typeof predicate === 'string' ? (f: string) => f.includes(predicate) : predicate instanceof RegExp ? (f: string) => predicate.test(f) : predicate;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const f = frame();
        if (test(f)) return f;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(predicate)}; last frame:\n${f}`);
        await tick(15);
      }
    },
    async unmount() {
      inst.unmount();
      await shells.dispose();
      await controller.dispose();
      await used.dispose();
      // A state directory this harness made is removed with it.
      if (opts.stateDir === undefined) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
