import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Most test files spend their time waiting on the processes they drive (ptys, fake tools,
// timers), not computing: one more worker than cores keeps the cores busy. (vitest's default is
// cores - 1, which is one worker, files one after another, on a 2-core machine.)
const workers = availableParallelism() + 1;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    maxWorkers: workers,
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-file.ts'],
    // Files share a worker's module cache: each file does not import React, Ink and the tour's
    // modules again (that was a fifth of the suite's CPU). Hooks that every file needs are in the
    // setup file; no test changes process-wide state without putting it back.
    isolate: false,
  },
});
