// The embedded shell: a terminal screen rendered as exactly `height` fixed lines of
// `width` columns, and — while focused — every byte the learner types going to the shell
// unchanged (Ctrl-C, Tab, arrows, Alt and F-keys), except Ctrl-] which leaves the pane.
//
// What the embedding app must do while `focused` is true: make every other useInput
// inactive (isActive: false), call useFocusManager().disableFocus() (else Ink takes Tab),
// and render with exitOnCtrlC: false (Ctrl-C belongs to the pod). On onLeave and on
// onExit set focused to false and take the keys back.

import { Box, Text, useStdin } from 'ink';
import { useEffect, useRef, type ReactNode } from 'react';
import stringWidth from 'string-width';
import type { ShellSession } from '../../adapters/ports.js';
import type { ShellTranscript } from '../../adapters/pty/asciicast.js';
import type { ScreenSnapshot, StyledLine, StyledSpan } from '../../adapters/pty/terminal-screen.js';
import { t } from '../../i18n/index.js';
import { InputLineTracker } from './input-lines.js';
import { useShellSession, type ShellExit } from './useShellSession.js';
import type { Lang } from '../../i18n/types.js';

export { InputLineTracker, inputLines, shellTasksDone } from './input-lines.js';
export type { ShellExit } from './useShellSession.js';

/** The byte that leaves the pane: Ctrl-] (GS). */
export const LEAVE_BYTE = '\x1d';

export interface ShellPaneProps {
  /** null while the shell is being opened. */
  readonly session: ShellSession | null;
  /** Columns of the pane (and of the terminal). */
  readonly width: number;
  /** Rows of the pane: one header row plus height-1 terminal rows. */
  readonly height: number;
  /** Whether typed bytes go to the shell. */
  readonly focused: boolean;
  /** Ctrl-] was pressed (the bytes typed before it were forwarded). The shell keeps running. */
  readonly onLeave: () => void;
  /** The shell ended; the pane shows so. Called once per mount. */
  readonly onExit?: (exit: ShellExit) => void;
  /** The header row, e.g. t(lang, 'shell.header', { pod, container }). */
  readonly label: string;
  /** Records output, input and resizes (an AsciicastRecorder the caller started and stops). */
  readonly transcript?: ShellTranscript;
  /** Each command line the learner entered (for shellTasksDone). */
  readonly onInputLine?: (line: string) => void;
  /** Rows scrolled back from the live view (0, the default: live). */
  readonly scrollOffset?: number;
  readonly lang?: Lang;
}

/** The terminal size a pane of width×height shows: open the session with it. */
export function shellPaneTermSize(width: number, height: number): { cols: number; rows: number } {
  return { cols: Math.max(1, Math.floor(width)), rows: Math.max(1, Math.floor(height) - 1) };
}

/** A run of text with one style, exactly as wide as its cells. */
export interface PaneSegment extends StyledSpan {
  readonly cells: number;
}

const segmenter = new Intl.Segmenter();

function charWidth(ch: string): number {
  const c = ch.charCodeAt(0);
  if (ch.length === 1 && c >= 0x20 && c < 0x7f) return 1;
  return stringWidth(ch);
}

function chars(text: string): string[] {
   
  if (/^[\x20-\x7e]*$/.test(text)) return text.split('');
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/**
 * Lays a line out in exactly `width` cells: truncated (never a half wide character) or
 * padded with blanks; the cell at cursorX (when given) inverted.
 */
export function layoutLine(line: StyledLine, width: number, cursorX?: number): PaneSegment[] {
  const out: PaneSegment[] = [];
  let col = 0;
  const push = (style: StyledSpan, text: string, cells: number): void => {
    if (cells <= 0) return;
    const { text: _t, ...rest } = style;
    out.push({ ...rest, text, cells });
  };
  for (const span of line) {
    if (col >= width) break;
    let buf = '';
    let bufCells = 0;
    for (const ch of chars(span.text)) {
      const w = charWidth(ch);
      if (w === 0) {
        buf += ch;
        continue;
      }
      if (col + w > width) {
        col = width + 1; // stop: a wide char that does not fit
        break;
      }
      if (cursorX !== undefined && cursorX >= col && cursorX < col + w) {
        push(span, buf, bufCells);
        buf = '';
        bufCells = 0;
        push({ ...span, inverse: !span.inverse }, ch, w);
      } else {
        buf += ch;
        bufCells += w;
      }
      col += w;
    }
    push(span, buf, bufCells);
    if (col > width) {
      col = width;
      break;
    }
  }
  col = out.reduce((n, s) => n + s.cells, 0);
  if (col < width) {
    if (cursorX !== undefined && cursorX >= col && cursorX < width) {
      if (cursorX > col) push({ text: '' }, ' '.repeat(cursorX - col), cursorX - col);
      push({ text: '', inverse: true }, ' ', 1);
      col = cursorX + 1;
    }
    if (col < width) push({ text: '' }, ' '.repeat(width - col), width - col);
  }
  return out;
}

function colour(c: string | undefined): string | undefined {
  if (c === undefined) return undefined;
  return c.startsWith('#') ? c : `ansi256(${c})`;
}

function Segments({ segments }: { segments: readonly PaneSegment[] }): ReactNode {
  return segments.map((s, i) => (
    <Text
      key={i}
      color={colour(s.fg)}
      backgroundColor={colour(s.bg)}
      bold={s.bold ?? false}
      italic={s.italic ?? false}
      underline={s.underline ?? false}
      inverse={s.inverse ?? false}
      dimColor={s.dim ?? false}
    >
      {s.text}
    </Text>
  ));
}

function Row({ width, children }: { width: number; children: ReactNode }): ReactNode {
  return (
    <Box height={1} width={width} flexShrink={0} overflow="hidden">
      <Text wrap="truncate-end">{children}</Text>
    </Box>
  );
}

function plain(text: string, width: number): PaneSegment[] {
  return layoutLine([{ text }], width);
}

export function ShellPane(props: ShellPaneProps): ReactNode {
  const { session, focused, label } = props;
  const lang = props.lang ?? 'en';
  const { cols, rows } = shellPaneTermSize(props.width, props.height);
  const width = cols;
  const { snapshot, exit, error } = useShellSession(session, cols, rows, {
    offset: props.scrollOffset ?? 0,
    ...(props.transcript ? { transcript: props.transcript } : {}),
    ...(props.onExit ? { onExit: props.onExit } : {}),
  });
  useShellInput(session, focused && exit === null, props);

  const lines = buildRows(snapshot, rows, width, focused && exit === null);
  let status: string | undefined;
  if (error) status = t(lang, 'shell.openFailed', { reason: error });
  else if (exit) status = exit.exitCode === null ? t(lang, 'shell.endedSignal') : t(lang, 'shell.ended', { code: exit.exitCode });
  else if (!snapshot) status = t(lang, 'shell.starting');
  else if (snapshot.offset > 0) status = t(lang, 'shell.scrolledBack', { offset: snapshot.offset });
  if (status !== undefined) {
    const statusRow = !snapshot && !exit && !error ? 0 : rows - 1;
    lines[statusRow] = plain(status, width).map((s) => ({ ...s, inverse: exit !== null || error !== null, bold: true }));
  }
  return (
    <Box flexDirection="column" width={width} height={rows + 1} flexShrink={0} overflow="hidden">
      <Row width={width}>
        <Segments segments={plain(label, width).map((s) => ({ ...s, bold: focused, inverse: focused, dim: !focused }))} />
      </Row>
      {lines.map((segments, i) => (
        <Row key={i} width={width}>
          <Segments segments={segments} />
        </Row>
      ))}
    </Box>
  );
}

function buildRows(snapshot: ScreenSnapshot | null, rows: number, width: number, showCursor: boolean): PaneSegment[][] {
  const out: PaneSegment[][] = [];
  for (let y = 0; y < rows; y++) {
    const line = snapshot?.lines[y] ?? [];
    const cursorX =
      showCursor && snapshot && snapshot.cursor.visible && snapshot.cursor.y === y ? snapshot.cursor.x : undefined;
    out.push(layoutLine(line, width, cursorX));
  }
  return out;
}

/**
 * While active: holds raw mode through Ink (reference-counted) and forwards stdin bytes to
 * the session unchanged; Ctrl-] calls onLeave after forwarding the bytes before it (the
 * bytes after it in the same chunk are dropped).
 */
function useShellInput(session: ShellSession | null, active: boolean, props: ShellPaneProps): void {
  const { stdin, setRawMode, isRawModeSupported } = useStdin();
  const propsRef = useRef(props);
  propsRef.current = props;
  const trackerRef = useRef(new InputLineTracker());

  useEffect(() => {
    if (!active || !session) return undefined;
    if (isRawModeSupported) setRawMode(true);
    const forward = (data: string): void => {
      if (data === '') return;
      session.write(data);
      const p = propsRef.current;
      p.transcript?.input(data);
      const entered = trackerRef.current.feed(data);
      if (p.onInputLine) for (const line of entered) p.onInputLine(line);
    };
    const onData = (chunk: string | Buffer): void => {
      const data = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const at = data.indexOf(LEAVE_BYTE);
      if (at < 0) {
        forward(data);
        return;
      }
      forward(data.slice(0, at));
      propsRef.current.onLeave();
    };
    stdin.on('data', onData);
    return () => {
      stdin.off('data', onData);
      if (isRawModeSupported) setRawMode(false);
    };
  }, [active, session, stdin, setRawMode, isRawModeSupported]);

  useEffect(() => {
    trackerRef.current.reset();
  }, [session]);
}
