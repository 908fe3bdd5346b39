#!/usr/bin/env node
// Starts the bundled tour. Everything else lives in dist/ (built by `npm run build`).
// The Node.js check comes first, and this file keeps to syntax that any Node.js with ES modules
// parses (no top-level await, no optional chaining), so that an old Node.js gets one line
// naming the version needed, never a SyntaxError.
import './check-node.cjs';
import { mkdirSync, readFileSync } from 'node:fs';
import module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where V8's compiled code is kept between runs (Node's compile cache): under the state
 * directory when IVOL_TOUR_STATE_DIR is set, else the user's cache directory.
 */
function compileCacheDir(env) {
  if (env.IVOL_TOUR_STATE_DIR) return join(env.IVOL_TOUR_STATE_DIR, 'compile-cache');
  if (process.platform === 'win32') return join(env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'ivol-tour', 'Cache', 'compile-cache');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'ivol-tour', 'compile-cache');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ivol-tour', 'compile-cache');
}

// Starting again skips compiling the bundle (most of the way to the first frame). Best effort:
// an unwritable directory or NODE_DISABLE_COMPILE_CACHE=1 just means no cache.
function start() {
  try {
    const dir = compileCacheDir(process.env);
    // Created here, 0700, so that a state directory made on the way is private from the start.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (typeof module.enableCompileCache === 'function') module.enableCompileCache(dir);
  } catch {
    // no cache
  }
  import('../dist/cli.js').catch((error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
      process.stderr.write('ivol-tour is not built yet: run `npm run build`.\n');
      process.exit(2);
    }
    throw error;
  });
}

// `ivol-tour --version` (or -V) alone is answered here, from package.json, without loading the
// bundle: it is what scripts and people run to check an install, and it should be instant.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version + '\n');
} else {
  start();
}
