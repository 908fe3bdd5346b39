// The simulated kubectl's reading commands: get (server Tables, -o …), describe, events, and
// get --raw. Each reads the simulated API server as kubectl v1.32 reads a real one.
import type { KubeEvent, Node, Pod } from '../../../engine/kube-objects.js';
import { atLeast, parseVersion } from '../../../engine/versions.js';
import { resourceOf, serverVersion, type SimApi } from './api-server.js';
import { GET_TABWRITER, goSprint, tabwrite } from './go-text.js';
import { JsonPathError, findResults, parseTemplate, relaxedJsonPath } from './jsonpath.js';
import type { Kube } from './kubectl-context.js';
import { describeNode, describePod, eventsTable, printGeneric, tableLines } from './kubectl-print.js';
import { qosClass } from './objects.js';
import type { TableKind } from './server-tables.js';
import { stderr, stdout } from './tool-context.js';
import { flagSet, flagValue, flagValues, type ParsedArgs } from './tool-args.js';
import { ApiError } from './world.js';

const SINGULAR: Readonly<Record<TableKind, string>> = { pods: 'pod', nodes: 'node', events: 'event', namespaces: 'namespace' };
const CLUSTER_SCOPED = new Set<TableKind>(['nodes', 'namespaces']);

/** kubectl's wording of an API error. */
export function serverError(e: ApiError): string {
  return e.reason === 'Invalid' ? `The ${e.message}\n` : `Error from server (${e.reason}): ${e.message}\n`;
}

interface Group {
  readonly kind: TableKind;
  readonly names: string[];
}

/** ResourceTypeOrNameArgs: `pods,nodes`, `pod NAME…`, or `pod/NAME…`. */
export function targets(args: readonly string[], verb: string): Group[] | string {
  if (args.length === 0) return verb === 'get' ? 'Required resource not specified.' : 'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.';
  const unknown = (type: string): string => `the server doesn't have a resource type "${type}"`;
  if (args.some((a) => a.includes('/'))) {
    if (!args.every((a) => a.includes('/'))) return `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl ${verb} resource/<resource_name>' instead of 'kubectl ${verb} resource resource/<resource_name>'`;
    const groups: Group[] = [];
    for (const a of args) {
      const [type = '', name = ''] = a.split('/', 2);
      const kind = type === 'all' ? 'pods' : resourceOf(type);
      if (!kind) return unknown(type);
      const g = groups.find((x) => x.kind === kind);
      if (g) g.names.push(name);
      else groups.push({ kind, names: [name] });
    }
    return groups;
  }
  const [types = '', ...names] = args;
  const groups: Group[] = [];
  for (const type of types.split(',')) {
    const kind = type === 'all' ? 'pods' : resourceOf(type);
    if (!kind) return unknown(type);
    if (!groups.some((g) => g.kind === kind)) groups.push({ kind, names: [...names] });
  }
  return groups;
}

/** The objects of each group; NotFound errors are printed (unless ignored) and counted. */
function collect(kube: Kube, groups: readonly Group[], p: ParsedArgs, allNs: boolean): { objects: Map<TableKind, unknown[]>; failed: boolean } {
  const objects = new Map<TableKind, unknown[]>();
  let failed = false;
  const query = { labelSelector: flagValue(p, 'selector') ?? null, fieldSelector: flagValue(p, 'field-selector') ?? null };
  for (const g of groups) {
    const ns = CLUSTER_SCOPED.has(g.kind) || allNs ? undefined : kube.namespace;
    const found: unknown[] = [];
    if (g.names.length === 0) found.push(...kube.api.list(g.kind, ns, query));
    for (const name of g.names) {
      try {
        found.push(kube.api.get(g.kind, ns, name));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.code === 404 && flagSet(p, 'ignore-not-found')) continue;
        // kubectl asks whether the namespace exists, and says so when it does not.
        stderr(kube.tool, serverError(error.code === 404 && ns !== undefined && !kube.cluster.namespaces.has(ns) ? new ApiError(404, 'NotFound', `namespaces "${ns}" not found`) : error));
        failed = true;
      }
    }
    objects.set(g.kind, [...(objects.get(g.kind) ?? []), ...found]);
  }
  return { objects, failed };
}

function sortBy(objects: unknown[], path: string | undefined): unknown[] {
  if (!path) return objects;
  const template = parseTemplate(relaxedJsonPath(path));
  const key = (o: unknown): unknown => findResults(template, o)[0]?.[0];
  return [...objects].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    const a2 = goSprint(x);
    const b2 = goSprint(y);
    return a2 < b2 ? -1 : a2 > b2 ? 1 : 0;
  });
}

export function get(kube: Kube, p: ParsedArgs): number {
  const tool = kube.tool;
  const raw = flagValue(p, 'raw');
  if (raw !== undefined) return getRaw(kube, raw);
  if (flagSet(p, 'watch') || flagSet(p, 'watch-only')) {
    stderr(tool, 'error: watch is not supported in the simulated cluster\n');
    return 1;
  }
  const groups = targets(p.args, 'get');
  if (typeof groups === 'string') {
    if (p.args.length === 0) stderr(tool, 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n');
    else stderr(tool, `error: ${groups}\n`);
    return 1;
  }
  const output = flagValue(p, 'output') ?? '';
  const allNs = flagSet(p, 'all-namespaces');
  const noHeaders = flagSet(p, 'no-headers');
  let result: ReturnType<typeof collect>;
  try {
    result = collect(kube, groups, p, allNs);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    stderr(tool, serverError(error));
    return 1;
  }
  const status = result.failed ? 1 : 0;
  if (output !== '' && output !== 'wide') {
    const all = [...result.objects.values()].flat();
    const single = groups.length === 1 && groups[0]?.names.length === 1;
    if (all.length === 0 && (single || flagSet(p, 'ignore-not-found'))) return status;
    try {
      stdout(tool, printGeneric(output, sortBy(all, flagValue(p, 'sort-by')), single, noHeaders, (o) => SINGULAR[resourceOf((o as { kind?: string }).kind ?? '') ?? 'pods']));
    } catch (error) {
      if (!(error instanceof JsonPathError)) throw error;
      stderr(tool, `error: ${error.message}\n`);
      return 1;
    }
    return status;
  }
  const nonEmpty = [...result.objects].filter(([, objs]) => objs.length > 0);
  const withKind = nonEmpty.length > 1;
  let out = '';
  for (const [kind, objs] of nonEmpty) {
    const table = kube.api.table(kind, sortBy(objs, flagValue(p, 'sort-by')));
    const text = tabwrite(tableLines(table, { wide: output === 'wide', noHeaders, withNamespace: allNs && !CLUSTER_SCOPED.has(kind), ...(withKind ? { kind: SINGULAR[kind] } : {}), showLabels: flagSet(p, 'show-labels'), labelColumns: flagValues(p, 'label-columns') }), GET_TABWRITER);
    if (out !== '' && text !== '' && !noHeaders) out += '\n';
    out += text;
  }
  if (out !== '') stdout(tool, out);
  else if (!result.failed && !flagSet(p, 'ignore-not-found')) {
    stderr(tool, groups.every((g) => CLUSTER_SCOPED.has(g.kind)) || allNs ? 'No resources found\n' : `No resources found in ${kube.namespace} namespace.\n`);
  }
  return status;
}

function podEventsOf(api: SimApi, pod: Pod): KubeEvent[] {
  const m = pod.metadata;
  return api.list('events', m.namespace, { fieldSelector: `involvedObject.name=${m.name},involvedObject.namespace=${m.namespace ?? ''},involvedObject.uid=${m.uid ?? ''}` }) as KubeEvent[];
}

function describeOne(kube: Kube, kind: TableKind, obj: unknown): string {
  const { api } = kube;
  const now = kube.tool.world.clock.now();
  if (kind === 'pods') return describePod(obj as Pod, podEventsOf(api, obj as Pod), now, qosClass(obj as Pod));
  const node = obj as Node;
  const name = node.metadata.name;
  const pods = api.list('pods', undefined, { fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed` }) as Pod[];
  const events = [node.metadata.uid ?? '', name].flatMap((uid) => api.list('events', undefined, { fieldSelector: `involvedObject.kind=Node,involvedObject.name=${name},involvedObject.namespace=,involvedObject.uid=${uid}` }) as KubeEvent[]);
  let lease: unknown = null;
  try {
    lease = api.get('leases', 'kube-node-lease', name);
  } catch {
    lease = null;
  }
  return describeNode(node, pods, events, lease as Parameters<typeof describeNode>[3], now);
}

export function describe(kube: Kube, p: ParsedArgs): number {
  const tool = kube.tool;
  const groups = targets(p.args, 'describe');
  if (typeof groups === 'string') {
    stderr(tool, `error: ${groups}\n`);
    return 1;
  }
  const unsupported = groups.find((g) => g.kind !== 'pods' && g.kind !== 'nodes');
  if (unsupported) {
    stderr(tool, `error: the simulated kubectl describes pods and nodes, not ${unsupported.kind}\n`);
    return 1;
  }
  const allNs = flagSet(p, 'all-namespaces');
  const texts: string[] = [];
  let failed = false;
  for (const g of groups) {
    const ns = g.kind === 'nodes' || allNs ? undefined : kube.namespace;
    const list = g.names.length === 0 ? kube.api.list(g.kind, ns, { labelSelector: flagValue(p, 'selector') ?? null }) : [];
    for (const name of g.names) {
      try {
        list.push(kube.api.get(g.kind, ns, name));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        // kubectl describe TYPE PREFIX: every object whose name starts with it.
        const prefixed = p.args.length === 2 && !p.args.some((a) => a.includes('/')) ? kube.api.list(g.kind, ns).filter((o) => (o as Pod).metadata.name.startsWith(name)) : [];
        if (prefixed.length > 0) {
          stdout(tool, prefixed.map((o) => `${describeOne(kube, g.kind, o)}\n`).join(''));
          return 0;
        }
        stderr(tool, serverError(error));
        failed = true;
      }
    }
    texts.push(...list.map((o) => describeOne(kube, g.kind, o)));
  }
  if (texts.length > 0) stdout(tool, texts.join('\n\n'));
  else if (!failed) stderr(tool, allNs ? 'No resources found\n' : `No resources found in ${kube.namespace} namespace.\n`);
  return failed ? 1 : 0;
}

/** `kubectl events [--for TYPE/NAME] [--types …]`. */
export function events(kube: Kube, p: ParsedArgs): number {
  const tool = kube.tool;
  const allNs = flagSet(p, 'all-namespaces');
  const forText = flagValue(p, 'for');
  let selector: string | null = null;
  if (forText !== undefined) {
    const [type = '', name] = forText.split('/');
    const kind = resourceOf(type);
    if (!kind || name === undefined) {
      stderr(tool, `error: the server doesn't have a resource type "${type}"\n`);
      return 1;
    }
    selector = `involvedObject.kind=${{ pods: 'Pod', nodes: 'Node', events: 'Event', namespaces: 'Namespace' }[kind]},involvedObject.apiVersion=v1,involvedObject.name=${name}`;
  }
  const types = flagValues(p, 'types').flatMap((t) => t.split(',')).filter(Boolean);
  if (types.some((t) => !/^(normal|warning)$/i.test(t))) {
    stderr(tool, 'error: valid --types are Normal or Warning\n');
    return 1;
  }
  const list = (kube.api.list('events', allNs ? undefined : kube.namespace, { fieldSelector: selector }) as KubeEvent[]).filter((e) => types.length === 0 || types.some((t) => t.toLowerCase() === e.type.toLowerCase()));
  if (list.length === 0) {
    stderr(tool, allNs ? 'No events found.\n' : `No events found in ${kube.namespace} namespace.\n`);
    return 0;
  }
  stdout(tool, eventsTable(list, tool.world.clock.now(), allNs, flagSet(p, 'no-headers')));
  return 0;
}

export function getRaw(kube: Kube, path: string): number {
  const { world } = kube.tool;
  const cluster = kube.cluster;
  const version = cluster.nodes[0]?.kubeletVersion ?? 'v1.35.0';
  const v = parseVersion(version);
  const stage = v && atLeast(v, 1, 33) ? 'BETA' : 'ALPHA';
  const gate = world.imageVolumeGateOn(cluster) ? 1 : 0;
  if (path === '/metrics') {
    stdout(kube.tool, [
      '# HELP kubernetes_feature_enabled [BETA] This metric records the data about the stage and enablement of a k8s feature.',
      '# TYPE kubernetes_feature_enabled gauge',
      `kubernetes_feature_enabled{name="ImageVolume",stage="${stage}"} ${gate}`,
      'kubernetes_feature_enabled{name="InPlacePodVerticalScaling",stage="BETA"} 1',
      `kubernetes_feature_enabled{name="SidecarContainers",stage="${v && atLeast(v, 1, 33) ? '' : 'BETA'}"} 1`,
      '',
    ].join('\n'));
    return 0;
  }
  if (path === '/version') {
    stdout(kube.tool, `${JSON.stringify(serverVersion(version), null, 2)}\n`);
    return 0;
  }
  if (path === '/healthz' || path === '/readyz' || path === '/livez') {
    stdout(kube.tool, 'ok');
    return 0;
  }
  const m = /^\/api\/v1\/nodes\/([^/]+)\/proxy\/metrics$/.exec(path);
  const node = m ? cluster.nodes.find((n) => n.name === m[1]) : undefined;
  if (!m || !node) {
    stderr(kube.tool, m ? `Error from server (NotFound): nodes "${m[1] ?? ''}" not found\n` : 'Error from server (NotFound): the server could not find the requested resource\n');
    return 1;
  }
  const nv = parseVersion(node.kubeletVersion);
  const lines = [`kubernetes_feature_enabled{name="ImageVolume",stage="${stage}"} ${gate}`];
  if (nv && atLeast(nv, 1, 33)) {
    const pods = world.pods(cluster, undefined).filter((p) => p.spec?.nodeName === node.name && (p.spec.volumes ?? []).some((vol) => vol.image));
    const mounted = pods.filter((p) => p.status?.phase === 'Running').length;
    const level = atLeast(nv, 1, 35) ? 'BETA' : 'ALPHA';
    const metric = (name: string, help: string, value: number) => [`# HELP ${name} [${level}] ${help}`, `# TYPE ${name} counter`, `${name} ${value}`];
    lines.push(
      ...metric('kubelet_image_volume_mounted_errors_total', 'Number of failed image volume mounts.', pods.length - mounted),
      ...metric('kubelet_image_volume_mounted_succeed_total', 'Number of successful image volume mounts.', mounted),
      ...metric('kubelet_image_volume_requested_total', 'Number of requested image volumes.', pods.length),
    );
  }
  stdout(kube.tool, `${lines.join('\n')}\n`);
  return 0;
}
