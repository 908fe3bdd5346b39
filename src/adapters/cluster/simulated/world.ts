// The simulated machine: kind clusters (as containers), their kubeconfig contexts, and each
// cluster's API objects. Objects are planned when they are created and read back as pure
// functions of the clock, so virtual time needs no timers.
import type { KubeEvent, Node, Pod, Volume, VolumeMount } from '../../../engine/kube-objects.js';
import { atLeast, parseVersion } from '../../../engine/versions.js';
import type { Clock } from '../../ports.js';
import { KERNEL_VERSION, nodeImageFacts, SLOW_COREDNS_PULL_MS, type SimProfile } from './facts.js';
import { aggregate, iso, planPod, podAt, podChangeTimes, podEvents, type SimNode, type SimPod, type TimedEvent } from './pod-timeline.js';
import { between, hex, nameSuffix, seededRandom, uuid, type Random } from './random.js';
import { daemonPods, deploymentPods, staticPods, systemPodAt, systemPodTimes, type SimSystemPod } from './system-pods.js';

export type NodeRole = 'control-plane' | 'worker';

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
  readonly nodes: SimNode[];
  readonly systemPods: SimSystemPod[];
  readonly nodeEvents: Map<string, TimedEvent[]>;
  readonly pods: Map<string, SimPod>;
  /** Deleted pods, kept for their events (events outlive their objects). */
  readonly graveyard: SimPod[];
  readonly extraEvents: Map<string, TimedEvent[]>;
  readonly namespaces: Set<string>;
  readonly random: Random;
  rv: number;
}

/** An error as kubectl prints it (the whole line, e.g. `Error from server (NotFound): …`). */
export class KubeApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeApiError';
  }
}

export type ApplyResult = 'created' | 'unchanged' | 'configured';

export class SimWorld {
  readonly clusters = new Map<string, SimCluster>();
  /** kubeconfig contexts (kind writes kind-<name> at the end of create). */
  readonly contexts = new Set<string>();
  /** kubeconfig's current-context (kind sets it on create and unsets it on delete). */
  currentContext: string | null = null;
  /** Images in the local docker (node images kind pulled, images docker built). */
  readonly dockerImages = new Set<string>();
  private mutations = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly clock: Clock,
    readonly profile: SimProfile,
    readonly namespace: string,
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
  provision(
    name: string,
    roles: readonly NodeRole[],
    nodeImage: string,
    gates: Readonly<Record<string, boolean>>,
    nodeLabels: readonly Readonly<Record<string, string>>[] = [],
    at: number = this.clock.now(),
  ): SimCluster {
    const facts = nodeImageFacts(nodeImage, this.profile);
    const cluster: SimCluster = {
      name,
      nodeImage,
      roles,
      nodeLabels,
      gates,
      containersAt: at,
      crio: facts.crio,
      apiUpAt: null,
      nodes: [],
      systemPods: [],
      nodeEvents: new Map(),
      pods: new Map(),
      graveyard: [],
      extraEvents: new Map(),
      namespaces: new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease', ...(facts.crio ? [] : ['local-path-storage']), this.namespace]),
      random: seededRandom(`${name}/${this.clusters.size}/${this.mutations}`),
      rv: 400,
    };
    this.clusters.set(name, cluster);
    this.changed();
    return cluster;
  }

  /** The names docker would give the node containers. */
  nodeNames(cluster: SimCluster): string[] {
    let workers = 0;
    let planes = 0;
    return cluster.roles.map((role) => {
      if (role === 'control-plane') return `${cluster.name}-control-plane${planes++ === 0 ? '' : String(planes)}`;
      return `${cluster.name}-worker${workers++ === 0 ? '' : String(workers)}`;
    });
  }

  private registerNode(cluster: SimCluster, name: string, role: NodeRole, index: number, readyIn: number, now: number = this.clock.now()): SimNode {
    const facts = nodeImageFacts(cluster.nodeImage, this.profile);
    const node: SimNode = {
      name,
      role,
      labels: { ...(cluster.nodeLabels[index] ?? {}) },
      uid: uuid(cluster.random),
      ip: `172.18.0.${2 + index}`,
      podCidrIndex: index,
      kubeletVersion: facts.kubeletVersion,
      runtime: facts.runtime,
      osImage: facts.osImage,
      registeredAt: now,
      readyAt: now + readyIn,
      images: new Map(),
    };
    cluster.nodes.push(node);
    const e = (at: number, reason: string, message: string, component = 'kubelet'): TimedEvent => ({ at, type: 'Normal', reason, message, component, ...(component === 'kubelet' ? { host: name } : {}) });
    const t = now - 2000;
    cluster.nodeEvents.set(name, [
      e(t, 'Starting', 'Starting kubelet.'),
      e(t + 10, 'NodeHasSufficientMemory', `Node ${name} status is now: NodeHasSufficientMemory`),
      e(t + 11, 'NodeHasNoDiskPressure', `Node ${name} status is now: NodeHasNoDiskPressure`),
      e(t + 12, 'NodeHasSufficientPID', `Node ${name} status is now: NodeHasSufficientPID`),
      e(t + 20, 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods'),
      e(now + 1500, 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`, 'node-controller'),
      e(now + 2500, 'Starting', '', 'kube-proxy'),
      e(now + readyIn, 'NodeReady', `Node ${name} status is now: NodeReady`),
    ]);
    return node;
  }

  /** kind's "Starting control-plane" has finished (now, or at `at`): the API server answers. */
  startControlPlane(name: string, readyIn: number, now: number = this.clock.now()): void {
    const cluster = this.clusters.get(name);
    if (!cluster || cluster.apiUpAt !== null) return;
    cluster.apiUpAt = now;
    const names = this.nodeNames(cluster);
    const cp = this.registerNode(cluster, names[0] ?? `${name}-control-plane`, 'control-plane', 0, readyIn, now);
    cluster.systemPods.push(
      ...deploymentPods(cp, cluster.random, now + 1200, !cluster.crio, this.profile.faults.has('slow-coredns') ? SLOW_COREDNS_PULL_MS : 0),
      ...staticPods(cp, cluster.random, now),
      ...daemonPods(cp, cluster.random, now + 1500),
    );
    this.changed();
  }

  /** kind's "Joining worker nodes". */
  joinWorkers(name: string, readyIn: number): void {
    const cluster = this.clusters.get(name);
    if (!cluster) return;
    const names = this.nodeNames(cluster);
    cluster.roles.forEach((role, i) => {
      if (role === 'control-plane' || cluster.nodes.some((n) => n.name === names[i])) return;
      const node = this.registerNode(cluster, names[i], role, i, readyIn + between(cluster.random, 0, 1500));
      cluster.systemPods.push(...daemonPods(node, cluster.random, this.clock.now() + 1000));
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
    const name = context.replace(/^kind-/, '');
    return this.clusters.get(name) ?? null;
  }

  /**
   * A kind cluster the learner made by hand a while ago (no node mark; not in the tour's
   * record), with their own Pod `podName` in `namespace`, running and without the tour's label.
   * The IVOL_TOUR_SIM_FAULTS scenario `not-ours`.
   */
  seedLearnersCluster(name: string, namespace: string, podName: string, podManifest: Pod, manifestText: string): void {
    const past = this.clock.now() - 15 * 60_000;
    const image = 'kindest/node:v1.35.0';
    this.dockerImages.add(image);
    this.provision(name, ['control-plane'], image, {}, [], past);
    this.startControlPlane(name, 8000, past + 12_000);
    this.contexts.add(`kind-${name}`);
    this.currentContext = `kind-${name}`;
    const cluster = this.clusters.get(name);
    if (!cluster) return;
    cluster.namespaces.add(namespace);
    const pod: Pod = { ...podManifest, metadata: { ...podManifest.metadata, name: podName, namespace } };
    this.applyPod(cluster, pod, manifestText, namespace, past + 60_000);
    this.changed();
  }

  // ---- the API server's side ----

  nodes(cluster: SimCluster): Node[] {
    const now = this.clock.now();
    return cluster.nodes.filter((n) => n.registeredAt <= now).map((n) => nodeAt(n, now));
  }

  node(cluster: SimCluster, name: string): SimNode | undefined {
    return cluster.nodes.find((n) => n.name === name);
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

  /** Pods of a namespace (all namespaces when ns is undefined), sorted by name as the API does. */
  pods(cluster: SimCluster, ns: string | undefined): Pod[] {
    this.sweep(cluster);
    const now = this.clock.now();
    const system = cluster.systemPods
      .filter((p) => ns === undefined || p.namespace === ns)
      .filter((p) => p.createdAt <= now)
      .map((p) => systemPodAt(p, this.node(cluster, p.nodeName), now));
    const own = [...cluster.pods.values()]
      .filter((p) => ns === undefined || (p.stored.metadata.namespace ?? 'default') === ns)
      .map((p) => this.podView(p));
    return [...system, ...own].sort(
      (a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name),
    );
  }

  private podView(p: SimPod): Pod {
    const now = this.clock.now();
    return podAt(p, p.deletingAt !== undefined ? Math.min(now, Math.max(p.deletingAt, p.createdAt)) : now, now);
  }

  getPod(cluster: SimCluster, ns: string, name: string): Pod | null {
    const p = this.podRecord(cluster, ns, name);
    if (p) return this.podView(p);
    const system = cluster.systemPods.find((s) => s.namespace === ns && s.name === name && s.createdAt <= this.clock.now());
    return system ? systemPodAt(system, this.node(cluster, system.nodeName), this.clock.now()) : null;
  }

  podRecord(cluster: SimCluster, ns: string, name: string): SimPod | undefined {
    this.sweep(cluster);
    return cluster.pods.get(`${ns}/${name}`);
  }

  /** Events of a namespace, oldest first (by last occurrence). */
  events(cluster: SimCluster, ns: string | undefined): KubeEvent[] {
    this.sweep(cluster);
    const now = this.clock.now();
    const out: KubeEvent[] = [];
    if (ns === undefined || ns === 'default') {
      for (const [name, events] of cluster.nodeEvents) {
        const node = this.node(cluster, name);
        out.push(...aggregate(events.filter((e) => e.at <= now), { kind: 'Node', name, namespace: 'default', uid: node?.uid }, 100));
      }
    }
    for (const p of [...cluster.graveyard, ...cluster.pods.values()]) {
      if (ns !== undefined && (p.stored.metadata.namespace ?? 'default') !== ns) continue;
      const until = p.deletingAt !== undefined ? Math.min(now, Math.max(p.deletingAt, p.createdAt)) : now;
      const extra = (cluster.extraEvents.get(p.stored.metadata.uid ?? '') ?? []).filter((e) => e.at <= now);
      out.push(...podEvents(p, until, extra));
    }
    return out.sort((a, b) => Date.parse(a.lastTimestamp ?? '') - Date.parse(b.lastTimestamp ?? ''));
  }

  /** Whether the API server drops image volumes (ImageVolume gate off). */
  imageVolumeGateOn(cluster: SimCluster): boolean {
    if (this.profile.faults.has('gate-off')) return false;
    if (this.profile.faults.has('runtime-too-old')) return true;
    const v = parseVersion(cluster.nodes[0]?.kubeletVersion ?? nodeImageFacts(cluster.nodeImage, this.profile).kubeletVersion);
    const setting = cluster.gates['ImageVolume'];
    if (v && atLeast(v, 1, 36)) return true;
    if (v && atLeast(v, 1, 35)) return setting !== false;
    return setting === true;
  }

  /** kubectl apply of one Pod: create (now, or at `at`), or compare with what is stored. */
  applyPod(cluster: SimCluster, manifest: Pod, text: string, defaultNs: string, at: number = this.clock.now()): ApplyResult {
    this.sweep(cluster);
    const name = manifest.metadata.name;
    const ns = manifest.metadata.namespace ?? defaultNs;
    if (!cluster.namespaces.has(ns)) throw new KubeApiError(`Error from server (NotFound): error when creating "${'{file}'}": namespaces "${ns}" not found`);
    const existing = cluster.pods.get(`${ns}/${name}`);
    const stored = this.admit(cluster, manifest, ns);
    if (existing) {
      if (existing.appliedText === text) return 'unchanged';
      const a = JSON.stringify(stripVolatile(existing.stored).spec);
      const b = JSON.stringify(stripVolatile({ ...stored, spec: { ...stored.spec!, nodeName: existing.nodeName } }).spec);
      if (a !== b) {
        throw new KubeApiError(
          `The Pod "${name}" is invalid: spec: Forbidden: pod updates may not change fields other than \`spec.containers[*].image\`,\`spec.initContainers[*].image\`,\`spec.activeDeadlineSeconds\`,\`spec.tolerations\` (only additions to existing tolerations),\`spec.terminationGracePeriodSeconds\` (allow it to be set to 1 if it was previously negative)`,
        );
      }
      existing.appliedText = text;
      Object.assign(existing.stored.metadata, { labels: stored.metadata.labels });
      this.changed();
      return 'configured';
    }
    const node = this.schedule(cluster);
    if (!node) throw new KubeApiError(`Error from server (ServiceUnavailable): the server is currently unable to handle the request (post pods)`);
    const now = at;
    const podIndex = [...cluster.pods.values()].filter((p) => p.nodeName === node.name).length + cluster.graveyard.length;
    stored.metadata.creationTimestamp = iso(now);
    stored.metadata.uid = uuid(cluster.random);
    cluster.rv += 1000;
    const pod = planPod({
      stored,
      key: `${ns}/${name}`,
      createdAt: now,
      rvBase: cluster.rv,
      node,
      podIP: `10.244.${node.podCidrIndex}.${5 + (podIndex % 240)}`,
      random: cluster.random,
      faults: this.profile.faults,
      appliedText: text,
    });
    cluster.pods.set(`${ns}/${name}`, pod);
    this.changed();
    return 'created';
  }

  /** Validation, defaulting and the ImageVolume gate's silent drop (pkg/api/pod dropImageVolumes). */
  private admit(cluster: SimCluster, manifest: Pod, ns: string): Pod {
    const name = manifest.metadata.name;
    const containers = manifest.spec?.containers ?? [];
    if (containers.length === 0) throw new KubeApiError(`The Pod "${name}" is invalid: spec.containers: Required value`);
    let volumes: Volume[] = [...(manifest.spec?.volumes ?? [])];
    const gateOn = this.imageVolumeGateOn(cluster);
    const dropped = new Set(gateOn ? [] : volumes.filter((v) => v.image !== undefined).map((v) => v.name));
    volumes = volumes.filter((v) => !dropped.has(v.name));
    const imageVolumes = new Set(volumes.filter((v) => v.image).map((v) => v.name));
    const kubelet = parseVersion(cluster.nodes[0]?.kubeletVersion ?? '');
    const saName = `kube-api-access-${nameSuffix(cluster.random)}`;
    const newContainers = containers.map((c, ci) => {
      const mounts = ((c.volumeMounts ?? [])).filter((m) => !dropped.has(m.name));
      mounts.forEach((m, mi) => {
        if (!volumes.some((v) => v.name === m.name)) {
          throw new KubeApiError(`The Pod "${name}" is invalid: spec.containers[${ci}].volumeMounts[${mi}].name: Not found: "${m.name}"`);
        }
        if (imageVolumes.has(m.name) && (m.subPath ?? '') !== '' && kubelet && !atLeast(kubelet, 1, 33)) {
          throw new KubeApiError(`The Pod "${name}" is invalid: spec.containers[${ci}].volumeMounts[${mi}].subPath: Forbidden: not allowed in image volume sources`);
        }
      });
      const tag = /:([^/:]+)$/.exec(c.image)?.[1];
      return {
        ...c,
        imagePullPolicy: (c as { imagePullPolicy?: string }).imagePullPolicy ?? (tag && tag !== 'latest' ? 'IfNotPresent' : 'Always'),
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        volumeMounts: [
          ...mounts.map((m) => (imageVolumes.has(m.name) ? { ...m } : m)),
          { name: saName, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
        ],
      };
    });
    const spec = manifest.spec as unknown as Record<string, unknown>;
    const storedSpec = {
      ...spec,
      containers: newContainers,
      dnsPolicy: spec['dnsPolicy'] ?? 'ClusterFirst',
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: spec['restartPolicy'] ?? 'Always',
      schedulerName: 'default-scheduler',
      securityContext: spec['securityContext'] ?? {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: spec['terminationGracePeriodSeconds'] ?? 30,
      tolerations: [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
      volumes: [
        ...volumes.map((v) => (v.image ? { ...v, image: { ...v.image, pullPolicy: v.image.pullPolicy ?? pullPolicyFor(v.image.reference ?? '') } } : v)),
        {
          name: saName,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
              { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
            ],
          },
        },
      ],
    };
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { ...manifest.metadata, namespace: ns },
      spec: storedSpec as unknown as Pod['spec'],
    };
  }

  private schedule(cluster: SimCluster): SimNode | undefined {
    // The control-plane is tainted NoSchedule when the cluster has workers.
    const workers = cluster.nodes.filter((n) => n.role === 'worker');
    return workers[0] ?? cluster.nodes[0];
  }

  /** kubectl delete pod: graceful deletion. Returns false when there is no such pod. */
  deletePod(cluster: SimCluster, ns: string, name: string, graceSeconds?: number): boolean {
    const pod = this.podRecord(cluster, ns, name);
    if (!pod) return false;
    if (pod.deletingAt !== undefined) return true;
    const now = this.clock.now();
    const view = podAt(pod, now, now);
    const running = view.status?.containerStatuses?.some((c) => c.state?.running) ?? false;
    const grace = graceSeconds ?? Number((pod.stored.spec as unknown as Record<string, unknown>)['terminationGracePeriodSeconds'] ?? 30);
    pod.deletingAt = now;
    // `sleep infinity` as PID 1 ignores SIGTERM: the kubelet waits the whole grace period.
    pod.goneAt = now + (graceSeconds === 0 ? 0 : running ? Math.max(grace * 1000, 300) : between(cluster.random, 300, 800));
    const uid = pod.stored.metadata.uid ?? '';
    if (running) {
      const events = cluster.extraEvents.get(uid) ?? [];
      for (const c of view.spec?.containers ?? []) {
        events.push({ at: now, type: 'Normal', reason: 'Killing', message: `Stopping container ${c.name}`, fieldPath: `spec.containers{${c.name}}`, component: 'kubelet', host: pod.nodeName });
      }
      cluster.extraEvents.set(uid, events);
    }
    this.changed();
    return true;
  }

  /** A stable fingerprint of everything observable now (for watches). */
  fingerprint(cluster: SimCluster | undefined, ns: string): string {
    if (!cluster) return `absent/${this.mutations}`;
    const nodes = this.nodes(cluster).map((n) => `${n.metadata.name}@${n.metadata.resourceVersion ?? ''}`);
    const pods = [...this.pods(cluster, ns), ...this.pods(cluster, 'kube-system')].map((p) => `${p.metadata.name}@${p.metadata.resourceVersion ?? ''}`);
    const events = this.events(cluster, ns).map((e) => `${e.metadata.name}#${e.count ?? 1}`);
    return [this.mutations, ...nodes, ...pods, ...events].join(',');
  }

  /**
   * The earliest clock time after `now` at which what the API server shows of the cluster may
   * change with the passing of time alone (a node turning ready, a pod's next step, an event),
   * or null when nothing will until a command changes something (onChange). Watches sleep
   * until then instead of polling. Erring early only costs a look that finds nothing new.
   */
  nextChangeAt(cluster: SimCluster, now: number): number | null {
    let next = Infinity;
    const consider = (at: number): void => {
      if (at > now && at < next) next = at;
    };
    for (const n of cluster.nodes) {
      consider(n.registeredAt);
      consider(n.readyAt);
    }
    for (const events of cluster.nodeEvents.values()) for (const e of events) consider(e.at);
    for (const p of cluster.systemPods) {
      consider(p.createdAt);
      const times = systemPodTimes(p, this.node(cluster, p.nodeName));
      consider(times.scheduledAt);
      consider(times.runningAt);
      consider(times.readyAt);
    }
    for (const p of cluster.pods.values()) for (const at of podChangeTimes(p)) consider(at);
    for (const events of cluster.extraEvents.values()) for (const e of events) consider(e.at);
    return Number.isFinite(next) ? next : null;
  }

  randomHex(cluster: SimCluster, n: number): string {
    return hex(cluster.random, n);
  }
}

function pullPolicyFor(reference: string): string {
  const tag = /:([^/:]+)$/.exec(reference)?.[1];
  return tag && tag !== 'latest' ? 'IfNotPresent' : 'Always';
}

function stripVolatile(pod: Pod): Pod {
  const spec = { ...(pod.spec as unknown as Record<string, unknown>) };
  const containers = (spec['containers'] as Record<string, unknown>[]).map((c) => ({
    ...c,
    volumeMounts: ((c['volumeMounts'] ?? []) as VolumeMount[]).filter((m) => !m.name.startsWith('kube-api-access-')),
  }));
  const volumes = ((spec['volumes'] ?? []) as Volume[]).filter((v) => !v.name.startsWith('kube-api-access-'));
  return { ...pod, spec: { ...spec, containers, volumes } as unknown as Pod['spec'] };
}

function nodeAt(n: SimNode, now: number): Node {
  const ready = now >= n.readyAt;
  const condition = (type: string, status: 'True' | 'False', reason: string, message: string) => ({ type, status, reason, message });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      uid: n.uid,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        ...(n.role === 'control-plane' ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
        // kind config `nodes[].labels`, which kind hands to the kubelet (--node-labels).
        ...n.labels,
      },
      creationTimestamp: iso(n.registeredAt),
      resourceVersion: String(200 + n.podCidrIndex * 50 + (ready ? 2 : 1)),
    },
    status: {
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        ready
          ? condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status')
          : condition('Ready', 'False', 'KubeletNotReady', 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized'),
      ],
      nodeInfo: {
        kubeletVersion: n.kubeletVersion,
        containerRuntimeVersion: n.runtime,
        osImage: n.osImage,
        kernelVersion: KERNEL_VERSION,
        architecture: 'amd64',
        operatingSystem: 'linux',
      },
    },
  };
}

/** Internal IP of a node, for -o wide. */
export function nodeIP(cluster: SimCluster, name: string): string {
  return cluster.nodes.find((n) => n.name === name)?.ip ?? '<none>';
}
