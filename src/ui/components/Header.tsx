// The top row: the tutorial's title, the SIMULATED badge, where the tour acts, the language.
// When they do not all fit, the least needed parts go first (language, profile, cluster), whole,
// never cut with "…": the context the tour acts on and the mode stay longest.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import stringWidth from 'string-width';
import { t } from '../../i18n/index.js';
import { useColor, useUIState } from '../contexts/TourContexts.js';

export function Header(): ReactNode {
  const { tour, lang, layout } = useUIState();
  const c = useColor();
  const f = tour.facts;
  const simulated = f.mode === 'simulated';
  const badge = simulated ? ` ${t(lang, 'ui.simulated')} ` : '';
  const before = ` ${tour.tutorial.title[lang]}${simulated ? ` ${badge}` : ''}  `;
  const where = headerParts(
    [
      simulated ? null : { text: t(lang, f.mode === 'byoc' ? 'ui.mode.byoc' : 'ui.mode.real'), drop: 4 },
      { text: t(lang, 'ui.header.cluster', { cluster: f.cluster }), drop: 2 },
      { text: t(lang, 'ui.header.context', { context: f.context }), drop: 3 },
      { text: t(lang, 'ui.header.profile', { profile: f.profile }), drop: 1 },
      { text: t(lang, 'ui.header.lang'), drop: 0 },
    ],
    layout.cols - stringWidth(before),
  );
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
              {badge}
            </Text>
          </Text>
        ) : null}
        <Text dimColor>{`  ${where}`}</Text>
      </Text>
    </Box>
  );
}

interface HeaderPart {
  readonly text: string;
  /** Dropped in this order when the row is too narrow: 0 first. */
  readonly drop: number;
}

/** The parts that fit `width` columns, joined with " · ", dropping whole parts (never cutting one). */
export function headerParts(parts: readonly (HeaderPart | null)[], width: number): string {
  const kept = parts.filter((p): p is HeaderPart => p !== null);
  const joined = (): string => kept.map((p) => p.text).join(' · ');
  while (kept.length > 1 && stringWidth(joined()) > width) {
    const least = kept.reduce((a, b) => (b.drop < a.drop ? b : a));
    kept.splice(kept.indexOf(least), 1);
  }
  return joined();
}
