// The parts of Kubernetes objects the tour reads, shaped exactly as the API returns them
// (a subset of core/v1). Both the real client and the simulated cluster produce these. A Pod
// spec and a container are open: the API server keeps fields the tour never reads
// (restartPolicy, tolerations, terminationMessagePath, …), and whoever stores or copies a Pod
// keeps them too, without a cast.

import type { MessageRef } from '../i18n/types.js';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  resourceVersion?: string;
}

export interface NodeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface Node {
  apiVersion?: 'v1';
  kind?: 'Node';
  metadata: ObjectMeta;
  status?: {
    conditions?: NodeCondition[];
    nodeInfo?: {
      kubeletVersion: string;
      containerRuntimeVersion: string;
      osImage?: string;
      kernelVersion?: string;
      architecture?: string;
      operatingSystem?: string;
    };
  };
}

export interface ImageVolumeSource {
  reference?: string;
  pullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
}

export interface Volume {
  name: string;
  image?: ImageVolumeSource;
  [other: string]: unknown;
}

export interface VolumeMount {
  name: string;
  mountPath: string;
  subPath?: string;
  readOnly?: boolean;
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  volumeMounts?: VolumeMount[];
  [other: string]: unknown;
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode: number; reason?: string; message?: string };
}

export interface ContainerStatus {
  name: string;
  ready: boolean;
  restartCount: number;
  image: string;
  imageID?: string;
  started?: boolean;
  state?: ContainerState;
}

export interface PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface PodSpec {
  containers: Container[];
  volumes?: Volume[];
  nodeName?: string;
  securityContext?: Record<string, unknown>;
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  [other: string]: unknown;
}

export interface Pod {
  apiVersion?: 'v1';
  kind?: 'Pod';
  metadata: ObjectMeta;
  spec?: PodSpec;
  status?: {
    phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
    conditions?: PodCondition[];
    containerStatuses?: ContainerStatus[];
    startTime?: string;
    podIP?: string;
    hostIP?: string;
  };
}

export interface KubeEvent {
  apiVersion?: 'v1';
  kind?: 'Event';
  metadata: ObjectMeta;
  involvedObject: { kind: string; name: string; namespace?: string; fieldPath?: string };
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  /** Set by events.k8s.io/v1 writers instead of the timestamps above. */
  eventTime?: string | null;
  source?: { component?: string; host?: string };
}

/**
 * Why a snapshot holds no cluster state. Each is told apart because each has another next
 * action: create the cluster; start it (nothing answered); or read what the server said.
 */
export type ClusterProblem =
  /** There is no cluster yet: kind lists no such cluster, or the kubeconfig has no such context. */
  | { readonly kind: 'absent'; readonly contextMissing?: boolean }
  /** Nothing answered: connection refused or reset, a timeout, an unknown host. */
  | { readonly kind: 'unreachable'; readonly message: string }
  /** The API server answered with an HTTP error: its status and its own message. */
  | { readonly kind: 'apiError'; readonly status: number; readonly message: string }
  /** Reading failed some other way (TLS, a broken kubeconfig entry): the error as it was. */
  | { readonly kind: 'failed'; readonly message: string };

/** Everything the checks and the diagnosis read about the cluster at one moment. */
export interface ClusterSnapshot {
  /** false when the cluster's state could not be read; `problem` then says why. */
  reachable: boolean;
  /** Set when reachable is false (a snapshot without it is read as "no cluster yet"). */
  problem?: ClusterProblem;
  nodes: Node[];
  /** Pods of the tour's namespace and of kube-system. */
  pods: Pod[];
  /** Recent events of the tour's namespace, oldest first. */
  events: KubeEvent[];
}

/** A snapshot with no cluster state, and why. */
export function unavailable(problem: ClusterProblem): ClusterSnapshot {
  return { reachable: false, problem, nodes: [], pods: [], events: [] };
}

/** What went wrong, as one line (for check messages): a message reference (check.cluster.*). */
export function describeProblem(problem: ClusterProblem | undefined): MessageRef {
  if (!problem || problem.kind === 'absent') return { key: problem?.contextMissing ? 'check.cluster.noContext' : 'check.cluster.none' };
  if (problem.kind === 'unreachable') return { key: 'check.cluster.unreachable', params: { error: problem.message } };
  if (problem.kind === 'apiError') return { key: 'check.cluster.apiError', params: { error: problem.message } };
  return { key: 'check.cluster.readFailed', params: { error: problem.message } };
}
