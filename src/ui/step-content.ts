// What the step view shows, as lines for a width: the step's Markdown, the files it writes
// (exactly as they are written) and the commands it runs. Pure.

import { wrapText } from './text/wrap.js';
import { stepCommands, stepFiles, stepShell, type StepState, type TourState } from '../engine/tour.js';
import { shellQuote } from '../engine/vars.js';
import { t, tRef } from '../i18n/index.js';
import { highlightLang, renderMarkdown, type Highlighter } from './markdown/render-markdown.js';
import { createStyler } from './text/ansi.js';
import type { Lang } from '../i18n/types.js';

export interface StepContentOptions {
  readonly lang: Lang;
  readonly width: number;
  readonly color: boolean;
  readonly highlight: Highlighter | null;
  /** The shell tasks of the step the learner has done (observed from the shell). */
  readonly shellDone?: ReadonlySet<string>;
}

function langOfFile(name: string): string | undefined {
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  if (/dockerfile/i.test(name)) return 'dockerfile';
  if (/\.(sh|bash)$/i.test(name)) return 'bash';
  return undefined;
}

export function stepContentLines(tour: TourState, index: number, opts: StepContentOptions): string[] {
  const spec = tour.tutorial.steps[index];
  const st: StepState | undefined = tour.steps[index];
  if (!spec || !st) return [];
  const { lang, width, color } = opts;
  const s = createStyler(color);
  const out: string[] = [];
  const wrap = (text: string): string[] => wrapText(text, width, { trim: false });

  if (!st.applies) {
    out.push(...wrap(s.fg('yellow', t(lang, 'ui.step.notApplicable', { mode: tour.facts.mode, profile: tour.facts.profile }))), '');
  }
  out.push(...renderMarkdown(spec.body[lang], width, { color, highlight: opts.highlight }));

  const files = stepFiles(spec, tour.facts);
  if (files.length > 0) {
    out.push('', s.bold(s.fg('cyan', t(lang, 'ui.step.files'))));
    for (const f of files) {
      out.push(s.bold(`── ${f.name}`) + s.dim(`  ${f.path}`));
      // Why this session's file differs from the tutorial's asset (--mirror, prepare).
      if (f.note) out.push(...wrap(s.fg('yellow', tRef(lang, f.note))));
      const hlLang = langOfFile(f.name) ?? langOfFile(f.path);
      let body = f.content.replace(/\n$/, '').replace(/\t/g, '  ');
      if (hlLang && color && opts.highlight && highlightLang(hlLang)) {
        try {
          body = opts.highlight(body, hlLang);
        } catch {
          // shown plain
        }
      }
      const gutter = '  ';
      for (const line of body.split('\n')) out.push(gutter + line);
    }
  }

  const commands = stepCommands(spec, 'run', tour);
  if (commands.length > 0) {
    out.push('', s.bold(s.fg('cyan', t(lang, 'ui.step.commands'))));
    for (const c of commands) {
      if (c.title) out.push(...wrap(s.dim(`# ${c.title[lang]}`)));
      out.push(...wrap(`${s.fg('green', '$')} ${shellQuote(c.argv)}`));
    }
  }

  // What `a` (fast-forward) runs, when it is not the commands above: seen before it runs.
  if (spec.solve !== spec.commands && JSON.stringify(spec.solve) !== JSON.stringify(spec.commands)) {
    const solve = stepCommands(spec, 'solve', tour);
    out.push('', s.bold(s.fg('cyan', t(lang, 'ui.step.solve'))));
    if (solve.length === 0) out.push(...wrap(s.dim(t(lang, 'ui.step.solveNothing'))));
    for (const c of solve) {
      if (c.title) out.push(...wrap(s.dim(`# ${c.title[lang]}`)));
      out.push(...wrap(`${s.fg('green', '$')} ${shellQuote(c.argv)}`));
    }
  }

  if (spec.shell) {
    const pod = stepShell(spec, tour)?.pod ?? '';
    out.push('', ...wrap(s.fg('magenta', t(lang, 'ui.step.shell', { pod }))));
    for (const task of spec.shell.tasks) {
      const done = opts.shellDone?.has(task.id) ?? false;
      out.push(...wrap(done ? `  ${s.fg('green', '✓')} ${task.title[lang]}` : `  • ${task.title[lang]}`));
    }
  }
  return out;
}
