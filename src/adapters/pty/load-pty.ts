// Loads a pty module lazily: @lydell/node-pty (node-pty prebuilt for Linux, macOS and
// Windows), falling back to node-pty. Never import this module's result at top level on the
// first-frame path: call loadPty() when a shell is actually opened.

import type * as NodePty from '@lydell/node-pty';
import { errorCode } from '../../engine/errors.js';

/** The node-pty API (both packages have the same one). */
export type PtyModule = typeof NodePty;
export type Pty = NodePty.IPty;

export type PtyLoadResult =
  | { readonly ok: true; readonly pty: PtyModule; readonly from: string }
  | { readonly ok: false; readonly reason: string };

/** The module names tried, in order. */
export const PTY_MODULES: readonly string[] = ['@lydell/node-pty', 'node-pty'];

let cached: Promise<PtyLoadResult> | undefined;

function asPtyModule(mod: unknown): PtyModule | null {
  if (typeof mod !== 'object' || mod === null) return null;
  const rec = mod as { spawn?: unknown; default?: unknown };
  if (typeof rec.spawn === 'function') return mod as PtyModule;
  if (rec.default !== undefined && rec.default !== mod) return asPtyModule(rec.default);
  return null;
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = errorCode(err);
    const first = err.message.split('\n')[0] ?? err.message;
    return code ? `${code}: ${first}` : first;
  }
  return String(err);
}

/**
 * Tries the given module names in order (default PTY_MODULES); for tests and for the
 * cached loadPty(). Resolves, never rejects.
 */
export async function tryLoadPty(
  names: readonly string[] = PTY_MODULES,
  importer: (name: string) => Promise<unknown> = (name) => import(name) as Promise<unknown>,
): Promise<PtyLoadResult> {
  const reasons: string[] = [];
  for (const name of names) {
    try {
      const mod = asPtyModule(await importer(name));
      if (mod) return { ok: true, pty: mod, from: name };
      reasons.push(`${name}: no spawn() export`);
    } catch (err) {
      reasons.push(`${name}: ${describe(err)}`);
    }
  }
  return { ok: false, reason: reasons.length ? reasons.join('; ') : 'no pty module to try' };
}

/**
 * The pty module, or why none loads. Cached: the import is attempted once per process.
 * The first name is imported by a literal specifier so that bundlers see it (it stays
 * external); the fallback by a computed one, as it is usually not installed.
 */
export function loadPty(): Promise<PtyLoadResult> {
  cached ??= tryLoadPty(PTY_MODULES, (name) =>
    name === '@lydell/node-pty' ? import('@lydell/node-pty') : (import(name) as Promise<unknown>),
  );
  return cached;
}
