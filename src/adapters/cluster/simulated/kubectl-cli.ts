// The simulated `kubectl`: get, describe, events, apply, wait, delete, exec, logs,
// cluster-info and version against the cluster behind --context, its argv read like kubectl's
// (the command guard's cobra reader and kubectl v1.32's flag tables).
import { parseAllDocuments } from 'yaml';
import type { ObjectMeta, Pod } from '../../../engine/kube-objects.js';
import { parseVersion } from '../../../engine/versions.js';
import { resourceOf, serverVersion } from './api-server.js';
import { KUBECTL_VERSION, KUSTOMIZE_VERSION } from './facts.js';
import { goYaml } from './go-yaml.js';
import { parseGoDuration } from './go-text.js';
import { apiPort, connect, type Kube } from './kubectl-context.js';
import { describe, events, get, serverError, targets } from './kubectl-get.js';
import { execInPod } from './pod-shell.js';
import { containerRunning } from './pod-timeline.js';
import { between } from './random.js';
import { KUBECTL_TREE, flagSet, flagValue, flagValues, parseTool, pflagMessage, type ParsedArgs } from './tool-args.js';
import { resolveArg, stderr, stdout, type ToolContext } from './tool-context.js';
import { ApiError, lastApplied, LAST_APPLIED } from './world.js';

const SUPPORTED = ['get', 'describe', 'events', 'apply', 'wait', 'delete', 'exec', 'logs', 'cluster-info', 'version'];

export async function kubectl(argv: readonly string[], tool: ToolContext): Promise<number> {
  const outcome = parseTool(KUBECTL_TREE, argv);
  const sub = outcome.ok ? outcome.parsed.path.join(' ') : outcome.found.path.join(' ');
  if (!outcome.ok) {
    stderr(tool, `error: ${pflagMessage(outcome.error)}\nSee 'kubectl ${sub ? `${sub} ` : ''}--help' for usage.\n`);
    return 1;
  }
  const p = outcome.parsed;
  const cmd = p.path[0];
  if (p.unknown !== undefined || (cmd === undefined && p.args.length > 0)) {
    stderr(tool, `error: unknown command "${p.unknown ?? p.args[0] ?? ''}" for "kubectl"\n`);
    return 1;
  }
  if (cmd === undefined) {
    stdout(tool, 'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n');
    return 0;
  }
  if (!SUPPORTED.includes(cmd) || p.path.length > 1) {
    stderr(tool, `error: the simulated kubectl does not run "kubectl ${p.path.join(' ')}"; it runs ${SUPPORTED.join(', ')}\n`);
    return 1;
  }
  if (cmd === 'version') return version(tool, p);
  const kube = connect(tool, flagValue(p, 'context'), flagValue(p, 'namespace'));
  if (typeof kube === 'number') return kube;
  // One round trip to the API server.
  await tool.sleep(between(tool.world.random, 30, 90));
  try {
    switch (cmd) {
      case 'get': return get(kube, p);
      case 'describe': return describe(kube, p);
      case 'events': return events(kube, p);
      case 'apply': return await apply(kube, p);
      case 'wait': return await waitFor(kube, p);
      case 'delete': return await del(kube, p);
      case 'exec': return await exec(kube, p);
      case 'logs': return logs(kube, p);
      default: return clusterInfo(kube);
    }
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    stderr(tool, serverError(error));
    return 1;
  }
}

function version(tool: ToolContext, p: ParsedArgs): number {
  const client = flagSet(p, 'client');
  const output = flagValue(p, 'output');
  let server: string | null = null;
  if (!client) {
    const kube = connect({ ...tool, write: () => undefined }, flagValue(p, 'context'), undefined);
    if (typeof kube !== 'number') server = kube.cluster.nodes[0]?.kubeletVersion ?? null;
  }
  if (output === 'json' || output === 'yaml') {
    const doc = { clientVersion: { ...serverVersion(KUBECTL_VERSION), gitVersion: KUBECTL_VERSION }, kustomizeVersion: KUSTOMIZE_VERSION, ...(server ? { serverVersion: serverVersion(server) } : {}) };
    stdout(tool, output === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : goYaml(doc));
  } else {
    stdout(tool, `Client Version: ${KUBECTL_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
    if (server) stdout(tool, `Server Version: ${server}\n`);
  }
  if (client) return 0;
  if (!server) {
    const kube = connect(tool, flagValue(p, 'context'), undefined);
    return typeof kube === 'number' ? kube : 0;
  }
  const s = parseVersion(server);
  const c = parseVersion(KUBECTL_VERSION);
  if (s && c && Math.abs(s.minor - c.minor) > 1) stderr(tool, `WARNING: version difference between client (${c.major}.${c.minor}) and server (${s.major}.${s.minor}) exceeds the supported minor version skew of +/-1\n`);
  return 0;
}

function clusterInfo(kube: Kube): number {
  const base = `https://127.0.0.1:${apiPort(kube.context)}`;
  stdout(kube.tool, `Kubernetes control plane is running at ${base}\nCoreDNS is running at ${base}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  return 0;
}

const POD_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
const SPEC_FIELDS = new Set([
  'containers', 'initContainers', 'volumes', 'nodeName', 'nodeSelector', 'restartPolicy', 'securityContext', 'terminationGracePeriodSeconds',
  'serviceAccountName', 'tolerations', 'affinity', 'hostname', 'dnsPolicy', 'enableServiceLinks', 'automountServiceAccountToken', 'priorityClassName', 'imagePullSecrets',
]);
const CONTAINER_FIELDS = new Set(['name', 'image', 'command', 'args', 'volumeMounts', 'imagePullPolicy', 'env', 'ports', 'resources', 'securityContext', 'workingDir', 'stdin', 'tty']);
const MOUNT_FIELDS = new Set(['name', 'mountPath', 'subPath', 'subPathExpr', 'readOnly', 'mountPropagation', 'recursiveReadOnly']);
const VOLUME_SOURCES = new Set(['name', 'image', 'emptyDir', 'configMap', 'secret', 'hostPath', 'projected', 'persistentVolumeClaim', 'downwardAPI']);

/** The API server's strict field validation (kubectl ≥ 1.27 asks for it). */
function unknownField(doc: Record<string, unknown>): string | null {
  const keys = (o: unknown): string[] => (o !== null && typeof o === 'object' ? Object.keys(o) : []);
  for (const k of keys(doc)) if (!POD_FIELDS.has(k)) return k;
  const spec = (doc['spec'] ?? {}) as Record<string, unknown>;
  for (const k of keys(spec)) if (!SPEC_FIELDS.has(k)) return `spec.${k}`;
  const containers = (spec['containers'] ?? []) as Record<string, unknown>[];
  for (const [i, c] of containers.entries()) {
    for (const k of keys(c)) if (!CONTAINER_FIELDS.has(k)) return `spec.containers[${i}].${k}`;
    for (const [j, m] of ((c['volumeMounts'] ?? []) as unknown[]).entries()) for (const k of keys(m)) if (!MOUNT_FIELDS.has(k)) return `spec.containers[${i}].volumeMounts[${j}].${k}`;
  }
  for (const [i, v] of ((spec['volumes'] ?? []) as Record<string, unknown>[]).entries()) {
    for (const k of keys(v)) if (!VOLUME_SOURCES.has(k)) return `spec.volumes[${i}].${k}`;
    for (const k of keys(v['image'])) if (!['reference', 'pullPolicy'].includes(k)) return `spec.volumes[${i}].image.${k}`;
  }
  return null;
}

/** kubectl apply (client-side): create with the last-applied annotation, or patch what changed. */
async function apply(kube: Kube, p: ParsedArgs): Promise<number> {
  const { tool, api } = kube;
  const files = flagValues(p, 'filename');
  if (files.length === 0) {
    stderr(tool, 'error: must specify one of -f and -k\n');
    return 1;
  }
  let status = 0;
  for (const file of files) {
    const docs = await manifestDocs(tool, file);
    if (docs === null) return 1;
    for (const doc of docs) {
      if (doc.errors.length > 0) {
        stderr(tool, `error: error parsing ${file}: error converting YAML to JSON: yaml: ${doc.errors[0]?.message.split('\n')[0] ?? ''}\n`);
        return 1;
      }
      const obj = doc.toJS() as Record<string, unknown> | null;
      if (obj === null || obj === undefined) continue;
      const kind = typeof obj['kind'] === 'string' ? obj['kind'] : '';
      const apiVersion = typeof obj['apiVersion'] === 'string' ? obj['apiVersion'] : '';
      const meta = (obj['metadata'] ?? {}) as Record<string, unknown>;
      const name = typeof meta['name'] === 'string' ? meta['name'] : '';
      if (!kind || !apiVersion) {
        stderr(tool, `error: error validating "${file}": error validating data: [${!apiVersion ? 'apiVersion not set' : ''}${!apiVersion && !kind ? ', ' : ''}${!kind ? 'kind not set' : ''}]; if you choose to ignore these errors, turn validation off with --validate=false\n`);
        return 1;
      }
      if (kind === 'Namespace' && apiVersion === 'v1') {
        const existed = kube.cluster.namespaces.has(name);
        if (!existed) tool.world.createNamespace(kube.cluster, name, (meta['labels'] ?? {}) as Record<string, string>);
        stdout(tool, `namespace/${name} ${existed ? 'unchanged' : 'created'}\n`);
        continue;
      }
      if (kind !== 'Pod' || apiVersion !== 'v1') {
        stderr(tool, `error: resource mapping not found for name: "${name}" namespace: "" from "${file}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first\n`);
        status = 1;
        continue;
      }
      const objNs = typeof meta['namespace'] === 'string' ? meta['namespace'] : undefined;
      if (objNs && kube.namespaceGiven && objNs !== kube.namespace) {
        stderr(tool, `error: the namespace from the provided object "${objNs}" does not match the namespace "${kube.namespace}". You must pass '--namespace=${objNs}' to perform this operation.\n`);
        return 1;
      }
      const ns = objNs ?? kube.namespace;
      const bad = unknownField(obj);
      if (bad) {
        stderr(tool, `Error from server (BadRequest): error when creating "${file}": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "${bad}"\n`);
        status = 1;
        continue;
      }
      const applied = lastApplied(obj, ns);
      const existing = tool.world.podRecord(kube.cluster, ns, name);
      try {
        if (!existing) {
          // The manifest's fields as the API server decodes them (unknown fields were refused above).
          const copy = structuredClone(obj);
          const metadata = (copy['metadata'] ?? {}) as ObjectMeta;
          const pod: Pod = { ...copy, metadata: { ...metadata, annotations: { ...metadata.annotations, [LAST_APPLIED]: applied } }, spec: copy['spec'] as Pod['spec'] };
          delete pod.status;
          tool.world.createPod(kube.cluster, pod, ns);
          stdout(tool, `pod/${name} created\n`);
          continue;
        }
        const before = existing.stored.metadata.annotations?.[LAST_APPLIED];
        // kubectl sends a patch unless it is `{}`: for a Pod whose manifest lists volumes or
        // volume mounts, the server added the service account's to those lists, so the patch
        // carries `$setElementOrder` directives and kubectl says "configured", not "unchanged".
        const ordered = ((obj['spec'] as Pod['spec'] | undefined)?.volumes?.length ?? 0) > 0 || ((obj['spec'] as Pod['spec'] | undefined)?.containers ?? []).some((c) => (c.volumeMounts?.length ?? 0) > 0);
        if (before === applied && !ordered) {
          stdout(tool, `pod/${name} unchanged\n`);
          continue;
        }
        const previous = (before ? JSON.parse(before) : {}) as { spec?: unknown };
        const specChanged = JSON.stringify(previous.spec ?? null) !== JSON.stringify((JSON.parse(applied) as { spec?: unknown }).spec ?? null);
        api.world.patchPod(kube.cluster, ns, name, { metadata: { labels: (meta['labels'] ?? {}) as Record<string, string>, annotations: { [LAST_APPLIED]: applied } }, ...(specChanged ? { spec: obj['spec'] } : {}) });
        stdout(tool, `pod/${name} configured\n`);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        stderr(tool, error.code === 404 && error.details?.kind === 'namespaces' ? `Error from server (NotFound): error when creating "${file}": ${error.message}\n` : serverError(error));
        status = 1;
      }
    }
  }
  return status;
}

interface Target {
  readonly kind: 'pods' | 'nodes';
  readonly name: string;
}

function resolveTargets(kube: Kube, p: ParsedArgs, verb: string): Target[] | string {
  const groups = targets(p.args, verb);
  if (typeof groups === 'string') return groups;
  const out: Target[] = [];
  for (const g of groups) {
    const kind = g.kind;
    if (kind !== 'pods' && kind !== 'nodes') return `the simulated kubectl cannot ${verb} ${kind}`;
    const selector = flagValue(p, 'selector');
    if (g.names.length === 0 && !flagSet(p, 'all') && selector === undefined) return verb === 'wait' ? 'resource name may not be empty' : 'resource(s) were provided, but no name was specified';
    const names = g.names.length > 0 ? g.names : (kube.api.list(kind, kind === 'pods' ? kube.namespace : undefined, { labelSelector: selector ?? null }) as Pod[]).map((o) => o.metadata.name);
    out.push(...names.map((name) => ({ kind, name })));
  }
  return out;
}

function find(kube: Kube, t: Target): Pod | null {
  try {
    return kube.api.get(t.kind, t.kind === 'pods' ? kube.namespace : undefined, t.name) as Pod;
  } catch {
    return null;
  }
}

async function waitFor(kube: Kube, p: ParsedArgs): Promise<number> {
  const tool = kube.tool;
  const forText = flagValue(p, 'for');
  if (!forText) {
    stderr(tool, 'error: --for must be specified\n');
    return 1;
  }
  const timeoutText = flagValue(p, 'timeout') ?? '30s';
  const timeout = parseGoDuration(timeoutText);
  if (timeout === null) {
    stderr(tool, `error: invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"\n`);
    return 1;
  }
  const cond = /^condition=([^=]+)(?:=(.*))?$/.exec(forText);
  if (!cond && forText !== 'delete') {
    stderr(tool, `error: unrecognized condition: "${forText}"\n`);
    return 1;
  }
  const list = resolveTargets(kube, p, 'wait');
  if (typeof list === 'string' || list.length === 0) {
    stderr(tool, `error: ${typeof list === 'string' ? list : 'no matching resources found'}\n`);
    return 1;
  }
  const deadline = tool.world.clock.now() + timeout;
  const wanted = (cond?.[2] ?? 'True').toLowerCase();
  for (const t of list) {
    const met = (): boolean => {
      const obj = find(kube, t);
      if (forText === 'delete') return obj === null;
      return (obj?.status?.conditions ?? []).some((c) => c.type.toLowerCase() === (cond?.[1] ?? '').toLowerCase() && c.status.toLowerCase() === wanted);
    };
    if (forText !== 'delete' && !find(kube, t)) {
      stderr(tool, `Error from server (NotFound): ${t.kind} "${t.name}" not found\n`);
      return 1;
    }
    while (!met()) {
      if (tool.world.clock.now() >= deadline) {
        stderr(tool, `error: timed out waiting for the condition on ${t.kind}/${t.name}\n`);
        return 1;
      }
      await tool.sleep(Math.min(250, Math.max(1, deadline - tool.world.clock.now())));
      if (forText !== 'delete' && !find(kube, t)) {
        stderr(tool, `Error from server (NotFound): ${t.kind} "${t.name}" not found\n`);
        return 1;
      }
    }
    stdout(tool, `${t.kind === 'pods' ? 'pod' : 'node'}/${t.name} condition met\n`);
  }
  return 0;
}

/** The YAML documents of a `-f` file; null (kubectl's error printed) when there is no such file. */
async function manifestDocs(tool: ToolContext, file: string): Promise<ReturnType<typeof parseAllDocuments> | null> {
  const text = await tool.files.read(resolveArg(tool, file));
  if (text === null) {
    stderr(tool, `error: the path "${file}" does not exist\n`);
    return null;
  }
  return parseAllDocuments(text);
}

async function del(kube: Kube, p: ParsedArgs): Promise<number> {
  const tool = kube.tool;
  let list: Target[] | string;
  const files = flagValues(p, 'filename');
  if (files.length > 0) {
    list = [];
    for (const file of files) {
      const docs = await manifestDocs(tool, file);
      if (docs === null) return 1;
      for (const doc of docs) {
        const obj = doc.toJS() as { kind?: string; metadata?: { name?: string } } | null;
        if (obj?.kind === 'Pod' && obj.metadata?.name) list.push({ kind: 'pods', name: obj.metadata.name });
      }
    }
  } else if (flagValue(p, 'selector') !== undefined && p.args.length > 1) list = 'name cannot be provided when a selector is specified';
  else list = resolveTargets(kube, p, 'delete');
  if (typeof list === 'string') {
    stderr(tool, `error: ${list}\n`);
    return 1;
  }
  // pkg/cmd/delete DeleteResult: nothing selected, it says so (a name not found is an error, or ignored).
  if (list.length === 0) {
    stdout(tool, 'No resources found\n');
    return 0;
  }
  const force = flagSet(p, 'force');
  const graceText = flagValue(p, 'grace-period');
  const grace = flagSet(p, 'now') ? 1 : graceText !== undefined && Number(graceText) >= 0 ? Number(graceText) : undefined;
  const immediate = force && grace === 0;
  if (immediate) stderr(tool, 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  let status = 0;
  const deleted: Target[] = [];
  for (const t of list) {
    if (t.kind === 'nodes') {
      stderr(tool, 'error: the simulated kubectl does not delete nodes\n');
      return 1;
    }
    try {
      tool.world.deletePod(kube.cluster, kube.namespace, t.name, immediate ? 0 : grace);
      stdout(tool, `pod "${t.name}" ${immediate ? 'force ' : ''}deleted\n`);
      deleted.push(t);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (!flagSet(p, 'ignore-not-found')) {
        stderr(tool, serverError(error));
        status = 1;
      }
    }
  }
  if (flagValue(p, 'wait') !== 'false' && !immediate) {
    const deadline = tool.world.clock.now() + (parseGoDuration(flagValue(p, 'timeout') ?? '0s') || Infinity);
    for (const t of deleted) {
      while (find(kube, t)) {
        if (tool.world.clock.now() >= deadline) {
          stderr(tool, `error: timed out waiting for the condition on pods/${t.name}\n`);
          return 1;
        }
        await tool.sleep(250);
      }
    }
  }
  return status;
}

/** Checks that `kubectl exec`/`logs` can reach the container; the error as kubectl prints it, or the pod. */
function reachContainer(kube: Kube, target: string, container: string | undefined): { pod: Pod; container: string } | string {
  const [type, name = target] = target.includes('/') ? target.split('/', 2) : [undefined, target];
  if (type !== undefined && resourceOf(type) !== 'pods') return `error: cannot exec into a ${type}\n`;
  const pod = find(kube, { kind: 'pods', name });
  if (!pod) return `Error from server (NotFound): pods "${name}" not found\n`;
  const containers = pod.spec?.containers ?? [];
  const c = container ?? containers[0]?.name ?? '';
  if (!containers.some((x) => x.name === c)) return `Error from server (BadRequest): container ${c} is not valid for pod ${name}\n`;
  return { pod, container: c };
}

async function exec(kube: Kube, p: ParsedArgs): Promise<number> {
  const tool = kube.tool;
  const [target, ...extra] = p.args.slice(0, p.argsBeforeDash);
  const command = p.args.slice(p.argsBeforeDash);
  if (target === undefined) {
    stderr(tool, "error: expected 'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD_NAME and COMMAND are required arguments for the exec command\nSee 'kubectl exec -h' for help and examples\n");
    return 1;
  }
  if (extra.length > 0) {
    stderr(tool, "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
    return 1;
  }
  if (command.length === 0) {
    stderr(tool, 'error: you must specify at least one command for the container\n');
    return 1;
  }
  const reached = reachContainer(kube, target, flagValue(p, 'container'));
  if (typeof reached === 'string') {
    stderr(tool, reached);
    return 1;
  }
  const containers = reached.pod.spec?.containers ?? [];
  if (!flagValue(p, 'container') && containers.length > 1 && !flagSet(p, 'quiet')) stderr(tool, `Defaulted container "${reached.container}" out of: ${containers.map((c) => c.name).join(', ')}\n`);
  const name = reached.pod.metadata.name;
  if (!reached.pod.spec?.nodeName) {
    stderr(tool, `Error from server (BadRequest): pod ${name} does not have a host assigned\n`);
    return 1;
  }
  const record = tool.world.podRecord(kube.cluster, kube.namespace, name);
  if (!record || !containerRunning(record, reached.container, tool.world.clock.now())) {
    stderr(tool, `error: unable to upgrade connection: container not found ("${reached.container}")\n`);
    return 1;
  }
  if (flagSet(p, 'tty')) stderr(tool, 'Unable to use a TTY - input is not a terminal or the right kind of file\n');
  await tool.sleep(between(tool.world.random, 80, 200));
  const result = await execInPod(tool.world, record, reached.container, command, { ...(tool.signal ? { signal: tool.signal } : {}) });
  if (result.stdout) stdout(tool, result.stdout);
  if (result.stderr) stderr(tool, result.stderr);
  if (result.exitCode !== 0) stderr(tool, `command terminated with exit code ${result.exitCode}\n`);
  return result.exitCode;
}

function logs(kube: Kube, p: ParsedArgs): number {
  const tool = kube.tool;
  const [target] = p.args;
  if (target === undefined) {
    stderr(tool, "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
    return 1;
  }
  const reached = reachContainer(kube, target, flagValue(p, 'container'));
  if (typeof reached === 'string') {
    stderr(tool, reached.replace(/^Error from server \(NotFound\): (pods "[^"]*" not found)\n$/, `error: error from server (NotFound): $1 in namespace "${kube.namespace}"\n`));
    return 1;
  }
  try {
    stdout(tool, kube.api.log(kube.namespace, reached.pod.metadata.name, reached.container));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    stderr(tool, serverError(error));
    return 1;
  }
  return 0;
}
