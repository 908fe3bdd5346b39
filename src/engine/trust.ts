// What a tutorial can make the tour run, for the learner to see before trusting it: every
// command (`run:`), every fast-forward command (`solve:`, key `a`), the `unless:` guard that
// may skip one, every command a check runs in the Pod, and the shell it opens. Grouped by
// step, as written in tutorial.yaml (variables unexpanded: the same for every session), every
// argument escaped and cut visibly (display.ts) so that nothing can hide in the list. Pure.

import type { Translate } from '../i18n/types.js';
import { displayArgv, escapeControls, type LengthLabel } from './display.js';
import type { CommandSpec, TutorialSpec } from './model.js';

export type TrustItemKind = 'run' | 'solve' | 'check' | 'shell';

export interface TrustItem {
  readonly kind: TrustItemKind;
  readonly argv: readonly string[];
  /** run and solve: the guard that skips the command when it holds. */
  readonly unless?: string;
  /** check and shell: where the program runs. */
  readonly pod?: string;
  readonly container?: string;
}

export interface TrustGroup {
  readonly stepId: string;
  readonly items: readonly TrustItem[];
}

function sameCommands(a: readonly CommandSpec[], b: readonly CommandSpec[]): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Everything the tutorial can run, by step (steps that run nothing are left out). */
export function trustGroups(tutorial: TutorialSpec): TrustGroup[] {
  const groups: TrustGroup[] = [];
  for (const step of tutorial.steps) {
    const items: TrustItem[] = [];
    const command = (kind: 'run' | 'solve', c: CommandSpec): TrustItem => ({ kind, argv: c.argv, ...(c.unless ? { unless: c.unless } : {}) });
    for (const c of step.commands) items.push(command('run', c));
    // The default fast-forward is the commands themselves: listed once.
    if (!sameCommands(step.solve, step.commands)) for (const c of step.solve) items.push(command('solve', c));
    for (const check of step.checks) {
      if (check.argv) items.push({ kind: 'check', argv: check.argv, pod: check.pod ?? '', container: check.container ?? '' });
    }
    if (step.shell) items.push({ kind: 'shell', argv: [], pod: step.shell.pod, container: step.shell.container });
    if (items.length > 0) groups.push({ stepId: step.id, items });
  }
  return groups;
}

/** The programs the tutorial starts on the learner's machine (the first word of every run and solve command), escaped. */
export function trustPrograms(tutorial: TutorialSpec): string[] {
  const names = new Set<string>();
  for (const group of trustGroups(tutorial)) {
    for (const item of group.items) if ((item.kind === 'run' || item.kind === 'solve') && item.argv[0] !== undefined) names.add(item.argv[0]);
  }
  return [...names].map((n) => displayArgv([n], 40));
}

/**
 * The list as lines of text, in the language of `text` (the TUI's trust screen and the headless
 * refusal print these).
 */
export function trustLines(tutorial: TutorialSpec, text: Translate, maxArg = 120): string[] {
  const label: LengthLabel = (n) => text({ key: 'trust.chars', params: { count: n } });
  const argv = (a: readonly string[]): string => displayArgv(a, maxArg, label);
  const where = (item: TrustItem): string => `${escapeControls(item.pod ?? '')}/${escapeControls(item.container ?? '')}`;
  const lines: string[] = [text({ key: 'trust.programs', params: { programs: trustPrograms(tutorial).join(', ') || '-' } })];
  for (const group of trustGroups(tutorial)) {
    lines.push(text({ key: 'trust.step', params: { step: group.stepId } }));
    for (const item of group.items) {
      switch (item.kind) {
        case 'run':
          lines.push(`  $ ${argv(item.argv)}`);
          break;
        case 'solve':
          lines.push(`  ${text({ key: 'trust.solve' })}$ ${argv(item.argv)}`);
          break;
        case 'check':
          lines.push(`  ${text({ key: 'trust.check', params: { where: where(item) } })}${argv(item.argv)}`);
          break;
        case 'shell':
          lines.push(`  ${text({ key: 'trust.shell', params: { where: where(item) } })}`);
          break;
      }
      if (item.unless) lines.push(`      ${text({ key: 'trust.unless', params: { guard: item.unless } })}`);
    }
  }
  return lines;
}
