// The pods kind's clusters run in kube-system (and local-path-storage), with names, owners,
// priorities and resource requests shaped like the real ones, and lifecycles tied to their nodes.
import type { Container, Pod } from '../../../engine/kube-objects.js';
import { imageDigest } from './facts.js';
import { iso } from './go-text.js';
import { podObject } from './objects.js';
import type { SimNode } from './pod-timeline.js';
import { hex, nameSuffix, templateHash, uuid, type Random } from './random.js';

export interface SimSystemPod {
  readonly stored: Pod;
  readonly nodeName: string;
  readonly createdAt: number;
  /** Scheduled and started once the node is Ready (coredns, local-path-provisioner). */
  readonly waitsForNodeReady: boolean;
  readonly podIP: string;
  readonly containerID: string;
  /** Extra time its image pull takes (ContainerCreating meanwhile): the slow-coredns fault. */
  readonly pullDelayMs?: number;
}

interface Shape {
  readonly name: string;
  readonly namespace?: string;
  readonly container: string;
  readonly image: string;
  readonly labels: Record<string, string>;
  readonly owner: { readonly kind: 'Node' | 'DaemonSet' | 'ReplicaSet'; readonly name: string };
  readonly critical?: 'system-node-critical' | 'system-cluster-critical';
  readonly resources?: Container['resources'];
  readonly hostNetwork: boolean;
  readonly annotations?: Record<string, string>;
}

const TOLERATE_ALL = [{ effect: 'NoExecute', operator: 'Exists' }];
const DEFAULT_TOLERATIONS = [
  { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
  { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
];

function make(shape: Shape, node: SimNode, random: Random, at: number, podIP: string, waits: boolean, pullDelayMs = 0): SimSystemPod {
  const uid = uuid(random);
  const stored: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(shape.annotations ? { annotations: shape.annotations } : {}),
      creationTimestamp: iso(at),
      ...(shape.owner.kind !== 'Node' ? { generateName: `${shape.name.replace(/[a-z0-9]{5}$/, '')}` } : {}),
      generation: 1,
      labels: shape.labels,
      name: shape.name,
      namespace: shape.namespace ?? 'kube-system',
      ownerReferences: [{ apiVersion: shape.owner.kind === 'Node' ? 'v1' : 'apps/v1', blockOwnerDeletion: true, controller: true, kind: shape.owner.kind, name: shape.owner.name, uid: uuid(random) }],
      uid,
    },
    spec: {
      containers: [{ image: shape.image, imagePullPolicy: 'IfNotPresent', name: shape.container, resources: shape.resources ?? {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
      dnsPolicy: shape.hostNetwork ? 'ClusterFirstWithHostNet' : 'Default',
      enableServiceLinks: true,
      ...(shape.hostNetwork ? { hostNetwork: true } : {}),
      nodeName: node.name,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: shape.critical === 'system-node-critical' ? 2000001000 : shape.critical ? 2000000000 : 0,
      ...(shape.critical ? { priorityClassName: shape.critical } : {}),
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      tolerations: shape.owner.kind === 'Node' ? TOLERATE_ALL : DEFAULT_TOLERATIONS,
    },
  };
  return { stored, nodeName: node.name, createdAt: at, waitsForNodeReady: waits, podIP, containerID: `${node.runtime.split('://')[0] ?? 'containerd'}://${hex(random, 64)}`, ...(pullDelayMs > 0 ? { pullDelayMs } : {}) };
}

export function staticPods(node: SimNode, random: Random, at: number): SimSystemPod[] {
  const v = node.kubeletVersion;
  const shape = (component: string, image: string, cpu: string, memory?: string): Shape => ({
    name: `${component}-${node.name}`,
    container: component,
    image,
    labels: { component, tier: 'control-plane' },
    owner: { kind: 'Node', name: node.name },
    critical: 'system-node-critical',
    resources: { requests: { cpu, ...(memory ? { memory } : {}) } },
    hostNetwork: true,
    annotations: {
      ...(component === 'kube-apiserver' ? { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${node.ip}:6443` } : {}),
      ...(component === 'etcd' ? { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${node.ip}:2379` } : {}),
      'kubernetes.io/config.hash': hex(random, 32),
      'kubernetes.io/config.seen': `${iso(at).replace('Z', '')}.${String(at % 1000).padStart(3, '0')}Z`,
      'kubernetes.io/config.source': 'file',
    },
  });
  return [
    shape('etcd', 'registry.k8s.io/etcd:3.6.5-0', '100m', '100Mi'),
    shape('kube-apiserver', `registry.k8s.io/kube-apiserver:${v}`, '250m'),
    shape('kube-controller-manager', `registry.k8s.io/kube-controller-manager:${v}`, '200m'),
    shape('kube-scheduler', `registry.k8s.io/kube-scheduler:${v}`, '100m'),
  ].map((s) => make(s, node, random, at + 400, node.ip, false));
}

export function daemonPods(node: SimNode, random: Random, at: number): SimSystemPod[] {
  const kindnet: Shape = {
    name: `kindnet-${nameSuffix(random)}`, container: 'kindnet-cni', image: 'docker.io/kindest/kindnetd:v20251212-v0.29.0-alpha-105-g20ccfc88',
    labels: { app: 'kindnet', 'controller-revision-hash': templateHash(random), 'k8s-app': 'kindnet', 'pod-template-generation': '1', tier: 'node' },
    owner: { kind: 'DaemonSet', name: 'kindnet' }, critical: 'system-node-critical', hostNetwork: true,
    resources: { limits: { cpu: '100m', memory: '50Mi' }, requests: { cpu: '100m', memory: '50Mi' } },
  };
  const proxy: Shape = {
    name: `kube-proxy-${nameSuffix(random)}`, container: 'kube-proxy', image: `registry.k8s.io/kube-proxy:${node.kubeletVersion}`,
    labels: { 'controller-revision-hash': templateHash(random), 'k8s-app': 'kube-proxy', 'pod-template-generation': '1' },
    owner: { kind: 'DaemonSet', name: 'kube-proxy' }, critical: 'system-node-critical', hostNetwork: true,
  };
  return [kindnet, proxy].map((s) => make(s, node, random, at, node.ip, false));
}

export function deploymentPods(node: SimNode, random: Random, at: number, withStorage: boolean, corednsPullDelayMs = 0): SimSystemPod[] {
  const corednsHash = templateHash(random);
  const coredns = [0, 1].map((i) =>
    make(
      {
        name: `coredns-${corednsHash}-${nameSuffix(random)}`, container: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.12.4',
        labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': corednsHash }, owner: { kind: 'ReplicaSet', name: `coredns-${corednsHash}` },
        critical: 'system-cluster-critical', hostNetwork: false, resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
      },
      node, random, at, `10.244.0.${2 + i}`, true, corednsPullDelayMs,
    ),
  );
  if (!withStorage) return coredns;
  const hash = templateHash(random);
  return [
    ...coredns,
    make(
      {
        name: `local-path-provisioner-${hash}-${nameSuffix(random)}`, namespace: 'local-path-storage', container: 'local-path-provisioner',
        image: 'docker.io/kindest/local-path-provisioner:v20251212-v0.29.0-alpha-105-g20ccfc88', labels: { app: 'local-path-provisioner', 'pod-template-hash': hash },
        owner: { kind: 'ReplicaSet', name: `local-path-provisioner-${hash}` }, hostNetwork: false,
      },
      node, random, at, '10.244.0.4', true,
    ),
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
  const container = p.stored.spec?.containers[0];
  const steps = (scheduled ? 1 : 0) + (running ? 1 : 0) + (ready ? 1 : 0);
  const resourceVersion = String(300 + (Math.floor(p.createdAt / 1000) % 1000) * 3 + steps);
  const modern = Boolean(node && /^v1\.(3[4-9]|[4-9]\d)/.test(node.kubeletVersion));
  if (!scheduled) {
    const stored = { ...p.stored, spec: { ...p.stored.spec, containers: p.stored.spec?.containers ?? [] } };
    delete stored.spec.nodeName;
    return podObject(stored, {
      unschedulable: { at: p.createdAt, message: '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.' },
      containers: new Map(),
      resourceVersion,
      modern,
    });
  }
  return podObject(p.stored, {
    ...(node ? { node } : {}),
    scheduledAt: start,
    ...(running ? { sandboxAt: start + 300 } : {}),
    ...(ready ? { readyAt } : {}),
    podIP: p.podIP,
    containers: new Map([[container?.name ?? '', running ? { state: { running: { startedAt: iso(runningAt) } }, ready, started: true, containerID: p.containerID, imageID: `${container?.image.replace(/:[^/:]+$/, '') ?? ''}@sha256:${imageDigest(container?.image ?? '')}` } : { state: { waiting: { reason: 'ContainerCreating' } }, ready: false, started: false }]]),
    resourceVersion,
    modern,
  });
}
