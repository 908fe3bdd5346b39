// The simulated `kubectl`: version, cluster-info, get, apply, wait, delete, describe, exec,
// logs, against the cluster behind --context.
import { parseAllDocuments } from 'yaml';
import type { Pod } from '../../../engine/kube-objects.js';
import { parseVersion } from '../../../engine/versions.js';
import { boolFlag, flag, FlagError, parseFlags, parseGoDuration, type ParsedFlags } from './cli-flags.js';
import { describeNode, describePod } from './describe.js';
import { KUBECTL_VERSION, KUSTOMIZE_VERSION } from './facts.js';
import { apiPort, connect, extractGlobals, findNode, findPod, notFound, resourceKind, type Kube } from './kubectl-context.js';
import { get, matchesLabelSelector, serverVersion, yamlText } from './kubectl-get.js';
import { execInPod } from './pod-shell.js';
import { containerRunning } from './pod-timeline.js';
import { between } from './random.js';
import { resolveArg, stderr, stdout, type ToolContext } from './tool-context.js';
import { KubeApiError } from './world.js';

const SUBCOMMANDS = ['get', 'apply', 'wait', 'delete', 'describe', 'exec', 'logs', 'cluster-info', 'version'];

function clientVersion(): Record<string, string> {
  return { ...serverVersion(KUBECTL_VERSION), gitVersion: KUBECTL_VERSION };
}

export async function kubectl(argv: readonly string[], tool: ToolContext): Promise<number> {
  const globals = extractGlobals(argv);
  const [cmd, ...rest] = globals.args;
  try {
    if (cmd === undefined) {
      stdout(tool, 'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n');
      return 0;
    }
    if (cmd === 'version') return version(tool, globals, rest);
    if (!SUBCOMMANDS.includes(cmd)) {
      stderr(tool, `error: unknown command "${cmd}" for "kubectl"\n`);
      return 1;
    }
    const kube = connect(tool, globals);
    if (typeof kube === 'number') return kube;
    // One round trip to the API server.
    await tool.sleep(between(Math.random, 30, 90));
    switch (cmd) {
      case 'get':
        return get(kube, rest);
      case 'apply':
        return await apply(kube, rest);
      case 'wait':
        return await waitFor(kube, rest);
      case 'delete':
        return await del(kube, rest);
      case 'describe':
        return describe(kube, rest);
      case 'exec':
        return await exec(kube, rest);
      case 'logs':
        return logs(kube, rest);
      default:
        return clusterInfo(kube, rest);
    }
  } catch (error) {
    if (error instanceof FlagError) {
      stderr(tool, `error: ${error.message}\nSee 'kubectl ${cmd ?? ''} --help' for usage.\n`);
      return 1;
    }
    if (error instanceof KubeApiError) {
      stderr(tool, `${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function version(tool: ToolContext, globals: ReturnType<typeof extractGlobals>, args: readonly string[]): number {
  const parsed = parseFlags(args, [{ name: 'client' }, { name: 'output', short: 'o', value: true }]);
  const client = boolFlag(parsed, 'client');
  const output = flag(parsed, 'output');
  let server: string | null = null;
  if (!client) {
    const kube = connect({ ...tool, write: () => undefined }, globals);
    if (typeof kube !== 'number') server = kube.cluster.nodes[0]?.kubeletVersion ?? null;
  }
  if (output === 'json' || output === 'yaml') {
    const doc = { clientVersion: clientVersion(), kustomizeVersion: KUSTOMIZE_VERSION, ...(server ? { serverVersion: serverVersion(server) } : {}) };
    stdout(tool, output === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : yamlText(doc));
  } else {
    stdout(tool, `Client Version: ${KUBECTL_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
    if (server) stdout(tool, `Server Version: ${server}\n`);
  }
  if (client) return 0;
  if (!server) {
    const kube = connect(tool, globals);
    return typeof kube === 'number' ? kube : 0;
  }
  const s = parseVersion(server);
  const c = parseVersion(KUBECTL_VERSION);
  if (s && c && Math.abs(s.minor - c.minor) > 1) {
    stderr(tool, `WARNING: version difference between client (${c.major}.${c.minor}) and server (${s.major}.${s.minor}) exceeds the supported minor version skew of +/-1\n`);
  }
  return 0;
}

function clusterInfo(kube: Kube, args: readonly string[]): number {
  parseFlags(args, []);
  const base = `https://127.0.0.1:${apiPort(kube.context)}`;
  stdout(
    kube.tool,
    `Kubernetes control plane is running at ${base}\nCoreDNS is running at ${base}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`,
  );
  return 0;
}

const POD_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
const SPEC_FIELDS = new Set([
  'containers', 'initContainers', 'volumes', 'nodeName', 'nodeSelector', 'restartPolicy', 'securityContext', 'terminationGracePeriodSeconds',
  'serviceAccountName', 'tolerations', 'affinity', 'hostname', 'dnsPolicy', 'enableServiceLinks', 'automountServiceAccountToken', 'priorityClassName', 'imagePullSecrets',
]);
const CONTAINER_FIELDS = new Set(['name', 'image', 'command', 'args', 'volumeMounts', 'imagePullPolicy', 'env', 'ports', 'resources', 'securityContext', 'workingDir', 'stdin', 'tty']);
const VOLUME_SOURCES = new Set(['name', 'image', 'emptyDir', 'configMap', 'secret', 'hostPath', 'projected', 'persistentVolumeClaim', 'downwardAPI']);

/** Strict field validation (kubectl ≥ 1.27 asks the server for it). */
function unknownField(doc: Record<string, unknown>): string | null {
  for (const k of Object.keys(doc)) if (!POD_FIELDS.has(k)) return k;
  const spec = (doc['spec'] ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(spec)) if (!SPEC_FIELDS.has(k)) return `spec.${k}`;
  const containers = (spec['containers'] ?? []) as Record<string, unknown>[];
  for (const [i, c] of containers.entries()) for (const k of Object.keys(c ?? {})) if (!CONTAINER_FIELDS.has(k)) return `spec.containers[${i}].${k}`;
  for (const [i, c] of containers.entries()) {
    for (const [j, m] of ((c?.['volumeMounts'] ?? []) as Record<string, unknown>[]).entries()) {
      for (const k of Object.keys(m ?? {})) if (!['name', 'mountPath', 'subPath', 'subPathExpr', 'readOnly', 'mountPropagation', 'recursiveReadOnly'].includes(k)) return `spec.containers[${i}].volumeMounts[${j}].${k}`;
    }
  }
  for (const [i, v] of ((spec['volumes'] ?? []) as Record<string, unknown>[]).entries()) {
    for (const k of Object.keys(v ?? {})) if (!VOLUME_SOURCES.has(k)) return `spec.volumes[${i}].${k}`;
    const image = v?.['image'] as Record<string, unknown> | undefined;
    for (const k of Object.keys(image ?? {})) if (!['reference', 'pullPolicy'].includes(k)) return `spec.volumes[${i}].image.${k}`;
  }
  return null;
}

async function apply(kube: Kube, args: readonly string[]): Promise<number> {
  const tool = kube.tool;
  const parsed = parseFlags(args, [{ name: 'filename', short: 'f', value: true }, { name: 'dry-run', value: true }, { name: 'server-side' }, { name: 'force-conflicts' }]);
  const files = parsed.values.get('filename') ?? [];
  if (files.length === 0) {
    stderr(tool, "error: must specify one of -f and -k\n");
    return 1;
  }
  let status = 0;
  for (const file of files) {
    const text = await tool.files.read(resolveArg(tool, file));
    if (text === null) {
      stderr(tool, `error: the path "${file}" does not exist\n`);
      return 1;
    }
    const docs = parseAllDocuments(text);
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      if (doc.errors.length > 0) {
        stderr(tool, `error: error parsing ${file}: error converting YAML to JSON: yaml: ${doc.errors[0].message.split('\n')[0]}\n`);
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
        kube.cluster.namespaces.add(name);
        stdout(tool, `namespace/${name} ${existed ? 'unchanged' : 'created'}\n`);
        continue;
      }
      if (kind !== 'Pod' || apiVersion !== 'v1') {
        stderr(tool, `error: resource mapping not found for name: "${name}" namespace: "" from "${file}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first\n`);
        status = 1;
        continue;
      }
      if (!name) {
        stderr(tool, `error: error when retrieving current configuration of:\nResource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"\nName: "", Namespace: "${kube.namespace}"\nfrom server for: "${file}": resource name may not be empty\n`);
        return 1;
      }
      const objNs = typeof meta['namespace'] === 'string' ? meta['namespace'] : undefined;
      if (objNs && kube.namespaceGiven && objNs !== kube.namespace) {
        stderr(tool, `error: the namespace from the provided object "${objNs}" does not match the namespace "${kube.namespace}". You must pass '--namespace=${objNs}' to perform this operation.\n`);
        return 1;
      }
      const bad = unknownField(obj);
      if (bad) {
        stderr(tool, `Error from server (BadRequest): error when creating "${file}": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "${bad}"\n`);
        status = 1;
        continue;
      }
      const pod = structuredClone(obj) as unknown as Pod;
      delete (pod as { status?: unknown }).status;
      try {
        const result = tool.world.applyPod(kube.cluster, pod, text, kube.namespace);
        stdout(tool, `pod/${name} ${result}\n`);
      } catch (error) {
        if (error instanceof KubeApiError) {
          stderr(tool, `${error.message.replace('{file}', file)}\n`);
          status = 1;
        } else throw error;
      }
    }
  }
  return status;
}

interface Target {
  readonly kind: 'pods' | 'nodes';
  readonly name: string;
}

function targets(kube: Kube, parsed: ParsedFlags, verb: string): Target[] | string {
  const pos = parsed.positional;
  const all = boolFlag(parsed, 'all');
  const out: Target[] = [];
  if (pos.length > 0 && pos.every((p) => p.includes('/'))) {
    for (const p of pos) {
      const [type = '', name = ''] = p.split('/', 2);
      const kind = resourceKind(type);
      if (kind !== 'pods' && kind !== 'nodes') return `the server doesn't have a resource type "${type}"`;
      out.push({ kind, name });
    }
    return out;
  }
  const [type, ...names] = pos;
  if (type === undefined) return `You must provide one or more resources by argument or filename.`;
  const kind = resourceKind(type);
  if (kind !== 'pods' && kind !== 'nodes') return `the server doesn't have a resource type "${type}"`;
  if (all) {
    const objects = kind === 'nodes' ? kube.tool.world.nodes(kube.cluster) : kube.tool.world.pods(kube.cluster, kube.namespace);
    return objects.map((o) => ({ kind, name: o.metadata.name }));
  }
  if (names.length === 0) return verb === 'wait' ? 'resource name may not be empty' : `resource(s) were provided, but no name was specified`;
  return names.map((name) => ({ kind, name }));
}

function exists(kube: Kube, t: Target): boolean {
  return t.kind === 'nodes' ? findNode(kube, t.name) !== undefined : findPod(kube, t.name) !== null;
}

function conditionTrue(kube: Kube, t: Target, condition: string): boolean {
  const obj = t.kind === 'nodes' ? findNode(kube, t.name) : findPod(kube, t.name);
  const conds = (obj?.status?.conditions ?? []) as { type: string; status: string }[];
  return conds.some((c) => c.type.toLowerCase() === condition.toLowerCase() && c.status === 'True');
}

async function waitFor(kube: Kube, args: readonly string[]): Promise<number> {
  const tool = kube.tool;
  const parsed = parseFlags(args, [{ name: 'for', value: true }, { name: 'timeout', value: true }, { name: 'all' }, { name: 'selector', short: 'l', value: true }]);
  const forText = flag(parsed, 'for');
  if (!forText) {
    stderr(tool, 'error: --for must be specified\n');
    return 1;
  }
  const timeoutText = flag(parsed, 'timeout') ?? '30s';
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
  const list = targets(kube, parsed, 'wait');
  if (typeof list === 'string') {
    stderr(tool, `error: ${list}\n`);
    return 1;
  }
  if (list.length === 0) {
    stderr(tool, 'error: no matching resources found\n');
    return 1;
  }
  const deadline = tool.world.clock.now() + timeout;
  for (const t of list) {
    const singular = t.kind === 'pods' ? 'pod' : 'node';
    if (forText === 'delete') {
      while (exists(kube, t)) {
        if (tool.world.clock.now() >= deadline) {
          stderr(tool, `error: timed out waiting for the condition on ${t.kind}/${t.name}\n`);
          return 1;
        }
        await tool.sleep(250);
      }
      stdout(tool, `${singular}/${t.name} condition met\n`);
      continue;
    }
    if (!exists(kube, t)) {
      stderr(tool, notFound(t.kind, t.name));
      return 1;
    }
    while (!conditionTrue(kube, t, cond![1])) {
      if (tool.world.clock.now() >= deadline) {
        stderr(tool, `error: timed out waiting for the condition on ${t.kind}/${t.name}\n`);
        return 1;
      }
      await tool.sleep(Math.min(250, Math.max(1, deadline - tool.world.clock.now())));
      if (!exists(kube, t)) {
        stderr(tool, notFound(t.kind, t.name));
        return 1;
      }
    }
    stdout(tool, `${singular}/${t.name} condition met\n`);
  }
  return 0;
}

async function del(kube: Kube, args: readonly string[]): Promise<number> {
  const tool = kube.tool;
  const parsed = parseFlags(args, [
    { name: 'ignore-not-found' }, { name: 'wait' }, { name: 'now' }, { name: 'force' }, { name: 'grace-period', value: true },
    { name: 'timeout', value: true }, { name: 'filename', short: 'f', value: true }, { name: 'all' }, { name: 'selector', short: 'l', value: true },
  ]);
  let list: Target[] | string;
  const files = parsed.values.get('filename') ?? [];
  const selector = flag(parsed, 'selector');
  if (selector !== undefined) {
    const [type, ...names] = parsed.positional;
    const kind = resourceKind(type ?? '');
    if (names.length > 0) list = 'name cannot be provided when a selector is specified';
    else if (kind !== 'pods') list = type === undefined ? 'You must provide one or more resources by argument or filename.' : `the server doesn't have a resource type "${type}"`;
    else {
      list = tool.world.pods(kube.cluster, kube.namespace).filter((p) => matchesLabelSelector(p.metadata.labels, selector)).map((p) => ({ kind: 'pods' as const, name: p.metadata.name }));
      // kubectl delete prints this on stdout when the selector matches nothing.
      if (list.length === 0) stdout(tool, 'No resources found\n');
    }
  } else if (files.length > 0) {
    list = [];
    for (const file of files) {
      const text = await tool.files.read(resolveArg(tool, file));
      if (text === null) {
        stderr(tool, `error: the path "${file}" does not exist\n`);
        return 1;
      }
      for (const doc of parseAllDocuments(text)) {
        const obj = (Array.isArray(doc) ? null : doc.toJS()) as { kind?: string; metadata?: { name?: string } } | null;
        if (obj?.kind === 'Pod' && obj.metadata?.name) list.push({ kind: 'pods', name: obj.metadata.name });
      }
    }
  } else list = targets(kube, parsed, 'delete');
  if (typeof list === 'string') {
    stderr(tool, `error: ${list}\n`);
    return 1;
  }
  const force = boolFlag(parsed, 'force');
  const graceText = flag(parsed, 'grace-period');
  const grace = boolFlag(parsed, 'now') ? 1 : graceText !== undefined ? Number(graceText) : undefined;
  const immediate = force && grace === 0;
  if (immediate) stderr(tool, 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  const ignore = boolFlag(parsed, 'ignore-not-found');
  const wait = flag(parsed, 'wait') !== 'false';
  let status = 0;
  const deleted: Target[] = [];
  for (const t of list) {
    if (t.kind === 'nodes') {
      stderr(tool, 'error: deleting nodes is not supported in the simulated cluster\n');
      return 1;
    }
    if (tool.world.deletePod(kube.cluster, kube.namespace, t.name, immediate ? 0 : grace)) {
      stdout(tool, `pod "${t.name}" ${immediate ? 'force ' : ''}deleted\n`);
      deleted.push(t);
    } else if (!ignore) {
      stderr(tool, notFound('pods', t.name));
      status = 1;
    }
  }
  if (wait && !immediate) {
    const timeout = parseGoDuration(flag(parsed, 'timeout') ?? '0s') || Infinity;
    const deadline = tool.world.clock.now() + timeout;
    for (const t of deleted) {
      while (exists(kube, t)) {
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

function describe(kube: Kube, args: readonly string[]): number {
  const tool = kube.tool;
  const parsed = parseFlags(args, []);
  const [type = '', ...rawNames] = parsed.positional;
  const [typeWord = '', slashName] = type.split('/', 2);
  const kind = resourceKind(typeWord);
  const names = slashName ? [slashName, ...rawNames] : rawNames;
  if (kind !== 'pods' && kind !== 'nodes') {
    stderr(tool, type ? `error: the server doesn't have a resource type "${typeWord}"\n` : 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
    return 1;
  }
  const world = tool.world;
  const now = world.clock.now();
  const all = kind === 'nodes' ? world.nodes(kube.cluster).map((n) => n.metadata.name) : world.pods(kube.cluster, kube.namespace).map((p) => p.metadata.name);
  const wanted = names.length > 0 ? names : all;
  const texts: string[] = [];
  let status = 0;
  for (const name of wanted) {
    if (kind === 'nodes') {
      const node = findNode(kube, name);
      if (!node) {
        stderr(tool, notFound('nodes', name));
        status = 1;
      } else texts.push(describeNode(node, now));
      continue;
    }
    const pod = findPod(kube, name);
    if (!pod) {
      stderr(tool, notFound('pods', name));
      status = 1;
      continue;
    }
    const events = world.events(kube.cluster, kube.namespace).filter((e) => e.involvedObject.kind === 'Pod' && e.involvedObject.name === name);
    const node = kube.cluster.nodes.find((n) => n.name === pod.spec?.nodeName);
    texts.push(describePod(pod, events, now, node?.ip ?? '', node?.runtime ?? 'containerd://'));
  }
  if (texts.length > 0) stdout(tool, texts.join('\n\n'));
  else if (status === 0) stderr(tool, `No resources found in ${kube.namespace} namespace.\n`);
  return status;
}

/** Checks that `kubectl exec`/`logs` can reach the container; the error as kubectl prints it, or null. */
function reachContainer(kube: Kube, name: string, container: string | undefined): { pod: Pod; container: string } | string {
  const pod = findPod(kube, name);
  if (!pod) return notFound('pods', name);
  const containers = pod.spec?.containers ?? [];
  const c = container ?? containers[0]?.name ?? '';
  if (!containers.some((x) => x.name === c)) return `Error from server (BadRequest): container ${c} is not valid for pod ${name}\n`;
  return { pod, container: c };
}

async function exec(kube: Kube, args: readonly string[]): Promise<number> {
  const tool = kube.tool;
  const parsed = parseFlags(args, [
    { name: 'container', short: 'c', value: true }, { name: 'stdin', short: 'i' }, { name: 'tty', short: 't' }, { name: 'quiet', short: 'q' }, { name: 'pod-running-timeout', value: true },
  ]);
  const [target, ...extra] = parsed.positional;
  if (target === undefined) {
    stderr(tool, 'error: expected \'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]\'.\nPOD_NAME and COMMAND are required arguments for the exec command\nSee \'kubectl exec -h\' for help and examples\n');
    return 1;
  }
  if (extra.length > 0) {
    stderr(tool, 'error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee \'kubectl exec -h\' for help and examples\n');
    return 1;
  }
  const command = parsed.rest ?? [];
  if (command.length === 0) {
    stderr(tool, 'error: you must specify at least one command for the container\n');
    return 1;
  }
  const name = target.startsWith('pod/') || target.startsWith('pods/') ? target.slice(target.indexOf('/') + 1) : target;
  const reached = reachContainer(kube, name, flag(parsed, 'container'));
  if (typeof reached === 'string') {
    stderr(tool, reached);
    return 1;
  }
  const containers = reached.pod.spec?.containers ?? [];
  if (!flag(parsed, 'container') && containers.length > 1 && !boolFlag(parsed, 'quiet')) {
    stderr(tool, `Defaulted container "${reached.container}" out of: ${containers.map((c) => c.name).join(', ')}\n`);
  }
  const record = tool.world.podRecord(kube.cluster, kube.namespace, name);
  const now = tool.world.clock.now();
  if (!reached.pod.spec?.nodeName) {
    stderr(tool, `Error from server (BadRequest): pod ${name} does not have a host assigned\n`);
    return 1;
  }
  if (!record || !containerRunning(record, reached.container, now)) {
    stderr(tool, `error: unable to upgrade connection: container not found ("${reached.container}")\n`);
    return 1;
  }
  if (boolFlag(parsed, 'tty')) stderr(tool, 'Unable to use a TTY - input is not a terminal or the right kind of file\n');
  await tool.sleep(between(Math.random, 80, 200));
  const result = await execInPod(tool.world, record, reached.container, command, { tty: false, ...(tool.signal ? { signal: tool.signal } : {}) });
  if (result.stdout) stdout(tool, result.stdout);
  if (result.stderr) stderr(tool, result.stderr);
  if (result.exitCode !== 0) {
    stderr(tool, `command terminated with exit code ${result.exitCode}\n`);
  }
  return result.exitCode;
}

function logs(kube: Kube, args: readonly string[]): number {
  const tool = kube.tool;
  const parsed = parseFlags(args, [{ name: 'container', short: 'c', value: true }, { name: 'follow', short: 'f' }, { name: 'tail', value: true }, { name: 'previous', short: 'p' }]);
  const [target] = parsed.positional;
  if (target === undefined) {
    stderr(tool, "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
    return 1;
  }
  const name = target.includes('/') ? target.slice(target.indexOf('/') + 1) : target;
  const reached = reachContainer(kube, name, flag(parsed, 'container'));
  if (typeof reached === 'string') {
    stderr(tool, reached);
    return 1;
  }
  const status = reached.pod.status?.containerStatuses?.find((c) => c.name === reached.container);
  const waiting = status?.state?.waiting;
  if (waiting) {
    const reason = waiting.reason === 'ImagePullBackOff' || waiting.reason === 'ErrImagePull' ? 'trying and failing to pull image' : (waiting.reason ?? 'ContainerCreating');
    stderr(tool, `Error from server (BadRequest): container "${reached.container}" in pod "${name}" is waiting to start: ${reason}\n`);
    return 1;
  }
  return 0;
}
