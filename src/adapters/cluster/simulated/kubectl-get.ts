// `kubectl get`: nodes, pods, events, namespaces; tables, -o wide/yaml/json/name/
// custom-columns/jsonpath, several kinds at once, field selectors, --raw.
import { stringify as toYaml } from 'yaml';
import type { KubeEvent, Node, Pod } from '../../../engine/kube-objects.js';
import { atLeast, parseVersion } from '../../../engine/versions.js';
import { boolFlag, flag, parseFlags, type FlagSpec } from './cli-flags.js';
import {
  EVENT_HEADER, NODE_HEADER, NODE_WIDE_HEADER, POD_HEADER, POD_WIDE_HEADER, age, customColumnsTable, eventRow, jsonPathValue, nodeRow, parseCustomColumns, podRow, table,
} from './kube-format.js';
import { notFound, resourceKind, SINGULAR, type Kube, type ResourceKind } from './kubectl-context.js';
import { stderr, stdout } from './tool-context.js';
import { nodeIP } from './world.js';

export const GET_FLAGS: readonly FlagSpec[] = [
  { name: 'output', short: 'o', value: true },
  { name: 'all-namespaces', short: 'A' },
  { name: 'field-selector', value: true },
  { name: 'selector', short: 'l', value: true },
  { name: 'no-headers' },
  { name: 'show-labels' },
  { name: 'raw', value: true },
  { name: 'watch', short: 'w' },
  { name: 'sort-by', value: true },
];

type AnyObject = Node | Pod | KubeEvent | NamespaceObject;

interface NamespaceObject {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: { name: string; creationTimestamp?: string; labels?: Record<string, string> };
  status: { phase: 'Active' };
}

interface Group {
  readonly kind: ResourceKind;
  readonly names: string[];
}

function parseTargets(positional: readonly string[]): Group[] | string {
  if (positional.length === 0) {
    return 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.';
  }
  const groups: Group[] = [];
  if (positional.every((p) => p.includes('/'))) {
    for (const p of positional) {
      const [type = '', name = ''] = p.split('/', 2);
      const kind = resourceKind(type);
      if (!kind) return `the server doesn't have a resource type "${type}"`;
      const g = groups.find((x) => x.kind === kind);
      if (g) g.names.push(name);
      else groups.push({ kind, names: [name] });
    }
    return groups;
  }
  const [types = '', ...names] = positional;
  for (const type of types.split(',')) {
    const kind = resourceKind(type);
    if (!kind) return `the server doesn't have a resource type "${type}"`;
    groups.push({ kind, names: [...names] });
  }
  return groups;
}

function matchesFieldSelector(obj: AnyObject, selector: string | undefined): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const m = /^([^!=]+)(!=|==|=)(.*)$/.exec(term);
    if (!m) return true;
    const value = jsonPathValue(obj, m[1]);
    const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    return m[2] === '!=' ? text !== m[3] : text === m[3];
  });
}

/** Equality-based label selectors (`k=v`, `k==v`, `k!=v`, `k`, `!k`), as kubectl -l takes them. */
export function matchesLabelSelector(labels: Readonly<Record<string, string>> | undefined, selector: string | undefined): boolean {
  if (!selector) return true;
  const have = labels ?? {};
  return selector.split(',').map((t) => t.trim()).filter(Boolean).every((term) => {
    const m = /^(!?)([^=!]+?)\s*(?:(==|=|!=)\s*(.*))?$/.exec(term);
    if (!m) return false;
    const [, not, key = '', op, value = ''] = m;
    if (op === undefined) return not ? !(key in have) : key in have;
    return op === '!=' ? have[key] !== value : have[key] === value;
  });
}

function list(kube: Kube, kind: ResourceKind, ns: string | undefined): AnyObject[] {
  const world = kube.tool.world;
  switch (kind) {
    case 'nodes':
      return world.nodes(kube.cluster);
    case 'pods':
      return world.pods(kube.cluster, ns);
    case 'events':
      return world.events(kube.cluster, ns);
    case 'namespaces':
      return [...kube.cluster.namespaces].sort().map((name) => ({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, creationTimestamp: new Date(kube.cluster.apiUpAt ?? 0).toISOString().replace(/\.\d+Z$/, 'Z'), labels: { 'kubernetes.io/metadata.name': name } },
        status: { phase: 'Active' },
      }));
  }
}

function printable(obj: AnyObject): unknown {
  return obj;
}

export function yamlText(obj: unknown): string {
  return toYaml(obj, { sortMapEntries: true, lineWidth: 0 });
}

export function getRaw(kube: Kube, path: string): number {
  const world = kube.tool.world;
  const cluster = kube.cluster;
  const node0 = cluster.nodes[0];
  const version = node0?.kubeletVersion ?? 'v1.35.0';
  const v = parseVersion(version);
  const stage = v && atLeast(v, 1, 33) ? 'BETA' : 'ALPHA';
  if (path === '/metrics') {
    const gate = world.imageVolumeGateOn(cluster) ? 1 : 0;
    stdout(kube.tool, [
      '# HELP kubernetes_feature_enabled [BETA] This metric records the data about the stage and enablement of a k8s feature.',
      '# TYPE kubernetes_feature_enabled gauge',
      `kubernetes_feature_enabled{name="ImageVolume",stage="${stage}"} ${gate}`,
      `kubernetes_feature_enabled{name="InPlacePodVerticalScaling",stage="BETA"} 1`,
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
  if (m) {
    const node = cluster.nodes.find((n) => n.name === m[1]);
    if (!node) {
      stderr(kube.tool, notFound('nodes', m[1]));
      return 1;
    }
    const nv = parseVersion(node.kubeletVersion);
    const lines = [
      `kubernetes_feature_enabled{name="ImageVolume",stage="${stage}"} ${world.imageVolumeGateOn(cluster) ? 1 : 0}`,
    ];
    if (nv && atLeast(nv, 1, 33)) {
      const pods = world.pods(cluster, undefined).filter((p) => p.spec?.nodeName === node.name && (p.spec.volumes ?? []).some((vol) => vol.image));
      const mounted = pods.filter((p) => p.status?.phase === 'Running').length;
      const level = nv && atLeast(nv, 1, 35) ? 'BETA' : 'ALPHA';
      lines.push(
        `# HELP kubelet_image_volume_mounted_errors_total [${level}] Number of failed image volume mounts.`,
        '# TYPE kubelet_image_volume_mounted_errors_total counter',
        `kubelet_image_volume_mounted_errors_total ${pods.length - mounted}`,
        `# HELP kubelet_image_volume_mounted_succeed_total [${level}] Number of successful image volume mounts.`,
        '# TYPE kubelet_image_volume_mounted_succeed_total counter',
        `kubelet_image_volume_mounted_succeed_total ${mounted}`,
        `# HELP kubelet_image_volume_requested_total [${level}] Number of requested image volumes.`,
        '# TYPE kubelet_image_volume_requested_total counter',
        `kubelet_image_volume_requested_total ${pods.length}`,
      );
    }
    stdout(kube.tool, `${lines.join('\n')}\n`);
    return 0;
  }
  stderr(kube.tool, 'Error from server (NotFound): the server could not find the requested resource\n');
  return 1;
}

export function serverVersion(gitVersion: string): Record<string, string> {
  const v = parseVersion(gitVersion);
  return {
    major: String(v?.major ?? 1),
    minor: String(v?.minor ?? 35),
    emulationMajor: String(v?.major ?? 1),
    emulationMinor: String(v?.minor ?? 35),
    gitVersion,
    gitCommit: '66452049f3d692768c39c797b21b793dce80314e',
    gitTreeState: 'clean',
    buildDate: '2025-12-17T12:41:10Z',
    goVersion: 'go1.25.5',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function get(kube: Kube, args: readonly string[]): number {
  const tool = kube.tool;
  const parsed = parseFlags(args, GET_FLAGS);
  const raw = flag(parsed, 'raw');
  if (raw !== undefined) return getRaw(kube, raw);
  if (boolFlag(parsed, 'watch')) {
    stderr(tool, 'error: watch is not supported in the simulated cluster\n');
    return 1;
  }
  const targets = parseTargets(parsed.positional);
  if (typeof targets === 'string') {
    stderr(tool, `error: ${targets}\n`);
    return 1;
  }
  const output = flag(parsed, 'output') ?? '';
  const allNs = boolFlag(parsed, 'all-namespaces');
  const ns = allNs ? undefined : kube.namespace;
  const now = tool.world.clock.now();
  const multi = targets.length > 1;
  const blocks: string[] = [];
  const collected: AnyObject[] = [];
  let status = 0;
  const byName = targets.some((t) => t.names.length > 0);
  for (const group of targets) {
    let objects = list(kube, group.kind, ns);
    objects = objects.filter((o) => matchesFieldSelector(o, flag(parsed, 'field-selector')) && matchesLabelSelector((o.metadata as { labels?: Record<string, string> }).labels, flag(parsed, 'selector')));
    if (group.names.length > 0) {
      const picked: AnyObject[] = [];
      for (const name of group.names) {
        const found = objects.find((o) => o.metadata.name === name);
        if (found) picked.push(found);
        else {
          stderr(tool, notFound(group.kind, name));
          status = 1;
        }
      }
      objects = picked;
    }
    collected.push(...objects);
    if (objects.length === 0) continue;
    const prefix = multi ? `${SINGULAR[group.kind]}/` : '';
    if (output === '' || output === 'wide') {
      blocks.push(renderTable(kube, group.kind, objects, now, output === 'wide', prefix, allNs, boolFlag(parsed, 'no-headers')).join('\n'));
    } else if (output === 'name') {
      blocks.push(objects.map((o) => `${SINGULAR[group.kind]}/${o.metadata.name}`).join('\n'));
    }
  }
  if (output === 'yaml' || output === 'json') {
    const single = byName && collected.length === 1 && !multi && targets[0].names.length === 1;
    const doc = single ? printable(collected[0]) : { apiVersion: 'v1', items: collected.map(printable), kind: 'List', metadata: { resourceVersion: '' } };
    if (collected.length === 0 && byName) return status;
    stdout(tool, output === 'yaml' ? yamlText(doc) : `${JSON.stringify(doc, null, 4)}\n`);
    return status;
  }
  if (output.startsWith('custom-columns=')) {
    const cols = parseCustomColumns(output.slice('custom-columns='.length));
    if (!cols) {
      stderr(tool, 'error: custom-columns format specified but no custom columns given\n');
      return 1;
    }
    if (collected.length > 0) stdout(tool, `${customColumnsTable(collected, cols).join('\n')}\n`);
    return status;
  }
  if (output.startsWith('jsonpath=')) {
    const template = output.slice('jsonpath='.length);
    const target = byName && collected.length === 1 ? collected[0] : { items: collected };
    stdout(tool, template.replace(/\{([^}]*)\}/g, (_w, p: string) => {
      const v = jsonPathValue(target, p);
      return v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    }));
    return status;
  }
  if (output !== '' && output !== 'wide' && output !== 'name') {
    stderr(tool, `error: unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n`);
    return 1;
  }
  if (blocks.length > 0) stdout(tool, `${blocks.join('\n\n')}\n`);
  else if (status === 0) {
    const scoped = targets.every((t) => t.kind === 'nodes' || t.kind === 'namespaces');
    stderr(tool, scoped || allNs ? 'No resources found\n' : `No resources found in ${kube.namespace} namespace.\n`);
  }
  return status;
}

function renderTable(kube: Kube, kind: ResourceKind, objects: readonly AnyObject[], now: number, wide: boolean, prefix: string, allNs: boolean, noHeaders: boolean): string[] {
  const withNs = allNs && kind !== 'nodes' && kind !== 'namespaces';
  let header: string[];
  let rows: string[][];
  switch (kind) {
    case 'nodes':
      header = wide ? NODE_WIDE_HEADER : NODE_HEADER;
      rows = (objects as Node[]).map((n) => nodeRow(n, now, wide, nodeIP(kube.cluster, n.metadata.name)));
      break;
    case 'pods':
      header = wide ? POD_WIDE_HEADER : POD_HEADER;
      rows = (objects as Pod[]).map((p) => podRow(p, now, wide));
      break;
    case 'events':
      header = EVENT_HEADER;
      rows = (objects as KubeEvent[]).map((e) => eventRow(e, now));
      break;
    case 'namespaces':
      header = ['NAME', 'STATUS', 'AGE'];
      rows = (objects as NamespaceObject[]).map((n) => [n.metadata.name, n.status.phase, age(n.metadata.creationTimestamp, now)]);
      break;
  }
  if (prefix) rows = rows.map((r) => [`${prefix}${r[0]}`, ...r.slice(1)]);
  if (withNs) {
    header = ['NAMESPACE', ...header];
    rows = rows.map((r, i) => [(objects[i].metadata as { namespace?: string }).namespace ?? '', ...r]);
  }
  return table(noHeaders ? rows : [header, ...rows]);
}
