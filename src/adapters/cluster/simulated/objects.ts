// The API objects of a simulated cluster, as a Kubernetes 1.35 API server returns them: a Pod
// with its defaulted spec and the status the kubelet reports, a kind Node, core/v1 Events (the
// kubelet's, with counts; the scheduler's, written through events.k8s.io), Namespaces and the
// node Leases. Everything printed about the simulated cluster is read from these.
import type { ContainerState, ContainerStatus, KubeEvent, Namespace, Node, Pod, PodCondition } from '../../../engine/kube-objects.js';
import { iso, isoMicro } from './go-text.js';

/** What changes about a container as a pod lives. */
export interface ContainerView {
  state: ContainerState;
  ready: boolean;
  started: boolean;
  imageID?: string;
  containerID?: string;
}

/** What the kubelet reports about a pod at one moment. */
export interface PodView {
  readonly node?: { readonly name: string; readonly ip: string };
  readonly scheduledAt?: number;
  /** Not schedulable: the scheduler's message. */
  readonly unschedulable?: { readonly at: number; readonly message: string };
  readonly sandboxAt?: number;
  readonly readyAt?: number;
  /** Every container ran to completion (a Job's pod): Succeeded. */
  readonly completedAt?: number;
  readonly podIP?: string;
  readonly containers: ReadonlyMap<string, ContainerView>;
  readonly resourceVersion: string;
  readonly deletion?: { readonly at: number; readonly graceSeconds: number };
  /** The kubelet and API server are 1.34 or newer (generation, observedGeneration, user). */
  readonly modern: boolean;
}

const condition = (type: string, status: boolean, at: number, modern: boolean, reason?: string, message?: string): PodCondition => ({
  lastProbeTime: null,
  lastTransitionTime: iso(at),
  ...(message ? { message } : {}),
  ...(modern ? { observedGeneration: 1 } : {}),
  ...(reason ? { reason } : {}),
  status: status ? 'True' : 'False',
  type,
});

/** docker.io/library/… as containerd names images it pulled. */
export function fullImageName(image: string): string {
  const first = image.split('/')[0] ?? '';
  const named = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? image : `docker.io/${image.includes('/') ? image : `library/${image}`}`;
  return /:[^/]+$/.test(named) || named.includes('@') ? named : `${named}:latest`;
}

/** The pod's QoS class from its containers' requests and limits (Guaranteed when limits equal requests). */
export function qosClass(pod: Pod): string {
  const resources = (pod.spec?.containers ?? []).map((c) => c.resources ?? {});
  if (resources.every((r) => !r.requests && !r.limits)) return 'BestEffort';
  const guaranteed = resources.every((r) => ['cpu', 'memory'].every((k) => r.limits?.[k] !== undefined && (r.requests?.[k] ?? r.limits[k]) === r.limits[k]));
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** The Pod as the API returns it: the stored object plus the status of this view. */
export function podObject(stored: Pod, v: PodView): Pod {
  const containers = stored.spec?.containers ?? [];
  const metadata = {
    ...stored.metadata,
    resourceVersion: v.resourceVersion,
    ...(v.deletion ? { deletionGracePeriodSeconds: v.deletion.graceSeconds, deletionTimestamp: iso(v.deletion.at + v.deletion.graceSeconds * 1000) } : {}),
  };
  const spec = { ...stored.spec, containers, ...(v.node && v.scheduledAt !== undefined ? { nodeName: v.node.name } : {}) };
  if (v.scheduledAt === undefined) {
    const conditions = v.unschedulable ? [condition('PodScheduled', false, v.unschedulable.at, v.modern, 'Unschedulable', v.unschedulable.message)] : [];
    return { ...stored, metadata, spec, status: { conditions, ...(v.modern ? { observedGeneration: 1 } : {}), phase: 'Pending', qosClass: qosClass(stored) } };
  }
  const statuses: ContainerStatus[] = containers.map((c) => {
    const cv = v.containers.get(c.name) ?? { state: { waiting: { reason: 'ContainerCreating' } }, ready: false, started: false };
    const created = cv.containerID !== undefined;
    return {
      ...(cv.containerID ? { containerID: cv.containerID } : {}),
      image: created ? fullImageName(c.image) : c.image,
      imageID: cv.imageID ?? '',
      lastState: {},
      name: c.name,
      ready: cv.ready,
      ...(c.resources && Object.keys(c.resources).length > 0 ? { resources: c.resources } : {}),
      restartCount: 0,
      started: cv.started,
      state: cv.state,
      ...(created && v.modern ? { user: { linux: { gid: 0, supplementalGroups: [0], uid: 0 } } } : {}),
      volumeMounts: (c.volumeMounts ?? []).map((m) => ({ ...m, ...(m.readOnly ? { recursiveReadOnly: 'Disabled' } : {}) })),
    };
  });
  const ready = v.readyAt !== undefined && v.completedAt === undefined;
  const notReady = `containers with unready status: [${statuses.filter((s) => !s.ready).map((s) => s.name).join(' ')}]`;
  const scheduled = v.scheduledAt;
  const running = statuses.some((s) => s.state?.running);
  const hostIP = v.node?.ip ?? '';
  const done = v.completedAt;
  const conditions = done !== undefined
    ? [
        condition('PodReadyToStartContainers', false, done, v.modern),
        condition('Initialized', true, scheduled + 5, v.modern, 'PodCompleted'),
        condition('Ready', false, done, v.modern, 'PodCompleted'),
        condition('ContainersReady', false, done, v.modern, 'PodCompleted'),
        condition('PodScheduled', true, scheduled, v.modern),
      ]
    : [
        condition('PodReadyToStartContainers', v.sandboxAt !== undefined, v.sandboxAt ?? scheduled + 5, v.modern),
        condition('Initialized', true, scheduled + 5, v.modern),
        ready ? condition('Ready', true, v.readyAt ?? 0, v.modern) : condition('Ready', false, scheduled + 5, v.modern, 'ContainersNotReady', notReady),
        ready ? condition('ContainersReady', true, v.readyAt ?? 0, v.modern) : condition('ContainersReady', false, scheduled + 5, v.modern, 'ContainersNotReady', notReady),
        condition('PodScheduled', true, scheduled, v.modern),
      ];
  return {
    ...stored,
    metadata,
    spec,
    status: {
      conditions,
      containerStatuses: statuses,
      hostIP,
      hostIPs: [{ ip: hostIP }],
      ...(v.modern ? { observedGeneration: 1 } : {}),
      phase: done !== undefined ? 'Succeeded' : running ? 'Running' : 'Pending',
      ...(v.podIP && v.sandboxAt !== undefined ? { podIP: v.podIP, podIPs: [{ ip: v.podIP }] } : {}),
      qosClass: qosClass(stored),
      startTime: iso(scheduled + 5),
    },
  };
}

/** A kind node, as the kubelet registers and updates it. */
export interface NodeFacts {
  readonly name: string;
  readonly uid: string;
  readonly role: 'control-plane' | 'worker';
  readonly clusterName: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ip: string;
  readonly index: number;
  readonly kubeletVersion: string;
  readonly runtime: string;
  readonly osImage: string;
  readonly kernel: string;
  readonly machineID: string;
  readonly bootID: string;
  readonly registeredAt: number;
  readonly readyAt: number;
  /** With worker nodes, kubeadm leaves the control-plane tainted. */
  readonly tainted: boolean;
  readonly images: ReadonlyMap<string, number>;
}

export const NODE_CAPACITY = { cpu: '8', 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16314532Ki', pods: '110' };

/** The images kind preloads into a node image, and their sizes. */
function preloadedImages(kubeletVersion: string, crio: boolean): { names: string[]; sizeBytes: number }[] {
  const k = (c: string, size: number) => ({ names: [`registry.k8s.io/${c}:${kubeletVersion}`], sizeBytes: size });
  return [
    k('kube-apiserver', 90_047_110), k('kube-controller-manager', 76_124_380), k('kube-proxy', 72_538_310), k('kube-scheduler', 53_857_102),
    { names: ['registry.k8s.io/etcd:3.6.5-0'], sizeBytes: 63_585_106 },
    { names: ['docker.io/kindest/kindnetd:v20251212-v0.29.0-alpha-105-g20ccfc88'], sizeBytes: 40_636_774 },
    ...(crio ? [] : [{ names: ['docker.io/kindest/local-path-provisioner:v20251212-v0.29.0-alpha-105-g20ccfc88'], sizeBytes: 22_541_737 }]),
    { names: ['registry.k8s.io/coredns/coredns:v1.12.4'], sizeBytes: 22_384_805 },
    { names: ['registry.k8s.io/pause:3.10.1'], sizeBytes: 320_448 },
  ];
}

export function nodeObject(n: NodeFacts, now: number, resourceVersion: string, pulled: readonly { names: string[]; sizeBytes: number }[]): Node {
  const ready = now >= n.readyAt;
  // The kubelet writes the node's status when it changes (and, unchanged, only every
  // nodeStatusReportFrequency, 5 minutes; liveness goes to the node's Lease instead). The
  // simulated one writes on change only, so a settled cluster stays still and watches can sleep.
  const heartbeat = iso(ready ? n.readyAt : n.registeredAt);
  const cond = (type: string, status: 'True' | 'False', reason: string, message: string, since: number) => ({ lastHeartbeatTime: heartbeat, lastTransitionTime: iso(since), message, reason, status, type });
  const crio = n.runtime.startsWith('cri-o');
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': crio ? 'unix:///var/run/crio/crio.sock' : 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      creationTimestamp: iso(n.registeredAt),
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        ...(n.role === 'control-plane' ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
        // kind config `nodes[].labels`, which kind hands to the kubelet (--node-labels).
        ...n.labels,
      },
      name: n.name,
      resourceVersion,
      uid: n.uid,
    },
    spec: {
      podCIDR: `10.244.${n.index}.0/24`,
      podCIDRs: [`10.244.${n.index}.0/24`],
      providerID: `kind://docker/${n.clusterName}/${n.name}`,
      ...(n.tainted ? { taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] } : {}),
    },
    status: {
      addresses: [{ address: n.ip, type: 'InternalIP' }, { address: n.name, type: 'Hostname' }],
      allocatable: NODE_CAPACITY,
      capacity: NODE_CAPACITY,
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', n.registeredAt),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', n.registeredAt),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', n.registeredAt),
        ready
          ? cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', n.readyAt)
          : cond('Ready', 'False', 'KubeletNotReady', 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized', n.registeredAt),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      features: { supplementalGroupsPolicy: true },
      images: [...pulled, ...preloadedImages(n.kubeletVersion, crio)],
      nodeInfo: {
        architecture: 'amd64',
        bootID: n.bootID,
        containerRuntimeVersion: n.runtime,
        kernelVersion: n.kernel,
        kubeletVersion: n.kubeletVersion,
        machineID: n.machineID,
        operatingSystem: 'linux',
        osImage: n.osImage,
        systemUUID: n.machineID.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
      },
      runtimeHandlers: crio
        ? [{ features: { recursiveReadOnlyMounts: true, userNamespaces: true }, name: 'runc' }, { features: { recursiveReadOnlyMounts: true, userNamespaces: true }, name: '' }]
        : [{ features: { recursiveReadOnlyMounts: true, userNamespaces: true }, name: 'test-handler' }, { features: { recursiveReadOnlyMounts: true, userNamespaces: true }, name: 'runc' }, { features: { recursiveReadOnlyMounts: true, userNamespaces: true }, name: '' }],
    },
  };
}

/** One thing that happened to an object, before the kubelet's event correlator counts repeats. */
export interface TimedEvent {
  readonly at: number;
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
  readonly fieldPath?: string;
  readonly component: string;
  readonly host?: string;
  /** Written through events.k8s.io (eventTime, reporting controller and instance, no count). */
  readonly action?: string;
  /** The involved object's uid, when it is not the object's own (kubelet node events use the name). */
  readonly uid?: string;
}

export interface Involved {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly resourceVersion?: string;
}

/** Events of one object at `now`: repeats counted (first/last timestamp), named `<object>.<hex of the time>`. */
export function eventObjects(events: readonly TimedEvent[], object: Involved, eventNamespace: string, rvBase: number, uidOf: (key: string) => string): KubeEvent[] {
  const byKey = new Map<string, { first: TimedEvent; last: TimedEvent; count: number }>();
  for (const e of events) {
    const key = `${e.type}|${e.reason}|${e.message}|${e.fieldPath ?? ''}|${e.component}`;
    const prev = byKey.get(key);
    if (prev && !e.action) {
      prev.count++;
      prev.last = e;
    } else byKey.set(e.action ? `${key}|${e.at}` : key, { first: e, last: e, count: 1 });
  }
  return [...byKey.values()].map((g, i) => {
    const name = `${object.name}.${(BigInt(g.first.at) * 1_000_000n + BigInt(i)).toString(16)}`;
    const involved = {
      apiVersion: 'v1',
      ...(g.first.fieldPath ? { fieldPath: g.first.fieldPath } : {}),
      kind: object.kind,
      name: object.name,
      ...(object.namespace ? { namespace: object.namespace } : {}),
      ...(object.resourceVersion && !g.first.action ? { resourceVersion: object.resourceVersion } : {}),
      ...(g.first.uid ?? object.uid ? { uid: g.first.uid ?? object.uid } : {}),
    };
    const meta = { creationTimestamp: iso(g.first.at), name, namespace: eventNamespace, resourceVersion: String(rvBase + i * 3 + g.count), uid: uidOf(name) };
    if (g.first.action) {
      return {
        action: g.first.action,
        apiVersion: 'v1' as const,
        eventTime: isoMicro(g.first.at),
        firstTimestamp: null,
        involvedObject: involved,
        kind: 'Event' as const,
        lastTimestamp: null,
        message: g.first.message,
        metadata: meta,
        reason: g.first.reason,
        reportingComponent: g.first.component,
        reportingInstance: `${g.first.component}-${g.first.host ?? ''}`,
        source: {},
        type: g.first.type,
      };
    }
    return {
      apiVersion: 'v1' as const,
      count: g.count,
      eventTime: null,
      firstTimestamp: iso(g.first.at),
      involvedObject: involved,
      kind: 'Event' as const,
      lastTimestamp: iso(g.last.at),
      message: g.first.message,
      metadata: meta,
      reason: g.first.reason,
      reportingComponent: g.first.component,
      reportingInstance: g.first.host ?? '',
      source: { component: g.first.component, ...(g.first.host ? { host: g.first.host } : {}) },
      type: g.first.type,
    };
  });
}

/** When an event last happened (lastTimestamp, or eventTime for events.k8s.io ones). */
export function eventTime(e: KubeEvent): number {
  return Date.parse(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '');
}

export function namespaceObject(name: string, createdAt: number, uid: string, labels: Readonly<Record<string, string>> = {}): Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { creationTimestamp: iso(createdAt), labels: { 'kubernetes.io/metadata.name': name, ...labels }, name, resourceVersion: String(20 + (createdAt % 997)), uid },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

/** The kubelet's node Lease (kube-node-lease), renewed every 10 s. */
export function leaseObject(node: NodeFacts, now: number, uid: string): Record<string, unknown> {
  const renew = node.registeredAt + Math.floor((now - node.registeredAt) / 10_000) * 10_000;
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      creationTimestamp: iso(node.registeredAt),
      name: node.name,
      namespace: 'kube-node-lease',
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid }],
      resourceVersion: String(100 + Math.floor((now - node.registeredAt) / 10_000)),
      uid,
    },
    spec: { holderIdentity: node.name, leaseDurationSeconds: 40, renewTime: isoMicro(renew) },
  };
}
