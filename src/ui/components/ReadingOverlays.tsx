// Overlays to read at full size: a step's result in full (key e: the failure, its Why and Next,
// the hints, every check), and the recap at the end of the tour. Each scrolls (↑↓, PgUp/PgDn)
// and says its keys on its last line.
import type { ReactNode } from 'react';
import { t } from '../../i18n/index.js';
import { useTourEnv, useUIState } from '../contexts/TourContexts.js';
import { inner } from '../layout.js';
import { recapLines } from '../recap-content.js';
import { resultLines } from '../result-content.js';
import { createStyler } from '../text/ansi.js';
import { Lines, windowOf } from './Lines.js';
import { Pane } from './Pane.js';

function Reading({ title, lines, keys }: { readonly title: string; readonly lines: readonly string[]; readonly keys: string }): ReactNode {
  const { ui, layout } = useUIState();
  const { color } = useTourEnv();
  const area = inner(layout.body);
  const height = Math.max(1, area.height - 2);
  const { shown, start } = windowOf(lines, ui.overlayScroll, height);
  const more = lines.length > height ? `${start + 1}-${start + shown.length}/${lines.length}` : undefined;
  const footer = createStyler(color).dim(keys);
  return (
    <Pane title={title} {...(more ? { right: more } : {})} size={layout.body} focused>
      <Lines lines={[...shown, ...Array.from({ length: height - shown.length }, () => ''), '', footer]} size={area} />
    </Pane>
  );
}

/** The selected step's result in full: every check; a failure's Why, Next and hints. */
export function FailureOverlay(): ReactNode {
  const { tour, lang, layout } = useUIState();
  const { color } = useTourEnv();
  const width = inner(layout.body).width - 2;
  const i = tour.current;
  const lines = resultLines(tour, i, { lang, width, color, full: true }).map((l) => ` ${l}`);
  const params = { n: i + 1, step: tour.tutorial.steps[i]?.title[lang] ?? '' };
  const title = t(lang, tour.steps[i]?.status === 'failed' ? 'screen.failure.title' : 'screen.result.title', params);
  return <Reading title={title} lines={lines} keys={` ${t(lang, 'recap.keys')}`} />;
}

/** The end of the tour. */
export function RecapOverlay(): ReactNode {
  const { tour, lang, layout } = useUIState();
  const { color, shells } = useTourEnv();
  const width = inner(layout.body).width - 2;
  const lines = recapLines(tour, { lang, width, color, recordings: shells.transcriptDir }).map((l) => ` ${l}`);
  return <Reading title={t(lang, 'recap.title')} lines={lines} keys={` ${t(lang, 'recap.keys')}`} />;
}
