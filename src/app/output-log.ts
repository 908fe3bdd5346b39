// What commands print, per step, in a fixed-size scrollback. Lines keep their colours (SGR);
// carriage-return rewrites replace the line being written, as a terminal would.
// Subscribers are told at most once per `notifyEveryMs` (the UI must not re-render per chunk).
//
// Memory is bounded however a command prints: at most `limit` lines, each at most
// MAX_LINE_CHARS. A line longer than that (20 MB without a newline) keeps its end, and says
// how many characters were dropped (`cut`); the line still being written is cut the same way
// as it grows, so it never holds more than twice the cap.

import { copyOf } from '../engine/text-tail.js';

export type OutputKind = 'command' | 'stdout' | 'stderr' | 'note';

export interface OutputLine {
  readonly text: string;
  readonly kind: OutputKind;
  /** Characters dropped from the start of this (too long) line. */
  readonly cut?: number;
}

export const DEFAULT_SCROLLBACK = 5000;
/** The longest line kept, in characters (a pane shows ~200 columns of it). */
export const MAX_LINE_CHARS = 8192;

interface Partial {
  text: string;
  /** Characters dropped from its start so far. */
  cut: number;
}

class StepLog {
  readonly lines: OutputLine[] = [];
  /** Lines dropped off the top so far. */
  dropped = 0;
  private partial: Record<'stdout' | 'stderr', Partial> = { stdout: { text: '', cut: 0 }, stderr: { text: '', cut: 0 } };

  constructor(
    private readonly limit: number,
    private readonly maxLine: number,
  ) {}

  push(line: OutputLine): void {
    this.lines.push(capLine(line, this.maxLine));
    // Trim in batches: one splice per `limit / 2` lines keeps pushing O(1) amortised.
    if (this.lines.length > this.limit + (this.limit >> 1)) {
      const extra = this.lines.length - this.limit;
      this.lines.splice(0, extra);
      this.dropped += extra;
    }
  }

  /** The last `limit` lines. */
  visible(): OutputLine[] {
    return this.lines.length > this.limit ? this.lines.slice(this.lines.length - this.limit) : this.lines;
  }

  droppedCount(): number {
    return this.dropped + Math.max(0, this.lines.length - this.limit);
  }

  write(text: string, stream: 'stdout' | 'stderr'): void {
    const p = this.partial[stream];
    const nl = text.lastIndexOf('\n');
    if (nl < 0) {
      // No line ends here: only the line being written grows (bounded below).
      p.text += text;
      this.bound(p);
      return;
    }
    const parts = (p.text + text.slice(0, nl)).split('\n');
    const firstCut = p.cut;
    for (let i = 0; i < parts.length; i++) {
      const raw = parts[i] ?? '';
      this.push({ text: lastRewrite(raw), kind: stream, ...(i === 0 && firstCut > 0 ? { cut: firstCut } : {}) });
    }
    p.text = text.slice(nl + 1);
    p.cut = 0;
    this.bound(p);
  }

  /**
   * Keeps the line being written small: what a carriage return has overwritten is dropped
   * (a progress bar rewriting one line forever), and past twice the cap only the end is kept.
   */
  private bound(p: Partial): void {
    if (p.text.length > Math.min(256, this.maxLine)) {
      const r = p.text.lastIndexOf('\r', p.text.length - 2);
      if (r >= 0) {
        p.text = p.text.slice(r + 1);
        p.cut = 0; // what was cut has been overwritten anyway
      }
    }
    if (p.text.length > 2 * this.maxLine) {
      p.cut += p.text.length - this.maxLine;
      p.text = copyOf(p.text.slice(p.text.length - this.maxLine));
    }
  }

  flush(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const p = this.partial[stream];
      if (p.text !== '' || p.cut > 0) {
        this.push({ text: lastRewrite(p.text), kind: stream, ...(p.cut > 0 ? { cut: p.cut } : {}) });
        this.partial[stream] = { text: '', cut: 0 };
      }
    }
  }

  pending(): OutputLine[] {
    const out: OutputLine[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const p = this.partial[stream];
      if (p.text !== '' || p.cut > 0) out.push(capLine({ text: lastRewrite(p.text), kind: stream, ...(p.cut > 0 ? { cut: p.cut } : {}) }, this.maxLine));
    }
    return out;
  }
}

/** The line, its end kept when it is longer than `max` (the dropped characters added to `cut`). */
function capLine(line: OutputLine, max: number): OutputLine {
  if (line.text.length <= max) return line;
  const extra = line.text.length - max;
  return { ...line, text: copyOf(line.text.slice(extra)), cut: (line.cut ?? 0) + extra };
}

/** What is left visible after carriage returns: the text after the last \r (ignoring a trailing one). */
function lastRewrite(line: string): string {
  const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
  const i = trimmed.lastIndexOf('\r');
  return i < 0 ? trimmed : trimmed.slice(i + 1);
}

export class OutputLog {
  private readonly logs = new Map<string, StepLog>();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly limit = DEFAULT_SCROLLBACK,
    private readonly notifyEveryMs = 50,
    private readonly maxLine = MAX_LINE_CHARS,
  ) {}

  private log(stepId: string): StepLog {
    let l = this.logs.get(stepId);
    if (!l) {
      l = new StepLog(this.limit, this.maxLine);
      this.logs.set(stepId, l);
    }
    return l;
  }

  /** Adds a whole line of the tour's own (the command being run, a note). */
  line(stepId: string, text: string, kind: 'command' | 'note'): void {
    const l = this.log(stepId);
    l.flush();
    l.push({ text, kind });
    this.changed();
  }

  write(stepId: string, text: string, stream: 'stdout' | 'stderr'): void {
    this.log(stepId).write(text, stream);
    this.changed();
  }

  /** Ends partial lines (when a command exits). */
  flush(stepId: string): void {
    this.log(stepId).flush();
    this.changed();
  }

  clear(stepId: string): void {
    this.logs.delete(stepId);
    this.changed();
  }

  /** The lines of a step, including a line still being written. */
  lines(stepId: string): readonly OutputLine[] {
    const l = this.logs.get(stepId);
    if (!l) return [];
    const pending = l.pending();
    const visible = l.visible();
    return pending.length ? [...visible, ...pending] : visible;
  }

  dropped(stepId: string): number {
    return this.logs.get(stepId)?.droppedCount() ?? 0;
  }

  getVersion(): number {
    return this.version;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.version++;
    if (this.timer !== null || this.listeners.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      for (const l of this.listeners) l();
    }, this.notifyEveryMs);
    this.timer.unref?.();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }
}
