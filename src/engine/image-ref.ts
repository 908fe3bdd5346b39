// Image references as docker, containerd and the kubelet read them: `debian:bookworm-slim` is
// docker.io/library/debian:bookworm-slim, `kindest/node:v1.35.0@sha256:…` is on docker.io, a
// first component with a dot or a port (or `localhost`) names the registry. Pure.
// Grammar: github.com/distribution/reference (reference.go, normalize.go).

/** The registry host whose images need no registry in their name. */
export const DOCKER_HUB = 'docker.io';
/** Docker Hub's API host: `docker.io` itself serves no registry API (containerd and docker map it). */
export const DOCKER_HUB_API = 'registry-1.docker.io';

export interface ImageRef {
  /** The registry as written, normalised: `docker.io` for Docker Hub (also for index.docker.io). */
  readonly registry: string;
  /** The repository path, `library/` added for official Docker Hub images. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const DOMAIN_LABEL = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;

/** Docker Hub's other names, as docker normalises them. */
export function normaliseRegistry(registry: string): string {
  const r = registry.toLowerCase();
  return r === 'index.docker.io' || r === DOCKER_HUB_API ? DOCKER_HUB : r;
}

/** A registry host as reference.go's domain: labels with dots, or an IPv6 literal, and an optional port. */
export function isRegistryHost(text: string): boolean {
  const m = /^(\[[0-9A-Fa-f:.]+\]|[^:/[\]]+)(?::(\d{1,5}))?$/.exec(text);
  if (!m) return false;
  const host = m[1] ?? '';
  const port = m[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return false;
  if (host.startsWith('[')) return true;
  return host.split('.').every((label) => DOMAIN_LABEL.test(label));
}

/** The repository path (`a/b/c`) is made of valid components. */
export function isRepositoryPath(path: string): boolean {
  return path !== '' && path.split('/').every((c) => COMPONENT.test(c));
}

/** Parses a reference; null when docker would reject it. */
export function parseImageRef(text: string): ImageRef | null {
  let rest = text.trim();
  if (rest === '' || /\s/.test(rest)) return null;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return null;
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return null;
  }
  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    if (!isRegistryHost(first)) return null;
    registry = normaliseRegistry(first);
    parts.shift();
  }
  let repository = parts.join('/');
  if (registry === DOCKER_HUB && parts.length === 1) repository = `library/${repository}`;
  if (!isRepositoryPath(repository)) return null;
  return { registry, repository, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** The reference in full (registry included): what containerd's image store calls it. */
export function formatImageRef(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

/** The tag or digest to ask a registry for: the digest when there is one (what is pulled), else the tag (latest when none). */
export function manifestReference(ref: ImageRef): string {
  return ref.digest ?? ref.tag ?? 'latest';
}

/** The same reference without its digest, tag kept (or latest): a name a local engine can tag. */
export function taggedName(ref: ImageRef): string {
  return formatImageRef({ registry: ref.registry, repository: ref.repository, tag: ref.tag ?? 'latest' });
}

/** The host that serves the registry API for a registry name (Docker Hub's differs from its name). */
export function registryApiHost(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_API : registry;
}
