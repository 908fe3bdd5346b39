// Variables in commands, checks and shells: {cluster} {context} {namespace} {profile}
// {artifact} {nodeImage} {pod} {container} {workDir} {preparedImages} {file:NAME}. The
// session's facts give most of them; {pod} and {container} are the tutorial's own (its
// top-level `pod:` and `container:`): no Pod or container name is fixed in the code.

import { quoteArg } from './display.js';
import type { SessionFacts, TutorialSpec } from './model.js';

export const VARIABLE_NAMES = ['cluster', 'context', 'namespace', 'profile', 'artifact', 'nodeImage', 'pod', 'container', 'workDir', 'preparedImages'] as const;
export type VariableName = (typeof VARIABLE_NAMES)[number];

/** The variables a tutorial defines itself, by a top-level key of the same name. */
export const TUTORIAL_VARIABLES = ['pod', 'container'] as const satisfies readonly VariableName[];
export type TutorialVariable = (typeof TUTORIAL_VARIABLES)[number];

const PATTERN = /\{(file:[A-Za-z0-9._-]+|[A-Za-z]+)\}/g;

export interface VarScope {
  readonly facts: SessionFacts;
  /** Paths of the files written so far, by FileSpec name. */
  readonly files: Readonly<Record<string, string>>;
  /** What the tutorial declares: {pod} and {container}. */
  readonly tutorial: Pick<TutorialSpec, TutorialVariable>;
}

export function variableValue(name: string, scope: VarScope): string | undefined {
  if (name.startsWith('file:')) return scope.files[name.slice(5)];
  const f = scope.facts;
  switch (name) {
    case 'cluster': return f.cluster;
    case 'context': return f.context;
    case 'namespace': return f.namespace;
    case 'profile': return f.profile;
    case 'artifact': return f.artifact;
    case 'nodeImage': return f.nodeImage;
    case 'pod': return scope.tutorial.pod;
    case 'container': return scope.tutorial.container;
    case 'workDir': return f.workDir;
    case 'preparedImages': return (f.prepared ?? []).join(' ');
    default: return undefined;
  }
}

/** Replaces every known variable; unknown ones are left as written. */
export function expand(text: string, scope: VarScope): string {
  return text.replace(PATTERN, (whole, name: string) => variableValue(name, scope) ?? whole);
}

/**
 * Expands an argv. An argument that is exactly `{nodeImage}` and empty, together with the
 * flag before it (`--image`), is dropped: kind then uses its own pinned default image. An
 * argument that is exactly `{preparedImages}` becomes one argument per prepared image.
 */
export function expandArgv(argv: readonly string[], scope: VarScope): string[] {
  const out: string[] = [];
  for (const arg of argv) {
    if (arg === '{preparedImages}') {
      out.push(...(scope.facts.prepared ?? []));
      continue;
    }
    const value = expand(arg, scope);
    if (arg === '{nodeImage}' && value === '') {
      if (out.length > 0 && out[out.length - 1]?.startsWith('--')) out.pop();
      continue;
    }
    out.push(value);
  }
  return out;
}

/** The variable names used in a text (for the linter). */
export function variablesIn(text: string): string[] {
  return [...text.matchAll(PATTERN)].map((m) => m[1] ?? '');
}

export function isKnownVariable(name: string): boolean {
  return name.startsWith('file:') || VARIABLE_NAMES.some((v) => v === name);
}

/** Whether `name` is one of the variables a tutorial must declare to use ({pod}, {container}). */
export function isTutorialVariable(name: string): name is TutorialVariable {
  return TUTORIAL_VARIABLES.some((v) => v === name);
}

/**
 * How a command is shown to the learner: argv quoted for a POSIX shell only where needed, and
 * control characters and line breaks escaped (`$'…'`), so that one line shows all of it.
 */
export function shellQuote(argv: readonly string[]): string {
  return argv.map(quoteArg).join(' ');
}
