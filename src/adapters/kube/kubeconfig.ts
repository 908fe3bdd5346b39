// Loading the kubeconfig and pinning the tour's context, in memory only. The kubeconfig file
// is read, never written. A context that does not exist is an error: never a fallback to
// the current context.

import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import type * as ClientNodeModule from './client-node.js';

export type ClientNode = typeof ClientNodeModule;

let clientNode: Promise<ClientNode> | null = null;

/** @kubernetes/client-node, loaded on first use (it is heavy; the first frame must be fast). */
export function loadClientNode(): Promise<ClientNode> {
  clientNode ??= import('./client-node.js');
  return clientNode;
}

export class ContextMissingError extends Error {
  readonly context: string;
  constructor(context: string) {
    super(`context "${context}" not found in the kubeconfig`);
    this.name = 'ContextMissingError';
    this.context = context;
  }
}

/** The kubeconfig files in effect: $KUBECONFIG (path list) or ~/.kube/config. */
export function kubeconfigPaths(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = env['KUBECONFIG'];
  if (list !== undefined && list !== '') return list.split(delimiter).filter((p) => p !== '');
  const home = env['HOME'] || env['USERPROFILE'] || homedir();
  return [join(home, '.kube', 'config')];
}

function signature(paths: readonly string[]): string {
  return paths
    .map((p) => {
      try {
        const s = statSync(p);
        return `${p}:${s.mtimeMs}:${s.size}`;
      } catch {
        return `${p}:-`;
      }
    })
    .join('|');
}

export interface PinnedConfig {
  readonly kc: KubeConfig;
  readonly context: string;
  /** The API server URL of the pinned context's cluster. */
  readonly server: string;
}

/**
 * Reads the kubeconfig files (merged like kubectl does: the first file wins) and pins `context`
 * in the in-memory KubeConfig. Re-reads when a file changed (kind writes the context when it
 * creates the cluster, and new certificates when it recreates it).
 */
export class PinnedKubeConfig {
  private cached: { sig: string; pinned: PinnedConfig | null } | null = null;

  constructor(
    readonly context: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async get(): Promise<PinnedConfig> {
    const paths = kubeconfigPaths(this.env);
    const sig = signature(paths);
    if (this.cached?.sig !== sig) {
      this.cached = { sig, pinned: await this.load(paths) };
    }
    if (!this.cached.pinned) throw new ContextMissingError(this.context);
    return this.cached.pinned;
  }

  private async load(paths: readonly string[]): Promise<PinnedConfig | null> {
    const k8s = await loadClientNode();
    let kc: KubeConfig | null = null;
    for (const p of paths) {
      let one: KubeConfig;
      try {
        statSync(p);
        one = new k8s.KubeConfig();
        one.loadFromFile(p);
      } catch {
        continue;
      }
      if (!kc) {
        kc = one;
        continue;
      }
      // Like kubectl: the first file that defines a name wins.
      const base = kc;
      for (const c of one.clusters) if (!base.getCluster(c.name)) base.addCluster(c);
      for (const u of one.users) if (!base.getUser(u.name)) base.addUser(u);
      for (const c of one.contexts) if (!base.getContextObject(c.name)) base.addContext(c);
    }
    const loaded = kc !== null;
    if (!loaded || !kc) return null;
    const ctx = kc.getContextObject(this.context);
    if (!ctx) return null;
    const cluster = kc.getCluster(ctx.cluster);
    if (!cluster) return null;
    kc.setCurrentContext(this.context); // in memory only
    return { kc, context: this.context, server: cluster.server.replace(/\/+$/, '') };
  }
}
