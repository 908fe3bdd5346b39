// Following the cluster: one watch stream per list the snapshot reads (watch-stream.ts). The
// tour only needs to know *that* something changed: changes within `debounceMs` are gathered
// into one fresh snapshot, one at a time. A stream that ends is reopened after a backoff (reset
// when the stream had opened, doubled up to a cap when it could not connect), and its error
// is reported. stop() ends the streams, the timers and any snapshot still to come.

import { errorMessage } from '../../engine/errors.js';
import type { ClusterSnapshot } from '../../engine/kube-objects.js';
import { hasStatus } from './api-errors.js';
import { ContextMissingError } from './kubeconfig.js';
import type { KubeTransport } from './transport.js';
import { openWatchStream, type WatchStream } from './watch-stream.js';

export interface WatchTiming {
  /** How long to gather changes before taking a snapshot. */
  readonly debounceMs: number;
  /** First reconnect delay, doubled up to maxBackoffMs after a failed connect. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** The server ends a watch after this long (timeoutSeconds); it is then reopened. */
  readonly watchSeconds: number;
}

export interface WatchOptions extends WatchTiming {
  readonly transport: KubeTransport;
  /** The API lists to follow (the snapshot's). */
  readonly paths: readonly string[];
  readonly snapshot: () => Promise<ClusterSnapshot>;
  readonly onChange: (snapshot: ClusterSnapshot) => void;
  readonly onError?: (message: string) => void;
  /**
   * Lists these credentials may not watch (403), shared by every watch of one client: a later
   * watch (headless `run` opens one per waiting step) does not ask again.
   */
  readonly refused?: Set<string>;
}

export class ClusterWatch {
  private stopped = false;
  /** A missing context is said once (until a watch opens again), not once per path and retry. */
  private contextMissingReported = false;
  /** The debounce timer of the next snapshot. */
  private timer: NodeJS.Timeout | null = null;
  /** A snapshot is being taken; `again`: another change came meanwhile. */
  private inFlight = false;
  private again = false;
  private readonly streams = new Set<WatchStream>();
  private readonly retries = new Set<NodeJS.Timeout>();

  constructor(private readonly o: WatchOptions) {}

  /** Takes the first snapshot and opens every stream. */
  start(): void {
    this.refresh();
    for (const path of this.o.paths) if (!this.o.refused?.has(path)) this.follow(path, this.o.backoffMs);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const t of this.retries) clearTimeout(t);
    this.retries.clear();
    for (const w of this.streams) w.close();
    this.streams.clear();
  }

  /** A snapshot now, or right after the one being taken. */
  private refresh(): void {
    if (this.stopped) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    this.o
      .snapshot()
      // A snapshot without the cluster's state carries why (its problem): no error here.
      .then((s) => {
        if (!this.stopped) this.o.onChange(s);
      })
      .catch((e: unknown) => {
        if (!this.stopped) this.o.onError?.(errorMessage(e));
      })
      .finally(() => {
        this.inFlight = false;
        if (this.again && !this.stopped) {
          this.again = false;
          this.schedule();
        }
      });
  }

  /** Something changed: a snapshot after the debounce (a burst of changes gives one). */
  private schedule = (): void => {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh();
    }, this.o.debounceMs);
  };

  /** Opens a stream on `path`; when it ends, opens it again after a backoff (`delay`: the last one). */
  private follow(path: string, delay: number): void {
    void this.open(path, delay);
  }

  private async open(path: string, delay: number): Promise<void> {
    if (this.stopped) return;
    let opened = false;
    let ended = false;
    let stream: WatchStream | null = null;
    const reconnect = (error: unknown): void => {
      if (ended) return;
      ended = true;
      if (stream) this.streams.delete(stream);
      this.reconnect(path, error, opened, delay);
    };
    try {
      const sep = path.includes('?') ? '&' : '?';
      const { url, options } = await this.o.transport.prepare(`${path}${sep}watch=true&timeoutSeconds=${this.o.watchSeconds}`);
      if (this.stopped) return;
      stream = openWatchStream({
        url,
        options,
        idleTimeoutMs: (this.o.watchSeconds + 30) * 1000,
        onOpen: () => {
          opened = true;
          this.contextMissingReported = false;
        },
        onData: this.schedule,
        onEnd: reconnect,
      });
      if (!ended) this.streams.add(stream);
    } catch (error) {
      reconnect(error);
    }
  }

  /** A stream ended: say why, take a snapshot (what ended it may have changed something), open it again later. */
  private reconnect(path: string, error: unknown, opened: boolean, delay: number): void {
    if (this.stopped) return;
    // The credentials may not watch this list (a room seat and kube-system's Pods): asking again
    // will not change that. The snapshot says what is not visible; this list is not followed.
    if (hasStatus(error, 403)) {
      this.o.refused?.add(path);
      this.schedule();
      return;
    }
    // No context yet (the cluster is not created): each repeat would redraw the pane with nothing new.
    if (error instanceof ContextMissingError) {
      if (!this.contextMissingReported) this.o.onError?.(errorMessage(error));
      this.contextMissingReported = true;
    } else if (error) this.o.onError?.(`watch ${path}: ${errorMessage(error)}`);
    // A watch that ran resets the backoff; a failed connect doubles it.
    const { backoffMs, maxBackoffMs } = this.o;
    const next = opened ? backoffMs : Math.min(maxBackoffMs, Math.max(backoffMs, delay * 2));
    this.schedule();
    const t = setTimeout(() => {
      this.retries.delete(t);
      this.follow(path, next);
    }, opened ? backoffMs : next);
    this.retries.add(t);
  }
}
