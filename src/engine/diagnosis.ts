// Diagnosis: from what went wrong (the cluster's state, the pod read back, the failed
// command's output) to a cause and the next action. Pure. The rules are a data table,
// tried in order; the first that matches wins. Facts: docs/image-volumes.md §1, §2, §3, §7.

import type { MessageKey, MessageRef } from '../i18n/types.js';
import { runtimeSupport } from './versions.js';
import type { SessionFacts } from './model.js';
import type { ClusterProblem, ClusterSnapshot, Pod } from './kube-objects.js';
import { isTourObject, type Refusal, type RefusalRule } from './ownership.js';
import type { DoctorReport, Problem } from './plan.js';
import type { Diagnosis } from './tour.js';
import { toolName } from './tool-name.js';
import { parseImageRef } from './image-ref.js';
import { isLoopbackHost } from './mirrors.js';
import type { NeedReason, StepNeed } from './step-needs.js';

export interface DiagnosisInput {
  readonly snapshot: ClusterSnapshot;
  /**
   * The step's Pod as read back from the API, only when it is the tour's (labelled
   * app.kubernetes.io/managed-by=ivol-tour); null when absent, not the tour's or not relevant.
   */
  readonly pod: Pod | null;
  readonly facts: SessionFacts;
  readonly stepId: string;
  /** The step is the tutorial's clean-up (role: cleanup): a cluster that is gone is what it wants. */
  readonly cleanup?: boolean;
  /** The adapters refused the failed command; its rule is the diagnosis. */
  readonly refusal?: Refusal;
  /** The Pods the step names (its checks' and shell's `pod`). */
  readonly stepPods?: readonly string[];
  /** The tutorial's step that creates the cluster (the first with a clusterExists check), for "create it first". */
  readonly clusterStep?: string;
  /** The tour's labelled Pods in its namespace: the only Pods the diagnosis reads. */
  readonly tourPods?: readonly Pod[];
  /** The tail of the failed command's output (stdout and stderr). */
  readonly output?: string;
  /** The failed command's argv, when a command failed (not a check). */
  readonly command?: readonly string[];
  /**
   * false when what failed never reads the cluster (a file check, doctor's tools): a cluster
   * that is absent or not answering then explains nothing. Default true.
   */
  readonly readsCluster?: boolean;
  /**
   * The earlier steps this one needs (step-needs.ts), titled in the learner's language: a
   * failure whose evidence shows one of them did not run is explained by that (rule step.needs).
   */
  readonly needs?: readonly TitledNeed[];
  /** The names of the files written so far in the session (`{file:NAME}`). */
  readonly filesWritten?: readonly string[];
  /**
   * What doctor found, when the failure may come from the machine's tools (a command that
   * could not start, a failed toolsReady check). Its first problem (the container engine
   * before kind before kubectl) is then the cause, and its fix the next action.
   */
  readonly doctor?: DoctorReport;
}

/** A step this one needs, with its title (step-needs.ts). */
export interface TitledNeed extends StepNeed {
  readonly title: string;
}

/** What the rules look at, derived once from the input. */
export interface DiagnosisContext {
  readonly input: DiagnosisInput;
  readonly output: string;
  /** The image references of the pod's image volumes (and the session's artifact). */
  readonly artifacts: readonly string[];
  /** Waiting/terminated reasons and messages of the pod's containers. */
  readonly containerStates: readonly { container: string; image: string; reason: string; message: string }[];
  /** Messages of the events about the pod, oldest first. */
  readonly podEvents: readonly { reason: string; message: string; type: string }[];
}

type Params = Readonly<Record<string, string | number | MessageRef>>;

/** The ids X with a message diag.X.<part> in the catalogs. */
type DiagIds<K extends MessageKey, Part extends string> = K extends `diag.${infer Id}.${Part}` ? Id : never;

/** A rule's id: its cause is the message diag.<id>.cause, so a rule without one is a compile error. */
export type DiagnosisRuleId = DiagIds<MessageKey, 'cause'>;

/**
 * A rule of the table. Its next action is the message diag.<id>.next, or the key `next` gives
 * (or picks from the context); a rule with neither is a compile error.
 */
export type DiagnosisRule = {
  /** Parameters for the messages when the rule matches; null otherwise. */
  readonly match: (ctx: DiagnosisContext) => Params | null;
} & (
  | { readonly id: Extract<DiagnosisRuleId, DiagIds<MessageKey, 'next'>>; readonly next?: undefined }
  | { readonly id: DiagnosisRuleId; readonly next: MessageKey | ((ctx: DiagnosisContext, params?: Params) => MessageKey) }
);

const PULL_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'ErrImageNeverPull', 'InvalidImageName']);

function firstMatch(texts: readonly string[], re: RegExp): RegExpExecArray | null {
  for (const t of texts) {
    const m = re.exec(t);
    if (m) return m;
  }
  return null;
}

/** Every text about the pod: container state messages, then event messages. */
function podTexts(ctx: DiagnosisContext): string[] {
  return [...ctx.containerStates.map((s) => `${s.reason}: ${s.message}`), ...ctx.podEvents.map((e) => `${e.reason}: ${e.message}`)];
}

function allTexts(ctx: DiagnosisContext): string[] {
  return ctx.output === '' ? podTexts(ctx) : [...podTexts(ctx), ctx.output];
}

function pulling(ctx: DiagnosisContext): boolean {
  return ctx.containerStates.some((s) => PULL_REASONS.has(s.reason)) ||
    ctx.podEvents.some((e) => e.reason === 'Failed' && /pull/i.test(e.message)) ||
    /ErrImagePull|ImagePullBackOff/.test(ctx.output);
}

/** The artifact reference a pull failure is about, if any. */
function failedArtifact(ctx: DiagnosisContext): string | null {
  const texts = allTexts(ctx).filter((t) => /pull|ErrImage|BackOff/i.test(t));
  for (const ref of ctx.artifacts) {
    if (texts.some((t) => t.includes(ref))) return ref;
  }
  return null;
}

/** The artifact made compatible with containerd (its config lists a diffID per layer). */
const COMPATIBLE_ARTIFACT = 'quay.io/crio/artifact:v2';

/** The artifact whose pull read layers and diffIDs that do not match. */
function diffIdsReference(ctx: DiagnosisContext): string {
  return failedArtifact(ctx) ?? ctx.artifacts[0] ?? ctx.input.facts.artifact;
}

function hasImageVolume(pod: Pod): boolean {
  return (pod.spec?.volumes ?? []).some((v) => v.image !== undefined && v.image !== null);
}

/**
 * A detail for a message, on one line and whole: the learner sees every word of it (the screen
 * wraps it). Bounded only by what the inputs hold (an output tail of OUTPUT_TAIL_CHARS).
 */
function tail(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/**
 * Why the cluster could not be read, when that can explain the failure: not for clean-up
 * (a cluster that is gone is what it wants), nor when the pod was read after all.
 */
function clusterProblem(ctx: DiagnosisContext): ClusterProblem | null {
  const { snapshot, pod, cleanup, readsCluster } = ctx.input;
  if (snapshot.reachable || pod !== null || cleanup === true || readsCluster === false) return null;
  return snapshot.problem ?? { kind: 'absent' };
}

function engineName(ctx: DiagnosisContext): string {
  return /podman/i.test(ctx.output) ? 'podman' : 'docker';
}

/** The refusal's parameters when the adapters refused the command with this rule. */
function refused(id: RefusalRule): (ctx: DiagnosisContext) => Params | null {
  return (ctx) => (ctx.input.refusal?.rule === id ? ctx.input.refusal.params : null);
}

/** How to get out of the way of someone else's object: another namespace (byoc) or cluster (kind). */
function ownershipNext(ctx: DiagnosisContext): MessageKey {
  return ctx.input.facts.mode === 'byoc' ? 'diag.ownership.next.byoc' : 'diag.ownership.next.kind';
}

/**
 * How to get a runtime that mounts image volumes, fitting the session: kind's containerd (the
 * rule's own diag.<id>.next), a CRI-O node image (kind publishes none, so upgrading kind does
 * not help), or the learner's own cluster (--context: no kind at all). image-volumes.md §8.
 */
function runtimeNext(kindNext: MessageKey): (ctx: DiagnosisContext) => MessageKey {
  return (ctx) => {
    const { mode, profile } = ctx.input.facts;
    if (mode === 'byoc') return 'diag.runtime.next.byoc';
    return profile === 'crio' ? 'diag.runtime.next.crio' : kindNext;
  };
}

/** Switching the gate on: in the kind config, or on the learner's own cluster's components. */
function gateNext(ctx: DiagnosisContext): MessageKey {
  return ctx.input.facts.mode === 'byoc' ? 'diag.pod.gateOff.next.byoc' : 'diag.pod.gateOff.next';
}

/** A host a pull could not reach, from a pull error's text. */
interface FailedHost {
  readonly host: string;
  /** The registry the pull was for (the mirror's, or the image's). */
  readonly registry: string;
  readonly image: string;
  /** Go's dial error. */
  readonly error: string;
  /** A mirror (containerd's `?ns=`, a host given with --mirror, or one of CRI-O's "Mirrors also failed"), not the registry itself. */
  readonly mirror: boolean;
  /** A loopback mirror dialled by the node's runtime: inside the node that is the node itself. */
  readonly loopbackInNode: boolean;
}

const DIAL_FAILURE = /(?:Head|Get) "(https?):\/\/([^/"?]+)([^"]*)": (dial tcp[ :][^"\n\]]*?(?:connection refused|server misbehaving|no such host|i\/o timeout|network is unreachable|no route to host))/g;

/** The first host a failed pull could not reach: what containerd, CRI-O or dockerd name in the error. */
function failedHost(ctx: DiagnosisContext): FailedHost | null {
  const texts = allTexts(ctx).filter((t) => /pull|Error response from daemon|ErrImage|BackOff/i.test(t));
  const mirrors = ctx.input.facts.mirrors ?? [];
  for (const text of texts) {
    const named = /(?:pull image|pull and unpack image|pulling image) "([^"]+)"|initializing source docker:\/\/(\S+?): /i.exec(text);
    const image = named?.[1] ?? named?.[2] ?? '';
    const imageRegistry = parseImageRef(image)?.registry ?? '';
    for (const m of text.matchAll(DIAL_FAILURE)) {
      const host = m[2] ?? '';
      const ns = /[?&]ns=([^&"]+)/.exec(m[3] ?? '')?.[1];
      const given = mirrors.find((x) => x.host === host.toLowerCase());
      const inMirrorList = /Mirrors also failed: \[/.test(text) && text.indexOf(m[0]) < text.indexOf(']):');
      const mirror = ns !== undefined || given !== undefined || inMirrorList;
      const inNode = !/Error response from daemon/.test(text);
      return {
        host,
        registry: ns ?? given?.registry ?? (imageRegistry || host),
        image: image || '?',
        error: m[4] ?? '',
        mirror,
        loopbackInNode: mirror && inNode && isLoopbackHost(host),
      };
    }
  }
  return null;
}

/** The rules, most specific first. */
export const DIAGNOSIS_RULES: readonly DiagnosisRule[] = [
  // The adapters refused to touch what is not the tour's: that is the whole story.
  // The command guard would not run it (another context, cluster or namespace; a wrapper).
  { id: 'command.refused', match: refused('command.refused') },
  { id: 'ownership.notOurs', match: refused('ownership.notOurs'), next: ownershipNext },
  { id: 'ownership.execNotOurs', match: refused('ownership.execNotOurs'), next: ownershipNext },
  { id: 'ownership.selector', match: refused('ownership.selector') },
  { id: 'ownership.allNamespaces', match: refused('ownership.allNamespaces') },
  { id: 'ownership.clusterKept', match: refused('ownership.clusterKept') },
  { id: 'ownership.clusterUnconfirmed', match: refused('ownership.clusterUnconfirmed') },
  {
    // The step's Pod exists but is someone else's (the tour's apply was refused, or it was
    // never run): the checks cannot judge it.
    id: 'ownership.podNotOurs',
    next: ownershipNext,
    match: (ctx) => {
      const ns = ctx.input.facts.namespace;
      const ours = new Set((ctx.input.tourPods ?? []).map((p) => p.metadata.name));
      for (const name of ctx.input.stepPods ?? []) {
        if (ours.has(name)) continue;
        const other = ctx.input.snapshot.pods.find((p) => p.metadata.name === name && (p.metadata.namespace ?? ns) === ns && !isTourObject(p.metadata));
        if (other) return { kind: 'Pod', name, namespace: ns };
      }
      return null;
    },
  },
  // An earlier step this one needs did not run, and the evidence shows what is missing: the
  // cluster it creates, the Pod it applies, the file it writes. That explains the rest.
  { id: 'step.needs', match: unmetNeed },
  // The preflight's registry check (registriesReachable) failed: its message says, per
  // registry, `REGISTRY[ (mirror URL)]: CAUSE (DETAIL)` (registry-report.ts registrySummary).
  {
    id: 'registry.mirror',
    match: (ctx) => {
      const m = /^(\S+) \(mirror (\S+)\): (dns|refused|timeout|tls|network|reset|proxy|http|other) \(([^)]*)\)/m.exec(ctx.output);
      return m && ctx.input.readsCluster === false ? { registry: m[1] ?? '', mirror: m[2] ?? '', cause: `${m[3] ?? ''} (${m[4] ?? ''})` } : null;
    },
  },
  {
    id: 'registry.unreachable',
    match: (ctx) => {
      const m = /^([a-z0-9.-]+\.[a-z0-9.:-]+): (dns|refused|timeout|tls|network|reset|proxy|http|other) \(([^)]*)\)/m.exec(ctx.output);
      return m && ctx.input.readsCluster === false ? { registry: m[1] ?? '', cause: `${m[2] ?? ''} (${m[3] ?? ''})` } : null;
    },
  },
  // A pull failed because a host did not answer (containerd's resolver, CRI-O's containers/image
  // or dockerd, as the simulated cluster words them too: adapters/cluster/simulated/registry-hosts.ts).
  // A mirror that failed comes first: with a mirror, it is the first host tried and the error named.
  {
    // A mirror on this machine's loopback, dialled from inside the node: the node itself.
    id: 'registry.mirrorLoopback',
    match: (ctx) => {
      const f = failedHost(ctx);
      return f?.mirror && f.loopbackInNode ? { host: f.host, registry: f.registry, image: f.image, error: f.error } : null;
    },
  },
  {
    id: 'registry.mirrorRefused',
    match: (ctx) => {
      const f = failedHost(ctx);
      return f?.mirror ? { host: f.host, registry: f.registry, image: f.image, error: f.error } : null;
    },
  },
  {
    id: 'registry.offlinePull',
    match: (ctx) => {
      const f = failedHost(ctx);
      return f && !f.mirror ? { host: f.host, registry: f.registry, image: f.image, error: f.error } : null;
    },
  },
  {
    id: 'kubectl.contextMissing',
    match: (ctx) => {
      const m = /context "([^"]+)" does not exist|no context exists with the name:? "([^"]+)"|context "?([^\s"]+)"? not found in the kubeconfig|context was not found for specified context: (\S+)/.exec(ctx.output);
      return m ? { context: m[1] ?? m[2] ?? m[3] ?? m[4] ?? ctx.input.facts.context, step: ctx.input.clusterStep ?? '?' } : null;
    },
  },
  {
    id: 'kind.daemonDown',
    match: (ctx) =>
      /Cannot connect to the Docker daemon|failed to get docker info|failed to get podman info|Cannot connect to Podman|executable file not found|is the docker daemon running/i.test(ctx.output)
        ? { engine: engineName(ctx) }
        : null,
  },
  {
    id: 'kind.clusterExists',
    match: (ctx) => {
      const m = /already exist for a cluster with the name "([^"]+)"/.exec(ctx.output);
      return m ? { cluster: m[1] ?? ctx.input.facts.cluster } : null;
    },
  },
  {
    id: 'kind.portInUse',
    match: (ctx) => {
      if (!/address already in use|port is already allocated/i.test(ctx.output)) return null;
      const m = /(?:0\.0\.0\.0|127\.0\.0\.1|\[::\]|::):(\d+)/.exec(ctx.output);
      return { port: m?.[1] ?? '6443' };
    },
  },
  {
    id: 'kind.nodeImagePull',
    match: (ctx) => {
      const m = /failed to pull image "([^"]+)"|Error response from daemon: (?:pull access denied|manifest unknown|[^\n]*not found)[^\n]*?([\w./-]+\/[\w.-]+(?::[\w.-]+)?)/i.exec(ctx.output);
      if (!m || !/create cluster|Ensuring node image|pull/i.test(ctx.output)) return null;
      return { image: m[1] ?? m[2] ?? (ctx.input.facts.nodeImage || 'kindest/node') };
    },
  },
  {
    id: 'kind.cgroup',
    match: (ctx) => (/cgroup/i.test(ctx.output) && /kind|kubelet|cluster|node/i.test(ctx.output) ? { detail: tail(firstMatch([ctx.output], /[^\n]*cgroup[^\n]*/i)?.[0] ?? '') } : null),
  },
  {
    // kind failed for a reason the rules above do not know: its own ERROR line says why
    // (the cluster not answering afterwards is a consequence, not the cause).
    id: 'kind.failed',
    match: (ctx) => {
      const argv0 = ctx.input.command?.[0];
      if (argv0 !== undefined && toolName(argv0) !== 'kind') return null;
      const lines = [...ctx.output.matchAll(/^ERROR: (.+)$/gm)].map((m) => m[1] ?? '');
      const error = lines.at(-1);
      if (error === undefined || (argv0 === undefined && !/^ERROR: failed to /m.test(ctx.output))) return null;
      return { error: tail(error), cluster: ctx.input.facts.cluster };
    },
  },
  // The cluster could not be read. Each reason has its own next action; an HTTP error is
  // what the server said, never "does not answer".
  {
    id: 'cluster.contextMissing',
    match: (ctx) => (clusterProblem(ctx)?.kind === 'absent' && ctx.input.facts.mode === 'byoc' ? { context: ctx.input.facts.context } : null),
  },
  {
    id: 'cluster.absent',
    match: (ctx) => (clusterProblem(ctx)?.kind === 'absent' ? { cluster: ctx.input.facts.cluster, context: ctx.input.facts.context, step: ctx.input.clusterStep ?? '?' } : null),
  },
  {
    id: 'cluster.unreachable',
    match: (ctx) => {
      const p = clusterProblem(ctx);
      return p?.kind === 'unreachable' && ctx.input.facts.mode !== 'byoc' ? { context: ctx.input.facts.context, cluster: ctx.input.facts.cluster, error: tail(p.message) } : null;
    },
  },
  {
    id: 'cluster.unreachableByoc',
    match: (ctx) => {
      const p = clusterProblem(ctx);
      return p?.kind === 'unreachable' ? { context: ctx.input.facts.context, error: tail(p.message) } : null;
    },
  },
  {
    id: 'cluster.forbidden',
    match: (ctx) => {
      const p = clusterProblem(ctx);
      return p?.kind === 'apiError' && (p.status === 401 || p.status === 403)
        ? { context: ctx.input.facts.context, namespace: ctx.input.facts.namespace, error: tail(p.message) }
        : null;
    },
  },
  {
    id: 'cluster.apiError',
    match: (ctx) => {
      const p = clusterProblem(ctx);
      return p?.kind === 'apiError' ? { context: ctx.input.facts.context, error: tail(p.message) } : null;
    },
  },
  {
    id: 'cluster.readFailed',
    match: (ctx) => {
      const p = clusterProblem(ctx);
      return p?.kind === 'failed' ? { context: ctx.input.facts.context, error: tail(p.message) } : null;
    },
  },
  // Could not check what the command would change (after unreachable: a cluster that does not
  // answer is the better explanation).
  { id: 'ownership.unchecked', match: refused('ownership.unchecked') },
  {
    id: 'pod.gateOff',
    next: gateNext,
    match: (ctx) => {
      const pod = ctx.input.pod;
      if (!pod || !pod.spec || hasImageVolume(pod)) return null;
      return { pod: pod.metadata.name };
    },
  },
  {
    id: 'artifact.layersDiffIds',
    // Already the compatible tag: what answers for it (a mirror, a copy made with `prepare`, a
    // re-push) is other content, and "use :v2" would send the learner in a circle.
    next: (_ctx, params) => (params?.['reference'] === COMPATIBLE_ARTIFACT ? 'diag.artifact.layersDiffIds.nextSame' : 'diag.artifact.layersDiffIds.next'),
    match: (ctx) => {
      const m = firstMatch(allTexts(ctx), /number of layers and diffIDs don't match|layers and diffIDs/i);
      if (!m) return null;
      return { reference: diffIdsReference(ctx), suggested: COMPATIBLE_ARTIFACT };
    },
  },
  {
    id: 'artifact.pullFailed',
    match: (ctx) => {
      if (!pulling(ctx)) return null;
      const ref = failedArtifact(ctx);
      if (ref === null) return null;
      const detail = firstMatch(allTexts(ctx), /[^\n]*(?:Failed to pull|failed to pull|ErrImagePull|BackOff)[^\n]*/)?.[0] ?? '';
      return { reference: ref, detail: tail(detail) };
    },
  },
  {
    id: 'runtime.containerdTooOld',
    next: runtimeNext('diag.runtime.containerdTooOld.next'),
    match: (ctx) => (firstMatch(allTexts(ctx), /mkdir "":|failed to mkdir ""/) ? { runtime: runtimeOf(ctx) } : null),
  },
  {
    // "host path is not set" / `mount.HostPath is empty`: what any runtime without support for
    // image volumes reports in general (KEP-4639; k3s #14452 with cri-dockerd), not only an old CRI-O.
    // The id is kept for the reports that name it.
    id: 'runtime.crioTooOld',
    next: runtimeNext('diag.runtime.crioTooOld.next'),
    match: (ctx) => (firstMatch(allTexts(ctx), /mount\.HostPath is empty|host path is not set/i) ? { runtime: runtimeOf(ctx) } : null),
  },
  {
    // Before any pod fails: a node reports a runtime version that cannot mount image volumes.
    id: 'runtime.unsupported',
    next: runtimeNext('diag.runtime.unsupported.next'),
    match: (ctx) => {
      for (const node of ctx.input.snapshot.nodes) {
        const raw = node.status?.nodeInfo?.containerRuntimeVersion ?? '';
        if (raw !== '' && runtimeSupport(raw).imageVolumes === 'no') return { node: node.metadata.name, runtime: raw };
      }
      return null;
    },
  },
  {
    id: 'subPath.missing',
    match: (ctx) => {
      const m = firstMatch(allTexts(ctx), /sub ?path "?([^"\s]+)"? does not exist/i);
      return m ? { subPath: m[1] ?? '' } : null;
    },
  },
  {
    id: 'image.pullFailed',
    match: (ctx) => {
      const st = ctx.containerStates.find((s) => PULL_REASONS.has(s.reason));
      if (st) return { image: st.image, container: st.container, detail: tail(st.message) };
      const ev = ctx.podEvents.find((e) => e.reason === 'Failed' && /pull/i.test(e.message));
      if (!ev) return null;
      const m = /image "([^"]+)"/.exec(ev.message);
      return { image: m?.[1] ?? '?', container: '?', detail: tail(ev.message) };
    },
  },
  {
    id: 'pod.unschedulable',
    match: (ctx) => {
      const pod = ctx.input.pod;
      if (!pod || pod.status?.phase !== 'Pending') return null;
      const cond = pod.status.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
      const ev = ctx.podEvents.filter((e) => e.reason === 'FailedScheduling').at(-1);
      if (cond?.reason !== 'Unschedulable' && !ev) return null;
      return { pod: pod.metadata.name, detail: tail(cond?.message ?? ev?.message ?? '') };
    },
  },
];

/** Whether the evidence shows that what the need provides is missing. */
function missing(ctx: DiagnosisContext, reason: NeedReason): boolean {
  const { snapshot, facts } = ctx.input;
  switch (reason.kind) {
    case 'cluster':
      return clusterProblem(ctx)?.kind === 'absent' || /context "[^"]*" does not exist|context was not found|no context exists/.test(ctx.output);
    case 'pod': {
      if (!snapshot.reachable) return false;
      const here = (p: Pod): boolean => p.metadata.name === reason.name && (p.metadata.namespace ?? facts.namespace) === facts.namespace;
      return !snapshot.pods.some(here) && !(ctx.input.tourPods ?? []).some(here);
    }
    case 'file':
      return ctx.input.filesWritten !== undefined && !ctx.input.filesWritten.includes(reason.name);
  }
}

function unmetNeed(ctx: DiagnosisContext): Params | null {
  for (const need of ctx.input.needs ?? []) {
    const reason = need.reasons.find((r) => missing(ctx, r));
    if (!reason) continue;
    const what: MessageRef =
      reason.kind === 'cluster'
        ? { key: 'diag.step.needs.cluster', params: { cluster: ctx.input.facts.cluster } }
        : reason.kind === 'pod'
          ? { key: 'diag.step.needs.pod', params: { pod: reason.name } }
          : { key: 'diag.step.needs.file', params: { file: reason.name } };
    return { n: need.index + 1, step: need.title, what };
  }
  return null;
}

function runtimeOf(ctx: DiagnosisContext): string {
  const node = ctx.input.snapshot.nodes.find((n) => n.metadata.name === ctx.input.pod?.spec?.nodeName) ?? ctx.input.snapshot.nodes[0];
  return node?.status?.nodeInfo?.containerRuntimeVersion ?? '?';
}

export function diagnosisContext(input: DiagnosisInput): DiagnosisContext {
  const pod = input.pod;
  const artifacts = new Set<string>();
  for (const v of pod?.spec?.volumes ?? []) {
    if (v.image?.reference) artifacts.add(v.image.reference);
  }
  if (input.facts.artifact) artifacts.add(input.facts.artifact);
  const images = new Map((pod?.spec?.containers ?? []).map((c) => [c.name, c.image]));
  const containerStates = (pod?.status?.containerStatuses ?? []).flatMap((s) => {
    const w = s.state?.waiting;
    const term = s.state?.terminated;
    const image = images.get(s.name) ?? s.image;
    if (w?.reason) return [{ container: s.name, image, reason: w.reason, message: w.message ?? '' }];
    if (term && term.exitCode !== 0) return [{ container: s.name, image, reason: term.reason ?? 'Error', message: term.message ?? '' }];
    return [];
  });
  const podEvents = pod
    ? input.snapshot.events
        .filter((e) => e.involvedObject.kind === 'Pod' && e.involvedObject.name === pod.metadata.name)
        .map((e) => ({ reason: e.reason, message: e.message, type: e.type }))
    : [];
  return { input, output: input.output ?? '', artifacts: [...artifacts], containerStates, podEvents };
}

/** The rule of a problem doctor found with a tool (the container engine before kind before kubectl). */
function toolRule(tool: Problem['tool']): string {
  return `tools.${tool}`;
}

/** Every tool doctor may find a problem with: each is a rule of its own (toolRule). */
const DOCTOR_TOOLS: Readonly<Record<Problem['tool'], true>> = { engine: true, docker: true, podman: true, kind: true, kubectl: true };

/**
 * Every id a diagnosis may carry: the rules of the table and doctor's tools. A tutorial's hint
 * names them (`about:`); the loader refuses any other.
 */
export const DIAGNOSIS_RULE_IDS: readonly string[] = [...DIAGNOSIS_RULES.map((r) => r.id), ...(Object.keys(DOCTOR_TOOLS) as Problem['tool'][]).map(toolRule)];

/** The most evidence kept with a failure, in characters (what the pod reported first, then the output's end). */
export const MAX_EVIDENCE_CHARS = 16_000;

/** The context of the rules, reading only the tour's own Pod: someone else's Pod of the same name says nothing about the tour. */
function ownContext(input: DiagnosisInput): DiagnosisContext {
  const own = input.pod && isTourObject(input.pod.metadata) ? input.pod : null;
  return diagnosisContext(own === input.pod ? input : { ...input, pod: own });
}

/**
 * What the failure showed, as the rules read it: the tour's Pod's container states and events,
 * then the failed command's output (or the failed checks' messages and output). A hint's `seen:`
 * texts are looked for in it (failure-hints.ts). Bounded by MAX_EVIDENCE_CHARS.
 */
export function failureEvidence(input: DiagnosisInput): string {
  const ctx = ownContext(input);
  const pod = podTexts(ctx).join('\n').slice(0, MAX_EVIDENCE_CHARS / 2);
  const output = ctx.output.slice(-(MAX_EVIDENCE_CHARS - pod.length - 1));
  return pod === '' ? output : output === '' ? pod : `${pod}\n${output}`;
}

/** The first rule that explains the failure, or undefined. */
export function diagnose(input: DiagnosisInput, rules: readonly DiagnosisRule[] = DIAGNOSIS_RULES): Diagnosis | undefined {
  const problem = input.refusal ? undefined : input.doctor?.problems[0];
  if (problem) return { rule: toolRule(problem.tool), cause: problem.message, next: problem.fix };
  const ctx = ownContext(input);
  for (const rule of rules) {
    const params = rule.match(ctx);
    if (params) {
      const cause: MessageRef = { key: `diag.${rule.id}.cause`, params };
      const next: MessageRef = { key: rule.next === undefined ? `diag.${rule.id}.next` : typeof rule.next === 'function' ? rule.next(ctx, params) : rule.next, params };
      return { rule: rule.id, cause, next };
    }
  }
  return undefined;
}
