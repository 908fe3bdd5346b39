// What belongs to the tour, and what a kubectl command would change. Pure: the adapters read
// the objects from the API (and the files from disk) and decide with these functions.
//
// - An object is the tour's when it carries app.kubernetes.io/managed-by=ivol-tour; the tour
//   never patches, replaces, deletes, labels, annotates or execs into anything else.
// - A kind cluster is the tour's when the tour recorded creating it, or when its nodes carry
//   ivol-tour/created-by=ivol-tour (set by the kind config assets, see CLUSTER_MARK_LABEL).

import { parseAllDocuments } from 'yaml';
import { errorMessage } from './errors.js';
import { isRecord, recordOf } from './shape.js';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'ivol-tour';
export const MANAGED_SELECTOR = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;

/**
 * The node label that marks a kind cluster as made from one of the tour's kind configs
 * (kind v1alpha4 `nodes[].labels`). Not under kubernetes.io: the kubelet refuses to set labels
 * of that namespace on its own node (KEP "Bounding Self-Labeling Kubelets"), and kind sets
 * node labels through the kubelet.
 */
export const CLUSTER_MARK_LABEL = 'ivol-tour/created-by';
export const CLUSTER_MARK_VALUE = 'ivol-tour';

/**
 * Why an adapter refused to run a command: a diagnosis rule (diag.<rule>.cause / .next in the
 * message catalogs) and its parameters. The engine turns it into the step's failure.
 */
/** The diagnosis rules (diagnosis.ts) an adapter refuses a command with. */
export type RefusalRule =
  | 'command.refused'
  | 'ownership.notOurs'
  | 'ownership.execNotOurs'
  | 'ownership.selector'
  | 'ownership.allNamespaces'
  | 'ownership.clusterKept'
  | 'ownership.clusterUnconfirmed'
  | 'ownership.unchecked';

export interface Refusal {
  readonly rule: RefusalRule;
  readonly params: Readonly<Record<string, string | number>>;
}

interface Labelled {
  readonly labels?: Readonly<Record<string, unknown>> | undefined;
}

export function isTourObject(meta: Labelled | undefined): boolean {
  return meta?.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE;
}

export function carriesClusterMark(meta: Labelled | undefined): boolean {
  return meta?.labels?.[CLUSTER_MARK_LABEL] === CLUSTER_MARK_VALUE;
}

/** The terms of a label selector (commas inside `in (a,b)` do not split). */
function selectorTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else current += ch;
  }
  terms.push(current.trim());
  return terms.filter((x) => x !== '');
}

/** Whether every object the selector selects must carry the tour's label. */
export function selectorRequiresTourLabel(selector: string): boolean {
  return selectorTerms(selector).some((term) => {
    const eq = /^([^\s=!]+)\s*==?\s*(\S+)$/.exec(term);
    if (eq) return eq[1] === MANAGED_BY_LABEL && eq[2] === MANAGED_BY_VALUE;
    const inSet = /^(\S+)\s+in\s*\(\s*([^)]*)\)$/.exec(term);
    return inSet !== null && inSet[1] === MANAGED_BY_LABEL && (inSet[2] ?? '').trim() === MANAGED_BY_VALUE;
  });
}

// ---- objects ---------------------------------------------------------------------------

/** An object a command names: by the type typed on the command line, or by apiVersion/kind. */
export interface ObjectRef {
  /** As typed: pod, pods, po, deployment.apps (command line only). */
  readonly type?: string;
  readonly apiVersion?: string;
  readonly kind?: string;
  /** -n, or the manifest's metadata.namespace; absent: the context's namespace. */
  readonly namespace?: string;
  readonly name: string;
}

/**
 * The objects of parsed manifest documents, the items of a `kind: …List` in its place. A
 * document or item that is not a map gives `undefined`; an empty one (null) gives nothing.
 */
function* manifestItems(values: Iterable<unknown>): Generator<Readonly<Record<string, unknown>> | undefined> {
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (!isRecord(value)) {
      yield undefined;
      continue;
    }
    const kind = value['kind'];
    const items = value['items'];
    if (typeof kind === 'string' && /List$/.test(kind) && Array.isArray(items)) yield* manifestItems(items);
    else yield value;
  }
}

/** The objects in a manifest file (several documents, `kind: List`); a message when it is not one. */
export function manifestObjects(text: string): ObjectRef[] | { error: string } {
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch (error) {
    return { error: errorMessage(error) };
  }
  if (!Array.isArray(docs)) return { error: 'not a YAML or JSON manifest' };
  const out: ObjectRef[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) return { error: doc.errors[0]?.message.split('\n')[0] ?? 'YAML error' };
    for (const o of manifestItems([doc.toJS()])) {
      if (!o) return { error: 'a document is not an object' };
      const kind = typeof o['kind'] === 'string' ? o['kind'] : '';
      const apiVersion = typeof o['apiVersion'] === 'string' ? o['apiVersion'] : '';
      const meta = recordOf(o['metadata']);
      const name = typeof meta['name'] === 'string' ? meta['name'] : '';
      const namespace = typeof meta['namespace'] === 'string' && meta['namespace'] !== '' ? meta['namespace'] : undefined;
      if (name === '') {
        // generateName only: always a new object, nothing existing to check.
        if (typeof meta['generateName'] === 'string') continue;
        return { error: `an object of kind ${kind || '?'} has no metadata.name` };
      }
      out.push({ apiVersion, kind, name, ...(namespace ? { namespace } : {}) });
    }
  }
  return out;
}

/** Every object in a manifest carries the tour's label (null), or the first that does not. */
export function unlabelledManifestObject(text: string): { kind: string; name: string } | null {
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch {
    return null;
  }
  if (!Array.isArray(docs)) return null;
  for (const doc of docs) {
    if (doc.errors.length > 0) return null;
    for (const o of manifestItems([doc.toJS()])) {
      if (!o) continue;
      const meta = recordOf(o['metadata']);
      if (isTourObject({ labels: recordOf(meta['labels']) })) continue;
      const name = typeof meta['name'] === 'string' ? meta['name'] : typeof meta['generateName'] === 'string' ? `${meta['generateName']}…` : '?';
      return { kind: typeof o['kind'] === 'string' ? o['kind'] : '?', name };
    }
  }
  return null;
}

/** The number of nodes of a kind config that lack the cluster mark (a config without `nodes` has one). */
export function unmarkedKindNodes(text: string): number | null {
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch {
    return null;
  }
  if (!Array.isArray(docs) || docs.length !== 1 || (docs[0]?.errors.length ?? 1) > 0) return null;
  const cfg: unknown = docs[0]?.toJS();
  if (!isRecord(cfg) || cfg['kind'] !== 'Cluster') return null;
  const nodes: unknown = cfg['nodes'];
  if (!Array.isArray(nodes) || nodes.length === 0) return 1;
  return nodes.filter((n: unknown) => !carriesClusterMark({ labels: recordOf(recordOf(n)['labels']) })).length;
}

// ---- kubectl argv ----------------------------------------------------------------------

/** What a kubectl command would change, as far as its argv tells. */
export type KubectlChange =
  /** Nothing that exists: it reads, or it can only create new objects (kubectl create never updates). */
  | { readonly kind: 'none' }
  | {
      readonly kind: 'objects';
      readonly verb: string;
      /** The objects named on the command line. */
      readonly targets: readonly ObjectRef[];
      /** Manifest files whose objects it changes (-f). */
      readonly files: readonly string[];
      /** -n / --namespace, if given. */
      readonly namespace?: string;
      /** exec, attach, cp: runs something in the named pods; only Pods qualify. */
      readonly exec: boolean;
    }
  /** unknownCommand: a command this table does not know (a kubectl plugin, a typo). */
  | { readonly kind: 'refuse'; readonly refusal: Refusal; readonly unknownCommand?: boolean };

/** kubectl flags (long names) that take a value as the next argument. */
const VALUE_FLAGS = new Set([
  // global
  'context', 'cluster', 'user', 'kubeconfig', 'namespace', 'server', 'token', 'as', 'as-group', 'as-uid', 'certificate-authority',
  'client-certificate', 'client-key', 'request-timeout', 'tls-server-name', 'cache-dir', 'v', 'vmodule', 'log-dir', 'log-file',
  'log-file-max-size', 'log-flush-frequency', 'log-backtrace-at', 'stderrthreshold', 'profile', 'profile-output', 'password', 'username',
  // per command
  'filename', 'kustomize', 'selector', 'output', 'container', 'field-selector', 'for', 'timeout', 'grace-period', 'type', 'patch', 'patch-file',
  'field-manager', 'template', 'sort-by', 'chunk-size', 'replicas', 'current-replicas', 'resource-version', 'subresource', 'image', 'port',
  'name', 'labels', 'overrides', 'env', 'restart', 'min', 'max', 'cpu-percent', 'cpu', 'memory', 'to-revision', 'pod-running-timeout',
  'target', 'copy-to', 'set-image', 'custom-profile', 'label-columns', 'prune-allowlist', 'revision', 'limits', 'requests', 'containers',
  'from', 'prefix', 'keys', 'serviceaccount', 'group', 'protocol', 'target-port', 'external-ip', 'session-affinity', 'cluster-ip',
  'load-balancer-ip', 'address', 'delete-emptydir-data-deprecated', 'pod-selector', 'skip-wait-for-delete-timeout', 'cascade-deprecated',
]);
/** Short flags that take a value. */
const VALUE_SHORT = new Set(['n', 'f', 'l', 'o', 'c', 'p', 's', 'v', 'k', 'L']);

/** Commands that change nothing in the cluster (or whose checks belong elsewhere: `config` is the command guard's). */
const READ_ONLY = new Set([
  'get', 'describe', 'logs', 'wait', 'explain', 'api-resources', 'api-versions', 'version', 'cluster-info', 'top', 'events', 'diff',
  'kustomize', 'completion', 'options', 'help', 'plugin', 'config', 'port-forward', 'proxy',
]);
/** Commands that only create new objects: kubectl create/run/expose/autoscale fail on an existing name. */
const CREATE_ONLY = new Set(['run', 'expose', 'autoscale']);
/** Commands that change the objects they name. */
const MUTATING = new Set(['apply', 'replace', 'delete', 'patch', 'label', 'annotate', 'edit', 'scale', 'set', 'rollout', 'taint', 'cordon', 'uncordon', 'drain', 'certificate', 'auth', 'debug', 'create']);
const EXEC_VERBS = new Set(['exec', 'attach', 'cp']);

interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Map<string, string[]>;
  readonly rest: string[] | null;
}

/** Long flags kept under their short name, so that `--filename a -f b` keeps its order. */
const SHORT_OF: Readonly<Record<string, string>> = { filename: 'f', selector: 'l', namespace: 'n', kustomize: 'k', 'all-namespaces': 'A' };

function parseKubectlArgs(args: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  const add = (flag: string, value: string): void => {
    const name = SHORT_OF[flag] ?? flag;
    flags.set(name, [...(flags.get(name) ?? []), value]);
  };
  let rest: string[] | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') {
      rest = args.slice(i + 1);
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (eq >= 0) add(name, a.slice(eq + 1));
      else if (VALUE_FLAGS.has(name) && i + 1 < args.length) add(name, args[++i] ?? '');
      else add(name, 'true');
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j] ?? '';
        if (VALUE_SHORT.has(ch)) {
          const inline = a.slice(j + 1).replace(/^=/, '');
          if (inline !== '') add(ch, inline);
          else if (i + 1 < args.length) add(ch, args[++i] ?? '');
          break;
        }
        add(ch, 'true');
      }
    } else positional.push(a);
  }
  return { positional, flags, rest };
}

/** The sub-command words of `kubectl <args>` (argv without the program): ['wait'], ['rollout', 'status']. */
export function kubectlVerb(args: readonly string[]): readonly string[] {
  return parseKubectlArgs(args).positional.slice(0, 2);
}

function last(p: ParsedArgs, ...names: string[]): string | undefined {
  let found: string | undefined;
  for (const n of names) {
    const v = p.flags.get(n);
    if (v && v.length > 0) found = v[v.length - 1];
  }
  return found;
}

function all(p: ParsedArgs, ...names: string[]): string[] {
  return names.flatMap((n) => p.flags.get(n) ?? []);
}

function boolFlag(p: ParsedArgs, ...names: string[]): boolean {
  const v = last(p, ...names);
  return v !== undefined && v !== 'false';
}

/** TYPE NAME…, TYPE/NAME…, or TYPE1,TYPE2 NAME…; `isSpec` tells arguments that are not names. */
function namedTargets(positional: readonly string[], namespace: string | undefined, isSpec: (arg: string) => boolean = () => false, impliedType?: string): ObjectRef[] {
  const args = positional.filter((a) => !isSpec(a));
  const ns = namespace ? { namespace } : {};
  if (impliedType) return args.map((name) => ({ type: impliedType, name, ...ns }));
  if (args.length === 0) return [];
  if (args.every((a) => a.includes('/'))) {
    return args.map((a) => {
      const i = a.indexOf('/');
      return { type: a.slice(0, i), name: a.slice(i + 1), ...ns };
    });
  }
  const [types = '', ...names] = args;
  const out: ObjectRef[] = [];
  for (const type of types.split(',').filter(Boolean)) for (const name of names) out.push({ type, name, ...ns });
  return out;
}

const isLabelSpec = (a: string): boolean => a.includes('=') || (a.endsWith('-') && !a.includes('/'));
const isTaintSpec = (a: string): boolean => a.includes('=') || a.includes(':') || a.endsWith('-');

/** The pod a cp argument names (`[namespace/]pod:path`), or null for a local path. */
function cpPod(arg: string): { namespace?: string; name: string } | null {
  const m = /^(?:([a-z0-9][-a-z0-9.]*)\/)?([a-z0-9][-a-z0-9.]*):/.exec(arg);
  if (!m) return null;
  return { ...(m[1] ? { namespace: m[1] } : {}), name: m[2] ?? '' };
}

/**
 * What `kubectl <args>` (argv without the program) would change. The adapters read each target
 * (and each object of each file) from the API before letting it run.
 */
export function kubectlChange(args: readonly string[]): KubectlChange {
  const p = parseKubectlArgs(args);
  const [verb, ...rest] = p.positional;
  if (verb === undefined) return { kind: 'none' };
  if (READ_ONLY.has(verb) || CREATE_ONLY.has(verb)) return { kind: 'none' };
  const dryRun = last(p, 'dry-run');
  if (dryRun === 'client' || dryRun === 'server') return { kind: 'none' };
  const namespace = last(p, 'n', 'namespace');
  const ns = namespace !== undefined && namespace !== '' ? namespace : undefined;
  const refuse = (rule: RefusalRule, params: Record<string, string> = {}): KubectlChange => ({ kind: 'refuse', refusal: { rule, params: { verb, ...params } } });

  if (EXEC_VERBS.has(verb)) {
    if (verb === 'cp') {
      const pods = rest.map(cpPod).filter((x): x is { namespace?: string; name: string } => x !== null);
      return { kind: 'objects', verb, exec: true, files: [], targets: pods.map((x) => ({ type: 'pods', name: x.name, ...(x.namespace ? { namespace: x.namespace } : ns ? { namespace: ns } : {}) })), ...(ns ? { namespace: ns } : {}) };
    }
    const target = rest[0];
    if (target === undefined) return { kind: 'none' }; // kubectl prints its usage
    const slash = target.indexOf('/');
    const ref: ObjectRef = slash >= 0 ? { type: target.slice(0, slash), name: target.slice(slash + 1), ...(ns ? { namespace: ns } : {}) } : { type: 'pods', name: target, ...(ns ? { namespace: ns } : {}) };
    return { kind: 'objects', verb, exec: true, files: [], targets: [ref], ...(ns ? { namespace: ns } : {}) };
  }

  if (!MUTATING.has(verb)) return { kind: 'refuse', unknownCommand: true, refusal: { rule: 'ownership.unchecked', params: { verb, detail: `kubectl ${verb}` } } };

  let sub: string | undefined;
  let positional = rest;
  if (verb === 'rollout' || verb === 'set' || verb === 'certificate' || verb === 'auth') {
    sub = rest[0];
    positional = rest.slice(1);
    if (verb === 'rollout' && (sub === 'status' || sub === 'history')) return { kind: 'none' };
    if (verb === 'auth' && sub !== 'reconcile') return { kind: 'none' };
  }
  if (verb === 'apply' && (rest[0] === 'view-last-applied')) return { kind: 'none' };
  if (verb === 'apply' && (rest[0] === 'edit-last-applied' || rest[0] === 'set-last-applied')) positional = rest.slice(1);

  const files = all(p, 'f', 'filename');
  // Generators (`create deployment NAME`) only create: an existing name makes kubectl fail.
  if (verb === 'create' && files.length === 0) return { kind: 'none' };
  if (all(p, 'k', 'kustomize').length > 0) return refuse('ownership.unchecked', { detail: '-k' });
  for (const f of files) {
    if (f === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(f)) return refuse('ownership.unchecked', { detail: f });
  }
  if (boolFlag(p, 'A', 'all-namespaces')) return refuse('ownership.allNamespaces');
  const selector = last(p, 'l', 'selector');
  if (selector !== undefined && !selectorRequiresTourLabel(selector)) return refuse('ownership.selector', { selector });
  if (boolFlag(p, 'prune') && (selector === undefined || !selectorRequiresTourLabel(selector))) return refuse('ownership.selector', { selector: selector ?? '--prune' });
  if (boolFlag(p, 'all') && selector === undefined) return refuse('ownership.selector', { selector: '--all' });
  if (selector === undefined && last(p, 'field-selector') !== undefined) return refuse('ownership.selector', { selector: last(p, 'field-selector') ?? '' });

  let targets: ObjectRef[];
  switch (verb) {
    case 'label':
    case 'annotate':
      targets = namedTargets(positional, ns, isLabelSpec);
      break;
    case 'set':
      targets = namedTargets(positional, ns, (a) => a.includes('=') || a.endsWith('-'));
      break;
    case 'taint':
      targets = namedTargets(positional, ns, isTaintSpec);
      break;
    case 'cordon':
    case 'uncordon':
    case 'drain':
      targets = namedTargets(positional, ns, () => false, 'nodes');
      break;
    case 'certificate':
      targets = namedTargets(positional, ns, () => false, 'certificatesigningrequests');
      break;
    case 'debug': {
      // debug POD adds an ephemeral container to it; debug TYPE/NAME as named.
      const first = positional[0];
      targets = first === undefined ? [] : first.includes('/') ? namedTargets([first], ns) : namedTargets([first], ns, () => false, 'pods');
      break;
    }
    default:
      targets = namedTargets(positional, ns);
  }
  return {
    kind: 'objects',
    verb: sub ? `${verb} ${sub}` : verb,
    targets,
    files,
    exec: false,
    ...(ns ? { namespace: ns } : {}),
  };
}

// ---- kind argv -------------------------------------------------------------------------

/** The kind clusters a `kind` command deletes or creates (the name it acts on), or null. */
export function kindClusterAction(args: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): { action: 'create' | 'delete'; names: string[]; all: boolean } | null {
  const positional: string[] = [];
  let name: string | undefined;
  let allClusters = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--name' || a === '-n') name = args[++i];
    else if (a.startsWith('--name=')) name = a.slice('--name='.length);
    else if (a === '--all' || a === '-A') allClusters = true;
    else if (['--image', '--config', '--wait', '--kubeconfig'].includes(a)) i++;
    else if (!a.startsWith('-')) positional.push(a);
  }
  const [cmd, what, ...names] = positional;
  const cluster = name ?? env['KIND_CLUSTER_NAME'] ?? 'kind';
  if (cmd === 'create' && what === 'cluster') return { action: 'create', names: [cluster], all: false };
  if (cmd === 'delete' && what === 'cluster') return { action: 'delete', names: [cluster], all: false };
  if (cmd === 'delete' && what === 'clusters') return { action: 'delete', names, all: allClusters };
  return null;
}

/** The manifest files `kubectl <args>` creates or updates objects from (apply, create, replace -f). */
export function kubectlManifestFiles(args: readonly string[]): string[] {
  const p = parseKubectlArgs(args);
  const verb = p.positional[0];
  if (verb !== 'apply' && verb !== 'create' && verb !== 'replace') return [];
  const dryRun = last(p, 'dry-run');
  if (dryRun === 'client' || dryRun === 'server') return [];
  return all(p, 'f', 'filename');
}

/** The config files `kind <args>` creates a cluster from (--config). */
export function kindConfigFiles(args: readonly string[]): string[] {
  if (kindClusterAction(args)?.action !== 'create') return [];
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--config') out.push(args[i + 1] ?? '');
    else if (a.startsWith('--config=')) out.push(a.slice('--config='.length));
  }
  return out.filter((f) => f !== '');
}

/**
 * A kubectl argv (without the program) read as words: the sub-command and its positional
 * arguments, and the flags (long names; -n, -f, -l, -o and -c under their short names). What a
 * seat of a room may do is derived from it (room-rights.ts).
 */
export function kubectlWords(args: readonly string[]): {
  readonly positional: readonly string[];
  /** The last value of one of these flags, if given. */
  flag(...names: string[]): string | undefined;
  /** Whether a boolean flag is on. */
  on(...names: string[]): boolean;
} {
  const p = parseKubectlArgs(args);
  return { positional: p.positional, flag: (...names) => last(p, ...names), on: (...names) => boolFlag(p, ...names) };
}
