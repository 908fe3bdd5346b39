// Whether every beat of a tutorial fits the step view of a terminal size (80×24 by default)
// without scrolling, in every language: each beat rendered as the step view renders it, with
// the step view's own geometry (a step that has not run: no result panel). Pure; lint reports
// what does not fit, and the tests hold the built-in tutorial to it.
import { LANGS, type TutorialSpec } from '../engine/model.js';
import { splitBeats } from '../engine/step-beats.js';
import type { Lang } from '../i18n/types.js';
import { computeLayout } from './layout.js';
import { renderMarkdown } from './markdown/render-markdown.js';
import { stepViewGeometry } from './step-view.js';

/** The terminal size every beat must fit: many projectors and laptop splits. */
export const BEAT_FIT_SIZE = { cols: 80, rows: 24 } as const;

export interface BeatTooLong {
  readonly stepId: string;
  readonly lang: Lang;
  /** 1-based. */
  readonly beat: number;
  readonly count: number;
  /** 1-based line of the beat's first text in its step file. */
  readonly line: number;
  readonly lines: number;
  readonly max: number;
}

/** The step view's text area for a terminal size, before the step runs. */
export function beatArea(cols: number = BEAT_FIT_SIZE.cols, rows: number = BEAT_FIT_SIZE.rows): { width: number; height: number } {
  const g = stepViewGeometry(computeLayout(cols, rows), 0, 0);
  return { width: g.textWidth, height: g.textHeight };
}

/** The lines a beat takes in the step view `width` columns wide (plain: colour changes no width). */
export function beatLines(markdown: string, width: number): string[] {
  return renderMarkdown(markdown, width, { color: false });
}

/** Every beat of the tutorial taller than the step view at `cols`×`rows`, in order. */
export function beatsTooLong(tutorial: TutorialSpec, cols: number = BEAT_FIT_SIZE.cols, rows: number = BEAT_FIT_SIZE.rows): BeatTooLong[] {
  const area = beatArea(cols, rows);
  const out: BeatTooLong[] = [];
  for (const step of tutorial.steps) {
    for (const lang of LANGS) {
      const beats = step.beats[lang];
      // Where each beat's text starts in its file (the loader keeps the text, not the lines).
      const fileLines = step.body[lang].replace(/^\uFEFF/, '').split(/\r?\n/);
      const starts = splitBeats(step.body[lang]).beats.map((b) => {
        let line = b.line;
        while (line < fileLines.length && (fileLines[line - 1] ?? '').trim() === '') line++;
        return line;
      });
      beats.forEach((beat, i) => {
        const lines = beatLines(beat, area.width).length;
        if (lines > area.height) out.push({ stepId: step.id, lang, beat: i + 1, count: beats.length, line: starts[i] ?? 1, lines, max: area.height });
      });
    }
  }
  return out;
}
