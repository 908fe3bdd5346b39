// `room watch`'s screen: a header (the room, how many seats are done and stuck, whether the
// watch is live or reconnecting), the table of seats (stuck first: room-table.ts) scrolled by
// the keys of ROOM_WATCH_KEYS, and a footer with the keys and the position. It fills the
// terminal: 80×24 shows 19 seats and scrolls; a projector's screen shows more rows and gives
// the step and the cause wider columns. The table is one Text node (one layout node for the
// whole table, however many seats, its statuses styled inline), so that redrawing 100 seats
// four times a second stays cheap.
import { Box, Text, useInput } from 'ink';
import { useMemo, useState, type ReactNode } from 'react';
import { cleanText, roomSummary, STUCK_RUNNING_MS } from '../../engine/room-progress.js';
import { t } from '../../i18n/index.js';
import type { Lang } from '../../i18n/types.js';
import type { RoomView } from '../../app/room-watch-feed.js';
import type { TerminalSize } from '../hooks/useTerminalSize.js';
import { bindingFor, press } from '../keys/bindings.js';
import { ROOM_WATCH_KEYS, type RoomWatchActions } from './room-watch-keys.js';
import { createStyler, type Styler } from '../text/ansi.js';
import { wrapLine } from '../text/wrap.js';
import { columnsFor, fit, GAP, headingCells, MIN_COLUMNS, MIN_ROWS, seatCells, type Columns, type SeatCells, type Tone } from './room-table.js';

export interface RoomWatchScreenProps {
  readonly room: string;
  readonly context: string;
  readonly view: RoomView;
  /** The time the durations are counted to (ms since the epoch). */
  readonly now: number;
  readonly lang: Lang;
  readonly color: boolean;
  readonly size: TerminalSize;
  readonly onQuit: () => void;
}

/** Lines above the table (title, summary, connection) and around it (heading, footer). */
const HEADER_ROWS = 3;
const FIXED_ROWS = HEADER_ROWS + 2;

/** The status cell styled for its tone (bold alone without colour: stuck and failed still stand out). */
function styleStatus(text: string, tone: Tone, st: Styler): string {
  switch (tone) {
    case 'failed': return st.bold(st.fg('red', text));
    case 'stuck': return st.bold(st.fg('yellow', text));
    case 'running': return st.fg('cyan', text);
    case 'passed': return st.fg('green', text);
    case 'dim': return st.dim(text);
    case 'plain': return text;
  }
}

export function RoomWatchScreen({ room, context, view, now, lang, color, size, onQuit }: RoomWatchScreenProps): ReactNode {
  const width = size.columns;
  const height = Math.max(1, size.rows - FIXED_ROWS);
  const cells = useMemo(() => seatCells(view.seats, now, lang), [view.seats, now, lang]);
  const columns = useMemo(() => columnsFor(width, cells, lang), [width, cells, lang]);
  const [offset, setOffset] = useState(0);
  const [helpOpen, setHelpOpen] = useState(false);
  const maxOffset = Math.max(0, cells.length - height);
  const start = Math.min(Math.max(0, offset), maxOffset);
  const shown = cells.slice(start, start + height);

  useInput((input, key) => {
    // The help open: any key closes it (as in the tour's ?), Ctrl-C still quits.
    if (helpOpen) {
      if (key.ctrl && input === 'c') onQuit();
      else setHelpOpen(false);
      return;
    }
    const binding = bindingFor(ROOM_WATCH_KEYS, input, key);
    const actions: RoomWatchActions = { quit: onQuit, scrollTo: (next) => setOffset(Math.min(maxOffset, Math.max(0, next))), openHelp: () => setHelpOpen(true) };
    if (binding) press(binding, { start, maxOffset, page: Math.max(1, height - 1) }, actions, () => undefined);
  });

  if (width < MIN_COLUMNS || size.rows < MIN_ROWS) {
    return (
      <Box width={width} height={size.rows}>
        <Text wrap="wrap">{t(lang, 'roomWatch.tooSmall', { cols: width, rows: size.rows, minCols: MIN_COLUMNS, minRows: MIN_ROWS })}</Text>
      </Box>
    );
  }

  const summary = roomSummary(view.seats, now);
  const conn = view.connection;
  const connLabel = t(lang, conn.phase === 'live' ? 'roomWatch.conn.live' : conn.phase === 'lost' ? 'roomWatch.conn.lost' : 'roomWatch.conn.connecting');
  const connColor = !color ? undefined : conn.phase === 'live' ? 'green' : conn.phase === 'lost' ? 'red' : 'yellow';
  const seconds = conn.phase === 'lost' ? Math.ceil(Math.max(0, conn.retryAt - now) / 1000) : 0;
  // The server's words may come from anywhere between here and the cluster: one clean line.
  const lost = conn.phase === 'lost' ? t(lang, seconds > 0 ? 'roomWatch.conn.retry' : 'roomWatch.conn.retryNow', { error: cleanText(conn.error, 200), seconds }) : '';
  const heading = headingCells(lang);
  const headingLine = tableLine(heading, columns, (status) => status);
  const position = cells.length === 0 ? '' : t(lang, 'roomWatch.position', { from: start + 1, to: start + shown.length, total: cells.length });
  const empty = view.listed && cells.length === 0;

  return (
    <Box flexDirection="column" width={width} height={size.rows}>
      <Box height={1} flexShrink={0}>
        <Text wrap="truncate-end">
          <Text bold inverse>{` ${t(lang, 'roomWatch.title', { room, context })} `}</Text>
          {'  '}
          <Text color={connColor} bold={conn.phase !== 'live'}>{connLabel}</Text>
        </Text>
      </Box>
      <Box height={1} flexShrink={0}>
        <Text wrap="truncate-end">{t(lang, 'roomWatch.summary', { seats: summary.seats, done: summary.done, stuck: summary.stuck, waiting: summary.waiting })}</Text>
      </Box>
      <Box height={1} flexShrink={0}>
        <Text wrap="truncate-end" color={color ? 'red' : undefined}>{lost === '' ? ' ' : lost}</Text>
      </Box>
      <Box height={1} flexShrink={0}>
        <Text wrap="truncate-end" bold underline={color}>{helpOpen ? ' ' : headingLine}</Text>
      </Box>
      <Box height={height} flexShrink={0} overflow="hidden">
        {helpOpen ? (
          <RoomWatchHelp lang={lang} width={width} />
        ) : empty ? (
          <Text wrap="wrap" dimColor>{t(lang, 'roomWatch.empty', { room, context })}</Text>
        ) : (
          <Text wrap="truncate-end">{tableText(shown, columns, color)}</Text>
        )}
      </Box>
      <Box height={1} flexShrink={0}>
        <Text wrap="truncate-end">
          <Text bold>{t(lang, 'roomWatch.keys')}</Text>
          <Text dimColor>{position === '' ? '' : `  ${position}`}</Text>
        </Text>
      </Box>
    </Box>
  );
}

/** `?`: every key of ROOM_WATCH_KEYS with what it does, then what the table's words mean. */
function RoomWatchHelp({ lang, width }: { readonly lang: Lang; readonly width: number }): ReactNode {
  const bindings = Object.values(ROOM_WATCH_KEYS);
  const labelWidth = Math.max(...bindings.map((b) => b.label.length)) + 2;
  // Wrapped here, between Chinese characters too (Ink's own wrap breaks at spaces only).
  const para = (text: string): string => wrapLine(text, width).join('\n');
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">{t(lang, 'roomWatch.help.title')}</Text>
      <Text dimColor wrap="truncate-end">{t(lang, 'roomWatch.help.close')}</Text>
      <Text bold underline>{t(lang, 'roomWatch.help.keys')}</Text>
      {bindings.map((b) => (
        <Text key={b.label} wrap="truncate-end">
          {b.label.padEnd(labelWidth)}
          {t(lang, b.help)}
        </Text>
      ))}
      <Text bold underline>{t(lang, 'roomWatch.help.table')}</Text>
      <Text>{para(t(lang, 'roomWatch.help.stuck', { minutes: STUCK_RUNNING_MS / 60_000 }))}</Text>
      <Text>{para(t(lang, 'roomWatch.help.statuses'))}</Text>
      <Text>{para(t(lang, 'roomWatch.help.time'))}</Text>
    </Box>
  );
}

type Row = Pick<SeatCells, 'seat' | 'step' | 'status' | 'time' | 'cause'>;

/** One row as text: the status styled; nothing after its last text (every character drawn costs). */
function tableLine(c: Row, columns: Columns, style: (status: string) => string): string {
  return (fit(c.seat, columns.seat) + GAP + fit(c.step, columns.step) + GAP + style(fit(c.status, columns.status)) + GAP + fit(c.time, columns.time) + GAP + fit(c.cause, columns.cause)).trimEnd();
}

/** The rows shown, as one text (one Text node for the whole table, however many seats). */
function tableText(rows: readonly SeatCells[], columns: Columns, color: boolean): string {
  const st = createStyler(color);
  return rows.map((c) => tableLine(c, columns, (status) => styleStatus(status, c.tone, st))).join('\n');
}
