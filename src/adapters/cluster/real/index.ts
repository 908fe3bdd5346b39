// The adapters of the real modes: a kind cluster the tour creates (real), or the learner's
// own cluster named with --context (byoc). Commands run as real processes; the cluster is
// read through @kubernetes/client-node pinned to the tour's context. Safety rules enforced
// here, whatever the tutorial says:
// - every kubectl command must name the tour's context (--context <ctx>);
// - kind may delete only the tour's cluster (--name <cluster>), and never in byoc mode;
// - a kubectl command that would change an object that exists without the tour's label
//   (app.kubernetes.io/managed-by=ivol-tour) is refused, and so is running anything in a Pod
//   without it (ownership-guard.ts);
// - a kind cluster the tour did not create (not in its record, no node mark) is deleted only
//   after a yes from the person at the keyboard, even with --yes;
// - in byoc mode the namespace is created if absent (labelled as the tour's).

import { setTimeout as delay } from 'node:timers/promises';
import type { Profile } from '../../../engine/model.js';
import { kindClusterAction } from '../../../engine/ownership.js';
import type { DoctorReport } from '../../../engine/plan.js';
import { createKubeClient, errorMessage, type KubeClient } from '../../kube/kube-client.js';
import { ContextMissingError } from '../../kube/kubeconfig.js';
import { createOwnershipGuard, guardedRunner, ownershipError, type KindClusters, type ObjectLookup } from '../../ownership/ownership-guard.js';
import type { Adapters, AskPerson, Clock, ClusterProbe, CommandRequest, CommandResult, CommandRunner, FileStore, OutputStream, ShellLauncher } from '../../ports.js';
import type { ClusterRecord } from '../../store/cluster-record.js';
import { createProcessRunner, type ProcessRunner } from '../../process/command-runner.js';
import { runDoctor, type Platform } from './doctor.js';

export interface RealAdapterOptions {
  readonly mode: 'real' | 'byoc';
  readonly cluster: string;
  readonly context: string;
  readonly namespace: string;
  /** The profile asked for (--profile); default containerd. Used by doctor's plan. */
  readonly profile?: Profile;
  readonly runner?: CommandRunner;
  readonly env?: NodeJS.ProcessEnv;
  readonly files: FileStore;
  readonly shells: ShellLauncher;
  /** The kind clusters the tour created (the state directory's clusters.json). */
  readonly record: ClusterRecord;
  /** Asks before deleting a kind cluster the tour did not create; absent: nobody to ask, it stays. */
  readonly ask?: AskPerson;
  /** For tests: the platform whose fixes doctor names. */
  readonly platform?: Platform;
}

export interface RealAdapters extends Adapters {
  readonly kube: KubeClient;
}

export const realClock: Clock = {
  now: () => Date.now(),
  // Rejects with an AbortError when the signal aborts.
  sleep: (ms, signal) => delay(ms, undefined, signal ? { signal } : {}),
};

function flagValue(argv: readonly string[], ...flags: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    for (const f of flags) {
      if (a === f) return argv[i + 1];
      if (a.startsWith(`${f}=`)) return a.slice(f.length + 1);
    }
  }
  return undefined;
}

function baseCommand(argv0: string): string {
  const i = Math.max(argv0.lastIndexOf('/'), argv0.lastIndexOf('\\'));
  return (i < 0 ? argv0 : argv0.slice(i + 1)).replace(/\.exe$/i, '');
}

/** Why an argv must not run in this session, or null. */
export function refusal(argv: readonly string[], o: Pick<RealAdapterOptions, 'mode' | 'cluster' | 'context'>): string | null {
  const tool = baseCommand(argv[0] ?? '');
  if (tool === 'kubectl') {
    if (argv.includes('--kubeconfig') || argv.some((a) => a.startsWith('--kubeconfig='))) return null; // a kubeconfig the tour owns
    // No exception even for `version --client` or `config view`: a kubectl wrapper (the
    // gcloud kubectl dispatcher) asks the current context's server for its version first.
    const ctx = flagValue(argv, '--context');
    if (ctx !== o.context) return `refused: kubectl must name the tour's context (--context ${o.context})`;
    if (argv[1] === 'config' && ['use-context', 'set-context', 'delete-context', 'set-cluster', 'set-credentials', 'delete-cluster', 'rename-context', 'set', 'unset'].includes(argv[2] ?? '')) {
      return 'refused: the tour never edits the kubeconfig';
    }
    return null;
  }
  if (tool === 'kind') {
    const sub = argv.slice(1).filter((a) => !a.startsWith('-'));
    if (sub[0] === 'delete') {
      if (o.mode === 'byoc') return 'refused: in --context mode the tour never deletes a cluster';
      if (sub[1] === 'clusters' || argv.includes('--all') || argv.includes('-A')) return 'refused: the tour deletes only its own cluster';
      if (flagValue(argv, '--name', '-n') !== o.cluster) return `refused: kind delete needs --name ${o.cluster}`;
    }
    if (sub[0] === 'create' && o.mode === 'byoc') return 'refused: in --context mode the tour creates no cluster';
    if (sub[0] === 'create' && flagValue(argv, '--name', '-n') !== o.cluster) return `refused: kind create needs --name ${o.cluster}`;
  }
  return null;
}

export function createRealAdapters(opts: RealAdapterOptions): RealAdapters {
  const env = opts.env ?? process.env;
  const own: ProcessRunner | null = opts.runner ? null : createProcessRunner({ env });
  const base: CommandRunner = opts.runner ?? (own as ProcessRunner);
  const kube = createKubeClient({ mode: opts.mode, cluster: opts.cluster, context: opts.context, namespace: opts.namespace, runner: base, env });
  let namespaceReady: Promise<void> | null = null;

  const ensureNamespace = (): Promise<void> => {
    namespaceReady ??= kube.ensureNamespace().then(
      () => undefined,
      (error: unknown) => {
        namespaceReady = null; // try again next time
        throw error;
      },
    );
    return namespaceReady;
  };

  /** `kind get clusters`, through the tour's own runner (read-only). */
  const kindClusterNames = async (): Promise<string[]> => {
    let out = '';
    const r = await base.run({ argv: ['kind', 'get', 'clusters'], timeoutMs: 20_000 }, (text, stream) => {
      if (stream === 'stdout') out += text;
    });
    if (r.exitCode !== 0) throw new Error(`kind get clusters failed${r.spawnError ? `: ${r.spawnError}` : ''}`);
    return out.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  };
  const clusters: KindClusters = {
    names: kindClusterNames,
    exists: async (name) => (await kindClusterNames().catch(() => [] as string[])).includes(name),
    // Only the tour's own cluster is ever deleted (refusal() above), and its nodes are read
    // through the tour's pinned context.
    marked: (name) => (name === opts.cluster ? kube.nodesMarked() : Promise.resolve(false)),
  };
  // Without the tour's context in the kubeconfig (kind mode, before create-cluster) kubectl
  // reaches no cluster at all and changes nothing: let it say so itself.
  const objects: ObjectLookup = {
    async defaultNamespace() {
      try {
        return await kube.defaultNamespace();
      } catch (error) {
        if (error instanceof ContextMissingError) return 'default';
        throw error;
      }
    },
    async inspect(ref, namespace) {
      try {
        return await kube.inspect(ref, namespace);
      } catch (error) {
        if (error instanceof ContextMissingError) return { found: false, kind: ref.kind ?? ref.type ?? '?', namespaced: true };
        throw error;
      }
    },
  };
  const guard = createOwnershipGuard({
    objects,
    readFile: (path) => opts.files.read(path),
    clusters,
    record: opts.record,
    ...(opts.ask ? { ask: opts.ask } : {}),
    context: opts.context,
    namespace: opts.namespace,
    env,
  });
  const owned = guardedRunner(base, guard);

  const commands: CommandRunner = {
    async run(request: CommandRequest, onOutput: (text: string, stream: OutputStream) => void): Promise<CommandResult> {
      const why = refusal(request.argv, opts);
      if (why) {
        onOutput(`${why}\n`, 'stderr');
        return { exitCode: null, timedOut: false, cancelled: false, spawnError: why };
      }
      const tool = baseCommand(request.argv[0] ?? '');
      // The tour's own namespace is created (labelled as the tour's) if absent: always with
      // --context, and on the tour's kind cluster when --namespace names one other than default.
      if (tool === 'kubectl' && (opts.mode === 'byoc' || opts.namespace !== 'default')) {
        try {
          await ensureNamespace();
        } catch (error) {
          // No cluster yet (kind mode, before create-cluster): nothing to create it in.
          if (!(opts.mode === 'real' && error instanceof ContextMissingError)) onOutput(`namespace ${opts.namespace}: ${errorMessage(error)}\n`, 'stderr');
        }
      }
      // What the command would change is read from the cluster first; nothing that is not the
      // tour's is ever changed (and nothing is labelled after the fact).
      const result = await owned.run(request, onOutput);
      // A new kind cluster has none of the namespaces made in the one before.
      if (tool === 'kind' && result.exitCode === 0 && kindClusterAction(request.argv.slice(1))?.action === 'create') namespaceReady = null;
      return result;
    },
  };

  // Checks and the shell run commands in Pods too: only in the tour's own.
  const cluster: ClusterProbe = {
    clusterExists: () => kube.clusterExists(),
    snapshot: () => kube.snapshot(),
    getPod: (name) => kube.getPod(name),
    tourPods: () => kube.tourPods(),
    watch: (onChange, onError) => kube.watch(onChange, onError),
    async exec(pod, container, argv, timeoutMs) {
      const refused = await guard.checkExec(pod);
      if (refused) throw ownershipError(refused);
      return kube.exec(pod, container, argv, timeoutMs);
    },
  };
  const shells: ShellLauncher = {
    async open(request) {
      const refused = await guard.checkExec(request.pod);
      if (refused) throw ownershipError(refused);
      return opts.shells.open(request);
    },
  };

  let lastReport: DoctorReport | null = null;
  return {
    mode: opts.mode,
    commands,
    cluster,
    kube,
    shells,
    files: opts.files,
    clock: realClock,
    async doctor() {
      lastReport = await runDoctor({
        mode: opts.mode,
        context: opts.context,
        runner: base,
        env,
        ...(opts.profile ? { profile: opts.profile } : {}),
        ...(opts.platform ? { platform: opts.platform } : {}),
        kube,
      });
      return lastReport;
    },
    async dispose() {
      kube.dispose();
      if (own) await own.killAll();
    },
  };
}
