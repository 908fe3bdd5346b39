// The small interfaces through which the tour does all its I/O. The simulated cluster
// (cluster/simulated) and the real one (process/, kube/, pty/, cluster/real) implement
// them; the controller (app/tour-controller.ts, the effect runner), `run` and the UI use
// only these. How the layers fit: docs/architecture.md.

import type { ClusterSnapshot, Pod } from '../engine/kube-objects.js';
import type { Refusal } from '../engine/ownership.js';
import type { DoctorReport } from '../engine/plan.js';
import type { Mode } from '../engine/model.js';
import type { Mirror } from '../engine/mirrors.js';
import type { RegistryReport } from '../engine/registry-report.js';
import type { MessageRef } from '../i18n/types.js';

export type OutputStream = 'stdout' | 'stderr';

export interface CommandRequest {
  readonly argv: readonly string[];
  readonly cwd?: string;
  /** Added to the inherited environment. */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Aborting ends the command (its whole process tree in real mode). */
  readonly signal?: AbortSignal;
}

export interface CommandResult {
  /** null when the command was killed or never started. */
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  /** Set when the command could not be started at all (e.g. not found: `ENOENT`). */
  readonly spawnError?: string;
  /**
   * Set when the adapters would not run it: it would change something that is not the tour's
   * (an object without the tour's label, a kind cluster the tour did not create). Nothing ran.
   */
  readonly refusal?: Refusal;
  /**
   * The command only read, and the API server refused it (403 Forbidden): with your own
   * cluster, these credentials may not see it (a room seat and kube-system's Pods). It does
   * not fail its step; the output says what was not visible.
   */
  readonly forbiddenRead?: boolean;
}

/** Runs argv commands and streams their output (text chunks, colours kept). */
export interface CommandRunner {
  run(request: CommandRequest, onOutput: (text: string, stream: OutputStream) => void): Promise<CommandResult>;
}

export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The tour's view of its cluster, pinned to the tour's own context and namespace.
 * Never acts on any other cluster.
 */
export interface ClusterProbe {
  /** Whether the tour's cluster exists (kind get clusters; or the --context answers). */
  clusterExists(): Promise<boolean>;
  /** Nodes, the tour namespace's and kube-system's pods, the tour namespace's events. */
  snapshot(): Promise<ClusterSnapshot>;
  getPod(name: string): Promise<Pod | null>;
  /** The Pods in the tour's namespace labelled app.kubernetes.io/managed-by=ivol-tour (a label-selected list). */
  tourPods(): Promise<Pod[]>;
  /** Runs argv in a container, without a tty. Only in the tour's own Pods: others reject with an OwnershipError. */
  exec(pod: string, container: string, argv: readonly string[], timeoutMs: number): Promise<ExecResult>;
  /** Calls back with a fresh snapshot whenever something changes (and once at the start). */
  watch(onChange: (snapshot: ClusterSnapshot) => void, onError?: (message: string) => void): () => void;
}

/** An interactive shell (a pty in real mode). */
export interface ShellSession {
  onData(listener: (data: string) => void): () => void;
  onExit(listener: (exit: { exitCode: number | null }) => void): () => void;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  kill(): void;
  /** Stops reading the shell's output for a while (flow control: the screen is behind). */
  pause?(): void;
  resume?(): void;
}

export interface ShellRequest {
  readonly pod: string;
  readonly container: string;
  readonly cols: number;
  readonly rows: number;
}

export interface FullScreenShellRequest extends Pick<ShellRequest, 'pod' | 'container'> {
  /** Why the shell cannot open in a pane (no pty module loads): said before the shell starts. */
  readonly reason: string;
}

export interface ShellLauncher {
  open(request: ShellRequest): Promise<ShellSession>;
  /**
   * Real modes, when no pty module loads: runs the shell on the whole terminal (the caller has
   * let go of it) and resolves with its exit status once it has ended.
   */
  runFullScreen?(request: FullScreenShellRequest): Promise<number>;
  /**
   * Real modes: the command (and its environment: the tour's private kubeconfig) that
   * runFullScreen runs.
   */
  fullScreenCommand?(request: Pick<ShellRequest, 'pod' | 'container'>): Promise<{ argv: string[]; env: NodeJS.ProcessEnv }>;
  /** Ends every shell it opened that still runs; resolves when they have exited. */
  closeAll?(): Promise<void>;
}

/**
 * Asks the person at the keyboard a yes/no question (the CLI's prompt, the TUI's dialog) and
 * resolves with the answer; null when there is nobody to ask (no terminal).
 */
export type AskPerson = (question: MessageRef) => Promise<boolean | null>;

/** The adapters refused to touch something that is not the tour's; `refusal` says what and why. */
export class OwnershipError extends Error {
  constructor(
    readonly refusal: Refusal,
    message: string,
  ) {
    super(message);
    this.name = 'OwnershipError';
  }
}

export interface Clock {
  now(): number;
  /** Resolves after ms (at once on a fast simulated clock); rejects with an AbortError when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface FileStore {
  write(path: string, content: string): Promise<void>;
  read(path: string): Promise<string | null>;
}

/** The images a session pulls from registries (or their mirrors), to check from this machine. */
export interface RegistryRequest {
  readonly images: readonly { readonly reference: string; readonly registry: string }[];
  readonly mirrors: readonly Mirror[];
}

/** Everything one session of the tour talks to. */
export interface Adapters {
  readonly mode: Mode;
  readonly commands: CommandRunner;
  readonly cluster: ClusterProbe;
  readonly shells: ShellLauncher;
  readonly files: FileStore;
  readonly clock: Clock;
  doctor(): Promise<DoctorReport>;
  /**
   * Real modes: asks each registry (or its mirror) whether it answers and whether each
   * reference resolves (src/adapters/registry). Reports `offline` without asking anything when
   * IVOL_TOUR_OFFLINE=1. Absent: this session cannot check registries.
   */
  registries?(request: RegistryRequest): Promise<RegistryReport>;
  /**
   * Simulated mode only: 'fast' makes simulated time run much faster while steps are
   * fast-forwarded (--step, resume); 'normal' brings it back.
   */
  setPace?(pace: 'fast' | 'normal'): void;
  /** Ends everything the session started (watches, shells, commands). */
  dispose(): Promise<void>;
}

/**
 * Where a workshop room's seat writes its progress (its `ivol-tour-progress` ConfigMap): only a
 * session whose namespace is a room's seat has one (adapters/kube/seat-progress-sink.ts).
 */
export interface ProgressSink {
  readonly room: string;
  readonly seat: string;
  /** Replaces the progress fields (a merge patch of the ConfigMap's data). */
  write(data: Readonly<Record<string, string>>): Promise<void>;
  dispose(): void;
}
