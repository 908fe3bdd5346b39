// The adapters of the real modes: a kind cluster the tour creates (real), or the learner's
// own cluster named with --context (byoc). Commands run as real processes; the cluster is
// read through @kubernetes/client-node pinned to the tour's context. Safety rules enforced
// here, whatever the tutorial says:
// - every argv passes the command guard (command-guard.ts): kubectl only with the tour's
//   context, kind only on the tour's cluster (never in byoc mode to create or delete one);
// - every command but kind gets KUBECONFIG = a private copy holding only the tour's context
//   (kube/minimal-kubeconfig.ts);
// - a kubectl command that would change an object that exists without the tour's label
//   (app.kubernetes.io/managed-by=ivol-tour) is refused, and so is running anything in a Pod
//   without it (ownership-guard.ts);
// - a kind cluster the tour did not create (not in its record, no node mark) is deleted only
//   after a yes from the person at the keyboard, even with --yes;
// - the tour's namespace is created if absent (labelled as the tour's).

import { tmpdir } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import type { Profile } from '../../../engine/model.js';
import { kindClusterAction } from '../../../engine/ownership.js';
import type { DoctorReport } from '../../../engine/plan.js';
import { createKubeClient, type KubeClient } from '../../kube/kube-client.js';
import { errorMessage } from '../../../engine/errors.js';
import { ContextMissingError } from '../../kube/kubeconfig.js';
import { createMinimalKubeconfig, type MinimalKubeconfig } from '../../kube/minimal-kubeconfig.js';
import { createOwnershipGuard, guardedProbe, guardedRunner, ownershipError, type KindClusters, type ObjectLookup } from '../../ownership/ownership-guard.js';
import type { Adapters, AskPerson, Clock, ClusterProbe, CommandRequest, CommandResult, CommandRunner, FileStore, OutputStream, ShellLauncher } from '../../ports.js';
import type { ClusterRecord } from '../../store/cluster-record.js';
import { createProcessRunner, type ProcessRunner } from '../../process/command-runner.js';
import { checkCommand, describeRefusal, displayCommand } from './command-guard.js';
import { forbiddenReads, kubectlOnlyReads } from './forbidden-read.js';
import { t } from '../../../i18n/index.js';
import { runDoctor, type Platform } from './doctor.js';
import type { Lang } from '../../../i18n/types.js';
import { toolName } from '../../../engine/tool-name.js';

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

/** IVOL_TOUR_OFFLINE=1 (or true/yes): never contact a registry (air-gapped rooms, CI without network). */
export function isOffline(env: NodeJS.ProcessEnv): boolean {
  return /^(1|true|yes)$/i.test(env['IVOL_TOUR_OFFLINE'] ?? '');
}

export const realClock: Clock = {
  now: () => Date.now(),
  // Rejects with an AbortError when the signal aborts.
  sleep: (ms, signal) => delay(ms, undefined, signal ? { signal } : {}),
};

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
  // Without the tour's context in the kubeconfig (kind mode, before the cluster is created)
  // kubectl reaches no cluster at all and changes nothing: let it say so itself.
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
  const owned = guardedRunner(pinned, guard);

  const commands: CommandRunner = {
    async run(request: CommandRequest, onOutput: (text: string, stream: OutputStream) => void): Promise<CommandResult> {
      const refused = checkCommand(request.argv, opts);
      if (refused) {
        const why = describeRefusal(refused, lang());
        onOutput(`${why}\n`, 'stderr');
        return { exitCode: null, timedOut: false, cancelled: false, spawnError: why, refusal: { rule: 'command.refused', params: { context: opts.context, namespace: opts.namespace, cluster: opts.cluster } } };
      }
      const tool = toolName(request.argv[0] ?? '');
      // The tour's own namespace is created (labelled as the tour's) if absent: always with
      // --context, and on the tour's kind cluster when --namespace names one other than default.
      if (tool === 'kubectl' && (opts.mode === 'byoc' || opts.namespace !== 'default')) {
        try {
          await ensureNamespace();
        } catch (error) {
          // No cluster yet (kind mode, before the step that creates the cluster): nothing to create it in.
          if (!(opts.mode === 'real' && error instanceof ContextMissingError)) onOutput(`namespace ${opts.namespace}: ${errorMessage(error)}\n`, 'stderr');
        }
      }
      // What the command would change is read from the cluster first; nothing that is not the
      // tour's is ever changed (and nothing is labelled after the fact).
      const reads = opts.mode === 'byoc' && tool === 'kubectl' && kubectlOnlyReads(request.argv.slice(1));
      let errors = '';
      const result = await owned.run(request, (text, stream) => {
        if (reads && stream === 'stderr' && errors.length < 16_384) errors += text;
        onOutput(text, stream);
      });
      // With your own cluster, a read these credentials may not make (a room seat and
      // kube-system's Pods) is not visible rather than broken: the step goes on and says so.
      const hiddenReads = reads && result.exitCode !== null && result.exitCode !== 0 ? forbiddenReads(errors) : null;
      if (hiddenReads) {
        onOutput(`# ${t(lang(), 'byoc.notVisible', { what: hiddenReads.join(', ') })}\n`, 'stderr');
        return { ...result, forbiddenRead: true };
      }
      // A new kind cluster has none of the namespaces made in the one before.
      if (tool === 'kind' && result.exitCode === 0 && kindClusterAction(request.argv.slice(1))?.action === 'create') namespaceReady = null;
      return result;
    },
  };

  // Checks and the shell run commands in Pods too: only in the tour's own.
  const cluster: ClusterProbe = guardedProbe(kube, guard);
  const inner = opts.shells;
  const shells: ShellLauncher = {
    async open(request) {
      const refused = await guard.checkExec(request.pod);
      if (refused) throw ownershipError(refused);
      return inner.open(request);
    },
    ...(inner.fullScreenCommand
      ? {
          async fullScreenCommand(request: Parameters<NonNullable<ShellLauncher['fullScreenCommand']>>[0]) {
            const refused = await guard.checkExec(request.pod);
            if (refused) throw ownershipError(refused);
            return (inner.fullScreenCommand as NonNullable<ShellLauncher['fullScreenCommand']>)(request);
          },
        }
      : {}),
    ...(inner.runFullScreen
      ? {
          async runFullScreen(request: Parameters<NonNullable<ShellLauncher['runFullScreen']>>[0]) {
            const refused = await guard.checkExec(request.pod);
            if (refused) throw ownershipError(refused);
            return (inner.runFullScreen as NonNullable<ShellLauncher['runFullScreen']>)(request);
          },
        }
      : {}),
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
        runner: pinned,
        env,
        ...(opts.profile ? { profile: opts.profile } : {}),
        ...(opts.platform ? { platform: opts.platform } : {}),
        kube,
      });
      return lastReport;
    },
    async registries(request) {
      // IVOL_TOUR_OFFLINE=1: a machine that must not (or cannot) reach registries says so once.
      if (isOffline(env)) return { checked: 'offline', ok: true, registries: [], prepared: [], notes: [{ key: 'registry.note.offline' }] };
      const [{ checkRegistries }, { reportOk }] = await Promise.all([import('../../registry/registry-probe.js'), import('../../../engine/registry-report.js')]);
      const started = performance.now();
      const registries = await checkRegistries(request.images, request.mirrors, { env });
      return { checked: 'yes', ok: reportOk(registries), registries, prepared: [], notes: [], elapsedMs: Math.round(performance.now() - started) };
    },
    async dispose() {
      kube.dispose();
      await Promise.all([own?.killAll(), opts.shells.closeAll?.()]);
      kubeconfig.dispose();
    },
  };
}
