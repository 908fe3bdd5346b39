// The steps, one row each: status icon, number, title, "optional"; the selected one marked.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import stringWidth from 'string-width';
import { t } from '../../i18n/index.js';
import type { Lang } from '../../i18n/types.js';
import { useColor, useUIState } from '../contexts/TourContexts.js';
import { inner } from '../layout.js';
import { Pane } from './Pane.js';
import { StatusIcon } from './StatusIcon.js';

/**
 * The "optional" mark that fits `room` columns: the word, else its short form, else nothing
 * (the step view's title always says it in full). Never cut with "…".
 */
export function optionalMark(lang: Lang, room: number): string {
  for (const mark of [t(lang, 'reading.optional.marked'), t(lang, 'reading.optional.short')]) if (stringWidth(mark) <= room) return mark;
  return '';
}

export function StepList(): ReactNode {
  const { tour, lang, layout } = useUIState();
  const c = useColor();
  const area = inner(layout.list);
  const n = tour.steps.length;
  const start = Math.max(0, Math.min(tour.current - Math.floor(area.height / 2), n - area.height));
  const rows = tour.steps.slice(start, start + area.height);
  const done = tour.steps.filter((s) => s.status === 'passed' || s.status === 'skipped').length;
  return (
    <Pane title={t(lang, 'ui.pane.steps')} right={`${done}/${n}`} size={layout.list}>
      {rows.map((st, k) => {
        const i = start + k;
        const spec = tour.tutorial.steps[i];
        const selected = i === tour.current;
        const num = String(i + 1).padStart(2, ' ');
        return (
          <Box key={st.id} height={1} width={area.width} flexShrink={0}>
            <Text wrap="truncate-end" inverse={selected} bold={selected}>
              <Text>{selected ? '›' : ' '}</Text>
              <StatusIcon status={st.status} />
              <Text dimColor={!st.applies}>{` ${num} ${spec?.title[lang] ?? st.id}`}</Text>
              {spec?.optional ? <Text color={c('magenta')} dimColor={!selected}>{optionalMark(lang, area.width - stringWidth(` ${num} ${spec.title[lang]}`) - 2)}</Text> : null}
            </Text>
          </Box>
        );
      })}
    </Pane>
  );
}
