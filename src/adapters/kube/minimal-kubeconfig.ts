// The tour's private kubeconfig: a copy of the user's kubeconfig that holds only the tour's
// context (its context, cluster and user entries), given to every kubectl the tour starts as
// KUBECONFIG. Whatever a command names (another context, cluster or user, `config
// use-context`, no --context at all), kubectl finds nothing but the tour's cluster, and the
// user's own kubeconfig is never written by it. The command guard is the first line; this is
// the second.
//
// - Merged the way kubectl merges $KUBECONFIG (or ~/.kube/config): the first file that
//   defines a name wins; relative file references (certificate-authority, client-certificate,
//   client-key, tokenFile, a path-like exec command) are resolved against the file that holds
//   them, so the copy works from anywhere.
// - current-context is always the tour's context, even when that context does not exist yet
//   (before kind creates it): kubectl then says "context was not found" instead of falling
//   back to http://localhost:8080.
// - The context's namespace is the tour's, so a namespaced command without -n lands there.
// - Written 0600 in a 0700 directory under the OS temp dir; re-written when a source file
//   changes (kind writes the context on `create cluster`) or the copy itself was changed
//   (e.g. by a `kubectl config` command that slipped through).
// - Removed by dispose(), and at process exit for any still present (removeAllMinimalKubeconfigs
//   is synchronous, for exit and signal handlers). A process killed outright (SIGKILL) cannot
//   clean up: its directory carries its pid, and the next tour removes it once that pid is gone.

import { chmodSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { kubeconfigPaths } from './kubeconfig.js';
import { errorCode } from '../../engine/errors.js';

export interface MinimalKubeconfig {
  /** The file's path; (re)writes it first when needed. Throws when it cannot be written. */
  path(): string;
  /** The directory that holds it (created on the first path()), or null. */
  readonly dir: string | null;
  /** Removes the file and its directory. Synchronous and idempotent. */
  dispose(): void;
}

export interface MinimalKubeconfigOptions {
  readonly context: string;
  /** The namespace set on the copied context (the tour's). */
  readonly namespace?: string;
  /** Where the user's kubeconfig is found (KUBECONFIG, HOME). Default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** The parent of the private directory. Default the OS temp dir. */
  readonly tmpDir?: string;
}

export interface KubeconfigSource {
  readonly path: string;
  readonly text: string;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface Named {
  readonly value: Obj;
  readonly dir: string;
}

function entries(doc: Obj, list: string, field: string, dir: string, into: Map<string, Named>): void {
  const items = doc[list];
  if (!Array.isArray(items)) return;
  for (const item of items) {
    if (!isObj(item) || typeof item['name'] !== 'string') continue;
    const value = item[field];
    // kubectl: the first file (and entry) that defines a name wins.
    if (!into.has(item['name'])) into.set(item['name'], { value: isObj(value) ? value : {}, dir });
  }
}

function absolute(value: unknown, dir: string): unknown {
  return typeof value === 'string' && value !== '' && !isAbsolute(value) ? resolve(dir, value) : value;
}

function resolveCluster(c: Named): Obj {
  const out: Obj = { ...c.value };
  if ('certificate-authority' in out) out['certificate-authority'] = absolute(out['certificate-authority'], c.dir);
  return out;
}

function resolveUser(u: Named): Obj {
  const out: Obj = { ...u.value };
  for (const key of ['client-certificate', 'client-key', 'tokenFile']) if (key in out) out[key] = absolute(out[key], u.dir);
  const exec = out['exec'];
  // Like kubectl: an exec command is resolved only when it is a path, not a name on PATH.
  if (isObj(exec) && typeof exec['command'] === 'string' && exec['command'].includes(sep)) out['exec'] = { ...exec, command: absolute(exec['command'], u.dir) };
  return out;
}

/** The minimal kubeconfig (JSON, which is YAML) for `context`, from the user's files in order. Pure. */
export function minimalKubeconfigText(sources: readonly KubeconfigSource[], context: string, namespace?: string): string {
  const clusters = new Map<string, Named>();
  const users = new Map<string, Named>();
  const contexts = new Map<string, Named>();
  for (const s of sources) {
    let doc: unknown;
    try {
      // YAML 1.1, as kubectl reads it (yes/no are booleans), but times and dates stay text.
      doc = parse(s.text, {
        version: '1.1',
        maxAliasCount: 100,
        customTags: (tags) =>
          tags.filter((t) =>
            typeof t === 'string' ? !['timestamp', 'intTime', 'floatTime'].includes(t) : t.tag !== 'tag:yaml.org,2002:timestamp' && !('format' in t && t.format === 'TIME'),
          ),
      });
    } catch {
      continue; // kubectl would fail on it; the copy then simply lacks its entries
    }
    if (!isObj(doc)) continue;
    const dir = dirname(resolve(s.path));
    entries(doc, 'clusters', 'cluster', dir, clusters);
    entries(doc, 'users', 'user', dir, users);
    entries(doc, 'contexts', 'context', dir, contexts);
  }
  const config: Obj = { apiVersion: 'v1', kind: 'Config', preferences: {}, 'current-context': context, clusters: [], contexts: [], users: [] };
  const ctx = contexts.get(context);
  if (ctx) {
    const c: Obj = { ...ctx.value, ...(namespace ? { namespace } : {}) };
    config['contexts'] = [{ name: context, context: c }];
    const cluster = typeof c['cluster'] === 'string' ? clusters.get(c['cluster']) : undefined;
    if (cluster && typeof c['cluster'] === 'string') config['clusters'] = [{ name: c['cluster'], cluster: resolveCluster(cluster) }];
    const user = typeof c['user'] === 'string' ? users.get(c['user']) : undefined;
    if (user && typeof c['user'] === 'string') config['users'] = [{ name: c['user'], user: resolveUser(user) }];
  }
  return `${JSON.stringify(config, null, 2)}\n`;
}

const live = new Set<MinimalKubeconfig>();
let exitHookInstalled = false;
const swept = new Set<string>();
const PREFIX = 'ivol-tour-kube-';

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** Removes the private kubeconfigs that tours killed outright left in `parent` (theirs only: same user, pid gone). */
export function sweepOrphans(parent: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  const uid = process.getuid?.();
  for (const name of names) {
    const pid = Number(new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1] ?? NaN);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || pidAlive(pid)) continue;
    const dir = join(parent, name);
    try {
      const st = statSync(dir);
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) continue;
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // gone already, or not ours to remove
    }
  }
}

/** Removes every minimal kubeconfig of this process. Synchronous: safe in 'exit' and signal handlers. */
export function removeAllMinimalKubeconfigs(): void {
  for (const k of [...live]) k.dispose();
}

function stamp(path: string): string {
  try {
    const s = statSync(path);
    return `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
  } catch {
    return '-';
  }
}

export function createMinimalKubeconfig(o: MinimalKubeconfigOptions): MinimalKubeconfig {
  const env = o.env ?? process.env;
  let dir: string | null = null;
  let written: { sources: string; file: string } | null = null;

  const sourcesStamp = (paths: readonly string[]): string => paths.map((p) => `${p}=${stamp(p)}`).join('|');

  const write = (file: string, paths: readonly string[]): void => {
    const sources: KubeconfigSource[] = [];
    const seen = new Set<string>();
    for (const p of paths) {
      const abs = resolve(p);
      if (seen.has(abs)) continue;
      seen.add(abs);
      try {
        if (!statSync(abs).isFile()) continue;
        sources.push({ path: abs, text: readFileSync(abs, 'utf8') });
      } catch {
        // missing or unreadable: kubectl skips a missing file too
      }
    }
    const text = minimalKubeconfigText(sources, o.context, o.namespace);
    // A fresh file, renamed over the old one: never a moment with a partial or wider-open file.
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  };

  const self: MinimalKubeconfig = {
    get dir() {
      return dir;
    },
    path(): string {
      if (dir === null || stamp(dir) === '-') {
        const parent = o.tmpDir ?? tmpdir();
        if (!swept.has(parent)) {
          swept.add(parent);
          sweepOrphans(parent);
        }
        // mkdtemp makes the directory 0700; the pid in its name lets a later tour remove it.
        dir = mkdtempSync(join(parent, `${PREFIX}${process.pid}-`));
        chmodSync(dir, 0o700);
        written = null;
        live.add(self);
        if (!exitHookInstalled) {
          exitHookInstalled = true;
          process.on('exit', removeAllMinimalKubeconfigs);
        }
      }
      const file = join(dir, 'config');
      const paths = kubeconfigPaths(env);
      const sources = sourcesStamp(paths);
      if (written === null || written.sources !== sources || written.file !== stamp(file)) {
        write(file, paths);
        written = { sources, file: stamp(file) };
      }
      return file;
    },
    dispose(): void {
      live.delete(self);
      if (dir !== null) {
        try {
          rmSync(dir, { recursive: true, force: true });
        } catch {
          // already gone, or not ours to remove any more
        }
      }
      dir = null;
      written = null;
    },
  };
  return self;
}
