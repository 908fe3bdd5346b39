// Progress of a tutorial on one cluster, kept as JSON under the user's data directory
// (env-paths: XDG on Linux, ~/Library/Application Support on macOS, %LOCALAPPDATA% on
// Windows; IVOL_TOUR_STATE_DIR overrides it). Written atomically (temporary file + rename).
// A file that cannot be read as progress is moved aside to `<file>.corrupt` and reported,
// never thrown.

import { mkdirSync, readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import envPaths from 'env-paths';
import type { StepStatus } from '../../engine/tour.js';

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

const FINISHED: ReadonlySet<string> = new Set(['passed', 'skipped']);

function parseProgress(text: string, tutorialId: string): Progress {
  const raw: unknown = JSON.parse(text);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('not a JSON object');
  const o = raw as Record<string, unknown>;
  if (o['version'] !== PROGRESS_VERSION) throw new Error(`unknown version ${JSON.stringify(o['version'])}`);
  if (o['tutorial'] !== tutorialId) throw new Error(`belongs to tutorial ${JSON.stringify(o['tutorial'])}`);
  if (typeof o['current'] !== 'string') throw new Error('"current" is not a string');
  if (typeof o['cluster'] !== 'string') throw new Error('"cluster" is not a string');
  const st = o['statuses'];
  if (typeof st !== 'object' || st === null || Array.isArray(st)) throw new Error('"statuses" is not an object');
  const statuses: Record<string, StepStatus> = {};
  for (const [k, v] of Object.entries(st as Record<string, unknown>)) {
    if (typeof v !== 'string' || !FINISHED.has(v)) throw new Error(`bad status for ${k}`);
    statuses[k] = v as StepStatus;
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

export function createProgressStore(dir: string = defaultStateDir()): ProgressStore {
  const progressDir = join(dir, 'progress');
  const pathFor = (tutorialId: string, cluster: string): string => join(progressDir, `${safeName(tutorialId)}--${safeName(cluster)}.json`);

  return {
    dir: progressDir,
    pathFor,
    load(tutorialId, cluster) {
      const path = pathFor(tutorialId, cluster);
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
        return { kind: 'corrupt', path, error: errorText(error) };
      }
      try {
        return { kind: 'ok', progress: parseProgress(text, tutorialId) };
      } catch (error) {
        const movedTo = `${path}.corrupt`;
        try {
          renameSync(path, movedTo);
          return { kind: 'corrupt', path, error: errorText(error), movedTo };
        } catch {
          return { kind: 'corrupt', path, error: errorText(error) };
        }
      }
    },
    save(progress) {
      const path = pathFor(progress.tutorial, progress.cluster);
      const full: Progress = { version: PROGRESS_VERSION, ...progress, savedAt: new Date().toISOString() };
      const tmp = `${path}.${process.pid}.tmp`;
      try {
        mkdirSync(progressDir, { recursive: true });
        writeFileSync(tmp, JSON.stringify(full, null, 2) + '\n', 'utf8');
        renameSync(tmp, path);
      } catch (error) {
        rmSync(tmp, { force: true });
        throw error;
      }
    },
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
