// The command guard: which argv the real adapters may run. Pure (no I/O).
//
// It reads argv as the tools do (cobra-args.ts, with kubectl's flag table generated from
// kubectl's own help and kind's written from kind's source), then applies the tour's rules:
// - kubectl: exactly one --context, the tour's; no flag that changes where or as whom kubectl
//   connects; only the sub-commands in KUBECTL_ALLOWED (an unknown one would run a plugin
//   from PATH); `config` only to read; commands that change things only in the tour's
//   namespace (-n given), never cluster-wide objects, never every namespace.
// - kind: only the tour's cluster (--name given once); never `delete clusters`, --all or
//   --kubeconfig; with --context (byoc) nothing that creates, deletes or changes a cluster.
// - wrappers (env, sh -c, xargs, sudo, timeout, ...) never start kubectl or kind, and other
//   Kubernetes clients (helm, oc, kubectl-* plugins, ...) are not run at all: the tour could
//   not check what they reach.
// The guard is the first line; the second is the minimal kubeconfig every kubectl gets
// (kube/minimal-kubeconfig.ts), which holds only the tour's context.

import { shellQuote } from '../../../engine/vars.js';
import { t, tRef } from '../../../i18n/index.js';
import { boolValue, buildCommandTree, parseArgs, type CommandTree, type FlagError, type ParsedArgs, type ParsedFlag } from './cobra-args.js';
import { KIND_COMMANDS, KIND_GLOBAL_FLAGS, KIND_ROOT_FLAGS } from './kind-flags.js';
import { KUBECTL_COMMANDS, KUBECTL_GLOBAL_FLAGS, KUBECTL_TABLE_VERSION, KUBECTL_TOP_LEVEL } from './kubectl-flags.js';
import type { Lang, MessageKeyWithPrefix, MessageRef } from '../../../i18n/types.js';
import { toolName } from '../../../engine/tool-name.js';

export interface GuardSession {
  readonly mode: 'real' | 'byoc';
  /** The tour's kind cluster (real mode). */
  readonly cluster: string;
  /** The tour's kubeconfig context (kind-<cluster>, or --context). */
  readonly context: string;
  /** The tour's namespace: the only one where kubectl may change things. */
  readonly namespace: string;
}

/** The keys of the guard's reasons: refused.* in src/i18n/messages/real.ts. */
type RefusedKey = MessageKeyWithPrefix<'refused.'>;
type Reason = MessageRef<RefusedKey>;

export interface Refusal {
  /** The refused command as the learner would type it (quoted, control characters escaped). */
  readonly command: string;
  /** Why, as a message of the catalog (refused.*). */
  readonly reason: Reason;
}


// ---- kubectl ------------------------------------------------------------------------------

/** kubectl's command tree (the simulated kubectl reads its argv with it too). */
export const KUBECTL_TREE: CommandTree = buildCommandTree({
  global: KUBECTL_GLOBAL_FLAGS,
  commands: KUBECTL_COMMANDS,
  names: KUBECTL_TOP_LEVEL,
  // kubectl's global normalisation: --as_group is --as-group.
  normalize: (name) => name.replace(/_/g, '-'),
});

/** kind's command tree (the simulated kind reads its argv with it too). */
export const KIND_TREE: CommandTree = buildCommandTree({ global: KIND_GLOBAL_FLAGS, rootFlags: KIND_ROOT_FLAGS, commands: KIND_COMMANDS });

type Access = 'read' | 'write';

/**
 * The kubectl commands the tour (and a trainer's tutorial) may run. Reads go anywhere in the
 * tour's cluster; writes (anything that changes objects, or runs or copies things in a pod)
 * only in the tour's namespace. Left out on purpose:
 * - config (other than reading), which edits the kubeconfig;
 * - edit, apply edit-last-applied: they start an editor, and the tour's commands have no terminal;
 * - proxy: serves the whole API, with the learner's credentials, to every local process;
 * - debug, drain, cordon, uncordon, taint, certificate: node- and cluster-level operations;
 * - cluster-info dump: dumps every namespace's objects and logs, and writes files;
 * - auth reconcile, create namespace|clusterrole|clusterrolebinding|priorityclass: cluster-wide writes;
 * - plugin, kustomize, completion, options, help: nothing a tutorial needs;
 * - anything else: an unknown command runs the kubectl-NAME plugin from PATH.
 */
const KUBECTL_ALLOWED: Readonly<Record<string, Access>> = {
  'get': 'read',
  'describe': 'read',
  'explain': 'read',
  'logs': 'read',
  'events': 'read',
  'version': 'read',
  'api-resources': 'read',
  'api-versions': 'read',
  'cluster-info': 'read',
  'top node': 'read',
  'top pod': 'read',
  'auth can-i': 'read',
  'auth whoami': 'read',
  'diff': 'read',
  'wait': 'read',
  'rollout status': 'read',
  'rollout history': 'read',
  'apply view-last-applied': 'read',
  'config view': 'read',
  'config get-contexts': 'read',
  'config current-context': 'read',
  'config get-clusters': 'read',
  'config get-users': 'read',
  'apply': 'write',
  'apply set-last-applied': 'write',
  'create': 'write',
  'create configmap': 'write',
  'create cronjob': 'write',
  'create deployment': 'write',
  'create ingress': 'write',
  'create job': 'write',
  'create poddisruptionbudget': 'write',
  'create quota': 'write',
  'create role': 'write',
  'create rolebinding': 'write',
  'create secret docker-registry': 'write',
  'create secret generic': 'write',
  'create secret tls': 'write',
  'create service clusterip': 'write',
  'create service externalname': 'write',
  'create service loadbalancer': 'write',
  'create service nodeport': 'write',
  'create serviceaccount': 'write',
  'create token': 'write',
  'delete': 'write',
  'label': 'write',
  'annotate': 'write',
  'patch': 'write',
  'replace': 'write',
  'scale': 'write',
  'autoscale': 'write',
  'expose': 'write',
  'run': 'write',
  'exec': 'write',
  'attach': 'write',
  'cp': 'write',
  'port-forward': 'write',
  'set env': 'write',
  'set image': 'write',
  'set resources': 'write',
  'set selector': 'write',
  'set serviceaccount': 'write',
  'set subject': 'write',
  'rollout restart': 'write',
  'rollout undo': 'write',
  'rollout pause': 'write',
  'rollout resume': 'write',
};

/** create sub-commands that make cluster-wide objects. */
const CLUSTER_WIDE_CREATE: Readonly<Record<string, string>> = {
  'create namespace': 'namespace',
  'create clusterrole': 'clusterrole',
  'create clusterrolebinding': 'clusterrolebinding',
  'create priorityclass': 'priorityclass',
  'auth reconcile': 'clusterrole/clusterrolebinding',
};

/** Flags that change which server kubectl talks to, or which credentials it uses there. */
export const CONNECTION_FLAGS = new Set([
  'kubeconfig', 'cluster', 'user', 'server', 'token', 'as', 'as-group', 'as-uid', 'username', 'password',
  'certificate-authority', 'client-certificate', 'client-key', 'tls-server-name', 'insecure-skip-tls-verify',
]);

/**
 * The other global flags, which change neither where kubectl connects nor what it may touch.
 * A global flag in neither list (a newer kubectl's, once the table is regenerated) is refused
 * until someone decides which it is.
 */
export const SAFE_GLOBAL_FLAGS = new Set([
  'context', 'namespace', 'help', 'cache-dir', 'disable-compression', 'match-server-version', 'request-timeout', 'v', 'vmodule',
  'log-flush-frequency', 'warnings-as-errors', 'profile', 'profile-output',
]);

/** Commands whose positional arguments name resource types (TYPE, TYPE/NAME, TYPE1,TYPE2). */
const RESOURCE_ARGS = new Set([
  'delete', 'label', 'annotate', 'patch', 'scale', 'autoscale', 'expose', 'rollout restart', 'rollout undo', 'rollout pause', 'rollout resume',
  'set env', 'set image', 'set resources', 'set selector', 'set serviceaccount', 'set subject',
]);

/** Built-in cluster-scoped resource types, by every name kubectl accepts for them. */
const CLUSTER_SCOPED = new Set([
  'namespace', 'namespaces', 'ns', 'node', 'nodes', 'no', 'persistentvolume', 'persistentvolumes', 'pv',
  'clusterrole', 'clusterroles', 'clusterrolebinding', 'clusterrolebindings',
  'customresourcedefinition', 'customresourcedefinitions', 'crd', 'crds', 'storageclass', 'storageclasses', 'sc',
  'priorityclass', 'priorityclasses', 'pc', 'validatingwebhookconfiguration', 'validatingwebhookconfigurations',
  'mutatingwebhookconfiguration', 'mutatingwebhookconfigurations', 'validatingadmissionpolicy', 'validatingadmissionpolicies',
  'validatingadmissionpolicybinding', 'validatingadmissionpolicybindings', 'apiservice', 'apiservices',
  'certificatesigningrequest', 'certificatesigningrequests', 'csr', 'csidriver', 'csidrivers', 'csinode', 'csinodes',
  'runtimeclass', 'runtimeclasses', 'ingressclass', 'ingressclasses', 'volumeattachment', 'volumeattachments',
  'componentstatus', 'componentstatuses', 'cs', 'flowschema', 'flowschemas', 'prioritylevelconfiguration', 'prioritylevelconfigurations',
  'ipaddress', 'ipaddresses', 'servicecidr', 'servicecidrs', 'deviceclass', 'deviceclasses',
]);

const KUBECTL_ALLOWED_TOP = [...new Set(Object.keys(KUBECTL_ALLOWED).map((p) => p.split(' ')[0] ?? ''))].join(', ');

function ref(key: RefusedKey, params: Record<string, string | number> = {}): Reason {
  return { key, params };
}

function flagRefusal(tool: 'kubectl' | 'kind', e: FlagError, sub: string): Reason {
  switch (e.kind) {
    case 'unknownFlag':
      return ref('refused.unknownFlag', { tool, flag: e.flag, sub: sub || tool, version: tool === 'kubectl' ? `kubectl ${KUBECTL_TABLE_VERSION}` : 'kind v0.31' });
    case 'needsValue':
      return ref('refused.flagNeedsValue', { flag: e.flag });
    case 'badSyntax':
      return ref('refused.flagSyntax', { flag: e.flag });
  }
}

function all(flags: readonly ParsedFlag[], name: string): ParsedFlag[] {
  return flags.filter((f) => f.name === name);
}

function isTrue(f: ParsedFlag | undefined): boolean {
  // A value pflag cannot read as a boolean stops kubectl; counting it as set is the safe side.
  return f !== undefined && boolValue(f.value) !== false;
}

/** Why a kubectl path is not allowed (null when it is). */
function kubectlPathRefusal(path: readonly string[], firstArg: string | undefined, s: GuardSession): Reason | null {
  const sub = path.join(' ');
  if (path.length === 0) {
    return firstArg === undefined ? ref('refused.kubectl.noCommand') : ref('refused.kubectl.plugin', { name: firstArg });
  }
  if (path[0] === 'config' && path.length > 1 && !(sub in KUBECTL_ALLOWED)) return ref('refused.kubectl.configWrite', { sub: path.slice(1).join(' ') });
  const wide = CLUSTER_WIDE_CREATE[sub];
  if (wide) return ref('refused.kubectl.clusterScoped', { sub, resource: wide, namespace: s.namespace });
  if (!(sub in KUBECTL_ALLOWED)) return ref('refused.kubectl.notAllowed', { sub, allowed: KUBECTL_ALLOWED_TOP });
  return null;
}

function resourceTypes(args: readonly string[]): string[] {
  const types: string[] = [];
  args.forEach((a, i) => {
    if (a.includes('=')) return; // label/annotate KEY=VALUE
    if (a.includes('/')) types.push(a.slice(0, a.indexOf('/')));
    else if (i === 0) types.push(...a.split(','));
  });
  // A group suffix (clusterroles.rbac.authorization.k8s.io) does not change the type.
  return types.map((x) => x.toLowerCase().split('.')[0] ?? '').filter((x) => x !== '');
}

function checkKubectl(args: readonly string[], s: GuardSession): Reason | null {
  const outcome = parseArgs(KUBECTL_TREE, args);
  if (!outcome.ok) {
    const byPath = kubectlPathRefusal(outcome.found.path, outcome.found.unknown, s);
    return byPath ?? flagRefusal('kubectl', outcome.error, outcome.found.path.join(' '));
  }
  const p: ParsedArgs = outcome.parsed;
  const sub = p.path.join(' ');

  // Global ones only: `create rolebinding --user` names a subject, not a connection.
  const conn = p.flags.find((f) => f.global && CONNECTION_FLAGS.has(f.name));
  if (conn) return ref('refused.kubectl.connectionFlag', { flag: `--${conn.name}`, context: s.context });
  const unclassified = p.flags.find((f) => f.global && !SAFE_GLOBAL_FLAGS.has(f.name));
  if (unclassified) return ref('refused.kubectl.globalFlag', { flag: `--${unclassified.name}` });
  const profile = p.flags.find((f) => f.global && (f.name === 'profile-output' || (f.name === 'profile' && f.value !== 'none')));
  if (profile) return ref('refused.kubectl.fileFlag', { flag: `--${profile.name}` });

  const contexts = all(p.flags, 'context').filter((f) => f.global);
  const last = contexts.at(-1);
  if (!last) return ref('refused.kubectl.contextMissing', { context: s.context });
  if (contexts.length > 1) return ref('refused.kubectl.contextRepeated', { count: contexts.length, given: last.value, context: s.context });
  if (last.value === '') return ref('refused.kubectl.contextEmpty', { context: s.context });
  if (last.value !== s.context) return ref('refused.kubectl.contextOther', { given: last.value, context: s.context });

  const byPath = kubectlPathRefusal(p.path, p.unknown, s);
  if (byPath) return byPath;
  if (p.unknown !== undefined) {
    // A command with sub-commands given an unknown one: for `create`, kubectl runs the
    // plugin kubectl-create-NAME from PATH; for the others it is not a command at all.
    return sub === 'create' ? ref('refused.kubectl.plugin', { name: `create-${p.unknown}` }) : ref('refused.kubectl.notAllowed', { sub: `${sub} ${p.unknown}`, allowed: KUBECTL_ALLOWED_TOP });
  }

  if (KUBECTL_ALLOWED[sub] !== 'write') return null;
  const allNs = all(p.flags, 'all-namespaces').at(-1);
  if (isTrue(allNs)) return ref('refused.kubectl.allNamespaces', { sub, flag: allNs?.written ?? '--all-namespaces', namespace: s.namespace });
  const ns = all(p.flags, 'namespace').filter((f) => f.global).at(-1);
  if (!ns) return ref('refused.kubectl.namespaceMissing', { sub, namespace: s.namespace });
  if (ns.value !== s.namespace) return ref('refused.kubectl.namespaceOther', { sub, given: ns.value || '""', namespace: s.namespace });
  if (p.flags.some((f) => f.name === 'raw')) return ref('refused.kubectl.raw', { sub });
  if (isTrue(all(p.flags, 'prune').at(-1))) return ref('refused.kubectl.prune');
  if (s.mode === 'byoc' && sub === 'delete' && isTrue(all(p.flags, 'all').at(-1))) return ref('refused.kubectl.deleteAll', { namespace: s.namespace });
  if (RESOURCE_ARGS.has(sub)) {
    const wide = resourceTypes(p.args).find((x) => CLUSTER_SCOPED.has(x));
    if (wide) return ref('refused.kubectl.clusterScoped', { sub, resource: wide, namespace: s.namespace });
  }
  if (sub === 'cp') {
    // kubectl cp reads NAMESPACE/POD:PATH, and that namespace wins over -n.
    for (const a of p.args) {
      const colon = a.indexOf(':');
      const pod = colon > 0 ? a.slice(0, colon) : '';
      const slash = pod.indexOf('/');
      if (slash >= 0 && pod.slice(0, slash) !== s.namespace) return ref('refused.kubectl.namespaceOther', { sub, given: pod.slice(0, slash), namespace: s.namespace });
    }
  }
  return null;
}

// ---- kind ---------------------------------------------------------------------------------

/** The kind commands the tour may run; the others build nothing a tutorial needs. */
const KIND_ALLOWED = new Set([
  'version', 'get clusters', 'get nodes', 'get kubeconfig', 'create cluster', 'delete cluster', 'export kubeconfig', 'export logs',
  'load docker-image', 'load image-archive', 'build node-image',
]);
/** What creates, deletes or changes a kind cluster (or writes a kubeconfig): never with --context. */
const KIND_CHANGES = new Set(['create cluster', 'delete cluster', 'export kubeconfig', 'load docker-image', 'load image-archive']);
const KIND_ALLOWED_LIST = [...KIND_ALLOWED].join(', ');

function kindPathRefusal(path: readonly string[], firstArg: string | undefined, s: GuardSession): Reason | null {
  const sub = path.join(' ');
  if (sub === 'delete clusters') return ref('refused.kind.deleteClusters', { cluster: s.cluster });
  if (path.length === 0) return firstArg === undefined ? ref('refused.kind.noCommand') : ref('refused.kind.notAllowed', { sub: firstArg, allowed: KIND_ALLOWED_LIST });
  if (!KIND_ALLOWED.has(sub)) return ref('refused.kind.notAllowed', { sub, allowed: KIND_ALLOWED_LIST });
  if (s.mode === 'byoc' && KIND_CHANGES.has(sub)) return ref('refused.kind.byoc', { sub });
  return null;
}

function checkKind(args: readonly string[], s: GuardSession): Reason | null {
  const outcome = parseArgs(KIND_TREE, args);
  if (!outcome.ok) {
    return kindPathRefusal(outcome.found.path, outcome.found.unknown, s) ?? flagRefusal('kind', outcome.error, outcome.found.path.join(' '));
  }
  const p = outcome.parsed;
  const sub = p.path.join(' ');
  const byPath = kindPathRefusal(p.path, p.unknown, s);
  if (byPath) return byPath;
  if (p.unknown !== undefined) return ref('refused.kind.notAllowed', { sub: `${sub} ${p.unknown}`, allowed: KIND_ALLOWED_LIST });
  if (p.flags.some((f) => f.name === 'kubeconfig')) return ref('refused.kind.kubeconfig');
  const every = p.flags.find((f) => (f.name === 'all' || f.name === 'all-clusters') && isTrue(f));
  if (every) return ref('refused.kind.allClusters', { flag: every.written, cluster: s.cluster });
  if (p.node.flags.some((f) => f.name === 'name')) {
    const names = all(p.flags, 'name');
    const last = names.at(-1);
    if (!last) return ref('refused.kind.nameMissing', { sub, cluster: s.cluster });
    if (names.length > 1) return ref('refused.kind.nameRepeated', { count: names.length, given: last.value, cluster: s.cluster });
    if (last.value !== s.cluster) return ref('refused.kind.nameOther', { given: last.value || '""', cluster: s.cluster });
  }
  return null;
}

// ---- wrappers and other clients -----------------------------------------------------------

/** Programs that run another program given in their arguments (or in a script they are given). */
const WRAPPERS = new Set([
  'env', 'sudo', 'doas', 'su', 'runuser', 'pkexec', 'nice', 'ionice', 'renice', 'nohup', 'timeout', 'stdbuf', 'unbuffer', 'command', 'exec',
  'builtin', 'eval', 'xargs', 'parallel', 'watch', 'time', 'setsid', 'setpriv', 'chroot', 'chrt', 'taskset', 'numactl', 'flock', 'strace',
  'ltrace', 'nsenter', 'unshare', 'script', 'busybox', 'toybox', 'systemd-run', 'firejail', 'cgexec', 'caffeinate', 'entr', 'find', 'ssh',
  'sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'fish', 'csh', 'tcsh', 'pwsh', 'powershell', 'cmd',
  'python', 'python3', 'node', 'deno', 'bun', 'perl', 'ruby', 'php', 'lua', 'awk', 'gawk', 'make', 'just',
]);

/** Container engines: their run/exec/create start a program, in a container that may mount the kubeconfig. */
const ENGINES = new Set(['docker', 'podman', 'nerdctl']);
const ENGINE_RUNS = new Set(['run', 'exec', 'create', 'container', 'compose']);

/** Kubernetes clients that read the kubeconfig by themselves: the tour cannot check what they reach. */
const OTHER_CLIENTS = new Set(['helm', 'oc', 'k9s', 'kubectx', 'kubens', 'kubie', 'stern', 'kubeadm', 'kubecm', 'kubeswitch', 'krew', 'kustomize', 'skaffold', 'tilt', 'argocd', 'flux']);

/** The kubectl-compatible front ends, read exactly like kubectl. */
const KUBECTL_NAMES = new Set(['kubectl', 'kubecolor']);

function clusterTool(word: string): string | null {
  const name = toolName(word);
  if (KUBECTL_NAMES.has(name) || name === 'kind' || OTHER_CLIENTS.has(name) || name.startsWith('kubectl-')) return name;
  return null;
}

/** The first kubectl, kind or other cluster client named anywhere in the arguments (quotes and escapes removed). */
function wrappedTool(args: readonly string[]): string | null {
  for (const a of args) {
    // `ku""bectl` and `k\ubectl` are kubectl to a shell.
    for (const word of a.replace(/['"\\]/g, '').split(/[^A-Za-z0-9._/\\-]+/)) {
      const tool = clusterTool(word);
      if (tool) return tool;
    }
  }
  return null;
}

// ---- the guard ----------------------------------------------------------------------------

/** Shows an argv as a command line: quoted for a shell, control characters escaped, bounded. */
export function displayCommand(argv: readonly string[]): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
  const shown = shellQuote(argv).replace(/[\x00-\x1f\x7f\u2028\u2029]/g, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return shown.length > 300 ? `${shown.slice(0, 299)}…` : shown;
}

/** Why an argv must not run in this session, or null when it may. */
export function checkCommand(argv: readonly string[], s: GuardSession): Refusal | null {
  const reason = whyNot(argv, s);
  return reason ? { command: displayCommand(argv), reason } : null;
}

function whyNot(argv: readonly string[], s: GuardSession): Reason | null {
  const [argv0, ...args] = argv;
  if (argv0 === undefined || argv0 === '') return ref('refused.empty');
  const tool = toolName(argv0);
  if (KUBECTL_NAMES.has(tool)) return checkKubectl(args, s);
  if (tool === 'kind') return checkKind(args, s);
  if (tool.startsWith('kubectl-')) return ref('refused.kubectlPlugin', { tool });
  if (OTHER_CLIENTS.has(tool)) return ref('refused.otherClient', { tool });
  if (WRAPPERS.has(tool) || (ENGINES.has(tool) && args.some((a) => ENGINE_RUNS.has(a)))) {
    const inner = wrappedTool(args);
    if (inner) return ref('refused.wrapper', { wrapper: tool, tool: inner });
  }
  return null;
}

/** The refusal as one line in the learner's language. */
export function describeRefusal(r: Refusal, lang: Lang): string {
  const params = { ...r.reason.params };
  // Lists of commands: Chinese separates them with 、.
  if (lang === 'zh-CN' && typeof params['allowed'] === 'string') params['allowed'] = params['allowed'].replace(/, /g, '、');
  return t(lang, 'refused.line', { command: r.command, reason: tRef(lang, { key: r.reason.key, params }) });
}
