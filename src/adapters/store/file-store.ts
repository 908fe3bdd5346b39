// The FileStore port on the real file system (step files in the work directory): each file
// 0600 in a 0700 directory, written atomically (private-files.ts). `root` (the state
// directory) and every folder from it down to the file's are kept private too. Reading (a
// check comparing a file with its asset; the simulated kubectl's `-f FILE`) takes regular
// files only, up to a cap: a path to a FIFO or /dev/zero is an error, not a hang.
import { MAX_ASSET_BYTES } from '../../engine/limits.js';
import type { FileStore } from '../ports.js';
import { decodeUtf8, readRegularFile } from '../safe-file.js';
import { writePrivateFileAsync } from './private-files.js';

/** The largest file read back: a manifest or config, with room to spare. */
const MAX_READ_BYTES = 4 * MAX_ASSET_BYTES;

export function createFileStore(root?: string): FileStore {
  return {
    async write(path, content) {
      await writePrivateFileAsync(path, content, root);
    },
    read(path) {
      const r = readRegularFile(path, { maxBytes: MAX_READ_BYTES });
      if (r.ok) {
        const text = decodeUtf8(r.bytes, true);
        return text === null ? Promise.reject(new Error(`${path}: not UTF-8 text`)) : Promise.resolve(text);
      }
      switch (r.problem) {
        case 'missing':
          return Promise.resolve(null);
        case 'notFile':
          return Promise.reject(new Error(`${path}: not a regular file (${r.what})`));
        case 'tooBig':
          return Promise.reject(new Error(`${path}: too large (${r.size} bytes, at most ${r.max})`));
        case 'escapes':
        case 'unreadable':
          return Promise.reject(new Error(`${path}: ${r.problem === 'unreadable' ? r.error : 'cannot be read'}`));
      }
    },
  };
}
