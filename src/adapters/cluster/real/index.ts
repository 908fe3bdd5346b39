// The adapters of the real modes: a kind cluster the tour creates (real), or the learner's
// own cluster named with --context (byoc). Commands run as real processes; the cluster is
// read through @kubernetes/client-node pinned to the tour's context. Safety rules enforced
// here, whatever the tutorial says:
// - every argv passes the command guard (command-guard.ts): kubectl only with the tour's
//   context, kind only on the tour's cluster (never in byoc mode to create or delete one);
// - every command but kind gets KUBECONFIG = a private copy holding only the tour's context
//   (kube/minimal-kubeconfig.ts);
// - in byoc mode the namespace is created if absent (labelled), and what `kubectl apply -f`
//   creates there is labelled app.kubernetes.io/managed-by=ivol-tour.

import { tmpdir } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import type { Lang, Profile } from '../../../engine/model.js';
import type { DoctorReport } from '../../../engine/plan.js';
import { createKubeClient, errorMessage, MANAGED_SELECTOR, type KubeClient } from '../../kube/kube-client.js';
import { createMinimalKubeconfig, type MinimalKubeconfig } from '../../kube/minimal-kubeconfig.js';
import type { Adapters, Clock, CommandRequest, CommandResult, CommandRunner, FileStore, OutputStream, ShellLauncher } from '../../ports.js';
import { createProcessRunner, type ProcessRunner } from '../../process/command-runner.js';
import { checkCommand, describeRefusal, displayCommand, toolName } from './command-guard.js';
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
  /** The language of refusals (a function: the learner can switch it). Default en. */
  readonly lang?: Lang | (() => Lang);
  /**
   * The private kubeconfig every kubectl gets (the pty shell's too: share it); default one of
   * its own. Removed by dispose() either way.
   */
  readonly kubeconfig?: MinimalKubeconfig;
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

/** Why an argv must not run in this session, or null (the command guard: command-guard.ts). */
export function refusal(
  argv: readonly string[],
  o: Pick<RealAdapterOptions, 'mode' | 'cluster' | 'context'> & { readonly namespace?: string },
  lang: Lang = 'en',
): string | null {
  const r = checkCommand(argv, { ...o, namespace: o.namespace ?? (o.mode === 'byoc' ? 'ivol-tour' : 'default') });
  return r ? describeRefusal(r, lang) : null;
}

export function createRealAdapters(opts: RealAdapterOptions): RealAdapters {
  const env = opts.env ?? process.env;
  const own: ProcessRunner | null = opts.runner ? null : createProcessRunner({ env });
  const base: CommandRunner = opts.runner ?? (own as ProcessRunner);
  const lang = (): Lang => (typeof opts.lang === 'function' ? opts.lang() : (opts.lang ?? 'en'));
  const kubeconfig = opts.kubeconfig ?? createMinimalKubeconfig({ context: opts.context, namespace: opts.namespace, env });
  // Every command but kind sees KUBECONFIG = the tour's private copy (kind keeps the user's
  // real one: it writes its context there, which is all the tour lets change in it).
  const pinned: CommandRunner = {
    run(request, onOutput) {
      if (toolName(request.argv[0] ?? '') === 'kind') return base.run(request, onOutput);
      let path: string;
      try {
        path = kubeconfig.path();
      } catch (error) {
        const why = describeRefusal({ command: displayCommand(request.argv), reason: { key: 'refused.kubeconfigUnavailable', params: { error: errorMessage(error), dir: kubeconfig.dir ?? tmpdir() } } }, lang());
        onOutput(`${why}\n`, 'stderr');
        return Promise.resolve({ exitCode: null, timedOut: false, cancelled: false, spawnError: why });
      }
      return base.run({ ...request, env: { ...(request.env ?? {}), KUBECONFIG: path } }, onOutput);
    },
  };
  const kube = createKubeClient({ mode: opts.mode, cluster: opts.cluster, context: opts.context, namespace: opts.namespace, runner: pinned, env });
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
      const refused = checkCommand(request.argv, opts);
      if (refused) {
        const why = describeRefusal(refused, lang());
        onOutput(`${why}\n`, 'stderr');
        return { exitCode: null, timedOut: false, cancelled: false, spawnError: why, refusal: refused.reason };
      }
      const isKubectl = toolName(request.argv[0] ?? '') === 'kubectl';
      if (opts.mode === 'byoc' && isKubectl) {
        try {
          await ensureNamespace();
        } catch (error) {
          onOutput(`namespace ${opts.namespace}: ${errorMessage(error)}\n`, 'stderr');
        }
      }
      const result = await pinned.run(request, onOutput);
      // byoc: label what `kubectl apply|create -f FILE` made, so that cleanup can find it.
      const verb = request.argv[1];
      const file = flagValue(request.argv, '-f', '--filename');
      if (opts.mode === 'byoc' && isKubectl && result.exitCode === 0 && (verb === 'apply' || verb === 'create') && file !== undefined) {
        const [key, value] = MANAGED_SELECTOR.split('=');
        await pinned.run(
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
        runner: pinned,
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
      kubeconfig.dispose();
    },
  };
}
