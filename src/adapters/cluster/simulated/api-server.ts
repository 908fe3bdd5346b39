// The simulated cluster's API server: the REST paths of core/v1 (and the node Leases) over the
// world's objects, with label and field selectors, Table conversion, discovery and Status
// errors. The simulated kubectl reads through it, and the test suite's fake API server serves
// it over HTTP, so both show the same objects the same way.
import { parseVersion } from '../../../engine/versions.js';
import { toTable, type TableKind } from './server-tables.js';
import { ApiError, notFound, type SimCluster, type SimWorld } from './world.js';
import type { Pod } from '../../../engine/kube-objects.js';

export type Resource = TableKind | 'leases';

/** One requirement of a label selector, as the API server reads `labelSelector`. */
interface Requirement {
  readonly key: string;
  readonly op: 'in' | 'notin' | 'exists' | '!exists';
  readonly values: readonly string[];
}

/** Equality (`k=v`, `k==v`, `k!=v`) and set-based (`k in (a,b)`, `k notin (a)`, `k`, `!k`) selectors. */
export function parseLabelSelector(s: string | null | undefined): Requirement[] {
  const terms: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s ?? '') {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(cur);
      cur = '';
    } else cur += ch;
  }
  terms.push(cur);
  return terms.map((t) => t.trim()).filter(Boolean).map((raw): Requirement => {
    const eq = /^(\S+?)\s*(==|!=|=)\s*(\S*)$/.exec(raw);
    if (eq) return { key: eq[1] ?? '', op: eq[2] === '!=' ? 'notin' : 'in', values: [eq[3] ?? ''] };
    const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(raw);
    if (set) return { key: set[1] ?? '', op: set[2] === 'notin' ? 'notin' : 'in', values: (set[3] ?? '').split(',').map((v) => v.trim()) };
    if (!/^!?\s*[A-Za-z0-9][-A-Za-z0-9_./]*$/.test(raw)) throw new ApiError(400, 'BadRequest', `unable to parse requirement: found '${raw}', expected: identifier`);
    return raw.startsWith('!') ? { key: raw.slice(1).trim(), op: '!exists', values: [] } : { key: raw, op: 'exists', values: [] };
  });
}

export function selects(selector: readonly Requirement[], labels: Readonly<Record<string, string>> | undefined): boolean {
  return selector.every((r) => {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const value = labels?.[r.key] ?? '';
    if (r.op === 'exists') return has;
    if (r.op === '!exists') return !has;
    return r.op === 'in' ? has && r.values.includes(value) : !has || !r.values.includes(value);
  });
}

/** The fields each kind can be selected by (the API server refuses others). */
const FIELDS: Readonly<Record<Resource, readonly string[]>> = {
  pods: ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  events: ['metadata.name', 'metadata.namespace', 'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  nodes: ['metadata.name', 'spec.unschedulable'],
  namespaces: ['metadata.name', 'status.phase'],
  leases: ['metadata.name', 'metadata.namespace'],
};

export function fieldMatcher(resource: Resource, selector: string | null | undefined): (obj: unknown) => boolean {
  const terms = (selector ?? '').split(',').filter((p) => p.trim() !== '').map((part) => {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (!m) throw new ApiError(400, 'BadRequest', `invalid selector: '${selector ?? ''}'; can't understand '${part}'`);
    const path = m[1] ?? '';
    if (!FIELDS[resource].includes(path)) throw new ApiError(400, 'BadRequest', `field label not supported: ${path}`);
    return { path: path === 'source' ? ['source', 'component'] : path.split('.'), value: m[3] ?? '', equal: m[2] !== '!=' };
  });
  return (obj) => terms.every((t) => {
    let v: unknown = obj;
    for (const k of t.path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    const text = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
    return (text === t.value) === t.equal;
  });
}

export interface ListQuery {
  readonly labelSelector?: string | null;
  readonly fieldSelector?: string | null;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

export const API_RESOURCES = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [
    { name: 'events', singularName: 'event', namespaced: true, kind: 'Event', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['ev'] },
    { name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['ns'] },
    { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['no'] },
    { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['po'], categories: ['all'] },
    { name: 'pods/exec', singularName: '', namespaced: true, kind: 'PodExecOptions', verbs: ['create', 'get'] },
    { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
  ],
};

/** A resource type as kubectl names it (plural, singular, kind, short name, `pods.v1.`), or null. */
export function resourceOf(word: string): TableKind | null {
  const w = word.toLowerCase().replace(/\.(v1\.?)?$/, '');
  const r = API_RESOURCES.resources.find((x) => !x.name.includes('/') && (x.name === w || x.singularName === w || x.kind.toLowerCase() === w || (x.shortNames ?? []).includes(w)));
  return (r?.name as TableKind | undefined) ?? null;
}

export function serverVersion(gitVersion: string): Record<string, string> {
  const v = parseVersion(gitVersion);
  return {
    major: String(v?.major ?? 1), minor: String(v?.minor ?? 35), emulationMajor: String(v?.major ?? 1), emulationMinor: String(v?.minor ?? 35),
    minCompatibilityMajor: String(v?.major ?? 1), minCompatibilityMinor: String((v?.minor ?? 35) - 1), gitVersion,
    gitCommit: '66452049f3d692768c39c797b21b793dce80314e', gitTreeState: 'clean', buildDate: '2025-12-17T12:41:10Z', goVersion: 'go1.25.5', compiler: 'gc', platform: 'linux/amd64',
  };
}

/** OpenAPI v3, just enough for kubectl's default --validate=strict: pods' PATCH takes fieldValidation, so kubectl leaves validation to the server. */
const OPENAPI_V1 = {
  openapi: '3.0.0',
  info: { title: 'Kubernetes', version: 'v1.35.0' },
  paths: {
    '/api/v1/namespaces/{namespace}/pods/{name}': {
      patch: { description: 'partially update the specified Pod', operationId: 'patchCoreV1NamespacedPod', parameters: [{ name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } }], responses: { '200': { description: 'OK' } }, 'x-kubernetes-action': 'patch', 'x-kubernetes-group-version-kind': { group: '', version: 'v1', kind: 'Pod' } },
    },
  },
};

export class SimApi {
  constructor(
    readonly world: SimWorld,
    readonly cluster: SimCluster,
  ) {}

  list(resource: Resource, ns: string | undefined, q: ListQuery = {}): unknown[] {
    const labels = parseLabelSelector(q.labelSelector);
    const fields = fieldMatcher(resource, q.fieldSelector);
    const all = this.objects(resource, ns);
    return all.filter((o) => selects(labels, (o as { metadata: { labels?: Record<string, string> } }).metadata.labels) && fields(o));
  }

  private objects(resource: Resource, ns: string | undefined): unknown[] {
    const { world, cluster } = this;
    switch (resource) {
      case 'pods': return world.pods(cluster, ns);
      case 'events': return world.events(cluster, ns);
      case 'nodes': return world.nodes(cluster);
      case 'namespaces': return world.namespaces(cluster);
      case 'leases': return ns === undefined || ns === 'kube-node-lease' ? cluster.nodes.flatMap((n) => world.lease(cluster, n.name) ?? []) : [];
    }
  }

  get(resource: Resource, ns: string | undefined, name: string): unknown {
    const found = this.objects(resource, resource === 'nodes' || resource === 'namespaces' ? undefined : ns).find((o) => (o as { metadata: { name: string } }).metadata.name === name);
    if (!found) throw resource === 'leases' ? new ApiError(404, 'NotFound', `leases.coordination.k8s.io "${name}" not found`, { name, kind: 'leases' }) : notFound(resource, name);
    return found;
  }

  /** GET pods/NAME/log: the container's output (sleep prints nothing); an error while it waits. */
  log(ns: string, name: string, container?: string): string {
    const pod = this.get('pods', ns, name) as Pod;
    const c = container ?? pod.spec?.containers[0]?.name ?? '';
    if (!pod.spec?.containers.some((x) => x.name === c)) throw new ApiError(400, 'BadRequest', `container ${c} is not valid for pod ${name}`);
    const waiting = pod.status?.containerStatuses?.find((s) => s.name === c)?.state?.waiting;
    if (waiting || !pod.status?.containerStatuses) {
      const reason = waiting?.reason === 'ImagePullBackOff' || waiting?.reason === 'ErrImagePull' ? 'trying and failing to pull image' : (waiting?.reason ?? 'ContainerCreating');
      throw new ApiError(400, 'BadRequest', `container "${c}" in pod "${name}" is waiting to start: ${reason}`);
    }
    return '';
  }

  table(resource: TableKind, objects: readonly unknown[], includeObject?: 'PartialObjectMetadata' | 'Object' | 'None'): ReturnType<typeof toTable> {
    return toTable(resource, objects, this.world.clock.now(), includeObject);
  }

  /** One HTTP request, as the real API server answers it. */
  request(method: string, path: string, query: URLSearchParams, body: unknown, asTable: boolean): ApiResponse {
    try {
      return this.route(method, path, query, body, asTable);
    } catch (error) {
      if (error instanceof ApiError) return { status: error.code, body: error.status };
      throw error;
    }
  }

  private route(method: string, path: string, query: URLSearchParams, body: unknown, asTable: boolean): ApiResponse {
    const ok = (b: unknown, status = 200): ApiResponse => ({ status, body: b });
    const version = this.cluster.nodes[0]?.kubeletVersion ?? 'v1.35.0';
    if (path === '/version') return ok(serverVersion(version));
    if (path === '/api') return ok({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.18.0.2:6443' }] });
    if (path === '/apis') return ok({ kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
    if (path === '/api/v1') return ok(API_RESOURCES);
    if (path === '/openapi/v3') return ok({ paths: { 'api/v1': { serverRelativeURL: '/openapi/v3/api/v1?hash=5C2B3F0E8D1A' } } });
    if (path === '/openapi/v3/api/v1') return ok(OPENAPI_V1);
    const log = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/.exec(path);
    if (log) return ok(this.log(decodeURIComponent(log[1] ?? ''), decodeURIComponent(log[2] ?? ''), query.get('container') ?? undefined));
    const lease = /^\/apis\/coordination\.k8s\.io\/v1\/namespaces\/([^/]+)\/leases\/([^/]+)$/.exec(path);
    if (lease) return ok(this.get('leases', decodeURIComponent(lease[1] ?? ''), decodeURIComponent(lease[2] ?? '')));
    const m = /^\/api\/v1(?:\/namespaces\/([^/]+))?\/(pods|events|nodes|namespaces)(?:\/([^/]+))?$/.exec(path);
    const nsOnly = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(path);
    if (!m && !nsOnly) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    const resource = (nsOnly ? 'namespaces' : m?.[2]) as TableKind;
    const ns = nsOnly ? undefined : m?.[1] !== undefined ? decodeURIComponent(m[1]) : undefined;
    const name = nsOnly ? decodeURIComponent(nsOnly[1] ?? '') : m?.[3] !== undefined ? decodeURIComponent(m[3]) : undefined;
    const includeObject = (query.get('includeObject') ?? 'PartialObjectMetadata') as 'PartialObjectMetadata' | 'Object' | 'None';
    const kindOf = (r: TableKind): string => ({ pods: 'Pod', events: 'Event', nodes: 'Node', namespaces: 'Namespace' })[r];
    const { world, cluster } = this;
    if (name === undefined) {
      if (method === 'POST') {
        if (resource === 'namespaces') {
          const meta = (body as { metadata?: { name?: string; labels?: Record<string, string> } }).metadata;
          return ok(world.createNamespace(cluster, meta?.name ?? '', meta?.labels ?? {}), 201);
        }
        if (resource === 'pods' && ns !== undefined) return ok(world.createPod(cluster, body as Pod, ns), 201);
        throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      }
      const items = this.list(resource, ns, { labelSelector: query.get('labelSelector'), fieldSelector: query.get('fieldSelector') });
      if (method === 'DELETE' && resource === 'pods' && ns !== undefined) return ok({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '' }, items: items.map((p) => world.deletePod(cluster, ns, (p as Pod).metadata.name)) });
      if (asTable) return ok(this.table(resource, items, includeObject));
      return ok({ kind: `${kindOf(resource)}List`, apiVersion: 'v1', metadata: { resourceVersion: String(cluster.rv + world.mutationCount) }, items });
    }
    if (method === 'DELETE' && resource === 'pods' && ns !== undefined) {
      const grace = (body as { gracePeriodSeconds?: number } | undefined)?.gracePeriodSeconds ?? (query.get('gracePeriodSeconds') !== null ? Number(query.get('gracePeriodSeconds')) : undefined);
      return ok(world.deletePod(cluster, ns, name, grace));
    }
    if (method === 'PATCH' && resource === 'pods' && ns !== undefined) return ok(world.patchPod(cluster, ns, name, body as Parameters<SimWorld['patchPod']>[3]));
    const obj = this.get(resource, ns, name);
    return ok(asTable ? this.table(resource, [obj], includeObject) : obj);
  }
}
