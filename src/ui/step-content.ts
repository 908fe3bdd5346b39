// What the step view shows, as lines for a width: the step's Markdown (one beat of it), the
// files it writes (exactly as they are written) and the commands it runs, wrapped, never cut:
// code with a ↪ mark, commands at argument boundaries with ` \` (text/wrap-code.ts). Pure.

import stringWidth from 'string-width';
import { wrapText } from './text/wrap.js';
import { wrapCodeLine, wrapPath, wrapShellCommand } from './text/wrap-code.js';
import { stepCommands, stepFiles, stepShell, type StepState, type TourState } from '../engine/tour.js';
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
  /**
   * Show this beat (0-based) of the step's text instead of the whole text: the files and
   * commands of the step follow its action beat (they are what Enter does there).
   */
  readonly beat?: number;
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

  const beats = spec.beats[lang];
  const paged = opts.beat !== undefined && beats.length > 0;
  const beat = paged ? Math.min(Math.max(0, opts.beat ?? 0), beats.length - 1) : 0;
  if (paged) {
    // A beat is the step's text alone (the status row says when a step does not apply).
    out.push(...renderMarkdown(beats[beat] ?? '', width, { color, highlight: opts.highlight }));
    if (beat !== Math.min(spec.actionBeat, beats.length - 1)) return out;
  } else {
    if (!st.applies) {
      out.push(...wrap(s.fg('yellow', t(lang, 'ui.step.notApplicable', { mode: tour.facts.mode, profile: tour.facts.profile }))), '');
    }
    out.push(...renderMarkdown(spec.body[lang], width, { color, highlight: opts.highlight }));
  }
  const mark = (m: string): string => s.dim(m);
  const command = (argv: readonly string[]): string[] =>
    wrapShellCommand(argv, width, { prompt: '$ ' }).map((l, k) => (k === 0 ? s.fg('green', '$') + l.slice(1) : l));

  const files = stepFiles(spec, tour.facts);
  if (files.length > 0) {
    out.push('', s.bold(s.fg('cyan', t(lang, 'ui.step.files'))));
    for (const f of files) {
      // The path goes under the name when both do not fit on one line (never cut: the learner may want to open it).
      if (stringWidth(`── ${f.name}  ${f.path}`) <= width) out.push(s.bold(`── ${f.name}`) + s.dim(`  ${f.path}`));
      else out.push(s.bold(`── ${f.name}`), ...wrapPath(f.path, width - 3, mark).map((l) => `   ${s.dim(l)}`));
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
      for (const line of body.split('\n')) for (const part of wrapCodeLine(line, width - gutter.length, mark)) out.push(gutter + part);
    }
  }

  const commands = stepCommands(spec, 'run', tour);
  if (commands.length > 0) {
    out.push('', s.bold(s.fg('cyan', t(lang, 'ui.step.commands'))));
    for (const c of commands) {
      if (c.title) out.push(...wrap(s.dim(`# ${c.title[lang]}`)));
      out.push(...command(c.argv));
    }
  }

  // What `a` (fast-forward) runs, when it is not the commands above: seen before it runs.
  if (spec.solve !== spec.commands && JSON.stringify(spec.solve) !== JSON.stringify(spec.commands)) {
    const solve = stepCommands(spec, 'solve', tour);
    out.push('', s.bold(s.fg('cyan', t(lang, 'ui.step.solve'))));
    if (solve.length === 0) out.push(...wrap(s.dim(t(lang, 'ui.step.solveNothing'))));
    for (const c of solve) {
      if (c.title) out.push(...wrap(s.dim(`# ${c.title[lang]}`)));
      out.push(...command(c.argv));
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
