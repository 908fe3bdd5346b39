// A tiny in-memory Adapters for UI tests: commands print one line and exit 0 (`sleep MS`
// waits, `false` fails), the cluster returns a fixed snapshot, shells reject, the clock is
// real. Nothing touches the machine.
import type { Adapters, CommandRequest, CommandResult, ExecResult, OutputStream } from '../../src/adapters/ports.js';
import type { ClusterSnapshot, Pod } from '../../src/engine/kube-objects.js';
import type { DoctorReport } from '../../src/engine/plan.js';
import { planFor } from '../../src/engine/plan.js';
import { realClock } from '../../src/adapters/cluster/real/index.js';

export interface FakeAdapterOptions {
  /** What `cat`-like exec checks print (default "1\n"). */
  execStdout?: string;
  snapshot?: ClusterSnapshot;
}

export interface FakeAdapters extends Adapters {
  /** argv of every command run, in order. */
  readonly ran: string[][];
  readonly watchers: number;
  /** Replaces the snapshot and tells the watchers. */
  setSnapshot(snapshot: ClusterSnapshot): void;
  setExecStdout(text: string): void;
  disposed: boolean;
}

export const POD: Pod = {
  metadata: { name: 'image-volume', namespace: 'default', labels: { 'app.kubernetes.io/managed-by': 'ivol-tour' } },
  spec: { containers: [{ name: 'shell', image: 'busybox' }], volumes: [{ name: 'volume', image: { reference: 'quay.io/crio/artifact:v2' } }] },
  status: {
    phase: 'Running',
    containerStatuses: [{ name: 'shell', ready: true, restartCount: 0, image: 'busybox', state: { running: {} } }],
  },
};

export const SNAPSHOT: ClusterSnapshot = {
  reachable: true,
  nodes: [
    {
      metadata: { name: 'ivol-control-plane' },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        nodeInfo: { kubeletVersion: 'v1.35.0', containerRuntimeVersion: 'containerd://2.2.0' },
      },
    },
  ],
  pods: [POD],
  events: [
    {
      metadata: { name: 'e1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'image-volume' },
      reason: 'Pulled',
      message: 'Successfully pulled image "quay.io/crio/artifact:v2"',
      type: 'Normal',
    },
  ],
};

export function createFakeAdapters(options: FakeAdapterOptions = {}): FakeAdapters {
  let snapshot = options.snapshot ?? SNAPSHOT;
  let execStdout = options.execStdout ?? '1\n';
  const listeners = new Set<(s: ClusterSnapshot) => void>();
  const files = new Map<string, string>();
  const ran: string[][] = [];
  const doctor: DoctorReport = {
    mode: 'simulated',
    tools: [],
    engine: null,
    ready: true,
    plan: planFor(undefined, undefined),
    problems: [],
  };
  const adapters: FakeAdapters = {
    mode: 'simulated',
    ran,
    disposed: false,
    get watchers() {
      return listeners.size;
    },
    setSnapshot(s) {
      snapshot = s;
      for (const l of listeners) l(s);
    },
    setExecStdout(text) {
      execStdout = text;
    },
    commands: {
      async run(req: CommandRequest, onOutput: (text: string, stream: OutputStream) => void): Promise<CommandResult> {
        ran.push([...req.argv]);
        const [cmd, arg] = req.argv;
        if (cmd === 'sleep') {
          try {
            await realClock.sleep(Number(arg ?? '1000'), req.signal);
          } catch {
            return { exitCode: null, timedOut: false, cancelled: true };
          }
          return { exitCode: 0, timedOut: false, cancelled: false };
        }
        await Promise.resolve();
        if (cmd === 'false') {
          onOutput('error: it failed\n', 'stderr');
          return { exitCode: 1, timedOut: false, cancelled: false };
        }
        onOutput(`\x1b[32mran\x1b[0m ${req.argv.join(' ')}\n`, 'stdout');
        return { exitCode: 0, timedOut: false, cancelled: false };
      },
    },
    cluster: {
      clusterExists: () => Promise.resolve(true),
      snapshot: () => Promise.resolve(snapshot),
      getPod: (name) => Promise.resolve(snapshot.pods.find((p) => p.metadata.name === name) ?? null),
      tourPods: () => Promise.resolve(snapshot.pods.filter((p) => p.metadata.labels?.['app.kubernetes.io/managed-by'] === 'ivol-tour')),
      exec: (): Promise<ExecResult> => Promise.resolve({ exitCode: 0, stdout: execStdout, stderr: '' }),
      watch(onChange) {
        listeners.add(onChange);
        queueMicrotask(() => onChange(snapshot));
        return () => listeners.delete(onChange);
      },
    },
    shells: { open: () => Promise.reject(new Error('no shells in this test')) },
    files: {
      write: (path, content) => {
        files.set(path, content);
        return Promise.resolve();
      },
      read: (path) => Promise.resolve(files.get(path) ?? null),
    },
    clock: realClock,
    doctor: () => Promise.resolve(doctor),
    dispose() {
      adapters.disposed = true;
      listeners.clear();
      return Promise.resolve();
    },
  };
  return adapters;
}
