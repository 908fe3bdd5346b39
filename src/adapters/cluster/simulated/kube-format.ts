// kubectl's printers: aligned tables (3-space gutters), AGE, custom-columns, events, describe.
import type { KubeEvent, Node, Pod } from '../../../engine/kube-objects.js';

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    const y = Math.floor(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

export function age(timestamp: string | undefined, now: number): string {
  if (!timestamp) return '<unknown>';
  return humanDuration(now - Date.parse(timestamp));
}

/** Rows aligned like kubectl's tabwriter: columns padded, 3 spaces between, no trailing spaces. */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length + 3)))
      .join('')
      .replace(/\s+$/, ''),
  );
}

export function nodeRoles(node: Node): string {
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .sort();
  return roles.length > 0 ? roles.join(',') : '<none>';
}

export function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  return ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown';
}

export function nodeRow(node: Node, now: number, wide: boolean, ip: string): string[] {
  const info = node.status?.nodeInfo;
  const base = [node.metadata.name, nodeStatus(node), nodeRoles(node), age(node.metadata.creationTimestamp, now), info?.kubeletVersion ?? ''];
  if (!wide) return base;
  return [...base, ip, '<none>', info?.osImage ?? '<unknown>', info?.kernelVersion ?? '<unknown>', info?.containerRuntimeVersion ?? '<unknown>'];
}

export const NODE_HEADER = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'];
export const NODE_WIDE_HEADER = [...NODE_HEADER, 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'];
export const POD_HEADER = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
export const POD_WIDE_HEADER = [...POD_HEADER, 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'];

export function isTerminating(pod: Pod): boolean {
  return Boolean((pod.metadata as { deletionTimestamp?: string }).deletionTimestamp);
}

/** The STATUS column (kubectl printPod): a waiting reason wins over the phase. */
export function podStatus(pod: Pod): string {
  let reason: string = pod.status?.phase ?? 'Unknown';
  for (const c of pod.status?.containerStatuses ?? []) {
    const w = c.state?.waiting?.reason;
    const t = c.state?.terminated;
    if (w && w !== '') reason = w;
    else if (t) reason = t.reason ?? `ExitCode:${t.exitCode}`;
  }
  if (isTerminating(pod)) reason = 'Terminating';
  return reason;
}

export function podRow(pod: Pod, now: number, wide: boolean): string[] {
  const statuses = pod.status?.containerStatuses ?? [];
  const total = pod.spec?.containers.length ?? statuses.length;
  const ready = statuses.filter((s) => s.ready).length;
  const restarts = statuses.reduce((n, s) => n + s.restartCount, 0);
  const base = [pod.metadata.name, `${ready}/${total}`, podStatus(pod), String(restarts), age(pod.metadata.creationTimestamp, now)];
  if (!wide) return base;
  return [...base, pod.status?.podIP ?? '<none>', pod.spec?.nodeName ?? '<none>', '<none>', '<none>'];
}

/** `k8s.io/client-go/util/jsonpath` for simple dotted paths like .status.nodeInfo.kubeletVersion or .spec.containers[0].image. */
export function jsonPathValue(obj: unknown, path: string): unknown {
  const parts = path.replace(/^\{?\.?/, '').replace(/\}$/, '').split('.').filter(Boolean);
  let cur: unknown = obj;
  for (const part of parts) {
    const m = /^([^[\]]+)((?:\[(?:\d+|\*)\])*)$/.exec(part);
    if (!m) return undefined;
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[m[1]];
    for (const idx of (m[2] ?? '').match(/\[(\d+|\*)\]/g) ?? []) {
      if (!Array.isArray(cur)) return undefined;
      const i = idx.slice(1, -1);
      if (i === '*') continue;
      cur = (cur as unknown[])[Number(i)];
    }
  }
  return cur;
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '<none>';
  if (Array.isArray(value)) return value.map(cellText).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export interface CustomColumn {
  readonly header: string;
  readonly path: string;
}

/** Parses `-o custom-columns=NAME:.metadata.name,...`; null when malformed. */
export function parseCustomColumns(spec: string): CustomColumn[] | null {
  const cols: CustomColumn[] = [];
  for (const part of spec.split(',')) {
    const i = part.indexOf(':');
    if (i <= 0) return null;
    cols.push({ header: part.slice(0, i), path: part.slice(i + 1) });
  }
  return cols.length > 0 ? cols : null;
}

export function customColumnsTable(objects: readonly unknown[], cols: readonly CustomColumn[]): string[] {
  return table([cols.map((c) => c.header), ...objects.map((o) => cols.map((c) => cellText(jsonPathValue(o, c.path))))]);
}

export const EVENT_HEADER = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];

export function eventRow(e: KubeEvent, now: number, withNamespace = false): string[] {
  let lastSeen = age(e.lastTimestamp ?? e.metadata.creationTimestamp, now);
  if ((e.count ?? 1) > 1) lastSeen = `${lastSeen} (x${e.count} over ${age(e.firstTimestamp, now)})`;
  const row = [lastSeen, e.type, e.reason, `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`, e.message.trim()];
  return withNamespace ? [e.metadata.namespace ?? '', ...row] : row;
}
