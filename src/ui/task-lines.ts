// The shell tasks of a step, under its text in the result panel, so they stay in sight while the
// shell is open: each task with ✓ or •, or, when the panel has no room for the list, one line
// "Tasks n/m — next: <task>". Once every task is done the line says Enter completes the step.
// Pure.
import type { StepSpec } from '../engine/model.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../i18n/types.js';
import { createStyler } from './text/ansi.js';
import { withCode } from './text/code-spans.js';
import { wrapText } from './text/wrap.js';

export interface TaskLineOptions {
  readonly lang: Lang;
  readonly width: number;
  readonly color: boolean;
  /** At most this many lines: the list collapses to "Tasks n/m — next" when it does not fit. */
  readonly room: number;
  /** The shell has the keys: Enter goes to the shell, so the line names the key that leaves it. */
  readonly inShell?: boolean;
}

export function taskLines(spec: StepSpec | undefined, done: ReadonlySet<string> | undefined, opts: TaskLineOptions): string[] {
  const tasks = spec?.shell?.tasks ?? [];
  if (tasks.length === 0 || opts.room <= 0) return [];
  const { lang, width, color } = opts;
  const s = createStyler(color);
  const isDone = (id: string): boolean => done?.has(id) ?? false;
  const count = tasks.filter((x) => isDone(x.id)).length;
  const next = tasks.find((x) => !isDone(x.id));
  const allDone = next === undefined;
  const full = [
    ...tasks.map((x) => (isDone(x.id) ? `${s.fg('green', '✓')} ${x.title[lang]}` : `${s.fg('magenta', '•')} ${x.title[lang]}`)),
    ...(allDone ? [s.fg('green', s.bold(t(lang, opts.inShell ? 'screen.tasks.collapsedDoneShell' : 'screen.tasks.allDone', { total: tasks.length })))] : []),
  ];
  // A long line goes on indented under its text (after "• "), within the width.
  const hang = (l: string): string[] => wrapText(l, Math.max(1, width - 2)).map((x, i) => (i === 0 ? x : `  ${x}`));
  const wrapped = full.flatMap(hang);
  if (wrapped.length <= opts.room) return wrapped;
  const line = allDone
    ? s.fg('green', s.bold(t(lang, opts.inShell ? 'screen.tasks.collapsedDoneShell' : 'screen.tasks.collapsedDone', { total: tasks.length })))
    : withCode(t(lang, 'screen.tasks.collapsed', { done: count, total: tasks.length, task: next.title[lang] }), s, (x) => s.fg('magenta', x));
  // As many lines as the panel has for it (a task's command is not cut silently); when it still
  // does not fit, the last line ends with … (the whole list is in the step's text).
  const lines = hang(line);
  if (lines.length <= opts.room) return lines;
  const shown = lines.slice(0, opts.room);
  shown[shown.length - 1] = `${wrapText(shown[shown.length - 1] ?? '', width - 1)[0] ?? ''}…`;
  return shown;
}
