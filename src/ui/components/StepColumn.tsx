// The step view: the step's text (scrollable), and under it the status row and the result
// panel (checks, failure, diagnosis, hints, choices). One pane, fixed size.
import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { stepCommands } from '../../engine/tour.js';
import { t, tRef } from '../../i18n/index.js';
import { useColor, useTourEnv, useUIState } from '../contexts/TourContexts.js';
import { formatElapsed, useElapsed } from '../hooks/useElapsed.js';
import { TOUR_KEYS } from '../keys/key-bindings.js';
import { inner } from '../layout.js';
import { formatDuration, noticeLines, resultLines } from '../result-content.js';
import { stepContentLines } from '../step-content.js';
import { stepViewGeometry } from '../step-view.js';
import { currentBeat } from '../beats.js';
import { usePaneFocus } from '../hooks/usePaneFocus.js';
import { beatTitle, readingStatus } from '../beat-status.js';
import { shellTasksDone, useTaskMatcher } from '../shell/input-lines.js';
import { Lines, windowOf } from './Lines.js';
import { Pane } from './Pane.js';
import { Spinner } from './Spinner.js';

function StatusRow({ width }: { readonly width: number }): ReactNode {
  const { tour, ui, lang } = useUIState();
  const { controller } = useTourEnv();
  const c = useColor();
  const i = tour.current;
  const st = tour.steps[i];
  const spec = tour.tutorial.steps[i];
  const running = st?.status === 'running';
  // While a command runs, its own time and limit (a long `kubectl wait` prints nothing:
  // the clock shows it is alive and how long it may take).
  const commandRunning = running && st.phase === 'commands' && st.commandStartedAt !== undefined;
  const elapsed = useElapsed(running ? (commandRunning ? st.commandStartedAt : st.startedAt) : undefined, () => controller.adapters.clock.now());
  if (!st || !spec) return null;
  // The simulated cluster's durations are of its own (virtual) clock: say so.
  const clock = tour.facts.mode === 'simulated' ? t(lang, 'time.simulatedSuffix') : '';
  const ff = ui.fastForward;
  // Paging through the step's text: what Enter does on this page.
  const reading = readingStatus(tour, currentBeat(tour, ui.beat), ui.beat, lang, clock);
  let body: ReactNode;
  if (ff && tour.active) {
    const target = tour.tutorial.steps[ff.target];
    const runningSpec = tour.tutorial.steps[tour.active.index];
    body = (
      <Text wrap="truncate-end">
        <Spinner /> <Text bold>{t(lang, 'ui.ff.title', { step: target?.title[lang] ?? '' })}</Text>{' '}
        <Text dimColor>{t(lang, 'ui.ff.progress', { n: tour.active.index + 1, total: ff.target, title: runningSpec?.title[lang] ?? '' })}</Text>
      </Text>
    );
  } else if (running) {
    const commands = stepCommands(spec, st.how ?? 'run', tour);
    const phase =
      st.phase === 'commands'
        ? t(lang, 'ui.phase.commands', { n: st.commandIndex + 1, total: Math.max(1, commands.length) })
        : t(lang, st.phase === 'checks' ? 'ui.phase.checks' : 'ui.phase.files');
    const limit = commandRunning ? commands[st.commandIndex]?.timeoutMs : undefined;
    const text =
      limit !== undefined
        ? t(lang, 'ui.status.runningCommand', { phase, elapsed: formatElapsed(elapsed), limit: `${formatElapsed(limit)}${clock}` })
        : t(lang, 'ui.status.running', { phase, elapsed: `${formatElapsed(elapsed)}${clock}` });
    body = (
      <Text wrap="truncate-end">
        <Spinner /> <Text bold color={c('yellow')}>{text}</Text>
        <Text dimColor>{`  ${TOUR_KEYS.cancel.label} ${t(lang, 'keys.cancel.short')}`}</Text>
      </Text>
    );
  } else if (reading) {
    body = (
      <Text wrap="truncate-end" {...(reading.tone === 'dim' ? { dimColor: true } : { color: c(reading.tone), bold: reading.tone === 'green' })}>
        {`${reading.icon} ${reading.text}`}
      </Text>
    );
  } else if (st.status === 'passed') {
    const allDone = tour.steps.every((s) => s.status === 'passed' || s.status === 'skipped');
    const key = allDone ? 'ui.status.finished' : i < tour.steps.length - 1 ? 'ui.status.passedNext' : 'ui.status.passed';
    body = (
      <Text wrap="truncate-end" color={c('green')} bold>
        {'✓ '}
        {t(lang, key, { elapsed: `${formatDuration(st.durationMs ?? 0)}${clock}` })}
      </Text>
    );
  } else if (st.status === 'failed') {
    body = (
      <Text wrap="truncate-end" color={c('red')} bold>
        {'✗ '}
        {t(lang, 'ui.status.failed')}
      </Text>
    );
  } else if (st.status === 'skipped') {
    body = <Text wrap="truncate-end" dimColor>{`– ${t(lang, 'ui.status.skipped')}`}</Text>;
  } else {
    const info = spec.commands.length === 0 && spec.checks.length === 0;
    body = (
      <Text wrap="truncate-end" color={c('cyan')}>
        {'▶ '}
        {t(lang, info ? 'ui.status.pendingInfo' : 'ui.status.pending')}
      </Text>
    );
  }
  return (
    <Box height={1} width={width} flexShrink={0}>
      {body}
    </Box>
  );
}

export function StepColumn(): ReactNode {
  const { tour, ui, lang, layout, highlight } = useUIState();
  const { color } = useTourEnv();
  const area = inner(layout.step);
  const i = tour.current;
  const spec = tour.tutorial.steps[i];
  const beat = currentBeat(tour, ui.beat);
  const paneFocus = usePaneFocus('view');
  const notice = ui.notice ? noticeLines(tRef(lang, ui.notice.message), ui.notice.tone, area.width, color) : [];
  const results = [...notice, ...resultLines(tour, i, { lang, width: area.width, color })];
  const geometry = stepViewGeometry(layout, results.length, notice.length);
  const { textWidth } = geometry;
  // The step's text is laid out right after the first frame (Markdown lexing is the
  // costliest part of the first render, and the frame is on screen sooner without it).
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setReady(true), 0);
    return () => clearTimeout(timer);
  }, []);
  const stepId = spec?.id ?? '';
  const typed = ui.shellInput[stepId];
  const matcher = useTaskMatcher((spec?.shell?.tasks.length ?? 0) > 0);
  const shellDone = useMemo(() => (spec?.shell && typed && matcher ? shellTasksDone(spec.shell.tasks, typed) : undefined), [spec, typed, matcher]);
  const content = useMemo(
    () => (ready ? stepContentLines(tour, i, { lang, width: textWidth, color, highlight, beat: beat.index, ...(shellDone ? { shellDone } : {}) }) : []),
    // The text depends on the step and its beat, the language, the facts, the written files and the shell tasks done.
    [ready, tour.tutorial, tour.facts, tour.files, i, beat.index, lang, textWidth, color, highlight, shellDone],
  );
  // A notice is always shown whole, even when the results must then be cut short.
  const shownResults = results.slice(0, geometry.resultRows);
  const { textHeight } = geometry;
  const { shown, start } = windowOf(content, ui.viewScroll, textHeight);
  const right = beatTitle(lang, beat, { start, shown: shown.length, total: content.length, height: textHeight }) ?? spec?.id;
  // "(optional)" in full when the title has room for it next to the page (the list marks it too).
  const optionalWord = t(lang, 'reading.optional.marked');
  const titleRoom = layout.step.width - 12 - stringWidth(right ?? '');
  const optional = spec?.optional && stringWidth(`${t(lang, 'ui.pane.step', { n: i + 1, total: tour.steps.length })} · ${spec.title[lang]}${optionalWord}`) <= titleRoom ? optionalWord : '';
  const title = `${t(lang, 'ui.pane.step', { n: i + 1, total: tour.steps.length })} · ${spec?.title[lang] ?? ''}${optional}`;
  return (
    <Pane title={title} {...(right !== undefined ? { right } : {})} size={layout.step} {...paneFocus}>
      <Lines lines={shown} size={{ width: area.width, height: textHeight }} />
      <Box height={1} width={area.width} flexShrink={0}>
        <Text dimColor wrap="truncate-end">{'┄'.repeat(area.width)}</Text>
      </Box>
      <StatusRow width={area.width} />
      <Lines lines={shownResults} size={{ width: area.width, height: shownResults.length }} />
    </Pane>
  );
}
