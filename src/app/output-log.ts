// What commands print, per step, in a fixed-size scrollback. Lines keep their colours (SGR);
// carriage-return rewrites replace the line being written, as a terminal would.
// Subscribers are told at most once per `notifyEveryMs` (the UI must not re-render per chunk).

export type OutputKind = 'command' | 'stdout' | 'stderr' | 'note';

export interface OutputLine {
  readonly text: string;
  readonly kind: OutputKind;
}

export const DEFAULT_SCROLLBACK = 5000;

class StepLog {
  readonly lines: OutputLine[] = [];
  /** Lines dropped off the top so far. */
  dropped = 0;
  private partial: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };

  constructor(private readonly limit: number) {}

  push(line: OutputLine): void {
    this.lines.push(line);
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
    const all = this.partial[stream] + text;
    const parts = all.split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const raw of parts) this.push({ text: lastRewrite(raw), kind: stream });
  }

  flush(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] !== '') {
        this.push({ text: lastRewrite(this.partial[stream]), kind: stream });
        this.partial[stream] = '';
      }
    }
  }

  pending(): OutputLine[] {
    const out: OutputLine[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] !== '') out.push({ text: lastRewrite(this.partial[stream]), kind: stream });
    }
    return out;
  }
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
  ) {}

  private log(stepId: string): StepLog {
    let l = this.logs.get(stepId);
    if (!l) {
      l = new StepLog(this.limit);
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
