// What a seat of a workshop room may do, derived from the tutorial (pure). A seat is one
// namespace on a shared cluster; its ServiceAccount gets a Role in that namespace with exactly
// the verbs and resources the tutorial's commands, checks and shell use there, plus what the
// tour itself reads and writes (its Pods and events, its own namespace, its progress
// ConfigMap), and, for the whole room, read-only access to nodes when the tutorial reads nodes.
// Nothing else is given: no wildcard, no secrets, nothing in another namespace, nothing
// cluster-wide but reading nodes. What the tutorial reads outside the seat (kube-system's
// Pods) is listed as not given: those steps degrade instead of failing (docs/architecture.md,
// "A seat's rights").
//
// Only what applies with your own cluster counts (`when: { mode: [...] }` without byoc is
// left out: a seat never runs kind), for every profile, gate and preparation.

import type { CheckKind, Condition, StepSpec, TutorialSpec } from './model.js';
import { toolName } from './tool-name.js';
import { kubectlWords, manifestObjects } from './ownership.js';

/** The verbs a seat's rules may hold: never `*`. */
export const SEAT_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'] as const;
export type Verb = (typeof SEAT_VERBS)[number];

/** The core/v1 resources (and subresources) a seat may be given. Secrets are not among them, whatever a tutorial does. */
export const SEAT_RESOURCES = ['pods', 'pods/exec', 'pods/log', 'pods/attach', 'pods/portforward', 'events', 'configmaps', 'services', 'namespaces'] as const;
export type SeatResource = (typeof SEAT_RESOURCES)[number];

/** One rule of a Role (rbac.authorization.k8s.io/v1 PolicyRule), core group only. */
export interface SeatRule {
  readonly apiGroups: readonly [''];
  readonly resources: readonly [SeatResource];
  readonly verbs: readonly Verb[];
  readonly resourceNames?: readonly string[];
}

/** Something the tutorial reads that a seat is not given (the step says it is not visible). */
export interface NotGiven {
  /** e.g. `list pods in kube-system`, `get secrets`. */
  readonly what: string;
  /** The step that reads it. */
  readonly step: string;
}

export interface SeatRights {
  /** In the seat's namespace: resource → verbs (the Role is built from these and the seat's names). */
  readonly namespaced: ReadonlyMap<SeatResource, ReadonlySet<Verb>>;
  /** Read-only nodes for the whole room (a ClusterRole get, list, watch on nodes). */
  readonly nodes: boolean;
  /** The steps (and checks) that read nodes: why the room reads them. */
  readonly nodesFor: readonly string[];
  readonly notGiven: readonly NotGiven[];
}

/** Whether something with this condition runs with your own cluster (for some profile). */
function appliesToSeat(when: Condition | undefined): boolean {
  return when?.mode === undefined || when.mode.includes('byoc');
}

/** Type words as kubectl reads them (plural, singular, short name) → the resource. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  pod: 'pods', pods: 'pods', po: 'pods',
  event: 'events', events: 'events', ev: 'events',
  node: 'nodes', nodes: 'nodes', no: 'nodes',
  configmap: 'configmaps', configmaps: 'configmaps', cm: 'configmaps',
  service: 'services', services: 'services', svc: 'services',
  namespace: 'namespaces', namespaces: 'namespaces', ns: 'namespaces',
  secret: 'secrets', secrets: 'secrets',
  serviceaccount: 'serviceaccounts', serviceaccounts: 'serviceaccounts', sa: 'serviceaccounts',
};

/** Manifest kinds (core/v1) → the resource. */
const KIND_RESOURCES: Readonly<Record<string, string>> = { Pod: 'pods', ConfigMap: 'configmaps', Service: 'services', Secret: 'secrets' };

/** Namespaced resources a seat may be given in its namespace (namespaces itself only by name, by the tour). */
const GIVABLE = new Set<string>(['pods', 'events', 'configmaps', 'services']);

function isSeatResource(r: string): r is SeatResource {
  return (SEAT_RESOURCES as readonly string[]).includes(r);
}

class Collector {
  readonly namespaced = new Map<SeatResource, Set<Verb>>();
  readonly nodesFor: string[] = [];
  readonly notGiven: NotGiven[] = [];

  give(resource: SeatResource, ...verbs: Verb[]): void {
    let set = this.namespaced.get(resource);
    if (!set) this.namespaced.set(resource, (set = new Set()));
    for (const v of verbs) set.add(v);
  }

  nodes(why: string): void {
    if (!this.nodesFor.includes(why)) this.nodesFor.push(why);
  }

  refuse(what: string, step: string): void {
    if (!this.notGiven.some((n) => n.what === what && n.step === step)) this.notGiven.push({ what, step });
  }

  /** A resource in the seat's namespace (or nodes, or something not given). */
  use(resource: string, verbs: Verb[], step: string, inSeat: boolean, namespace: string): void {
    if (resource === 'nodes') {
      // Read-only only: a tutorial that would change nodes gets nothing for it.
      if (verbs.every((v) => v === 'get' || v === 'list' || v === 'watch')) this.nodes(step);
      else this.refuse(`${verbs.join(', ')} nodes`, step);
      return;
    }
    if (!inSeat) {
      this.refuse(`${verbs.join(', ')} ${resource} in ${namespace}`, step);
      return;
    }
    if (GIVABLE.has(resource) && isSeatResource(resource)) this.give(resource, ...verbs);
    else this.refuse(`${verbs.join(', ')} ${resource}`, step);
  }
}

/** The verbs a kubectl sub-command uses on the resources it names. */
function verbsOf(sub: string, words: ReturnType<typeof kubectlWords>): Verb[] | null {
  const watching = words.on('w', 'watch', 'watch-only');
  switch (sub) {
    case 'get':
      return watching ? ['get', 'list', 'watch'] : ['get', 'list'];
    case 'describe':
      return ['get', 'list'];
    case 'wait':
      return ['get', 'list', 'watch'];
    case 'apply':
      // Client-side apply reads the object, then creates or patches it.
      return ['get', 'create', 'patch'];
    case 'create':
      return ['create'];
    case 'replace':
      return ['get', 'update'];
    case 'delete': {
      const byName = words.flag('l', 'selector') === undefined && !words.on('all');
      const waits = words.flag('wait') !== 'false';
      return [...(byName ? [] : (['list'] as Verb[])), 'delete', ...(waits ? (['get', 'watch'] as Verb[]) : [])];
    }
    case 'label':
    case 'annotate':
    case 'patch':
      return ['get', 'patch'];
    default:
      return null;
  }
}

/** The resources a kubectl command names: TYPE[,TYPE] NAME…, TYPE/NAME…, or the objects of its -f files. */
function namedResources(positional: readonly string[], fileKinds: readonly string[]): string[] {
  if (fileKinds.length > 0) return [...fileKinds];
  const [first] = positional;
  if (first === undefined) return [];
  const types = first.includes('/') ? positional.map((a) => a.slice(0, a.indexOf('/'))) : first.split(',');
  return types.map((t) => TYPE_WORDS[t.toLowerCase().replace(/\.(v1\.?)?$/, '')] ?? t.toLowerCase());
}

/** The resources of the manifests a command applies (`{file:NAME}`: the step's files of that name). */
function fileResources(step: StepSpec, files: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    const name = /^\{file:([^}]+)\}$/.exec(f)?.[1];
    for (const spec of step.files.filter((x) => x.name === name && appliesToSeat(x.when))) {
      const objects = manifestObjects(spec.content);
      if ('error' in objects) continue;
      for (const o of objects) out.push(KIND_RESOURCES[o.kind ?? ''] ?? (o.kind ?? '?').toLowerCase());
    }
  }
  return [...new Set(out)];
}

function kubectlCommand(c: Collector, step: StepSpec, args: readonly string[]): void {
  const words = kubectlWords(args);
  const [sub, ...rest] = words.positional;
  if (sub === undefined) return;
  const ns = words.flag('n') ?? '{namespace}';
  const inSeat = ns === '{namespace}';
  switch (sub) {
    case 'version':
    case 'api-resources':
    case 'api-versions':
    case 'explain':
    case 'config':
      return; // discovery or local: nothing in the cluster
    case 'exec':
    case 'cp':
      c.use('pods', ['get'], step.id, inSeat, ns);
      if (inSeat) c.give('pods/exec', 'create', 'get');
      return;
    case 'attach':
      c.use('pods', ['get'], step.id, inSeat, ns);
      if (inSeat) c.give('pods/attach', 'create', 'get');
      return;
    case 'port-forward':
      c.use('pods', ['get'], step.id, inSeat, ns);
      if (inSeat) c.give('pods/portforward', 'create', 'get');
      return;
    case 'logs':
      c.use('pods', ['get'], step.id, inSeat, ns);
      if (inSeat) c.give('pods/log', 'get');
      return;
    case 'events':
      c.use('events', ['list', 'watch'], step.id, inSeat, ns);
      return;
  }
  const verbs = verbsOf(sub, words);
  if (!verbs) {
    c.refuse(`kubectl ${sub}`, step.id);
    return;
  }
  const files = [words.flag('f')].filter((f): f is string => f !== undefined);
  for (const resource of namedResources(rest, fileResources(step, files))) c.use(resource, verbs, step.id, inSeat, ns);
  // describe lists the object's events too.
  if (sub === 'describe') c.use('events', ['list'], step.id, inSeat, ns);
}

function check(c: Collector, step: string, kind: CheckKind): void {
  switch (kind) {
    case 'nodesReady':
    case 'runtimeSupportsImageVolumes':
      c.nodes(step);
      return;
    case 'systemPodsRunning':
      c.refuse('list pods in kube-system', step);
      return;
    case 'podPhase':
    case 'podReady':
    case 'imageVolumeKept':
    case 'podAbsent':
      c.give('pods', 'get');
      return;
    case 'labelledPodsGone':
      c.give('pods', 'list');
      return;
    case 'execOutput':
    case 'execFails':
      c.give('pods', 'get');
      c.give('pods/exec', 'create', 'get');
      return;
    case 'toolsReady':
    case 'registriesReachable':
    case 'fileWritten':
    case 'clusterExists':
    case 'clusterAbsent':
      return; // local, or only /version
  }
}

/** The rights a seat needs for this tutorial. */
export function seatRights(tutorial: TutorialSpec): SeatRights {
  const c = new Collector();
  // The tour itself, whatever the tutorial: its view of the namespace (the snapshot and its
  // watch read Pods and events), the tour's Pods by label and by name.
  c.give('pods', 'get', 'list', 'watch');
  c.give('events', 'list', 'watch');
  // The hints send the learner to `kubectl logs` in their own terminal.
  c.give('pods/log', 'get');
  for (const step of tutorial.steps) {
    if (!appliesToSeat(step.when)) continue;
    for (const cmd of [...step.commands, ...step.solve]) {
      if (!appliesToSeat(cmd.when)) continue;
      if (toolName(cmd.argv[0] ?? '') === 'kubectl') kubectlCommand(c, step, cmd.argv.slice(1));
    }
    for (const chk of step.checks) if (appliesToSeat(chk.when)) check(c, `${step.id}/${chk.id}`, chk.kind);
    if (step.shell) {
      c.give('pods', 'get');
      c.give('pods/exec', 'create', 'get');
    }
  }
  return { namespaced: c.namespaced, nodes: c.nodesFor.length > 0, nodesFor: c.nodesFor, notGiven: c.notGiven };
}

/** The order verbs are listed in (as kubectl's own roles list them). */
function sortedVerbs(verbs: Iterable<Verb>): Verb[] {
  const set = new Set(verbs);
  return SEAT_VERBS.filter((v) => set.has(v));
}

/**
 * The Role's rules for one seat: the tutorial's rights, and, by name only, the seat's own
 * namespace (read: the tour finds out it runs in a room seat) and its progress ConfigMap
 * (read and patch: where the trainer's view reads the seat's progress).
 */
export function seatRules(rights: SeatRights, o: { readonly namespace: string; readonly progressConfigMap: string }): SeatRule[] {
  const rules: SeatRule[] = [];
  for (const resource of SEAT_RESOURCES) {
    const verbs = rights.namespaced.get(resource);
    if (verbs && verbs.size > 0) rules.push({ apiGroups: [''], resources: [resource], verbs: sortedVerbs(verbs) });
  }
  rules.push({ apiGroups: [''], resources: ['namespaces'], verbs: ['get'], resourceNames: [o.namespace] });
  rules.push({ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'patch'], resourceNames: [o.progressConfigMap] });
  return rules;
}
