// Kubernetes objects shaped exactly as the API returns them (core/v1, as JSON): the fields the
// tour reads, and the ones the simulated cluster fills in so that it serves what a real API
// server serves. Both the real client and the simulated cluster produce these. A Pod spec and a
// container are open: the API server keeps fields the tour never reads, and whoever stores or
// copies a Pod keeps them too, without a cast.

import type { MessageRef } from '../i18n/types.js';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  resourceVersion?: string;
  annotations?: Record<string, string>;
  generation?: number;
  deletionGracePeriodSeconds?: number;
  generateName?: string;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean }[];
}

/** A condition's times: lastProbeTime is null in what the API server returns. */
interface ConditionTimes {
  lastProbeTime?: string | null;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
}

/** resource.Quantity values as strings ("100m", "70Mi", "8"). */
export type ResourceList = Record<string, string>;

export interface ResourceRequirements {
  limits?: ResourceList;
  requests?: ResourceList;
}

export interface NodeCondition extends ConditionTimes {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface Node {
  apiVersion?: 'v1';
  kind?: 'Node';
  metadata: ObjectMeta;
  spec?: {
    podCIDR?: string;
    podCIDRs?: string[];
    providerID?: string;
    taints?: { key: string; value?: string; effect: string }[];
    unschedulable?: boolean;
  };
  status?: {
    addresses?: { type: string; address: string }[];
    allocatable?: ResourceList;
    capacity?: ResourceList;
    conditions?: NodeCondition[];
    daemonEndpoints?: { kubeletEndpoint: { Port: number } };
    features?: Record<string, boolean>;
    images?: { names: string[]; sizeBytes: number }[];
    nodeInfo?: {
      kubeletVersion: string;
      containerRuntimeVersion: string;
      osImage?: string;
      kernelVersion?: string;
      architecture?: string;
      operatingSystem?: string;
      bootID?: string;
      machineID?: string;
      systemUUID?: string;
      kubeProxyVersion?: string;
    };
    runtimeHandlers?: { name: string; features?: Record<string, boolean> }[];
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
  recursiveReadOnly?: string;
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  volumeMounts?: VolumeMount[];
  imagePullPolicy?: string;
  resources?: ResourceRequirements;
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
  ports?: { containerPort: number; hostPort?: number; name?: string; protocol?: string }[];
  env?: { name: string; value?: string }[];
  securityContext?: Record<string, unknown>;
  livenessProbe?: Record<string, unknown>;
  readinessProbe?: Record<string, unknown>;
  [other: string]: unknown;
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode: number; reason?: string; message?: string; signal?: number; startedAt?: string; finishedAt?: string; containerID?: string };
}

export interface ContainerStatus {
  name: string;
  ready: boolean;
  restartCount: number;
  image: string;
  imageID?: string;
  started?: boolean;
  state?: ContainerState;
  containerID?: string;
  lastState?: ContainerState;
  volumeMounts?: VolumeMount[];
  user?: { linux?: { uid: number; gid: number; supplementalGroups?: number[] } };
  allocatedResources?: ResourceList;
  resources?: ResourceRequirements;
}

export interface PodCondition extends ConditionTimes {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  observedGeneration?: number;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface PodSpec {
  containers: Container[];
  volumes?: Volume[];
  nodeName?: string;
  securityContext?: Record<string, unknown>;
  initContainers?: Container[];
  dnsPolicy?: string;
  enableServiceLinks?: boolean;
  hostNetwork?: boolean;
  nodeSelector?: Record<string, string>;
  preemptionPolicy?: string;
  priority?: number;
  priorityClassName?: string;
  readinessGates?: { conditionType: string }[];
  restartPolicy?: string;
  schedulerName?: string;
  serviceAccount?: string;
  serviceAccountName?: string;
  terminationGracePeriodSeconds?: number;
  tolerations?: Toleration[];
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
    initContainerStatuses?: ContainerStatus[];
    startTime?: string;
    podIP?: string;
    hostIP?: string;
    podIPs?: { ip: string }[];
    hostIPs?: { ip: string }[];
    qosClass?: string;
    observedGeneration?: number;
    reason?: string;
    message?: string;
    nominatedNodeName?: string;
  };
}

export interface KubeEvent {
  apiVersion?: 'v1';
  kind?: 'Event';
  metadata: ObjectMeta;
  involvedObject: { kind: string; name: string; namespace?: string; fieldPath?: string; apiVersion?: string; uid?: string; resourceVersion?: string };
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  count?: number;
  /** null on an event written through events.k8s.io (it has eventTime instead). */
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  action?: string;
  reportingComponent?: string;
  reportingInstance?: string;
  source?: { component?: string; host?: string };
}

export interface Namespace {
  apiVersion?: 'v1';
  kind?: 'Namespace';
  metadata: ObjectMeta;
  spec?: { finalizers?: string[] };
  status?: { phase?: 'Active' | 'Terminating' };
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
  /**
   * The lists the API server would not show with these credentials (403 Forbidden), read as
   * empty: a room seat may read neither kube-system's Pods nor, for some tutorials, the nodes.
   * Checks that need them say they are not visible instead of failing (checks.ts).
   */
  hidden?: readonly HiddenList[];
}

/** A list a snapshot reads beyond the tour's namespace. */
export type HiddenList = 'nodes' | 'systemPods';

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
