// `room watch`'s screen: a header (the room, how many seats are done and stuck, whether the
// watch is live or reconnecting), the table of seats (stuck first: room-table.ts) scrolled by
// the keys of ROOM_WATCH_KEYS, and a footer with the keys and the position. It fills the
// terminal: 80×24 shows 19 seats and scrolls; a projector's screen shows more rows and gives
// the step and the cause wider columns. The table is one Text node (one layout node for the
// whole table, however many seats), so that redrawing 100 seats four times a second is cheap.
import { Box, Text, useInput } from 'ink';
import { useMemo, useState, type ReactNode } from 'react';
import { roomSummary } from '../../engine/room-progress.js';
import { cleanText } from '../../engine/room-progress.js';
import { t } from '../../i18n/index.js';
import type { Lang } from '../../i18n/types.js';
import type { RoomView } from '../../app/room-watch-feed.js';
import type { TerminalSize } from '../hooks/useTerminalSize.js';
import { bindingFor, press } from '../keys/bindings.js';
import { ROOM_WATCH_KEYS, type RoomWatchActions } from './room-watch-keys.js';
import { columnsFor, fit, GAP, headingCells, MIN_COLUMNS, MIN_ROWS, seatCells, type Tone } from './room-table.js';

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

function toneColor(tone: Tone, color: boolean): { color?: string; bold?: boolean; dimColor?: boolean } {
  if (!color) return tone === 'stuck' || tone === 'failed' ? { bold: true } : tone === 'dim' ? { dimColor: true } : {};
  switch (tone) {
    case 'failed': return { color: 'red', bold: true };
    case 'stuck': return { color: 'yellow', bold: true };
    case 'running': return { color: 'cyan' };
    case 'passed': return { color: 'green' };
    case 'dim': return { dimColor: true };
    case 'plain': return {};
  }
}

export function RoomWatchScreen({ room, context, view, now, lang, color, size, onQuit }: RoomWatchScreenProps): ReactNode {
  const width = size.columns;
  const height = Math.max(1, size.rows - FIXED_ROWS);
  const cells = useMemo(() => seatCells(view.seats, now, lang), [view.seats, now, lang]);
  const columns = useMemo(() => columnsFor(width, cells, lang), [width, cells, lang]);
  const [offset, setOffset] = useState(0);
  const maxOffset = Math.max(0, cells.length - height);
  const start = Math.min(Math.max(0, offset), maxOffset);
  const shown = cells.slice(start, start + height);

  useInput((input, key) => {
    const binding = bindingFor(ROOM_WATCH_KEYS, input, key);
    const actions: RoomWatchActions = { quit: onQuit, scrollTo: (next) => setOffset(Math.min(maxOffset, Math.max(0, next))) };
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
  const line = (c: { seat: string; step: string; status: string; time: string; cause: string }): [string, string, string] => [
    fit(c.seat, columns.seat) + GAP + fit(c.step, columns.step) + GAP,
    fit(c.status, columns.status),
    GAP + fit(c.time, columns.time) + GAP + fit(c.cause, columns.cause),
  ];
  const headingLine = line(heading).join('');
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
        <Text wrap="truncate-end" bold underline={color}>{headingLine}</Text>
      </Box>
      <Box height={height} flexShrink={0} overflow="hidden">
        {empty ? (
          <Text wrap="wrap" dimColor>{t(lang, 'roomWatch.empty', { room, context })}</Text>
        ) : (
          <Text wrap="truncate-end">
            {shown.map((c, i) => {
              const [before, status, after] = line(c);
              return (
                <Text key={c.key}>
                  {i > 0 ? '\n' : ''}
                  {before}
                  <Text {...toneColor(c.tone, color)}>{status}</Text>
                  {after}
                </Text>
              );
            })}
          </Text>
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
