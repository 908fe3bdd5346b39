// Which tutorials the learner trusts: by content hash (tutorial-files.ts contentHash), so the
// same content is not asked about twice and a changed tutorial is asked about again. Kept as
// JSON in the state directory, 0600 (private-files.ts). A file that cannot be read trusts
// nothing: the learner is asked again, and the next answer rewrites it.

import { join } from 'node:path';
import { MAX_TRUST_STORE_BYTES } from '../../engine/limits.js';
import { decodeUtf8, readRegularFile } from '../safe-file.js';
import { writePrivateFile } from './private-files.js';
import { defaultStateDir } from './progress-store.js';
import { isRecord } from '../../engine/shape.js';

export const TRUST_FILE = 'trusted-tutorials.json';
/** The newest answers kept. */
const MAX_ENTRIES = 500;
const HASH = /^[0-9a-f]{64}$/;

export interface TrustEntry {
  readonly hash: string;
  /** For a person reading the file: the tutorial's id and where it was. */
  readonly id: string;
  readonly dir: string;
  readonly trustedAt: string;
}

export interface TrustStore {
  readonly path: string;
  isTrusted(hash: string): boolean;
  /** Remembers the answer; throws when the file cannot be written. */
  trust(hash: string, about: { readonly id: string; readonly dir: string }): void;
}

function readEntries(path: string): TrustEntry[] {
  const r = readRegularFile(path, { maxBytes: MAX_TRUST_STORE_BYTES });
  if (!r.ok) return [];
  const text = decodeUtf8(r.bytes);
  if (text === null) return [];
  try {
    const raw: unknown = JSON.parse(text);
    const list = typeof raw === 'object' && raw !== null && 'tutorials' in raw ? (raw).tutorials : [];
    if (!Array.isArray(list)) return [];
    return list.filter((e): e is TrustEntry => {
      if (!isRecord(e)) return false;
      const o = e;
      return typeof o['hash'] === 'string' && HASH.test(o['hash']) && typeof o['id'] === 'string' && typeof o['dir'] === 'string' && typeof o['trustedAt'] === 'string';
    });
  } catch {
    return [];
  }
}

export function createTrustStore(stateDir: string = defaultStateDir()): TrustStore {
  const path = join(stateDir, TRUST_FILE);
  return {
    path,
    isTrusted: (hash) => HASH.test(hash) && readEntries(path).some((e) => e.hash === hash),
    trust(hash, about) {
      const entries = readEntries(path).filter((e) => e.hash !== hash);
      entries.push({ hash, id: about.id, dir: about.dir, trustedAt: new Date().toISOString() });
      writePrivateFile(path, JSON.stringify({ version: 1, tutorials: entries.slice(-MAX_ENTRIES) }, null, 2) + '\n', stateDir);
    },
  };
}
