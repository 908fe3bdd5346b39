// The bottom row: the keys that do something now, read from the key table of the context that
// has the keys (their labels, words and enabled rules), as many as fit, ? and q always.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { t } from '../../i18n/index.js';
import { useColor, useUIState } from '../contexts/TourContexts.js';
import { fitBar } from '../help-bar-fit.js';
import { offered } from '../keys/bindings.js';
import { KEY_TABLES, keyContextOf, type KeyContext, type ScreenState } from '../keys/key-bindings.js';

/** The context whose keys the bar shows: with the help open, the keys it explains. */
function barContext(context: KeyContext | null): KeyContext | null {
  return context === 'help' ? 'tour' : context;
}

export function HelpBar(): ReactNode {
  const { tour, ui, lang, layout, offer, shell } = useUIState();
  const c = useColor();
  const state: ScreenState = { tour, ui, layout, offer, shell };
  const context = barContext(keyContextOf(state));
  const all = context
    ? Object.entries(KEY_TABLES[context]).flatMap(([action, b]) => (b.bar && offered(b, state) ? [{ action, label: b.bar.label ?? b.label, text: t(lang, b.bar.shortFor?.(state) ?? b.bar.short) }] : []))
    : [];
  // At 80 columns not every entry fits: ? and q always stay (help-bar-fit.ts).
  const items = fitBar(all, layout.cols);
  return (
    <Box height={1} width={layout.cols} flexShrink={0}>
      <Text wrap="truncate-end">
        {items.map((it, i) => (
          <Text key={i}>
            {' '}
            <Text bold color={c('cyan')}>
              {it.label}
            </Text>{' '}
            <Text dimColor>{it.text}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
