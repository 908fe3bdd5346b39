// A ShellSession fake: records what was written and resized; the test plays the shell.
// Like the real pty session, output printed before anyone listens is kept for the first listener.
import type { ShellSession } from '../../../src/adapters/ports.js';

export class FakeShellSession implements ShellSession {
  readonly writes: string[] = [];
  readonly resizes: [number, number][] = [];
  killed = 0;
  exited: { exitCode: number | null } | null = null;
  private readonly dataListeners = new Set<(data: string) => void>();
  private readonly exitListeners = new Set<(exit: { exitCode: number | null }) => void>();
  private backlog: string[] | null = [];

  get written(): string {
    return this.writes.join('');
  }

  onData(listener: (data: string) => void): () => void {
    this.dataListeners.add(listener);
    const early = this.backlog;
    this.backlog = null;
    for (const chunk of early ?? []) listener(chunk);
    return () => this.dataListeners.delete(listener);
  }

  onExit(listener: (exit: { exitCode: number | null }) => void): () => void {
    if (this.exited) {
      const e = this.exited;
      queueMicrotask(() => listener(e));
    } else this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  write(data: string): void {
    if (!this.exited) this.writes.push(data);
  }

  resize(cols: number, rows: number): void {
    if (this.exited) throw new Error('resize after exit (the pane must not care)');
    this.resizes.push([cols, rows]);
  }

  kill(): void {
    this.killed++;
    this.exit(null);
  }

  /** The shell prints. */
  output(data: string): void {
    if (this.backlog) this.backlog.push(data);
    for (const l of [...this.dataListeners]) l(data);
  }

  exit(exitCode: number | null): void {
    if (this.exited) return;
    this.exited = { exitCode };
    for (const l of [...this.exitListeners]) l(this.exited);
  }
}
