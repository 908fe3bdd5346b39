// The registry files the tour writes for --mirror, checked against their documented formats:
// - containerd's hosts.toml (docs/hosts.md, and the struct it decodes into:
//   core/remotes/docker/config/hosts.go hostFileConfig at v2.2.0): root keys server, ca,
//   client, skip_verify, header, override_path, dial_timeout, capabilities, and `host` tables
//   keyed by URL with the same keys but server; capabilities only pull, resolve, push; a host
//   URL is http:// or https://. containerd logs a file it cannot decode and falls back to no
//   mirror at all, so a mistake here would be silent on the node.
// - CRI-O's registries.conf drop-in (containers-registries.conf(5)): [[registry]] with prefix,
//   location, insecure, blocked, mirror-by-digest-only, and [[registry.mirror]] with location,
//   insecure, pull-from-mirror.
import { parse as parseToml } from 'smol-toml';

const HOST_KEYS = ['capabilities', 'ca', 'client', 'skip_verify', 'header', 'override_path', 'dial_timeout'];
const ROOT_KEYS = ['server', 'host', ...HOST_KEYS];
const CAPABILITIES = ['pull', 'resolve', 'push'];

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function checkHostKeys(table: Record<string, unknown>, where: string, errors: string[]): void {
  const caps = table['capabilities'];
  if (caps !== undefined) {
    if (!Array.isArray(caps) || caps.some((c) => typeof c !== 'string' || !CAPABILITIES.includes(c))) errors.push(`${where}capabilities must be a list of ${CAPABILITIES.join(', ')}`);
  }
  for (const k of ['skip_verify', 'override_path']) if (table[k] !== undefined && typeof table[k] !== 'boolean') errors.push(`${where}${k} must be a boolean`);
  const dial = table['dial_timeout'];
  if (dial !== undefined && (typeof dial !== 'string' || !/^\d+(\.\d+)?(ns|us|µs|ms|s|m|h)$/.test(dial))) errors.push(`${where}dial_timeout must be a Go duration`);
}

export interface HostsToml {
  readonly server?: string;
  /** The host tables, in file order: URL → keys. */
  readonly hosts: [string, Record<string, unknown>][];
}

/** Parses and checks a hosts.toml; problems go to `errors`. */
export function checkHostsToml(text: string, errors: string[]): HostsToml {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text);
  } catch (error) {
    errors.push(`not TOML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return { hosts: [] };
  }
  for (const k of Object.keys(doc)) if (!ROOT_KEYS.includes(k)) errors.push(`${k}: not a hosts.toml key`);
  checkHostKeys(doc, '', errors);
  const server = doc['server'];
  if (server !== undefined && (typeof server !== 'string' || !/^https?:\/\/[^/\s]+(\/\S*)?$/.test(server))) errors.push('server must be an http(s) URL');
  const hosts: [string, Record<string, unknown>][] = [];
  const table = obj(doc['host']);
  if (doc['host'] !== undefined && !table) errors.push('host must be a table of URLs');
  for (const [url, v] of Object.entries(table ?? {})) {
    const h = obj(v);
    if (!h) {
      errors.push(`host."${url}" must be a table`);
      continue;
    }
    if (!/^https?:\/\/[^/\s]+(\/\S*)?$/.test(url)) errors.push(`host."${url}": a host is an http:// or https:// URL`);
    for (const k of Object.keys(h)) if (!HOST_KEYS.includes(k)) errors.push(`host."${url}".${k}: not a host key`);
    checkHostKeys(h, `host."${url}".`, errors);
    hosts.push([url, h]);
  }
  return { ...(typeof server === 'string' ? { server } : {}), hosts };
}

const REGISTRY_KEYS = ['prefix', 'location', 'insecure', 'blocked', 'mirror-by-digest-only', 'mirror'];
const MIRROR_KEYS = ['location', 'insecure', 'pull-from-mirror'];

export interface RegistriesConf {
  readonly registries: { prefix: string; location: string; mirrors: { location: string; insecure: boolean }[] }[];
}

/** Parses and checks a registries.conf drop-in with [[registry]] tables. */
export function checkRegistriesConf(text: string, errors: string[]): RegistriesConf {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text);
  } catch (error) {
    errors.push(`not TOML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return { registries: [] };
  }
  for (const k of Object.keys(doc)) if (k !== 'registry' && k !== 'unqualified-search-registries' && k !== 'short-name-mode') errors.push(`${k}: not a registries.conf key`);
  const list = Array.isArray(doc['registry']) ? (doc['registry'] as unknown[]) : [];
  const registries = list.flatMap((r, i) => {
    const reg = obj(r);
    if (!reg) return [];
    for (const k of Object.keys(reg)) if (!REGISTRY_KEYS.includes(k)) errors.push(`registry[${i}].${k}: not a [[registry]] key`);
    if (typeof reg['location'] !== 'string' || /:\/\//.test(reg['location'])) errors.push(`registry[${i}].location must be a host[/path] without a scheme`);
    const mirrors = (Array.isArray(reg['mirror']) ? (reg['mirror'] as unknown[]) : []).flatMap((m, j) => {
      const mirror = obj(m);
      if (!mirror) return [];
      for (const k of Object.keys(mirror)) if (!MIRROR_KEYS.includes(k)) errors.push(`registry[${i}].mirror[${j}].${k}: not a [[registry.mirror]] key`);
      if (typeof mirror['location'] !== 'string' || /:\/\//.test(mirror['location'])) errors.push(`registry[${i}].mirror[${j}].location must be a host[/path] without a scheme`);
      if (mirror['insecure'] !== undefined && typeof mirror['insecure'] !== 'boolean') errors.push(`registry[${i}].mirror[${j}].insecure must be a boolean`);
      return [{ location: typeof mirror['location'] === 'string' ? mirror['location'] : '', insecure: mirror['insecure'] === true }];
    });
    if (typeof reg['prefix'] !== 'string') errors.push(`registry[${i}].prefix must be a string`);
    return [{ prefix: typeof reg['prefix'] === 'string' ? reg['prefix'] : '', location: String(reg['location']), mirrors }];
  });
  return { registries };
}
