// Whether a Pod of the tour is in a state that will not get better without a change, so that
// waiting for it (a `kubectl wait`, a check's timeout) only wastes the learner's time. Pure: it
// reads one snapshot of the cluster (the Pod and its events) and names the reason.
//
// What counts (the kubelet keeps retrying each of these, but the retry cannot succeed):
// - an image pull that failed again after the kubelet's first back-off (ErrImagePull /
//   ImagePullBackOff with two failed pulls or more: the first may be a blip);
// - InvalidImageName, ErrImageNeverPull, CreateContainerError (the runtime refuses the
//   container: an image volume it cannot mount, a subPath that does not exist);
// - an image volume the tutorial expects that the API server did not keep (the ImageVolume
//   feature gate is off: the field was dropped when the Pod was created).

import type { MessageRef } from '../i18n/types.js';
import type { ClusterSnapshot, KubeEvent, Pod } from './kube-objects.js';
import { isTourObject } from './ownership.js';

/** Container waiting reasons that no retry fixes. */
const HOPELESS = new Set(['InvalidImageName', 'ErrImageNeverPull', 'CreateContainerError']);
const PULL_FAILING = new Set(['ErrImagePull', 'ImagePullBackOff']);
/** Failed pulls after which a pull error is not a blip: the first back-off is over. */
export const PULL_FAILURES_BEFORE_GIVING_UP = 2;

export interface StuckPod {
  readonly pod: string;
  readonly reason: MessageRef;
}

export interface RecoverInput {
  readonly snapshot: ClusterSnapshot;
  /** The Pods the running step waits for (its checks' and shell's Pods, variables expanded). */
  readonly pods: readonly string[];
  readonly namespace: string;
  /** Image volumes the tutorial expects each Pod to keep (its imageVolumeKept checks), by Pod name. */
  readonly imageVolumes?: Readonly<Record<string, readonly string[]>>;
}

/** The first Pod of the step that will not recover, and why; null while every one may still come up. */
export function wontRecover(input: RecoverInput): StuckPod | null {
  const { snapshot } = input;
  if (!snapshot.reachable) return null;
  for (const name of input.pods) {
    const pod = snapshot.pods.find((p) => p.metadata.name === name && (p.metadata.namespace ?? input.namespace) === input.namespace);
    // Only the tour's own Pod is evidence; a Pod being deleted is on its way out anyway.
    if (!pod || !isTourObject(pod.metadata) || pod.metadata.deletionTimestamp) continue;
    const reason = stuckReason(pod, eventsOf(snapshot.events, pod), input.imageVolumes?.[name] ?? []);
    if (reason) return { pod: name, reason };
  }
  return null;
}

function eventsOf(events: readonly KubeEvent[], pod: Pod): KubeEvent[] {
  const uid = pod.metadata.uid;
  return events.filter(
    (e) => e.involvedObject.kind === 'Pod' && e.involvedObject.name === pod.metadata.name && (uid === undefined || e.involvedObject.uid === undefined || e.involvedObject.uid === uid),
  );
}

/** How many times the kubelet failed to pull an image for the Pod (events are counted, as the kubelet aggregates them). */
export function failedPulls(events: readonly KubeEvent[]): number {
  return events.filter((e) => e.reason === 'Failed' && /^Failed to pull image/.test(e.message)).reduce((n, e) => n + Math.max(1, e.count ?? 1), 0);
}

function stuckReason(pod: Pod, events: readonly KubeEvent[], volumes: readonly string[]): MessageRef | null {
  const name = pod.metadata.name;
  for (const volume of volumes) {
    const kept = pod.spec?.volumes?.find((v) => v.name === volume);
    if (pod.spec && !kept?.image) return { key: 'recover.volumeDropped', params: { pod: name, volume } };
  }
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const s of statuses) {
    const waiting = s.state?.waiting;
    const reason = waiting?.reason ?? '';
    const message = oneLine(waiting?.message ?? '');
    if (HOPELESS.has(reason)) return { key: 'recover.container', params: { pod: name, container: s.name, reason, message } };
    if (PULL_FAILING.has(reason)) {
      const pulls = failedPulls(events);
      if (pulls >= PULL_FAILURES_BEFORE_GIVING_UP) {
        const last = events.filter((e) => e.reason === 'Failed' && /^Failed to pull image/.test(e.message)).at(-1);
        return { key: 'recover.pull', params: { pod: name, reason, count: pulls, message: oneLine(last?.message ?? message) } };
      }
    }
  }
  return null;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
