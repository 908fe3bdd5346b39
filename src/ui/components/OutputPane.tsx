// The live output of the selected step: a window on the output log (fixed scrollback),
// following the end unless scrolled back with PgUp.
import type { ReactNode } from 'react';
import { t } from '../../i18n/index.js';
import { useTourEnv, useUIState } from '../contexts/TourContexts.js';
import { useOutputLines } from '../hooks/useOutputLines.js';
import { inner, type Size } from '../layout.js';
import { outputLine } from '../output-content.js';
import { Lines } from './Lines.js';
import { Pane } from './Pane.js';

export function OutputPane({ size, title }: { readonly size: Size; readonly title?: string }): ReactNode {
  const { tour, ui, lang } = useUIState();
  const { controller, color } = useTourEnv();
  const stepId = tour.steps[tour.current]?.id ?? '';
  const { lines, dropped } = useOutputLines(controller.output, stepId);
  const area = inner(size);
  const maxBack = Math.max(0, lines.length - area.height);
  const back = Math.min(ui.outputBack, maxBack);
  const end = lines.length - back;
  const startAt = Math.max(0, end - area.height);
  let shown: string[];
  if (lines.length === 0) shown = [t(lang, 'ui.output.empty')];
  else shown = lines.slice(startAt, end).map((l) => outputLine(l, color, (n) => t(lang, 'ui.output.lineCut', { n })));
  if (startAt === 0 && dropped > 0 && shown.length < area.height) shown.unshift(t(lang, 'ui.output.dropped', { n: dropped }));
  const right = lines.length === 0 ? undefined : back > 0 ? t(lang, 'ui.output.paused') : `${t(lang, 'ui.output.follow')} ${lines.length}`;
  return (
    <Pane title={title ?? t(lang, 'ui.pane.output')} {...(right ? { right } : {})} size={size} focused={ui.focus === 'output'}>
      <Lines lines={shown} size={area} />
    </Pane>
  );
}
