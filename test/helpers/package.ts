// The package as npm publishes it: `npm pack` of the project (once, in test/global-setup.ts),
// installed into an empty directory with `npm ci --offline`, from the npm cache that the
// repository's own install filled: no network. The tarball's own dependencies are pinned with
// the repository's lock entries (versions and integrity), so npm needs no registry metadata.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/** This Node.js first on PATH, so that npm and the scripts it starts run on it. */
export function npmEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env['PATH'] ?? ''}`, ...extra };
}

function npm(args: string[], cwd: string, timeoutMs = 120_000): string {
  const r = spawnSync('npm', args, { cwd, env: npmEnv(), encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} (in ${cwd}) failed with ${r.status ?? r.signal}:\n${r.stderr}${r.error ? String(r.error) : ''}`);
  return r.stdout;
}

export interface PackedFile {
  readonly path: string;
  readonly size: number;
}

export interface Packed {
  /** The tarball's path. */
  readonly tarball: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly PackedFile[];
}

/**
 * `npm pack` into `dir`. ignoreScripts: pack dist/ as built (the caller has built it), rather
 * than have prepack build it once more.
 */
export function packProject(dir: string, { ignoreScripts = true } = {}): Packed {
  const out = npm(['pack', '--pack-destination', dir, '--json', ...(ignoreScripts ? ['--ignore-scripts'] : [])], ROOT);
  const [report] = JSON.parse(out.slice(out.indexOf('['))) as { filename: string; size: number; unpackedSize: number; files: PackedFile[] }[];
  if (!report) throw new Error(`npm pack reported nothing:\n${out}`);
  return { tarball: join(dir, report.filename), size: report.size, unpackedSize: report.unpackedSize, files: report.files };
}

interface LockEntry {
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly [key: string]: unknown;
}

/**
 * Installs the tarball into a new empty directory, offline; returns the directory (the caller
 * removes it). The lock file holds the tarball (by its integrity) and the closure of its
 * dependencies as the repository's package-lock.json pins them.
 */
export function installOffline(tarball: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ivol-pkg-install-'));
  try {
    const name = basename(tarball);
    copyFileSync(tarball, join(dir, name));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; bin?: unknown; engines?: unknown };
    const repoLock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    const packages: Record<string, unknown> = {
      '': { dependencies: { 'ivol-tour': `file:${name}` } },
      'node_modules/ivol-tour': {
        version: pkg.version,
        resolved: `file:${name}`,
        integrity,
        ...(pkg.dependencies ? { dependencies: pkg.dependencies } : {}),
        ...(pkg.optionalDependencies ? { optionalDependencies: pkg.optionalDependencies } : {}),
        bin: pkg.bin,
        engines: pkg.engines,
      },
    };
    const want = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})];
    while (want.length > 0) {
      const dep = want.shift() ?? '';
      const key = `node_modules/${dep}`;
      if (key in packages) continue;
      const entry = repoLock.packages[key];
      if (!entry) throw new Error(`${dep} is not in the repository's package-lock.json at the top level`);
      packages[key] = entry;
      want.push(...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}));
    }
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, dependencies: { 'ivol-tour': `file:${name}` } }, null, 2));
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'install-test', lockfileVersion: 3, requires: true, packages }, null, 2));
    const cache = npm(['config', 'get', 'cache'], ROOT).trim();
    npm(['ci', '--offline', '--cache', cache, '--no-audit', '--no-fund', '--loglevel', 'error'], dir);
    return dir;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
