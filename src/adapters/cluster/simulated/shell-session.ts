// An interactive terminal over the simulated pod shell: bash-like line editing (echo,
// Backspace, ←/→, Home/End, ↑/↓ history, Ctrl-C, Ctrl-D, Ctrl-L, Ctrl-U), a prompt that follows
// the working directory, output with \r\n line ends.
import { t } from '../../../i18n/index.js';
import type { Clock, ShellSession } from '../../ports.js';
import { IMAGE_PROGRAMS } from './image-commands.js';
import { BUILTINS, newShellState, PodShell, containerFs } from './pod-shell.js';
import { resolvePath } from './vfs.js';
import { containerRunning, type SimPod } from './pod-timeline.js';
import type { Lang } from '../../../i18n/types.js';

export interface ShellSessionOptions {
  readonly pod: SimPod;
  readonly container: string;
  readonly cols: number;
  readonly rows: number;
  readonly lang: Lang;
  readonly clock: Clock;
  /** Whether the pod's container still runs (the session ends when it stops). */
  readonly alive?: () => boolean;
}

const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

export class SimulatedShellSession implements ShellSession {
  private readonly dataListeners = new Set<(data: string) => void>();
  private readonly exitListeners = new Set<(exit: { exitCode: number | null }) => void>();
  private readonly shell: PodShell;
  private pending: string[] = [];
  private line = '';
  private cursor = 0;
  private historyIndex = -1;
  private draft = '';
  private input = '';
  private busy: AbortController | null = null;
  private lastKeyWasTab = false;
  private exited = false;
  private readonly alive: () => boolean;

  constructor(private readonly options: ShellSessionOptions) {
    const { pod, container } = options;
    const state = newShellState(pod.stored.metadata.name, true, options.cols, options.rows, options.lang);
    this.alive = options.alive ?? (() => containerRunning(pod, container, options.clock.now()));
    this.shell = new PodShell(containerFs(pod, container), state, { now: () => options.clock.now(), sleep: (ms, signal) => options.clock.sleep(ms, signal) }, undefined);
    this.emit(`\x1b[2m${t(options.lang, 'sim.shell.banner', { pod: pod.stored.metadata.name, container })}\x1b[0m\r\n`);
    this.emit(this.prompt());
  }

  private prompt(): string {
    const state = this.shell.state;
    const home = state.vars.get('HOME') ?? '/root';
    const cwd = state.cwd === home ? '~' : state.cwd.startsWith(`${home}/`) ? `~${state.cwd.slice(home.length)}` : state.cwd;
    return `root@${state.hostname}:${cwd}# `;
  }

  private emit(data: string): void {
    if (this.dataListeners.size === 0) {
      this.pending.push(data);
      return;
    }
    for (const l of [...this.dataListeners]) l(data);
  }

  onData(listener: (data: string) => void): () => void {
    this.dataListeners.add(listener);
    if (this.pending.length > 0) {
      const queued = this.pending;
      this.pending = [];
      queueMicrotask(() => {
        for (const d of queued) listener(d);
      });
    }
    return () => this.dataListeners.delete(listener);
  }

  onExit(listener: (exit: { exitCode: number | null }) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  resize(cols: number, rows: number): void {
    this.shell.state.cols = cols;
    this.shell.state.rows = rows;
  }

  kill(): void {
    this.busy?.abort();
    this.finish(null);
  }

  private finish(exitCode: number | null): void {
    if (this.exited) return;
    this.exited = true;
    for (const l of [...this.exitListeners]) l({ exitCode });
  }

  write(data: string): void {
    if (this.exited) return;
    if (this.busy) {
      // Ctrl-C interrupts the running command; other keys are typed ahead.
      const i = data.indexOf('\x03');
      if (i >= 0) {
        this.busy.abort();
        this.input += data.slice(i + 1);
      } else this.input += data;
      return;
    }
    this.input += data;
    this.drain();
  }

  private drain(): void {
    while (this.input.length > 0 && !this.busy && !this.exited) {
      const consumed = this.key(this.input);
      this.input = this.input.slice(consumed);
    }
  }

  /** Handles one key at the start of buf; returns how many characters it used. */
  private key(buf: string): number {
    const c = buf[0];
    const tab = c === '\t';
    const wasTab = this.lastKeyWasTab;
    this.lastKeyWasTab = tab;
    if (tab) {
      this.complete(wasTab);
      return 1;
    }
    if (c === '\x1b') {
      // eslint-disable-next-line no-control-regex
      const m = /^\x1b(?:\[([0-9;]*)([A-Za-z~])|O([A-Za-z]))/.exec(buf);
      if (!m) return buf.length === 1 ? 1 : 2;
      const final = m[2] ?? m[3];
      const param = m[1] ?? '';
      if (final === 'A') this.historyMove(1);
      else if (final === 'B') this.historyMove(-1);
      else if (final === 'C') this.moveTo(this.cursor + 1);
      else if (final === 'D') this.moveTo(this.cursor - 1);
      else if (final === 'H' || (final === '~' && (param === '1' || param === '7'))) this.moveTo(0);
      else if (final === 'F' || (final === '~' && (param === '4' || param === '8'))) this.moveTo(this.line.length);
      else if (final === '~' && param === '3') this.deleteAt(this.cursor);
      return m[0].length;
    }
    switch (c) {
      case '\r':
      case '\n': {
        const next = buf[1];
        this.enter();
        return c === '\r' && next === '\n' ? 2 : 1;
      }
      case '\x7f':
      case '\b':
        if (this.cursor > 0 && this.cursor === this.line.length) {
          this.line = this.line.slice(0, -1);
          this.cursor--;
          this.emit('\b \b');
        } else if (this.cursor > 0) {
          this.moveTo(this.cursor - 1);
          this.deleteAt(this.cursor);
        }
        return 1;
      case '\x03':
        this.emit('^C\r\n');
        this.reset();
        this.shell.state.lastStatus = 130;
        this.emit(this.prompt());
        return 1;
      case '\x04':
        if (this.line === '') {
          this.emit('exit\r\n');
          this.finish(this.shell.state.lastStatus);
        } else this.deleteAt(this.cursor);
        return 1;
      case '\x0c':
        this.emit(`\x1b[H\x1b[2J${this.prompt()}${this.line}${this.back(this.line.length - this.cursor)}`);
        return 1;
      case '\x01':
        this.moveTo(0);
        return 1;
      case '\x05':
        this.moveTo(this.line.length);
        return 1;
      case '\x15':
        this.replaceLine(this.line.slice(this.cursor), 0);
        return 1;
      default:
        if (c < ' ') return 1;
        this.insert(c);
        return 1;
    }
  }

  /**
   * bash's Tab: the word before the cursor completes to a command (first word) or a path; one
   * match is inserted (a directory with `/`, anything else with a space), several insert what
   * they share, and a second Tab lists them.
   */
  private complete(listing: boolean): void {
    const before = this.line.slice(0, this.cursor);
    const start = before.lastIndexOf(' ') + 1;
    const word = before.slice(start);
    const commandWord = before.slice(0, start).trim() === '' || /[|;&]\s*$/.test(before.slice(0, start));
    const state = this.shell.state;
    let candidates: { text: string; dir: boolean }[];
    if (commandWord && !word.includes('/')) {
      candidates = [...new Set([...BUILTINS, ...IMAGE_PROGRAMS])].filter((n) => n.startsWith(word)).sort().map((text) => ({ text, dir: false }));
    } else {
      const slash = word.lastIndexOf('/');
      const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
      const prefix = word.slice(slash + 1);
      const dir = this.shell.fs.tryLookup(resolvePath(state.cwd, dirPart === '' ? '.' : dirPart));
      candidates = dir?.type === 'dir'
        ? [...dir.children.keys()].filter((n) => n.startsWith(prefix) && (prefix.startsWith('.') || !n.startsWith('.'))).sort().map((n) => ({ text: `${dirPart}${n}`, dir: this.shell.fs.tryLookup(resolvePath(state.cwd, `${dirPart}${n}`))?.type === 'dir' }))
        : [];
    }
    if (candidates.length === 0) return this.emit('\x07');
    if (candidates.length === 1) {
      const only = candidates[0] ?? { text: word, dir: false };
      return this.insert(`${only.text.slice(word.length)}${only.dir ? '/' : ' '}`);
    }
    let common = candidates[0]?.text ?? '';
    for (const c of candidates) while (!c.text.startsWith(common)) common = common.slice(0, -1);
    if (common.length > word.length) return this.insert(common.slice(word.length));
    if (!listing) return this.emit('\x07');
    const names = candidates.map((c) => `${c.text.slice(c.text.lastIndexOf('/', c.text.length - 2) + 1)}${c.dir ? '/' : ''}`);
    const width = Math.max(...names.map((n) => n.length)) + 2;
    const perRow = Math.max(1, Math.floor(state.cols / width));
    const rows = Math.ceil(names.length / perRow);
    const lines = Array.from({ length: rows }, (_, r) => Array.from({ length: perRow }, (_, c) => names[c * rows + r]).filter((n) => n !== undefined).map((n, i, row) => (i === row.length - 1 ? n : n.padEnd(width))).join(''));
    this.emit(`\r\n${lines.join('\r\n')}\r\n${this.prompt()}${this.line}${this.back(this.line.length - this.cursor)}`);
  }

  private back(n: number): string {
    return n > 0 ? `\x1b[${n}D` : '';
  }

  private insert(text: string): void {
    const tail = this.line.slice(this.cursor);
    this.line = this.line.slice(0, this.cursor) + text + tail;
    this.cursor += text.length;
    this.emit(text + tail + this.back(tail.length));
  }

  private deleteAt(pos: number): void {
    if (pos >= this.line.length) return;
    this.line = this.line.slice(0, pos) + this.line.slice(pos + 1);
    const tail = this.line.slice(pos);
    this.emit(`${tail} ${this.back(tail.length + 1)}`);
  }

  private moveTo(pos: number): void {
    const target = Math.max(0, Math.min(this.line.length, pos));
    if (target < this.cursor) this.emit(this.back(this.cursor - target));
    else if (target > this.cursor) this.emit(`\x1b[${target - this.cursor}C`);
    this.cursor = target;
  }

  private replaceLine(text: string, cursor = text.length): void {
    this.emit(`${this.back(this.cursor)}\x1b[K${text}${this.back(text.length - cursor)}`);
    this.line = text;
    this.cursor = cursor;
  }

  private historyMove(delta: number): void {
    const history = this.shell.state.history;
    if (history.length === 0) return;
    if (this.historyIndex === -1) this.draft = this.line;
    const next = Math.max(-1, Math.min(history.length - 1, this.historyIndex + delta));
    if (next === this.historyIndex) return;
    this.historyIndex = next;
    this.replaceLine(next === -1 ? this.draft : history[history.length - 1 - next]);
  }

  private reset(): void {
    this.line = '';
    this.cursor = 0;
    this.historyIndex = -1;
    this.draft = '';
  }

  private enter(): void {
    const line = this.line;
    this.emit('\r\n');
    this.reset();
    if (line.trim() !== '') {
      const history = this.shell.state.history;
      if (history[history.length - 1] !== line) history.push(line);
    }
    if (line.trim() === '') {
      this.emit(this.prompt());
      return;
    }
    if (!this.alive()) {
      this.emit('command terminated with exit code 137\r\n');
      this.finish(137);
      return;
    }
    const controller = new AbortController();
    this.busy = controller;
    const shell = new PodShell(this.shell.fs, this.shell.state, { now: () => this.options.clock.now(), sleep: (ms) => this.options.clock.sleep(ms, controller.signal) }, controller.signal);
    const io = { out: (s: string) => this.emit(crlf(s)), err: (s: string) => this.emit(crlf(s)), tty: true };
    shell
      .runLine(line, 'bash', io)
      .then(
        (outcome) => {
          this.busy = null;
          if (outcome.exit !== undefined) {
            this.finish(outcome.exit);
            return;
          }
          this.emit(this.prompt());
        },
        (error: unknown) => {
          this.busy = null;
          if (error instanceof Error && error.name === 'AbortError') {
            this.emit('^C\r\n');
            this.shell.state.lastStatus = 130;
          } else this.emit(crlf(`bash: ${String(error)}\n`));
          this.emit(this.prompt());
        },
      )
      .finally(() => this.drain());
  }
}
