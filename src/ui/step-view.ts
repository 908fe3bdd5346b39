// The step view's geometry for a layout: how wide its text is and how many of its lines show
// above the status row and the result panel. Pure; the step view (components/StepColumn.tsx)
// draws with it and lint (beat-fit.ts) measures beats with it, so that "fits" means what the
// screen shows.
import { inner, type Layout } from './layout.js';

export interface StepViewGeometry {
  /** Columns of the step's text (one column stays free before the border). */
  readonly textWidth: number;
  /** Lines of the step's text shown. */
  readonly textHeight: number;
  /** Lines of the result panel shown (the notice's first: it is always shown whole). */
  readonly resultRows: number;
}

/** `results`: lines of the result panel including the notice's; `notice`: those of the notice. */
export function stepViewGeometry(layout: Layout, results: number, notice: number): StepViewGeometry {
  const area = inner(layout.step);
  const textWidth = Math.max(10, area.width - 1);
  const maxResult = Math.max(0, Math.floor(area.height * (layout.kind === 'wide' ? 0.6 : 0.55)) - 2);
  const resultRows = Math.min(results, Math.min(Math.max(maxResult, notice), Math.max(0, area.height - 3)));
  // Below the text: a dotted rule and the status row.
  const textHeight = Math.max(1, area.height - 2 - resultRows);
  return { textWidth, textHeight, resultRows };
}
