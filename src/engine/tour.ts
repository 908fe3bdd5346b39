// The step state machine. Pure: (state, event) -> (state, effects). The controller
// (src/app/tour-controller.ts) is the effect runner: it carries out the effects through the
// adapters and feeds the results back as events. The same machine drives the TUI and
// `ivol-tour run`. The whole flow: docs/architecture.md.

import type { CheckSpec, CommandGuard, CommandSpec, SessionFacts, StepSpec, Text, TutorialSpec } from './model.js';
import { matches } from './model.js';
import { kubectlVerb, type Refusal } from './ownership.js';
import { toolName } from './tool-name.js';
import type { MessageRef } from '../i18n/types.js';
import { expand, expandArgv, type VarScope } from './vars.js';

/** cancelled: the learner stopped the run (Esc); not a failure, nothing to diagnose. */
export type StepStatus = 'pending' | 'running' | 'passed' | 'failed' | 'skipped' | 'cancelled';
export type StepPhase = 'files' | 'commands' | 'checks';
/** run: the step's commands; solve: its fast-forward commands; check: only its checks. */
export type RunHow = 'run' | 'solve' | 'check';

export interface CheckResult {
  readonly id: string;
  readonly ok: boolean;
  /** One line: what was found (check.* messages, in the learner's language when shown). */
  readonly message: MessageRef;
  /** What the probe printed, when there is something to show. */
  readonly output?: string;
  /**
   * How long the check waited before it passed (it polled): what it read is a later state of
   * the cluster than the output of the commands before it, and is shown as such.
   */
  readonly waitedMs?: number;
}

export interface Diagnosis {
  /** The rule that matched (diagnosis.ts). */
  readonly rule: string;
  readonly cause: MessageRef;
  readonly next: MessageRef;
}

export interface StepFailure {
  /**
   * refused: the adapters would not run the command (it would touch what is not the tour's).
   * stuck: a wait was stopped because the step's Pod will not recover (will-not-recover.ts).
   */
  readonly reason: 'command' | 'spawn' | 'timeout' | 'check' | 'cancelled' | 'error' | 'refused' | 'stuck';
  readonly commandId?: string;
  readonly exitCode?: number | null;
  readonly message: MessageRef;
  readonly diagnosis?: Diagnosis;
  /**
   * What the failure showed, as the diagnosis read it (failureEvidence in diagnosis.ts): the
   * step's hints with `seen:` texts are shown when one occurs in it (failure-hints.ts).
   */
  readonly evidence?: string;
}

/** A check that has not passed yet and is being polled: what it saw last. */
export interface CheckWait {
  readonly checkId: string;
  /** What the last attempt observed (the check's message, e.g. "not ready: coredns-… 0/1 ContainerCreating"). */
  readonly message: MessageRef;
  /** When the check started, and when it was last observed (the session clock). */
  readonly startedAt: number;
  readonly at: number;
  /** How long it may wait in all. */
  readonly timeoutMs: number;
}

export interface StepState {
  readonly id: string;
  readonly status: StepStatus;
  /** false when the step's `when` does not match this session (it is then skipped). */
  readonly applies: boolean;
  readonly phase?: StepPhase;
  readonly how?: RunHow;
  /** Index into the commands being run (commands or solve). */
  readonly commandIndex: number;
  readonly checks: readonly CheckResult[];
  readonly failure?: StepFailure;
  readonly startedAt?: number;
  readonly durationMs?: number;
  /** When the running command started (the session clock). */
  readonly commandStartedAt?: number;
  /** The check being waited for, while the step's checks poll. */
  readonly waiting?: CheckWait;
  /**
   * Why the step's Pod will not recover without a change (will-not-recover.ts), once the
   * cluster showed it during this run: its waits stop, its checks look once.
   */
  readonly stuck?: MessageRef;
  /** A wait of this run was stopped (or not started) because the Pod is stuck. */
  readonly stoppedWaiting?: boolean;
}

export interface ActiveRun {
  readonly index: number;
  readonly runId: number;
  readonly how: RunHow;
}

export interface TourState {
  readonly tutorial: TutorialSpec;
  readonly facts: SessionFacts;
  readonly steps: readonly StepState[];
  /** The step the learner is looking at. */
  readonly current: number;
  readonly active: ActiveRun | null;
  readonly nextRunId: number;
  /** Paths of the files written so far, by FileSpec name. */
  readonly files: Readonly<Record<string, string>>;
}

export interface CommandOutcome {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  readonly spawnError?: string;
  readonly refusal?: Refusal;
  /**
   * The command only read, and the API server refused it (403 Forbidden): these credentials
   * may not see it (a room seat and kube-system). It does not fail its step (commandFailed).
   */
  readonly forbiddenRead?: boolean;
}

export type TourEvent =
  | { readonly type: 'select'; readonly index: number }
  | { readonly type: 'start'; readonly index: number; readonly how: RunHow }
  | { readonly type: 'skip'; readonly index: number }
  | { readonly type: 'cancel' }
  | { readonly type: 'filesWritten'; readonly runId: number; readonly files: Readonly<Record<string, string>>; readonly error?: string }
  | { readonly type: 'commandFinished'; readonly runId: number; readonly outcome: CommandOutcome; readonly diagnosis?: Diagnosis; readonly evidence?: string }
  | { readonly type: 'checksFinished'; readonly runId: number; readonly results: readonly CheckResult[]; readonly diagnosis?: Diagnosis; readonly evidence?: string }
  /** A check did not pass yet and will be tried again: what it saw, for a live "waiting" display. */
  | { readonly type: 'checkAttempt'; readonly runId: number; readonly result: CheckResult; readonly startedAt: number; readonly timeoutMs: number }
  /** The cluster shows that the step's Pod will not recover without a change (will-not-recover.ts). */
  | { readonly type: 'wontRecover'; readonly runId: number; readonly reason: MessageRef }
  | { readonly type: 'restore'; readonly statuses: Readonly<Record<string, StepStatus>>; readonly current?: string }
  | { readonly type: 'setFacts'; readonly facts: SessionFacts };

export interface ResolvedFile {
  readonly name: string;
  readonly path: string;
  readonly content: string;
  /** One sentence about how this session changed the asset (registry mirrors, prepared images), shown with it. */
  readonly note?: MessageRef;
}

export interface ResolvedCommand {
  readonly id: string;
  readonly argv: readonly string[];
  readonly title?: Text;
  readonly timeoutMs: number;
  readonly allowFailure: boolean;
  readonly unless?: CommandGuard;
}

export type Effect =
  | { readonly type: 'writeFiles'; readonly runId: number; readonly stepId: string; readonly files: readonly ResolvedFile[] }
  | { readonly type: 'runCommand'; readonly runId: number; readonly stepId: string; readonly command: ResolvedCommand }
  /** once: look at each check once, without polling (the step's Pod is stuck). */
  | { readonly type: 'runChecks'; readonly runId: number; readonly stepId: string; readonly checks: readonly CheckSpec[]; readonly once?: boolean }
  | { readonly type: 'cancelRun'; readonly runId: number }
  /** Stop the run's wait: the running wait command, or the checks' polling. The run goes on. */
  | { readonly type: 'stopWaiting'; readonly runId: number }
  /** A line for the step's output (what the tour decided, in the learner's language). */
  | { readonly type: 'note'; readonly runId: number; readonly stepId: string; readonly message: MessageRef };

export interface Transition {
  readonly state: TourState;
  readonly effects: readonly Effect[];
}

export function initialState(tutorial: TutorialSpec, facts: SessionFacts): TourState {
  return {
    tutorial,
    facts,
    steps: tutorial.steps.map((s) => freshStep(s, facts)),
    current: 0,
    active: null,
    nextRunId: 1,
    files: {},
  };
}

function freshStep(spec: StepSpec, facts: SessionFacts): StepState {
  const applies = matches(spec.when, facts);
  return { id: spec.id, status: applies ? 'pending' : 'skipped', applies, commandIndex: 0, checks: [] };
}

// ---- what a step does in this session -------------------------------------------------

/** What variables are expanded from: the session's facts, the files written, the tutorial's names. */
export type ScopeSource = Pick<TourState, 'tutorial' | 'facts' | 'files'>;

export function scopeOf(state: ScopeSource): VarScope {
  return { facts: state.facts, files: state.files, tutorial: state.tutorial };
}

/** Where a file is written: the work directory, under its asset's own name. */
export function assetFileName(asset: string): string {
  const i = asset.lastIndexOf('/');
  return i < 0 ? asset : asset.slice(i + 1);
}

/**
 * The files the step writes here: the first matching entry per name, as this session writes
 * it (an asset rewritten for mirrors or prepared images, followed by the files it needs).
 */
export function stepFiles(step: StepSpec, facts: SessionFacts): ResolvedFile[] {
  const seen = new Set<string>();
  const out: ResolvedFile[] = [];
  for (const f of step.files) {
    if (seen.has(f.name) || !matches(f.when, facts)) continue;
    seen.add(f.name);
    const rewrite = facts.rewrites?.[f.asset];
    const path = joinPath(facts.workDir, assetFileName(f.asset));
    out.push({ name: f.name, path, content: rewrite?.content ?? f.content, ...(rewrite?.note ? { note: rewrite.note } : {}) });
    for (const extra of rewrite?.extraFiles ?? []) {
      if (seen.has(extra.name)) continue;
      seen.add(extra.name);
      out.push({ name: extra.name, path: extra.path, content: extra.content });
    }
  }
  return out;
}

/** The commands the step runs here (commands or solve), variables expanded. */
export function stepCommands(step: StepSpec, how: RunHow, state: ScopeSource): ResolvedCommand[] {
  if (how === 'check') return [];
  const list: readonly CommandSpec[] = how === 'solve' ? step.solve : step.commands;
  const scope = scopeOf(withFiles(state, step));
  return list
    .filter((c) => matches(c.when, state.facts))
    .map((c) => ({
      id: c.id,
      argv: expandArgv(c.argv, scope),
      ...(c.title ? { title: c.title } : {}),
      timeoutMs: c.timeoutMs,
      allowFailure: c.allowFailure,
      ...(c.unless ? { unless: c.unless } : {}),
    }));
}

/**
 * The step's commands that do not run in this session's mode though they would in another
 * (kind creating or deleting a cluster, with your own cluster): the words before the first
 * flag or variable (`kind create cluster`), so that the output can say why they are left out.
 */
export function commandsNotInMode(step: StepSpec, facts: SessionFacts): string[] {
  return step.commands
    .filter((c) => c.when?.mode !== undefined && !c.when.mode.includes(facts.mode) && matches({ ...c.when, mode: undefined }, facts))
    .map((c) => {
      const words: string[] = [];
      for (const a of c.argv) {
        if (a.startsWith('-') || a.includes('{')) break;
        words.push(a);
      }
      return words.join(' ');
    });
}

/** The Pods a step names (its checks' and its shell's `pod`), variables expanded: what its diagnosis looks at. */
export function stepPodNames(step: StepSpec, state: ScopeSource): string[] {
  const names = stepChecks(step, state).flatMap((c) => (c.pod !== undefined && c.pod !== '' ? [c.pod] : []));
  const shell = stepShell(step, state);
  if (shell) names.push(shell.pod);
  return [...new Set(names)];
}

/** The Pod and container the step's shell opens in, variables expanded; undefined: it has none. */
export function stepShell(step: StepSpec, state: ScopeSource): { readonly pod: string; readonly container: string } | undefined {
  if (!step.shell) return undefined;
  const scope = scopeOf(withFiles(state, step));
  return { pod: expand(step.shell.pod, scope), container: expand(step.shell.container, scope) };
}

/** The checks the step runs here, variables expanded. */
export function stepChecks(step: StepSpec, state: ScopeSource): CheckSpec[] {
  const scope = scopeOf(withFiles(state, step));
  return step.checks
    .filter((c) => matches(c.when, state.facts))
    .map((c) => ({
      ...c,
      ...(c.pod !== undefined ? { pod: expand(c.pod, scope) } : {}),
      ...(c.container !== undefined ? { container: expand(c.container, scope) } : {}),
      ...(c.argv !== undefined ? { argv: expandArgv(c.argv, scope) } : {}),
    }));
}

function withFiles(state: ScopeSource, step: StepSpec): ScopeSource {
  const files: Record<string, string> = { ...state.files };
  for (const f of stepFiles(step, state.facts)) files[f.name] = f.path;
  return { tutorial: state.tutorial, facts: state.facts, files };
}

function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

// ---- the reducer ------------------------------------------------------------------------

export function reduce(state: TourState, event: TourEvent, now: number): Transition {
  switch (event.type) {
    case 'select': {
      const index = clamp(event.index, 0, state.steps.length - 1);
      return { state: { ...state, current: index }, effects: [] };
    }
    case 'setFacts': {
      // Steps that have not run yet follow the new facts (e.g. the gate learned from doctor).
      const steps = state.steps.map((st, i) => {
        const spec = state.tutorial.steps[i];
        if (!spec || (st.status !== 'pending' && !(st.status === 'skipped' && !st.applies))) return st;
        return freshStep(spec, event.facts);
      });
      return { state: { ...state, facts: event.facts, steps }, effects: [] };
    }
    case 'restore':
      return restore(state, event.statuses, event.current);
    case 'skip': {
      if (state.active?.index === event.index) return { state, effects: [] };
      return { state: patchStep(state, event.index, { status: 'skipped', phase: undefined, failure: undefined }), effects: [] };
    }
    case 'cancel': {
      const active = state.active;
      if (!active) return { state, effects: [] };
      const s = finishStep(state, active.index, now, 'cancelled', {
        reason: 'cancelled',
        message: { key: 'step.cancelled' },
      });
      return { state: s, effects: [{ type: 'cancelRun', runId: active.runId }] };
    }
    case 'start':
      return start(state, event.index, event.how, now);
    case 'filesWritten': {
      const active = activeFor(state, event.runId);
      if (!active) return { state, effects: [] };
      if (event.error !== undefined) {
        return {
          state: finishStep(state, active.index, now, 'failed', { reason: 'error', message: { key: 'step.filesFailed', params: { error: event.error } } }),
          effects: [],
        };
      }
      const s: TourState = { ...state, files: { ...state.files, ...event.files } };
      return advanceToCommands(s, active, now);
    }
    case 'commandFinished':
      return commandFinished(state, event, now);
    case 'checkAttempt': {
      const active = activeFor(state, event.runId);
      if (!active || state.steps[active.index]?.phase !== 'checks') return { state, effects: [] };
      const waiting: CheckWait = { checkId: event.result.id, message: event.result.message, startedAt: event.startedAt, at: now, timeoutMs: event.timeoutMs };
      return { state: patchStep(state, active.index, { waiting }), effects: [] };
    }
    case 'checksFinished':
      return checksFinished(state, event, now);
    case 'wontRecover':
      return wontRecover(state, event);
  }
}

/**
 * The step's Pod will not recover: the wait that runs now stops (a wait command, or the checks'
 * polling), later waits of the run are not started, and the checks look once. The remaining
 * commands (showing the Pod, its events) still run: the evidence ends up on screen.
 */
function wontRecover(state: TourState, event: Extract<TourEvent, { type: 'wontRecover' }>): Transition {
  const active = activeFor(state, event.runId);
  const step = active ? state.tutorial.steps[active.index] : undefined;
  const st = active ? state.steps[active.index] : undefined;
  if (!active || !step || !st || st.stuck) return { state, effects: [] };
  const waitingNow =
    (st.phase === 'commands' && isWaitCommand(stepCommands(step, active.how, state)[st.commandIndex]?.argv ?? [])) ||
    (st.phase === 'checks' && stepChecks(step, state).some((c) => c.timeoutMs > 0));
  const s = patchStep(state, active.index, { stuck: event.reason, ...(waitingNow ? { stoppedWaiting: true } : {}) });
  if (!waitingNow) return { state: s, effects: [] };
  return {
    state: s,
    effects: [
      { type: 'note', runId: active.runId, stepId: step.id, message: { key: 'output.stoppedWaiting', params: { reason: event.reason } } },
      { type: 'stopWaiting', runId: active.runId },
    ],
  };
}

/** `kubectl wait` and `kubectl rollout status`: commands that only wait for the cluster. */
export function isWaitCommand(argv: readonly string[]): boolean {
  if (argv.length === 0 || toolName(argv[0] ?? '') !== 'kubectl') return false;
  const [verb, sub] = kubectlVerb(argv.slice(1));
  return verb === 'wait' || (verb === 'rollout' && sub === 'status');
}

/** A command ended: the next one, the checks, or the step fails. */
function commandFinished(state: TourState, event: Extract<TourEvent, { type: 'commandFinished' }>, now: number): Transition {
  const active = activeFor(state, event.runId);
  const step = active ? state.tutorial.steps[active.index] : undefined;
  const st = active ? state.steps[active.index] : undefined;
  if (!active || !step || !st) return { state, effects: [] };
  const commands = stepCommands(step, active.how, state);
  const cmd = commands[st.commandIndex];
  // A wait the tour stopped itself (the Pod is stuck) is not the step's failure: the run goes on.
  const stopped = st.stuck !== undefined && event.outcome.cancelled && event.outcome.refusal === undefined && isWaitCommand(cmd?.argv ?? []);
  if (!stopped && commandFailed(event.outcome, cmd)) {
    const failure: StepFailure = {
      ...commandFailure(event.outcome, cmd),
      ...(event.diagnosis ? { diagnosis: event.diagnosis } : {}),
      ...(event.evidence !== undefined ? { evidence: event.evidence } : {}),
    };
    return { state: finishStep(state, active.index, now, 'failed', failure), effects: [] };
  }
  return runFrom(state, active, st.commandIndex + 1, now);
}

/** Runs the step's commands from `index` on (a stuck step does not start its waits), then its checks. */
function runFrom(state: TourState, active: ActiveRun, index: number, now: number): Transition {
  const step = state.tutorial.steps[active.index];
  const st = state.steps[active.index];
  if (!step || !st) return { state, effects: [] };
  const commands = stepCommands(step, active.how, state);
  let next = index;
  const notes: Effect[] = [];
  while (st.stuck && next < commands.length && isWaitCommand(commands[next]?.argv ?? [])) {
    notes.push({ type: 'note', runId: active.runId, stepId: step.id, message: { key: 'output.notWaiting', params: { command: commands[next]?.id ?? '', reason: st.stuck } } });
    next++;
  }
  const s0 = notes.length > 0 ? patchStep(state, active.index, { stoppedWaiting: true }) : state;
  const nextCmd = commands[next];
  if (next >= commands.length || !nextCmd) {
    const t = advanceToChecks(s0, active, now);
    return { state: t.state, effects: [...notes, ...t.effects] };
  }
  const s = patchStep(s0, active.index, { commandIndex: next, commandStartedAt: now });
  return { state: s, effects: [...notes, { type: 'runCommand', runId: active.runId, stepId: step.id, command: nextCmd }] };
}

/** The checks ended: the step passes, or fails on the first check that did not pass. */
function checksFinished(state: TourState, event: Extract<TourEvent, { type: 'checksFinished' }>, now: number): Transition {
  const active = activeFor(state, event.runId);
  if (!active) return { state, effects: [] };
  const s = patchStep(state, active.index, { checks: event.results });
  const first = event.results.find((r) => !r.ok);
  if (!first) return { state: finishStep(s, active.index, now, 'passed'), effects: [] };
  const st = state.steps[active.index];
  const stuck = st?.stoppedWaiting === true && st.stuck !== undefined ? st.stuck : undefined;
  const failure: StepFailure = {
    ...(stuck
      ? { reason: 'stuck' as const, message: { key: 'step.wontRecover', params: { reason: stuck } } }
      : { reason: 'check' as const, message: { key: 'step.checkFailed', params: { check: first.id, message: first.message } } }),
    ...(event.diagnosis ? { diagnosis: event.diagnosis } : {}),
    ...(event.evidence !== undefined ? { evidence: event.evidence } : {}),
  };
  return { state: finishStep(s, active.index, now, 'failed', failure), effects: [] };
}

/**
 * Whether a finished command fails its step. A refusal always does, whatever the command
 * allows; otherwise any exit status but 0 does, unless the command allows failure and really
 * ran to its end (it was not cancelled, did not time out, and could start).
 */
export function commandFailed(outcome: CommandOutcome, command: Pick<ResolvedCommand, 'allowFailure'> | undefined): boolean {
  if (outcome.refusal !== undefined) return true;
  if (outcome.exitCode === 0) return false;
  const ranToItsEnd = !outcome.cancelled && !outcome.timedOut && outcome.spawnError === undefined;
  // A read the credentials may not make: what it could show is not visible here, nothing broke.
  if (outcome.forbiddenRead === true && ranToItsEnd) return false;
  return !(command?.allowFailure === true && ranToItsEnd);
}

/** Why a failed command failed its step, in the catalog's words. */
function commandFailure(o: CommandOutcome, cmd: ResolvedCommand | undefined): StepFailure {
  const commandId = cmd?.id;
  const command = cmd?.argv[0] ?? '';
  // The command guard says why in its own words (spawnError); the ownership check by its rule.
  if (o.refusal !== undefined) {
    const message: MessageRef = o.spawnError !== undefined ? { key: 'step.refusedBecause', params: { reason: o.spawnError } } : { key: 'step.refused', params: { command } };
    return { reason: 'refused', commandId, message };
  }
  if (o.spawnError !== undefined) return { reason: 'spawn', commandId, message: { key: 'step.spawnFailed', params: { command, error: o.spawnError } } };
  if (o.timedOut) return { reason: 'timeout', commandId, message: { key: 'step.commandTimedOut', params: { command, seconds: Math.round((cmd?.timeoutMs ?? 0) / 1000) } } };
  if (o.cancelled) return { reason: 'cancelled', commandId, message: { key: 'step.cancelled' } };
  return { reason: 'command', commandId, exitCode: o.exitCode, message: { key: 'step.commandFailed', params: { command, code: o.exitCode ?? -1 } } };
}

function start(state: TourState, index: number, how: RunHow, now: number): Transition {
  const step = state.tutorial.steps[index];
  const st = state.steps[index];
  if (!step || !st || state.active) return { state, effects: [] };
  const runId = state.nextRunId;
  const active: ActiveRun = { index, runId, how };
  let s: TourState = patchStep({ ...state, active, nextRunId: runId + 1, current: index }, index, {
    status: 'running',
    how,
    phase: 'files',
    commandIndex: 0,
    checks: [],
    failure: undefined,
    startedAt: now,
    durationMs: undefined,
    commandStartedAt: undefined,
    waiting: undefined,
    stuck: undefined,
    stoppedWaiting: undefined,
  });
  const files = how === 'check' ? [] : stepFiles(step, state.facts);
  if (files.length > 0) {
    return { state: s, effects: [{ type: 'writeFiles', runId, stepId: step.id, files }] };
  }
  s = { ...s };
  return advanceToCommands(s, active, now);
}

function advanceToCommands(state: TourState, active: ActiveRun, now: number): Transition {
  const step = state.tutorial.steps[active.index];
  if (!step) return { state, effects: [] };
  if (stepCommands(step, active.how, state).length === 0) return advanceToChecks(state, active, now);
  return runFrom(patchStep(state, active.index, { phase: 'commands', commandIndex: 0 }), active, 0, now);
}

function advanceToChecks(state: TourState, active: ActiveRun, now: number): Transition {
  const step = state.tutorial.steps[active.index];
  if (!step) return { state, effects: [] };
  const checks = stepChecks(step, state);
  if (checks.length === 0) return { state: finishStep(state, active.index, now, 'passed'), effects: [] };
  const once = state.steps[active.index]?.stuck !== undefined;
  return {
    state: patchStep(state, active.index, { phase: 'checks', commandStartedAt: undefined }),
    effects: [{ type: 'runChecks', runId: active.runId, stepId: step.id, checks, ...(once ? { once } : {}) }],
  };
}

function finishStep(state: TourState, index: number, now: number, status: 'passed' | 'failed' | 'cancelled', failure?: StepFailure): TourState {
  const st = state.steps[index];
  const durationMs = st?.startedAt !== undefined ? Math.max(0, now - st.startedAt) : 0;
  const s = patchStep(state, index, { status, phase: undefined, failure, durationMs, commandStartedAt: undefined, waiting: undefined });
  return state.active?.index === index ? { ...s, active: null } : s;
}

function restore(state: TourState, statuses: Readonly<Record<string, StepStatus>>, current: string | undefined): Transition {
  let s = state;
  state.steps.forEach((st, i) => {
    const saved = statuses[st.id];
    if (st.applies && (saved === 'passed' || saved === 'skipped')) s = patchStep(s, i, { status: saved });
  });
  const idx = current !== undefined ? state.steps.findIndex((st) => st.id === current) : -1;
  return { state: idx >= 0 ? { ...s, current: idx } : s, effects: [] };
}

function activeFor(state: TourState, runId: number): ActiveRun | null {
  return state.active && state.active.runId === runId ? state.active : null;
}

type StepPatch = { -readonly [K in keyof StepState]?: StepState[K] | undefined };

function patchStep(state: TourState, index: number, patch: StepPatch): TourState {
  // A field patched to undefined is cleared (it stays as a key whose value is undefined).
  const steps = state.steps.map((st, i) => (i === index ? { ...st, ...patch } : st));
  return { ...state, steps };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

// ---- queries ----------------------------------------------------------------------------

export function stepIndex(state: Pick<TourState, 'steps'>, id: string): number {
  return state.steps.findIndex((s) => s.id === id);
}
