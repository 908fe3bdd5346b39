// Cobra/pflag-style argument parsing for the simulated kind, kubectl and docker.

export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  /** Takes a value (`--name v`, `--name=v`, `-n v`, `-nv`). */
  readonly value?: boolean;
}

export interface ParsedFlags {
  readonly values: Map<string, string[]>;
  readonly positional: string[];
  /** Everything after a bare `--`, or null when there was none. */
  readonly rest: string[] | null;
}

export class FlagError extends Error {}

export function parseFlags(args: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const values = new Map<string, string[]>();
  const positional: string[] = [];
  let rest: string[] | null = null;
  const add = (name: string, v: string) => values.set(name, [...(values.get(name) ?? []), v]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      rest = args.slice(i + 1);
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = specs.find((s) => s.name === name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (spec.value) {
        if (eq >= 0) add(name, a.slice(eq + 1));
        else if (i + 1 < args.length) add(name, args[++i]);
        else throw new FlagError(`flag needs an argument: --${name}`);
      } else add(name, eq >= 0 ? a.slice(eq + 1) : 'true');
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        const spec = specs.find((s) => s.short === ch);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${ch}' in ${a}`);
        if (spec.value) {
          const inline = a.slice(j + 1).replace(/^=/, '');
          if (inline !== '') add(spec.name, inline);
          else if (i + 1 < args.length) add(spec.name, args[++i]);
          else throw new FlagError(`flag needs an argument: '${ch}' in -${ch}`);
          break;
        }
        add(spec.name, 'true');
      }
    } else positional.push(a);
  }
  return { values, positional, rest };
}

export function flag(parsed: ParsedFlags, name: string): string | undefined {
  const v = parsed.values.get(name);
  return v ? v[v.length - 1] : undefined;
}

export function boolFlag(parsed: ParsedFlags, name: string): boolean {
  const v = flag(parsed, name);
  return v !== undefined && v !== 'false';
}

/** Go's time.ParseDuration for the forms people type: 5m, 180s, 1m30s, 500ms, 2h. Null if invalid. */
export function parseGoDuration(text: string): number | null {
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    if (m.index !== consumed) return null;
    consumed += m[0].length;
    const n = Number(m[1]);
    total += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3600_000;
  }
  return consumed === text.length && consumed > 0 ? total : null;
}

/** Go's Duration.String() for whole seconds (kind prints "5m0s", "15s"). */
export function goDurationSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h${m}m${sec}s`;
  if (m > 0) return `${m}m${sec}s`;
  return `${sec}s`;
}
