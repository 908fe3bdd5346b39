// `ivol-tour run`: every step and its checks in order, no UI. Progress and command output go
// to stderr; with --json one report object goes to stdout. Exit 0 all passed, 1 a step failed.
// After a failure the later steps are skipped, except the tutorial's clean-up step (role:
// cleanup), which removes what the tour created (it selects by the tour's label only).

import { bringToStep } from '../app/bring-to-step.js';
import { isExitSignal, signalExitCode } from '../app/shutdown.js';
import type { OutputLine } from '../app/output-log.js';
import type { TourController } from '../app/tour-controller.js';
import type { CheckResult, StepState, TourState } from '../engine/tour.js';
import { t, tRef } from '../i18n/index.js';
import { wrapHanging } from '../ui/text/wrap-report.js';
import { causeAndNext } from './report-text.js';
import type { Lang } from '../i18n/types.js';

export interface RunOptions {
  readonly json: boolean;
  /** Start at this step (earlier steps are fast-forwarded in simulated mode, skipped otherwise). */
  readonly startStep?: string;
  readonly lang: Lang;
  readonly stderr: (text: string) => void;
  readonly stdout: (text: string) => void;
  /** Aborted when a signal ends the tour: no further step starts, and no report is printed. */
  readonly signal?: AbortSignal;
  /** The terminal's columns, when stderr is one: the tour's own lines are wrapped to them (not the tools' output). */
  readonly width?: number;
}

export interface StepReport {
  id: string;
  status: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  checks: { id: string; ok: boolean; message: string; output?: string }[];
  error?: string;
  diagnosis?: { rule: string; cause: string; next: string };
  /** The last lines the failed step's commands printed. */
  output?: string;
}

const FAILED_OUTPUT_LINES = 30;
// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[[0-9;]*m/g;

export interface RunReport {
  tutorial: string;
  mode: string;
  profile: string;
  simulated: boolean;
  ok: boolean;
  steps: StepReport[];
}

function reportStep(st: StepState, lang: Lang, output: readonly OutputLine[]): StepReport {
  const status = st.status === 'passed' || st.status === 'skipped' ? st.status : st.status === 'pending' ? 'skipped' : 'failed';
  const rep: StepReport = {
    id: st.id,
    status,
    durationMs: Math.round(st.durationMs ?? 0),
    checks: st.checks.map((c: CheckResult) => ({ id: c.id, ok: c.ok, message: tRef(lang, c.message), ...(c.output !== undefined ? { output: c.output } : {}) })),
  };
  if (status === 'failed' && output.length > 0) {
    rep.output = output
      .slice(-FAILED_OUTPUT_LINES)
      .map((l) => (l.cut ? t(lang, 'ui.output.lineCut', { n: l.cut }) : '') + l.text.replace(SGR, ''))
      .join('\n');
  }
  if (status === 'failed' && st.failure) {
    rep.error = tRef(lang, st.failure.message);
    if (st.failure.diagnosis) {
      rep.diagnosis = { rule: st.failure.diagnosis.rule, cause: tRef(lang, st.failure.diagnosis.cause), next: tRef(lang, st.failure.diagnosis.next) };
    }
  }
  return rep;
}

/** A signal ended the run: the status is the signal's. */
function interrupted(opts: RunOptions): number {
  const reason: unknown = opts.signal?.reason;
  return isExitSignal(reason) ? signalExitCode(reason) : 1;
}

function seconds(ms: number | undefined): string {
  return `${((ms ?? 0) / 1000).toFixed(1)}s`;
}

export async function runCommand(controller: TourController, opts: RunOptions): Promise<number> {
  const { lang } = opts;
  const state0 = controller.getState();
  const total = state0.steps.length;
  let startIndex = 0;
  if (opts.startStep !== undefined) {
    startIndex = state0.steps.findIndex((s) => s.id === opts.startStep);
    if (startIndex < 0) {
      opts.stderr(t(lang, 'run.unknownStep', { step: opts.startStep, steps: state0.steps.map((s) => s.id).join(', ') }) + '\n');
      return 2;
    }
  }
  const simulated = state0.facts.mode === 'simulated';
  opts.stderr(t(lang, simulated ? 'run.headerSimulated' : 'run.header', { tutorial: state0.tutorial.id, profile: state0.facts.profile, context: state0.facts.context }) + '\n');
  if (simulated) opts.stderr(`${t(lang, 'run.simulatedClock')}\n`);
  const took = (ms: number | undefined): string => `${seconds(ms)}${simulated ? t(lang, 'time.simulatedAfter') : ''}`;

  if (startIndex > 0) {
    // Simulated: the steps before are fast-forwarded; otherwise they are reported skipped.
    const arrival = await bringToStep(
      controller,
      { step: startIndex, markEarlier: 'skipped' },
      { onFastForward: () => opts.stderr(t(lang, 'run.fastForward', { step: opts.startStep ?? '' }) + '\n') },
    );
    if (!arrival.ok) opts.stderr(t(lang, 'run.fastForwardFailed') + '\n');
  }

  /** The tour's own words, wrapped to the terminal (the tools' output goes through as it is). */
  const say = (text: string): void => opts.stderr(wrapHanging(text, opts.width));
  let failedAt = -1;
  for (let i = startIndex; i < total; i++) {
    if (opts.signal?.aborted) return interrupted(opts);
    const state = controller.getState();
    const st = state.steps[i];
    const spec = state.tutorial.steps[i];
    if (!st || !spec) continue;
    const label = `[${i + 1}/${total}] ${st.id}`;
    // The tutorial's clean-up step runs even after a failure: whatever was created goes.
    const isCleanup = spec.role === 'cleanup';
    if (!st.applies || spec.optional || (failedAt >= 0 && !isCleanup)) {
      if (st.status !== 'skipped') controller.dispatch({ type: 'skip', index: i });
      opts.stderr(`${label} ${t(lang, 'run.skipped')}${spec.optional ? t(lang, 'run.took', { time: t(lang, 'run.optional') }) : ''}\n`);
      continue;
    }
    opts.stderr(`${label} …\n`);
    const done = await controller.runStep(i, 'run');
    if (opts.signal?.aborted) {
      opts.stderr(`${label} ${t(lang, 'run.interrupted', { signal: String(opts.signal.reason ?? '') })}\n`);
      return interrupted(opts);
    }
    // A check that had to wait read a later state than the commands' output above: said so.
    for (const c of done?.checks ?? []) {
      const waited = c.ok && c.waitedMs !== undefined ? ` ${t(lang, 'screen.check.waitedRun', { elapsed: took(c.waitedMs) })}` : '';
      say(`    ${c.ok ? '✓' : '✗'} ${c.id}: ${tRef(lang, c.message)}${waited}\n`);
    }
    if (done?.status === 'passed') {
      opts.stderr(`${label} ${t(lang, 'run.passed')}${t(lang, 'run.took', { time: took(done.durationMs) })}\n`);
    } else {
      if (failedAt < 0) failedAt = i;
      opts.stderr(`${label} ${t(lang, 'run.failed')}${t(lang, 'run.took', { time: took(done?.durationMs) })}\n`);
      if (done?.failure) {
        say(`    ${tRef(lang, done.failure.message)}\n`);
        if (done.failure.diagnosis) opts.stderr(causeAndNext(lang, done.failure.diagnosis, '    ', opts.width));
      }
    }
  }

  const final: TourState = controller.getState();
  const steps = final.steps.map((st) => reportStep(st, lang, controller.output.lines(st.id)));
  const ok = steps.every((s) => s.status !== 'failed') && failedAt < 0;
  const report: RunReport = { tutorial: final.tutorial.id, mode: final.facts.mode, profile: final.facts.profile, simulated, ok, steps };
  const passed = steps.filter((s) => s.status === 'passed').length;
  const failed = steps.filter((s) => s.status === 'failed').length;
  const skipped = steps.filter((s) => s.status === 'skipped').length;
  opts.stderr(t(lang, ok ? 'run.summaryOk' : 'run.summaryFailed', { passed, failed, skipped }) + (simulated ? ` [${t(lang, 'run.simulatedLabel')}]` : '') + '\n');
  if (opts.json) opts.stdout(JSON.stringify(report, null, 2) + '\n');
  return ok ? 0 : 1;
}
