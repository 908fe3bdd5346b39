// Registry mirrors in the simulated cluster: what each node's runtime reads from the kind config
// (nodes[].extraMounts, containerdConfigPatches) and from the files mounted into it (containerd's
// hosts.toml, CRI-O's registries.conf drop-ins), as the hosts it tries for each registry, in
// order; and a pull through those hosts, worded as the runtime words it.
//
// containerd (core/remotes/docker/config/hosts.go, containerd 2.x): a registry's directory under
// `config_path` holds hosts.toml; ConfigureHosts → loadHostDir → parseHostsFile gives the
// `[host."…"]` entries in file order, then the root entry (`server`) as the last one. A root
// without `server` is filled in with the registry itself (registry-1.docker.io for docker.io),
// so the registry is always the last host tried unless `server` names another. Path: `/v2`
// appended unless `override_path`. Capabilities: all three when none are listed. A hosts.toml
// that does not decode is ignored (containerd logs "failed to decode" and uses the registry).
// Without `config_path`, containerd 2.2 reads /etc/containerd/certs.d (its default); 2.0 and
// 2.1 read no hosts directory at all (engine/runtime-mirrors.ts says why the tour patches it).
//
// core/remotes/docker/resolver.go (Resolve, request.do, addNamespace) and registry.go (isProxy):
// each resolve-capable host is asked `HEAD <scheme>://<host><path>/<repository>/manifests/<tag>`,
// with `?ns=<registry>` when the host is not the registry's own; a host that fails is logged
// ("trying next host") and the next one is tried; when all fail, the FIRST host's error is the
// one returned: `failed to do request: Head "<url>": <Go's dial error>`. The CRI plugin and the
// client wrap it as `failed to pull and unpack image "<ref>": failed to resolve reference
// "<ref>": …` (internal/cri/server/images/image_pull.go, client/pull.go).
//
// CRI-O (containers/image v5: pkg/sysregistriesv2 and docker/docker_image_src.go newImageSource):
// `[[registry]]` with `prefix`/`location` and `[[registry.mirror]]` entries: the mirrors are
// tried in order, then the primary location. When all fail: `(Mirrors also failed: [<mirror
// ref>: <error>]…): <ref>: <primary error>`; each error of a registry that does not answer is
// `pinging container registry <host>: Get "<scheme>://<host>/v2/": <dial error>`
// (docker/docker_client.go detectProperties); CRI-O puts `initializing source docker://<ref>: `
// in front.
//
// Which hosts answer in the simulated world (faults: facts.ts): the public registries the tour
// pulls from are on the internet (unreachable with `offline`: DNS fails); any other host is the
// room's own (a mirror or pull-through cache on the LAN: reachable when offline, refusing with
// `mirror-down`). Inside a kind node, a loopback address is the node itself, where no registry
// listens: a mirror at 127.0.0.1 refuses there whatever the faults (the host's docker reaches it).
import { parse as parseToml } from 'smol-toml';
import { DOCKER_HUB, DOCKER_HUB_API, normaliseRegistry, parseImageRef, registryApiHost, type ImageRef } from '../../../engine/image-ref.js';
import { isLoopbackHost } from '../../../engine/mirrors.js';
import type { SimFault } from './facts.js';

export type HostCapability = 'pull' | 'resolve' | 'push';

/** One host a runtime tries for a registry. */
export interface RegistryEndpoint {
  readonly scheme: 'http' | 'https';
  /** host[:port] */
  readonly host: string;
  /** containerd: the API root (`/v2`, `/v2/quay` with override_path); CRI-O: the repository prefix ('' or `quay`). */
  readonly path: string;
  readonly capabilities: ReadonlySet<HostCapability>;
}

/** What a node's runtime was told about registries: per registry, the hosts in the order tried. */
export interface NodeRegistries {
  readonly runtime: 'containerd' | 'cri-o';
  /** Only registries with their own configuration; any other is pulled from itself. */
  readonly routes: ReadonlyMap<string, readonly RegistryEndpoint[]>;
}

const ALL_CAPABILITIES: ReadonlySet<HostCapability> = new Set(['pull', 'resolve', 'push']);

/** The public registries of the simulated world: on the internet (what `offline` takes away). */
const INTERNET_REGISTRIES = new Set([DOCKER_HUB_API, 'index.docker.io', 'quay.io', 'ghcr.io', 'registry.k8s.io', 'gcr.io', 'mirror.gcr.io', 'public.ecr.aws', 'mcr.microsoft.com']);

/** Where kind's nodes send DNS (kind points the node's resolv.conf at the docker network's gateway) and where this machine does (systemd-resolved). */
const NODE_RESOLVER = '172.18.0.1:53';
const HOST_RESOLVER = '127.0.0.53:53';

/** The registry's own host: what a runtime pulls from when nothing else is configured. */
export function upstreamEndpoint(registry: string): RegistryEndpoint {
  return { scheme: 'https', host: registryApiHost(registry), path: '/v2', capabilities: ALL_CAPABILITIES };
}

function hostName(host: string): string {
  return host.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
}

function isInternetHost(host: string): boolean {
  return INTERNET_REGISTRIES.has(hostName(host).toLowerCase());
}

/** The address Go dials for a host: an IP as written, a name resolved (TEST-NET-3 addresses, stable per name). */
function dialAddress(endpoint: { readonly scheme: string; readonly host: string }): string {
  const port = /:(\d+)$/.exec(endpoint.host)?.[1] ?? (endpoint.scheme === 'http' ? '80' : '443');
  const name = hostName(endpoint.host);
  if (/^[\d.]+$/.test(name)) return `${name}:${port}`;
  if (name.includes(':')) return `[${name}]:${port}`;
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `203.0.113.${1 + (h % 254)}:${port}`;
}

/**
 * Go's dial error for a host, or null when it answers. `inNode`: dialled from inside a kind node
 * (its own loopback, kind's DNS), else from this machine.
 */
export function dialError(endpoint: { readonly scheme: string; readonly host: string }, faults: ReadonlySet<SimFault>, inNode: boolean): string | null {
  const refused = `dial tcp ${dialAddress(endpoint)}: connect: connection refused`;
  if (isInternetHost(endpoint.host)) return faults.has('offline') ? `dial tcp: lookup ${hostName(endpoint.host)} on ${inNode ? NODE_RESOLVER : HOST_RESOLVER}: server misbehaving` : null;
  if (inNode && isLoopbackHost(endpoint.host)) return refused;
  return faults.has('mirror-down') ? refused : null;
}

// ---- containerd -------------------------------------------------------------------------------

/** hosts.go hostDirectory, reversed: `host_port_` is host:port. */
export function registryOfHostDir(dir: string): string {
  const m = /^(.*)_(\d+)_$/.exec(dir);
  return normaliseRegistry(m ? `${m[1] ?? ''}:${m[2] ?? ''}` : dir);
}

function capabilitiesOf(value: unknown): ReadonlySet<HostCapability> | null {
  if (!Array.isArray(value) || value.length === 0) return ALL_CAPABILITIES;
  const out = new Set<HostCapability>();
  for (const c of value) {
    const name = typeof c === 'string' ? c.toLowerCase() : '';
    if (name !== 'pull' && name !== 'resolve' && name !== 'push') return null; // "unknown capability": the file is not used
    out.add(name);
  }
  return out;
}

/** hosts.go parseHostConfig: one host entry (server '' = the registry itself, filled in later). */
function hostEntry(server: string, config: Record<string, unknown>, registry: string): RegistryEndpoint | null {
  const capabilities = capabilitiesOf(config['capabilities']);
  if (!capabilities) return null;
  if (server === '') return { ...upstreamEndpoint(registry), capabilities };
  let url: URL;
  try {
    url = new URL(/^http/.test(server) ? server : `https://${server}`);
  } catch {
    return null;
  }
  const scheme = url.protocol === 'http:' ? 'http' : 'https';
  const override = config['override_path'] === true;
  let path = url.pathname === '/' ? '' : url.pathname.replace(/\/+$/, '');
  if (path !== '') path = !path.endsWith('/v2') && !override ? `${path}/v2` : path;
  else if (!override) path = '/v2';
  return { scheme, host: url.host, path, capabilities };
}

/** A registry's hosts.toml as containerd reads it; null when containerd would not use it. */
export function parseHostsToml(registry: string, text: string): RegistryEndpoint[] | null {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text);
  } catch {
    return null;
  }
  const out: RegistryEndpoint[] = [];
  const hosts = doc['host'];
  if (hosts !== undefined && (hosts === null || typeof hosts !== 'object' || Array.isArray(hosts))) return null;
  for (const [server, config] of Object.entries((hosts ?? {}) as Record<string, unknown>)) {
    const entry = hostEntry(server, (config ?? {}) as Record<string, unknown>, registry);
    if (!entry) return null;
    out.push(entry);
  }
  const root = hostEntry(typeof doc['server'] === 'string' ? doc['server'] : '', doc, registry);
  if (!root) return null;
  out.push(root);
  return out;
}

/** The CRI plugin's `registry.config_path` set by the kind config's containerdConfigPatches (the last one that sets it wins). */
export function configPathFromPatches(patches: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const patch of patches) {
    let doc: Record<string, unknown>;
    try {
      doc = parseToml(patch);
    } catch {
      continue;
    }
    const plugins = (doc['plugins'] ?? {}) as Record<string, Record<string, Record<string, unknown> | undefined> | undefined>;
    // Version 2 key (kind's node images), and containerd 2.x's own (version 3).
    for (const plugin of ['io.containerd.grpc.v1.cri', 'io.containerd.cri.v1.images']) {
      const value = plugins[plugin]?.['registry']?.['config_path'];
      if (typeof value === 'string') found = value;
    }
  }
  return found;
}

// ---- CRI-O --------------------------------------------------------------------------------------

/** A registries.conf (drop-in) as containers/image reads it: per prefix, the mirrors then the location. */
export function parseRegistriesConf(text: string): Map<string, RegistryEndpoint[]> | null {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text);
  } catch {
    return null;
  }
  const out = new Map<string, RegistryEndpoint[]>();
  const registries = doc['registry'];
  if (!Array.isArray(registries)) return out;
  const endpoint = (location: string, insecure: boolean): RegistryEndpoint => {
    const slash = location.indexOf('/');
    const host = slash < 0 ? location : location.slice(0, slash);
    // docker_client.go: https first; http only for an insecure registry.
    return { scheme: insecure ? 'http' : 'https', host: host === DOCKER_HUB ? DOCKER_HUB_API : host, path: slash < 0 ? '' : location.slice(slash + 1), capabilities: ALL_CAPABILITIES };
  };
  for (const r of registries as Record<string, unknown>[]) {
    const prefix = typeof r['prefix'] === 'string' ? r['prefix'] : typeof r['location'] === 'string' ? r['location'] : '';
    if (prefix === '') continue;
    const location = typeof r['location'] === 'string' ? r['location'] : prefix;
    const mirrors = Array.isArray(r['mirror']) ? (r['mirror'] as Record<string, unknown>[]) : [];
    out.set(normaliseRegistry(prefix), [
      ...mirrors.filter((m) => typeof m['location'] === 'string').map((m) => endpoint(m['location'] as string, m['insecure'] === true)),
      endpoint(location, r['insecure'] === true),
    ]);
  }
  return out;
}

// ---- reading them from the kind config's mounts --------------------------------------------------

export interface NodeMount {
  readonly hostPath: string;
  readonly containerPath: string;
}

const CRIO_DROP_IN_DIR = '/etc/containers/registries.conf.d/';
/** containerd 2.2's default config_path (internal/cri/config/config_unix.go DefaultImageConfig). */
const CONTAINERD_DEFAULT_CONFIG_PATH = '/etc/containerd/certs.d';

function atLeast22(runtime: string): boolean {
  const m = /^containerd:\/\/v?(\d+)\.(\d+)/.exec(runtime);
  return m !== null && (Number(m[1]) > 2 || (Number(m[1]) === 2 && Number(m[2]) >= 2));
}

/**
 * What one node's runtime reads: its mounted registry files, under the config_path the patches set
 * (containerd) or the drop-in directory (CRI-O). `read` gives a mounted file's content (null: none).
 */
export async function nodeRegistries(runtime: string, mounts: readonly NodeMount[], patches: readonly string[], read: (hostPath: string) => Promise<string | null>): Promise<NodeRegistries> {
  const routes = new Map<string, readonly RegistryEndpoint[]>();
  if (runtime.startsWith('cri-o')) {
    for (const m of mounts) {
      if (!m.containerPath.startsWith(CRIO_DROP_IN_DIR) || !m.containerPath.endsWith('.conf')) continue;
      const text = await read(m.hostPath);
      const conf = text === null ? null : parseRegistriesConf(text);
      for (const [registry, endpoints] of conf ?? []) routes.set(registry, endpoints);
    }
    return { runtime: 'cri-o', routes };
  }
  const configPath = (configPathFromPatches(patches) ?? (atLeast22(runtime) ? CONTAINERD_DEFAULT_CONFIG_PATH : '')).replace(/\/+$/, '');
  if (configPath !== '') {
    for (const m of mounts) {
      const rest = m.containerPath.startsWith(`${configPath}/`) ? m.containerPath.slice(configPath.length + 1) : '';
      const dir = /^([^/]+)\/hosts\.toml$/.exec(rest)?.[1];
      if (dir === undefined || dir === '_default') continue;
      const text = await read(m.hostPath);
      const endpoints = text === null ? null : parseHostsToml(registryOfHostDir(dir), text);
      if (endpoints) routes.set(registryOfHostDir(dir), endpoints);
    }
  }
  return { runtime: 'containerd', routes };
}

// ---- a pull through them -------------------------------------------------------------------------

export type PullOutcome = { readonly ok: true; readonly via: RegistryEndpoint } | { readonly ok: false; readonly error: string };

/** registry.go isProxy: a host other than the registry's own (Docker Hub's API host is its own). */
function isProxy(endpoint: RegistryEndpoint, registry: string): boolean {
  return endpoint.host !== registry && !(registry === DOCKER_HUB && endpoint.host === DOCKER_HUB_API);
}

function fullName(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ref.digest === undefined ? ':latest' : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

/** The node's runtime resolving and pulling a reference through the hosts it was given for its registry. */
export function pullInNode(reference: string, registries: NodeRegistries | undefined, faults: ReadonlySet<SimFault>): PullOutcome {
  const ref = parseImageRef(reference);
  if (!ref) return { ok: true, via: upstreamEndpoint(DOCKER_HUB) };
  const configured = registries?.routes.get(ref.registry);
  const full = fullName(ref);
  if (registries?.runtime === 'cri-o') {
    const endpoints = configured ?? [upstreamEndpoint(ref.registry)];
    const attempts: string[] = [];
    for (const e of endpoints) {
      const error = dialError(e, faults, true);
      if (error === null) return { ok: true, via: e };
      attempts.push(`pinging container registry ${e.host}: Get "${e.scheme}://${e.host}/v2/": ${error}`);
    }
    const primary = attempts.at(-1) ?? '';
    const mirrorRefs = endpoints.slice(0, -1).map((e, i) => `[${e.host}/${e.path ? `${e.path}/` : ''}${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}: ${attempts[i] ?? ''}]`);
    const body = mirrorRefs.length > 0 ? `(Mirrors also failed: ${mirrorRefs.join('\n')}): ${full}: ${primary}` : primary;
    return { ok: false, error: `initializing source docker://${full}: ${body}` };
  }
  // containerd: a tag is resolved by the hosts that may resolve; a digest by those that may pull.
  const needed: HostCapability = ref.digest !== undefined ? 'pull' : 'resolve';
  const endpoints = (configured ?? [upstreamEndpoint(ref.registry)]).filter((e) => e.capabilities.has(needed));
  if (endpoints.length === 0) return { ok: false, error: `failed to pull and unpack image "${full}": failed to resolve reference "${full}": no resolve hosts: not found` };
  let first: string | null = null;
  for (const e of endpoints) {
    const error = dialError(e, faults, true);
    if (error === null) return { ok: true, via: e };
    const url = `${e.scheme}://${e.host}${e.path}/${ref.repository}/manifests/${ref.digest ?? ref.tag ?? 'latest'}${isProxy(e, ref.registry) ? `?ns=${ref.registry}` : ''}`;
    first ??= `failed to do request: Head "${url}": ${error}`;
  }
  return { ok: false, error: `failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${first ?? ''}` };
}

/** docker pull on this machine (kind's node image): the daemon's error, or null when it pulls. */
export function dockerPullError(image: string, faults: ReadonlySet<SimFault>): string | null {
  const ref = parseImageRef(image);
  if (!ref) return null;
  const host = registryApiHost(ref.registry);
  // dockerd speaks plain HTTP to a loopback registry (127.0.0.0/8 is an insecure registry by default).
  const endpoint = { scheme: isLoopbackHost(host) ? 'http' : 'https', host };
  const error = dialError(endpoint, faults, false);
  return error === null ? null : `Error response from daemon: Get "${endpoint.scheme}://${host}/v2/": ${error}`;
}
