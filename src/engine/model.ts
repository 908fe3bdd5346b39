// The tutorial model: what a loaded, validated tutorial looks like in memory.
// Pure data. The loader (tutorial-loader.ts) builds it from tutorials/<id>/tutorial.yaml
// and the step Markdown files; everything else reads it.

import type { Lang } from '../i18n/types.js';
import type { Mirror } from './mirrors.js';
import type { AssetRewrite } from './runtime-mirrors.js';

/** The languages a tutorial is written in, in the order tutorials list them: every Lang. */
export const LANGS = everyLang(['en', 'zh-CN']);

/** The list as given; a Lang it leaves out is a compile error (its type asks for `missingLang`). */
function everyLang<const L extends readonly Lang[]>(langs: L & ([Exclude<Lang, L[number]>] extends [never] ? unknown : { readonly missingLang: Exclude<Lang, L[number]> })): L {
  return langs;
}

/** A text in every language of the tour. */
export type Text = Readonly<Record<Lang, string>>;

export const PROFILES = ['containerd', 'crio'] as const;
export type Profile = (typeof PROFILES)[number];

export const MODES = ['real', 'simulated', 'byoc'] as const;
/** real: a kind cluster the tour creates; simulated: the built-in model; byoc: --context NAME. */
export type Mode = (typeof MODES)[number];

/**
 * A condition on the session. Every key that is present must match.
 * - profile: the runtime profile.
 * - featureGate: whether the kind config must switch the ImageVolume gate on
 *   (kind v0.28-v0.30 node images; never on >= 1.35).
 * - mode: the modes the item applies to.
 * - prepared: whether `ivol-tour prepare` put images in the local engine that the tour loads
 *   into the kind node after creating it (real mode, containerd: `kind load` uses ctr).
 */
export interface Condition {
  readonly profile?: Profile;
  readonly featureGate?: boolean;
  readonly mode?: readonly Mode[];
  readonly prepared?: boolean;
}

/**
 * A file the step shows and writes into the work directory before its actions run.
 * `name` is how commands refer to it: `{file:NAME}` expands to its path.
 * Only the first entry with a given name whose `when` matches is used.
 */
export interface FileSpec {
  readonly name: string;
  /** Path relative to the tutorial's assets directory. */
  readonly asset: string;
  readonly when?: Condition;
  /** The asset's text, read by the loader (shown exactly as written). */
  readonly content: string;
}

/**
 * A command the step runs, as argv (never a shell string). Arguments may hold
 * variables: {cluster} {context} {namespace} {profile} {pod} {container}
 * {artifact} {nodeImage} {file:NAME}. See vars.ts.
 */
export interface CommandSpec {
  readonly id: string;
  readonly argv: readonly string[];
  readonly title?: Text;
  readonly when?: Condition;
  /** Default 120 s; kind create cluster needs more. */
  readonly timeoutMs: number;
  /** A non-zero exit does not fail the step (e.g. a delete of something absent). */
  readonly allowFailure: boolean;
  /**
   * Skip the command when this already holds (e.g. `clusterExists`: reuse the tour's cluster
   * instead of failing to create it twice).
   */
  readonly unless?: CommandGuard;
}

/** What a command's `unless` may test: checks that need no parameters. */
export const COMMAND_GUARDS = ['clusterExists', 'clusterAbsent'] as const;
export type CommandGuard = (typeof COMMAND_GUARDS)[number];

export type CheckKind =
  /** The tools this mode needs are present (doctor). */
  | 'toolsReady'
  /** Every image the session pulls can be had: its registry (or mirror) answers and the reference resolves, or it is prepared locally. */
  | 'registriesReachable'
  /** The file NAME was written and equals its asset. */
  | 'fileWritten'
  /** The tour's kind cluster exists. */
  | 'clusterExists'
  /** The tour's kind cluster does not exist (after cleanup). */
  | 'clusterAbsent'
  /** Every node is Ready (and at least `count` nodes, if given). */
  | 'nodesReady'
  /** Every kube-system pod is Running and ready. */
  | 'systemPodsRunning'
  /** Every node's runtime (nodeInfo.containerRuntimeVersion) supports image volumes. */
  | 'runtimeSupportsImageVolumes'
  /** The pod exists and reports `phase` (default Running). */
  | 'podPhase'
  /** Every container of the pod is ready. */
  | 'podReady'
  /** The pod read back from the API still has an `image` volume named `volume`. */
  | 'imageVolumeKept'
  /** The pod is gone. */
  | 'podAbsent'
  /** No Pod labelled app.kubernetes.io/managed-by=ivol-tour is left in the namespace. */
  | 'labelledPodsGone'
  /** exec argv in the pod; exit 0 and stdout equals / contains the text. */
  | 'execOutput'
  /** exec argv in the pod; exits non-zero and stdout+stderr contains the text. */
  | 'execFails';

export interface CheckSpec {
  readonly id: string;
  readonly kind: CheckKind;
  /** What is being checked, shown beside the result. */
  readonly title: Text;
  readonly when?: Condition;
  /** Poll until the check passes or this many ms pass. 0: check once. */
  readonly timeoutMs: number;
  /** For exec checks, podPhase, podReady, imageVolumeKept, podAbsent. Variables allowed. */
  readonly pod?: string;
  readonly container?: string;
  /** exec checks: the command to run in the container. */
  readonly argv?: readonly string[];
  readonly equals?: string;
  readonly contains?: string;
  /** podPhase: the phase to wait for. */
  readonly phase?: string;
  /** nodesReady: the least number of nodes. */
  readonly count?: number;
  /** imageVolumeKept: the volume's name. */
  readonly volume?: string;
  /** fileWritten: the file's name (a FileSpec name). */
  readonly file?: string;
  /** Shown when the check fails. */
  readonly hint?: Text;
  /**
   * Earlier checks of the step that this check's hint takes as passed (pod-ready's "the Pod
   * runs, but…" assumes pod-running): when one of them failed, this hint is not shown.
   */
  readonly assumes?: readonly string[];
}

/**
 * A step hint: a text, shown when the step fails and `when` (if any) matches the session (e.g.
 * one profile). A hint that says which failures it explains (`about`, `seen`) is shown only for
 * those: failure-hints.ts.
 */
export type Hint = Text & {
  readonly when?: Condition;
  /** Diagnosis rule ids (diagnosis.ts, e.g. `registry.offlinePull`): shown when the failure's diagnosis is one of them. */
  readonly about?: readonly string[];
  /** Texts (case-sensitive): shown when one of them occurs in what the failed step printed or the cluster reported. */
  readonly seen?: readonly string[];
};

/** What the embedded shell opens: `s` on a step with one. */
export interface ShellSpec {
  readonly pod: string;
  readonly container: string;
  /** Things to try; ticked off when the learner's shell input matches `match` (a regular expression). */
  readonly tasks: readonly ShellTask[];
}

export interface ShellTask {
  readonly id: string;
  readonly title: Text;
  /** A regular expression (JavaScript syntax) matched against each command line the learner enters. */
  readonly match: string;
}

/**
 * What a step is for, beyond its place in the list. `cleanup`: it removes what the tour created;
 * `run` runs it at the end even after a failure, and `ivol-tour cleanup` runs it (and nothing
 * else). At most one step has it, the last one.
 */
export const STEP_ROLES = ['cleanup'] as const;
export type StepRole = (typeof STEP_ROLES)[number];

export interface StepSpec {
  readonly id: string;
  readonly role?: StepRole;
  readonly title: Text;
  /**
   * Markdown, per language (steps/<id>.<lang>.md), the whole file: its beats with the `---`
   * separators between them (rendered as rules). Kept for callers that show the step at once.
   */
  readonly body: Text;
  /**
   * The step's text cut into beats (pages), per language, in order (step-beats.ts). Both
   * languages have the same number of beats, so a learner who switches language keeps their place.
   */
  readonly beats: Readonly<Record<Lang, readonly string[]>>;
  /** The beat (0-based) where Enter (run the step) is offered: the one marked `<!-- action -->`, else the last. */
  readonly actionBeat: number;
  /** The step applies only when this matches; otherwise it is skipped. */
  readonly when?: Condition;
  /** Optional steps are skipped by `run` (and offered, not required, in the TUI). */
  readonly optional: boolean;
  /**
   * Asked (yes/no) before the step's commands run against a real cluster, e.g. before deleting
   * it. Not asked in simulated mode; `run` needs --yes instead. Variables allowed.
   */
  readonly confirm?: Text;
  readonly files: readonly FileSpec[];
  /** Run in order on Enter, after the files are written. */
  readonly commands: readonly CommandSpec[];
  /** Run after the commands. */
  readonly checks: readonly CheckSpec[];
  /** Fast-forward: what brings the world to the state after this step. Defaults to `commands`. */
  readonly solve: readonly CommandSpec[];
  readonly shell?: ShellSpec;
  /** General hints for the step, shown when it fails (those that fit the session and the failure: failure-hints.ts). */
  readonly hints: readonly Hint[];
}

export interface TutorialSpec {
  readonly id: string;
  readonly title: Text;
  readonly description: Text;
  /** Absolute path of the tutorial's directory. */
  readonly dir: string;
  /**
   * The Pod and the container the tutorial works in: what `{pod}` and `{container}` stand for
   * (top-level `pod:` and `container:` in tutorial.yaml). The code knows no name of its own:
   * a tutorial that uses `{pod}` declares it, and lint says so when it does not.
   */
  readonly pod?: string;
  readonly container?: string;
  readonly steps: readonly StepSpec[];
  /** Where to read more (`links:`), shown in the recap at the end of the tour. */
  readonly links?: readonly TutorialLink[];
}

/** A page to read after the tour: its title in every language, and an https URL (absent: a credit only). */
export interface TutorialLink {
  readonly title: Text;
  readonly url?: string;
}

/** The facts of this session that conditions and variables read. */
export interface SessionFacts {
  /** Decided once, when the session is built (app/session.ts); everything else reads it here. */
  readonly mode: Mode;
  /**
   * Why the mode is simulated when the learner did not ask for it: the real tools (a container
   * engine, kind, kubectl) were not on PATH. The TUI says so once.
   */
  readonly simulatedBecause?: 'toolsMissing';
  readonly profile: Profile;
  readonly featureGate: boolean;
  readonly lang: Lang;
  readonly cluster: string;
  readonly context: string;
  readonly namespace: string;
  /** The artifact reference for this profile (quay.io/crio/artifact:v2 on containerd, :v1 on CRI-O). */
  readonly artifact: string;
  /** The node image, or '' for kind's default. */
  readonly nodeImage: string;
  /** Absolute path where the step files are written. */
  readonly workDir: string;
  /** Registry mirrors (--mirror), in the order given; absent or empty: none. */
  readonly mirrors?: readonly Mirror[];
  /**
   * The images `ivol-tour prepare` put in the local engine that the tour loads into the kind
   * node after creating it, as the tutorial writes them; absent or empty: none.
   */
  readonly prepared?: readonly string[];
  /** Every image `prepare` left in the local engine: the reference as the tour names it → the name it has there. */
  readonly localImages?: Readonly<Record<string, string>>;
  /** What assets become in this session (mirrors, prepared images), by asset path: engine/runtime-mirrors.ts. */
  readonly rewrites?: Readonly<Record<string, AssetRewrite>>;
}

/** The index of the step declared `role: cleanup`, or -1. */
export function cleanupStepIndex(tutorial: Pick<TutorialSpec, 'steps'>): number {
  return tutorial.steps.findIndex((s) => s.role === 'cleanup');
}

export function matches(cond: Condition | undefined, facts: Pick<SessionFacts, 'profile' | 'featureGate' | 'mode' | 'prepared'>): boolean {
  if (!cond) return true;
  if (cond.profile !== undefined && cond.profile !== facts.profile) return false;
  if (cond.featureGate !== undefined && cond.featureGate !== facts.featureGate) return false;
  if (cond.mode !== undefined && !cond.mode.includes(facts.mode)) return false;
  if (cond.prepared !== undefined && cond.prepared !== (facts.prepared !== undefined && facts.prepared.length > 0)) return false;
  return true;
}
