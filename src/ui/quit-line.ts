// What the tour leaves on the normal screen after the learner quits: where progress was saved,
// then the command that resumes it (the same mode, profile, cluster or context, tutorial and
// language) on a line of its own, wrapped to the terminal's width as the tour wraps its text
// (Chinese between characters, no line starting with "。"). Pure.
import type { SessionFacts, TutorialSpec } from '../engine/model.js';
import { shellQuote } from '../engine/vars.js';
import { t } from '../i18n/index.js';
import { wrapText } from './text/wrap.js';

export interface QuitLineInput {
  readonly facts: SessionFacts;
  readonly tutorial: Pick<TutorialSpec, 'dir'>;
  /** The built-in tutorial's directory: another tutorial is resumed with --tutorial. */
  readonly builtinDir: string;
  /** The progress file, and whether it was written. */
  readonly path: string;
  readonly saved: boolean;
  /** Every step passed or skipped. */
  readonly finished: boolean;
  /** The cluster name when --cluster is not given. */
  readonly defaultCluster: string;
}

/** The command that starts this session again (resuming it: the tour offers the saved progress). */
export function resumeCommand(i: Omit<QuitLineInput, 'path' | 'saved' | 'finished'>): string {
  const argv = ['ivol-tour'];
  const { facts } = i;
  if (i.tutorial.dir !== i.builtinDir) argv.push('--tutorial', i.tutorial.dir);
  if (facts.mode === 'simulated') argv.push('--simulate');
  if (facts.mode === 'byoc') argv.push('--context', facts.context);
  else if (facts.cluster !== i.defaultCluster) argv.push('--cluster', facts.cluster);
  if (facts.profile !== 'containerd') argv.push('--profile', facts.profile);
  if (facts.lang !== 'en') argv.push('--lang', facts.lang);
  return shellQuote(argv);
}

/**
 * The lines, or null when nothing was saved (the learner quit before doing anything). `width`:
 * the terminal's columns, when it has them.
 */
export function quitLine(i: QuitLineInput, width?: number): string | null {
  if (!i.saved) return null;
  const command = resumeCommand(i);
  const text = t(i.facts.lang, i.finished ? 'screen.quit.finished' : 'screen.quit.saved', { path: i.path, command });
  return width === undefined || width <= 0 ? text : wrapText(text, width).join('\n');
}
