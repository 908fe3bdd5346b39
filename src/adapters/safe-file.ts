// Reading a file that anyone may have put there (a tutorial from elsewhere, a progress file)
// without being made to hang or to read without end: only regular files are read (a FIFO, a
// device, a socket or a directory is refused before it is opened, and opened non-blocking in
// case it was swapped in meanwhile), never more than a cap, and, when asked, only files whose
// real path (symlinks followed) lies inside a given folder.

import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { errorCode, errorMessage } from '../engine/errors.js';

export type NotFileKind = 'directory' | 'fifo' | 'socket' | 'device' | 'other';

export type SafeRead =
  | { readonly ok: true; readonly bytes: Buffer; readonly realPath: string }
  | { readonly ok: false; readonly problem: 'missing' }
  | { readonly ok: false; readonly problem: 'notFile'; readonly what: NotFileKind }
  | { readonly ok: false; readonly problem: 'tooBig'; readonly size: number; readonly max: number }
  | { readonly ok: false; readonly problem: 'escapes'; readonly target: string }
  | { readonly ok: false; readonly problem: 'unreadable'; readonly error: string };

export interface SafeReadOptions {
  readonly maxBytes: number;
  /** The real path (realpathSync) of a folder the file must resolve inside. */
  readonly within?: string;
}

function kindOf(st: Stats): NotFileKind {
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  return 'other';
}

function errorText(error: unknown): string {
  return errorCode(error) ?? errorMessage(error);
}

/** Whether `target` (a real path) is `root` or inside it. */
export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

// Not every platform has these flags (Windows): 0 leaves them out.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** The file's bytes, or why not. Never throws, never blocks on a pipe or device. */
export function readRegularFile(path: string, opts: SafeReadOptions): SafeRead {
  let real: string;
  try {
    // The C library's realpath: one call, where the JavaScript one lstats every component.
    real = realpathSync.native(path);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, problem: 'missing' };
    return { ok: false, problem: 'unreadable', error: errorText(error) };
  }
  if (opts.within !== undefined && !isInside(opts.within, real)) return { ok: false, problem: 'escapes', target: real };
  let fd: number | undefined;
  try {
    const st = statSync(real);
    if (!st.isFile()) return { ok: false, problem: 'notFile', what: kindOf(st) };
    if (st.size > opts.maxBytes) return { ok: false, problem: 'tooBig', size: st.size, max: opts.maxBytes };
    fd = openSync(real, OPEN_FLAGS);
    // The same checks on what was opened: it may have been replaced since.
    const opened = fstatSync(fd);
    if (!opened.isFile()) return { ok: false, problem: 'notFile', what: kindOf(opened) };
    if (opened.size > opts.maxBytes) return { ok: false, problem: 'tooBig', size: opened.size, max: opts.maxBytes };
    // Read up to one byte past the cap: a file that grows (or reports size 0, as /proc does) is still bounded.
    const buffer = Buffer.allocUnsafe(Math.min(opts.maxBytes + 1, Math.max(opened.size + 1, 64 * 1024)));
    let chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, opts.maxBytes + 1 - total), null);
      if (n === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, n)));
      total += n;
      if (total > opts.maxBytes) return { ok: false, problem: 'tooBig', size: total, max: opts.maxBytes };
    }
    const bytes = Buffer.concat(chunks, total);
    chunks = [];
    return { ok: true, bytes, realPath: real };
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return { ok: false, problem: 'missing' };
    if (code === 'ENXIO') return { ok: false, problem: 'notFile', what: 'socket' };
    if (code === 'EISDIR') return { ok: false, problem: 'notFile', what: 'directory' };
    return { ok: false, problem: 'unreadable', error: errorText(error) };
  } finally {
    try {
      if (fd !== undefined) closeSync(fd);
    } catch {
      // nothing more to do with it
    }
  }
}

/** UTF-8 bytes as text, or null when they are not UTF-8. A leading BOM is dropped unless `keepBom`. */
export function decodeUtf8(bytes: Uint8Array, keepBom = false): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: keepBom }).decode(bytes);
  } catch {
    return null;
  }
}
