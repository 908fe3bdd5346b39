// Renders the tour's App with ink-testing-library over fake adapters, and waits for what a
// person would see (polling the last frame with a deadline, never a fixed long sleep).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
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
  readonly adapters: FakeAdapters;
  readonly progress: ProgressStore;
  readonly stateDir: string;
  readonly exits: number[];
  frame(): string;
  press(input: string): Promise<void>;
  waitFor(predicate: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  unmount(): Promise<void>;
}

export interface HarnessOptions {
  size?: { columns: number; rows: number };
  tutorial?: TutorialSpec;
  facts?: Partial<SessionFacts>;
  simulated?: boolean;
  noColor?: boolean;
  startStep?: string;
  fresh?: boolean;
  stateDir?: string;
  adapters?: FakeAdapters;
}

export const tick = (ms = 30): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ivol-ui-test-'));
}

export function renderTour(opts: HarnessOptions = {}): Harness {
  const adapters = opts.adapters ?? createFakeAdapters();
  const controller = new TourController(opts.tutorial ?? tinyTutorial(), tinyFacts(opts.facts), adapters);
  const stateDir = opts.stateDir ?? tempDir();
  const progress = createProgressStore(stateDir);
  const exits: number[] = [];
  const inst = render(
    <App
      controller={controller}
      simulated={opts.simulated ?? true}
      noColor={opts.noColor ?? false}
      progress={progress}
      size={opts.size ?? { columns: 100, rows: 30 }}
      {...(opts.startStep !== undefined ? { startStep: opts.startStep } : {})}
      fresh={opts.fresh ?? false}
      onExit={(code) => exits.push(code)}
    />,
  );
  const frame = (): string => stripAnsi(inst.lastFrame() ?? '');
  return {
    controller,
    adapters,
    progress,
    stateDir,
    exits,
    frame,
    async press(input) {
      inst.stdin.write(input);
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
      await controller.dispose();
      await adapters.dispose();
    },
  };
}
