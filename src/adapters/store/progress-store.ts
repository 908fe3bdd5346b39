// Progress of a tutorial on one cluster, kept as JSON under the user's data directory
// (env-paths: XDG on Linux, ~/Library/Application Support on macOS, %LOCALAPPDATA% on
// Windows; IVOL_TOUR_STATE_DIR overrides it). Written atomically (temporary file + rename),
// 0600 in 0700 folders. Only a regular file of at most MAX_PROGRESS_BYTES is read (a FIFO or
// device there cannot hang the tour). A file that cannot be read as progress is moved aside to
// `<file>.corrupt` (or `.corrupt.1`, `.corrupt.2`, ...: an earlier backup is never
// overwritten) and reported, never thrown.

import { lstatSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import envPaths from 'env-paths';
import { MAX_ID_CHARS, MAX_PROGRESS_BYTES } from '../../engine/limits.js';
import type { StepStatus } from '../../engine/tour.js';
import { decodeUtf8, readRegularFile, type SafeRead } from '../safe-file.js';
import { tightenFile, writePrivateFile } from './private-files.js';
import { errorMessage } from '../../engine/errors.js';
import { isRecord } from '../../engine/shape.js';

export const PROGRESS_VERSION = 1;

export interface Progress {
  readonly version: typeof PROGRESS_VERSION;
  readonly tutorial: string;
  readonly cluster: string;
  /** The step the learner was looking at. */
  readonly current: string;
  /** Only finished steps (passed, skipped) are kept. */
  readonly statuses: Readonly<Record<string, StepStatus>>;
  /** ISO time of the save. */
  readonly savedAt: string;
}

export type LoadResult =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly progress: Progress }
  /** `path` is the file that was corrupt; `movedTo` where it was moved (absent if it could not be). */
  | { readonly kind: 'corrupt'; readonly path: string; readonly error: string; readonly movedTo?: string };

export interface ProgressStore {
  /** Where the files are kept. */
  readonly dir: string;
  load(tutorialId: string, cluster: string): LoadResult;
  save(progress: Omit<Progress, 'version' | 'savedAt'>): void;
  /** The path of the file for this tutorial and cluster. */
  pathFor(tutorialId: string, cluster: string): string;
}

export function defaultStateDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const override = env['IVOL_TOUR_STATE_DIR'];
  if (override) return override;
  return envPaths('ivol-tour', { suffix: '' }).data;
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || '_';
}

/** What a progress file records of a step: that it is done. */
function isFinishedStatus(v: unknown): v is Extract<StepStatus, 'passed' | 'skipped'> {
  return v === 'passed' || v === 'skipped';
}
/** Step ids as the loader takes them (tutorial-loader.ts). */
const STEP_ID = /^[a-z0-9][a-z0-9-]*$/;
const isStepId = (s: string): boolean => s.length <= MAX_ID_CHARS && STEP_ID.test(s);
/** Backups kept beside a progress file (`.corrupt`, `.corrupt.1`, ...); past that, the file is left where it is. */
const MAX_BACKUPS = 100;

function parseProgress(text: string, tutorialId: string): Progress {
  const raw: unknown = JSON.parse(text);
  if (!isRecord(raw)) throw new Error('not a JSON object');
  const o = raw;
  if (o['version'] !== PROGRESS_VERSION) throw new Error(`unknown version ${JSON.stringify(o['version'])}`);
  if (o['tutorial'] !== tutorialId) throw new Error(`belongs to tutorial ${JSON.stringify(o['tutorial'])}`);
  if (typeof o['current'] !== 'string' || !isStepId(o['current'])) throw new Error('"current" is not a step id');
  if (typeof o['cluster'] !== 'string') throw new Error('"cluster" is not a string');
  const st = o['statuses'];
  if (!isRecord(st)) throw new Error('"statuses" is not an object');
  const statuses: Record<string, StepStatus> = {};
  for (const [k, v] of Object.entries(st)) {
    if (!isStepId(k)) throw new Error('a status for something that is not a step id');
    if (!isFinishedStatus(v)) throw new Error(`bad status for ${k}`);
    statuses[k] = v;
  }
  return {
    version: PROGRESS_VERSION,
    tutorial: tutorialId,
    cluster: o['cluster'],
    current: o['current'],
    statuses,
    savedAt: typeof o['savedAt'] === 'string' ? o['savedAt'] : '',
  };
}

/** Moves a corrupt file to the first free `<path>.corrupt[.N]`; where it went, or undefined. */
function moveAside(path: string): string | undefined {
  for (let n = 0; n < MAX_BACKUPS; n++) {
    const candidate = n === 0 ? `${path}.corrupt` : `${path}.corrupt.${n}`;
    try {
      lstatSync(candidate);
      continue; // taken: an earlier backup is kept
    } catch {
      // free
    }
    try {
      renameSync(path, candidate);
      tightenFile(candidate);
      return candidate;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Why a progress file cannot be read, in words (English, like the parse errors: shown with the path in a notice). */
function whyUnreadable(r: Exclude<SafeRead, { ok: true }>): string {
  switch (r.problem) {
    case 'missing':
      return 'missing';
    case 'notFile':
      return `not a regular file (${r.what})`;
    case 'tooBig':
      return `too large (${r.size} bytes, at most ${r.max})`;
    case 'escapes':
      return 'outside the state directory';
    case 'unreadable':
      return r.error;
  }
}

export function createProgressStore(dir: string = defaultStateDir()): ProgressStore {
  const progressDir = join(dir, 'progress');
  const pathFor = (tutorialId: string, cluster: string): string => join(progressDir, `${safeName(tutorialId)}--${safeName(cluster)}.json`);

  return {
    dir: progressDir,
    pathFor,
    load(tutorialId, cluster) {
      const path = pathFor(tutorialId, cluster);
      const r = readRegularFile(path, { maxBytes: MAX_PROGRESS_BYTES });
      let error: string;
      if (r.ok) {
        const text = decodeUtf8(r.bytes);
        if (text === null) error = 'not UTF-8 text';
        else {
          try {
            return { kind: 'ok', progress: parseProgress(text, tutorialId) };
          } catch (e) {
            error = errorMessage(e);
          }
        }
      } else if (r.problem === 'missing') {
        return { kind: 'none' };
      } else if (r.problem === 'unreadable') {
        // Not ours to move (no permission, a loop of symlinks): reported, left where it is.
        return { kind: 'corrupt', path, error: r.error };
      } else {
        error = whyUnreadable(r);
      }
      const movedTo = moveAside(path);
      return { kind: 'corrupt', path, error, ...(movedTo !== undefined ? { movedTo } : {}) };
    },
    save(progress) {
      const path = pathFor(progress.tutorial, progress.cluster);
      const full: Progress = { version: PROGRESS_VERSION, ...progress, savedAt: new Date().toISOString() };
      writePrivateFile(path, JSON.stringify(full, null, 2) + '\n', dir);
    },
  };
}
