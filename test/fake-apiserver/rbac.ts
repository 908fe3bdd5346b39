// What the fake API server adds for workshop rooms (test code only): the objects a room makes
// (ServiceAccounts, ConfigMaps, Roles, RoleBindings, ClusterRoles, ClusterRoleBindings) kept in
// a small store with labels, resource versions, JSON merge patch, server-side dry run and
// watches; TokenRequest (bounded ServiceAccount tokens); authentication by bearer token; RBAC
// for those tokens, answered with the real server's 403 Forbidden message; and
// SelfSubjectAccessReview. Any other token is an administrator (as the tests' kubeconfigs have
// always been), unless `users` names it: then it is that user, and RBAC applies to it too.

import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { parseLabelSelector, selects } from '../../src/adapters/cluster/simulated/api-server.js';

export type StoreResource = 'serviceaccounts' | 'configmaps' | 'roles' | 'rolebindings' | 'clusterroles' | 'clusterrolebindings';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const INFO: Readonly<Record<StoreResource, { readonly kind: string; readonly group: string; readonly namespaced: boolean }>> = {
  serviceaccounts: { kind: 'ServiceAccount', group: '', namespaced: true },
  configmaps: { kind: 'ConfigMap', group: '', namespaced: true },
  roles: { kind: 'Role', group: RBAC_GROUP, namespaced: true },
  rolebindings: { kind: 'RoleBinding', group: RBAC_GROUP, namespaced: true },
  clusterroles: { kind: 'ClusterRole', group: RBAC_GROUP, namespaced: false },
  clusterrolebindings: { kind: 'ClusterRoleBinding', group: RBAC_GROUP, namespaced: false },
};

export interface StoredObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; resourceVersion?: string; uid?: string; creationTimestamp?: string; [k: string]: unknown };
  [field: string]: unknown;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
  body(): unknown {
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, code: this.status };
  }
}

interface StoreWatcher {
  readonly res: ServerResponse;
  readonly resource: StoreResource;
  readonly namespace?: string;
  readonly selector: ReturnType<typeof parseLabelSelector>;
}

/** A JSON merge patch (RFC 7386). */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Changes kept for watches that start from a resourceVersion. */
const HISTORY = 5000;

export class ObjectStore {
  private readonly objects = new Map<string, StoredObject>();
  private readonly watchers = new Set<StoreWatcher>();
  private version = 5000;
  /** The latest changes, for a watch that starts from a resourceVersion (older: 410 Gone, list again). */
  private readonly history: { readonly rv: number; readonly resource: StoreResource; readonly line: string; readonly obj: StoredObject }[] = [];

  constructor(private readonly now: () => number) {}

  private key(resource: StoreResource, namespace: string | undefined, name: string): string {
    return `${resource}/${INFO[resource].namespaced ? (namespace ?? '') : ''}/${name}`;
  }

  get resourceVersion(): string {
    return String(this.version);
  }

  list(resource: StoreResource, namespace: string | undefined, labelSelector?: string | null): StoredObject[] {
    const selector = parseLabelSelector(labelSelector);
    return [...this.objects.entries()]
      .filter(([k]) => k.startsWith(`${resource}/`))
      .map(([, o]) => o)
      .filter((o) => (namespace === undefined || o.metadata.namespace === namespace) && selects(selector, o.metadata.labels))
      .sort((a, b) => `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name}`));
  }

  get(resource: StoreResource, namespace: string | undefined, name: string): StoredObject {
    const o = this.objects.get(this.key(resource, namespace, name));
    if (!o) throw new HttpError(404, 'NotFound', `${qualified(resource)} "${name}" not found`);
    return o;
  }

  has(resource: StoreResource, namespace: string | undefined, name: string): boolean {
    return this.objects.has(this.key(resource, namespace, name));
  }

  create(resource: StoreResource, namespace: string | undefined, body: unknown, dryRun: boolean): StoredObject {
    const given = (body ?? { metadata: {} }) as StoredObject;
    const name = (given.metadata as StoredObject['metadata'] | undefined)?.name;
    if (typeof name !== 'string' || !/^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$/.test(name)) {
      throw new HttpError(422, 'Invalid', `${INFO[resource].kind} "${String(name)}" is invalid: metadata.name: Invalid value: "${String(name)}"`);
    }
    if (INFO[resource].namespaced && given.metadata.namespace !== undefined && given.metadata.namespace !== namespace) {
      throw new HttpError(400, 'BadRequest', `the namespace of the provided object does not match the namespace sent on the request`);
    }
    if (this.has(resource, namespace, name)) throw new HttpError(409, 'AlreadyExists', `${qualified(resource)} "${name}" already exists`);
    const obj: StoredObject = {
      ...structuredClone(given),
      apiVersion: INFO[resource].group ? `${INFO[resource].group}/v1` : 'v1',
      kind: INFO[resource].kind,
      metadata: {
        ...structuredClone(given.metadata),
        name,
        ...(INFO[resource].namespaced ? { namespace } : {}),
        uid: `${randomBytes(4).toString('hex')}-0000-4000-8000-${randomBytes(6).toString('hex')}`,
        creationTimestamp: new Date(this.now()).toISOString().replace(/\.\d+Z$/, 'Z'),
        resourceVersion: dryRun ? this.resourceVersion : String(++this.version),
      },
    };
    if (!dryRun) {
      this.objects.set(this.key(resource, namespace, name), obj);
      this.emit(resource, 'ADDED', obj);
    }
    return obj;
  }

  patch(resource: StoreResource, namespace: string | undefined, name: string, patch: unknown): StoredObject {
    const before = this.get(resource, namespace, name);
    const merged = mergePatch(before, patch) as StoredObject;
    const obj: StoredObject = { ...merged, metadata: { ...merged.metadata, name, ...(INFO[resource].namespaced ? { namespace } : {}), uid: before.metadata.uid, resourceVersion: String(++this.version) } };
    this.objects.set(this.key(resource, namespace, name), obj);
    this.emit(resource, 'MODIFIED', obj);
    return obj;
  }

  replace(resource: StoreResource, namespace: string | undefined, name: string, body: unknown): StoredObject {
    const before = this.get(resource, namespace, name);
    const given = body as StoredObject;
    const obj: StoredObject = { ...structuredClone(given), metadata: { ...structuredClone(given.metadata), name, ...(INFO[resource].namespaced ? { namespace } : {}), uid: before.metadata.uid, resourceVersion: String(++this.version) } };
    this.objects.set(this.key(resource, namespace, name), obj);
    this.emit(resource, 'MODIFIED', obj);
    return obj;
  }

  delete(resource: StoreResource, namespace: string | undefined, name: string): StoredObject {
    const obj = this.get(resource, namespace, name);
    this.objects.delete(this.key(resource, namespace, name));
    this.version++;
    this.emit(resource, 'DELETED', obj);
    return obj;
  }

  /** Everything in a namespace goes with it. */
  deleteNamespace(namespace: string): void {
    for (const [k, o] of [...this.objects]) {
      if (o.metadata.namespace === namespace) {
        this.objects.delete(k);
        this.version++;
        this.emit(k.split('/')[0] as StoreResource, 'DELETED', o);
      }
    }
  }

  /**
   * A watch stream: every change from now on; without a resourceVersion, what is there first;
   * from a resourceVersion, the changes since (what a client missed while it reconnected), or
   * 410 Gone when that is older than the history kept.
   */
  watch(res: ServerResponse, resource: StoreResource, namespace: string | undefined, query: URLSearchParams): void {
    const selector = parseLabelSelector(query.get('labelSelector'));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    // As an API server does: the answer starts at once, even when no event is due yet.
    res.flushHeaders();
    const w: StoreWatcher = { res, resource, ...(namespace !== undefined ? { namespace } : {}), selector };
    const from = Number(query.get('resourceVersion') ?? '');
    if (!query.get('resourceVersion')) for (const o of this.list(resource, namespace, query.get('labelSelector'))) res.write(`${JSON.stringify({ type: 'ADDED', object: o })}\n`);
    else if (Number.isFinite(from) && from > 0) {
      const oldest = this.history[0]?.rv ?? this.version + 1;
      if (this.history.length >= HISTORY && from < oldest - 1) {
        res.end(`${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${from} (${oldest - 1})`, reason: 'Expired', code: 410 } })}\n`);
        return;
      }
      for (const h of this.history) if (h.rv > from && h.resource === resource && this.matches(w, h.obj)) res.write(h.line);
    }
    this.watchers.add(w);
    const seconds = Number(query.get('timeoutSeconds') ?? '0');
    const timer = seconds > 0 ? setTimeout(() => res.end(), seconds * 1000) : null;
    res.on('close', () => {
      if (timer) clearTimeout(timer);
      this.watchers.delete(w);
    });
  }

  openWatches(): number {
    return this.watchers.size;
  }

  closeWatches(): void {
    for (const w of [...this.watchers]) w.res.destroy();
    this.watchers.clear();
  }

  private matches(w: StoreWatcher, obj: StoredObject): boolean {
    return (w.namespace === undefined || w.namespace === obj.metadata.namespace) && selects(w.selector, obj.metadata.labels);
  }

  private emit(resource: StoreResource, type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: StoredObject): void {
    const line = `${JSON.stringify({ type, object: obj })}\n`;
    this.history.push({ rv: this.version, resource, line, obj });
    if (this.history.length > HISTORY) this.history.splice(0, this.history.length - HISTORY);
    for (const w of this.watchers) {
      if (w.resource !== resource || !this.matches(w, obj)) continue;
      w.res.write(line);
    }
  }
}

export function qualified(resource: string, group = resource in INFO ? INFO[resource as StoreResource].group : ''): string {
  return group ? `${resource}.${group}` : resource;
}

/** Where a store resource's path points, or null. */
export function storePath(path: string): { resource: StoreResource; namespace?: string; name?: string; sub?: string } | null {
  const core = /^\/api\/v1(?:\/namespaces\/([^/]+))?\/(serviceaccounts|configmaps)(?:\/([^/]+)(?:\/([^/]+))?)?$/.exec(path);
  const rbac = /^\/apis\/rbac\.authorization\.k8s\.io\/v1(?:\/namespaces\/([^/]+))?\/(roles|rolebindings|clusterroles|clusterrolebindings)(?:\/([^/]+))?$/.exec(path);
  const m = core ?? rbac;
  if (!m) return null;
  const resource = m[2] as StoreResource;
  if (INFO[resource].namespaced === false && m[1] !== undefined) return null;
  return {
    resource,
    ...(m[1] !== undefined ? { namespace: decodeURIComponent(m[1]) } : {}),
    ...(m[3] !== undefined ? { name: decodeURIComponent(m[3]) } : {}),
    ...(m[4] !== undefined ? { sub: decodeURIComponent(m[4]) } : {}),
  };
}

// ---- who is asking, and may they ------------------------------------------------------------

export interface UserInfo {
  readonly name: string;
  readonly groups: readonly string[];
  /** A ServiceAccount token (TokenRequest). */
  readonly serviceAccount?: { readonly namespace: string; readonly name: string };
  /** Every right (the tests' administrators). */
  readonly admin: boolean;
}

export interface Attributes {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** The request's attributes as the API server's RequestInfo reads them; null for a non-resource path (discovery, /version, OpenAPI). */
export function requestAttributes(method: string, path: string, query: URLSearchParams, upgrade = false): Attributes | null {
  const m = /^\/api\/v1\/(.+)$/.exec(path) ?? /^\/apis\/([^/]+)\/[^/]+\/(.+)$/.exec(path);
  if (!m) return null;
  const group = path.startsWith('/apis/') ? (m[1] ?? '') : '';
  const parts = (path.startsWith('/apis/') ? (m[2] ?? '') : (m[1] ?? '')).split('/').map(decodeURIComponent);
  let namespace: string | undefined;
  if (parts[0] === 'namespaces' && parts.length >= 3) {
    namespace = parts[1];
    parts.splice(0, 2);
  } else if (parts[0] === 'namespaces' && parts.length === 2) {
    // GET /api/v1/namespaces/NAME: the namespace itself, in its own namespace.
    namespace = parts[1];
  }
  const [resource = '', name, subresource] = parts;
  const watching = query.get('watch') === 'true' || query.get('watch') === '1';
  const verb = upgrade ? 'create'
    : method === 'GET' || method === 'HEAD' ? (name === undefined ? (watching ? 'watch' : 'list') : 'get')
    : method === 'POST' ? 'create'
    : method === 'PUT' ? 'update'
    : method === 'PATCH' ? 'patch'
    : method === 'DELETE' ? (name === undefined ? 'deletecollection' : 'delete')
    : method.toLowerCase();
  return { verb, group, resource, ...(subresource !== undefined ? { subresource } : {}), ...(namespace !== undefined ? { namespace } : {}), ...(name !== undefined ? { name } : {}) };
}

interface Rule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly verbs?: readonly string[];
  readonly resourceNames?: readonly string[];
}

function ruleAllows(rule: Rule, a: Attributes): boolean {
  const verbs = rule.verbs ?? [];
  const groups = rule.apiGroups ?? [];
  const resources = rule.resources ?? [];
  const names = rule.resourceNames ?? [];
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return (
    (verbs.includes('*') || verbs.includes(a.verb)) &&
    (groups.includes('*') || groups.includes(a.group)) &&
    (resources.includes('*') || resources.includes(res) || (a.subresource !== undefined && resources.includes(`*/${a.subresource}`))) &&
    (names.length === 0 || (a.name !== undefined && names.includes(a.name)))
  );
}

interface Subject {
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
}

function subjectMatches(s: Subject, user: UserInfo): boolean {
  if (s.kind === 'ServiceAccount') return user.serviceAccount !== undefined && s.name === user.serviceAccount.name && s.namespace === user.serviceAccount.namespace;
  if (s.kind === 'User') return s.name === user.name;
  if (s.kind === 'Group') return s.name !== undefined && user.groups.includes(s.name);
  return false;
}

/** RBAC as the API server's authorizer answers it (no wildcard subjects, no aggregation). */
export function authorize(store: ObjectStore, user: UserInfo, a: Attributes): boolean {
  if (user.admin) return true;
  const rulesOf = (kind: unknown, name: unknown, namespace?: string): Rule[] => {
    if (typeof name !== 'string') return [];
    const resource: StoreResource = kind === 'Role' ? 'roles' : 'clusterroles';
    if (resource === 'roles' && namespace === undefined) return [];
    return store.has(resource, namespace, name) ? ((store.get(resource, namespace, name)['rules'] as Rule[] | undefined) ?? []) : [];
  };
  for (const b of store.list('clusterrolebindings', undefined)) {
    const subjects = (b['subjects'] as Subject[] | undefined) ?? [];
    const ref = (b['roleRef'] ?? {}) as { kind?: string; name?: string };
    if (ref.kind === 'ClusterRole' && subjects.some((s) => subjectMatches(s, user)) && rulesOf('ClusterRole', ref.name).some((r) => ruleAllows(r, a))) return true;
  }
  if (a.namespace !== undefined) {
    for (const b of store.list('rolebindings', a.namespace)) {
      const subjects = (b['subjects'] as Subject[] | undefined) ?? [];
      const ref = (b['roleRef'] ?? {}) as { kind?: string; name?: string };
      if (!subjects.some((s) => subjectMatches(s, user))) continue;
      if (rulesOf(ref.kind, ref.name, a.namespace).some((r) => ruleAllows(r, a))) return true;
    }
  }
  return false;
}

/** The real API server's refusal (k8s.io/apiserver endpoints/handlers/responsewriters.forbiddenMessage). */
export function forbiddenMessage(user: UserInfo, a: Attributes): string {
  const res = qualified(a.resource, a.group);
  const prefix = a.name !== undefined ? `${res} "${a.name}" is forbidden: ` : `${res} is forbidden: `;
  const what = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const where = a.namespace !== undefined ? ` in the namespace "${a.namespace}"` : ' at the cluster scope';
  return `${prefix}User "${user.name}" cannot ${a.verb} resource "${what}" in API group "${a.group}"${where}`;
}

export function serviceAccountUser(namespace: string, name: string): UserInfo {
  return {
    name: `system:serviceaccount:${namespace}:${name}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
    serviceAccount: { namespace, name },
    admin: false,
  };
}

export const ADMIN: UserInfo = { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'], admin: true };

/** Tokens issued by TokenRequest. */
export class TokenIssuer {
  private readonly tokens = new Map<string, { namespace: string; name: string; expires: number }>();

  constructor(private readonly now: () => number) {}

  issue(namespace: string, name: string, expirationSeconds: number): { token: string; expirationTimestamp: string } {
    const token = `fake-sa.${randomBytes(24).toString('base64url')}`;
    const expires = this.now() + expirationSeconds * 1000;
    this.tokens.set(token, { namespace, name, expires });
    return { token, expirationTimestamp: new Date(expires).toISOString().replace(/\.\d+Z$/, 'Z') };
  }

  /** The ServiceAccount a token is for; 'expired' or 'unknown'. */
  lookup(token: string): { namespace: string; name: string } | 'expired' | 'unknown' {
    const t = this.tokens.get(token);
    if (!t) return 'unknown';
    if (t.expires <= this.now()) return 'expired';
    return { namespace: t.namespace, name: t.name };
  }

  issued(): number {
    return this.tokens.size;
  }
}
