// The lifecycle of one applied Pod, planned once at creation as a timeline of steps
// (scheduling, pulls, container creation, failures and back-offs) and read back at any
// clock time: the Pod's status and its events are pure functions of "now".
import type { KubeEvent, Pod } from '../../../engine/kube-objects.js';
import { atLeast, parseVersion, runtimeSupport } from '../../../engine/versions.js';
import type { SimFault } from './facts.js';
import { imageDigest, imageSize, isArtifact } from './facts.js';
import { goDuration, iso } from './go-text.js';
import { eventObjects, fullImageName, podObject, type ContainerView, type TimedEvent } from './objects.js';
import { between, hex, stableUid, type Random } from './random.js';
import { pullInNode, type NodeRegistries } from './registry-hosts.js';
import type { Vfs } from './vfs.js';

export interface SimNode {
  readonly name: string;
  readonly role: 'control-plane' | 'worker';
  readonly ip: string;
  readonly index: number;
  readonly kubeletVersion: string;
  readonly runtime: string;
  readonly registeredAt: number;
  readonly readyAt: number;
  /** Images present on the node: reference → the time it became present. */
  readonly images: Map<string, number>;
  /** The registry hosts its runtime was configured with (mirrors); absent: every registry is pulled from itself. */
  readonly registries?: NodeRegistries;
}

interface Timeline {
  scheduledAt?: number;
  sandboxAt?: number;
  readyAt?: number;
  completedAt?: number;
  readonly containers: Map<string, ContainerView>;
}

interface Step {
  readonly at: number;
  readonly event?: TimedEvent;
  readonly apply?: (t: Timeline) => void;
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
  stored: Pod;
  readonly createdAt: number;
  readonly node: SimNode;
  readonly podIP: string;
  readonly rvBase: number;
  readonly steps: readonly Step[];
  readonly mounts: readonly MountPlan[];
  readonly runtime: string;
  readonly modern: boolean;
  deletingAt?: number;
  goneAt?: number;
  graceSeconds?: number;
  /** Events that are not part of the plan (Killing on deletion). */
  readonly extraEvents: TimedEvent[];
  /** Each container's file system, created on first exec (writes persist while the pod lives). */
  readonly rootfs: Map<string, Vfs>;
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
}

const HORIZON_MS = 6 * 3600_000;

export function pullPolicyOf(image: string, explicit?: string): string {
  if (explicit) return explicit;
  const tag = image.includes('@') ? 'digest' : (/:([^/:]+)$/.exec(image)?.[1] ?? 'latest');
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function pullError(reference: string, node: SimNode, faults: ReadonlySet<SimFault>): string | null {
  const runtime = node.runtime;
  if (isArtifact(reference) && faults.has('artifact-pull-fails')) {
    return `failed to pull and unpack image "${reference}": failed to resolve reference "${reference}": failed to do request: Head "https://quay.io/v2/crio/artifact/manifests/${reference.split(':').pop() ?? ''}": dial tcp: lookup quay.io on 172.18.0.1:53: server misbehaving`;
  }
  // Through the hosts the node's runtime tries for the registry (its mirrors, then the registry):
  // the kubelet's events keep the Pod's reference; only an error names the host that failed.
  const through = pullInNode(reference, node.registries, faults);
  if (!through.ok) return through.error;
  if (!isArtifact(reference)) return null;
  if (faults.has('artifact-missing')) return `rpc error: code = NotFound desc = failed to pull and unpack image "${reference}": failed to resolve reference "${reference}": ${reference}: not found`;
  if (faults.has('artifact-layers') || (runtime.startsWith('containerd') && /:v1$/.test(reference))) {
    return `failed to pull and unpack image "${reference}": failed to unpack image on snapshotter overlayfs: number of layers and diffIDs don't match: 1 != 0`;
  }
  return null;
}

type Failure = { kind: 'pull'; reference: string; error: string } | { kind: 'never'; reference: string } | { kind: 'create'; message: string };

/** Plans the Pod's life from the moment it is created. */
export function planPod(input: PlanInput): SimPod {
  const { stored, node, random, faults } = input;
  const name = stored.metadata.name;
  const ns = stored.metadata.namespace ?? 'default';
  const containers = stored.spec?.containers ?? [];
  const kubelet = parseVersion(node.kubeletVersion);
  const modern = kubelet !== null && atLeast(kubelet, 1, 34);
  const support = runtimeSupport(node.runtime);
  const steps: Step[] = [];
  let t = input.createdAt;
  const ev = (at: number, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): Step => ({
    at,
    event: { at, type, reason, message, ...(fieldPath ? { fieldPath } : {}), component: 'kubelet', host: node.name },
  });
  const all = containers.map((c) => c.name);
  const setWaiting = (reason: string, message?: string) => (view: Timeline) => {
    for (const c of all) {
      const cv = view.containers.get(c);
      if (cv) cv.state = { waiting: { ...(message ? { message } : {}), reason } };
    }
  };

  t += between(random, 40, 120);
  const scheduledAt = t;
  steps.push({
    at: t,
    event: { at: t, type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${ns}/${name} to ${node.name}`, component: 'default-scheduler', host: node.name, action: 'Binding' },
    apply: (v) => (v.scheduledAt = scheduledAt),
  });
  t += between(random, 300, 600);
  const sandboxAt = t;
  steps.push({ at: t, apply: (v) => (v.sandboxAt = sandboxAt) });

  // Image volumes, pulled by the kubelet before the containers start.
  const mounts: MountPlan[] = [];
  let failure: Failure | null = null;
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
    const error = pullError(reference, node, faults);
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

  for (const volume of stored.spec?.volumes ?? []) {
    const ref = volume.image?.reference;
    if (!volume.image || !ref) continue;
    if (!pullImage(ref, pullPolicyOf(ref, volume.image.pullPolicy), undefined)) break;
    for (const c of containers) {
      for (const m of c.volumeMounts ?? []) {
        if (m.name === volume.name) mounts.push({ container: c.name, mountPath: m.mountPath, volume: volume.name, reference: ref, subPath: support.subPath === 'yes' ? (m.subPath ?? '') : '' });
      }
    }
  }
  if (!failure && mounts.length > 0 && support.imageVolumes === 'no') {
    failure = { kind: 'create', message: support.runtime === 'cri-o' ? 'mount.HostPath is empty' : `failed to generate container "${hex(random, 64)}" spec: failed to apply OCI options: failed to mkdir "": mkdir : no such file or directory` };
  }
  const badSubPath = mounts.find((m) => m.subPath !== '' && m.subPath !== 'dir');
  if (!failure && badSubPath) failure = { kind: 'create', message: `sub path "${badSubPath.subPath}" does not exist in image volume "${badSubPath.reference}"` };

  if (!failure) {
    const runtimeName = node.runtime.split('://')[0] ?? 'containerd';
    for (const c of containers) {
      const fieldPath = `spec.containers{${c.name}}`;
      if (!pullImage(c.image, pullPolicyOf(c.image, c.imagePullPolicy), fieldPath)) break;
      t += between(random, 150, 300);
      const containerID = `${runtimeName}://${hex(random, 64)}`;
      steps.push(ev(t, 'Normal', 'Created', modern || (kubelet !== null && atLeast(kubelet, 1, 33)) ? `Created container: ${c.name}` : `Created container ${c.name}`, fieldPath));
      t += between(random, 80, 160);
      const startedAt = t;
      const imageID = `${fullImageName(c.image).replace(/:[^/:]+$/, '')}@sha256:${imageDigest(c.image)}`;
      steps.push({
        ...ev(t, 'Normal', 'Started', `Started container ${c.name}`, fieldPath),
        apply: (v) => {
          const cv = v.containers.get(c.name);
          if (cv) Object.assign(cv, { state: { running: { startedAt: iso(startedAt) } }, ready: true, started: true, imageID, containerID });
          if ([...v.containers.values()].every((x) => x.ready)) v.readyAt = startedAt;
        },
      });
      // A Job's container (restartPolicy Never or OnFailure, not `sleep infinity`) runs to completion.
      if (stored.spec?.restartPolicy !== undefined && stored.spec.restartPolicy !== 'Always' && c.command?.join(' ') !== 'sleep infinity') {
        t += between(random, 800, 2000);
        const finishedAt = t;
        steps.push({
          at: t,
          apply: (v) => {
            const cv = v.containers.get(c.name);
            if (cv) Object.assign(cv, { state: { terminated: { containerID, exitCode: 0, finishedAt: iso(finishedAt), reason: 'Completed', startedAt: iso(startedAt) } }, ready: false, started: false });
            if ([...v.containers.values()].every((x) => x.state.terminated)) v.completedAt = finishedAt;
          },
        });
      }
    }
  }
  if (failure) planFailure(failure, steps, ev, setWaiting, all, t, input.createdAt + HORIZON_MS, random);
  return {
    key: input.key, stored, createdAt: input.createdAt, node, podIP: input.podIP, rvBase: input.rvBase, steps, mounts,
    runtime: node.runtime, modern, extraEvents: [], rootfs: new Map(),
  };
}

type Ev = (at: number, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string) => Step;

function planFailure(failure: Failure, steps: Step[], ev: Ev, setWaiting: (reason: string, message?: string) => (view: Timeline) => void, all: readonly string[], start: number, horizon: number, random: Random): void {
  let t = start;
  let backoff = 10_000;
  const fieldPath = all.length > 0 ? `spec.containers{${all[0] ?? ''}}` : undefined;
  const next = (cap: number): void => {
    t += backoff;
    backoff = Math.min(backoff * 2, cap);
  };
  if (failure.kind === 'never') {
    const msg = `Container image "${failure.reference}" is not present with pull policy of Never`;
    for (; t < horizon; next(300_000)) {
      steps.push({ ...ev(t + 20, 'Warning', 'ErrImageNeverPull', msg, fieldPath), apply: setWaiting('ErrImageNeverPull', msg) });
      steps.push(ev(t + 21, 'Warning', 'Failed', 'Error: ErrImageNeverPull', fieldPath));
    }
    return;
  }
  if (failure.kind === 'pull') {
    const { reference: ref, error } = failure;
    for (let first = true; t < horizon; first = false, next(300_000)) {
      if (!first) steps.push(ev(t, 'Normal', 'Pulling', `Pulling image "${ref}"`));
      t += between(random, 500, 1100);
      steps.push({ ...ev(t, 'Warning', 'Failed', `Failed to pull image "${ref}": ${error}`), apply: setWaiting('ErrImagePull', error) });
      steps.push(ev(t + 1, 'Warning', 'Failed', 'Error: ErrImagePull'));
      t += between(random, 700, 1300);
      const backOff = `Back-off pulling image "${ref}"`;
      steps.push({ ...ev(t, 'Normal', 'BackOff', backOff), apply: setWaiting('ImagePullBackOff', `${backOff}: ErrImagePull: ${error}`) });
      steps.push(ev(t + 1, 'Warning', 'Failed', 'Error: ImagePullBackOff'));
    }
    return;
  }
  for (let first = true; t < horizon; first = false, next(60_000)) {
    if (!first) steps.push(ev(t, 'Normal', 'Pulled', 'Container image "debian:bookworm-slim" already present on machine', fieldPath));
    t += between(random, 100, 250);
    steps.push({ ...ev(t, 'Warning', 'Failed', `Error: ${failure.message}`, fieldPath), apply: setWaiting('CreateContainerError', failure.message) });
  }
}

/** The times at which the pod's status or events change (its steps, its deletion). */
export function podChangeTimes(pod: SimPod): number[] {
  return [...pod.steps.map((s) => s.at), ...(pod.deletingAt !== undefined ? [pod.deletingAt] : []), ...(pod.goneAt !== undefined ? [pod.goneAt] : [])];
}

/** How many of the pod's steps have happened at `now`. */
function passed(pod: SimPod, now: number): number {
  let n = 0;
  while (n < pod.steps.length && (pod.steps[n]?.at ?? Infinity) <= now) n++;
  return n;
}

/** The Pod as the API returns it at `now` (its lifecycle frozen once it is being deleted). */
export function podAt(pod: SimPod, now: number): Pod {
  const at = pod.deletingAt !== undefined ? Math.min(now, Math.max(pod.deletingAt, pod.createdAt)) : now;
  const view: Timeline = { containers: new Map((pod.stored.spec?.containers ?? []).map((c) => [c.name, { state: { waiting: { reason: 'ContainerCreating' } }, ready: false, started: false }])) };
  const n = passed(pod, at);
  for (let i = 0; i < n; i++) pod.steps[i]?.apply?.(view);
  const deleting = pod.deletingAt !== undefined && pod.deletingAt <= now;
  return podObject(pod.stored, {
    node: pod.node,
    ...(view.scheduledAt !== undefined ? { scheduledAt: view.scheduledAt } : {}),
    ...(view.sandboxAt !== undefined ? { sandboxAt: view.sandboxAt } : {}),
    ...(view.readyAt !== undefined ? { readyAt: view.readyAt } : {}),
    ...(view.completedAt !== undefined ? { completedAt: view.completedAt } : {}),
    podIP: pod.podIP,
    containers: view.containers,
    resourceVersion: String(pod.rvBase + n + (deleting ? 1 : 0)),
    ...(deleting && pod.deletingAt !== undefined ? { deletion: { at: pod.deletingAt, graceSeconds: pod.graceSeconds ?? 30 } } : {}),
    modern: pod.modern,
  });
}

/** Whether a container of the pod runs at `now` (exec needs it). */
export function containerRunning(pod: SimPod, container: string, now: number): boolean {
  const status = podAt(pod, now).status?.containerStatuses?.find((c) => c.name === container);
  return Boolean(status?.state?.running) && (pod.goneAt === undefined || pod.goneAt > now);
}

/** The pod's events at `now`, counted like the kubelet's event correlator. */
export function podEvents(pod: SimPod, now: number): KubeEvent[] {
  const until = pod.deletingAt !== undefined ? Math.min(now, Math.max(pod.deletingAt, pod.createdAt)) : now;
  const timed = pod.steps.slice(0, passed(pod, until)).flatMap((s) => (s.event ? [s.event] : []));
  const meta = pod.stored.metadata;
  return eventObjects(
    [...timed, ...pod.extraEvents.filter((e) => e.at <= now)],
    { kind: 'Pod', name: meta.name, namespace: meta.namespace ?? 'default', ...(meta.uid ? { uid: meta.uid } : {}), resourceVersion: String(pod.rvBase) },
    meta.namespace ?? 'default',
    pod.rvBase + 500,
    stableUid,
  );
}
