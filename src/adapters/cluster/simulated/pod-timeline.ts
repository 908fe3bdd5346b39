// The lifecycle of one applied Pod, planned once at apply time as a timeline of steps
// (scheduling, pulls, container creation, failures and back-offs) and read back at any
// clock time: the Pod's status and its events are pure functions of "now".
import type { ContainerState, KubeEvent, Pod, PodCondition } from '../../../engine/kube-objects.js';
import { parseVersion, atLeast, runtimeSupport } from '../../../engine/versions.js';
import type { SimFault } from './facts.js';
import { imageDigest, imageSize, isArtifact } from './facts.js';
import { between, hex, type Random } from './random.js';
import type { Vfs } from './vfs.js';

export interface SimNode {
  readonly name: string;
  readonly role: 'control-plane' | 'worker';
  /** Labels from the kind config (`nodes[].labels`). */
  readonly labels: Readonly<Record<string, string>>;
  readonly uid: string;
  readonly ip: string;
  readonly podCidrIndex: number;
  readonly kubeletVersion: string;
  readonly runtime: string;
  readonly osImage: string;
  readonly registeredAt: number;
  readonly readyAt: number;
  /** Images present on the node: reference → the time it became present. */
  readonly images: Map<string, number>;
}

export interface TimedEvent {
  readonly at: number;
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
  readonly fieldPath?: string;
  readonly component: string;
  readonly host?: string;
}

interface ContainerView {
  state: ContainerState;
  ready: boolean;
  started: boolean;
  imageID?: string;
}

interface PodView {
  scheduled: boolean;
  sandbox: boolean;
  containers: Map<string, ContainerView>;
}

interface Step {
  readonly at: number;
  readonly event?: TimedEvent;
  readonly apply?: (view: PodView, at: number) => void;
}

/** An image volume as the container sees it. */
export interface MountPlan {
  readonly container: string;
  readonly mountPath: string;
  readonly volume: string;
  readonly reference: string;
  /** The subPath the runtime applies ('' = the whole artifact; containerd 2.1 ignores it). */
  readonly subPath: string;
}

export interface SimPod {
  readonly key: string;
  /** The Pod as stored by the API server (after defaulting and gate dropping), no status. */
  readonly stored: Pod;
  readonly createdAt: number;
  readonly nodeName: string;
  readonly podIP: string;
  readonly hostIP: string;
  readonly rvBase: number;
  readonly steps: readonly Step[];
  readonly mounts: readonly MountPlan[];
  readonly runtime: string;
  deletingAt?: number;
  goneAt?: number;
  /** Each container's file system, created on first exec (writes persist while the pod lives). */
  readonly rootfs: Map<string, Vfs>;
  /** Manifest without status, as applied (to tell unchanged from configured). */
  appliedText: string;
}

export interface PlanInput {
  readonly stored: Pod;
  readonly key: string;
  readonly createdAt: number;
  readonly rvBase: number;
  readonly node: SimNode;
  readonly podIP: string;
  readonly random: Random;
  readonly faults: ReadonlySet<SimFault>;
  readonly appliedText: string;
}

const HORIZON_MS = 6 * 3600_000;

/** Go's time.Duration String() for a millisecond count. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const minutes = Math.floor(ms / 60000);
  const seconds = ((ms % 60000) / 1000).toFixed(3).replace(/\.?0+$/, '');
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

function pullPolicyOf(image: string, explicit: string | undefined): string {
  if (explicit) return explicit;
  const tag = image.includes('@') ? 'digest' : (/:([^/:]+)$/.exec(image)?.[1] ?? 'latest');
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function pullError(reference: string, runtime: string, faults: ReadonlySet<SimFault>): string | null {
  if (faults.has('artifact-pull-fails') && isArtifact(reference)) {
    return `failed to pull and unpack image "${reference}": failed to resolve reference "${reference}": failed to do request: Head "https://quay.io/v2/crio/artifact/manifests/${reference.split(':').pop() ?? ''}": dial tcp: lookup quay.io on 172.18.0.1:53: server misbehaving`;
  }
  if (runtime.startsWith('containerd') && /^quay\.io\/crio\/artifact:v1$/.test(reference)) {
    return `failed to pull and unpack image "${reference}": failed to unpack image on snapshotter overlayfs: number of layers and diffIDs don't match: 1 != 0`;
  }
  return null;
}

/** Plans the Pod's life from the moment it is created. */
export function planPod(input: PlanInput): SimPod {
  const { stored, node, random, faults } = input;
  const name = stored.metadata.name;
  const ns = stored.metadata.namespace ?? 'default';
  const containers = stored.spec?.containers ?? [];
  const volumes = stored.spec?.volumes ?? [];
  const kubelet = parseVersion(node.kubeletVersion);
  const modernMessages = kubelet !== null && atLeast(kubelet, 1, 33);
  const support = runtimeSupport(node.runtime);
  const steps: Step[] = [];
  let t = input.createdAt;
  const ev = (at: number, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string, component = 'kubelet'): Step => ({
    at,
    event: { at, type, reason, message, ...(fieldPath ? { fieldPath } : {}), component, ...(component === 'kubelet' ? { host: node.name } : {}) },
  });
  const setWaiting = (names: readonly string[], reason: string, message?: string) => (view: PodView) => {
    for (const c of names) {
      const cv = view.containers.get(c);
      if (cv) cv.state = { waiting: { reason, ...(message ? { message } : {}) } };
    }
  };
  const all = containers.map((c) => c.name);

  // Scheduling.
  t += between(random, 40, 120);
  steps.push({ ...ev(t, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${node.name}`, undefined, 'default-scheduler'), apply: (v) => { v.scheduled = true; } });
  t += between(random, 300, 600);
  steps.push({ at: t, apply: (v) => { v.sandbox = true; } });

  // Image volumes, pulled by the kubelet before the containers start.
  const mounts: MountPlan[] = [];
  let failure = null as Failure | null;
  const pullImage = (reference: string, policy: string, fieldPath: string | undefined): boolean => {
    const presentAt = node.images.get(reference);
    const present = presentAt !== undefined && presentAt <= t;
    if (policy === 'Never' && !present) {
      failure = { kind: 'never', reference };
      return false;
    }
    if (present && policy !== 'Always') {
      t += between(random, 20, 60);
      steps.push(ev(t, 'Normal', 'Pulled', `Container image "${reference}" already present on machine`, fieldPath));
      return true;
    }
    t += between(random, 30, 80);
    steps.push(ev(t, 'Normal', 'Pulling', `Pulling image "${reference}"`, fieldPath));
    const error = pullError(reference, node.runtime, faults);
    if (error) {
      failure = { kind: 'pull', reference, error };
      return false;
    }
    const duration = isArtifact(reference) ? between(random, 700, 1500) : between(random, 1800, 3200);
    t += duration;
    steps.push(ev(t, 'Normal', 'Pulled', `Successfully pulled image "${reference}" in ${goDuration(duration)} (${goDuration(duration)} including waiting). Image size: ${imageSize(reference)} bytes.`, fieldPath));
    if (!node.images.has(reference)) node.images.set(reference, t);
    return true;
  };

  for (const volume of volumes) {
    const ref = volume.image?.reference;
    if (!volume.image || !ref) continue;
    if (!pullImage(ref, pullPolicyOf(ref, volume.image.pullPolicy), undefined)) break;
    for (const c of containers) {
      for (const m of (c.volumeMounts ?? [])) {
        if (m.name !== volume.name) continue;
        const subPath = support.subPath === 'yes' ? (m.subPath ?? '') : '';
        mounts.push({ container: c.name, mountPath: m.mountPath, volume: volume.name, reference: ref, subPath });
      }
    }
  }

  if (!failure && mounts.length > 0 && support.imageVolumes === 'no') {
    const id = hex(random, 64);
    failure = support.runtime === 'cri-o'
      ? { kind: 'create', message: () => 'mount.HostPath is empty' }
      : { kind: 'create', message: () => `failed to generate container "${id}" spec: failed to apply OCI options: failed to mkdir "": mkdir : no such file or directory` };
  }
  const badSubPath = mounts.find((m) => m.subPath !== '' && m.subPath !== 'dir');
  if (!failure && badSubPath) {
    failure = { kind: 'create', message: () => `sub path "${badSubPath.subPath}" does not exist in image volume "${badSubPath.reference}"` };
  }

  if (!failure) {
    for (const c of containers) {
      const fieldPath = `spec.containers{${c.name}}`;
      if (!pullImage(c.image, pullPolicyOf(c.image, (c as { imagePullPolicy?: string }).imagePullPolicy), fieldPath)) break;
      t += between(random, 150, 300);
      steps.push(ev(t, 'Normal', 'Created', modernMessages ? `Created container: ${c.name}` : `Created container ${c.name}`, fieldPath));
      t += between(random, 80, 160);
      const startedAt = t;
      const imageID = `docker.io/library/${c.image.split(':')[0] ?? c.image}@sha256:${imageDigest(c.image)}`;
      steps.push({
        ...ev(t, 'Normal', 'Started', `Started container ${c.name}`, fieldPath),
        apply: (v) => {
          const cv = v.containers.get(c.name);
          if (cv) Object.assign(cv, { state: { running: { startedAt: iso(startedAt) } }, ready: true, started: true, imageID });
        },
      });
    }
  }

  if (failure) planFailure(failure, steps, ev, setWaiting, all, t, input.createdAt + HORIZON_MS, node, random);

  return {
    key: input.key,
    stored,
    createdAt: input.createdAt,
    nodeName: node.name,
    podIP: input.podIP,
    hostIP: node.ip,
    rvBase: input.rvBase,
    steps,
    mounts,
    runtime: node.runtime,
    appliedText: input.appliedText,
    rootfs: new Map(),
  };
}

type Ev = (at: number, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string) => Step;
type Failure = { kind: 'pull'; reference: string; error: string } | { kind: 'never'; reference: string } | { kind: 'create'; message: () => string };

function planFailure(
  failure: Failure,
  steps: Step[],
  ev: Ev,
  setWaiting: (names: readonly string[], reason: string, message?: string) => (view: PodView) => void,
  all: readonly string[],
  start: number,
  horizon: number,
  _node: SimNode,
  random: Random,
): void {
  let t = start;
  let backoff = 10_000;
  const fieldPath = all.length > 0 ? `spec.containers{${all[0]}}` : undefined;
  if (failure.kind === 'never') {
    const msg = `Container image "${failure.reference}" is not present with pull policy of Never`;
    for (; t < horizon; t += backoff, backoff = Math.min(backoff * 2, 300_000)) {
      steps.push({ ...ev(t + 20, 'Warning', 'ErrImageNeverPull', msg, fieldPath), apply: setWaiting(all, 'ErrImageNeverPull', msg) });
      steps.push(ev(t + 21, 'Warning', 'Failed', 'Error: ErrImageNeverPull', fieldPath));
    }
    return;
  }
  if (failure.kind === 'pull') {
    const ref = failure.reference;
    const error = failure.error;
    for (let first = true; t < horizon; first = false) {
      if (!first) {
        steps.push(ev(t, 'Normal', 'Pulling', `Pulling image "${ref}"`));
      }
      t += between(random, 500, 1100);
      steps.push({ ...ev(t, 'Warning', 'Failed', `Failed to pull image "${ref}": ${error}`), apply: setWaiting(all, 'ErrImagePull', error) });
      steps.push(ev(t + 1, 'Warning', 'Failed', 'Error: ErrImagePull'));
      t += between(random, 700, 1300);
      const backOffMessage = `Back-off pulling image "${ref}"`;
      steps.push({ ...ev(t, 'Normal', 'BackOff', backOffMessage), apply: setWaiting(all, 'ImagePullBackOff', `${backOffMessage}: ErrImagePull: ${error}`) });
      steps.push(ev(t + 1, 'Warning', 'Failed', 'Error: ImagePullBackOff'));
      t += backoff;
      backoff = Math.min(backoff * 2, 300_000);
    }
    return;
  }
  for (let first = true; t < horizon; first = false) {
    if (!first) steps.push(ev(t, 'Normal', 'Pulled', `Container image "${'debian:bookworm-slim'}" already present on machine`, fieldPath));
    t += between(random, 100, 250);
    const message = failure.message();
    steps.push({ ...ev(t, 'Warning', 'Failed', `Error: ${message}`, fieldPath), apply: setWaiting(all, 'CreateContainerError', message) });
    t += backoff;
    backoff = Math.min(backoff * 2, 60_000);
  }
}

/** RFC 3339 with second precision, like the API server. */
export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function condition(type: string, ok: boolean, reason?: string, message?: string): PodCondition {
  return { type, status: ok ? 'True' : 'False', ...(!ok && reason ? { reason } : {}), ...(!ok && message ? { message } : {}) };
}

/** The times at which the pod's status or events change (its steps, its deletion). */
export function podChangeTimes(pod: SimPod): number[] {
  return [...pod.steps.map((s) => s.at), ...(pod.deletingAt !== undefined ? [pod.deletingAt] : []), ...(pod.goneAt !== undefined ? [pod.goneAt] : [])];
}

/** How many of the pod's steps have happened at `now`. */
function passed(pod: SimPod, now: number): number {
  let n = 0;
  while (n < pod.steps.length && pod.steps[n].at <= now) n++;
  return n;
}

/** The Pod as the API returns it at `now` (its lifecycle frozen at `at`, once it is being deleted). */
export function podAt(pod: SimPod, at: number, now: number = at): Pod {
  const containers = pod.stored.spec?.containers ?? [];
  const view: PodView = {
    scheduled: false,
    sandbox: false,
    containers: new Map(containers.map((c) => [c.name, { state: { waiting: { reason: 'ContainerCreating' } }, ready: false, started: false }])),
  };
  const n = passed(pod, at);
  for (let i = 0; i < n; i++) pod.steps[i].apply?.(view, pod.steps[i].at);
  const deleting = pod.deletingAt !== undefined && pod.deletingAt <= now;
  const metadata = {
    ...pod.stored.metadata,
    resourceVersion: String(pod.rvBase + n + (deleting ? 1 : 0)),
    ...(deleting ? { deletionTimestamp: iso(pod.deletingAt ?? now), deletionGracePeriodSeconds: 30 } : {}),
  };
  if (!view.scheduled) {
    return { ...pod.stored, metadata, spec: { ...pod.stored.spec!, containers }, status: { phase: 'Pending' } };
  }
  const statuses = containers.map((c) => {
    const cv = view.containers.get(c.name)!;
    return {
      name: c.name,
      image: c.image,
      ...(cv.imageID ? { imageID: cv.imageID } : { imageID: '' }),
      ready: cv.ready,
      restartCount: 0,
      started: cv.started,
      state: cv.state,
    };
  });
  const allReady = statuses.every((s) => s.ready);
  const notReady = statuses.filter((s) => !s.ready).map((s) => s.name);
  const notReadyMsg = `containers with unready status: [${notReady.join(' ')}]`;
  const running = statuses.some((s) => s.state.running);
  return {
    ...pod.stored,
    metadata,
    spec: { ...pod.stored.spec!, nodeName: pod.nodeName },
    status: {
      phase: running ? 'Running' : 'Pending',
      conditions: [
        condition('PodReadyToStartContainers', view.sandbox),
        condition('Initialized', true),
        condition('Ready', allReady, 'ContainersNotReady', notReadyMsg),
        condition('ContainersReady', allReady, 'ContainersNotReady', notReadyMsg),
        condition('PodScheduled', true),
      ],
      hostIP: pod.hostIP,
      ...(view.sandbox ? { podIP: pod.podIP } : {}),
      startTime: iso(pod.steps[0]?.at ?? pod.createdAt),
      containerStatuses: statuses,
    },
  };
}

/** Whether a container of the pod runs at `now` (exec needs it). */
export function containerRunning(pod: SimPod, container: string, now: number): boolean {
  const status = podAt(pod, now).status?.containerStatuses?.find((c) => c.name === container);
  return Boolean(status?.state?.running) && (pod.goneAt === undefined || pod.goneAt > now);
}

/** The pod's events at `now`, aggregated like the kubelet's event correlator (count, first/last). */
export function podEvents(pod: SimPod, now: number, extra: readonly TimedEvent[]): KubeEvent[] {
  const n = passed(pod, now);
  const timed = pod.steps.slice(0, n).flatMap((s) => (s.event ? [s.event] : []));
  return aggregate(
    [...timed, ...extra.filter((e) => e.at <= now)],
    { kind: 'Pod', name: pod.stored.metadata.name, namespace: pod.stored.metadata.namespace ?? 'default', uid: pod.stored.metadata.uid },
    pod.rvBase,
  );
}

export function aggregate(
  events: readonly TimedEvent[],
  object: { kind: string; name: string; namespace: string; uid?: string | undefined },
  rvBase: number,
): KubeEvent[] {
  const byKey = new Map<string, { first: TimedEvent; last: TimedEvent; count: number; index: number }>();
  events.forEach((e, index) => {
    const key = `${e.type}|${e.reason}|${e.message}|${e.fieldPath ?? ''}|${e.component}`;
    const prev = byKey.get(key);
    if (prev) {
      prev.count++;
      prev.last = e;
    } else byKey.set(key, { first: e, last: e, count: 1, index });
  });
  return [...byKey.values()]
    .sort((a, b) => a.last.at - b.last.at || a.index - b.index)
    .map((g, i) => ({
      apiVersion: 'v1' as const,
      kind: 'Event' as const,
      metadata: {
        name: `${object.name}.${(Math.floor(g.first.at * 1000) + g.index).toString(16).padStart(16, '0').slice(-16)}`,
        namespace: object.namespace,
        creationTimestamp: iso(g.first.at),
        resourceVersion: String(rvBase + 500 + i * 7 + g.count),
      },
      involvedObject: {
        kind: object.kind,
        name: object.name,
        ...(object.kind === 'Node' ? {} : { namespace: object.namespace }),
        ...(g.first.fieldPath ? { fieldPath: g.first.fieldPath } : {}),
      },
      reason: g.first.reason,
      message: g.first.message,
      type: g.first.type,
      count: g.count,
      firstTimestamp: iso(g.first.at),
      lastTimestamp: iso(g.last.at),
      source: { component: g.first.component, ...(g.first.host ? { host: g.first.host } : {}) },
    }));
}
