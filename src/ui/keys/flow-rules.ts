// The rules of the tour's flow the keys follow (issue 10, "Flow"): what Enter does on the
// selected step, whether `a` has a solution to run, where the shell is. Pure: the key tables
// (key-bindings.ts) and the help bar read them, so the bar offers what the key really does.
import { stepCommands, type TourState } from '../../engine/tour.js';
import type { MessageRef } from '../../i18n/types.js';

/** A step that runs nothing and checks nothing: Enter marks it read (and passed). */
export function isReadingStep(tour: TourState, index: number = tour.current): boolean {
  const spec = tour.tutorial.steps[index];
  return spec !== undefined && spec.commands.length === 0 && spec.checks.length === 0;
}

/** What Enter does on the selected step: run it, go on to the next step, or (the tour complete) show the recap. */
export function enterDoes(tour: TourState): 'run' | 'next' | 'recap' {
  const st = tour.steps[tour.current];
  const status = st?.status;
  if (status === 'pending' || status === 'failed' || status === 'cancelled') return 'run';
  if (tourFinished(tour) && tour.current >= tour.steps.length - 1) return 'recap';
  return 'next';
}

/** Every step passed or skipped, and the last one that applies passed (the tour was walked to its end). */
export function tourFinished(tour: Pick<TourState, 'steps'>): boolean {
  if (!tour.steps.every((s) => s.status === 'passed' || s.status === 'skipped')) return false;
  const last = [...tour.steps].reverse().find((s) => s.applies);
  return last?.status === 'passed';
}

/** Whether the step has a solution (solve actions) in this session. */
export function hasSolution(tour: TourState, index: number): boolean {
  const spec = tour.tutorial.steps[index];
  return spec !== undefined && stepCommands(spec, 'solve', tour).length > 0;
}

/** What `s` says on a step without a shell: the step that has it, by number and title. */
export function shellNotice(tour: TourState): MessageRef {
  const i = tour.tutorial.steps.findIndex((x) => x.shell);
  const spec = tour.tutorial.steps[i];
  if (!spec) return { key: 'screen.notice.noShellAtAll' };
  return { key: 'screen.notice.noShell', params: { n: i + 1, step: spec.title[tour.facts.lang] } };
}

/** Whether the step has a result to read in full (key e): it failed, or it ran and has checks, or it was cancelled. */
export function hasFullResult(tour: Pick<TourState, 'steps'>, index: number): boolean {
  const st = tour.steps[index];
  if (!st) return false;
  if (st.status === 'failed' || st.status === 'cancelled') return true;
  return st.status === 'passed' && st.checks.length > 0;
}
