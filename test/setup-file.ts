// Runs before every test file (vitest setupFiles), also when files share a worker and its
// module cache (isolate: false): hooks registered here apply to each file, where a hook
// registered when a helper module is first imported would apply to the first file only.
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers/temp.js';

afterAll(removeTempDirs);
