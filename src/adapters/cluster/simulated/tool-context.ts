// What a simulated tool (kind, kubectl, docker) gets to run: the world, the files, the clock,
// the cancellation signal and the output streams.
import type { FileStore, OutputStream } from '../../ports.js';
import type { SimWorld } from './world.js';

export interface ToolContext {
  readonly world: SimWorld;
  readonly files: FileStore;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly signal?: AbortSignal;
  /** Sleeps on the world's clock; rejects with an AbortError when the command is cancelled. */
  sleep(ms: number): Promise<void>;
  write(text: string, stream: OutputStream): void;
}

export function stdout(ctx: ToolContext, text: string): void {
  ctx.write(text, 'stdout');
}

export function stderr(ctx: ToolContext, text: string): void {
  ctx.write(text, 'stderr');
}

/** Resolves a path argument against the command's working directory. */
export function resolveArg(ctx: ToolContext, path: string): string {
  if (path.startsWith('/') || !ctx.cwd) return path;
  return `${ctx.cwd.replace(/\/$/, '')}/${path}`;
}
