// kubectl's client-side printing, ported from kubectl v1.32 so that the simulated kubectl prints
// what the real one prints for the same objects: server Tables laid out by cli-runtime's
// tableprinter (namespace, kind, labels columns), -o yaml/json/name/jsonpath/custom-columns
// (pkg/cmd/get), describe pod and node (pkg/describe/describe.go) and `kubectl events`
// (pkg/cmd/events). Times are printed in UTC.
import type { KubeEvent, Node, Pod, ResourceList } from '../../../engine/kube-objects.js';
import { DESCRIBE_TABWRITER, GET_TABWRITER, goJson, goSprint, rfc1123z, since, tabwrite } from './go-text.js';
import { goYaml } from './go-yaml.js';
import { JsonPathError, findResults, executeJsonPath, parseTemplate, relaxedJsonPath } from './jsonpath.js';
import { eventTime } from './objects.js';
import type { Table } from './server-tables.js';

export interface TablePrintOptions {
  readonly wide: boolean;
  readonly noHeaders: boolean;
  readonly withNamespace: boolean;
  /** Prefix names with `kind/` (more than one kind was asked for). */
  readonly kind?: string;
  readonly showLabels: boolean;
  readonly labelColumns: readonly string[];
}

const formatLabels = (labels: Readonly<Record<string, string>> | undefined): string =>
  Object.keys(labels ?? {}).sort().map((k) => `${k}=${labels?.[k] ?? ''}`).join(',') || '<none>';

/** printTable + decorateTable: the tab-separated lines of one server Table (tabwriter not applied). */
export function tableLines(table: Table, o: TablePrintOptions): string {
  if (table.rows.length === 0) return '';
  const shown = table.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => o.wide || c.priority === 0);
  const labelKeys = o.labelColumns.flatMap((l) => l.split(','));
  const lines: string[] = [];
  if (!o.noHeaders) {
    lines.push([...(o.withNamespace ? ['NAMESPACE'] : []), ...shown.map(({ c }) => c.name.toUpperCase()), ...labelKeys.map((k) => (k.split('/').pop() ?? k).toUpperCase()), ...(o.showLabels ? ['LABELS'] : [])].join('\t'));
  }
  for (const row of table.rows) {
    const meta = (row.object as { metadata?: { namespace?: string; labels?: Record<string, string> } } | null)?.metadata;
    const cells = shown.map(({ c, i }) => {
      const cell = row.cells[i];
      const text = cell === undefined ? '' : String(cell).split(/[\f\n\r]/)[0] + (/[\f\n\r]/.test(String(cell)) ? '...' : '');
      return o.kind && c.format === 'name' && c.type === 'string' ? `${o.kind}/${text}` : text;
    });
    lines.push([...(o.withNamespace ? [meta?.namespace ?? ''] : []), ...cells, ...labelKeys.map((k) => meta?.labels?.[k] ?? ''), ...(o.showLabels ? [formatLabels(meta?.labels)] : [])].join('\t'));
  }
  return `${lines.join('\n')}\n`;
}

/** -o name, yaml, json, jsonpath=…, custom-columns=…: one object, or a List of several. */
export function printGeneric(output: string, objects: readonly unknown[], single: boolean, noHeaders: boolean, kindOf: (o: unknown) => string): string {
  const doc = single && objects.length === 1 ? objects[0] : { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
  if (output === 'yaml') return goYaml(doc);
  if (output === 'json') return `${goJson(doc, '    ')}\n`;
  if (output === 'name') return objects.map((o) => `${kindOf(o)}/${(o as { metadata: { name: string } }).metadata.name}\n`).join('');
  const [format = '', arg = ''] = output.split(/=(.*)/s);
  if (format === 'jsonpath' || format === 'jsonpath-as-json') {
    const text = executeJsonPath(arg, doc);
    return format === 'jsonpath' ? text : `${goJson(findResults(parseTemplate(arg), doc).flat(), '    ')}\n`;
  }
  if (format === 'custom-columns') {
    if (arg === '') throw new JsonPathError('custom-columns format specified but no custom columns given');
    const columns = arg.split(',').map((part) => {
      const i = part.indexOf(':');
      if (i < 0) throw new JsonPathError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
      return { header: part.slice(0, i), template: parseTemplate(relaxedJsonPath(part.slice(i + 1))) };
    });
    const rows = objects.map((o) => columns.map((c) => {
      const values = findResults(c.template, o);
      return values.length === 0 || (values[0]?.length ?? 0) === 0 ? '<none>' : values.flat().map(goSprint).join(',');
    }).join('\t'));
    return tabwrite([...(noHeaders ? [] : [columns.map((c) => c.header).join('\t')]), ...rows].map((l) => `${l}\n`).join(''), GET_TABWRITER);
  }
  throw new JsonPathError(`unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`);
}

// ---- describe -------------------------------------------------------------------------------

/** describe.go's PrefixWriter: two spaces per level; tabs are aligned by the tabwriter at a flush. */
class Writer {
  private text = '';
  private readonly parts: string[] = [];
  write(level: number, s: string): void {
    this.text += '  '.repeat(level) + s;
  }
  flush(): void {
    this.parts.push(tabwrite(this.text, DESCRIBE_TABWRITER));
    this.text = '';
  }
  toString(): string {
    this.flush();
    return this.parts.join('');
  }
}

function multiline(w: Writer, title: string, entries: readonly string[]): void {
  w.write(0, `${title}:\t`);
  if (entries.length === 0) w.write(0, '<none>\n');
  entries.forEach((e, i) => w.write(0, `${i > 0 ? '\t' : ''}${e}\n`));
}

const labelsOf = (m: Readonly<Record<string, string>> | undefined): string[] => Object.keys(m ?? {}).sort().map((k) => `${k}=${m?.[k] ?? ''}`);

function annotations(w: Writer, a: Readonly<Record<string, string>> | undefined): void {
  const keys = Object.keys(a ?? {}).filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration').sort();
  w.write(0, 'Annotations:\t');
  if (keys.length === 0) w.write(0, '<none>\n');
  keys.forEach((k, i) => {
    if (i > 0) w.write(0, '\t');
    const value = (a?.[k] ?? '').replace(/\n$/, '');
    if (value.length + k.length + 2 > 140 || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${s.length > 138 ? `${s.slice(0, 138)}...` : s}\n`);
    } else w.write(0, `${k}: ${value}\n`);
  });
}

/** DescribeEvents: sorted by when they last happened; `(xN over …)` for repeats. */
function describeEvents(w: Writer, events: readonly KubeEvent[], now: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  // kubectl/pkg/util/event SortableEvents: by lastTimestamp only (events.k8s.io events have none: first).
  const last = (e: KubeEvent): number => (e.lastTimestamp ? Date.parse(e.lastTimestamp) : -Infinity);
  for (const e of [...events].sort((a, b) => last(a) - last(b))) {
    const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    const interval = (e.count ?? 0) > 1 ? `${since(e.lastTimestamp, now)} (x${e.count ?? 0} over ${first})` : first;
    w.write(1, `${e.type}\t${e.reason}\t${interval}\t${e.source?.component || e.reportingComponent || ''}\t${e.message.trim()}\n`);
  }
}

/** Quantities as resource.Quantity prints them (sums in millicores or bytes). */
function parseQuantity(q: string): number {
  const m = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti|k|M|G)?$/.exec(q);
  const unit = { m: 0.001, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9 }[m?.[2] ?? ''] ?? 1;
  return Number(m?.[1] ?? 0) * unit;
}

function formatQuantity(v: number, kind: 'cpu' | 'bytes'): string {
  if (v === 0) return '0';
  if (kind === 'cpu') return Number.isInteger(v) ? String(v) : `${Math.round(v * 1000)}m`;
  for (const [suffix, size] of [['Ti', 1024 ** 4], ['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as const) if (v % size === 0) return `${v / size}${suffix}`;
  return String(v);
}

function podRequests(pod: Pod, which: 'requests' | 'limits', resource: string): number {
  return (pod.spec?.containers ?? []).reduce((n, c) => n + parseQuantity(c.resources?.[which]?.[resource] ?? '0'), 0);
}

export function describePod(pod: Pod, events: readonly KubeEvent[], now: number, qosClass: string): string {
  const w = new Writer();
  const spec = pod.spec;
  const status = pod.status;
  w.write(0, `Name:\t${pod.metadata.name}\n`);
  w.write(0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`);
  if (spec?.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec?.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec?.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec?.nodeName ? `Node:\t${spec.nodeName}/${status?.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status?.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  multiline(w, 'Labels', labelsOf(pod.metadata.labels));
  annotations(w, pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && status?.phase !== 'Failed' && status?.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(0, `Status:\t${status?.phase ?? ''}\n`);
  if (status?.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status?.message) w.write(0, `Message:\t${status.message}\n`);
  w.write(0, `IP:\t${status?.podIP ?? ''}\n`);
  if (!status?.podIPs?.length) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of status.podIPs) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  const containers = spec?.containers ?? [];
  w.write(0, `Containers:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const st = status?.containerStatuses?.find((s) => s.name === c.name);
    w.write(1, `${c.name}:\n`);
    if (st) w.write(2, `Container ID:\t${st.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID ?? ''}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    if (c.command?.length) {
      w.write(2, 'Command:\n');
      for (const s of c.command.flatMap((x) => x.split('\n'))) w.write(3, `${s}\n`);
    }
    if (c.args?.length) {
      w.write(2, 'Args:\n');
      for (const s of c.args.flatMap((x) => x.split('\n'))) w.write(3, `${s}\n`);
    }
    if (st) {
      const state = st.state ?? {};
      if (state.running) {
        w.write(2, 'State:\tRunning\n');
        w.write(3, `Started:\t${rfc1123z(state.running.startedAt ?? '')}\n`);
      } else if (state.terminated) {
        w.write(2, 'State:\tTerminated\n');
        if (state.terminated.reason) w.write(3, `Reason:\t${state.terminated.reason}\n`);
        w.write(3, `Exit Code:\t${state.terminated.exitCode}\n`);
      } else {
        w.write(2, 'State:\tWaiting\n');
        if (state.waiting?.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
      }
      w.write(2, `Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${st.restartCount}\n`);
    }
    for (const which of ['limits', 'requests'] as const) {
      const list = c.resources?.[which] ?? {};
      if (Object.keys(list).length > 0) w.write(2, `${which === 'limits' ? 'Limits' : 'Requests'}:\n`);
      for (const k of Object.keys(list).sort()) w.write(3, `${k}:\t${list[k] ?? ''}\n`);
    }
    w.write(2, `Environment:${c.env?.length ? '' : '\t<none>'}\n`);
    for (const e of c.env ?? []) w.write(3, `${e.name}:\t${e.value ?? ''}\n`);
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
    w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) w.write(3, `${m.mountPath} from ${m.name} (${[m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])].join(',')})\n`);
  }
  if (status?.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  const volumes = spec?.volumes ?? [];
  w.write(0, volumes.length === 0 ? 'Volumes:\t<none>\n' : 'Volumes:\n');
  for (const v of volumes) {
    w.write(1, `${v.name}:\n`);
    const projected = v['projected'] as { sources?: Record<string, { name?: string; optional?: boolean; expirationSeconds?: number } | undefined>[] } | undefined;
    if (v.image) w.write(2, `Type:\tImage (a container image or OCI artifact)\n    Reference:\t${v.image.reference ?? ''}\n    PullPolicy:\t${v.image.pullPolicy ?? ''}\n`);
    else if (projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of projected.sources ?? []) {
        if (s['secret']) w.write(2, `SecretName:\t${s['secret'].name ?? ''}\n    SecretOptionalName:\t${s['secret'].optional ?? '<nil>'}\n`);
        else if (s['downwardAPI']) w.write(2, 'DownwardAPI:\ttrue\n');
        else if (s['configMap']) w.write(2, `ConfigMapName:\t${s['configMap'].name ?? ''}\n    ConfigMapOptional:\t${s['configMap'].optional ?? '<nil>'}\n`);
        else if (s['serviceAccountToken']) w.write(2, `TokenExpirationSeconds:\t${s['serviceAccountToken'].expirationSeconds ?? 0}\n`);
      }
    } else if (v['emptyDir']) w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t\n    SizeLimit:\t<unset>\n");
  }
  w.write(0, `QoS Class:\t${qosClass}\n`);
  multiline(w, 'Node-Selectors', labelsOf(spec?.nodeSelector));
  const tolerations = [...(spec?.tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  multiline(w, 'Tolerations', tolerations.map((t) => {
    const exists = t.operator === 'Exists' && !t.value ? (t.key || t.effect ? ' op=Exists' : 'op=Exists') : '';
    return `${t.key ?? ''}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}${exists}${t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : ''}`;
  }));
  describeEvents(w, events, now);
  return w.toString();
}

export function describeNode(node: Node, pods: readonly Pod[], events: readonly KubeEvent[], lease: { spec?: { holderIdentity?: string; renewTime?: string } } | null, now: number): string {
  const w = new Writer();
  const st = node.status;
  const roles = Object.keys(node.metadata.labels ?? {}).filter((k) => k.startsWith('node-role.kubernetes.io/') && k.length > 24).map((k) => k.slice(24));
  w.write(0, `Name:\t${node.metadata.name}\n`);
  w.write(0, `Roles:\t${roles.join(',') || '<none>'}\n`);
  multiline(w, 'Labels', labelsOf(node.metadata.labels));
  annotations(w, node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp ?? '')}\n`);
  const taints = [...(node.spec?.taints ?? [])].sort((a, b) => (`${a.effect},${a.key}` < `${b.effect},${b.key}` ? -1 : 1));
  multiline(w, 'Taints', taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`));
  w.write(0, `Unschedulable:\t${node.spec?.unschedulable ? 'true' : 'false'}\n`);
  if (lease) {
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(1, 'AcquireTime:\t<unset>\n');
    w.write(1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  } else w.write(0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${node.metadata.name}" not found\n`);
  if (st?.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime ?? '')} \t${rfc1123z(c.lastTransitionTime ?? '')} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  w.write(0, 'Addresses:\n');
  for (const a of st?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  const resources = (title: string, list: ResourceList | undefined): void => {
    if (!list || Object.keys(list).length === 0) return;
    w.write(0, `${title}:\n`);
    for (const k of Object.keys(list).sort()) w.write(0, `  ${k}:\t${list[k] ?? ''}\n`);
  };
  resources('Capacity', st?.capacity);
  resources('Allocatable', st?.allocatable);
  const info = st?.nodeInfo;
  w.write(0, 'System Info:\n');
  for (const [k, v] of [['Machine ID', info?.machineID], ['System UUID', info?.systemUUID], ['Boot ID', info?.bootID], ['Kernel Version', info?.kernelVersion], ['OS Image', info?.osImage], ['Operating System', info?.operatingSystem], ['Architecture', info?.architecture], ['Container Runtime Version', info?.containerRuntimeVersion], ['Kubelet Version', info?.kubeletVersion], ['Kube-Proxy Version', info?.kubeProxyVersion]] as const) {
    w.write(0, `  ${k}:\t${v ?? ''}\n`);
  }
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);
  const alloc = st?.allocatable ?? st?.capacity ?? {};
  const cpu = parseQuantity(alloc['cpu'] ?? '0');
  const mem = parseQuantity(alloc['memory'] ?? '0');
  const pct = (v: number, of: number): number => (of === 0 ? 0 : Math.trunc((v / of) * 100));
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  for (const p of pods) {
    const [cr, cl, mr, ml] = [podRequests(p, 'requests', 'cpu'), podRequests(p, 'limits', 'cpu'), podRequests(p, 'requests', 'memory'), podRequests(p, 'limits', 'memory')];
    w.write(1, `${p.metadata.namespace ?? ''}\t${p.metadata.name}\t\t${formatQuantity(cr, 'cpu')} (${pct(cr, cpu)}%)\t${formatQuantity(cl, 'cpu')} (${pct(cl, cpu)}%)\t${formatQuantity(mr, 'bytes')} (${pct(mr, mem)}%)\t${formatQuantity(ml, 'bytes')} (${pct(ml, mem)}%)\t${since(p.metadata.creationTimestamp, now)}\n`);
  }
  const total = (which: 'requests' | 'limits', r: string): number => pods.reduce((n, p) => n + podRequests(p, which, r), 0);
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  w.write(1, `cpu\t${formatQuantity(total('requests', 'cpu'), 'cpu')} (${pct(total('requests', 'cpu'), cpu)}%)\t${formatQuantity(total('limits', 'cpu'), 'cpu')} (${pct(total('limits', 'cpu'), cpu)}%)\n`);
  w.write(1, `memory\t${formatQuantity(total('requests', 'memory'), 'bytes')} (${pct(total('requests', 'memory'), mem)}%)\t${formatQuantity(total('limits', 'memory'), 'bytes')} (${pct(total('limits', 'memory'), mem)}%)\n`);
  w.write(1, 'ephemeral-storage\t0 (0%)\t0 (0%)\n');
  for (const h of Object.keys(alloc).filter((k) => k.startsWith('hugepages-')).sort()) w.write(1, `${h}\t0 (0%)\t0 (0%)\n`);
  describeEvents(w, events, now);
  return w.toString();
}

/** `kubectl events`: oldest first, OBJECT as Kind/name, repeats as `(xN over …)`. */
export function eventsTable(events: readonly KubeEvent[], now: number, allNamespaces: boolean, noHeaders: boolean): string {
  const lines = [...events].sort((a, b) => eventTime(a) - eventTime(b)).map((e) => {
    const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    const interval = (e.count ?? 0) > 1 ? `${since(e.lastTimestamp, now)} (x${e.count ?? 0} over ${first})` : first;
    return `${allNamespaces ? `${e.metadata.namespace ?? ''}\t` : ''}${interval}\t${e.type}\t${e.reason}\t${e.involvedObject.kind}/${e.involvedObject.name}\t${e.message.trim()}\n`;
  });
  return tabwrite(`${noHeaders ? '' : `${allNamespaces ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`}${lines.join('')}`, GET_TABWRITER);
}
