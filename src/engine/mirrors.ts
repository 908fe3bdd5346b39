// Registry mirrors: `--mirror REGISTRY=HOST[/PREFIX]` (repeatable). The node image is pulled
// through the mirror (the reference kind gets is rewritten), and the node's runtime is told to
// use the mirror for that registry (runtime-mirrors.ts); the Pod's references stay as written.
// Pure.

import type { MessageRef } from '../i18n/types.js';
import { isRegistryHost, isRepositoryPath, normaliseRegistry, parseImageRef, type ImageRef } from './image-ref.js';

export interface Mirror {
  /** The registry it stands in for, normalised (docker.io for Docker Hub). */
  readonly registry: string;
  /** http for a loopback host unless written, else https unless written. */
  readonly scheme: 'http' | 'https';
  /** host[:port] */
  readonly host: string;
  /** A path the mirror keeps the registry's repositories under ('' for none), e.g. `quay` in mirror.example.com/quay. */
  readonly prefix: string;
}

export type MirrorParse = { readonly ok: true; readonly mirror: Mirror } | { readonly ok: false; readonly problem: MessageRef };

/** localhost, 127.0.0.0/8, ::1: docker and containerd speak plain HTTP to these without being told. */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** One `--mirror` value. */
export function parseMirror(value: string): MirrorParse {
  const eq = value.indexOf('=');
  if (eq < 0) return { ok: false, problem: { key: 'mirror.missingEquals', params: { value } } };
  const registryText = value.slice(0, eq).trim();
  let target = value.slice(eq + 1).trim();
  if (registryText === '' || registryText.includes('/') || !isRegistryHost(registryText) || !/[.:]|^localhost$/.test(registryText)) {
    return { ok: false, problem: { key: 'mirror.badRegistry', params: { value, registry: registryText } } };
  }
  let scheme: Mirror['scheme'] | undefined;
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(target);
  if (schemeMatch) {
    const name = (schemeMatch[1] ?? '').toLowerCase();
    if (name !== 'http' && name !== 'https') return { ok: false, problem: { key: 'mirror.unknownScheme', params: { value, scheme: name } } };
    scheme = name;
    target = target.slice(schemeMatch[0].length);
  }
  target = target.replace(/\/+$/, '');
  const slash = target.indexOf('/');
  const host = slash < 0 ? target : target.slice(0, slash);
  const prefix = slash < 0 ? '' : target.slice(slash + 1);
  if (host === '' || !isRegistryHost(host)) return { ok: false, problem: { key: 'mirror.badHost', params: { value, host } } };
  if (prefix !== '' && !isRepositoryPath(prefix)) return { ok: false, problem: { key: 'mirror.badPrefix', params: { value, prefix } } };
  return {
    ok: true,
    mirror: { registry: normaliseRegistry(registryText), scheme: scheme ?? (isLoopbackHost(host) ? 'http' : 'https'), host: host.toLowerCase(), prefix },
  };
}

/** Every `--mirror` value; the first problem found (a registry named twice is one). */
export function parseMirrors(values: readonly string[]): { readonly ok: true; readonly mirrors: readonly Mirror[] } | { readonly ok: false; readonly problem: MessageRef } {
  const mirrors: Mirror[] = [];
  for (const value of values) {
    const r = parseMirror(value);
    if (!r.ok) return r;
    if (mirrors.some((m) => m.registry === r.mirror.registry)) return { ok: false, problem: { key: 'mirror.duplicate', params: { registry: r.mirror.registry } } };
    mirrors.push(r.mirror);
  }
  return { ok: true, mirrors };
}

export function mirrorFor(registry: string, mirrors: readonly Mirror[] | undefined): Mirror | undefined {
  return mirrors?.find((m) => m.registry === registry);
}

/** The mirror as the learner wrote it, normalised: `http://127.0.0.1:5000`, `https://mirror.example.com/quay`. */
export function mirrorUrl(m: Mirror): string {
  return `${m.scheme}://${m.host}${m.prefix ? `/${m.prefix}` : ''}`;
}

/** `REGISTRY=URL`, as shown in notes and reports. */
export function describeMirror(m: Mirror): string {
  return `${m.registry}=${mirrorUrl(m)}`;
}

/** The name an engine pulls the image by through the mirror: HOST[/PREFIX]/REPOSITORY[:TAG][@DIGEST]. */
export function mirroredName(ref: ImageRef, m: Mirror): string {
  return `${m.host}/${m.prefix ? `${m.prefix}/` : ''}${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

/**
 * What the tour passes to `kind create cluster --image`: the image `prepare` left in the local
 * engine (by its local name: kind then pulls nothing), else the node image through its mirror,
 * else the plan's ('' lets kind use its own default). `pulled` is the node image kind would
 * pull ('' when the tour cannot name it).
 */
export function kindImageArgument(pulled: string, planImage: string, mirrors: readonly Mirror[] | undefined, local: Readonly<Record<string, string>> | undefined): string {
  if (pulled === '') return planImage;
  const localName = local?.[pulled];
  if (localName !== undefined) return localName;
  const ref = parseImageRef(pulled);
  const m = ref ? mirrorFor(ref.registry, mirrors) : undefined;
  return ref && m ? mirroredName(ref, m) : planImage;
}
