// Carries out checks through the adapters: observes what a check needs, judges it (pure,
// engine/checks.ts), and polls until it passes or its timeout runs out.

import type { Adapters } from '../adapters/ports.js';
import { judge, observationFor, type Observation } from '../engine/checks.js';
import type { CheckSpec, SessionFacts, TutorialSpec } from '../engine/model.js';
import { assetFileName, stepFiles, type CheckResult } from '../engine/tour.js';
import { errorMessage } from '../engine/errors.js';

export const POLL_INTERVAL_MS = 1000;
const EXEC_TIMEOUT_MS = 30_000;

export interface CheckContext {
  readonly adapters: Adapters;
  readonly tutorial: TutorialSpec;
  /** The session's facts: the files as this session writes them (mirrors, prepared images), the registry checks. */
  readonly facts?: SessionFacts;
  readonly stepId: string;
  /** Paths of the written files, by name. */
  readonly files: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  /**
   * Aborted when waiting is pointless (the step's Pod will not recover): a check then looks
   * once more and returns what it saw, without waiting out its timeout.
   */
  readonly stopWaiting?: AbortSignal;
  /** Look at each check once, without polling. */
  readonly once?: boolean;
  /** Called after each attempt of a check that has not passed and will be tried again. */
  readonly onAttempt?: (attempt: CheckAttempt) => void;
}

/** One attempt of a check that is still waiting: what it saw, and since when it waits. */
export interface CheckAttempt {
  readonly check: CheckSpec;
  readonly result: CheckResult;
  /** When the check started (the session clock), and how long ago that was. */
  readonly startedAt: number;
  readonly elapsedMs: number;
}

export async function observe(check: CheckSpec, ctx: CheckContext): Promise<Observation> {
  const { adapters } = ctx;
  try {
    switch (observationFor(check.kind)) {
      case 'doctor':
        return { kind: 'doctor', report: await adapters.doctor() };
      case 'file': {
        const name = check.file ?? '';
        const path = ctx.files[name];
        const content = path ? await adapters.files.read(path) : null;
        return { kind: 'file', content, expected: expectedContent(ctx, name, path) };
      }
      case 'registries': {
        // Lazily: it reads the tutorial's manifests (YAML) and asks the network.
        const { sessionRegistries } = await import('./registry-check.js');
        if (!ctx.facts) return { kind: 'error', message: 'no session facts to check registries with' };
        return { kind: 'registries', report: await sessionRegistries(adapters, ctx.tutorial, ctx.facts) };
      }
      case 'cluster':
        return {
          kind: 'cluster',
          exists: await adapters.cluster.clusterExists(),
          ...(ctx.facts ? { cluster: ctx.facts.cluster, context: ctx.facts.context, byContext: ctx.facts.mode === 'byoc' } : {}),
        };
      case 'snapshot':
        return { kind: 'snapshot', snapshot: await adapters.cluster.snapshot() };
      case 'pod':
        return { kind: 'pod', pod: await adapters.cluster.getPod(check.pod ?? '') };
      case 'tourPods':
        return { kind: 'tourPods', pods: await adapters.cluster.tourPods() };
      case 'exec': {
        const r = await adapters.cluster.exec(check.pod ?? '', check.container ?? '', check.argv ?? [], EXEC_TIMEOUT_MS);
        return { kind: 'exec', result: r };
      }
      default:
        return { kind: 'error', message: `cannot observe ${check.kind}` };
    }
  } catch (error) {
    return { kind: 'error', message: errorMessage(error) };
  }
}

/** What the file should hold: as this session writes it (an asset, or the asset rewritten for mirrors or prepared images). */
function expectedContent(ctx: CheckContext, name: string, path: string | undefined): string | null {
  if (path === undefined) return null;
  if (ctx.facts) {
    const facts = ctx.facts;
    const written = ctx.tutorial.steps.flatMap((s) => stepFiles(s, facts)).find((f) => f.name === name && f.path === path);
    if (written) return written.content;
  }
  const spec = ctx.tutorial.steps.flatMap((s) => s.files).find((f) => f.name === name && path.endsWith(`/${assetFileName(f.asset)}`));
  return spec?.content ?? null;
}

/** One check, polled until it passes, its timeout runs out or the signal aborts. */
export async function runCheck(check: CheckSpec, ctx: CheckContext): Promise<CheckResult> {
  const clock = ctx.adapters.clock;
  const started = clock.now();
  let waited = false;
  for (;;) {
    const res = judge(check, await observe(check, ctx));
    const elapsed = clock.now() - started;
    if (res.ok && waited) return { ...res, waitedMs: elapsed };
    if (res.ok || elapsed >= check.timeoutMs || ctx.signal.aborted || ctx.once || ctx.stopWaiting?.aborted) return res;
    ctx.onAttempt?.({ check, result: res, startedAt: started, elapsedMs: elapsed });
    waited = true;
    try {
      await clock.sleep(Math.min(POLL_INTERVAL_MS, check.timeoutMs - elapsed), ctx.stopWaiting ? AbortSignal.any([ctx.signal, ctx.stopWaiting]) : ctx.signal);
    } catch {
      // Stopped waiting (not cancelled): one last look, so the result is what the cluster shows now.
      if (ctx.signal.aborted) return res;
      return judge(check, await observe(check, ctx));
    }
  }
}

/** Every check of a step, in order. All are run, so the learner sees every result. */
export async function runChecks(checks: readonly CheckSpec[], ctx: CheckContext): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    if (ctx.signal.aborted) break;
    results.push(await runCheck(check, ctx));
  }
  return results;
}
