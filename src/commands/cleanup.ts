// `ivol-tour cleanup [--yes]`: runs the tutorial's clean-up step (the one declared `role:
// cleanup`) and nothing else, through the same adapters as every other step, so the same
// rules hold: objects are deleted only when they carry the tour's label (the built-in step
// deletes by that label), and a kind cluster the tour did not create is deleted only after a
// yes from the person at the keyboard, even with --yes (never without a terminal).
// - real (kind): first what this machine has (a container engine and kind) and whether the
//   cluster exists at all; then the step, after its `confirm:` question unless --yes.
// - byoc (--context): the step's commands that apply there (the built-in one: the labelled Pods
//   of the tour's namespace; never the cluster, never the namespace).
// - simulated: the same, answered by the simulated cluster.

import type { TourController, ControllerOptions } from '../app/tour-controller.js';
import { cleanupStepIndex } from '../engine/model.js';
import { scopeOf } from '../engine/tour.js';
import { expand } from '../engine/vars.js';
import { t, tRef } from '../i18n/index.js';
import { causeAndNext } from './report-text.js';
import type { Lang } from '../i18n/types.js';
import { errorMessage } from '../engine/errors.js';

export interface CleanupOptions {
  readonly yes: boolean;
  readonly lang: Lang;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Asks the step's `confirm` question when --yes was not given; false when nobody can answer. */
  readonly confirm?: (question: string) => Promise<boolean>;
  /** Aborted when the tour is interrupted (a signal): nothing more is started. */
  readonly signal?: AbortSignal;
  /** The terminal's columns, when stderr is one: the tour's own lines are wrapped to them. */
  readonly width?: number;
}

/** How the clean-up's commands print: their output as it comes, each command line first. */
export function cleanupOutput(o: Pick<CleanupOptions, 'stdout' | 'stderr'>): NonNullable<ControllerOptions['onOutput']> {
  return (_step, text, stream) => (stream === 'stderr' ? o.stderr : o.stdout)(text);
}

export async function cleanupCommand(controller: TourController, o: CleanupOptions): Promise<number> {
  const say = (s: string): void => o.stdout(`${s}\n`);
  const state = controller.getState();
  const { facts, tutorial } = state;
  const index = cleanupStepIndex(tutorial);
  const spec = tutorial.steps[index];
  if (index < 0 || !spec) {
    o.stderr(`${t(o.lang, 'cleanup.noStep', { tutorial: tutorial.id })}\n`);
    return 2;
  }
  if (!state.steps[index]?.applies) {
    say(t(o.lang, 'cleanup.notHere', { step: spec.id, mode: facts.mode }));
    return 0;
  }
  const adapters = controller.adapters;
  // Interrupted (a signal): the step's running command is cancelled and nothing more starts.
  const stop = (): void => controller.cancel();
  o.signal?.addEventListener('abort', stop, { once: true });

  try {
    if (facts.mode === 'real') {
      // The engine first: without one, kind (installed or not) has nothing to delete.
      const report = await adapters.doctor();
      if (o.signal?.aborted) return 1;
      if (report.engine === null) {
        o.stderr(`${t(o.lang, 'cleanup.noEngine')}\n`);
        for (const p of report.problems.filter((x) => x.tool === 'engine')) o.stderr(`  ${tRef(o.lang, p.message)}\n  → ${tRef(o.lang, p.fix)}\n`);
        return 1;
      }
      const kind = report.tools.find((x) => x.name === 'kind');
      if (!kind?.found) {
        const fix = report.problems.find((p) => p.tool === 'kind')?.fix;
        o.stderr(`${t(o.lang, 'cleanup.missingTool', { tool: 'kind', error: 'not found', fix: fix ? tRef(o.lang, fix) : '' }).trimEnd()}\n`);
        return 1;
      }
    }
    if (o.signal?.aborted) return 1;
    if (facts.mode !== 'byoc' && !(await adapters.cluster.clusterExists())) {
      say(t(o.lang, 'cleanup.noCluster', { cluster: facts.cluster }));
      return 0;
    }

    if (!o.yes && spec.confirm && facts.mode !== 'simulated') {
      const question = expand(spec.confirm[o.lang], scopeOf(state));
      const yes = o.confirm ? await o.confirm(question) : false;
      if (o.signal?.aborted) return 1;
      if (!yes) {
        say(t(o.lang, 'cleanup.declined'));
        return 0;
      }
    }

    if (o.signal?.aborted) return 1;
    const done = await controller.runStep(index, 'run');
    for (const c of done?.checks ?? []) say(`${c.ok ? '✓' : '✗'} ${c.id}: ${tRef(o.lang, c.message)}`);
    if (done?.status === 'passed') {
      if (facts.mode === 'byoc') say(t(o.lang, 'cleanup.byocKeepsCluster', { context: facts.context }));
      say(t(o.lang, 'cleanup.done'));
      return 0;
    }
    const failure = done?.failure;
    o.stderr(`${t(o.lang, 'cleanup.failed', { error: failure ? tRef(o.lang, failure.message) : (done?.status ?? '?') })}\n`);
    if (failure?.diagnosis) o.stderr(causeAndNext(o.lang, failure.diagnosis, '  ', o.width));
    return 1;
  } catch (error) {
    o.stderr(`${t(o.lang, 'cleanup.failed', { error: errorMessage(error) })}\n`);
    return 1;
  } finally {
    o.signal?.removeEventListener('abort', stop);
  }
}
