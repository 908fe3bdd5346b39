// The bottom row: the keys that do something now, read from the key table of the context that
// has the keys (their labels, words and enabled rules).
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { t } from '../../i18n/index.js';
import { useColor, useUIState } from '../contexts/TourContexts.js';
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
  const items = context
    ? Object.values(KEY_TABLES[context]).flatMap((b) => (b.bar && offered(b, state) ? [{ label: b.bar.label ?? b.label, text: t(lang, b.bar.shortFor?.(state) ?? b.bar.short) }] : []))
    : [];
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
