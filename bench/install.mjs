// Install benchmark: `npm pack` (with its prepack build) gives the tarball; it is installed into
// an empty directory with an empty npm cache (`npm install --cache <empty> <tarball>`, so every
// dependency is downloaded), timed, and measured: disk used by node_modules and the number of
// packages in it. `ink` alone, installed the same way, is the baseline for the time.
import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

/** Environment for npm: this Node.js first on PATH, so that npm and its scripts run on it. */
export function npmEnv(extra = {}) {
  return { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, ...extra };
}

/** `npm pack` of the project into `dir`; its JSON report ({ filename, size, unpackedSize, files, … }). */
export function pack(dir, { ignoreScripts = false } = {}) {
  const args = ['pack', '--pack-destination', dir, '--json', ...(ignoreScripts ? ['--ignore-scripts'] : [])];
  const r = spawnSync('npm', args, { cwd: ROOT, env: npmEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`npm pack failed (${r.status}):\n${r.stderr}`);
  const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')))[0];
  return { ...report, path: join(dir, report.filename) };
}

/** Bytes on disk (allocated blocks) of everything under `path`. */
export function diskUsage(path) {
  const st = lstatSync(path);
  let total = st.blocks * 512;
  if (st.isDirectory()) for (const entry of readdirSync(path)) total += diskUsage(join(path, entry));
  return total;
}

/** The packages installed under a node_modules folder (nested node_modules included): ["name@version", …]. */
export function installedPackages(nodeModules) {
  const out = [];
  const visit = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      if (name.startsWith('@')) {
        visit(path);
        continue;
      }
      try {
        if (!statSync(path).isDirectory()) continue;
        const pkg = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
        out.push(`${pkg.name}@${pkg.version}`);
      } catch {
        continue;
      }
      visit(join(path, 'node_modules'));
    }
  };
  visit(nodeModules);
  return out.sort();
}

function run(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { cwd, env: npmEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm ${args.join(' ')} failed (${code}):\n${stderr}`))));
  });
}

/**
 * Installs `spec` into an empty directory with an empty cache; resolves with { ms, diskBytes,
 * packages } (measured before the directories are removed).
 */
export async function timedInstall(spec) {
  const dir = mkdtempSync(join(tmpdir(), 'ivol-install-'));
  const cache = mkdtempSync(join(tmpdir(), 'ivol-npm-cache-'));
  try {
    const t0 = process.hrtime.bigint();
    await run(['install', '--cache', cache, '--no-audit', '--no-fund', '--loglevel', 'warn', spec], dir);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const nodeModules = join(dir, 'node_modules');
    return { ms, diskBytes: diskUsage(nodeModules), packages: installedPackages(nodeModules) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  }
}
