// The simulated cluster (`--simulate`): a model of kind, kubectl, docker and a pod's shell,
// driven by one clock, behind the same ports as the real adapters.
import { parse as parseYaml } from 'yaml';
import type { Pod } from '../../../engine/kube-objects.js';
import type { Profile } from '../../../engine/model.js';
import { carriesClusterMark, type ObjectRef } from '../../../engine/ownership.js';
import { t } from '../../../i18n/index.js';
import { createOwnershipGuard, guardedProbe, guardedRunner, ownershipError, type Inspected, type KindClusters, type ObjectLookup } from '../../ownership/ownership-guard.js';
import type { Adapters, AskPerson, ClusterProbe, FileStore, ShellLauncher, ShellRequest, ShellSession } from '../../ports.js';
import { memoryClusterRecord } from '../../store/cluster-record.js';
import { resourceOf } from './api-server.js';
import { createClock } from './clock.js';
import { SimulatedCommandRunner } from './commands.js';
import { simulatedDoctor } from './doctor.js';
import { SIM_FAULTS, type SimFault, type SimProfile } from './facts.js';
import { SimulatedClusterProbe } from './probe.js';
import { containerRunning } from './pod-timeline.js';
import { SimulatedShellSession } from './shell-session.js';
import { SimWorld } from './world.js';
import type { Lang, MessageKeyWithPrefix } from '../../../i18n/types.js';

export type { SimFault } from './facts.js';
export { SimWorld } from './world.js';
export { execInPod } from './pod-shell.js';
export { SimulatedShellSession } from './shell-session.js';
export { createClock, type SimClock } from './clock.js';

export interface SimulatedOptions {
  profile: Profile;
  featureGate: boolean;
  cluster: string;
  namespace: string;
  /** 0 = virtual time that jumps instantly (tests, `run`); 1 = real time (TUI). */
  speed: number;
  /** Where the simulated clock starts (default: now). */
  clockStart?: number;
  faults?: SimFault[];
  files: FileStore;
  /** The language of the tour's own texts in the simulated shell (default en). */
  lang?: Lang;
  /** Asks before deleting a kind cluster the tour did not create; absent: nobody to ask. */
  ask?: AskPerson;
}

/** A shell could not be opened; `key` and `params` name the message (sim.ts). */
export class SimulatedShellError extends Error {
  constructor(
    readonly key: MessageKeyWithPrefix<'sim.shell.'>,
    readonly params: Readonly<Record<string, string>>,
    lang: Lang,
  ) {
    super(t(lang, key, params));
    this.name = 'SimulatedShellError';
  }
}

/** The comma list in IVOL_TOUR_SIM_FAULTS; unknown names are ignored. */
export function parseFaults(text: string | undefined): SimFault[] {
  if (!text) return [];
  const wanted = text.split(',').map((s) => s.trim().toLowerCase());
  return SIM_FAULTS.filter((f) => wanted.includes(f));
}

/**
 * The speed of simulated time in the interactive tour: real time (1) unless IVOL_TOUR_SIM_SPEED
 * says how many times faster (up to 100), for rehearsing a workshop and for the end-to-end tests,
 * which would otherwise wait out every simulated minute. Virtual time (0, headless `run`) stays.
 */
export function scaledSpeed(base: number, text: string | undefined): number {
  const factor = Number(text);
  if (base <= 0 || !text || !Number.isFinite(factor) || factor <= 0) return base;
  return base * Math.min(factor, 100);
}

class SimulatedShellLauncher implements ShellLauncher {
  private readonly sessions = new Set<ShellSession>();

  constructor(
    private readonly world: SimWorld,
    private readonly cluster: string,
    private readonly namespace: string,
    private readonly lang: Lang,
  ) {}

  open(request: ShellRequest): Promise<ShellSession> {
    const cluster = this.world.clusters.get(this.cluster);
    const fail = (key: MessageKeyWithPrefix<'sim.shell.'>, params: Record<string, string>) => Promise.reject(new SimulatedShellError(key, params, this.lang));
    if (!cluster || !this.world.contexts.has(`kind-${this.cluster}`)) return fail('sim.shell.noCluster', { cluster: this.cluster });
    const record = this.world.podRecord(cluster, this.namespace, request.pod);
    if (!record) return fail('sim.shell.noPod', { pod: request.pod });
    const now = this.world.clock.now();
    if (!containerRunning(record, request.container, now)) {
      const status = this.world.getPod(cluster, this.namespace, request.pod)?.status?.containerStatuses?.find((c) => c.name === request.container);
      const reason = status?.state?.waiting?.reason ?? (status ? 'Terminated' : 'ContainerCreating');
      return fail('sim.shell.notRunning', { pod: request.pod, container: request.container, reason });
    }
    const session = new SimulatedShellSession({
      pod: record,
      container: request.container,
      cols: request.cols,
      rows: request.rows,
      lang: this.lang,
      clock: this.world.clock,
      alive: () => this.world.clusters.get(this.cluster) === cluster && containerRunning(record, request.container, this.world.clock.now()),
    });
    this.sessions.add(session);
    session.onExit(() => this.sessions.delete(session));
    return Promise.resolve(session);
  }

  dispose(): void {
    for (const s of [...this.sessions]) s.kill();
  }
}

/** Fast-forwarding a session to a step: virtual time, every sleep at once (see the clock). */
export const FAST_FORWARD_SPEED = Infinity;

/** The learner's own Pod of the `not-ours` scenario: the Kubernetes docs task's, without the tour's label. */
export const LEARNERS_POD_MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: image-volume
spec:
  containers:
  - name: shell
    command: ["sleep", "infinity"]
    image: debian
    volumeMounts:
    - name: volume
      mountPath: /volume
  volumes:
  - name: volume
    image:
      reference: quay.io/crio/artifact:v2
      pullPolicy: IfNotPresent
`;

const SIM_KINDS: Readonly<Record<string, { kind: string; namespaced: boolean }>> = {
  pods: { kind: 'Pod', namespaced: true },
  nodes: { kind: 'Node', namespaced: false },
  events: { kind: 'Event', namespaced: true },
  namespaces: { kind: 'Namespace', namespaced: false },
};

/** The objects of the tour's simulated cluster, for the ownership checks. */
function simulatedObjects(world: SimWorld, clusterName: string): ObjectLookup {
  const inspect = (ref: ObjectRef, namespace: string): Inspected => {
    const resource = ref.type !== undefined ? resourceOf(ref.type.split('.')[0] ?? '') : ref.apiVersion === 'v1' ? resourceOf(ref.kind ?? '') : null;
    const meta = resource ? SIM_KINDS[resource] : undefined;
    // A type the simulated API server does not have: kubectl fails on it by itself.
    if (!resource || !meta) return { found: false, kind: ref.kind ?? ref.type ?? '?', namespaced: true };
    const cluster = world.clusters.get(clusterName);
    if (!cluster || cluster.apiUpAt === null || !world.contexts.has(`kind-${clusterName}`)) return { found: false, ...meta };
    const found = (labels: Readonly<Record<string, string>> | undefined): Inspected => ({ found: true, ...meta, labels });
    switch (resource) {
      case 'pods': {
        const pod = world.getPod(cluster, namespace, ref.name);
        return pod ? found(pod.metadata.labels) : { found: false, ...meta };
      }
      case 'nodes': {
        const node = world.nodes(cluster).find((n) => n.metadata.name === ref.name);
        return node ? found(node.metadata.labels) : { found: false, ...meta };
      }
      case 'namespaces':
        return cluster.namespaces.has(ref.name) ? found(world.namespaces(cluster).find((n) => n.metadata.name === ref.name)?.metadata.labels) : { found: false, ...meta };
      case 'events': {
        const event = world.events(cluster, namespace).find((e) => e.metadata.name === ref.name);
        return event ? found(event.metadata.labels) : { found: false, ...meta };
      }
    }
  };
  return {
    defaultNamespace: () => Promise.resolve('default'),
    inspect: (ref, namespace) => Promise.resolve(inspect(ref, namespace)),
  };
}

function simulatedClusters(world: SimWorld): KindClusters {
  return {
    exists: (name) => Promise.resolve(world.clusters.has(name)),
    marked: (name) => {
      const cluster = world.clusters.get(name);
      return Promise.resolve(cluster !== undefined && world.nodes(cluster).some((n) => carriesClusterMark(n.metadata)));
    },
    names: () => Promise.resolve(world.clusterNames()),
  };
}

export function createSimulatedAdapters(opts: SimulatedOptions): Adapters & { world: SimWorld } {
  const clock = createClock(opts.speed, opts.clockStart);
  const profile: SimProfile = { profile: opts.profile, featureGate: opts.featureGate, faults: new Set(opts.faults ?? []) };
  const world = new SimWorld(clock, profile, opts.namespace);
  if (profile.faults.has('not-ours')) {
    // The learner made the cluster by hand a while ago, and their own Pod in it (no node mark,
    // not in the tour's record, without the tour's label).
    const cluster = world.seedCluster(opts.cluster);
    if (!cluster.namespaces.has(opts.namespace)) cluster.namespaces.set(opts.namespace, { createdAt: cluster.containersAt, labels: {} });
    world.createPod(cluster, parseYaml(LEARNERS_POD_MANIFEST) as Pod, opts.namespace, cluster.containersAt + 60_000);
  }
  const commands = new SimulatedCommandRunner(world, opts.files);
  const probe = new SimulatedClusterProbe(world, opts.cluster, opts.namespace, opts.speed > 0);
  const launcher = new SimulatedShellLauncher(world, opts.cluster, opts.namespace, opts.lang ?? 'en');
  // The same ownership rules as the real adapters: refused commands never reach the simulated
  // tools; the record of created clusters lives as long as the simulated machine.
  const guard = createOwnershipGuard({
    objects: simulatedObjects(world, opts.cluster),
    readFile: (path) => opts.files.read(path),
    clusters: simulatedClusters(world),
    record: memoryClusterRecord(),
    ...(opts.ask ? { ask: opts.ask } : {}),
    context: `kind-${opts.cluster}`,
    namespace: opts.namespace,
    unknownCommands: 'allow',
  });
  const cluster: ClusterProbe = guardedProbe(probe, guard);
  const shells: ShellLauncher = {
    async open(request) {
      const refused = await guard.checkExec(request.pod);
      if (refused) throw ownershipError(refused);
      return launcher.open(request);
    },
  };
  return {
    mode: 'simulated',
    world,
    commands: guardedRunner(commands, guard),
    cluster,
    shells,
    files: opts.files,
    clock,
    doctor: () => Promise.resolve(simulatedDoctor(profile)),
    setPace: (pace) => clock.setSpeed?.(pace === 'fast' ? FAST_FORWARD_SPEED : opts.speed),
    dispose: () => {
      commands.dispose();
      probe.dispose();
      launcher.dispose();
      clock.dispose();
      return Promise.resolve();
    },
  };
}
