// `ivol-tour cleanup [--yes]`: removes what the tour created and nothing else.
// - real (kind): the tour's Pods (kubectl --context kind-<cluster>), then, with --yes or after
//   a confirmation, `kind delete cluster --name <cluster>`. Never another cluster.
// - byoc (--context): only the Pods labelled app.kubernetes.io/managed-by=ivol-tour in the
//   tour's namespace; never the cluster, never the namespace (it may hold the learner's things).
// - simulated: the same commands, answered by the simulated cluster.
// With no container engine or kind: a clear message, exit 1, no hang.

import type { Adapters, OutputStream } from '../adapters/ports.js';
import type { Lang, SessionFacts } from '../engine/model.js';
import { TextTail } from '../engine/text-tail.js';
import { t, tRef } from '../i18n/index.js';

export const TOUR_PODS = ['image-volume', 'image-volume-subpath'] as const;
const MANAGED_SELECTOR = 'app.kubernetes.io/managed-by=ivol-tour';
/** How much of a command's output cleanup keeps (for its last line). */
const OUTPUT_TAIL_CHARS = 16_384;

export interface CleanupOptions {
  readonly yes: boolean;
  readonly lang: Lang;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Asked before deleting the cluster when --yes was not given. */
  readonly confirm?: (question: string) => Promise<boolean>;
  readonly signal?: AbortSignal;
}

type CleanupFacts = Pick<SessionFacts, 'mode' | 'cluster' | 'context' | 'namespace'>;

/** The commands cleanup runs, in order (the cluster deletion last). */
export function cleanupPlan(facts: CleanupFacts): { pods: string[]; cluster: string[] | null } {
  if (facts.mode === 'byoc') {
    return {
      pods: ['kubectl', 'delete', 'pods', '--context', facts.context, '--namespace', facts.namespace, '--selector', MANAGED_SELECTOR, '--ignore-not-found', '--wait=false'],
      cluster: null,
    };
  }
  return {
    pods: ['kubectl', 'delete', 'pods', ...TOUR_PODS, '--context', facts.context, '--namespace', facts.namespace, '--ignore-not-found', '--wait=false'],
    cluster: ['kind', 'delete', 'cluster', '--name', facts.cluster],
  };
}

export async function cleanupCommand(adapters: Adapters, facts: CleanupFacts, o: CleanupOptions): Promise<number> {
  const plan = cleanupPlan(facts);
  const say = (s: string): void => o.stdout(`${s}\n`);
  const run = async (argv: string[], timeoutMs: number): Promise<{ ok: boolean; spawnError?: string; output: string }> => {
    // Only the last line is needed (for the failure message): keep a bounded tail.
    const output = new TextTail(OUTPUT_TAIL_CHARS);
    const r = await adapters.commands.run({ argv, timeoutMs, ...(o.signal ? { signal: o.signal } : {}) }, (text: string, stream: OutputStream) => {
      output.append(text);
      (stream === 'stdout' ? o.stdout : o.stderr)(text);
    });
    return { ok: r.exitCode === 0, ...(r.spawnError !== undefined ? { spawnError: r.spawnError } : {}), output: output.text() };
  };

  try {
    if (facts.mode === 'byoc') {
      say(t(o.lang, 'cleanup.deletingLabelled', { namespace: facts.namespace, context: facts.context }));
      const r = await run(plan.pods, 60_000);
      if (o.signal?.aborted) return 1;
      if (r.spawnError !== undefined) return missing('kubectl', r.spawnError, o);
      say(t(o.lang, 'cleanup.byocKeepsCluster', { context: facts.context }));
      if (!r.ok) return 1;
      say(t(o.lang, 'cleanup.done'));
      return 0;
    }

    if (facts.mode === 'real') {
      // Without a container engine and kind there is nothing kind could delete; say so.
      // The engine first: without one, kind (installed or not) has nothing to delete.
      const report = await adapters.doctor();
      if (o.signal?.aborted) return 1;
      if (report.engine === null) {
        o.stderr(`${t(o.lang, 'cleanup.noEngine')}\n`);
        for (const p of report.problems.filter((x) => x.tool === 'engine')) o.stderr(`  ${tRef(o.lang, p.message)}\n  → ${tRef(o.lang, p.fix)}\n`);
        return 1;
      }
      const kind = report.tools.find((x) => x.name === 'kind');
      if (!kind?.found) return missing('kind', 'not found', o, report.problems.find((p) => p.tool === 'kind')?.fix);
      const exists = await adapters.cluster.clusterExists();
      if (o.signal?.aborted) return 1;
      if (!exists) {
        say(t(o.lang, 'cleanup.noCluster', { cluster: facts.cluster }));
        return 0;
      }
    }

    if (o.signal?.aborted) return 1;
    say(t(o.lang, 'cleanup.deletingPods', { context: facts.context }));
    const pods = await run(plan.pods, 60_000);
    // Interrupted: nothing more is started (the status is the signal's).
    if (o.signal?.aborted) return 1;
    if (pods.spawnError !== undefined && facts.mode === 'real') return missing('kubectl', pods.spawnError, o);
    // A failed pod deletion does not block deleting the cluster (that removes them too).

    if (!plan.cluster) return pods.ok ? 0 : 1;
    const go = o.yes || (o.confirm ? await o.confirm(t(o.lang, 'cleanup.confirmCluster', { cluster: facts.cluster })) : false);
    if (o.signal?.aborted) return 1;
    if (!go) {
      say(t(o.lang, 'cleanup.keptCluster', { cluster: facts.cluster }));
      return pods.ok ? 0 : 1;
    }
    if (o.signal?.aborted) return 1;
    say(t(o.lang, 'cleanup.deletingCluster', { cluster: facts.cluster }));
    const del = await run(plan.cluster, 300_000);
    if (o.signal?.aborted) return 1;
    if (del.spawnError !== undefined) return missing('kind', del.spawnError, o);
    if (!del.ok) {
      o.stderr(`${t(o.lang, 'cleanup.failed', { error: lastLine(del.output) })}\n`);
      return 1;
    }
    say(t(o.lang, 'cleanup.done'));
    return 0;
  } catch (error) {
    o.stderr(`${t(o.lang, 'cleanup.failed', { error: error instanceof Error ? error.message : String(error) })}\n`);
    return 1;
  }
}

function missing(tool: string, error: string, o: CleanupOptions, fix?: { key: string; params?: Readonly<Record<string, string | number>> }): number {
  o.stderr(`${t(o.lang, 'cleanup.missingTool', { tool, error, fix: fix ? tRef(o.lang, fix) : '' }).trimEnd()}\n`);
  return 1;
}

function lastLine(s: string): string {
  return s.trim().split(/\r?\n/).at(-1) ?? '';
}
