// The embedded shell: a terminal screen rendered as exactly `height` fixed lines of
// `width` columns, and — while focused — every byte the learner types going to the shell
// unchanged (Ctrl-C, Tab, arrows, Alt and F-keys), except the leave chord (Ctrl-], from the
// key table: SHELL_KEYS) which leaves the pane. The shell, its screen and its recording are
// the shell controller's (src/app/shell-controller.ts); the pane only draws and forwards.
//
// What the embedding app must do while `focused` is true: make every other useInput
// inactive (isActive: false), call useFocusManager().disableFocus() (else Ink takes Tab),
// and render with exitOnCtrlC: false (Ctrl-C belongs to the pod). On onLeave and when the
// shell ends, set focused to false and take the keys back.

import { Box, Text, useStdin } from 'ink';
import { useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import stringWidth from 'string-width';
import type { ShellExit, ShellScreenSource, ShellSnapshot } from '../../app/shell-controller.js';
import type { ScreenSnapshot, StyledLine, StyledSpan } from '../../adapters/pty/terminal-screen.js';
import { t } from '../../i18n/index.js';
import { chordBytes } from '../keys/bindings.js';
import { SHELL_KEYS } from '../keys/key-bindings.js';
import { InputLineTracker } from './input-lines.js';
import type { Lang } from '../../i18n/types.js';

export { InputLineTracker, inputLines, shellTasksDone } from './input-lines.js';
export type { ShellExit } from '../../app/shell-controller.js';

/** The bytes that leave the pane (Ctrl-]: GS), as the key table binds them. */
export const LEAVE_BYTES: readonly string[] = SHELL_KEYS.leaveShell.keys.map(chordBytes).filter((b): b is string => b !== undefined);

export interface ShellPaneProps {
  /** The shell to show (the session's ShellController); while it has none open, the pane says it is starting. */
  readonly shell: ShellScreenSource;
  /** Columns of the pane (and of the terminal). */
  readonly width: number;
  /** Rows of the pane: one header row plus height-1 terminal rows. */
  readonly height: number;
  /** Whether typed bytes go to the shell. */
  readonly focused: boolean;
  /** The leave chord was typed (the bytes typed before it were forwarded). The shell keeps running. */
  readonly onLeave: () => void;
  /** The shell ended; the pane shows so. Called once per mount. */
  readonly onExit?: (exit: ShellExit) => void;
  /** The header row, e.g. t(lang, 'shell.header', { pod, container }). */
  readonly label: string;
  /** Each command line the learner entered (for shellTasksDone). */
  readonly onInputLine?: (line: string) => void;
  readonly lang?: Lang;
  /** ms to wait for the size to settle before resizing the shell; default 40. */
  readonly resizeDebounceMs?: number;
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
  const { shell, focused, label } = props;
  const lang = props.lang ?? 'en';
  const { cols, rows } = shellPaneTermSize(props.width, props.height);
  const width = cols;
  const snapshot = useSyncExternalStore(shell.subscribe, shell.getSnapshot, shell.getSnapshot);
  const status = snapshot?.status;
  const screen = snapshot?.screen ?? null;
  const exit = status?.exit ?? null;
  const error = status?.error ?? null;
  useShellSize(shell, snapshot, cols, rows, props.resizeDebounceMs ?? 40);
  useExitCallback(exit, props.onExit);
  useShellInput(shell, focused && status?.phase === 'running', props);

  const lines = buildRows(screen, rows, width, focused && exit === null);
  let statusLine: string | undefined;
  if (error) statusLine = t(lang, 'shell.openFailed', { reason: error });
  else if (exit) statusLine = exit.exitCode === null ? t(lang, 'shell.endedSignal') : t(lang, 'shell.ended', { code: exit.exitCode });
  else if (!screen) statusLine = t(lang, 'shell.starting');
  else if (screen.offset > 0) statusLine = t(lang, 'shell.scrolledBack', { offset: screen.offset });
  if (statusLine !== undefined) {
    const statusRow = !screen && !exit && !error ? 0 : rows - 1;
    lines[statusRow] = plain(statusLine, width).map((s) => ({ ...s, inverse: exit !== null || error !== null, bold: true }));
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

/** The shell follows the pane's size, once it has settled (a resize drag sends many). */
function useShellSize(shell: ShellScreenSource, snapshot: ShellSnapshot | null, cols: number, rows: number, debounceMs: number): void {
  const running = snapshot !== null;
  useEffect(() => {
    if (!running) return undefined;
    const timer = setTimeout(() => shell.resize(cols, rows), debounceMs);
    return () => clearTimeout(timer);
  }, [shell, running, cols, rows, debounceMs]);
}

/** onExit, once per mount, when the shell has ended. */
function useExitCallback(exit: ShellExit | null, onExit: ((exit: ShellExit) => void) | undefined): void {
  const called = useRef(false);
  const onExitRef = useRef(onExit);
  onExitRef.current = onExit;
  useEffect(() => {
    if (!exit || called.current) return;
    called.current = true;
    onExitRef.current?.(exit);
  }, [exit]);
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
 * the shell unchanged; the leave chord calls onLeave after forwarding the bytes before it
 * (the bytes after it in the same chunk are dropped).
 */
function useShellInput(shell: ShellScreenSource, active: boolean, props: ShellPaneProps): void {
  const { stdin, setRawMode, isRawModeSupported } = useStdin();
  const propsRef = useRef(props);
  propsRef.current = props;
  const trackerRef = useRef(new InputLineTracker());
  // Set at the leave chord, until the pane is focused again: what is typed meanwhile (before
  // this listener is gone) is the tour's, not the shell's.
  const leftRef = useRef(false);
  if (!props.focused) leftRef.current = false;

  useEffect(() => {
    if (!active) return undefined;
    if (isRawModeSupported) setRawMode(true);
    const forward = (data: string): void => {
      if (data === '') return;
      shell.write(data);
      const p = propsRef.current;
      const entered = trackerRef.current.feed(data);
      if (p.onInputLine) for (const line of entered) p.onInputLine(line);
    };
    const onData = (chunk: string | Buffer): void => {
      // The pane lost the keys in the last render (its listener goes with the next effects).
      if (leftRef.current || !propsRef.current.focused) return;
      const data = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const at = leaveAt(data);
      if (at < 0) {
        forward(data);
        return;
      }
      forward(data.slice(0, at));
      leftRef.current = true;
      propsRef.current.onLeave();
    };
    stdin.on('data', onData);
    return () => {
      stdin.off('data', onData);
      if (isRawModeSupported) setRawMode(false);
    };
  }, [active, shell, stdin, setRawMode, isRawModeSupported]);
}

/** Where the first leave chord starts in `data`, or -1. */
function leaveAt(data: string): number {
  let at = -1;
  for (const bytes of LEAVE_BYTES) {
    const i = data.indexOf(bytes);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  return at;
}
