// Owns one session of the tour: the engine state, the effect runner that carries out the
// engine's effects through the adapters, and the output log. The TUI and `run` both use it.
// Data flows one way: events -> reduce -> state (+ effects) -> adapters -> events.

import type { Adapters } from '../adapters/ports.js';
import { observationFor, type Observation } from '../engine/checks.js';
import { diagnose, failureEvidence, type DiagnosisInput, type TitledNeed } from '../engine/diagnosis.js';
import { stepNeeds } from '../engine/step-needs.js';
import { wontRecover } from '../engine/will-not-recover.js';
import { unavailable, type ClusterSnapshot, type Pod } from '../engine/kube-objects.js';
import type { Refusal } from '../engine/ownership.js';
import type { CommandGuard, SessionFacts, TutorialSpec } from '../engine/model.js';
import { t, tRef } from '../i18n/index.js';
import {
  commandFailed,
  commandsNotInMode,
  initialState,
  isWaitCommand,
  reduce,
  stepChecks,
  stepCommands,
  stepPodNames,
  type Diagnosis,
  type Effect,
  type RunHow,
  type StepState,
  type TourEvent,
  type TourState,
} from '../engine/tour.js';
import { shellQuote } from '../engine/vars.js';
import { errorMessage } from '../engine/errors.js';
import { runChecks } from './check-runner.js';
import { OutputLog } from './output-log.js';

export interface ControllerOptions {
  /** Called for every chunk of command output (run prints it to stderr). */
  readonly onOutput?: (stepId: string, text: string, stream: 'stdout' | 'stderr' | 'command') => void;
  readonly scrollback?: number;
  /**
   * Follow the cluster itself while a step runs (headless `run`): the TUI already holds a watch
   * and hands its snapshots to clusterChanged() instead.
   */
  readonly watchCluster?: boolean;
}

const OUTPUT_TAIL_CHARS = 4000;
/** How often headless simulated runs look for a Pod that will not recover. */
const STUCK_LOOK_MS = 1000;
/** What checks observe when they read the cluster itself (not a file, kind's list or doctor). */
const CLUSTER_OBSERVATIONS = new Set<Observation['kind']>(['snapshot', 'pod', 'exec']);

export class TourController {
  private state: TourState;
  private readonly listeners = new Set<() => void>();
  private readonly runs = new Map<number, AbortController>();
  private readonly waiters = new Set<() => void>();
  private disposed = false;
  /** Per run: stops the wait that runs now (a wait command, the checks' polling), not the run. */
  private readonly waitStops = new Map<number, AbortController>();
  /** The cluster as last seen (the TUI's watch, or the controller's own while a step runs). */
  private lastSnapshot: ClusterSnapshot | null = null;
  private stopOwnWatch: (() => void) | null = null;
  /** Output of the command running now, for the diagnosis. */
  private tail = '';
  readonly output: OutputLog;

  constructor(
    tutorial: TutorialSpec,
    facts: SessionFacts,
    readonly adapters: Adapters,
    private readonly options: ControllerOptions = {},
  ) {
    this.state = initialState(tutorial, facts);
    this.output = new OutputLog(options.scrollback);
  }

  getState = (): TourState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  dispatch = (event: TourEvent): void => {
    if (this.disposed) return;
    const { state, effects } = reduce(this.state, event, this.adapters.clock.now());
    if (state !== this.state) {
      this.state = state;
      for (const l of this.listeners) l();
      for (const w of [...this.waiters]) w();
    }
    for (const effect of effects) this.perform(effect);
    if (state !== this.state || effects.length > 0) this.lookForStuckPod();
    this.followWhileRunning();
  };

  /**
   * The cluster changed (the TUI's watch): when the running step's Pod will not recover without
   * a change, its wait stops (will-not-recover.ts) rather than running out its timeout.
   */
  clusterChanged = (snapshot: ClusterSnapshot): void => {
    if (this.disposed) return;
    this.lastSnapshot = snapshot;
    this.lookForStuckPod();
  };

  private lookForStuckPod(): void {
    const active = this.state.active;
    const snapshot = this.lastSnapshot;
    if (!active || !snapshot) return;
    const spec = this.state.tutorial.steps[active.index];
    const st = this.state.steps[active.index];
    if (!spec || !st || st.stuck || st.status !== 'running') return;
    const pods = stepPodNames(spec, this.state);
    if (pods.length === 0) return;
    const stuck = wontRecover({ snapshot, pods, namespace: this.state.facts.namespace, imageVolumes: expectedImageVolumes(this.state) });
    if (stuck) this.dispatch({ type: 'wontRecover', runId: active.runId, reason: stuck.reason });
  }

  /**
   * Headless: the controller follows the cluster itself while a step that names a Pod runs. Real
   * mode: through the cluster's watch. Simulated: by looking on the session clock every second
   * (`run` runs the simulated cluster on virtual time, where a watch's real-time timer would
   * never see the wait in progress; the clock's sleepers take turns with the wait's).
   */
  private followWhileRunning(): void {
    if (!this.options.watchCluster || this.disposed) return;
    const active = this.state.active;
    const spec = active ? this.state.tutorial.steps[active.index] : undefined;
    // Only while the step waits: a look on the virtual clock while nothing else sleeps on it
    // would move simulated time on by itself (it jumps to the next wake-up).
    const wanted = spec !== undefined && stepPodNames(spec, this.state).length > 0 && this.waitsNow();
    if (wanted && !this.stopOwnWatch) {
      this.lastSnapshot = null;
      try {
        this.stopOwnWatch = this.adapters.mode === 'simulated' ? this.lookEverySecond() : this.adapters.cluster.watch((snapshot) => this.clusterChanged(snapshot), () => undefined);
      } catch {
        this.stopOwnWatch = null;
      }
    } else if (!wanted && this.stopOwnWatch) {
      const stop = this.stopOwnWatch;
      this.stopOwnWatch = null;
      stop();
    }
  }

  /** Whether the running step waits now: a wait command runs, or its checks poll. */
  private waitsNow(): boolean {
    const active = this.state.active;
    const spec = active ? this.state.tutorial.steps[active.index] : undefined;
    const st = active ? this.state.steps[active.index] : undefined;
    if (!active || !spec || !st) return false;
    if (st.phase === 'commands') return isWaitCommand(stepCommands(spec, active.how, this.state)[st.commandIndex]?.argv ?? []);
    return st.phase === 'checks' && stepChecks(spec, this.state).some((c) => c.timeoutMs > 0);
  }

  private lookEverySecond(): () => void {
    const stop = new AbortController();
    void (async () => {
      while (!stop.signal.aborted) {
        try {
          this.clusterChanged(await this.adapters.cluster.snapshot());
          await this.adapters.clock.sleep(STUCK_LOOK_MS, stop.signal);
        } catch {
          return;
        }
      }
    })();
    return () => stop.abort();
  }

  /** Starts a step and resolves with its final state. */
  async runStep(index: number, how: RunHow): Promise<StepState | undefined> {
    if (how === 'run' && this.state.active === null) this.noteCommandsNotInMode(index);
    this.dispatch({ type: 'start', index, how });
    await this.until((s) => s.active === null || s.active.index !== index);
    return this.state.steps[index];
  }

  /**
   * Brings the world to the state before step `index` by running the solve actions of every
   * earlier step that applies and is not finished. Resolves false when one fails.
   */
  async fastForwardTo(index: number): Promise<boolean> {
    this.adapters.setPace?.('fast');
    try {
      return await this.solveUpTo(index);
    } finally {
      this.adapters.setPace?.('normal');
    }
  }

  private async solveUpTo(index: number): Promise<boolean> {
    for (let i = 0; i < index; i++) {
      const st = this.state.steps[i];
      const spec = this.state.tutorial.steps[i];
      if (!st || !spec || !st.applies || st.status === 'passed' || st.status === 'skipped') continue;
      if (spec.optional) {
        this.dispatch({ type: 'skip', index: i });
        continue;
      }
      const done = await this.runStep(i, 'solve');
      if (done?.status !== 'passed') return false;
    }
    this.dispatch({ type: 'select', index });
    return true;
  }

  /** Says which of the step's commands this mode leaves out, and why (kind, with your own cluster). */
  private noteCommandsNotInMode(index: number): void {
    const spec = this.state.tutorial.steps[index];
    if (!spec) return;
    const facts = this.state.facts;
    for (const command of commandsNotInMode(spec, facts)) {
      const note = `# ${t(facts.lang, facts.mode === 'byoc' ? 'step.notInMode.byoc' : 'step.notInMode.other', { command, mode: facts.mode })}`;
      this.output.line(spec.id, note, 'note');
      this.options.onOutput?.(spec.id, note + '\n', 'stdout');
    }
  }

  cancel(): void {
    this.dispatch({ type: 'cancel' });
  }

  /** Resolves when the predicate holds for the state. */
  until(predicate: (s: TourState) => boolean): Promise<void> {
    if (predicate(this.state) || this.disposed) return Promise.resolve();
    return new Promise((resolve) => {
      const check = (): void => {
        if (predicate(this.state) || this.disposed) {
          this.waiters.delete(check);
          resolve();
        }
      };
      this.waiters.add(check);
    });
  }

  /** Ends every running command and check. */
  dispose(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    for (const ac of this.runs.values()) ac.abort();
    this.runs.clear();
    this.waitStops.clear();
    this.stopOwnWatch?.();
    this.stopOwnWatch = null;
    this.disposed = true;
    for (const w of [...this.waiters]) w();
    this.output.dispose();
    this.listeners.clear();
    return Promise.resolve();
  }

  private signalFor(runId: number): AbortSignal {
    let ac = this.runs.get(runId);
    if (!ac) {
      ac = new AbortController();
      this.runs.set(runId, ac);
    }
    return ac.signal;
  }

  private waitStopFor(runId: number): AbortController {
    let ac = this.waitStops.get(runId);
    if (!ac) {
      ac = new AbortController();
      this.waitStops.set(runId, ac);
    }
    return ac;
  }

  private perform(effect: Effect): void {
    switch (effect.type) {
      case 'cancelRun': {
        this.runs.get(effect.runId)?.abort();
        this.runs.delete(effect.runId);
        this.waitStops.delete(effect.runId);
        return;
      }
      case 'stopWaiting':
        this.waitStopFor(effect.runId).abort();
        return;
      case 'note': {
        const text = `# ${tRef(this.state.facts.lang, effect.message).replace(/^#\s*/, '')}`;
        this.output.line(effect.stepId, text, 'note');
        this.options.onOutput?.(effect.stepId, text + '\n', 'stdout');
        return;
      }
      case 'writeFiles':
        void this.writeFiles(effect);
        return;
      case 'runCommand':
        void this.runCommand(effect);
        return;
      case 'runChecks':
        void this.runChecks(effect);
        return;
    }
  }

  private async writeFiles(effect: Extract<Effect, { type: 'writeFiles' }>): Promise<void> {
    const written: Record<string, string> = {};
    try {
      for (const f of effect.files) {
        await this.adapters.files.write(f.path, f.content);
        written[f.name] = f.path;
        this.output.line(effect.stepId, `# wrote ${f.path}`, 'note');
      }
      this.dispatch({ type: 'filesWritten', runId: effect.runId, files: written });
    } catch (error) {
      this.dispatch({ type: 'filesWritten', runId: effect.runId, files: written, error: errorMessage(error) });
    }
  }

  private async runCommand(effect: Extract<Effect, { type: 'runCommand' }>): Promise<void> {
    const { stepId, command } = effect;
    const runSignal = this.signalFor(effect.runId);
    // A wait (`kubectl wait`) also ends when the tour stops it: the step's Pod will not recover.
    const signal = isWaitCommand(command.argv) ? AbortSignal.any([runSignal, this.waitStopFor(effect.runId).signal]) : runSignal;
    const line = `$ ${shellQuote(command.argv)}`;
    this.output.line(stepId, line, 'command');
    this.options.onOutput?.(stepId, line + '\n', 'command');
    if (command.unless && (await this.guardHolds(command.unless))) {
      const note = `# ${t(this.state.facts.lang, `guard.${command.unless}`, { cluster: this.state.facts.cluster })}`;
      this.output.line(stepId, note, 'note');
      this.options.onOutput?.(stepId, note + '\n', 'stdout');
      this.dispatch({ type: 'commandFinished', runId: effect.runId, outcome: { exitCode: 0, timedOut: false, cancelled: false } });
      return;
    }
    this.tail = '';
    let outcome;
    try {
      outcome = await this.adapters.commands.run(
        { argv: command.argv, timeoutMs: command.timeoutMs, signal, cwd: this.state.facts.workDir },
        (text, stream) => {
          this.output.write(stepId, text, stream);
          this.tail = (this.tail + text).slice(-OUTPUT_TAIL_CHARS);
          this.options.onOutput?.(stepId, text, stream);
        },
      );
    } catch (error) {
      outcome = { exitCode: null, timedOut: false, cancelled: signal.aborted, spawnError: errorMessage(error) };
    }
    this.output.flush(stepId);
    const failed = commandFailed(outcome, command);
    // A command that could not start (kind or kubectl not installed): ask doctor what is missing.
    // A command that timed out may be a tool that hangs (a broken kind): doctor says so.
    const askDoctor = (outcome.spawnError !== undefined || outcome.timedOut) && outcome.refusal === undefined;
    const { diagnosis, evidence } = failed && !runSignal.aborted && !outcome.cancelled
      ? await this.diagnose(stepId, this.tail, { askDoctor, command: command.argv, ...(outcome.refusal ? { refusal: outcome.refusal } : {}) })
      : NOT_DIAGNOSED;
    if (outcome.refusal && diagnosis) {
      // The output pane (and run's progress) says why nothing ran, where the command's output would be.
      const lang = this.state.facts.lang;
      for (const text of [`✗ ${tRef(lang, diagnosis.cause)}`, `→ ${tRef(lang, diagnosis.next)}`]) {
        this.output.write(stepId, `${text}\n`, 'stderr');
        this.options.onOutput?.(stepId, `${text}\n`, 'stderr');
      }
    }
    this.dispatch({ type: 'commandFinished', runId: effect.runId, outcome, ...(diagnosis ? { diagnosis } : {}), ...(evidence !== undefined ? { evidence } : {}) });
  }

  private async guardHolds(guard: CommandGuard): Promise<boolean> {
    try {
      const exists = await this.adapters.cluster.clusterExists();
      return guard === 'clusterExists' ? exists : !exists;
    } catch {
      return false;
    }
  }

  private async runChecks(effect: Extract<Effect, { type: 'runChecks' }>): Promise<void> {
    const signal = this.signalFor(effect.runId);
    const results = await runChecks(effect.checks, {
      adapters: this.adapters,
      tutorial: this.state.tutorial,
      facts: this.state.facts,
      stepId: effect.stepId,
      files: this.state.files,
      signal,
      // Once the step's Pod will not recover, each check looks once more and stops waiting.
      stopWaiting: this.waitStopFor(effect.runId).signal,
      ...(effect.once ? { once: true } : {}),
      // What a waiting check saw goes into the state: the TUI shows it live, run prints it.
      onAttempt: (a) => this.dispatch({ type: 'checkAttempt', runId: effect.runId, result: a.result, startedAt: a.startedAt, timeoutMs: a.check.timeoutMs }),
    });
    this.runs.delete(effect.runId);
    this.waitStops.delete(effect.runId);
    const failed = results.some((r) => !r.ok);
    const failedKinds = results.filter((r) => !r.ok).map((r) => effect.checks.find((c) => c.id === r.id)?.kind);
    const toolsFailed = failedKinds.includes('toolsReady');
    // Only a failed check that reads the cluster can be explained by the cluster's state.
    const readsCluster = failedKinds.some((k) => k !== undefined && CLUSTER_OBSERVATIONS.has(observationFor(k)));
    const output = results.map((r) => `${tRef('en', r.message)}\n${r.output ?? ''}`).join('\n');
    const { diagnosis, evidence } = failed && !signal.aborted ? await this.diagnose(effect.stepId, output, { askDoctor: toolsFailed, readsCluster }) : NOT_DIAGNOSED;
    this.dispatch({ type: 'checksFinished', runId: effect.runId, results, ...(diagnosis ? { diagnosis } : {}), ...(evidence !== undefined ? { evidence } : {}) });
  }

  /**
   * Why the step failed, and what the failure showed (for the hints that name texts: their
   * `seen:`). Reads only the tour's own objects: the Pods labelled as the tour's in its
   * namespace, and among them the Pods the step names.
   */
  private async diagnose(
    stepId: string,
    output: string,
    o: { askDoctor?: boolean; refusal?: Refusal; command?: readonly string[]; readsCluster?: boolean } = {},
  ): Promise<Explained> {
    const state = this.state;
    const spec = state.tutorial.steps.find((s) => s.id === stepId);
    const base: Omit<DiagnosisInput, 'snapshot' | 'pod'> = {
      facts: state.facts,
      stepId,
      output,
      readsCluster: o.readsCluster ?? true,
      ...(o.command ? { command: o.command } : {}),
      ...(spec?.role === 'cleanup' ? { cleanup: true } : {}),
      ...(o.refusal ? { refusal: o.refusal } : {}),
      stepPods: spec ? stepPodNames(spec, state) : [],
      ...clusterStepOf(state.tutorial),
      needs: titledNeeds(state, stepId),
      filesWritten: Object.keys(state.files),
    };
    // The command guard's refusal explains itself: nothing ran, and nothing more is read.
    if (o.refusal?.rule === 'command.refused') return explain({ ...base, snapshot: unavailable({ kind: 'absent' }), pod: null });
    const doctor = o.askDoctor && !o.refusal ? await this.adapters.doctor().catch(() => undefined) : undefined;
    if (doctor && doctor.problems.length > 0) {
      return explain({ ...base, snapshot: unavailable({ kind: 'absent' }), pod: null, doctor });
    }
    // The snapshot says why the cluster could not be read (absent, unreachable, the API
    // server's error); an error thrown anyway is reported as it was, not as "unreachable".
    let snapshot: ClusterSnapshot;
    try {
      snapshot = await this.adapters.cluster.snapshot();
    } catch (error) {
      snapshot = unavailable({ kind: 'failed', message: errorMessage(error) });
    }
    let tourPods: Pod[] = [];
    try {
      tourPods = snapshot.reachable ? await this.adapters.cluster.tourPods() : [];
    } catch {
      // The snapshot was read: the rules work from it without the pods.
    }
    const names = base.stepPods ?? [];
    const pod = tourPods.find((p) => names.includes(p.metadata.name)) ?? null;
    return explain({ ...base, snapshot, pod, tourPods });
  }
}

/** A failure's diagnosis (if a rule explains it) and what it showed. */
interface Explained {
  readonly diagnosis: Diagnosis | undefined;
  readonly evidence: string | undefined;
}

const NOT_DIAGNOSED: Explained = { diagnosis: undefined, evidence: undefined };

function explain(input: DiagnosisInput): Explained {
  return { diagnosis: diagnose(input), evidence: failureEvidence(input) };
}

/** The earlier steps a step needs (step-needs.ts), titled in the learner's language. */
function titledNeeds(state: TourState, stepId: string): TitledNeed[] {
  const index = state.tutorial.steps.findIndex((s) => s.id === stepId);
  if (index < 0) return [];
  return stepNeeds(state.tutorial, state.facts, index).map((n) => ({ ...n, title: state.tutorial.steps[n.index]?.title[state.facts.lang] ?? '' }));
}

/** The image volumes the tutorial expects each Pod to keep (its imageVolumeKept checks), by Pod name. */
function expectedImageVolumes(state: TourState): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const step of state.tutorial.steps) {
    for (const c of stepChecks(step, state)) {
      if (c.kind !== 'imageVolumeKept' || !c.pod || !c.volume) continue;
      (out[c.pod] ??= []).push(c.volume);
    }
  }
  return out;
}

/** The tutorial's step that creates the cluster (the first with a clusterExists check), for "create it first". */
function clusterStepOf(tutorial: TutorialSpec): { clusterStep?: string } {
  const step = tutorial.steps.find((s) => s.checks.some((c) => c.kind === 'clusterExists'));
  return step ? { clusterStep: step.id } : {};
}
