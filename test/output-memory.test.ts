// A real child printing one very long line (20 MB, 300 MB, no newline) through the real
// process runner into the output log: memory stays bounded (the line being written keeps its
// end, capped like the scrollback), and the log says how much was dropped. Before the cap,
// 20 MB took 2.4 GB in the TUI and 300 MB crashed it. Issue 8.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createProcessRunner } from '../src/adapters/process/command-runner.js';
import { MAX_LINE_CHARS, OutputLog } from '../src/app/output-log.js';
import { recordFigure, recordTiming } from './helpers/signals.js';

/** Resident memory now, in bytes (from /proc where there is one: it is what the kernel counts). */
function rss(): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m?.[1]) return Number(m[1]) * 1024;
  } catch {
    // no /proc
  }
  return process.memoryUsage.rss();
}

const MB = 1 << 20;
/** Headroom over what the cap needs (a few chunks and one capped line): well below one copy of the 20 MB line in UTF-16. */
const RSS_GROWTH_BOUND = 64 * MB;

/** A node child that writes `mb` MB of "x" and then MARKER, no newline, respecting backpressure. */
function printer(mb: number): string[] {
  const script = `
    const chunk = 'x'.repeat(${MB});
    let i = 0;
    const go = () => {
      while (i < ${mb}) {
        i++;
        if (!process.stdout.write(chunk)) { process.stdout.once('drain', go); return; }
      }
      process.stdout.write('MARKER');
    };
    go();`;
  return [process.execPath, '-e', script];
}

describe('one very long output line, no newline, through the real runner and the output log', () => {
  for (const mb of [20, 300]) {
    it(`${mb} MB: RSS growth stays under ${RSS_GROWTH_BOUND / MB} MB; the end is kept and the drop is counted`, async () => {
      const runner = createProcessRunner();
      const log = new OutputLog();
      const before = rss();
      let peak = before;
      let pendingSeen = false;
      const sampler = setInterval(() => {
        peak = Math.max(peak, rss());
        // While the line is being written, the pane shows it already capped.
        const pending = log.lines('s').at(-1);
        if (pending && pending.text.length <= MAX_LINE_CHARS && (pending.cut ?? 0) > 0) pendingSeen = true;
      }, 10);
      const started = performance.now();
      let bytes = 0;
      const r = await runner.run({ argv: printer(mb), timeoutMs: 120_000 }, (text, stream) => {
        bytes += text.length;
        log.write('s', text, stream);
        peak = Math.max(peak, rss());
      });
      log.flush('s');
      clearInterval(sampler);
      peak = Math.max(peak, rss());
      const growth = peak - before;
      recordFigure(`output log, ${mb} MB line: peak RSS growth`, growth / MB, 'MB');
      recordTiming(`output log, ${mb} MB line: duration`, performance.now() - started);

      expect(r.exitCode).toBe(0);
      expect(bytes).toBe(mb * MB + 'MARKER'.length);
      const lines = log.lines('s');
      expect(lines).toHaveLength(1);
      const line = lines[0];
      expect(line?.text.length).toBe(MAX_LINE_CHARS);
      expect(line?.text.endsWith('xxxMARKER')).toBe(true);
      expect(line?.cut).toBe(bytes - MAX_LINE_CHARS);
      expect(pendingSeen).toBe(true);
      expect(growth, `RSS grew by ${Math.round(growth / MB)} MB`).toBeLessThan(RSS_GROWTH_BOUND);
    }, 180_000);
  }
});
