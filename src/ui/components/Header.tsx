// The top row: the tutorial's title, the SIMULATED badge, where the tour acts, the language.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { t } from '../../i18n/index.js';
import { useColor, useUIState } from '../contexts/TourContexts.js';

export function Header(): ReactNode {
  const { tour, lang, layout } = useUIState();
  const c = useColor();
  const f = tour.facts;
  const simulated = f.mode === 'simulated';
  const where = [
    simulated ? null : t(lang, f.mode === 'byoc' ? 'ui.mode.byoc' : 'ui.mode.real'),
    t(lang, 'ui.header.cluster', { cluster: f.cluster }),
    t(lang, 'ui.header.context', { context: f.context }),
    t(lang, 'ui.header.profile', { profile: f.profile }),
    t(lang, 'ui.header.lang'),
  ]
    .filter((x): x is string => x !== null)
    .join(' · ');
  return (
    <Box height={1} width={layout.cols} flexShrink={0}>
      <Text wrap="truncate-end">
        <Text bold color={c('cyan')}>
          {' '}
          {tour.tutorial.title[lang]}
        </Text>
        {simulated ? (
          <Text>
            {' '}
            <Text inverse bold color={c('yellow')}>
              {` ${t(lang, 'ui.simulated')} `}
            </Text>
          </Text>
        ) : null}
        <Text dimColor>{`  ${where}`}</Text>
      </Text>
    </Box>
  );
}
