// The pods kind's clusters run in kube-system (and local-path-storage), with names shaped
// like the real ones and lifecycles tied to their nodes.
import type { Pod } from '../../../engine/kube-objects.js';
import type { SimNode } from './pod-timeline.js';
import { iso } from './pod-timeline.js';
import { nameSuffix, templateHash, uuid, type Random } from './random.js';

export interface SimSystemPod {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  readonly nodeName: string;
  readonly image: string;
  readonly container: string;
  readonly createdAt: number;
  /** Scheduled and started once the node is Ready (coredns, local-path-provisioner). */
  readonly waitsForNodeReady: boolean;
  readonly hostNetwork: boolean;
  readonly podIP: string;
  readonly labels: Record<string, string>;
  /** Extra time its image pull takes (ContainerCreating meanwhile): the slow-coredns fault. */
  readonly pullDelayMs?: number;
}

function kubeVersionTag(kubeletVersion: string): string {
  return kubeletVersion;
}

export function staticPods(node: SimNode, random: Random, at: number): SimSystemPod[] {
  const v = kubeVersionTag(node.kubeletVersion);
  const mk = (component: string, image: string): SimSystemPod => ({
    name: `${component}-${node.name}`,
    namespace: 'kube-system',
    uid: uuid(random),
    nodeName: node.name,
    image,
    container: component,
    createdAt: at + 400,
    waitsForNodeReady: false,
    hostNetwork: true,
    podIP: node.ip,
    labels: { component, tier: 'control-plane' },
  });
  return [
    mk('etcd', 'registry.k8s.io/etcd:3.6.5-0'),
    mk('kube-apiserver', `registry.k8s.io/kube-apiserver:${v}`),
    mk('kube-controller-manager', `registry.k8s.io/kube-controller-manager:${v}`),
    mk('kube-scheduler', `registry.k8s.io/kube-scheduler:${v}`),
  ];
}

export function daemonPods(node: SimNode, random: Random, at: number): SimSystemPod[] {
  const v = kubeVersionTag(node.kubeletVersion);
  return [
    {
      name: `kindnet-${nameSuffix(random)}`,
      namespace: 'kube-system',
      uid: uuid(random),
      nodeName: node.name,
      image: 'docker.io/kindest/kindnetd:v20251212-v0.29.0-alpha-105-g20ccfc88',
      container: 'kindnet-cni',
      createdAt: at,
      waitsForNodeReady: false,
      hostNetwork: true,
      podIP: node.ip,
      labels: { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' },
    },
    {
      name: `kube-proxy-${nameSuffix(random)}`,
      namespace: 'kube-system',
      uid: uuid(random),
      nodeName: node.name,
      image: `registry.k8s.io/kube-proxy:${v}`,
      container: 'kube-proxy',
      createdAt: at,
      waitsForNodeReady: false,
      hostNetwork: true,
      podIP: node.ip,
      labels: { 'k8s-app': 'kube-proxy' },
    },
  ];
}

export function deploymentPods(node: SimNode, random: Random, at: number, withStorage: boolean, corednsPullDelayMs = 0): SimSystemPod[] {
  const corednsHash = templateHash(random);
  const coredns = [0, 1].map((i): SimSystemPod => ({
    name: `coredns-${corednsHash}-${nameSuffix(random)}`,
    namespace: 'kube-system',
    uid: uuid(random),
    nodeName: node.name,
    image: 'registry.k8s.io/coredns/coredns:v1.12.4',
    container: 'coredns',
    createdAt: at,
    waitsForNodeReady: true,
    hostNetwork: false,
    podIP: `10.244.0.${2 + i}`,
    labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': corednsHash },
    ...(corednsPullDelayMs > 0 ? { pullDelayMs: corednsPullDelayMs } : {}),
  }));
  if (!withStorage) return coredns;
  const hash = templateHash(random);
  return [
    ...coredns,
    {
      name: `local-path-provisioner-${hash}-${nameSuffix(random)}`,
      namespace: 'local-path-storage',
      uid: uuid(random),
      nodeName: node.name,
      image: 'docker.io/kindest/local-path-provisioner:v20251212-v0.29.0-alpha-105-g20ccfc88',
      container: 'local-path-provisioner',
      createdAt: at,
      waitsForNodeReady: true,
      hostNetwork: false,
      podIP: '10.244.0.4',
      labels: { app: 'local-path-provisioner', 'pod-template-hash': hash },
    },
  ];
}

/** When a system pod is scheduled, starts running and turns ready (its node's readiness decides some of it). */
export function systemPodTimes(p: SimSystemPod, node: SimNode | undefined): { start: number; scheduledAt: number; runningAt: number; readyAt: number } {
  const start = p.waitsForNodeReady ? Math.max(p.createdAt, node?.readyAt ?? Infinity) : p.createdAt;
  const scheduledAt = p.waitsForNodeReady ? (node?.readyAt ?? Infinity) : p.createdAt;
  const runningAt = start + (p.waitsForNodeReady ? 1500 : 800) + (p.pullDelayMs ?? 0);
  const readyAt = runningAt + (p.waitsForNodeReady ? 1200 : 0);
  return { start, scheduledAt, runningAt, readyAt };
}

/** A system pod as the API returns it at `now` (its node's readiness decides some of it). */
export function systemPodAt(p: SimSystemPod, node: SimNode | undefined, now: number): Pod {
  const { start, scheduledAt, runningAt, readyAt } = systemPodTimes(p, node);
  const scheduled = now >= scheduledAt;
  const running = now >= runningAt;
  const ready = now >= readyAt;
  const steps = (scheduled ? 1 : 0) + (running ? 1 : 0) + (ready ? 1 : 0);
  const base = {
    apiVersion: 'v1' as const,
    kind: 'Pod' as const,
    metadata: {
      name: p.name,
      namespace: p.namespace,
      uid: p.uid,
      labels: p.labels,
      creationTimestamp: iso(p.createdAt),
      resourceVersion: String(300 + Math.floor(p.createdAt / 1000) % 1000 + steps),
    },
  };
  const spec = { containers: [{ name: p.container, image: p.image }], ...(scheduled ? { nodeName: p.nodeName } : {}) };
  if (!scheduled) {
    return {
      ...base,
      spec,
      status: {
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: "0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
          },
        ],
      },
    };
  }
  return {
    ...base,
    spec,
    status: {
      phase: running ? 'Running' : 'Pending',
      conditions: [
        { type: 'PodReadyToStartContainers', status: running ? 'True' : 'False' },
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: ready ? 'True' : 'False' },
        { type: 'ContainersReady', status: ready ? 'True' : 'False' },
        { type: 'PodScheduled', status: 'True' },
      ],
      hostIP: node?.ip ?? '',
      ...(running ? { podIP: p.podIP } : {}),
      startTime: iso(start),
      containerStatuses: [
        {
          name: p.container,
          image: p.image,
          imageID: '',
          ready,
          restartCount: 0,
          started: running,
          state: running ? { running: { startedAt: iso(runningAt) } } : { waiting: { reason: 'ContainerCreating' } },
        },
      ],
    },
  };
}
