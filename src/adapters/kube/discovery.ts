// Reading any object the way kubectl finds it, for the ownership check: which resource a type
// names (`pod`, `po`, `deployment.apps`, `deployments.v1.apps`, or an apiVersion and kind from
// a manifest), through the API server's discovery documents (cached per session), and whether
// the object exists and carries the tour's label.

import type { ObjectRef } from '../../engine/ownership.js';
import type { Inspected } from '../ownership/ownership-guard.js';
import { hasStatus } from './api-errors.js';
import type { KubeTransport } from './transport.js';

interface ApiResource {
  readonly name: string;
  readonly singularName?: string;
  readonly namespaced: boolean;
  readonly kind: string;
  readonly shortNames?: readonly string[];
}

interface Resolved {
  /** `/api/v1` or `/apis/GROUP/VERSION`. */
  readonly base: string;
  readonly resource: ApiResource;
}

interface GroupList {
  readonly groups?: readonly { readonly name: string; readonly preferredVersion?: { readonly groupVersion: string }; readonly versions?: readonly { readonly groupVersion: string }[] }[];
}

const enc = encodeURIComponent;

/** The API path of a group version: the core group's is /api/v1. */
function basePath(groupVersion: string): string {
  return groupVersion === 'v1' ? '/api/v1' : `/apis/${groupVersion}`;
}

export class ApiDiscovery {
  /** The resources of each group version asked for so far (a failed read is forgotten). */
  private readonly discovered = new Map<string, Promise<ApiResource[] | null>>();
  private groupVersions: Promise<string[]> | null = null;

  constructor(private readonly transport: KubeTransport) {}

  /** The object `ref` names in `namespace` (ignored for cluster-scoped kinds). Throws when it cannot tell. */
  async inspect(ref: ObjectRef, namespace: string): Promise<Inspected> {
    const resolved = ref.type !== undefined ? await this.resolveType(ref.type) : await this.resolveKind(ref.apiVersion ?? '', ref.kind ?? '');
    if (!resolved) return { unknownType: ref.type ?? `${ref.apiVersion ?? ''} ${ref.kind ?? ''}`.trim() };
    const { base, resource } = resolved;
    const path = resource.namespaced ? `${base}/namespaces/${enc(namespace)}/${resource.name}/${enc(ref.name)}` : `${base}/${resource.name}/${enc(ref.name)}`;
    try {
      const obj = await this.transport.json<{ metadata?: { labels?: Record<string, string> } }>('GET', path);
      return { found: true, kind: resource.kind, namespaced: resource.namespaced, labels: obj.metadata?.labels };
    } catch (error) {
      if (hasStatus(error, 404)) return { found: false, kind: resource.kind, namespaced: resource.namespaced };
      throw error;
    }
  }

  /** A type as typed on kubectl's command line: the core group first, as kubectl does; other groups only when it has no such type. */
  private async resolveType(type: string): Promise<Resolved | null> {
    const [word = '', ...groupParts] = type.split('.');
    const lower = word.toLowerCase();
    const matches = (r: ApiResource): boolean => r.name === lower || r.singularName === lower || (r.shortNames ?? []).includes(lower) || r.kind.toLowerCase() === lower;
    if (groupParts.length === 0) {
      const core = (await this.resources('v1'))?.find(matches);
      if (core) return { base: basePath('v1'), resource: core };
    }
    const group = groupParts.join('.');
    for (const gv of await this.preferredGroupVersions()) {
      const [g = '', v = ''] = gv.split('/');
      if (group !== '' && group !== g && group !== `${v}.${g}`) continue;
      const found = (await this.resources(gv))?.find(matches);
      if (found) return { base: basePath(gv), resource: found };
    }
    return null;
  }

  /** A manifest's apiVersion and kind. */
  private async resolveKind(apiVersion: string, kind: string): Promise<Resolved | null> {
    const found = (await this.resources(apiVersion))?.find((r) => r.kind === kind);
    return found ? { base: basePath(apiVersion), resource: found } : null;
  }

  /** The resources of one group version ('v1' or 'apps/v1'); null when the server does not serve it. */
  private resources(groupVersion: string): Promise<ApiResource[] | null> {
    let p = this.discovered.get(groupVersion);
    if (!p) {
      p = this.transport.json<{ resources?: ApiResource[] }>('GET', basePath(groupVersion)).then(
        (l) => (l.resources ?? []).filter((r) => !r.name.includes('/')),
        (error: unknown) => {
          this.discovered.delete(groupVersion);
          if (hasStatus(error, 404)) return null;
          throw error;
        },
      );
      this.discovered.set(groupVersion, p);
    }
    return p;
  }

  /** Every group's preferred version ('apps/v1', …), read once. */
  private preferredGroupVersions(): Promise<string[]> {
    this.groupVersions ??= this.transport.json<GroupList>('GET', '/apis').then(
      (l) => (l.groups ?? []).map((g) => g.preferredVersion?.groupVersion ?? g.versions?.[0]?.groupVersion ?? '').filter((x) => x !== ''),
      (error: unknown) => {
        this.groupVersions = null;
        throw error;
      },
    );
    return this.groupVersions;
  }
}
