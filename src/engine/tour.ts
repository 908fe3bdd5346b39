// The step state machine. Pure: (state, event) -> (state, effects). The effect runner
// (src/app/effect-runner.ts) carries out the effects through the adapters and feeds the
// results back as events. The same machine drives the TUI and `ivol-tour run`.

import type { CheckSpec, CommandGuard, CommandSpec, SessionFacts, StepSpec, Text, TutorialSpec } from './model.js';
import { matches } from './model.js';
import type { Refusal } from './ownership.js';
import type { MessageRef } from '../i18n/types.js';
import { expand, expandArgv, type VarScope } from './vars.js';

export type StepStatus = 'pending' | 'running' | 'passed' | 'failed' | 'skipped';
export type StepPhase = 'files' | 'commands' | 'checks';
/** run: the step's commands; solve: its fast-forward commands; check: only its checks. */
export type RunHow = 'run' | 'solve' | 'check';

export interface CheckResult {
  readonly id: string;
  readonly ok: boolean;
  /** One line: what was found. */
  readonly message: string;
  /** What the probe printed, when there is something to show. */
  readonly output?: string;
}

export interface Diagnosis {
  /** The rule that matched (diagnosis.ts). */
  readonly rule: string;
  readonly cause: MessageRef;
  readonly next: MessageRef;
}

export interface StepFailure {
  /** refused: the adapters would not run the command (it would touch what is not the tour's). */
  readonly reason: 'command' | 'spawn' | 'timeout' | 'check' | 'cancelled' | 'error' | 'refused';
  readonly commandId?: string;
  readonly exitCode?: number | null;
  readonly message: MessageRef;
  readonly diagnosis?: Diagnosis;
}

/** A check that has not passed yet and is being polled: what it saw last. */
export interface CheckWait {
  readonly checkId: string;
  /** What the last attempt observed (the check's message, e.g. "not ready: coredns-… 0/1 ContainerCreating"). */
  readonly message: string;
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
}

export type TourEvent =
  | { readonly type: 'select'; readonly index: number }
  | { readonly type: 'start'; readonly index: number; readonly how: RunHow }
  | { readonly type: 'skip'; readonly index: number }
  | { readonly type: 'cancel' }
  | { readonly type: 'filesWritten'; readonly runId: number; readonly files: Readonly<Record<string, string>>; readonly error?: string }
  | { readonly type: 'commandFinished'; readonly runId: number; readonly outcome: CommandOutcome; readonly diagnosis?: Diagnosis }
  | { readonly type: 'checksFinished'; readonly runId: number; readonly results: readonly CheckResult[]; readonly diagnosis?: Diagnosis }
  /** A check did not pass yet and will be tried again: what it saw, for a live "waiting" display. */
  | { readonly type: 'checkAttempt'; readonly runId: number; readonly result: CheckResult; readonly startedAt: number; readonly timeoutMs: number }
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
  | { readonly type: 'runChecks'; readonly runId: number; readonly stepId: string; readonly checks: readonly CheckSpec[] }
  | { readonly type: 'cancelRun'; readonly runId: number };

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

export function scopeOf(state: Pick<TourState, 'facts' | 'files'>): VarScope {
  return { facts: state.facts, files: state.files };
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
    const path = joinPath(facts.workDir, baseName(f.asset));
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
export function stepCommands(step: StepSpec, how: RunHow, state: Pick<TourState, 'facts' | 'files'>): ResolvedCommand[] {
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

/** The Pods a step names (its checks' and its shell's `pod`), variables expanded: what its diagnosis looks at. */
export function stepPodNames(step: StepSpec, state: Pick<TourState, 'facts' | 'files'>): string[] {
  const names = stepChecks(step, state).flatMap((c) => (c.pod !== undefined && c.pod !== '' ? [c.pod] : []));
  if (step.shell) names.push(expand(step.shell.pod, scopeOf(withFiles(state, step))));
  return [...new Set(names)];
}

/** The checks the step runs here, variables expanded. */
export function stepChecks(step: StepSpec, state: Pick<TourState, 'facts' | 'files'>): CheckSpec[] {
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

function withFiles(state: Pick<TourState, 'facts' | 'files'>, step: StepSpec): Pick<TourState, 'facts' | 'files'> {
  const files: Record<string, string> = { ...state.files };
  for (const f of stepFiles(step, state.facts)) files[f.name] = f.path;
  return { facts: state.facts, files };
}

function baseName(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
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
      const s = finishStep(state, active.index, now, 'failed', {
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
    case 'commandFinished': {
      const active = activeFor(state, event.runId);
      if (!active) return { state, effects: [] };
      const step = state.tutorial.steps[active.index];
      const st = state.steps[active.index];
      if (!step || !st) return { state, effects: [] };
      const commands = stepCommands(step, active.how, state);
      const cmd = commands[st.commandIndex];
      const o = event.outcome;
      // A refusal is never "allowed to fail": it stops the step, whatever the command allows.
      const ok = o.refusal === undefined && (o.exitCode === 0 || (cmd?.allowFailure === true && !o.cancelled && !o.timedOut && o.spawnError === undefined));
      if (!ok) {
        // The command guard says why in its own words (spawnError); the ownership check by its rule.
        const failure: StepFailure = o.refusal !== undefined
          ? { reason: 'refused', commandId: cmd?.id, message: o.spawnError !== undefined ? { key: 'step.refusedBecause', params: { reason: o.spawnError } } : { key: 'step.refused', params: { command: cmd?.argv[0] ?? '' } } }
          : o.spawnError !== undefined
          ? { reason: 'spawn', commandId: cmd?.id, message: { key: 'step.spawnFailed', params: { command: cmd?.argv[0] ?? '', error: o.spawnError } } }
          : o.timedOut
            ? { reason: 'timeout', commandId: cmd?.id, message: { key: 'step.commandTimedOut', params: { command: cmd?.argv[0] ?? '', seconds: Math.round((cmd?.timeoutMs ?? 0) / 1000) } } }
            : o.cancelled
              ? { reason: 'cancelled', commandId: cmd?.id, message: { key: 'step.cancelled' } }
              : { reason: 'command', commandId: cmd?.id, exitCode: o.exitCode, message: { key: 'step.commandFailed', params: { command: cmd?.argv[0] ?? '', code: o.exitCode ?? -1 } } };
        return { state: finishStep(state, active.index, now, 'failed', event.diagnosis ? { ...failure, diagnosis: event.diagnosis } : failure), effects: [] };
      }
      const next = st.commandIndex + 1;
      if (next < commands.length) {
        const s = patchStep(state, active.index, { commandIndex: next, commandStartedAt: now });
        const nextCmd = commands[next];
        return { state: s, effects: nextCmd ? [{ type: 'runCommand', runId: active.runId, stepId: step.id, command: nextCmd }] : [] };
      }
      return advanceToChecks(state, active, now);
    }
    case 'checkAttempt': {
      const active = activeFor(state, event.runId);
      if (!active || state.steps[active.index]?.phase !== 'checks') return { state, effects: [] };
      const waiting: CheckWait = { checkId: event.result.id, message: event.result.message, startedAt: event.startedAt, at: now, timeoutMs: event.timeoutMs };
      return { state: patchStep(state, active.index, { waiting }), effects: [] };
    }
    case 'checksFinished': {
      const active = activeFor(state, event.runId);
      if (!active) return { state, effects: [] };
      const failed = event.results.filter((r) => !r.ok);
      let s = patchStep(state, active.index, { checks: event.results });
      if (failed.length === 0) {
        s = finishStep(s, active.index, now, 'passed');
      } else {
        const first = failed[0];
        s = finishStep(s, active.index, now, 'failed', {
          reason: 'check',
          message: { key: 'step.checkFailed', params: { check: first?.id ?? '', message: first?.message ?? '' } },
          ...(event.diagnosis ? { diagnosis: event.diagnosis } : {}),
        });
      }
      return { state: s, effects: [] };
    }
  }
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
  const commands = stepCommands(step, active.how, state);
  const first = commands[0];
  if (!first) return advanceToChecks(state, active, now);
  return {
    state: patchStep(state, active.index, { phase: 'commands', commandIndex: 0, commandStartedAt: now }),
    effects: [{ type: 'runCommand', runId: active.runId, stepId: step.id, command: first }],
  };
}

function advanceToChecks(state: TourState, active: ActiveRun, now: number): Transition {
  const step = state.tutorial.steps[active.index];
  if (!step) return { state, effects: [] };
  const checks = stepChecks(step, state);
  if (checks.length === 0) return { state: finishStep(state, active.index, now, 'passed'), effects: [] };
  return {
    state: patchStep(state, active.index, { phase: 'checks', commandStartedAt: undefined }),
    effects: [{ type: 'runChecks', runId: active.runId, stepId: step.id, checks }],
  };
}

function finishStep(state: TourState, index: number, now: number, status: 'passed' | 'failed', failure?: StepFailure): TourState {
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
  const steps = state.steps.map((st, i) => {
    if (i !== index) return st;
    const merged: Record<string, unknown> = { ...st };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete merged[k];
      else merged[k] = v;
    }
    return merged as unknown as StepState;
  });
  return { ...state, steps };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

// ---- queries ----------------------------------------------------------------------------

export function stepIndex(state: Pick<TourState, 'steps'>, id: string): number {
  return state.steps.findIndex((s) => s.id === id);
}

export function isFinished(status: StepStatus): boolean {
  return status === 'passed' || status === 'skipped';
}
