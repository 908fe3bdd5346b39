// What replaces the panes for a moment: the key help, the quit question, the resume offer,
// and the too-small message. Each fills the body exactly (fixed height).
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import type { Progress } from '../../adapters/store/progress-store.js';
import type { ShellStatus } from '../../app/shell-controller.js';
import { scopeOf, type TourState } from '../../engine/tour.js';
import { expand } from '../../engine/vars.js';
import { t, tRef } from '../../i18n/index.js';
import type { Lang } from '../../i18n/types.js';
import { useColor, useUIState } from '../contexts/TourContexts.js';
import { ENABLED } from '../keys/bindings.js';
import type { ScreenState } from '../keys/key-bindings.js';
import { inner, MIN_COLS, MIN_ROWS, type Size } from '../layout.js';
import { Lines } from './Lines.js';
import { helpRows } from '../help-rows.js';
import { Pane } from './Pane.js';

/** Every key from the key table, with what it does; one that does not apply now is dimmed and says when it does. */
export function HelpOverlay(): ReactNode {
  const { tour, ui, layout, lang, offer, shell } = useUIState();
  const c = useColor();
  const state: ScreenState = { tour, ui, layout, offer, shell };
  const size: Size = layout.body;
  const area = inner(size);
  // Pairs of keys share a row (help-rows.ts): every key fits at 80×24.
  const help = helpRows(state);
  const labelWidth = Math.max(...help.map((b) => stringWidth(b.label))) + 2;
  const rows = help.map((b) => {
    const enabled = b.enabled;
    const why = enabled === ENABLED ? '' : tRef(lang, enabled.why);
    // No space before a full-width bracket (Chinese).
    const text = t(lang, b.help) + (why === '' ? '' : /^[（【「]/.test(why) ? why : ` ${why}`);
    return { label: b.label, text, enabled: enabled === ENABLED };
  });
  // The blank line before "press any key" goes first when the keys need the room (80×24).
  const spacer = rows.length + 2 <= area.height;
  const shown = rows.slice(0, Math.max(0, area.height - (spacer ? 2 : 1)));
  return (
    <Pane title={t(lang, 'ui.help.title')} size={size} focused>
      <Box flexDirection="column" height={area.height} width={area.width} overflow="hidden">
        {shown.map((r) => (
          <Box key={r.label} height={1} width={area.width} flexShrink={0}>
            <Text wrap="truncate-end" dimColor={!r.enabled}>
              <Text bold color={c('cyan')}>
                {' ' + r.label.padEnd(labelWidth - 1)}
              </Text>
              <Text>{r.text}</Text>
            </Text>
          </Box>
        ))}
        {spacer ? <Box height={1} flexShrink={0} /> : null}
        <Box height={1} width={area.width} flexShrink={0}>
          <Text dimColor wrap="truncate-end">
            {' ' + t(lang, 'ui.help.close')}
          </Text>
        </Box>
      </Box>
    </Pane>
  );
}

function Dialog({ title, lines }: { readonly title: string; readonly lines: readonly string[] }): ReactNode {
  const { layout } = useUIState();
  const size = layout.body;
  const area = inner(size);
  const top = Math.max(0, Math.floor((area.height - lines.length) / 2));
  const padded = [...Array.from({ length: top }, () => ''), ...lines];
  return (
    <Pane title={title} size={size} focused>
      <Lines lines={padded} size={area} />
    </Pane>
  );
}

function wrapped(text: string, width: number): string[] {
  return wrapAnsi(text, Math.max(10, width - 4), { hard: true }).split('\n').map((l) => `  ${l}`);
}

/** What quitting would stop, in the learner's words: the running step by name, the open shell, or both. */
function quitQuestion(lang: Lang, tour: TourState, shell: ShellStatus | null): string {
  const step = tour.active ? tour.tutorial.steps[tour.active.index]?.title[lang] : undefined;
  const pod = shell?.phase === 'running' ? shell.pod : undefined;
  if (step !== undefined && pod !== undefined) return t(lang, 'ui.quit.confirmBoth', { step, pod });
  if (step !== undefined) return t(lang, 'ui.quit.confirmStep', { step });
  if (pod !== undefined) return t(lang, 'ui.quit.confirmShell', { pod });
  return t(lang, 'ui.quit.confirm');
}

export function QuitConfirm(): ReactNode {
  const { lang, layout, ui, tour, shell } = useUIState();
  const width = inner(layout.body).width;
  const text = ui.stopping ? t(lang, 'ui.quit.stopping') : quitQuestion(lang, tour, shell);
  return <Dialog title={t(lang, 'keys.quit.short')} lines={wrapped(`\x1b[1m${text}\x1b[22m`, width)} />;
}

/** Yes or no before a step changes a real cluster (the step's `confirm` text). */
export function RunConfirm(): ReactNode {
  const { lang, layout, ui, tour } = useUIState();
  const width = inner(layout.body).width;
  const index = ui.pendingRun?.index ?? tour.current;
  const spec = tour.tutorial.steps[index];
  const question = spec?.confirm ? expand(spec.confirm[lang], scopeOf(tour)) : '';
  const lines = [...wrapped(`\x1b[1m${question}\x1b[22m`, width), '', ...wrapped(t(lang, 'ui.confirm.keys'), width)];
  return <Dialog title={spec?.title[lang] ?? ''} lines={lines} />;
}

/** A question from the adapters, e.g. before deleting a kind cluster the tour did not create. */
export function QuestionDialog(): ReactNode {
  const { lang, layout, ui } = useUIState();
  const width = inner(layout.body).width;
  const question = ui.question ? tRef(lang, ui.question.message) : '';
  const lines = [...wrapped(`\x1b[1m${question}\x1b[22m`, width), '', ...wrapped(t(lang, 'ui.question.keys'), width)];
  return <Dialog title={t(lang, 'ui.question.title')} lines={lines} />;
}

export function ResumePrompt({ offer }: { readonly offer: Progress }): ReactNode {
  const { lang, layout, tour } = useUIState();
  const width = inner(layout.body).width;
  const idx = tour.steps.findIndex((s) => s.id === offer.current);
  const stepTitle = idx >= 0 ? (tour.tutorial.steps[idx]?.title[lang] ?? offer.current) : offer.current;
  const done = Object.keys(offer.statuses).length;
  const when = offer.savedAt ? offer.savedAt.replace('T', ' ').slice(0, 16) : '?';
  const lines = [
    ...wrapped(t(lang, 'ui.resume.body', { step: stepTitle, done, total: tour.steps.length, when }), width),
    ...(tour.facts.mode === 'simulated' ? wrapped(t(lang, 'ui.resume.simulated'), width) : []),
    '',
    ...wrapped(`\x1b[1m${t(lang, 'ui.resume.keys')}\x1b[22m`, width),
  ];
  return <Dialog title={t(lang, 'ui.resume.title')} lines={lines} />;
}

export function TooSmall({ cols, rows }: { readonly cols: number; readonly rows: number }): ReactNode {
  const { lang } = useUIState();
  const text = t(lang, 'ui.tooSmall', { cols, rows, minCols: MIN_COLS, minRows: MIN_ROWS });
  const lines = wrapAnsi(text, Math.max(1, cols), { hard: true }).split('\n').slice(0, Math.max(1, rows));
  return <Lines lines={lines} size={{ width: Math.max(1, cols), height: Math.max(1, rows) }} />;
}
