// kubectl describe pod / node, in kubectl's layout.
import type { KubeEvent, Node, Pod } from '../../../engine/kube-objects.js';
import { imageDigest } from './facts.js';
import { age, humanDuration, nodeRoles, podStatus } from './kube-format.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z in UTC: "Fri, 28 Nov 2025 18:40:12 +0000". */
export function rfc1123z(timestamp: string | undefined): string {
  if (!timestamp) return '<unset>';
  const d = new Date(timestamp);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Key: value lines aligned like kubectl's tabwriter (two spaces after the longest key); returns the value column. */
function kv(lines: string[], indent: string, pairs: readonly (readonly [string, string])[], minColumn = 0): number {
  const width = Math.max(Math.max(...pairs.map(([k]) => k.length)) + 3, minColumn - indent.length);
  for (const [k, v] of pairs) lines.push(`${indent}${k === '' ? ''.padEnd(width) : `${k}:`.padEnd(width)}${v}`.replace(/\s+$/, ''));
  return indent.length + width;
}

function mapText(m: Record<string, string> | undefined): string[] {
  const entries = Object.entries(m ?? {});
  return entries.length === 0 ? ['<none>'] : entries.map(([k, v]) => `${k}=${v}`);
}

/** The Events: section, with its 2-space table. */
export function describeEvents(events: readonly KubeEvent[], now: number): string[] {
  if (events.length === 0) return ['Events:  <none>'];
  const rows = [
    ['Type', 'Reason', 'Age', 'From', 'Message'],
    ['----', '------', '----', '----', '-------'],
    ...events.map((e) => {
      const first = age(e.firstTimestamp, now);
      const ageText = (e.count ?? 1) > 1 ? `${age(e.lastTimestamp, now)} (x${e.count} over ${first})` : first;
      return [e.type, e.reason, ageText, e.source?.component ?? '', e.message];
    }),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return ['Events:', ...rows.map((r) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + 2))).join('')}`.replace(/\s+$/, ''))];
}

export function describePod(pod: Pod, events: readonly KubeEvent[], now: number, hostIP: string, runtime: string): string {
  const lines: string[] = [];
  const spec = (pod.spec ?? { containers: [] }) as NonNullable<Pod['spec']> & Record<string, unknown>;
  const labels = mapText(pod.metadata.labels);
  const deletion = (pod.metadata as { deletionTimestamp?: string }).deletionTimestamp;
  kv(lines, '', [
    ['Name', pod.metadata.name],
    ['Namespace', pod.metadata.namespace ?? 'default'],
    ['Priority', '0'],
    ['Service Account', 'default'],
    ['Node', spec.nodeName ? `${spec.nodeName}/${hostIP}` : '<none>'],
    ['Start Time', pod.status?.startTime ? rfc1123z(pod.status.startTime) : '<none>'],
    ['Labels', labels[0]],
    ...labels.slice(1).map((l) => ['', l] as const),
    ['Annotations', '<none>'],
    ['Status', deletion ? `Terminating (lasts ${humanDuration(now - Date.parse(deletion))})` : (pod.status?.phase ?? 'Pending')],
    ...(deletion ? [['Termination Grace Period', `${Number(spec['terminationGracePeriodSeconds'] ?? 30)}s`] as const] : []),
    ['IP', pod.status?.podIP ?? ''],
  ]);
  if (pod.status?.podIP) lines.push('IPs:', `  IP:  ${pod.status.podIP}`);
  else lines.push('IPs:              <none>');
  lines.push('Containers:');
  for (const c of spec.containers) {
    const st = pod.status?.containerStatuses?.find((s) => s.name === c.name);
    lines.push(`  ${c.name}:`);
    const pairs: [string, string][] = [];
    if (st?.state?.running) pairs.push(['Container ID', `${runtime.split('://')[0] ?? 'containerd'}://${imageDigest(`${pod.metadata.uid ?? ''}/${c.name}`)}`]);
    pairs.push(['Image', c.image], ['Image ID', st?.imageID ?? ''], ['Port', '<none>'], ['Host Port', '<none>']);
    kv(lines, '    ', pairs, 4 + 'Restart Count:'.length + 2);
    if (c.command?.length) lines.push('    Command:', ...c.command.map((a) => `      ${a}`));
    if (c.args?.length) lines.push('    Args:', ...c.args.map((a) => `      ${a}`));
    const state = st?.state;
    const statePairs: [string, string][] = [];
    if (state?.running) statePairs.push(['State', 'Running'], ['  Started', rfc1123z(state.running.startedAt)]);
    else if (state?.waiting) {
      statePairs.push(['State', 'Waiting'], ['  Reason', state.waiting.reason ?? '']);
      if (state.waiting.message) statePairs.push(['  Message', state.waiting.message]);
    } else statePairs.push(['State', 'Waiting'], ['  Reason', 'ContainerCreating']);
    statePairs.push(['Ready', st?.ready ? 'True' : 'False'], ['Restart Count', String(st?.restartCount ?? 0)], ['Environment', '<none>']);
    kv(lines, '    ', statePairs);
    lines.push('    Mounts:');
    const mounts = [...((c.volumeMounts ?? []))].sort((a, b) => a.mountPath.localeCompare(b.mountPath));
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path="${m.subPath}"`] : [])].join(',');
      lines.push(`      ${m.mountPath} from ${m.name} (${flags})`);
    }
  }
  lines.push('Conditions:');
  const conds = pod.status?.conditions ?? [];
  const cw = Math.max(4, ...conds.map((c) => c.type.length)) + 3;
  lines.push(`  ${'Type'.padEnd(cw)}Status`);
  for (const c of conds) lines.push(`  ${c.type.padEnd(cw)}${c.status} `);
  lines.push('Volumes:');
  let column = 0;
  for (const v of spec.volumes ?? []) {
    lines.push(`  ${v.name}:`);
    if (v.image) {
      column = kv(lines, '    ', [
        ['Type', 'Image (a container image or OCI artifact)'],
        ['Reference', v.image.reference ?? ''],
        ['PullPolicy', v.image.pullPolicy ?? ''],
      ]);
    } else if (v['projected']) {
      column = kv(lines, '    ', [
        ['Type', 'Projected (a volume that contains injected data from multiple sources)'],
        ['TokenExpirationSeconds', '3607'],
        ['ConfigMapName', 'kube-root-ca.crt'],
        ['Optional', 'false'],
        ['DownwardAPI', 'true'],
      ]);
    } else {
      column = kv(lines, '    ', [['Type', "EmptyDir (a temporary directory that shares a pod's lifetime)"]]);
    }
  }
  kv(
    lines,
    '',
    [
      ['QoS Class', 'BestEffort'],
      ['Node-Selectors', '<none>'],
      ['Tolerations', 'node.kubernetes.io/not-ready:NoExecute op=Exists for 300s'],
      ['', 'node.kubernetes.io/unreachable:NoExecute op=Exists for 300s'],
    ],
    column,
  );
  lines.push(...describeEvents(events, now));
  return `${lines.join('\n')}\n`;
}

export function describeNode(node: Node, now: number): string {
  const lines: string[] = [];
  const info = node.status?.nodeInfo;
  kv(lines, '', [
    ['Name', node.metadata.name],
    ['Roles', nodeRoles(node)],
    ['CreationTimestamp', rfc1123z(node.metadata.creationTimestamp)],
  ]);
  lines.push('Conditions:');
  const rows = [['Type', 'Status', 'Reason', 'Message'], ['----', '------', '------', '-------'], ...(node.status?.conditions ?? []).map((c) => [c.type, c.status, c.reason ?? '', c.message ?? ''])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) lines.push(`  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + 2))).join('')}`);
  lines.push('System Info:');
  kv(lines, '  ', [
    ['Kernel Version', info?.kernelVersion ?? ''],
    ['OS Image', info?.osImage ?? ''],
    ['Operating System', info?.operatingSystem ?? ''],
    ['Architecture', info?.architecture ?? ''],
    ['Container Runtime Version', info?.containerRuntimeVersion ?? ''],
    ['Kubelet Version', info?.kubeletVersion ?? ''],
  ]);
  lines.push(`Age:  ${age(node.metadata.creationTimestamp, now)}`);
  return `${lines.join('\n')}\n`;
}

export { podStatus };
