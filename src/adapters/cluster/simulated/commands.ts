// The CommandRunner of the simulated machine: interprets argv for kind, kubectl and docker,
// streams their output through the clock, honours timeouts and cancellation.
import type { CommandRequest, CommandResult, CommandRunner, FileStore, OutputStream } from '../../ports.js';
import { abortError } from './clock.js';
import { docker } from './docker-cli.js';
import { kind } from './kind-cli.js';
import { kubectl } from './kubectl-cli.js';
import type { ToolContext } from './tool-context.js';
import type { SimWorld } from './world.js';

type Tool = (args: readonly string[], ctx: ToolContext) => Promise<number>;

const TOOLS: Readonly<Record<string, Tool>> = { kind, kubectl, docker };

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export class SimulatedCommandRunner implements CommandRunner {
  private readonly running = new Set<AbortController>();

  constructor(
    private readonly world: SimWorld,
    private readonly files: FileStore,
  ) {}

  async run(request: CommandRequest, onOutput: (text: string, stream: OutputStream) => void): Promise<CommandResult> {
    const [program = '', ...args] = request.argv;
    const name = program.includes('/') ? program.slice(program.lastIndexOf('/') + 1) : program;
    const tool = TOOLS[name];
    if (!tool) {
      onOutput(`${program}: command not found\n`, 'stderr');
      return { exitCode: 127, timedOut: false, cancelled: false };
    }
    const controller = new AbortController();
    this.running.add(controller);
    const clock = this.world.clock;
    let timedOut = false;
    const onAbort = () => controller.abort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.signal?.aborted) controller.abort();
    // The timeout is measured on the world's clock: a sleep that would cross the deadline
    // sleeps until it and then ends the command (a virtual clock times out at once, too).
    const deadline = clock.now() + request.timeoutMs;
    const sleep = async (ms: number): Promise<void> => {
      if (controller.signal.aborted) throw abortError();
      const left = deadline - clock.now();
      if (ms < left) return clock.sleep(ms, controller.signal);
      await clock.sleep(Math.max(0, left), controller.signal);
      timedOut = true;
      controller.abort();
      throw abortError();
    };
    let open = true;
    const ctx: ToolContext = {
      world: this.world,
      files: this.files,
      env: request.env ?? {},
      ...(request.cwd ? { cwd: request.cwd } : {}),
      signal: controller.signal,
      sleep,
      write: (text, stream) => {
        if (open && !controller.signal.aborted) onOutput(text, stream);
      },
    };
    try {
      if (controller.signal.aborted) throw abortError();
      const exitCode = await tool(args, ctx);
      if (controller.signal.aborted) throw abortError();
      return { exitCode, timedOut: false, cancelled: false };
    } catch (error) {
      if (isAbort(error) || controller.signal.aborted) {
        return { exitCode: null, timedOut, cancelled: !timedOut };
      }
      // What went wrong, as a tool would say it; the stack only when debugging.
      const debug = Boolean(process.env['IVOL_TOUR_DEBUG']);
      onOutput(`${String(error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : error)}\n`, 'stderr');
      return { exitCode: 1, timedOut: false, cancelled: false };
    } finally {
      open = false;
      request.signal?.removeEventListener('abort', onAbort);
      this.running.delete(controller);
    }
  }

  /** Cancels every running command. */
  dispose(): void {
    for (const c of this.running) c.abort();
    this.running.clear();
  }
}
