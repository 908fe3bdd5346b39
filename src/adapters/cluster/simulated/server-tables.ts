// The API server's Table conversion (kubernetes pkg/printers/internalversion/printers.go:
// printPod, printNode, printEvent, printNamespace): what `kubectl get` prints is these rows,
// computed on the server (ages included) and laid out by kubectl.
import type { KubeEvent, Namespace, Node, Pod } from '../../../engine/kube-objects.js';
import { since } from './go-text.js';

export interface ColumnDefinition {
  readonly name: string;
  readonly type: string;
  readonly format: string;
  readonly description: string;
  readonly priority: number;
}

export type Cell = string | number;

export interface TableRow {
  readonly cells: Cell[];
  readonly object: unknown;
}

export interface Table {
  readonly kind: 'Table';
  readonly apiVersion: 'meta.k8s.io/v1';
  readonly metadata: { readonly resourceVersion: string };
  readonly columnDefinitions: readonly ColumnDefinition[];
  readonly rows: readonly TableRow[];
}

export type TableKind = 'pods' | 'nodes' | 'events' | 'namespaces';

const col = (name: string, priority = 0, format = '', type = 'string'): ColumnDefinition => ({ name, type, format, description: '', priority });

const COLUMNS: Readonly<Record<TableKind, readonly ColumnDefinition[]>> = {
  pods: [col('Name', 0, 'name'), col('Ready'), col('Status'), col('Restarts'), col('Age'), col('IP', 1), col('Node', 1), col('Nominated Node', 1), col('Readiness Gates', 1)],
  nodes: [col('Name', 0, 'name'), col('Status'), col('Roles'), col('Age'), col('Version'), col('Internal-IP', 1), col('External-IP', 1), col('OS-Image', 1), col('Kernel-Version', 1), col('Container-Runtime', 1)],
  events: [col('Last Seen'), col('Type'), col('Reason'), col('Object'), col('Subobject', 1), col('Source', 1), col('Message'), col('First Seen', 1), col('Count', 1), col('Name', 1, 'name')],
  namespaces: [col('Name', 0, 'name'), col('Status'), col('Age')],
};

/** printPod: READY, the STATUS reason (a waiting or terminated reason wins over the phase), RESTARTS. */
function podCells(pod: Pod, now: number): Cell[] {
  const statuses = pod.status?.containerStatuses ?? [];
  let reason: string = pod.status?.reason ?? pod.status?.phase ?? '';
  if (pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';
  let ready = 0;
  let restarts = 0;
  let hasRunning = false;
  for (const c of [...statuses].reverse()) {
    restarts += c.restartCount;
    const w = c.state?.waiting;
    const t = c.state?.terminated;
    if (w && w.reason) reason = w.reason;
    else if (t && t.reason) reason = t.reason;
    else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
    else if (c.ready && c.state?.running) {
      hasRunning = true;
      ready++;
    }
  }
  if (reason === 'Completed' && hasRunning) reason = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  const phase = pod.status?.phase;
  if (pod.metadata.deletionTimestamp && pod.status?.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  const gates = pod.spec?.readinessGates ?? [];
  const gateText = gates.length > 0 ? `${gates.filter((g) => pod.status?.conditions?.some((c) => c.type === g.conditionType && c.status === 'True')).length}/${gates.length}` : '<none>';
  return [
    pod.metadata.name, `${ready}/${pod.spec?.containers.length ?? 0}`, reason, String(restarts), since(pod.metadata.creationTimestamp, now),
    pod.status?.podIPs?.[0]?.ip || '<none>', pod.spec?.nodeName || '<none>', pod.status?.nominatedNodeName || '<none>', gateText,
  ];
}

function nodeCells(node: Node, now: number): Cell[] {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown', ...(node.spec?.unschedulable ? ['SchedulingDisabled'] : [])];
  const roles = Object.entries(node.metadata.labels ?? {}).flatMap(([k, v]) => (k.startsWith('node-role.kubernetes.io/') && k.length > 24 ? [k.slice(24)] : k === 'kubernetes.io/role' && v ? [v] : []));
  const address = (type: string): string => node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
  const info = node.status?.nodeInfo;
  return [
    node.metadata.name, status.join(','), [...new Set(roles)].join(',') || '<none>', since(node.metadata.creationTimestamp, now), info?.kubeletVersion ?? '',
    address('InternalIP'), address('ExternalIP'), info?.osImage || '<unknown>', info?.kernelVersion || '<unknown>', info?.containerRuntimeVersion || '<unknown>',
  ];
}

function eventCells(e: KubeEvent, now: number): Cell[] {
  const first = e.firstTimestamp ? since(e.firstTimestamp, now) : since(e.eventTime, now);
  const last = e.lastTimestamp ? since(e.lastTimestamp, now) : first;
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  const target = e.involvedObject.name ? `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}` : e.involvedObject.kind.toLowerCase();
  return [last, e.type, e.reason, target, e.involvedObject.fieldPath ?? '', instance ? `${component}, ${instance}` : component, e.message.trim(), first, e.count || 1, e.metadata.name];
}

function namespaceCells(n: Namespace, now: number): Cell[] {
  return [n.metadata.name, n.status?.phase ?? '', since(n.metadata.creationTimestamp, now)];
}

/** The Table the API server returns for a list (or one object) of a kind. */
export function toTable(kind: TableKind, objects: readonly unknown[], now: number, includeObject: 'PartialObjectMetadata' | 'Object' | 'None' = 'PartialObjectMetadata'): Table {
  const cells = (o: unknown): Cell[] => {
    switch (kind) {
      case 'pods': return podCells(o as Pod, now);
      case 'nodes': return nodeCells(o as Node, now);
      case 'events': return eventCells(o as KubeEvent, now);
      case 'namespaces': return namespaceCells(o as Namespace, now);
    }
  };
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: '' },
    columnDefinitions: COLUMNS[kind],
    rows: objects.map((o) => ({
      cells: cells(o),
      object: includeObject === 'Object' ? o : includeObject === 'None' ? null : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: (o as { metadata: unknown }).metadata },
    })),
  };
}
