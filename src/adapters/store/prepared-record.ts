// What `ivol-tour prepare` left in the local container engine: `prepared.json` in the state
// directory (0600 in a 0700 directory), one entry per profile. The tour reads it when a session
// starts: the node image is passed to kind by its local name (kind then pulls nothing) and, on
// the containerd profile with docker, the Pod's images are loaded into the node after the
// cluster is created. A record that cannot be read counts as none (the tour then pulls).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILES, type Profile } from '../../engine/model.js';
import { writePrivateFile } from './private-files.js';

export const PREPARED_RECORD_FILE = 'prepared.json';
const RECORD_VERSION = 1;

export interface PreparedImage {
  /** As the tour names it (the plan's node image, the tutorial's Pod images). */
  readonly reference: string;
  readonly role: 'node' | 'pod';
  /** The name it has in the local engine (a tag: an image loaded from an archive has no digest name). */
  readonly localName: string;
  /** The engine's image ID and size (docker image inspect). */
  readonly id: string;
  readonly sizeBytes: number;
}

export interface PreparedEntry {
  readonly engine: 'docker' | 'podman';
  /** pull: pulled on this machine; load: restored from an archive. */
  readonly source: 'pull' | 'load';
  readonly at: string;
  readonly images: readonly PreparedImage[];
}

interface RecordFile {
  readonly version: typeof RECORD_VERSION;
  readonly profiles: Partial<Record<Profile, PreparedEntry>>;
}

function isImage(v: unknown): v is PreparedImage {
  const o = v as Partial<PreparedImage> | null;
  return typeof o === 'object' && o !== null && typeof o.reference === 'string' && typeof o.localName === 'string' && (o.role === 'node' || o.role === 'pod');
}

function readRecord(stateDir: string): RecordFile {
  try {
    const parsed = JSON.parse(readFileSync(join(stateDir, PREPARED_RECORD_FILE), 'utf8')) as Partial<RecordFile>;
    const profiles: Partial<Record<Profile, PreparedEntry>> = {};
    for (const p of PROFILES) {
      const e = parsed.profiles?.[p];
      if (!e || (e.engine !== 'docker' && e.engine !== 'podman') || !Array.isArray(e.images)) continue;
      profiles[p] = { engine: e.engine, source: e.source === 'load' ? 'load' : 'pull', at: typeof e.at === 'string' ? e.at : '', images: e.images.filter(isImage) };
    }
    return { version: RECORD_VERSION, profiles };
  } catch {
    return { version: RECORD_VERSION, profiles: {} };
  }
}

/** The entry for a profile, or undefined. */
export function readPrepared(stateDir: string, profile: Profile): PreparedEntry | undefined {
  return readRecord(stateDir).profiles[profile];
}

/** Replaces the entry for a profile. */
export function writePrepared(stateDir: string, profile: Profile, entry: PreparedEntry): string {
  const record = readRecord(stateDir);
  const body: RecordFile = { version: RECORD_VERSION, profiles: { ...record.profiles, [profile]: entry } };
  const path = join(stateDir, PREPARED_RECORD_FILE);
  writePrivateFile(path, `${JSON.stringify(body, null, 2)}\n`, stateDir);
  return path;
}
