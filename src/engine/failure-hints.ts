// Which hints a failed step shows. A learner reads every hint and follows it, so a hint about
// another failure misleads: a step hint that says which failures it explains (`about:` rule ids
// of diagnosis.ts, `seen:` texts of the runtime's own errors) is shown only for those. A hint
// that names none is shown for every failure, as long as its `when` fits the session. The
// hints of the failed checks come first: they are tied to what failed already, unless a hint
// takes as passed an earlier check that failed (`assumes:`). Pure.

import { matches, type Hint, type SessionFacts, type StepSpec, type Text } from './model.js';
import type { StepState } from './tour.js';

/** What a hint is matched against: the failure's diagnosis rule, and what the failure showed. */
export interface FailureFacts {
  /** The diagnosis rule that explained the failure (diagnosis.ts), if any did. */
  readonly rule?: string;
  /** What the failed step printed and the cluster reported about its Pod (failureEvidence in diagnosis.ts). */
  readonly evidence?: string;
}

/** Whether a hint explains this failure: it names no failure, or names the failure's rule, or a text the failure showed. */
export function hintFits(hint: Pick<Hint, 'about' | 'seen'>, failure: FailureFacts): boolean {
  if (hint.about === undefined && hint.seen === undefined) return true;
  if (failure.rule !== undefined && hint.about?.includes(failure.rule) === true) return true;
  const evidence = failure.evidence ?? '';
  return evidence !== '' && hint.seen?.some((text) => text !== '' && evidence.includes(text)) === true;
}

/** The step's own hints that fit the session (`when`) and the failure, in their order. */
export function stepHintsFor(hints: readonly Hint[], facts: Pick<SessionFacts, 'profile' | 'featureGate' | 'mode' | 'prepared'>, failure: FailureFacts): Hint[] {
  return hints.filter((h) => matches(h.when, facts) && hintFits(h, failure));
}

/**
 * Every hint a failed step shows, in order and without repeats: the hints of its failed checks,
 * then its own hints that fit (stepHintsFor). None when the diagnosis is that an earlier step
 * did not run (step.needs): that explains the failure, and the step's own hints would mislead.
 */
export function failureHints(spec: StepSpec, st: Pick<StepState, 'checks' | 'failure'>, facts: Pick<SessionFacts, 'profile' | 'featureGate' | 'mode' | 'prepared'>): Text[] {
  const failure = st.failure;
  if (!failure || failure.diagnosis?.rule === 'step.needs') return [];
  const out: Text[] = [];
  const add = (text: Text): void => {
    if (!out.some((x) => x.en === text.en && x['zh-CN'] === text['zh-CN'])) out.push({ en: text.en, 'zh-CN': text['zh-CN'] });
  };
  const failedIds = new Set(st.checks.filter((r) => !r.ok).map((r) => r.id));
  for (const r of st.checks) {
    if (r.ok) continue;
    const check = spec.checks.find((c) => c.id === r.id);
    // Its hint takes an earlier check as passed ("the Pod runs, but…"): not when that one failed.
    if (check?.hint && !check.assumes?.some((id) => failedIds.has(id))) add(check.hint);
  }
  const what: FailureFacts = {
    ...(failure.diagnosis ? { rule: failure.diagnosis.rule } : {}),
    ...(failure.evidence !== undefined ? { evidence: failure.evidence } : {}),
  };
  for (const h of stepHintsFor(spec.hints, facts, what)) add(h);
  return out;
}
