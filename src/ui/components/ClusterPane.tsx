// The live cluster: nodes, pods and recent events, updating as the watch reports changes.
import type { ReactNode } from 'react';
import { t } from '../../i18n/index.js';
import { useClusterView, useTourEnv, useUIState } from '../contexts/TourContexts.js';
import { clusterLines } from '../cluster-content.js';
import { usePaneFocus } from '../hooks/usePaneFocus.js';
import { inner, type Size } from '../layout.js';
import { Lines, windowOf } from './Lines.js';
import { Pane } from './Pane.js';

export function ClusterPane({ size, title }: { readonly size: Size; readonly title?: string }): ReactNode {
  const { tour, ui, lang } = useUIState();
  const { color } = useTourEnv();
  const { snapshot, error } = useClusterView();
  const area = inner(size);
  const paneFocus = usePaneFocus('cluster', title !== undefined);
  const lines = clusterLines(snapshot, error, lang, color, tour.facts, area.width);
  const { shown, start } = windowOf(lines, ui.clusterScroll, area.height);
  const right = lines.length > area.height ? `${start + 1}-${start + shown.length}/${lines.length}` : undefined;
  return (
    <Pane title={title ?? t(lang, 'ui.pane.cluster')} {...(right ? { right } : {})} size={size} {...paneFocus}>
      <Lines lines={shown} size={area} />
    </Pane>
  );
}
