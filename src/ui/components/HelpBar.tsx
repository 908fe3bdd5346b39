// The bottom row: the keys that do something now (from the key-binding table), or a notice.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { t } from '../../i18n/index.js';
import { useColor, useUIState } from '../contexts/TourContexts.js';
import { KEY_BINDINGS, type BindingContext } from '../keys/key-bindings.js';

export function HelpBar(): ReactNode {
  const { tour, ui, lang, layout } = useUIState();
  const c = useColor();
  const st = tour.steps[tour.current];
  const spec = tour.tutorial.steps[tour.current];
  const active = new Set<BindingContext>(['always']);
  if (st?.status === 'failed') active.add('failed');
  if (tour.active) active.add('running');
  if (spec?.shell) active.add('shell');
  if (ui.shell && !ui.shell.ended && ui.shell.stepId === spec?.id) active.add('shellOpen');
  let items: { label: string; text: string }[];
  if (ui.overlay === 'quit') items = [{ label: 'y', text: t(lang, 'keys.quit.short') }, { label: 'n', text: '←' }];
  else if (ui.overlay === 'confirm') items = [{ label: 'y', text: t(lang, 'keys.run.short') }, { label: 'n/Esc', text: '←' }];
  else if (ui.overlay === 'question') items = [{ label: 'y', text: '✓' }, { label: 'n/Esc', text: '✗' }];
  else if (ui.overlay === 'resume') items = [{ label: 'Enter', text: '▶' }, { label: 'n', text: '↺' }, { label: 'q', text: t(lang, 'keys.quit.short') }];
  else if (ui.shell?.focused) items = [{ label: 'Ctrl-]', text: t(lang, 'keys.leaveShell.short') }];
  else {
    items = [{ label: '↑↓/jk', text: t(lang, 'ui.pane.steps') }];
    for (const b of KEY_BINDINGS) {
      if (b.bar && active.has(b.context)) items.push({ label: b.label, text: t(lang, b.short) });
    }
    items.splice(items.length - 3, 0, { label: 'PgUp/PgDn', text: t(lang, 'keys.pageUp.short') });
  }
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
