// The simulated machine: kind clusters (as containers), their kubeconfig contexts, and each
// cluster's API objects. Objects are planned when they are created and read back as pure
// functions of the clock, so virtual time needs no timers. The simulated kubectl and the test
// suite's fake API server (test/fake-apiserver) both serve what this world holds.
import type { Container, KubeEvent, Namespace, Node, Pod, Volume } from '../../../engine/kube-objects.js';
import { atLeast, parseVersion } from '../../../engine/versions.js';
import type { Clock } from '../../ports.js';
import { imageDigest, imageSize, KERNEL_VERSION, nodeImageFacts, SLOW_COREDNS_PULL_MS, type SimProfile } from './facts.js';
import { goJson, iso } from './go-text.js';
import { eventObjects, eventTime, leaseObject, namespaceObject, nodeObject, type NodeFacts, type TimedEvent } from './objects.js';
import { planPod, podAt, podChangeTimes, podEvents, pullPolicyOf, type SimNode, type SimPod } from './pod-timeline.js';
import { between, hex, nameSuffix, seededRandom, stableUid, uuid, type Random } from './random.js';
import { daemonPods, deploymentPods, staticPods, systemPodAt, systemPodTimes, type SimSystemPod } from './system-pods.js';

export type NodeRole = 'control-plane' | 'worker';

export type ClusterNode = NodeFacts & SimNode & { readonly images: Map<string, number>; readonly events: TimedEvent[] };

export interface SimCluster {
  readonly name: string;
  readonly nodeImage: string;
  readonly roles: readonly NodeRole[];
  /** The labels of each node (kind config `nodes[].labels`), by position. */
  readonly nodeLabels: readonly Readonly<Record<string, string>>[];
  readonly gates: Readonly<Record<string, boolean>>;
  readonly containersAt: number;
  readonly crio: boolean;
  apiUpAt: number | null;
  readonly nodes: ClusterNode[];
  readonly systemPods: SimSystemPod[];
  readonly pods: Map<string, SimPod>;
  /** Deleted pods, kept for their events (events outlive their objects). */
  readonly graveyard: SimPod[];
  readonly namespaces: Map<string, { readonly createdAt: number; readonly labels: Readonly<Record<string, string>> }>;
  readonly random: Random;
  rv: number;
}

/** An error as the API server returns it (a Status): kubectl prints `Error from server (reason): message`. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: { readonly name: string; readonly kind: string; readonly causes?: readonly { reason: string; message: string; field: string }[] },
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get status(): Record<string, unknown> {
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, ...(this.details ? { details: this.details } : {}), code: this.code };
  }
}

/** 422 Invalid, with the cause kubectl prints (`The Pod "x" is invalid: field: Reason: message`). */
function invalid(name: string, field: string, reason: string, detail: string): ApiError {
  return new ApiError(422, 'Invalid', `Pod "${name}" is invalid: ${field}: ${detail}`, { name, kind: 'Pod', causes: [{ reason, message: detail, field }] });
}

export const notFound = (resource: string, name: string): ApiError => new ApiError(404, 'NotFound', `${resource} "${name}" not found`, { name, kind: resource });

/** Options of the world that only the test suite's fake API server changes. */
export interface WorldOptions {
  /** The kubelet kills a deleted pod's containers at once (no grace period waited out). */
  readonly immediateDeletion?: boolean;
  /** Node facts that override the node image's (e.g. an old runtime). */
  readonly nodeFacts?: { readonly kubeletVersion?: string; readonly runtime?: string };
}

export class SimWorld {
  readonly clusters = new Map<string, SimCluster>();
  /** kubeconfig contexts (kind writes kind-<name> at the end of create). */
  readonly contexts = new Set<string>();
  /** kubeconfig's current-context (kind sets it on create and unsets it on delete). */
  currentContext: string | null = null;
  /** Images in the local docker (node images kind pulled, images docker built). */
  readonly dockerImages = new Set<string>();
  /** The jitter of the simulated tools' round trips (seeded: a session is reproducible). */
  readonly random: Random = seededRandom('tools');
  private mutations = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly clock: Clock,
    readonly profile: SimProfile,
    readonly namespace: string,
    readonly options: WorldOptions = {},
  ) {}

  /** Grows whenever something is changed by a command (not by the passing of time). */
  get mutationCount(): number {
    return this.mutations;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.mutations++;
    for (const l of [...this.listeners]) l();
  }

  // ---- kind's side: node containers ----

  clusterNames(): string[] {
    return [...this.clusters.keys()].sort();
  }

  /** kind's "Preparing nodes": the node containers exist from now (or `at`) on. */
  provision(name: string, roles: readonly NodeRole[], nodeImage: string, gates: Readonly<Record<string, boolean>>, nodeLabels: readonly Readonly<Record<string, string>>[] = [], at: number = this.clock.now()): SimCluster {
    const facts = nodeImageFacts(nodeImage, this.profile);
    const cluster: SimCluster = {
      name, nodeImage, roles, nodeLabels, gates, containersAt: at, crio: facts.crio, apiUpAt: null, nodes: [], systemPods: [], pods: new Map(), graveyard: [],
      namespaces: new Map(), random: seededRandom(`${name}/${this.clusters.size}/${this.mutations}`), rv: 400,
    };
    this.clusters.set(name, cluster);
    this.changed();
    return cluster;
  }

  /** The names docker gives the node containers. */
  nodeNames(cluster: SimCluster): string[] {
    let workers = 0;
    let planes = 0;
    return cluster.roles.map((role) => (role === 'control-plane' ? `${cluster.name}-control-plane${planes++ === 0 ? '' : String(planes)}` : `${cluster.name}-worker${workers++ === 0 ? '' : String(workers)}`));
  }

  private registerNode(cluster: SimCluster, name: string, role: NodeRole, index: number, readyIn: number, now: number): ClusterNode {
    const facts = nodeImageFacts(cluster.nodeImage, this.profile);
    const node: ClusterNode = {
      name, role, clusterName: cluster.name, labels: { ...(cluster.nodeLabels[index] ?? {}) }, uid: uuid(cluster.random), ip: `172.18.0.${2 + index}`, index,
      kubeletVersion: this.options.nodeFacts?.kubeletVersion ?? facts.kubeletVersion, runtime: this.options.nodeFacts?.runtime ?? facts.runtime, osImage: facts.osImage,
      kernel: KERNEL_VERSION, machineID: hex(cluster.random, 32), bootID: uuid(cluster.random), registeredAt: now, readyAt: now + readyIn, tainted: false, images: new Map(), events: [],
    };
    cluster.nodes.push(node);
    const e = (at: number, reason: string, message: string, component = 'kubelet', uid = name): TimedEvent => ({ at, type: 'Normal', reason, message, component, uid, ...(component === 'kubelet' ? { host: name } : {}) });
    const t = now - 2000;
    node.events.push(
      e(t, 'Starting', 'Starting kubelet.'),
      e(t + 10, 'NodeHasSufficientMemory', `Node ${name} status is now: NodeHasSufficientMemory`),
      e(t + 11, 'NodeHasNoDiskPressure', `Node ${name} status is now: NodeHasNoDiskPressure`),
      e(t + 12, 'NodeHasSufficientPID', `Node ${name} status is now: NodeHasSufficientPID`),
      e(t + 20, 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods'),
      e(now + 1500, 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`, 'node-controller', node.uid),
      { at: now + 2500, type: 'Normal', reason: 'Starting', message: '', component: 'kube-proxy', host: name, action: 'StartKubeProxy', uid: name },
      e(now + readyIn, 'NodeReady', `Node ${name} status is now: NodeReady`),
    );
    return node;
  }

  /** kind's "Starting control-plane" has finished (now, or at `at`): the API server answers. */
  startControlPlane(name: string, readyIn: number, now: number = this.clock.now()): void {
    const cluster = this.clusters.get(name);
    if (!cluster || cluster.apiUpAt !== null) return;
    cluster.apiUpAt = now;
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system', ...(cluster.crio ? [] : ['local-path-storage']), this.namespace]) {
      if (!cluster.namespaces.has(ns)) cluster.namespaces.set(ns, { createdAt: now + (ns === 'local-path-storage' ? 1200 : 0), labels: {} });
    }
    const cp = this.registerNode(cluster, this.nodeNames(cluster)[0] ?? `${name}-control-plane`, 'control-plane', 0, readyIn, now);
    cluster.systemPods.push(
      ...deploymentPods(cp, cluster.random, now + 1200, !cluster.crio, this.profile.faults.has('slow-coredns') ? SLOW_COREDNS_PULL_MS : 0),
      ...staticPods(cp, cluster.random, now),
      ...daemonPods(cp, cluster.random, now + 1500),
    );
    this.changed();
  }

  /** kind's "Joining worker nodes". */
  joinWorkers(name: string, readyIn: number, now: number = this.clock.now()): void {
    const cluster = this.clusters.get(name);
    if (!cluster) return;
    const names = this.nodeNames(cluster);
    cluster.roles.forEach((role, i) => {
      const nodeName = names[i] ?? '';
      if (role === 'control-plane' || cluster.nodes.some((n) => n.name === nodeName)) return;
      const node = this.registerNode(cluster, nodeName, role, i, readyIn + between(cluster.random, 0, 1500), now);
      cluster.systemPods.push(...daemonPods(node, cluster.random, now + 1000));
    });
    this.changed();
  }

  /** When the first control-plane node reports Ready. */
  controlPlaneReadyAt(name: string): number | null {
    return this.clusters.get(name)?.nodes[0]?.readyAt ?? null;
  }

  exportContext(name: string): void {
    this.contexts.add(`kind-${name}`);
    this.currentContext = `kind-${name}`;
    this.changed();
  }

  /** kind delete cluster: the node names removed (empty when there was none). */
  deleteCluster(name: string): string[] {
    const cluster = this.clusters.get(name);
    this.contexts.delete(`kind-${name}`);
    if (this.currentContext === `kind-${name}`) this.currentContext = null;
    if (!cluster) return [];
    this.clusters.delete(name);
    this.changed();
    return this.nodeNames(cluster);
  }

  /** The cluster a kubeconfig context points at, if the context exists. */
  clusterForContext(context: string): SimCluster | null | undefined {
    if (!this.contexts.has(context)) return undefined;
    return this.clusters.get(context.replace(/^kind-/, '')) ?? null;
  }

  /** A running kind cluster made `agoMs` ago (all nodes Ready, system pods running), with its context. */
  seedCluster(name: string, o: { readonly image?: string; readonly roles?: readonly NodeRole[]; readonly nodeLabels?: readonly Readonly<Record<string, string>>[]; readonly agoMs?: number } = {}): SimCluster {
    const past = this.clock.now() - (o.agoMs ?? 15 * 60_000);
    const image = o.image ?? 'kindest/node:v1.35.0';
    this.dockerImages.add(image);
    const cluster = this.provision(name, o.roles ?? ['control-plane'], image, {}, o.nodeLabels ?? [], past);
    this.startControlPlane(name, 8000, past + 12_000);
    this.joinWorkers(name, 6000, past + 30_000);
    this.contexts.add(`kind-${name}`);
    this.currentContext = `kind-${name}`;
    return cluster;
  }

  // ---- the API server's side ----

  private tainted(cluster: SimCluster, n: ClusterNode): boolean {
    return n.role === 'control-plane' && cluster.roles.includes('worker');
  }

  nodes(cluster: SimCluster): Node[] {
    const now = this.clock.now();
    return cluster.nodes.filter((n) => n.registeredAt <= now).map((n) => {
      const pulled = [...n.images].filter(([, at]) => at <= now).map(([ref]) => ({ names: [`${ref.replace(/:[^/:]+$/, '')}@sha256:${imageDigest(ref)}`, ref], sizeBytes: imageSize(ref) * 3 }));
      // A new version when the status changes (readiness, the images on the node); see nodeObject.
      const rv = String(200 + n.index * 50 + pulled.length * 2 + (now >= n.readyAt ? 1 : 0));
      return nodeObject({ ...n, tainted: this.tainted(cluster, n) }, now, rv, pulled);
    });
  }

  node(cluster: SimCluster, name: string): ClusterNode | undefined {
    return cluster.nodes.find((n) => n.name === name);
  }

  lease(cluster: SimCluster, name: string): Record<string, unknown> | null {
    const node = this.node(cluster, name);
    return node && node.registeredAt <= this.clock.now() ? leaseObject(node, this.clock.now(), stableUid(`lease/${node.uid}`)) : null;
  }

  namespaces(cluster: SimCluster): Namespace[] {
    const now = this.clock.now();
    return [...cluster.namespaces].filter(([, n]) => n.createdAt <= now).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, n]) => namespaceObject(name, n.createdAt, stableUid(`${cluster.name}/ns/${name}`), n.labels));
  }

  createNamespace(cluster: SimCluster, name: string, labels: Readonly<Record<string, string>> = {}): Namespace {
    if (cluster.namespaces.has(name)) throw new ApiError(409, 'AlreadyExists', `namespaces "${name}" already exists`, { name, kind: 'namespaces' });
    cluster.namespaces.set(name, { createdAt: this.clock.now(), labels });
    this.changed();
    return this.namespaces(cluster).find((n) => n.metadata.name === name) ?? namespaceObject(name, this.clock.now(), stableUid(name));
  }

  private sweep(cluster: SimCluster): void {
    const now = this.clock.now();
    for (const [key, pod] of cluster.pods) {
      if (pod.goneAt !== undefined && pod.goneAt <= now) {
        cluster.pods.delete(key);
        cluster.graveyard.push(pod);
      }
    }
  }

  /** Pods of a namespace (all namespaces when ns is undefined), in the API's order (namespace, name). */
  pods(cluster: SimCluster, ns: string | undefined): Pod[] {
    this.sweep(cluster);
    const now = this.clock.now();
    const system = cluster.systemPods.filter((p) => (ns === undefined || p.stored.metadata.namespace === ns) && p.createdAt <= now).map((p) => systemPodAt(p, this.node(cluster, p.nodeName), now));
    const own = [...cluster.pods.values()].filter((p) => ns === undefined || (p.stored.metadata.namespace ?? 'default') === ns).map((p) => podAt(p, now));
    return [...system, ...own].sort((a, b) => byKey(`${a.metadata.namespace ?? ''}/${a.metadata.name}`, `${b.metadata.namespace ?? ''}/${b.metadata.name}`));
  }

  getPod(cluster: SimCluster, ns: string, name: string): Pod | null {
    return this.pods(cluster, ns).find((p) => p.metadata.name === name) ?? null;
  }

  podRecord(cluster: SimCluster, ns: string, name: string): SimPod | undefined {
    this.sweep(cluster);
    return cluster.pods.get(`${ns}/${name}`);
  }

  /** Events of a namespace (all when ns is undefined), in the API's order (by name). */
  events(cluster: SimCluster, ns: string | undefined): KubeEvent[] {
    this.sweep(cluster);
    const now = this.clock.now();
    const out: KubeEvent[] = [];
    if (ns === undefined || ns === 'default') {
      for (const n of cluster.nodes) out.push(...eventObjects(n.events.filter((e) => e.at <= now), { kind: 'Node', name: n.name, uid: n.uid }, 'default', 100 + n.index * 40, stableUid));
    }
    for (const p of [...cluster.graveyard, ...cluster.pods.values()]) {
      if (ns === undefined || (p.stored.metadata.namespace ?? 'default') === ns) out.push(...podEvents(p, now));
    }
    return out.sort((a, b) => byKey(`${a.metadata.namespace ?? ''}/${a.metadata.name}`, `${b.metadata.namespace ?? ''}/${b.metadata.name}`));
  }

  /** Whether the API server keeps image volumes (the ImageVolume gate is on). */
  imageVolumeGateOn(cluster: SimCluster): boolean {
    if (this.profile.faults.has('gate-off')) return false;
    if (this.profile.faults.has('runtime-too-old')) return true;
    const v = parseVersion(cluster.nodes[0]?.kubeletVersion ?? nodeImageFacts(cluster.nodeImage, this.profile).kubeletVersion);
    const setting = cluster.gates['ImageVolume'];
    if (v && atLeast(v, 1, 36)) return true;
    if (v && atLeast(v, 1, 35)) return setting !== false;
    return setting === true;
  }

  /** POST pods: validation, defaulting, the gate's silent drop, scheduling, and the planned life. */
  createPod(cluster: SimCluster, manifest: Pod, ns: string, at: number = this.clock.now()): Pod {
    this.sweep(cluster);
    const name = manifest.metadata.name;
    if (!cluster.namespaces.has(ns)) throw new ApiError(404, 'NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' });
    if (cluster.pods.has(`${ns}/${name}`) || cluster.systemPods.some((p) => p.stored.metadata.namespace === ns && p.stored.metadata.name === name)) {
      throw new ApiError(409, 'AlreadyExists', `pods "${name}" already exists`, { name, kind: 'pods' });
    }
    const stored = this.admit(cluster, manifest, ns);
    const node = cluster.nodes.find((n) => !this.tainted(cluster, n) && n.registeredAt <= at);
    if (!node) throw new ApiError(503, 'ServiceUnavailable', 'the server is currently unable to handle the request (post pods)');
    const podIndex = [...cluster.pods.values()].filter((p) => p.node.name === node.name).length + cluster.graveyard.length;
    cluster.rv += 1000;
    const kubelet = parseVersion(node.kubeletVersion);
    stored.metadata = { ...stored.metadata, creationTimestamp: iso(at), ...(kubelet && atLeast(kubelet, 1, 34) ? { generation: 1 } : {}), uid: uuid(cluster.random) };
    const pod = planPod({ stored, key: `${ns}/${name}`, createdAt: at, rvBase: cluster.rv, node, podIP: `10.244.${node.index}.${5 + (podIndex % 240)}`, random: cluster.random, faults: this.profile.faults });
    cluster.pods.set(pod.key, pod);
    this.changed();
    return podAt(pod, this.clock.now());
  }

  /** POST pods?dryRun=All: the Pod as the API server would store it (validation, defaulting, the gate's drop); nothing is stored. */
  dryRunPod(cluster: SimCluster, manifest: Pod, ns: string): Pod {
    if (!cluster.namespaces.has(ns)) throw new ApiError(404, 'NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' });
    const stored = this.admit(cluster, manifest, ns);
    return { ...stored, metadata: { ...stored.metadata, creationTimestamp: iso(this.clock.now()), uid: uuid(cluster.random) }, status: { phase: 'Pending', qosClass: 'BestEffort' } };
  }

  /** A namespace is gone, with every Pod in it (the namespace controller's end of a deletion). */
  removeNamespace(cluster: SimCluster, ns: string): void {
    for (const [key, pod] of [...cluster.pods]) {
      if ((pod.stored.metadata.namespace ?? 'default') === ns) cluster.pods.delete(key);
    }
    cluster.namespaces.delete(ns);
    this.changed();
  }

  /** PATCH of a pod's labels and annotations; a spec change is what the API server forbids. */
  patchPod(cluster: SimCluster, ns: string, name: string, patch: { metadata?: { labels?: Record<string, string | null>; annotations?: Record<string, string | null> }; spec?: unknown }): Pod {
    const pod = this.podRecord(cluster, ns, name);
    if (!pod) throw notFound('pods', name);
    if (changesSpec(patch.spec)) {
      throw invalid(name, 'spec', 'FieldValueForbidden', 'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)');
    }
    const merge = (base: Record<string, string> | undefined, change: Record<string, string | null> | undefined): Record<string, string> | undefined => {
      if (!change) return base;
      const out: Record<string, string> = { ...(base ?? {}) };
      for (const [k, v] of Object.entries(change)) {
        if (v === null) delete out[k];
        else out[k] = v;
      }
      return out;
    };
    const labels = merge(pod.stored.metadata.labels, patch.metadata?.labels);
    const annotations = merge(pod.stored.metadata.annotations, patch.metadata?.annotations);
    pod.stored = { ...pod.stored, metadata: { ...pod.stored.metadata, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) } };
    this.changed();
    return podAt(pod, this.clock.now());
  }

  /** Validation, defaulting and the ImageVolume gate's silent drop (pkg/api/pod dropImageVolumes). */
  private admit(cluster: SimCluster, manifest: Pod, ns: string): Pod {
    const name = manifest.metadata.name;
    const spec = manifest.spec ?? { containers: [] };
    if (spec.containers.length === 0) throw invalid(name, 'spec.containers', 'FieldValueRequired', 'Required value');
    const gateOn = this.imageVolumeGateOn(cluster);
    const dropped = new Set(gateOn ? [] : (spec.volumes ?? []).filter((v) => v.image !== undefined).map((v) => v.name));
    const volumes = (spec.volumes ?? []).filter((v) => !dropped.has(v.name));
    const imageVolumes = new Set(volumes.filter((v) => v.image).map((v) => v.name));
    const kubelet = parseVersion(cluster.nodes[0]?.kubeletVersion ?? '');
    const saName = `kube-api-access-${nameSuffix(cluster.random)}`;
    const containers: Container[] = spec.containers.map((c, ci) => {
      const mounts = (c.volumeMounts ?? []).filter((m) => !dropped.has(m.name));
      mounts.forEach((m, mi) => {
        if (!volumes.some((v) => v.name === m.name)) throw invalid(name, `spec.containers[${ci}].volumeMounts[${mi}].name`, 'FieldValueNotFound', `Not found: "${m.name}"`);
        if (imageVolumes.has(m.name) && (m.subPath ?? '') !== '' && kubelet && !atLeast(kubelet, 1, 33)) {
          throw invalid(name, `spec.containers[${ci}].volumeMounts[${mi}].subPath`, 'FieldValueForbidden', 'Forbidden: not allowed in image volume sources');
        }
      });
      return {
        ...c,
        imagePullPolicy: pullPolicyOf(c.image, c.imagePullPolicy),
        resources: c.resources ?? {},
        terminationMessagePath: c.terminationMessagePath ?? '/dev/termination-log',
        terminationMessagePolicy: c.terminationMessagePolicy ?? 'File',
        volumeMounts: [...mounts, { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: saName, readOnly: true }],
      };
    });
    const projected: Volume = {
      name: saName,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
        ],
      },
    };
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { ...manifest.metadata, namespace: ns },
      spec: {
        ...spec,
        containers,
        dnsPolicy: spec.dnsPolicy ?? 'ClusterFirst',
        enableServiceLinks: spec.enableServiceLinks ?? true,
        preemptionPolicy: 'PreemptLowerPriority',
        priority: 0,
        restartPolicy: spec.restartPolicy ?? 'Always',
        schedulerName: 'default-scheduler',
        securityContext: spec.securityContext ?? {},
        serviceAccount: 'default',
        serviceAccountName: 'default',
        terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
        tolerations: [
          ...(spec.tolerations ?? []),
          { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
          { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
        ],
        volumes: [...volumes.map((v) => (v.image ? { ...v, image: { ...v.image, pullPolicy: v.image.pullPolicy ?? (pullPolicyOf(v.image.reference ?? '') === 'Always' ? 'Always' : 'IfNotPresent') } } : v)), projected],
      },
    };
  }

  /** DELETE pods/NAME: graceful deletion; the pod as it is now (deletionTimestamp set). */
  deletePod(cluster: SimCluster, ns: string, name: string, graceSeconds?: number): Pod {
    const pod = this.podRecord(cluster, ns, name);
    if (!pod) throw notFound('pods', name);
    const now = this.clock.now();
    if (pod.deletingAt === undefined) {
      const running = podAt(pod, now).status?.containerStatuses?.some((c) => c.state?.running) ?? false;
      const grace = graceSeconds ?? pod.stored.spec?.terminationGracePeriodSeconds ?? 30;
      pod.deletingAt = now;
      pod.graceSeconds = grace;
      // `sleep infinity` as PID 1 ignores SIGTERM: the kubelet waits out the whole grace period.
      pod.goneAt = now + (graceSeconds === 0 || this.options.immediateDeletion ? 0 : running ? Math.max(grace * 1000, 300) : between(cluster.random, 300, 800));
      if (running) {
        for (const c of pod.stored.spec?.containers ?? []) {
          pod.extraEvents.push({ at: now, type: 'Normal', reason: 'Killing', message: `Stopping container ${c.name}`, fieldPath: `spec.containers{${c.name}}`, component: 'kubelet', host: pod.node.name });
        }
      }
      this.changed();
    }
    return podAt(pod, now);
  }

  /** A stable fingerprint of everything observable now (for watches). */
  fingerprint(cluster: SimCluster | undefined, ns: string): string {
    if (!cluster) return `absent/${this.mutations}`;
    const rv = (o: { metadata: { name: string; resourceVersion?: string } }): string => `${o.metadata.name}@${o.metadata.resourceVersion ?? ''}`;
    return [this.mutations, ...this.nodes(cluster).map(rv), ...this.pods(cluster, ns).map(rv), ...this.pods(cluster, 'kube-system').map(rv), ...this.events(cluster, ns).map(rv)].join(',');
  }

  /**
   * The earliest clock time after `now` at which what the API server shows of the cluster may
   * change with the passing of time alone (a node turning ready or pulling an image, a pod's
   * next step, an event), or null when nothing will until a command changes something
   * (onChange). Watches sleep until then instead of polling. Erring early only costs a look
   * that finds nothing new.
   */
  nextChangeAt(cluster: SimCluster, now: number): number | null {
    let next = Infinity;
    const consider = (at: number): void => {
      if (at > now && at < next) next = at;
    };
    for (const n of cluster.nodes) {
      consider(n.registeredAt);
      consider(n.readyAt);
      for (const at of n.images.values()) consider(at);
      for (const e of n.events) consider(e.at);
    }
    for (const p of cluster.systemPods) {
      consider(p.createdAt);
      const times = systemPodTimes(p, this.node(cluster, p.nodeName));
      consider(times.scheduledAt);
      consider(times.runningAt);
      consider(times.readyAt);
    }
    for (const p of [...cluster.graveyard, ...cluster.pods.values()]) {
      for (const at of podChangeTimes(p)) consider(at);
      for (const e of p.extraEvents) consider(e.at);
    }
    return Number.isFinite(next) ? next : null;
  }
}

/** Whether a strategic merge patch changes the spec (kubectl sends `$setElementOrder` directives that change nothing). */
function changesSpec(patch: unknown): boolean {
  if (patch === undefined) return false;
  if (Array.isArray(patch)) return (patch as unknown[]).some((e) => (e !== null && typeof e === 'object' ? Object.keys(e).some((k) => !['name', 'mountPath'].includes(k) && changesSpec({ [k]: (e as Record<string, unknown>)[k] })) : true));
  if (patch === null || typeof patch !== 'object') return true;
  return Object.entries(patch).some(([k, v]) => !k.startsWith('$setElementOrder/') && (Array.isArray(v) || (v !== null && typeof v === 'object') ? changesSpec(v) : true));
}

/** etcd's key order. */
function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The events oldest first (what the tour's snapshot promises): by the second they last happened, then in the order they first did (their names say when). */
export function oldestFirst(events: readonly KubeEvent[]): KubeEvent[] {
  const second = (e: KubeEvent): number => Math.floor(eventTime(e) / 1000);
  return [...events].sort((a, b) => second(a) - second(b) || byKey(a.metadata.name, b.metadata.name));
}

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** kubectl.kubernetes.io/last-applied-configuration, as kubectl apply computes it (sorted JSON, a newline). */
export function lastApplied(manifest: Record<string, unknown>, namespace: string): string {
  const given = (manifest['metadata'] ?? {}) as Record<string, unknown>;
  const annotations = Object.fromEntries(Object.entries((given['annotations'] ?? {}) as Record<string, string>).filter(([k]) => k !== LAST_APPLIED));
  const meta = { ...given, annotations, namespace };
  return `${goJson({ ...manifest, metadata: meta })}\n`;
}
