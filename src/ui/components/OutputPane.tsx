// The live output of the selected step: a window on the output log (fixed scrollback),
// following the end unless scrolled back with PgUp; long lines wrap, or are cut (w).
import type { ReactNode } from 'react';
import { t } from '../../i18n/index.js';
import { useTourEnv, useUIState } from '../contexts/TourContexts.js';
import { useOutputLines } from '../hooks/useOutputLines.js';
import { inner, type Size } from '../layout.js';
import type { OutputLine } from '../../app/output-log.js';
import { outputLine } from '../output-content.js';
import { outputWindow } from '../output-window.js';
import { createStyler } from '../text/ansi.js';
import { usePaneFocus } from '../hooks/usePaneFocus.js';
import { enterTurnsPage } from '../beats.js';
import { enterDoes, isReadingStep } from '../keys/flow-rules.js';
import { Lines } from './Lines.js';
import { Pane } from './Pane.js';

export function OutputPane({ size, title }: { readonly size: Size; readonly title?: string }): ReactNode {
  const { tour, ui, lang } = useUIState();
  const { controller, color } = useTourEnv();
  const stepId = tour.steps[tour.current]?.id ?? '';
  const { lines, dropped } = useOutputLines(controller.output, stepId);
  const area = inner(size);
  const paneFocus = usePaneFocus('output', title !== undefined);
  const styler = createStyler(color);
  const dim = (s: string): string => styler.dim(s);
  const render = (l: OutputLine): string => outputLine(l, color, (n) => t(lang, 'ui.output.lineCut', { n }));
  // Long lines wrap (↪ on their continuation rows) unless the learner cut them (w).
  const win = outputWindow(lines, render, { width: area.width, height: area.height, back: ui.outputBack, cut: ui.outputCut, mark: dim });
  let shown: string[] = [...win.rows];
  // "Press Enter to run" only where Enter runs the step (not while it turns the page, nor on a passed step).
  const enterRuns = enterDoes(tour) === 'run' && !enterTurnsPage(tour, ui.beat);
  if (lines.length === 0) shown = [t(lang, !enterRuns ? 'ui.output.none' : isReadingStep(tour) ? 'ui.output.reading' : 'ui.output.empty')];
  if (win.atStart && dropped > 0 && shown.length < area.height) shown.unshift(t(lang, 'ui.output.dropped', { n: dropped }));
  const state = lines.length === 0 ? undefined : win.back > 0 ? t(lang, 'ui.output.paused') : `${t(lang, 'ui.output.follow')} ${lines.length}`;
  const right = ui.outputCut ? [state, t(lang, 'reading.output.cut')].filter(Boolean).join(' · ') : state;
  return (
    <Pane title={title ?? t(lang, 'ui.pane.output')} {...(right ? { right } : {})} size={size} {...paneFocus}>
      <Lines lines={shown} size={area} />
    </Pane>
  );
}
