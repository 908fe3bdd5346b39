// The step view: the step's text (scrollable), and under it the status row and the result
// panel (checks, failure, diagnosis, hints, choices). One pane, fixed size.
import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { stepCommands } from '../../engine/tour.js';
import { t, tRef } from '../../i18n/index.js';
import { useColor, useTourEnv, useUIState } from '../contexts/TourContexts.js';
import { formatElapsed, useElapsed } from '../hooks/useElapsed.js';
import { SHELL_KEYS, TOUR_KEYS } from '../keys/key-bindings.js';
import { inner } from '../layout.js';
import { formatDuration, noticeLines, resultLines } from '../result-content.js';
import { stepContentLines } from '../step-content.js';
import { stepViewGeometry } from '../step-view.js';
import { currentBeat, enterTurnsPage } from '../beats.js';
import { usePaneFocus } from '../hooks/usePaneFocus.js';
import { beatTitle, readingStatus } from '../beat-status.js';
import { shellTasksDone, useTaskMatcher } from '../shell/input-lines.js';
import { Lines, windowOf } from './Lines.js';
import { Pane } from './Pane.js';
import { Spinner } from './Spinner.js';
import { taskLines } from '../task-lines.js';
import { hasFullResult, isReadingStep } from '../keys/flow-rules.js';
import type { Lang } from '../../i18n/types.js';
import { createStyler, stripAnsi } from '../text/ansi.js';
import { wrapText } from '../text/wrap.js';

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
  const turnsPage = enterTurnsPage(tour, ui.beat);
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
    // How to cancel, when the row has room for it (the help bar says it too): never cut in half.
    const cancel = `  ${TOUR_KEYS.cancel.label} ${t(lang, 'keys.cancel.short')}`;
    const fits = stringWidth(`⠋ ${text}${cancel}`) <= width;
    body = (
      <Text wrap="truncate-end">
        <Spinner /> <Text bold color={c('yellow')}>{text}</Text>
        {fits ? <Text dimColor>{cancel}</Text> : null}
      </Text>
    );
  } else if (ui.shellFocused && (st.status === 'pending' || st.status === 'passed' || turnsPage)) {
    // The keys go to the shell: "Enter runs" or "Enter: next step" would be typed into it.
    const step = turnsPage ? 'ui.status.inShellReading' : st.status === 'passed' ? 'ui.status.inShellPassed' : 'ui.status.inShell';
    body = (
      <Text wrap="truncate-end" color={c('magenta')}>
        {`${st.status === 'passed' ? '✓' : '▶'} ${t(lang, step, { key: SHELL_KEYS.leaveShell.label })}`}
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
    // No auto-advance: the step stays, with its output and checks, until Enter.
    const key = allDone ? 'ui.status.finished' : i < tour.steps.length - 1 ? 'screen.status.passed' : 'ui.status.passed';
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
        {t(lang, 'screen.status.failed')}
      </Text>
    );
  } else if (st.status === 'cancelled') {
    // Cancelling is not failing: its own word and choices, no failure hint.
    body = (
      <Text wrap="truncate-end" color={c('yellow')} bold>
        {'■ '}
        {t(lang, 'screen.status.cancelled')}
      </Text>
    );
  } else if (st.status === 'skipped') {
    body = <Text wrap="truncate-end" dimColor>{`– ${t(lang, i < tour.steps.length - 1 ? 'screen.status.skipped' : 'ui.status.skipped')}`}</Text>;
  } else {
    const info = isReadingStep(tour, i);
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

/**
 * The first lines of a result panel too long for its `room`, then "↓ N more lines: press e":
 * cut between items, never inside one (an item's continuation lines hang indented under it),
 * so that no item shows half a sentence. The notice (its first `notice` lines) stays whole.
 */
function cutAtItem(results: readonly string[], room: number, notice: number, lang: Lang, width: number, color: boolean): string[] {
  let keep = Math.max(0, room - 1);
  const continues = (line: string | undefined): boolean => line !== undefined && stripAnsi(line).startsWith(' ');
  while (keep > notice + 1 && continues(results[keep])) keep--;
  return [...results.slice(0, keep), ...moreLine(results.length - keep, lang, width, color)];
}

function moreLine(n: number, lang: Lang, width: number, color: boolean): string[] {
  return [createStyler(color).bold(wrapText(t(lang, 'screen.result.more', { n }), width)[0] ?? '')];
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
  // Reading the pages before a pending step's action page: the page is the whole view (as lint
  // measures it). What is about running the step (its needs, its shell tasks) shows from the
  // action page on, or whenever the shell is in use.
  const readingAhead = tour.steps[i]?.status === 'pending' && enterTurnsPage(tour, ui.beat) && !ui.shellFocused;
  const own = readingAhead ? [] : resultLines(tour, i, { lang, width: area.width, color });
  // The text's width does not depend on the result panel; its height does (below).
  const { textWidth } = stepViewGeometry(layout, 0, 0);
  // The rows a full result panel gets: the shell tasks collapse to fit in what is left of them.
  const maxResult = stepViewGeometry(layout, Number.MAX_SAFE_INTEGER, 0).resultRows;
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
  // The shell tasks stay in sight (collapsed to "Tasks n/m — next: …" when the panel has no room
  // for the list), with two lines at least so the next task's command is not cut: the check
  // results after them are then cut short, and e shows them.
  const taskRoom = Math.max(Math.min(2, maxResult), maxResult - notice.length - own.length);
  const tasks = readingAhead ? [] : taskLines(spec, shellDone, { lang, width: area.width, color, room: taskRoom, inShell: ui.shellFocused });
  const results = [...notice, ...tasks, ...own];
  // A notice is always shown whole, even when the results must then be cut short.
  const geometry = stepViewGeometry(layout, results.length, notice.length);
  const room = geometry.resultRows;
  // Cut short: when e shows the result in full, the last line says how much more there is and
  // that e shows it (no "…"); otherwise (a pending step's notes) what fits.
  const readable = hasFullResult(tour, i);
  const shownResults = results.length <= room ? results : readable ? cutAtItem(results, room, notice.length, lang, area.width, color) : results.slice(0, room);
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
