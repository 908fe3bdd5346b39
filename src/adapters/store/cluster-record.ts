// The record of the kind clusters the tour created: `clusters.json` in the state directory,
// written 0600 (in a 0700 directory) when `kind create cluster` run by the tour succeeds, and
// updated when the tour deletes one. Clean-up deletes without asking only a cluster found here
// or marked by its node label; a record that cannot be read counts as empty (it then asks).

import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isRecord, recordOf } from '../../engine/shape.js';

export const CLUSTER_RECORD_FILE = 'clusters.json';
const RECORD_VERSION = 1;

export interface ClusterRecord {
  /** Where the record is kept (shown in messages). */
  readonly where: string;
  has(name: string): Promise<boolean>;
  add(name: string): Promise<void>;
  remove(name: string): Promise<void>;
}

interface RecordFile {
  readonly version: typeof RECORD_VERSION;
  readonly clusters: readonly { readonly name: string; readonly createdAt: string }[];
}

/** The record in `<stateDir>/clusters.json`. */
export function fileClusterRecord(stateDir: string): ClusterRecord {
  const path = join(stateDir, CLUSTER_RECORD_FILE);

  async function load(): Promise<RecordFile['clusters']> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed: unknown = JSON.parse(text);
      const clusters: unknown = recordOf(parsed)['clusters'];
      if (!Array.isArray(clusters)) return [];
      return clusters.filter((c: unknown): c is RecordFile['clusters'][number] => isRecord(c) && typeof c['name'] === 'string');
    } catch {
      return [];
    }
  }

  async function save(clusters: RecordFile['clusters']): Promise<void> {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    const body: RecordFile = { version: RECORD_VERSION, clusters };
    try {
      await writeFile(tmp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
      // writeFile's mode applies only to a new file, and the umask may narrow it: make sure.
      await chmod(tmp, 0o600);
      await rename(tmp, path);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  return {
    where: path,
    async has(name) {
      return (await load()).some((c) => c.name === name);
    },
    async add(name) {
      const clusters = (await load()).filter((c) => c.name !== name);
      await save([...clusters, { name, createdAt: new Date().toISOString() }]);
    },
    async remove(name) {
      const clusters = await load();
      if (!clusters.some((c) => c.name === name)) return;
      await save(clusters.filter((c) => c.name !== name));
    },
  };
}

/** A record kept in memory (the simulated machine, which starts empty every time). */
export function memoryClusterRecord(where = 'kept in memory by the simulated machine'): ClusterRecord {
  const names = new Set<string>();
  return {
    where,
    has: (name) => Promise.resolve(names.has(name)),
    add: (name) => {
      names.add(name);
      return Promise.resolve();
    },
    remove: (name) => {
      names.delete(name);
      return Promise.resolve();
    },
  };
}
