// The adapters of the real modes: a kind cluster the tour creates (real), or the learner's
// own cluster named with --context (byoc). Commands run as real processes; the cluster is
// read through @kubernetes/client-node pinned to the tour's context. Safety rules enforced
// here, whatever the tutorial says:
// - every kubectl command must name the tour's context (--context <ctx>);
// - kind may delete only the tour's cluster (--name <cluster>), and never in byoc mode;
// - in byoc mode the namespace is created if absent (labelled), and what `kubectl apply -f`
//   creates there is labelled app.kubernetes.io/managed-by=ivol-tour.

import { setTimeout as delay } from 'node:timers/promises';
import type { Profile } from '../../../engine/model.js';
import type { DoctorReport } from '../../../engine/plan.js';
import { createKubeClient, errorMessage, MANAGED_SELECTOR, type KubeClient } from '../../kube/kube-client.js';
import type { Adapters, Clock, CommandRequest, CommandResult, CommandRunner, FileStore, OutputStream, ShellLauncher } from '../../ports.js';
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

  const commands: CommandRunner = {
    async run(request: CommandRequest, onOutput: (text: string, stream: OutputStream) => void): Promise<CommandResult> {
      const why = refusal(request.argv, opts);
      if (why) {
        onOutput(`${why}\n`, 'stderr');
        return { exitCode: null, timedOut: false, cancelled: false, spawnError: why };
      }
      const isKubectl = baseCommand(request.argv[0] ?? '') === 'kubectl';
      if (opts.mode === 'byoc' && isKubectl) {
        try {
          await ensureNamespace();
        } catch (error) {
          onOutput(`namespace ${opts.namespace}: ${errorMessage(error)}\n`, 'stderr');
        }
      }
      const result = await base.run(request, onOutput);
      // byoc: label what `kubectl apply|create -f FILE` made, so that cleanup can find it.
      const verb = request.argv[1];
      const file = flagValue(request.argv, '-f', '--filename');
      if (opts.mode === 'byoc' && isKubectl && result.exitCode === 0 && (verb === 'apply' || verb === 'create') && file !== undefined) {
        const [key, value] = MANAGED_SELECTOR.split('=');
        await base.run(
          {
            argv: ['kubectl', 'label', '--context', opts.context, '-n', opts.namespace, '-f', file, `${key ?? ''}=${value ?? ''}`, '--overwrite'],
            timeoutMs: 30_000,
            ...(request.signal ? { signal: request.signal } : {}),
          },
          onOutput,
        );
      }
      return result;
    },
  };

  let lastReport: DoctorReport | null = null;
  return {
    mode: opts.mode,
    commands,
    cluster: kube,
    kube,
    shells: opts.shells,
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
      await Promise.all([own?.killAll(), opts.shells.closeAll?.()]);
    },
  };
}
