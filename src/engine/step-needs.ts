// What a step needs from the steps before it, read from the tutorial itself (no step id is
// known here): a file it uses that an earlier step writes (`{file:NAME}`), a Pod it works with
// that an earlier step applies (a manifest handed to `kubectl apply -f`), and the cluster an
// earlier step creates (`kind create cluster`) when it talks to the cluster at all. Pure.
//
// The TUI uses it to say which step comes first (a step run out of order), and the diagnosis
// to explain a failure whose cause is an earlier step that did not run.

import { observationFor, type Observation } from './checks.js';
import type { SessionFacts, StepSpec, TutorialSpec } from './model.js';
import { matches } from './model.js';
import { kindClusterAction, kubectlManifestFiles, manifestObjects } from './ownership.js';
import { toolName } from './tool-name.js';
import { stepCommands, stepFiles, stepPodNames, type ScopeSource } from './tour.js';
import { variablesIn } from './vars.js';

export type NeedReason =
  /** The step talks to the cluster, and that step creates it. */
  | { readonly kind: 'cluster' }
  /** The step works with this Pod, and that step applies it. */
  | { readonly kind: 'pod'; readonly name: string }
  /** The step uses this file (`{file:NAME}`), and that step writes it. */
  | { readonly kind: 'file'; readonly name: string };

/** An earlier step this one needs, and what for. */
export interface StepNeed {
  readonly index: number;
  readonly reasons: readonly NeedReason[];
}

/** Observations that read the cluster (a step with such a check needs the cluster). */
const CLUSTER_READS = new Set<Observation['kind']>(['snapshot', 'pod', 'exec', 'tourPods']);

/** The earlier steps step `index` needs in this session, nearest first. */
export function stepNeeds(tutorial: TutorialSpec, facts: SessionFacts, index: number): StepNeed[] {
  const step = tutorial.steps[index];
  if (!step || !matches(step.when, facts)) return [];
  const scope: ScopeSource = { tutorial, facts, files: allFiles(tutorial, facts) };
  const byIndex = new Map<number, NeedReason[]>();
  const add = (j: number, reason: NeedReason): void => {
    const list = byIndex.get(j) ?? [];
    if (!list.some((r) => JSON.stringify(r) === JSON.stringify(reason))) list.push(reason);
    byIndex.set(j, list);
  };
  const earlier = (j: number): StepSpec | undefined => {
    const s = tutorial.steps[j];
    return s && j < index && matches(s.when, facts) ? s : undefined;
  };
  const latest = (test: (s: StepSpec, j: number) => boolean): number => {
    for (let j = index - 1; j >= 0; j--) {
      const s = earlier(j);
      if (s && test(s, j)) return j;
    }
    return -1;
  };

  // Files: {file:NAME} in its commands and checks that it does not write itself.
  const own = new Set(stepFiles(step, facts).map((f) => f.name));
  for (const name of fileRefs(step, facts)) {
    if (own.has(name)) continue;
    const j = latest((s) => stepFiles(s, facts).some((f) => f.name === name));
    if (j >= 0) add(j, { kind: 'file', name });
  }

  // Pods: the ones its checks, shell and commands name, applied by an earlier step.
  for (const name of podsUsed(step, scope)) {
    const j = latest((s) => podsApplied(s, scope).includes(name));
    if (j >= 0) add(j, { kind: 'pod', name });
  }

  // The cluster: when it talks to the cluster, the step that creates it.
  if (talksToCluster(step, facts) && !createsCluster(step, scope)) {
    const j = latest((s) => createsCluster(s, scope));
    if (j >= 0) add(j, { kind: 'cluster' });
  }

  return [...byIndex.entries()].sort((a, b) => b[0] - a[0]).map(([j, reasons]) => ({ index: j, reasons }));
}

/** The needs whose step has not passed in this session (a suggestion: the world may have it anyway). */
export function pendingNeeds(state: ScopeSource & { readonly steps: readonly { readonly status: string }[] }, index: number): StepNeed[] {
  return stepNeeds(state.tutorial, state.facts, index).filter((n) => state.steps[n.index]?.status !== 'passed');
}

/** Every file name → the path it is written to in this session (the last step that writes it wins). */
function allFiles(tutorial: TutorialSpec, facts: SessionFacts): Record<string, string> {
  const files: Record<string, string> = {};
  for (const s of tutorial.steps) for (const f of stepFiles(s, facts)) files[f.name] = f.path;
  return files;
}

function fileRefs(step: StepSpec, facts: SessionFacts): string[] {
  const texts: string[] = [];
  for (const c of step.commands) if (matches(c.when, facts)) texts.push(...c.argv);
  for (const c of step.checks) {
    if (!matches(c.when, facts)) continue;
    texts.push(...(c.argv ?? []), c.pod ?? '', c.container ?? '');
  }
  const names = texts.flatMap(variablesIn).filter((v) => v.startsWith('file:')).map((v) => v.slice(5));
  return [...new Set(names)];
}

/** Pods the step works with: its checks' and shell's, and `pod/NAME` in its kubectl commands. */
function podsUsed(step: StepSpec, scope: ScopeSource): string[] {
  const names = stepPodNames(step, scope);
  for (const c of stepCommands(step, 'run', scope)) {
    if (toolName(c.argv[0] ?? '') !== 'kubectl') continue;
    for (const a of c.argv) {
      const m = /^pods?\/([a-z0-9][-a-z0-9.]*)$/.exec(a);
      if (m?.[1]) names.push(m[1]);
    }
  }
  return [...new Set(names)];
}

/** The Pods the step's commands apply (their manifests as this session writes them). */
function podsApplied(step: StepSpec, scope: ScopeSource): string[] {
  const byPath = new Map<string, string>();
  for (const s of scope.tutorial.steps) for (const f of stepFiles(s, scope.facts)) byPath.set(f.path, f.content);
  const out: string[] = [];
  for (const c of stepCommands(step, 'run', scope)) {
    if (toolName(c.argv[0] ?? '') !== 'kubectl') continue;
    for (const file of kubectlManifestFiles(c.argv.slice(1))) {
      const content = byPath.get(file);
      if (content === undefined) continue;
      const objects = manifestObjects(content);
      if ('error' in objects) continue;
      for (const o of objects) if (o.kind === 'Pod') out.push(o.name);
    }
  }
  return out;
}

function createsCluster(step: StepSpec, scope: ScopeSource): boolean {
  return stepCommands(step, 'run', scope).some((c) => toolName(c.argv[0] ?? '') === 'kind' && kindClusterAction(c.argv.slice(1))?.action === 'create');
}

function talksToCluster(step: StepSpec, facts: SessionFacts): boolean {
  if (step.shell) return true;
  if (step.commands.some((c) => matches(c.when, facts) && toolName(c.argv[0] ?? '') === 'kubectl' && !c.argv.includes('--client'))) return true;
  return step.checks.some((c) => matches(c.when, facts) && CLUSTER_READS.has(observationFor(c.kind)));
}
