// Lines of the cluster pane: nodes (Ready, runtime, kubelet), pods (phase, ready, restarts)
// of the tour's namespace first, then kube-system, and the last events. Pure.
import stringWidth from 'string-width';
import { isNodeReady, isPodCompleted, isPodReady, podReadyCount, podState } from '../engine/checks.js';
import type { ClusterProblem, ClusterSnapshot, Pod } from '../engine/kube-objects.js';
import type { SessionFacts } from '../engine/model.js';
import { t } from '../i18n/index.js';
import { createStyler } from './text/ansi.js';
import { wrapText } from './text/wrap.js';
import type { Lang } from '../i18n/types.js';

export const CLUSTER_EVENTS_SHOWN = 6;

function table(rows: readonly (readonly string[])[], styles: readonly ((s: string, row: number) => string)[]): string[] {
  const cols = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) => Math.max(0, ...rows.map((r) => stringWidth(r[i] ?? ''))));
  return rows.map((r, ri) =>
    r
      .map((cell, i) => {
        const styled = styles[i]?.(cell, ri) ?? cell;
        return i === r.length - 1 ? styled : styled + ' '.repeat(Math.max(0, (widths[i] ?? 0) - stringWidth(cell)));
      })
      .join('  '),
  );
}

function restarts(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);
}

/** The session facts the pane needs: whose cluster it is and where the tour's objects are. */
export type ClusterPaneFacts = Pick<SessionFacts, 'mode' | 'context' | 'namespace'>;

/**
 * Why there is no cluster state to show, and what to do. "No cluster yet", "not answering"
 * and "the API server's error" are different situations with different next actions.
 */
function problemLines(problem: ClusterProblem | undefined, lang: Lang, s: ReturnType<typeof createStyler>, facts: ClusterPaneFacts): string[] {
  const params = { context: facts.context, namespace: facts.namespace };
  if (!problem || problem.kind === 'absent') {
    if (facts.mode === 'byoc') return [s.fg('yellow', t(lang, 'ui.cluster.contextMissing', params))];
    return [s.dim(t(lang, 'ui.cluster.absent'))];
  }
  if (problem.kind === 'unreachable') {
    return [
      s.fg('red', t(lang, 'ui.cluster.notAnswering', { error: problem.message })),
      s.dim(t(lang, facts.mode === 'byoc' ? 'ui.cluster.notAnsweringNextByoc' : 'ui.cluster.notAnsweringNext', params)),
    ];
  }
  if (problem.kind === 'apiError') {
    const forbidden = problem.status === 401 || problem.status === 403;
    return [
      s.fg('red', t(lang, 'ui.cluster.apiError', { error: problem.message })),
      s.dim(t(lang, forbidden ? 'ui.cluster.forbiddenNext' : 'ui.cluster.apiErrorNext', params)),
    ];
  }
  return [s.fg('red', t(lang, 'ui.cluster.readFailed', { error: problem.message })), s.dim(t(lang, 'ui.cluster.readFailedNext', params))];
}

/**
 * The pane's lines. Tables are cut at the pane's edge; the messages that say why there is
 * no cluster to show (and what to do) are wrapped to `width`, so they are read whole.
 */
export function clusterLines(snapshot: ClusterSnapshot | null, error: string | null, lang: Lang, color: boolean, facts: ClusterPaneFacts, width = 80): string[] {
  const s = createStyler(color);
  const namespace = facts.namespace;
  const out: string[] = [];
  if (error) out.push(s.fg('yellow', t(lang, 'ui.cluster.error', { message: error })));
  if (!snapshot) {
    out.push(s.dim(t(lang, 'ui.cluster.waiting')));
    return out;
  }
  if (!snapshot.reachable) {
    out.push(...problemLines(snapshot.problem, lang, s, facts).flatMap((line) => wrapText(line, Math.max(10, width))));
    return out;
  }
  out.push(s.bold(t(lang, 'ui.cluster.nodes')));
  if (snapshot.nodes.length === 0) out.push(s.dim(`  ${t(lang, 'ui.cluster.none')}`));
  out.push(
    ...table(
      snapshot.nodes.map((n) => [
        `  ${n.metadata.name}`,
        isNodeReady(n) ? 'Ready' : 'NotReady',
        n.status?.nodeInfo?.containerRuntimeVersion ?? '?',
        n.status?.nodeInfo?.kubeletVersion ?? '?',
      ]),
      [(x) => x, (x) => (x === 'Ready' ? s.fg('green', x) : s.fg('red', x)), (x) => s.fg('cyan', x), (x) => s.dim(x)],
    ),
  );
  out.push(s.bold(t(lang, 'ui.cluster.pods')));
  const pods = [...snapshot.pods].sort((a, b) => {
    const ra = a.metadata.namespace === namespace ? 0 : 1;
    const rb = b.metadata.namespace === namespace ? 0 : 1;
    return ra - rb || (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name);
  });
  if (pods.length === 0) out.push(s.dim(`  ${t(lang, 'ui.cluster.none')}`));
  out.push(
    ...table(
      pods.map((p) => {
        const state = podState(p);
        return [`  ${p.metadata.namespace ?? ''}/${p.metadata.name}`, state, podReadyCount(p), `↻${restarts(p)}`];
      }),
      [
        (x, ri) => (pods[ri]?.metadata.namespace === namespace ? s.bold(x) : x),
        (x, ri) => {
          const p = pods[ri];
          if (p && isPodReady(p)) return s.fg('green', x);
          // A finished Job's pod (Succeeded) is fine, not something to wait for.
          if (p && isPodCompleted(p)) return s.dim(x);
          return /Err|BackOff|Fail|Invalid/.test(x) ? s.fg('red', x) : s.fg('yellow', x);
        },
        (x) => x,
        (x) => (x === '↻0' ? s.dim(x) : s.fg('yellow', x)),
      ],
    ),
  );
  out.push(s.bold(t(lang, 'ui.cluster.events')));
  const events = snapshot.events.slice(-CLUSTER_EVENTS_SHOWN);
  if (events.length === 0) out.push(s.dim(`  ${t(lang, 'ui.cluster.none')}`));
  for (const e of events) {
    const type = e.type === 'Warning' ? s.fg('red', 'Warning') : s.dim('Normal');
    const obj = `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`;
    out.push(`  ${type} ${s.bold(e.reason)} ${s.dim(obj)} ${e.message.replace(/\s+/g, ' ')}${e.count && e.count > 1 ? s.dim(` (×${e.count})`) : ''}`);
  }
  return out;
}
