// Files the tour writes are the learner's alone: directories 0700, files 0600 (the work
// directory's configs and manifests, progress, the trust list, shell recordings). Directories
// and files that already exist with looser modes are tightened. Files are written to a
// temporary file and renamed into place: a reader never sees half a file, and a symlink
// planted where the file goes is replaced, never followed.

import { chmodSync, lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** Tightens an existing directory or file of ours to `mode` when group or others have any access. */
function tighten(path: string, mode: number): void {
  try {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) return;
    const ours = typeof process.getuid !== 'function' || st.uid === process.getuid();
    if (ours && (st.mode & 0o077) !== 0) chmodSync(path, mode);
  } catch {
    // gone, or not ours to change
  }
}

/** The folders from `root` down to `dir` (root included), when dir is inside root; else just dir. */
function chain(dir: string, root?: string): string[] {
  if (root === undefined) return [dir];
  const rel = relative(root, dir);
  if (rel === '') return [root];
  if (rel.startsWith('..') || isAbsolute(rel)) return [dir];
  const out = [root];
  let at = root;
  for (const part of rel.split(sep)) {
    at = join(at, part);
    out.push(at);
  }
  return out;
}

/** Creates `dir` (and what is missing above it) 0700, and tightens every folder from `root` down to it. */
export function ensurePrivateDir(dir: string, root?: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  for (const d of chain(dir, root)) tighten(d, DIR_MODE);
}

export async function ensurePrivateDirAsync(dir: string, root?: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
  for (const d of chain(dir, root)) tighten(d, DIR_MODE);
}

let counter = 0;
function tmpName(path: string): string {
  counter = (counter + 1) % 1_000_000;
  return `${path}.${process.pid}.${counter}.tmp`;
}

/** Writes `content` to `path`, 0600, atomically; its folder is made private first. */
export function writePrivateFile(path: string, content: string | Uint8Array, root?: string): void {
  ensurePrivateDir(dirname(path), root);
  const tmp = tmpName(path);
  try {
    // 'wx': a file (or symlink) already at the temporary name is an error, not a target.
    writeFileSync(tmp, content, { mode: FILE_MODE, flag: 'wx' });
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

export async function writePrivateFileAsync(path: string, content: string | Uint8Array, root?: string): Promise<void> {
  await ensurePrivateDirAsync(dirname(path), root);
  const tmp = tmpName(path);
  try {
    await writeFile(tmp, content, { mode: FILE_MODE, flag: 'wx' });
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Tightens an existing file to 0600 (a backup moved aside, a recording). */
export function tightenFile(path: string): void {
  tighten(path, FILE_MODE);
}
