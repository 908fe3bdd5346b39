// Builds one session of the tour from the command line's choices: the facts (the mode is
// decided here, once), the adapters of the mode (simulated, real kind cluster, or
// bring-your-own --context), the controller and the pod shell's controller.
// Heavy adapters are imported lazily so that the first frame stays fast; the TUI does not
// even wait for them (createLazySession).

import envPaths from 'env-paths';
import { join } from 'node:path';
import type { Adapters, AskPerson } from '../adapters/ports.js';
import { onPath } from '../adapters/process/find-on-path.js';
import { fileClusterRecord } from '../adapters/store/cluster-record.js';
import { createFileStore } from '../adapters/store/file-store.js';
import { readPrepared } from '../adapters/store/prepared-record.js';
import { kindImageArgument, type Mirror } from '../engine/mirrors.js';
import type { Mode, Profile, SessionFacts, TutorialSpec } from '../engine/model.js';
import { planFor, pulledNodeImage } from '../engine/plan.js';
import type { AssetRewrite } from '../engine/runtime-mirrors.js';
import { createLazyAdapters, type LazyAdapters } from './lazy-adapters.js';
import { ShellController } from './shell-controller.js';
import { TourController, type ControllerOptions } from './tour-controller.js';
import type { Lang } from '../i18n/types.js';

export interface SessionChoices {
  readonly simulate: boolean;
  /**
   * Simulate when the real tools (a container engine, kind, kubectl) are not on PATH and no
   * --context was given (the TUI: a learner without Docker still gets the tour); the facts
   * say why (simulatedBecause).
   */
  readonly simulateWithoutTools?: boolean;
  readonly profile?: Profile;
  readonly cluster: string;
  readonly context?: string;
  readonly namespace?: string;
  readonly lang: Lang;
  /** Simulated clock: 0 = instant (run, tests), 1 = real time (the TUI). */
  readonly speed: number;
  readonly env: NodeJS.ProcessEnv;
  /**
   * Asks the person at the keyboard (the CLI's prompt, the TUI's dialog); absent: nobody to ask.
   * Used before deleting a kind cluster the tour did not create.
   */
  readonly ask?: AskPerson;
  /** Registry mirrors (--mirror), parsed. */
  readonly mirrors?: readonly Mirror[];
  /** What the assets become (sessionRewrites), when computed before the session is made (the TUI's lazy session). */
  readonly rewrites?: Readonly<Record<string, AssetRewrite>>;
}

export function stateDir(env: NodeJS.ProcessEnv): string {
  return env['IVOL_TOUR_STATE_DIR'] || envPaths('ivol-tour', { suffix: '' }).data;
}

/** The real tools a kind session needs are all on PATH. */
export function realToolsPresent(env: NodeJS.ProcessEnv): boolean {
  return (onPath('docker', env) || onPath('podman', env)) && onPath('kind', env) && onPath('kubectl', env);
}

export function modeOf(choices: Pick<SessionChoices, 'simulate' | 'context'>): Mode {
  if (choices.simulate) return 'simulated';
  return choices.context !== undefined ? 'byoc' : 'real';
}

/** The real tools are missing and the choices allow simulating instead. */
function fallsBackToSimulated(choices: SessionChoices): boolean {
  return !choices.simulate && choices.simulateWithoutTools === true && choices.context === undefined && !realToolsPresent(choices.env);
}

export function initialFacts(choices: SessionChoices): SessionFacts {
  const fallback = fallsBackToSimulated(choices);
  const mode = fallback ? 'simulated' : modeOf(choices);
  const profile = choices.profile ?? 'containerd';
  const simulatedKind = mode === 'simulated' ? 'v0.31.0' : undefined;
  const plan = planFor(simulatedKind, profile);
  const context = mode === 'byoc' ? (choices.context ?? '') : `kind-${choices.cluster}`;
  const namespace = choices.namespace ?? (mode === 'byoc' ? 'ivol-tour' : 'default');
  const mirrors = mode === 'byoc' ? [] : (choices.mirrors ?? []);
  // What `ivol-tour prepare` left in this machine's engine: only a kind cluster of this machine uses it.
  const prepared = mode === 'real' ? readPrepared(stateDir(choices.env), profile) : undefined;
  const localImages = prepared ? Object.fromEntries(prepared.images.map((i) => [i.reference, i.localName])) : undefined;
  // kind load imports with containerd's ctr and reads the images with docker: containerd nodes, docker only.
  const load = prepared && profile === 'containerd' && prepared.engine === 'docker' ? prepared.images.filter((i) => i.role === 'pod').map((i) => i.reference) : [];
  return {
    mode,
    ...(fallback ? { simulatedBecause: 'toolsMissing' as const } : {}),
    profile,
    featureGate: plan.featureGate,
    lang: choices.lang,
    cluster: choices.cluster,
    context,
    namespace,
    artifact: plan.artifact,
    nodeImage: kindImageArgument(pulledNodeImage(plan, simulatedKind), plan.nodeImage, mirrors, localImages),
    workDir: join(stateDir(choices.env), 'work', mode === 'simulated' ? `simulated-${choices.cluster}` : choices.cluster),
    ...(mirrors.length > 0 ? { mirrors } : {}),
    ...(load.length > 0 ? { prepared: load } : {}),
    ...(localImages ? { localImages } : {}),
    ...(choices.rewrites ? { rewrites: choices.rewrites } : {}),
  };
}

/**
 * What the tutorial's assets become in this session (the kind config with the mirrors, the Pod
 * that pulls nothing): undefined when nothing changes. The module that computes it (YAML) is
 * loaded only then.
 */
export async function sessionRewrites(tutorial: TutorialSpec, facts: SessionFacts): Promise<Readonly<Record<string, AssetRewrite>> | undefined> {
  const mirrors = facts.mirrors ?? [];
  const loaded = facts.prepared ?? [];
  if (mirrors.length === 0 && loaded.length === 0) return undefined;
  const { assetRewrites } = await import('../engine/runtime-mirrors.js');
  const assets = tutorial.steps.flatMap((s) => s.files.map((f) => ({ asset: f.asset, content: f.content })));
  return assetRewrites(assets, { profile: facts.profile, workDir: facts.workDir, mirrors, loaded });
}

async function factsWithRewrites(tutorial: TutorialSpec, choices: SessionChoices): Promise<SessionFacts> {
  const facts = initialFacts(choices);
  if (facts.rewrites) return facts;
  const rewrites = await sessionRewrites(tutorial, facts);
  return rewrites ? { ...facts, rewrites } : facts;
}

export async function createAdapters(facts: SessionFacts, choices: SessionChoices, lang: () => Lang = () => facts.lang): Promise<Adapters> {
  const files = createFileStore(stateDir(choices.env));
  if (facts.mode === 'simulated') {
    const sim = await import('../adapters/cluster/simulated/index.js');
    return sim.createSimulatedAdapters({
      profile: facts.profile,
      featureGate: facts.featureGate,
      cluster: facts.cluster,
      namespace: facts.namespace,
      speed: sim.scaledSpeed(choices.speed, choices.env['IVOL_TOUR_SIM_SPEED']),
      lang: facts.lang,
      faults: sim.parseFaults(choices.env['IVOL_TOUR_SIM_FAULTS']),
      files,
      ...(choices.ask ? { ask: choices.ask } : {}),
    });
  }
  const [real, pty, minimal] = await Promise.all([
    import('../adapters/cluster/real/index.js'),
    import('../adapters/pty/pty-shell.js'),
    import('../adapters/kube/minimal-kubeconfig.js'),
  ]);
  // One private kubeconfig for every kubectl of the session: commands, doctor and the pod shell.
  const kubeconfig = minimal.createMinimalKubeconfig({ context: facts.context, namespace: facts.namespace, env: choices.env });
  return real.createRealAdapters({
    mode: facts.mode === 'byoc' ? 'byoc' : 'real',
    profile: facts.profile,
    cluster: facts.cluster,
    context: facts.context,
    namespace: facts.namespace,
    env: choices.env,
    files,
    lang,
    kubeconfig,
    record: fileClusterRecord(stateDir(choices.env)),
    ...(choices.ask ? { ask: choices.ask } : {}),
    shells: pty.createPtyShellLauncher({ context: facts.context, namespace: facts.namespace, env: choices.env, kubeconfig: () => kubeconfig.path(), lang }),
  });
}

export interface Session {
  readonly facts: SessionFacts;
  readonly adapters: Adapters;
  readonly controller: TourController;
  /** The pod shell: its pty, screen, recording and full-screen fallback. */
  readonly shells: ShellController;
  /** Ends the shell, the controller's commands and checks, then the adapters. Idempotent. */
  dispose(): Promise<void>;
}

/** Where shell recordings are saved: beside the progress files, in the state directory. */
export function transcriptDir(env: NodeJS.ProcessEnv): string {
  return join(stateDir(env), 'transcripts');
}

/** The parts of a session that are built the same way whichever way its adapters load. */
export function assembleSession<A extends Adapters>(facts: SessionFacts, adapters: A, controller: TourController, env: NodeJS.ProcessEnv): Session & { readonly adapters: A } {
  const shells = new ShellController({ launcher: adapters.shells, transcriptDir: transcriptDir(env), lang: () => controller.getState().facts.lang });
  let disposing: Promise<void> | null = null;
  const dispose = (): Promise<void> =>
    (disposing ??= (async () => {
      await shells.dispose();
      await controller.dispose();
      await adapters.dispose();
    })());
  return { facts, adapters, controller, shells, dispose };
}

export async function createSession(tutorial: TutorialSpec, choices: SessionChoices, options?: ControllerOptions): Promise<Session> {
  const facts = await factsWithRewrites(tutorial, choices);
  let controller: TourController | null = null;
  const adapters = await createAdapters(facts, choices, () => controller?.getState().facts.lang ?? facts.lang);
  controller = new TourController(tutorial, facts, adapters, options);
  return assembleSession(facts, adapters, controller, choices.env);
}

export interface LazySession extends Session {
  readonly adapters: LazyAdapters;
}

/**
 * A session whose adapters load in the background (the TUI: the first frame needs no cluster).
 * Returns at once; `adapters.preload()` starts the load, and so does the first use of a port.
 */
export function createLazySession(tutorial: TutorialSpec, choices: SessionChoices, options?: ControllerOptions): LazySession {
  const facts = initialFacts(choices);
  let controller: TourController | null = null;
  const adapters = createLazyAdapters(facts.mode, () => createAdapters(facts, choices, () => controller?.getState().facts.lang ?? facts.lang));
  controller = new TourController(tutorial, facts, adapters, options);
  return assembleSession(facts, adapters, controller, choices.env);
}

/**
 * Asks doctor what this machine has and updates the facts that depend on it (the feature
 * gate and node image for the installed kind). Returns the report.
 */
export async function refineFacts(controller: TourController) {
  const report = await controller.adapters.doctor();
  const facts = controller.getState().facts;
  const plan = report.plan;
  // The node image for the installed kind: prepared locally, through a mirror, or kind's own.
  const kindVersion = report.tools.find((t) => t.name === 'kind')?.version;
  const nodeImage = kindImageArgument(pulledNodeImage(plan, kindVersion), plan.nodeImage, facts.mirrors, facts.localImages);
  if (plan.featureGate !== facts.featureGate || nodeImage !== facts.nodeImage || plan.artifact !== facts.artifact) {
    controller.dispatch({ type: 'setFacts', facts: { ...facts, featureGate: plan.featureGate, nodeImage, artifact: plan.artifact } });
  }
  return report;
}
