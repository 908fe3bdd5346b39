// The simulated cluster (`--simulate`): a model of kind, kubectl, docker and a pod's shell,
// driven by one clock, behind the same ports as the real adapters.
import type { Lang, Profile } from '../../../engine/model.js';
import { t } from '../../../i18n/index.js';
import type { Adapters, FileStore, ShellLauncher, ShellRequest, ShellSession } from '../../ports.js';
import { createClock } from './clock.js';
import { SimulatedCommandRunner } from './commands.js';
import { simulatedDoctor } from './doctor.js';
import { SIM_FAULTS, type SimFault, type SimProfile } from './facts.js';
import { SimulatedClusterProbe } from './probe.js';
import { containerRunning } from './pod-timeline.js';
import { SimulatedShellSession } from './shell-session.js';
import { SimWorld } from './world.js';

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
  faults?: SimFault[];
  files: FileStore;
  /** The language of the tour's own texts in the simulated shell (default en). */
  lang?: Lang;
}

/** A shell could not be opened; `key` and `params` name the message (sim.ts). */
export class SimulatedShellError extends Error {
  constructor(
    readonly key: string,
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
    const fail = (key: string, params: Record<string, string>) => Promise.reject(new SimulatedShellError(key, params, this.lang));
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

/** How much faster simulated time runs while a room is fast-forwarded to a step. */
export const FAST_FORWARD_SPEED = 100;

export function createSimulatedAdapters(opts: SimulatedOptions): Adapters & { world: SimWorld } {
  const clock = createClock(opts.speed);
  const profile: SimProfile = { profile: opts.profile, featureGate: opts.featureGate, faults: new Set(opts.faults ?? []) };
  const world = new SimWorld(clock, profile, opts.namespace);
  const commands = new SimulatedCommandRunner(world, opts.files);
  const probe = new SimulatedClusterProbe(world, opts.cluster, opts.namespace, opts.speed > 0);
  const shells = new SimulatedShellLauncher(world, opts.cluster, opts.namespace, opts.lang ?? 'en');
  return {
    mode: 'simulated',
    world,
    commands,
    cluster: probe,
    shells,
    files: opts.files,
    clock,
    doctor: () => Promise.resolve(simulatedDoctor(profile)),
    setPace: (pace) => clock.setSpeed?.(pace === 'fast' ? FAST_FORWARD_SPEED * opts.speed : opts.speed),
    dispose: () => {
      commands.dispose();
      probe.dispose();
      shells.dispose();
      clock.dispose();
      return Promise.resolve();
    },
  };
}
