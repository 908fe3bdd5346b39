// How Go programs (kubectl, kind, the kubelet) turn values into text, ported so that the
// simulated tools print byte for byte what the real ones print: text/tabwriter (with the
// RememberWidths flag of github.com/liggitt/tabwriter, which kubectl uses), time.Duration's
// String, apimachinery's HumanDuration, time.RFC1123Z, fmt's %v of decoded JSON, and
// encoding/json (sorted keys, HTML-escaped, MarshalIndent).

export interface TabwriterOptions {
  readonly minwidth: number;
  readonly padding: number;
  /** liggitt/tabwriter RememberWidths: column widths survive a flush (kubectl get's tables). */
  readonly rememberWidths?: boolean;
}

/** kubectl get's writer (cli-runtime printers.GetNewTabWriter): minwidth 6, padding 3, RememberWidths. */
export const GET_TABWRITER: TabwriterOptions = { minwidth: 6, padding: 3, rememberWidths: true };
/** kubectl describe's writer (describe.go tabbedString): minwidth 0, padding 2. */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minwidth: 0, padding: 2 };

const runes = (s: string): number => [...s].length;

/**
 * text/tabwriter over a whole text, then Flush: cells end at a tab, a line at a newline; a
 * column's width is its widest cell plus padding within each block of consecutive lines that
 * have that column; a line without a tab flushes what came before it.
 */
export function tabwrite(text: string, o: TabwriterOptions): string {
  let out = '';
  const maxwidths: number[] = [];
  let lines: string[][] = [[]];
  let cell = '';
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i] ?? [];
      line.forEach((c, j) => {
        out += c;
        if (j < widths.length) out += ' '.repeat(Math.max(0, (widths[j] ?? 0) - runes(c)));
      });
      out += i + 1 === lines.length ? cell : '\n';
    }
  };
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= (lines[t]?.length ?? 0) - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let width = o.minwidth;
      for (; t < line1; t++) {
        const line = lines[t] ?? [];
        if (column >= line.length - 1) break;
        width = Math.max(width, runes(line[column] ?? '') + o.padding);
      }
      if (o.rememberWidths) {
        if (maxwidths.length < widths.length) maxwidths.push(...widths.slice(maxwidths.length));
        const m = maxwidths[widths.length];
        if (m === undefined) maxwidths.push(width);
        else if (m > width) width = m;
        else maxwidths[widths.length] = width;
      }
      widths.push(width);
      format(line0, t);
      widths.pop();
      line0 = t;
    }
    writeLines(line0, line1);
  };
  const flush = (): void => {
    // Go's Flush terminates a pending (non-empty) cell first.
    if (cell !== '') {
      lines[lines.length - 1]?.push(cell);
      cell = '';
    }
    format(0, lines.length);
    lines = [[]];
    cell = '';
  };
  for (const ch of text) {
    if (ch === '\t' || ch === '\n') {
      const line = lines[lines.length - 1] ?? [];
      line.push(cell);
      cell = '';
      if (ch === '\n') {
        lines.push([]);
        if (line.length === 1) flush();
      }
    } else cell += ch;
  }
  flush();
  return out;
}

/** Go's time.Duration.String() for a whole number of milliseconds ("812ms", "2.134s", "5m0s", "1h2m3s"). */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (Math.abs(ms) < 1000) return `${ms}ms`;
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = `${Math.floor(rest / 1000)}${rest % 1000 ? `.${String(rest % 1000).padStart(3, '0').replace(/0+$/, '')}` : ''}s`;
  return `${sign}${h > 0 ? `${h}h${m}m` : m > 0 ? `${m}m` : ''}${s}`;
}

/** Go's time.ParseDuration for the units people type (ns..h), in milliseconds; null if invalid. */
export function parseGoDuration(text: string): number | null {
  if (text === '0') return 0;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const body = text.replace(/^[-+]/, '');
  let total = 0;
  let consumed = 0;
  for (const m of body.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) {
    if (m.index !== consumed) return null;
    consumed += m[0].length;
    total += Number(m[1]) * (units[m[2] ?? ''] ?? 0);
  }
  return consumed === body.length && consumed > 0 ? (text.startsWith('-') ? -total : total) : null;
}

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    const y = Math.floor(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** The printers' translateTimestampSince: the age of a timestamp, or <unknown>. */
export function since(timestamp: string | null | undefined, now: number): string {
  return timestamp ? humanDuration(now - Date.parse(timestamp)) : '<unknown>';
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** Go's time.RFC1123Z in UTC ("Fri, 28 Nov 2025 18:40:12 +0000"), as kubectl describe prints times. */
export function rfc1123z(timestamp: string): string {
  const d = new Date(timestamp);
  return `${DAYS[d.getUTCDay()] ?? ''}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** RFC 3339 with second precision, as the API server writes metav1.Time. */
export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** metav1.MicroTime: RFC 3339 with microseconds. */
export function isoMicro(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Go map key order for decoded JSON (encoding/json and fmt sort keys bytewise). */
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** fmt.Sprint of a value decoded from JSON into interface{} (maps as map[k:v], slices as [a b]). */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort(byteOrder).map((k) => `${k}:${goSprint(o[k])}`).join(' ')}]`;
  }
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/** encoding/json's Marshal (compact) or MarshalIndent(prefix "", indent): keys sorted, <>& escaped. */
export function goJson(v: unknown, indent = ''): string {
  const escape = (s: string): string => JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const walk = (x: unknown, depth: number): string => {
    const nl = indent ? `\n${indent.repeat(depth + 1)}` : '';
    const end = indent ? `\n${indent.repeat(depth)}` : '';
    if (x === null || x === undefined) return 'null';
    if (typeof x === 'string') return escape(x);
    if (typeof x !== 'object') return JSON.stringify(x);
    if (Array.isArray(x)) return x.length === 0 ? '[]' : `[${x.map((e) => nl + walk(e, depth + 1)).join(',')}${end}]`;
    const o = x as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort(byteOrder);
    return keys.length === 0 ? '{}' : `{${keys.map((k) => `${nl}${escape(k)}:${indent ? ' ' : ''}${walk(o[k], depth + 1)}`).join(',')}${end}}`;
  };
  return walk(v, 0);
}
