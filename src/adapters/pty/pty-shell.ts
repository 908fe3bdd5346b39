// The real pod shell: `kubectl exec -it` running in a pty (node-pty), sized like the pane
// from the very start. The pty module loads lazily, on the first open().
// Every live pty is registered with the shutdown (app/shutdown.ts): a signal or a crash ends
// them all (SIGHUP, then SIGKILL), and none is opened once the tour is ending. A pty child
// leads its own session, so nothing else would ever end it, and its handle keeps the
// process alive.

import { isEnding, onShutdown } from '../../app/shutdown.js';
import type { Lang } from '../../i18n/types.js';
import { t } from '../../i18n/index.js';
import type { ShellLauncher, ShellRequest, ShellSession } from '../ports.js';
import { loadPty, type Pty, type PtyLoadResult } from './load-pty.js';
import { errorMessage } from '../../engine/errors.js';

/** What runs inside the container: bash when the image has it, else sh. */
export const POD_SHELL_SCRIPT = 'command -v bash >/dev/null && exec bash || exec sh';

export const PTY_TERM = 'xterm-256color';

export interface PtyShellLauncherOptions {
  readonly context: string;
  readonly namespace: string;
  /** The kubectl executable (name looked up on PATH, or a path). Default 'kubectl'. */
  readonly kubectl?: string;
  /** The environment of kubectl; default process.env. TERM is always xterm-256color. */
  readonly env?: NodeJS.ProcessEnv;
  /** How the pty module is loaded (tests); default loadPty(). */
  readonly load?: () => Promise<PtyLoadResult>;
  /**
   * The tour's private kubeconfig (kube/minimal-kubeconfig.ts): kubectl gets KUBECONFIG = its
   * path, so that the shell can reach only the tour's context. Called at each open().
   */
  readonly kubeconfig?: () => string;
  /** The learner's language now (the full-screen shell's notice); default English. */
  readonly lang?: () => Lang;
  /** Writes the full-screen shell's notice on the terminal; default process.stdout. */
  readonly write?: (text: string) => void;
}

/** The kubectl arguments (after the executable) that open the pod shell. */
export function podShellArgs(
  context: string,
  namespace: string,
  pod: string,
  container: string,
): string[] {
  return ['--context', context, '-n', namespace, 'exec', '-it', pod, '-c', container, '--', 'sh', '-c', POD_SHELL_SCRIPT];
}

/** An Error with a machine-readable code ('NO_PTY', 'SPAWN_FAILED'). */
export class ShellOpenError extends Error {
  readonly code: 'NO_PTY' | 'SPAWN_FAILED';
  constructor(code: 'NO_PTY' | 'SPAWN_FAILED', message: string) {
    super(message);
    this.name = 'ShellOpenError';
    this.code = code;
  }
}

/** A ShellSession backed by a pty; `pid` is the child's pid (also its process group). */
export interface PtyShellSession extends ShellSession {
  readonly pid: number;
  /** Whether the child has exited. */
  readonly exited: boolean;
}

export interface SpawnPtyOptions {
  readonly cols: number;
  readonly rows: number;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly load?: () => Promise<PtyLoadResult>;
  /** ms between SIGHUP and SIGKILL when killing; default 1000. */
  readonly killGraceMs?: number;
}

/** Every pty still running, whoever opened it. */
const livePtys = new Set<PtySession>();

/** Ends every live pty (SIGHUP, then SIGKILL after the grace); resolves when all have exited or after `boundMs`. */
export function killAllPtys(boundMs = 3000): Promise<void> {
  return Promise.all([...livePtys].map((p) => p.end(boundMs))).then(() => undefined);
}

/** SIGKILL to every live pty's process group, synchronously. */
export function killAllPtysNow(): void {
  for (const p of livePtys) p.killNow();
}

/** How many ptys are running (tests). */
export function livePtyCount(): number {
  return livePtys.size;
}

onShutdown({
  stop() {
    return killAllPtys();
  },
  kill() {
    killAllPtysNow();
  },
}, { first: true, standing: true });

/** Output kept for the first onData listener when it attaches late (bytes of text). */
const BACKLOG_LIMIT = 1 << 20;

function clampSize(n: number, fallback: number): number {
  return Number.isFinite(n) && n >= 1 ? Math.min(Math.floor(n), 10_000) : fallback;
}

function ptyEnv(base: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  // The pty's own size is the truth; stale COLUMNS/LINES would contradict it.
  delete env['COLUMNS'];
  delete env['LINES'];
  env['TERM'] = PTY_TERM;
  return env;
}

class PtySession implements PtyShellSession {
  private readonly dataListeners = new Set<(data: string) => void>();
  private readonly exitListeners = new Set<(exit: { exitCode: number | null }) => void>();
  private backlog: string[] = [];
  private backlogSize = 0;
  private sawListener = false;
  private exitInfo: { exitCode: number | null } | undefined;
  private killed = false;
  private killTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pty: Pty,
    private readonly killGraceMs: number,
  ) {
    pty.onData((data) => this.emitData(data));
    livePtys.add(this);
    pty.onExit(({ exitCode, signal }) => {
      livePtys.delete(this);
      if (this.exitInfo) return;
      if (this.killTimer) clearTimeout(this.killTimer);
      this.exitInfo = { exitCode: signal && !exitCode ? null : exitCode };
      const info = this.exitInfo;
      for (const l of [...this.exitListeners]) l(info);
    });
  }

  get pid(): number {
    return this.pty.pid;
  }

  get exited(): boolean {
    return this.exitInfo !== undefined;
  }

  private emitData(data: string): void {
    if (!this.sawListener) {
      if (this.backlogSize < BACKLOG_LIMIT) {
        this.backlog.push(data);
        this.backlogSize += data.length;
      }
      return;
    }
    for (const l of [...this.dataListeners]) l(data);
  }

  onData(listener: (data: string) => void): () => void {
    this.dataListeners.add(listener);
    if (!this.sawListener) {
      this.sawListener = true;
      const pending = this.backlog;
      this.backlog = [];
      this.backlogSize = 0;
      for (const chunk of pending) listener(chunk);
    }
    return () => {
      this.dataListeners.delete(listener);
    };
  }

  onExit(listener: (exit: { exitCode: number | null }) => void): () => void {
    if (this.exitInfo) {
      const info = this.exitInfo;
      queueMicrotask(() => listener(info));
      return () => {};
    }
    this.exitListeners.add(listener);
    return () => {
      this.exitListeners.delete(listener);
    };
  }

  write(data: string): void {
    if (this.exitInfo || this.killed || data === '') return;
    try {
      this.pty.write(data);
    } catch {
      // The pty closed under us: the exit event follows.
    }
  }

  pause(): void {
    if (this.exitInfo) return;
    try {
      this.pty.pause();
    } catch {
      // closing
    }
  }

  resume(): void {
    if (this.exitInfo) return;
    try {
      this.pty.resume();
    } catch {
      // closing
    }
  }

  resize(cols: number, rows: number): void {
    if (this.exitInfo || this.killed) return;
    const c = clampSize(cols, this.pty.cols);
    const r = clampSize(rows, this.pty.rows);
    if (c === this.pty.cols && r === this.pty.rows) return;
    try {
      this.pty.resize(c, r);
    } catch {
      // Racing the exit: harmless.
    }
  }

  kill(): void {
    if (this.killed || this.exitInfo) return;
    this.killed = true;
    const pid = this.pty.pid;
    // The child leads its own session and process group (forkpty): end the whole group.
    if (!signalGroup(pid, 'SIGHUP')) {
      try {
        this.pty.kill('SIGHUP');
      } catch {
        // already gone
      }
    }
    this.killTimer = setTimeout(() => this.killNow(), this.killGraceMs);
    this.killTimer.unref();
  }

  /** SIGKILL to the pty's process group, now. */
  killNow(): void {
    if (this.exitInfo) return;
    this.killed = true;
    if (!signalGroup(this.pty.pid, 'SIGKILL')) {
      try {
        this.pty.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  /** kill(), then resolves once the child has exited (or after boundMs). */
  end(boundMs: number): Promise<void> {
    if (this.exitInfo) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let off = (): void => undefined;
      const bound = setTimeout(() => done(), boundMs);
      bound.unref();
      const done = (): void => {
        clearTimeout(bound);
        off();
        resolve();
      };
      off = this.onExit(done);
      this.kill();
    });
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  if (process.platform === 'win32' || pid <= 0) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Spawns file+args in a pty of the given size. Rejects with ShellOpenError code 'NO_PTY'
 * when no pty module loads, 'SPAWN_FAILED' when the spawn throws.
 */
export async function spawnPtySession(file: string, args: readonly string[], opts: SpawnPtyOptions): Promise<PtyShellSession> {
  if (isEnding()) throw new ShellOpenError('SPAWN_FAILED', 'The tour is ending.');
  const loaded = await (opts.load ?? loadPty)();
  if (isEnding()) throw new ShellOpenError('SPAWN_FAILED', 'The tour is ending.');
  if (!loaded.ok) {
    throw new ShellOpenError('NO_PTY', `No pty module could be loaded (${loaded.reason}).`);
  }
  let pty: Pty;
  try {
    pty = loaded.pty.spawn(file, [...args], {
      name: PTY_TERM,
      cols: clampSize(opts.cols, 80),
      rows: clampSize(opts.rows, 24),
      cwd: opts.cwd ?? process.cwd(),
      env: ptyEnv(opts.env ?? process.env),
    });
  } catch (err) {
    throw new ShellOpenError('SPAWN_FAILED', `Could not start ${file}: ${errorMessage(err)}`);
  }
  return new PtySession(pty, opts.killGraceMs ?? 1000);
}

/**
 * The real mode's ShellLauncher: `kubectl --context C -n NS exec -it POD -c CONTAINER -- sh -c …`
 * in a pty, or on the whole terminal when no pty module loads (runFullScreen).
 */
export function createPtyShellLauncher(opts: PtyShellLauncherOptions): ShellLauncher {
  const command = (pod: string, container: string): { argv: string[]; env: NodeJS.ProcessEnv } => {
    const base = opts.env ?? process.env;
    let env: NodeJS.ProcessEnv = base;
    if (opts.kubeconfig) {
      try {
        env = { ...base, KUBECONFIG: opts.kubeconfig() };
      } catch (error) {
        throw new ShellOpenError('SPAWN_FAILED', `The tour's private kubeconfig could not be written: ${errorMessage(error)}`);
      }
    }
    return { argv: [opts.kubectl ?? 'kubectl', ...podShellArgs(opts.context, opts.namespace, pod, container)], env };
  };
  const mine = new Set<PtyShellSession>();
  return {
    async open(request: ShellRequest): Promise<ShellSession> {
      const { argv, env } = command(request.pod, request.container);
      const [file = 'kubectl', ...args] = argv;
      const session = await spawnPtySession(file, args, { cols: request.cols, rows: request.rows, env, ...(opts.load ? { load: opts.load } : {}) });
      mine.add(session);
      session.onExit(() => mine.delete(session));
      return session;
    },
    fullScreenCommand(request) {
      return Promise.resolve(command(request.pod, request.container));
    },
    async runFullScreen(request) {
      const { argv, env } = command(request.pod, request.container);
      const write = opts.write ?? ((text: string) => void process.stdout.write(text));
      write(`\n${t(opts.lang?.() ?? 'en', 'shell.noPty', { reason: request.reason })}\n\n`);
      const { runShellFullScreen } = await import('./fullscreen-shell.js');
      return runShellFullScreen(argv, env);
    },
    async closeAll() {
      await Promise.all(
        [...mine].map((s): Promise<void> => {
          if (s instanceof PtySession) return s.end(3000);
          s.kill();
          return Promise.resolve();
        }),
      );
    },
  };
}
