// Records a shell session as an asciicast v2 file (https://docs.asciinema.org/manual/asciicast/v2/):
// a header line of JSON, then one event per line: [seconds, "o"|"i"|"r", data].
// Replay with `asciinema play FILE`. A recording holds everything typed and shown in the
// shell: it is written 0600 in a 0700 folder, and never through a symlink planted at its name.

import { closeSync, constants, createWriteStream, fchmodSync, fstatSync, openSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, FILE_MODE } from '../store/private-files.js';
import { t } from '../../i18n/index.js';
import type { Lang } from '../../i18n/types.js';

/**
 * The most the file stream may hold in memory, waiting for the disk (bytes). Output that
 * arrives while it is that far behind is not recorded; a note in the recording says how much.
 */
export const MAX_UNWRITTEN = 8 << 20;

/** What the shell pane feeds a transcript with. */
export interface ShellTranscript {
  /** Output of the shell. */
  output(data: string): void;
  /** Input typed by the learner. */
  input(data: string): void;
  resize(cols: number, rows: number): void;
}

export interface AsciicastOptions {
  /** The directory the file goes in (created 0700 if missing, tightened if looser). */
  readonly dir: string;
  /** Default ivol-shell-YYYYMMDD-HHMMSS.cast */
  readonly fileName?: string;
  readonly title?: string;
  /** Recorded in the header's env. */
  readonly term?: string;
  readonly shell?: string;
  /** Whether input events are recorded; default true. */
  readonly recordInput?: boolean;
  /** Clock in ms (tests); default performance.now. */
  readonly now?: () => number;
  /** Wall clock in ms for the header timestamp (tests); default Date.now. */
  readonly wallClock?: () => number;
  /** The language of the note about output that was not recorded; default en. */
  readonly lang?: Lang;
  /** The in-memory bound (tests); default MAX_UNWRITTEN. */
  readonly maxUnwritten?: number;
}

export interface AsciicastHeader {
  readonly version: 2;
  readonly width: number;
  readonly height: number;
  readonly timestamp: number;
  readonly title?: string;
  readonly env: { readonly TERM: string; readonly SHELL: string };
}

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export class AsciicastRecorder implements ShellTranscript {
  private stream: WriteStream | undefined;
  private t0 = 0;
  /** Output bytes dropped while the file stream was too far behind. */
  private notRecorded = 0;
  private filePath: string | undefined;
  private readonly now: () => number;
  private readonly wallClock: () => number;

  constructor(private readonly opts: AsciicastOptions) {
    this.now = opts.now ?? (() => performance.now());
    this.wallClock = opts.wallClock ?? (() => Date.now());
  }

  /** The file's path once started. */
  get path(): string | undefined {
    return this.filePath;
  }

  get recording(): boolean {
    return this.stream !== undefined;
  }

  /** Creates the file and writes the header; returns the file's path. Starting twice is a no-op. */
  start(cols: number, rows: number): string {
    if (this.stream && this.filePath) return this.filePath;
    ensurePrivateDir(this.opts.dir);
    const wall = this.wallClock();
    const path = join(this.opts.dir, this.opts.fileName ?? `ivol-shell-${stamp(wall)}.cast`);
    // Non-blocking: a FIFO planted at the name is an error, not a wait for whoever reads it.
    const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0), FILE_MODE);
    try {
      if (!fstatSync(fd).isFile()) throw new Error(`${path} is not a regular file`);
      fchmodSync(fd, FILE_MODE); // an existing file keeps its mode on open: tighten it
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    this.filePath = path;
    this.stream = createWriteStream('', { fd, encoding: 'utf8' });
    this.t0 = this.now();
    const header: AsciicastHeader = {
      version: 2,
      width: Math.max(1, Math.floor(cols)),
      height: Math.max(1, Math.floor(rows)),
      timestamp: Math.floor(wall / 1000),
      ...(this.opts.title !== undefined ? { title: this.opts.title } : {}),
      env: { TERM: this.opts.term ?? 'xterm-256color', SHELL: this.opts.shell ?? '/bin/sh' },
    };
    this.stream.write(JSON.stringify(header) + '\n');
    return this.filePath;
  }

  private event(code: 'o' | 'i' | 'r', data: string): void {
    const stream = this.stream;
    if (!stream || data === '') return;
    const behind = stream.writableLength > (this.opts.maxUnwritten ?? MAX_UNWRITTEN);
    if (behind && code === 'o') {
      // The disk is behind: drop output (never input or resizes: they are small) rather than
      // hold it all in memory.
      this.notRecorded += Buffer.byteLength(data);
      return;
    }
    if (!behind) this.noteDropped(stream);
    this.write(stream, code, data);
  }

  /** Says in the recording how much output it could not keep (once the stream caught up). */
  private noteDropped(stream: WriteStream): void {
    if (this.notRecorded === 0) return;
    const note = t(this.opts.lang ?? 'en', 'shell.notRecorded', { n: this.notRecorded });
    this.notRecorded = 0;
    this.write(stream, 'o', `\r\n${note}\r\n`);
  }

  private write(stream: WriteStream, code: 'o' | 'i' | 'r', data: string): void {
    const seconds = Math.max(0, (this.now() - this.t0) / 1000);
    stream.write(JSON.stringify([Number(seconds.toFixed(6)), code, data]) + '\n');
  }

  output(data: string): void {
    this.event('o', data);
  }

  input(data: string): void {
    if (this.opts.recordInput === false) return;
    this.event('i', data);
  }

  resize(cols: number, rows: number): void {
    this.event('r', `${Math.floor(cols)}x${Math.floor(rows)}`);
  }

  /** Closes the file; resolves with its path once everything is written. Idempotent. */
  stop(): Promise<string | undefined> {
    const stream = this.stream;
    this.stream = undefined;
    if (!stream) return Promise.resolve(this.filePath);
    this.noteDropped(stream);
    return new Promise((resolve, reject) => {
      stream.once('error', reject);
      stream.end(() => resolve(this.filePath));
    });
  }
}
