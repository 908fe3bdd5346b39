// A headless terminal emulator (@xterm/headless) fed with a shell's output, turned into
// snapshots of styled lines that Ink can render. The emulator answers the terminal's own
// queries (cursor position, device attributes) through onReply: the owner writes those
// replies back to the pty.

import type * as XTermNs from '@xterm/headless';
import type { IBufferCell, Terminal as XTerminal } from '@xterm/headless';

/** One run of cells with the same style. Colours: '#rrggbb', or a palette index '0'…'255'. */
export interface StyledSpan {
  readonly text: string;
  readonly fg?: string;
  readonly bg?: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly inverse?: boolean;
  readonly dim?: boolean;
}

export type StyledLine = readonly StyledSpan[];

export interface ScreenSnapshot {
  /** The visible rows (exactly `rows` of them), trailing unstyled blanks trimmed. */
  readonly lines: readonly StyledLine[];
  /** The cursor within the visible rows; visible is false when hidden or scrolled out of view. */
  readonly cursor: { readonly x: number; readonly y: number; readonly visible: boolean };
  readonly cols: number;
  readonly rows: number;
  /** Rows scrolled back from the live view (0: live). */
  readonly offset: number;
  /** How many rows of scrollback are above the live view (the largest useful offset). */
  readonly scrollback: number;
  /** Whether the alternate screen (full-screen programs such as vi, less) is active. */
  readonly altScreen: boolean;
}

export interface TerminalScreenOptions {
  /** Rows kept above the visible screen; default 1000. */
  readonly scrollback?: number;
  /** Least ms between two snapshots sent to subscribers; default 60. */
  readonly throttleMs?: number;
}

/** Flow control: above HIGH_WATER unparsed characters the shell is paused, at LOW_WATER resumed. */
export const HIGH_WATER = 512 * 1024;
export const LOW_WATER = 64 * 1024;

type XTermModule = typeof XTermNs;
let xtermModule: Promise<XTermModule> | undefined;

function loadXterm(): Promise<XTermModule> {
  xtermModule ??= import('@xterm/headless').then((m) => {
    const mod = m as XTermModule & { default?: XTermModule };
    return typeof mod.Terminal === 'function' ? mod : (mod.default ?? mod);
  });
  return xtermModule;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

function sizeOf(n: number, fallback: number): number {
  return Number.isFinite(n) && n >= 1 ? Math.min(Math.floor(n), 2000) : fallback;
}

function hex(rgb: number): string {
  return '#' + rgb.toString(16).padStart(6, '0');
}

interface MutableSpan {
  text: string;
  fg?: string;
  bg?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  dim?: boolean;
}

function cellStyle(cell: IBufferCell): { key: string; span: MutableSpan } {
  const span: MutableSpan = { text: '' };
  let key = '';
  if (cell.isFgRGB()) span.fg = hex(cell.getFgColor());
  else if (cell.isFgPalette()) span.fg = String(cell.getFgColor());
  if (cell.isBgRGB()) span.bg = hex(cell.getBgColor());
  else if (cell.isBgPalette()) span.bg = String(cell.getBgColor());
  key += (span.fg ?? '') + '/' + (span.bg ?? '') + '/';
  if (cell.isBold()) { span.bold = true; key += 'b'; }
  if (cell.isItalic()) { span.italic = true; key += 'i'; }
  if (cell.isUnderline()) { span.underline = true; key += 'u'; }
  if (cell.isInverse()) { span.inverse = true; key += 'r'; }
  if (cell.isDim()) { span.dim = true; key += 'd'; }
  return { key, span };
}

/** Whether a span is only blanks that look like nothing (safe to trim at the end of a line). */
function isInvisibleTail(span: MutableSpan): boolean {
  return span.bg === undefined && !span.inverse && !span.underline && span.text.trim() === '';
}

export class TerminalScreen {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly subscribers = new Set<(snapshot: ScreenSnapshot) => void>();
  private readonly replyListeners = new Set<(data: string) => void>();
  private readonly drainListeners = new Set<() => void>();
  private unparsed = 0;
  private readonly throttleMs: number;
  private cursorVisible = true;
  private lastEmit = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  private scratch: IBufferCell | undefined;

  private constructor(
    private readonly term: XTerminal,
    opts: TerminalScreenOptions,
  ) {
    this.throttleMs = opts.throttleMs ?? 60;
    const reply = (data: string): void => {
      for (const l of [...this.replyListeners]) l(data);
    };
    term.onData(reply);
    term.onBinary(reply);
    term.onWriteParsed(() => this.schedule());
    // DECTCEM (cursor shown/hidden) is not in the public API: watch for it, then let
    // xterm handle the sequence as usual (return false).
    const hasParam = (params: (number | number[])[], p: number): boolean =>
      params.some((x) => (Array.isArray(x) ? x.includes(p) : x === p));
    term.parser.registerCsiHandler({ prefix: '?', final: 'h' }, (params) => {
      if (hasParam(params, 25)) this.cursorVisible = true;
      return false;
    });
    term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => {
      if (hasParam(params, 25)) this.cursorVisible = false;
      return false;
    });
    term.parser.registerCsiHandler({ intermediates: '!', final: 'p' }, () => {
      this.cursorVisible = true;
      return false;
    });
    term.parser.registerEscHandler({ final: 'c' }, () => {
      this.cursorVisible = true;
      return false;
    });
  }

  /** Loads @xterm/headless (lazily, once) and makes a screen of the given size. */
  static async create(cols: number, rows: number, opts: TerminalScreenOptions = {}): Promise<TerminalScreen> {
    const { Terminal } = await loadXterm();
    const term = new Terminal({
      cols: sizeOf(cols, 80),
      rows: sizeOf(rows, 24),
      scrollback: opts.scrollback ?? 1000,
      allowProposedApi: true,
      convertEol: false,
    });
    return new TerminalScreen(term, opts);
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  /**
   * Feeds output of the shell. Bytes go through a streaming UTF-8 decoder (split characters
   * are kept). xterm parses in slices between other work, so a fast shell can write faster
   * than it parses: `backlog` counts what is written but not parsed yet, and the caller
   * pauses the shell above a high-water mark (flow control, as xterm.js recommends).
   */
  write(data: string | Uint8Array): void {
    if (this.disposed) return;
    const text = typeof data === 'string' ? data : this.decoder.decode(data, { stream: true });
    if (text === '') return;
    this.unparsed += text.length;
    this.term.write(text, () => {
      this.unparsed -= text.length;
      if (this.unparsed <= LOW_WATER && this.drainListeners.size > 0) for (const l of [...this.drainListeners]) l();
    });
  }

  /** Characters written but not parsed yet. */
  get backlog(): number {
    return this.unparsed;
  }

  /** Called when the backlog falls to the low-water mark (after being written to). */
  onDrain(listener: () => void): () => void {
    this.drainListeners.add(listener);
    return () => {
      this.drainListeners.delete(listener);
    };
  }

  /** Resolves once everything written so far has been parsed. */
  whenParsed(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    return new Promise((resolve) => this.term.write('', resolve));
  }

  /** The terminal's replies to queries (\x1b[6n, \x1b[c, …): write them to the pty. */
  onReply(listener: (data: string) => void): () => void {
    this.replyListeners.add(listener);
    return () => {
      this.replyListeners.delete(listener);
    };
  }

  resize(cols: number, rows: number): void {
    if (this.disposed) return;
    const c = sizeOf(cols, this.term.cols);
    const r = sizeOf(rows, this.term.rows);
    if (c === this.term.cols && r === this.term.rows) return;
    this.term.resize(c, r);
    this.schedule();
  }

  /** The visible rows; offset: rows scrolled back from the live view (clamped). */
  snapshot(opts: { offset?: number } = {}): ScreenSnapshot {
    const buf = this.term.buffer.active;
    const rows = this.term.rows;
    const cols = this.term.cols;
    const offset = clamp(Math.floor(opts.offset ?? 0), 0, buf.baseY);
    const top = buf.baseY - offset;
    const lines: StyledLine[] = [];
    for (let y = 0; y < rows; y++) lines.push(this.readLine(top + y, cols));
    const cy = buf.cursorY + offset;
    return {
      lines,
      cursor: { x: clamp(buf.cursorX, 0, cols - 1), y: cy, visible: this.cursorVisible && cy < rows },
      cols,
      rows,
      offset,
      scrollback: buf.baseY,
      altScreen: buf.type === 'alternate',
    };
  }

  private readLine(index: number, cols: number): StyledLine {
    const line = this.term.buffer.active.getLine(index);
    if (!line) return [];
    const spans: MutableSpan[] = [];
    let lastKey: string | undefined;
    for (let x = 0; x < cols; x++) {
      const cell = line.getCell(x, this.scratch);
      if (!cell) break;
      this.scratch = cell;
      const width = cell.getWidth();
      if (width === 0) continue; // the second half of a wide character
      const chars = cell.getChars() || ' ';
      const { key, span } = cellStyle(cell);
      const last = spans[spans.length - 1];
      if (last && key === lastKey) last.text += chars;
      else {
        span.text = chars;
        spans.push(span);
        lastKey = key;
      }
    }
    while (spans.length > 0) {
      const last = spans[spans.length - 1];
      if (!isInvisibleTail(last)) {
        if (last.bg === undefined && !last.inverse && !last.underline) last.text = last.text.replace(/ +$/, '');
        break;
      }
      spans.pop();
    }
    return spans;
  }

  /**
   * Calls back with a snapshot of the live view after output or a resize: at once when
   * the last one is older than the throttle, else at the end of it (at most one per ~60 ms).
   */
  subscribe(listener: (snapshot: ScreenSnapshot) => void): () => void {
    this.subscribers.add(listener);
    return () => {
      this.subscribers.delete(listener);
    };
  }

  /** Sends a snapshot now, after everything written so far is parsed (e.g. on exit). */
  async flush(): Promise<void> {
    await this.whenParsed();
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.emit();
  }

  private schedule(): void {
    if (this.disposed || this.timer || this.subscribers.size === 0) return;
    const wait = this.lastEmit + this.throttleMs - performance.now();
    if (wait <= 0) {
      this.emit();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.emit();
    }, wait);
  }

  private emit(): void {
    if (this.disposed || this.subscribers.size === 0) return;
    const snap = this.snapshot();
    for (const l of [...this.subscribers]) l(snap);
    // The interval counts from when this one was delivered: a slow snapshot or listener on a
    // loaded machine then never brings the next one closer than the throttle.
    this.lastEmit = performance.now();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.subscribers.clear();
    this.replyListeners.clear();
    this.drainListeners.clear();
    this.term.dispose();
  }
}
