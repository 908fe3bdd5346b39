// Judging checks: from one observation of the world to a result. Pure. The check runner
// (src/app/check-runner.ts) makes the observations and polls until a check passes or times out.

import type { CheckSpec } from './model.js';
import { describeProblem, type ClusterSnapshot, type HiddenList, type Pod } from './kube-objects.js';
import type { DoctorReport, Problem } from './plan.js';
import type { MessageKey, MessageRef } from '../i18n/types.js';
import { isTourObject, MANAGED_SELECTOR } from './ownership.js';
import type { CheckResult } from './tour.js';
import { runtimeSupport } from './versions.js';
import { registryMessage, registrySummary, type RegistryReport } from './registry-report.js';

export interface ExecObservation {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** What the runner observed for one check; which field is set depends on the check's kind. */
export type Observation =
  | { readonly kind: 'doctor'; readonly report: DoctorReport }
  /** The registries (or mirrors) of the images the session pulls. */
  | { readonly kind: 'registries'; readonly report: RegistryReport }
  | { readonly kind: 'file'; readonly content: string | null; readonly expected: string | null }
  /**
   * Whether the session's cluster is there: kind lists `cluster` (real, simulated), or the API
   * server of `context` answers (`byContext`: your own cluster). Without them, unnamed.
   */
  | { readonly kind: 'cluster'; readonly exists: boolean; readonly cluster?: string; readonly context?: string; readonly byContext?: boolean }
  | { readonly kind: 'snapshot'; readonly snapshot: ClusterSnapshot }
  | { readonly kind: 'pod'; readonly pod: Pod | null }
  /** The Pods labelled as the tour's in its namespace. */
  | { readonly kind: 'tourPods'; readonly pods: readonly Pod[] }
  | { readonly kind: 'exec'; readonly result: ExecObservation }
  | { readonly kind: 'error'; readonly message: string };

/** The observation a check needs. */
export function observationFor(kind: CheckSpec['kind']): Observation['kind'] {
  switch (kind) {
    case 'toolsReady': return 'doctor';
    case 'registriesReachable': return 'registries';
    case 'fileWritten': return 'file';
    case 'clusterExists':
    case 'clusterAbsent': return 'cluster';
    case 'nodesReady':
    case 'systemPodsRunning':
    case 'runtimeSupportsImageVolumes': return 'snapshot';
    case 'podPhase':
    case 'podReady':
    case 'imageVolumeKept':
    case 'podAbsent': return 'pod';
    case 'labelledPodsGone': return 'tourPods';
    case 'execOutput':
    case 'execFails': return 'exec';
  }
}

function result(check: CheckSpec, ok: boolean, message: MessageRef, output?: string): CheckResult {
  return output !== undefined && output !== '' ? { id: check.id, ok, message, output } : { id: check.id, ok, message };
}

/** What was seen of the cluster, named by how it was seen (kind's list, or the context's API server). */
function clusterMessage(obs: Extract<Observation, { kind: 'cluster' }>, seen: 'exists' | 'notExists' | 'stillExists' | 'gone'): MessageRef {
  if (obs.byContext && obs.context !== undefined && (seen === 'exists' || seen === 'notExists')) {
    return msg(seen === 'exists' ? 'check.cluster.contextAnswers' : 'check.cluster.contextSilent', { context: obs.context });
  }
  if (!obs.byContext && obs.cluster !== undefined) {
    const key = { exists: 'check.cluster.kindLists', notExists: 'check.cluster.kindListsNot', stillExists: 'check.cluster.kindStillLists', gone: 'check.cluster.kindListsNoMore' } as const;
    return msg(key[seen], { cluster: obs.cluster });
  }
  return msg(`check.cluster.${seen}`);
}

/** A check message: a catalog key (check.*) and its values. */
function msg(key: MessageKey, params?: Readonly<Record<string, string | number | MessageRef>>): MessageRef {
  return params ? { key, params } : { key };
}

/** Several messages as one, in order ("a; b; c"). */
function joined(parts: readonly MessageRef[]): MessageRef {
  const [first, ...rest] = parts;
  if (!first) return msg('check.tools.notReady');
  return rest.length === 0 ? first : msg('check.join', { first, rest: joined(rest) });
}

export function isNodeReady(node: ClusterSnapshot['nodes'][number]): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function isPodReady(pod: Pod): boolean {
  const statuses = pod.status?.containerStatuses ?? [];
  return pod.status?.phase === 'Running' && statuses.length > 0 && statuses.every((s) => s.ready);
}

/**
 * A pod that ran to completion (phase Succeeded: a finished Job's pod, which real clusters
 * keep in kube-system). It has nothing left to become ready: it counts as fine.
 */
export function isPodCompleted(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded';
}

/** Ready containers over all containers, as kubectl's READY column shows it ("0/1"). */
export function podReadyCount(pod: Pod): string {
  const cs = pod.status?.containerStatuses ?? [];
  const total = Math.max(cs.length, pod.spec?.containers.length ?? 0);
  return `${cs.filter((c) => c.ready).length}/${total}`;
}

/** A short description of why a pod is not ready: the first waiting/terminated reason, else the phase. */
export function podState(pod: Pod): string {
  for (const s of pod.status?.containerStatuses ?? []) {
    if (s.state?.waiting?.reason) return s.state.waiting.reason;
    if (s.state?.terminated?.reason) return s.state.terminated.reason;
  }
  const unsched = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  if (unsched?.reason) return unsched.reason;
  return pod.status?.phase ?? 'Unknown';
}

/**
 * Messages here are short and factual, with the values the probe found: message references
 * (check.* in the catalogs), shown in the learner's language next to the check's title.
 */
export function judge(check: CheckSpec, obs: Observation): CheckResult {
  if (obs.kind === 'error') return result(check, false, msg('check.error', { error: obs.message }));
  // A snapshot without the cluster's state: say why (no cluster yet, nothing answered, or
  // the API server's own error), never "0 nodes".
  if (obs.kind === 'snapshot' && !obs.snapshot.reachable) return result(check, false, describeProblem(obs.snapshot.problem));
  // A pod by that name that is not the tour's is someone else's: nothing to judge it by.
  if (obs.kind === 'pod' && obs.pod && !isTourObject(obs.pod.metadata) && check.kind !== 'podAbsent') {
    return result(check, false, msg('check.pod.notTours', { pod: obs.pod.metadata.name, label: MANAGED_SELECTOR }));
  }
  // The credentials may not read what this check looks at (a room seat and kube-system's
  // Pods): the check says so and does not fail its step. It never passes on what was read.
  const hidden = obs.kind === 'snapshot' ? hiddenFor(check.kind, obs.snapshot) : undefined;
  if (hidden) return result(check, true, msg('check.notVisible', { what: msg(hidden === 'nodes' ? 'check.notVisible.nodes' : 'check.notVisible.systemPods') }));
  switch (check.kind) {
    case 'toolsReady': {
      if (obs.kind !== 'doctor') break;
      if (obs.report.ready) {
        const found = obs.report.tools.filter((t) => t.found).map((t) => `${t.name} ${t.version ?? ''}`.trim());
        return result(check, true, msg('check.tools.found', { tools: found.join(', ') }));
      }
      // What doctor found wrong, not every tool that is absent: with docker installed,
      // a missing podman is not the problem.
      const problems = obs.report.problems.map(problemSummary);
      return result(check, false, joined(problems));
    }
    case 'registriesReachable':
      if (obs.kind !== 'registries') break;
      return result(check, obs.report.ok, registryMessage(obs.report), obs.report.ok ? undefined : registrySummary(obs.report).replace(/; /g, '\n'));
    case 'fileWritten': {
      if (obs.kind !== 'file') break;
      if (obs.content === null) return result(check, false, msg('check.file.notWritten', { file: check.file ?? '' }));
      if (obs.expected !== null && obs.content !== obs.expected) return result(check, false, msg('check.file.differs', { file: check.file ?? '' }));
      return result(check, true, msg('check.file.written', { file: check.file ?? '', lines: obs.content.split('\n').length }));
    }
    case 'clusterExists':
      if (obs.kind !== 'cluster') break;
      return result(check, obs.exists, clusterMessage(obs, obs.exists ? 'exists' : 'notExists'));
    case 'clusterAbsent':
      if (obs.kind !== 'cluster') break;
      return result(check, !obs.exists, clusterMessage(obs, obs.exists ? 'stillExists' : 'gone'));
    case 'nodesReady': {
      if (obs.kind !== 'snapshot') break;
      const nodes = obs.snapshot.nodes;
      const ready = nodes.filter(isNodeReady);
      const want = check.count ?? 1;
      const ok = nodes.length >= want && ready.length === nodes.length;
      const counts = { ready: ready.length, total: nodes.length, want };
      return result(check, ok, msg(nodes.length < want ? 'check.nodes.tooFew' : 'check.nodes.ready', counts));
    }
    case 'systemPodsRunning': {
      if (obs.kind !== 'snapshot') break;
      const sys = obs.snapshot.pods.filter((p) => p.metadata.namespace === 'kube-system');
      const completed = sys.filter(isPodCompleted);
      const live = sys.filter((p) => !isPodCompleted(p));
      if (live.length === 0) return result(check, false, msg('check.systemPods.none'));
      const notReady = live.filter((p) => !isPodReady(p));
      if (notReady.length > 0) return result(check, false, msg('check.notReady', { what: notReady.map((p) => `${p.metadata.name} ${podReadyCount(p)} ${podState(p)}`).join(', ') }));
      return result(check, true, completed.length > 0 ? msg('check.systemPods.runningCompleted', { count: live.length, completed: completed.length }) : msg('check.systemPods.running', { count: live.length }));
    }
    case 'runtimeSupportsImageVolumes': {
      if (obs.kind !== 'snapshot') break;
      const nodes = obs.snapshot.nodes;
      if (nodes.length === 0) return result(check, false, msg('check.runtime.noNodes'));
      const rows = nodes.map((n) => {
        const raw = n.status?.nodeInfo?.containerRuntimeVersion ?? '';
        return { name: n.metadata.name, raw, support: runtimeSupport(raw) };
      });
      const bad = rows.filter((r) => r.support.imageVolumes === 'no');
      const text = rows.map((r) => `${r.name}: ${r.raw || '?'}`).join(', ');
      return result(check, bad.length === 0, bad.length === 0 ? msg('check.runtime.ok', { nodes: text }) : msg('check.runtime.unsupported', { nodes: bad.map((r) => `${r.name} (${r.raw})`).join(', ') }));
    }
    case 'podPhase': {
      if (obs.kind !== 'pod') break;
      const want = check.phase ?? 'Running';
      if (!obs.pod) return result(check, false, msg('check.pod.notFound', { pod: check.pod ?? '' }));
      const phase = obs.pod.status?.phase ?? 'Unknown';
      return result(check, phase === want, phase === want ? msg('check.pod.phase', { phase }) : msg('check.pod.phaseWant', { phase, state: podState(obs.pod), want }));
    }
    case 'podReady':
      if (obs.kind !== 'pod') break;
      if (!obs.pod) return result(check, false, msg('check.pod.notFound', { pod: check.pod ?? '' }));
      return result(check, isPodReady(obs.pod), isPodReady(obs.pod) ? msg('check.pod.ready') : msg('check.notReady', { what: podState(obs.pod) }));
    case 'podAbsent':
      if (obs.kind !== 'pod') break;
      return result(check, obs.pod === null, msg(obs.pod === null ? 'check.pod.gone' : 'check.pod.stillExists'));
    case 'labelledPodsGone': {
      if (obs.kind !== 'tourPods') break;
      const left = obs.pods.map((p) => p.metadata.name);
      return result(check, left.length === 0, left.length === 0 ? msg('check.labelled.none', { label: MANAGED_SELECTOR }) : msg('check.labelled.left', { pods: left.join(', ') }));
    }
    case 'imageVolumeKept': {
      if (obs.kind !== 'pod') break;
      if (!obs.pod) return result(check, false, msg('check.pod.notFound', { pod: check.pod ?? '' }));
      // Required by the loader for this kind: the tutorial names its volume.
      const name = check.volume ?? '';
      const vol = obs.pod.spec?.volumes?.find((v) => v.name === name);
      if (vol?.image?.reference) return result(check, true, msg('check.volume.kept', { volume: name, reference: vol.image.reference }));
      return result(check, false, msg('check.volume.dropped', { volume: name }));
    }
    case 'execOutput': {
      if (obs.kind !== 'exec') break;
      const out = obs.result.stdout.trim();
      const shown = (obs.result.stdout + obs.result.stderr).trimEnd();
      if (obs.result.exitCode !== 0) return result(check, false, msg('check.exec.exit', { code: obs.result.exitCode }), shown);
      if (check.equals !== undefined && out !== check.equals) return result(check, false, msg('check.exec.got', { got: JSON.stringify(out), want: JSON.stringify(check.equals) }), shown);
      if (check.contains !== undefined && !obs.result.stdout.includes(check.contains)) return result(check, false, msg('check.exec.lacks', { text: JSON.stringify(check.contains) }), shown);
      return result(check, true, check.equals !== undefined ? msg('check.exec.printed', { text: JSON.stringify(out) }) : msg('check.exec.has', { text: JSON.stringify(check.contains ?? '') }), shown);
    }
    case 'execFails': {
      if (obs.kind !== 'exec') break;
      const all = `${obs.result.stdout}${obs.result.stderr}`;
      const shown = all.trimEnd();
      if (obs.result.exitCode === 0) return result(check, false, msg('check.exec.succeeded'), shown);
      if (check.contains !== undefined && !all.includes(check.contains)) return result(check, false, msg('check.exec.failedWithout', { text: JSON.stringify(check.contains) }), shown);
      return result(check, true, msg('check.exec.refused', { text: JSON.stringify(check.contains ?? `exit ${obs.result.exitCode}`) }), shown);
    }
  }
  return result(check, false, msg('check.internal', { observation: obs.kind, kind: check.kind }));
}

/** The list a snapshot check needs that the credentials could not read, if any. */
function hiddenFor(kind: CheckSpec['kind'], snapshot: ClusterSnapshot): HiddenList | undefined {
  const need: HiddenList | undefined = kind === 'systemPodsRunning' ? 'systemPods' : kind === 'nodesReady' || kind === 'runtimeSupportsImageVolumes' ? 'nodes' : undefined;
  return need !== undefined && snapshot.hidden?.includes(need) ? need : undefined;
}

/** One problem doctor found, as a short fact for the check's message. */
function problemSummary(p: Problem): MessageRef {
  const param = (name: string): string => {
    const v = p.message.params?.[name];
    // Doctor's parameters are plain values; a nested message has no plain fact to give here.
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  };
  switch (p.message.key) {
    case 'doctor.problem.daemonDown': return msg('check.tools.daemonDown', { engine: param('engine') });
    case 'doctor.problem.noEngine':
    case 'sim.doctor.noEngine': return msg('check.tools.noEngine');
    case 'doctor.problem.probeTimedOut': return msg('check.tools.probeTimedOut', { command: param('command'), seconds: param('seconds') });
    case 'doctor.problem.kindTooOld': return msg('check.tools.kindTooOld', { version: param('version') });
    case 'doctor.problem.noKind': return msg('check.tools.missing', { tool: 'kind' });
    case 'doctor.problem.noKubectl': return msg('check.tools.missing', { tool: 'kubectl' });
    case 'doctor.problem.contextMissing': return msg('check.tools.contextMissing', { context: param('context') });
    case 'doctor.problem.unreachable': return msg('check.cluster.unreachable', { error: param('error') });
    case 'doctor.problem.apiError': return msg('check.cluster.apiError', { error: param('error') });
    default: return msg('check.tools.other', { tool: p.tool });
  }
}
