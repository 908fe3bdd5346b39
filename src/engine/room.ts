// A workshop room on one shared cluster (pure): its names and labels, every object `room
// create` makes, the kubeconfig each seat gets, and the rights the trainer needs to make them.
// A seat is a namespace `ivol-ROOM-NN`; everything of a room carries the tour's label
// (app.kubernetes.io/managed-by=ivol-tour) and the room's (ivol-tour/room=ROOM), so that
// `room delete` selects exactly what `room create` made, and nothing else.

import { stringify } from 'yaml';
import type { MessageRef } from '../i18n/types.js';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from './ownership.js';
import { seatRules, type SeatRights, type SeatRule } from './room-rights.js';
import type { Node } from './kube-objects.js';
import { atLeast, parseVersion, runtimeSupport } from './versions.js';

export const ROOM_LABEL = 'ivol-tour/room';
export const SEAT_LABEL = 'ivol-tour/seat';
/** The seat's progress, written by the tour at that seat, read by `room watch` and `room status`. */
export const PROGRESS_CONFIGMAP = 'ivol-tour-progress';
/** The ServiceAccount, Role and RoleBinding of a seat: one of each, in its namespace. */
export const SEAT_ACCOUNT = 'ivol-tour-seat';
export const DEFAULT_ROOM = 'room';
export const MAX_SEATS = 500;
/** TokenRequest refuses less than 10 minutes; a day-long workshop fits in a week. */
export const MIN_TTL_MS = 10 * 60_000;
export const MAX_TTL_MS = 7 * 24 * 3_600_000;

/** The labels every object of the room carries. */
export function roomLabels(room: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [ROOM_LABEL]: room };
}

/** What selects every object of a room (and only those). */
export function roomSelector(room: string): string {
  return `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${ROOM_LABEL}=${room}`;
}

/** Seat numbers, zero-padded to the width of the largest (two digits at least): 01…30, 001…100. */
export function seatIds(seats: number): string[] {
  const width = Math.max(2, String(seats).length);
  return Array.from({ length: seats }, (_, i) => String(i + 1).padStart(width, '0'));
}

export function seatNamespace(room: string, seat: string): string {
  return `ivol-${room}-${seat}`;
}

/** The kubeconfig file of a seat, in the --out directory. */
export function seatFileName(seat: string): string {
  return `seat-${seat}.kubeconfig`;
}

/** The room-wide read of nodes (ClusterRole and ClusterRoleBinding of that name). */
export function nodesRoleName(room: string): string {
  return `ivol-tour-room-${room}-nodes`;
}

/** Why a room name cannot be used, or null. Its namespaces must be DNS labels (63 characters). */
export function roomNameProblem(room: string, seats: number): MessageRef | null {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(room)) return { key: 'room.badName', params: { name: room } };
  const longest = seatNamespace(room, seatIds(Math.max(1, seats)).at(-1) ?? '01');
  if (longest.length > 63) return { key: 'room.nameTooLong', params: { name: room, namespace: longest, max: 63 - (longest.length - room.length) } };
  return null;
}

/** --seats N: a whole number from 1 to MAX_SEATS; otherwise what is wrong. */
export function parseSeats(text: string): number | MessageRef {
  if (!/^\d+$/.test(text.trim())) return { key: 'room.badSeats', params: { value: text, max: MAX_SEATS } };
  const n = Number(text.trim());
  if (n < 1 || n > MAX_SEATS) return { key: 'room.badSeats', params: { value: text, max: MAX_SEATS } };
  return n;
}

/** --ttl 8h (units required: s, m, h); 10 minutes to 7 days. */
export function parseTtl(text: string, parseDuration: (text: string) => number | undefined): number | MessageRef {
  const ms = /^\s*\d+\s*$/.test(text) ? undefined : parseDuration(text);
  if (ms === undefined || ms < MIN_TTL_MS || ms > MAX_TTL_MS) return { key: 'room.badTtl', params: { value: text } };
  return ms;
}

// ---- objects ---------------------------------------------------------------------------

/** A Kubernetes object as the API takes it (JSON). */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels: Readonly<Record<string, string>>; readonly annotations?: Readonly<Record<string, string>> };
  readonly [field: string]: unknown;
}

export interface SeatPlan {
  readonly seat: string;
  readonly namespace: string;
  /** In the order they are created: the namespace first, then what lives in it. */
  readonly namespaceObject: KubeObject;
  readonly objects: readonly KubeObject[];
}

export interface RoomPlan {
  readonly room: string;
  readonly seats: readonly SeatPlan[];
  /** Shared by the room: read-only nodes (a ClusterRole and its binding), when the tutorial reads nodes. */
  readonly clusterObjects: readonly KubeObject[];
  readonly rights: SeatRights;
}

function seatObjects(room: string, seat: string, rights: SeatRights): SeatPlan {
  const namespace = seatNamespace(room, seat);
  const labels = { ...roomLabels(room), [SEAT_LABEL]: seat };
  const meta = (name: string): KubeObject['metadata'] => ({ name, namespace, labels });
  const rules: SeatRule[] = seatRules(rights, { namespace, progressConfigMap: PROGRESS_CONFIGMAP });
  return {
    seat,
    namespace,
    namespaceObject: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels } },
    objects: [
      // No token of its own in Pods: the seat's credentials are the kubeconfig's, bounded in time.
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(SEAT_ACCOUNT), automountServiceAccountToken: false },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta(SEAT_ACCOUNT), rules },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: meta(SEAT_ACCOUNT),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: SEAT_ACCOUNT },
        subjects: [{ kind: 'ServiceAccount', name: SEAT_ACCOUNT, namespace }],
      },
      // Made here, so that the seat needs no right to create ConfigMaps: it patches this one by name.
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(PROGRESS_CONFIGMAP), data: { seat, status: 'waiting' } },
    ],
  };
}

/** Every object of a room of `seats` seats for a tutorial's rights. */
export function planRoom(room: string, seats: number, rights: SeatRights): RoomPlan {
  const plans = seatIds(seats).map((seat) => seatObjects(room, seat, rights));
  const name = nodesRoleName(room);
  const clusterObjects: KubeObject[] = rights.nodes
    ? [
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          metadata: { name, labels: roomLabels(room), annotations: { 'ivol-tour/why': `read by ${rights.nodesFor.join(', ')}` } },
          rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] }],
        },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRoleBinding',
          metadata: { name, labels: roomLabels(room) },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
          subjects: plans.map((p) => ({ kind: 'ServiceAccount', name: SEAT_ACCOUNT, namespace: p.namespace })),
        },
      ]
    : [];
  return { room, seats: plans, clusterObjects, rights };
}

/** Every object of the plan, in the order `room create` makes them. */
export function planObjects(plan: RoomPlan): KubeObject[] {
  return [...plan.seats.flatMap((s) => [s.namespaceObject, ...s.objects]), ...plan.clusterObjects];
}

/** The TokenRequest for a seat's ServiceAccount (the API server's own audience). */
export function tokenRequest(ttlMs: number): Record<string, unknown> {
  return { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: Math.round(ttlMs / 1000) } };
}

/** A throwaway Pod with an image volume: created with server-side dry run, to see whether the API server keeps the field. */
export function probePod(namespace: string, artifact: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'ivol-tour-image-volume-probe', namespace, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE } },
    spec: {
      containers: [{ name: 'probe', image: 'registry.k8s.io/pause:3.10', volumeMounts: [{ name: 'probe', mountPath: '/volume' }] }],
      volumes: [{ name: 'probe', image: { reference: artifact, pullPolicy: 'IfNotPresent' } }],
    },
  };
}

/** Whether a Pod read back from the API still has the probe's image volume. */
export function probeKept(pod: unknown): boolean {
  const volumes = (pod as { spec?: { volumes?: { name?: string; image?: { reference?: string } }[] } } | null)?.spec?.volumes ?? [];
  return volumes.some((v) => v.name === 'probe' && typeof v.image?.reference === 'string' && v.image.reference !== '');
}

// ---- a seat's kubeconfig -----------------------------------------------------------------

/** How the seat reaches the API server: the trainer's cluster entry, with its CA inline. */
export interface SeatCluster {
  readonly server: string;
  readonly certificateAuthorityData?: string;
  readonly insecureSkipTlsVerify?: boolean;
  readonly tlsServerName?: string;
  readonly proxyUrl?: string;
}

/** The seat's kubeconfig: one cluster, one user (the bounded token), one context with the seat's namespace, current. */
export function seatKubeconfig(o: { readonly room: string; readonly seat: string; readonly cluster: SeatCluster; readonly token: string; readonly expires: string }): string {
  const name = seatNamespace(o.room, o.seat);
  const cluster: Record<string, unknown> = { server: o.cluster.server };
  if (o.cluster.certificateAuthorityData) cluster['certificate-authority-data'] = o.cluster.certificateAuthorityData;
  if (o.cluster.insecureSkipTlsVerify) cluster['insecure-skip-tls-verify'] = true;
  if (o.cluster.tlsServerName) cluster['tls-server-name'] = o.cluster.tlsServerName;
  if (o.cluster.proxyUrl) cluster['proxy-url'] = o.cluster.proxyUrl;
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': name,
    clusters: [{ name: `ivol-${o.room}`, cluster }],
    users: [{ name, user: { token: o.token } }],
    contexts: [{ name, context: { cluster: `ivol-${o.room}`, user: name, namespace: name } }],
  };
  const head = [
    `# ivol-tour room ${o.room}, seat ${o.seat}: namespace ${name}, valid until ${o.expires}.`,
    `#   npx ivol-tour --kubeconfig ${seatFileName(o.seat)}`,
    '# Keep it to yourself: it holds the seat\'s token.',
  ];
  return `${head.join('\n')}\n${stringify(config, { lineWidth: 0 })}`;
}

// ---- the trainer's rights ----------------------------------------------------------------

/** One right, as a SelfSubjectAccessReview asks for it. */
export interface Right {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
  /** Absent: cluster-wide. */
  readonly namespace?: string;
}

/** A right as a person reads it: `create rolebindings.rbac.authorization.k8s.io in ivol-room-01`. */
export function rightText(r: Right): string {
  const resource = `${r.resource}${r.subresource ? `/${r.subresource}` : ''}${r.group ? `.${r.group}` : ''}`;
  return `${r.verb} ${resource}${r.namespace ? ` in ${r.namespace}` : ' (cluster-wide)'}`;
}

/**
 * What the trainer needs to create the room: the objects, the seats' tokens, the probe, the
 * nodes' runtimes, and every right the seats get (Kubernetes lets one grant only what one has).
 * Asked in the first seat's namespace: RBAC answers the same for every seat.
 */
export function rightsToCreate(plan: RoomPlan): Right[] {
  const ns = plan.seats[0]?.namespace ?? 'default';
  const rbac = 'rbac.authorization.k8s.io';
  const out: Right[] = [
    { verb: 'list', group: '', resource: 'namespaces' },
    { verb: 'create', group: '', resource: 'namespaces' },
    { verb: 'create', group: '', resource: 'serviceaccounts', namespace: ns },
    { verb: 'create', group: '', resource: 'serviceaccounts', subresource: 'token', namespace: ns },
    { verb: 'create', group: rbac, resource: 'roles', namespace: ns },
    { verb: 'create', group: rbac, resource: 'rolebindings', namespace: ns },
    { verb: 'create', group: '', resource: 'configmaps', namespace: ns },
    { verb: 'create', group: '', resource: 'pods', namespace: ns },
    { verb: 'list', group: '', resource: 'nodes' },
  ];
  if (plan.rights.nodes) {
    out.push({ verb: 'create', group: rbac, resource: 'clusterroles' }, { verb: 'create', group: rbac, resource: 'clusterrolebindings' });
    for (const verb of ['get', 'list', 'watch']) out.push({ verb, group: '', resource: 'nodes' });
  }
  const rules = plan.seats[0]?.objects.find((o) => o.kind === 'Role')?.['rules'] as readonly SeatRule[] | undefined;
  for (const rule of rules ?? []) {
    const [resource = '', subresource] = rule.resources[0].split('/');
    for (const verb of rule.verbs) out.push({ verb, group: '', resource, ...(subresource ? { subresource } : {}), namespace: ns });
  }
  // Each right once, in the order first asked.
  const seen = new Set<string>();
  return out.filter((r) => !seen.has(rightText(r)) && Boolean(seen.add(rightText(r))));
}

/** What `room delete` needs. */
export function rightsToDelete(): Right[] {
  const rbac = 'rbac.authorization.k8s.io';
  return [
    { verb: 'list', group: '', resource: 'namespaces' },
    { verb: 'delete', group: '', resource: 'namespaces' },
    { verb: 'list', group: rbac, resource: 'clusterroles' },
    { verb: 'delete', group: rbac, resource: 'clusterroles' },
    { verb: 'list', group: rbac, resource: 'clusterrolebindings' },
    { verb: 'delete', group: rbac, resource: 'clusterrolebindings' },
  ];
}

// ---- can the cluster do image volumes ----------------------------------------------------

/** Why the API server's version cannot do image volumes, or null (1.31+: the probe decides the gate). */
export function serverVersionProblem(gitVersion: string): MessageRef | null {
  const v = parseVersion(gitVersion);
  if (v && !atLeast(v, 1, 31)) return { key: 'room.support.tooOld', params: { version: gitVersion } };
  return null;
}

/** The nodes' runtimes as a line, and why they cannot mount image volumes (null: they can, or cannot be told). */
export function runtimeFacts(nodes: readonly Node[]): { readonly line: string; readonly problem: MessageRef | null } {
  if (nodes.length === 0) return { line: '', problem: { key: 'room.support.noNodes' } };
  const rows = nodes.map((n) => ({ name: n.metadata.name, raw: n.status?.nodeInfo?.containerRuntimeVersion ?? '' }));
  const bad = rows.filter((r) => runtimeSupport(r.raw).imageVolumes === 'no');
  const line = rows.map((r) => `${r.name} ${r.raw || '?'}`).join(', ');
  return { line, problem: bad.length > 0 ? { key: 'room.support.runtimeUnsupported', params: { nodes: bad.map((r) => `${r.name} (${r.raw || '?'})`).join(', ') } } : null };
}
