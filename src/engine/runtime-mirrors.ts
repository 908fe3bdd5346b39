// What the tour writes for registry mirrors and prepared images, computed from a tutorial's
// assets: the final kind config (the asset plus what tells the node's runtime to use the
// mirrors), the runtime's registry files it mounts into the node, and the Pod manifest that
// pulls nothing when the images were loaded into the node. Pure: the same inputs always give
// the same files, and what is shown is exactly what is written.
//
// containerd (kind's own node images): registry host configuration, one hosts.toml per
// registry in a directory named after it, under the CRI image service's `config_path`
// (https://github.com/containerd/containerd/blob/main/docs/hosts.md). containerd looks up
// `<config_path>/<host>_<port>_/` before `<host>:<port>/` (core/remotes/docker/config/
// config_unix.go hostPaths, hosts.go hostDirectory), so no mount path needs a colon, which
// docker's `--volume=SRC:DST` (kind's generateMountBindings) could not take.
// containerd 2.2 reads /etc/containerd/certs.d by default when no registry option is set
// (internal/cri/config/config_unix.go DefaultImageConfig, plugins/cri/images/plugin.go); 2.0
// and 2.1 (kind v0.27-v0.30 node images) set no default. kind's node images keep a version 2
// config (kind images/base/files/etc/containerd/config.toml), so the patch below uses the v2
// key, which containerd 2.x migrates to its images plugin; it is the patch kind's own docs give
// (site/content/docs/user/private-registries.md, site/static/examples/kind-with-registry.sh).
//
// CRI-O (the crio profile): a registries.conf drop-in with [[registry]] and [[registry.mirror]]
// tables (containers-registries.conf(5), containers-registries.conf.d(5)), read when CRI-O
// starts, so it is mounted before the node boots.

import { isMap, isScalar, isSeq, parseDocument, Scalar, type Document, type YAMLMap } from 'yaml';
import type { MessageRef } from '../i18n/types.js';
import { DOCKER_HUB, parseImageRef, registryApiHost } from './image-ref.js';
import type { Profile } from './model.js';
import { describeMirror, mirrorUrl, type Mirror } from './mirrors.js';

/** Where containerd reads registry host configuration in the node (the patch below sets it). */
export const CONTAINERD_CERTS_DIR = '/etc/containerd/certs.d';
/** Where CRI-O reads registries.conf drop-ins in the node. */
export const CRIO_REGISTRIES_DIR = '/etc/containers/registries.conf.d';
const CRIO_DROP_IN = 'ivol-tour-mirrors.conf';

/** A file the tour writes besides the asset (a hosts.toml), and shows with it. */
export interface ExtraFile {
  readonly name: string;
  readonly path: string;
  readonly content: string;
}

/** What becomes of one asset in this session: its final text, the files it needs, and one sentence about the change. */
export interface AssetRewrite {
  readonly content: string;
  readonly extraFiles?: readonly ExtraFile[];
  readonly note?: MessageRef;
}

/** containerd's directory name for a registry host: `host_port_` when it has a port. */
export function containerdHostDir(registry: string): string {
  const i = registry.lastIndexOf(':');
  return i > 0 && !registry.endsWith(']') ? `${registry.slice(0, i)}_${registry.slice(i + 1)}_` : registry;
}

function tomlString(s: string): string {
  return JSON.stringify(s);
}

/**
 * The hosts.toml for one registry: the mirror first (trusted to pull and to resolve tags: a
 * room's own mirror or pull-through cache), the registry itself as the fallback (`server`).
 * A mirror with a prefix keeps the registry's repositories under it, as docker names them
 * (HOST/PREFIX/REPO), so its API root is /v2/PREFIX (`override_path`).
 */
export function containerdHostsToml(m: Mirror): string {
  const host = m.prefix ? `${m.scheme}://${m.host}/v2/${m.prefix}` : `${m.scheme}://${m.host}`;
  const lines = [
    `# containerd registry host configuration for ${m.registry}, written by ivol-tour`,
    `# (--mirror ${describeMirror(m)}). Format: https://github.com/containerd/containerd/blob/main/docs/hosts.md`,
    `# Images of ${m.registry} are pulled from the mirror first, then from the registry itself.`,
    `server = ${tomlString(`https://${registryApiHost(m.registry)}`)}`,
    '',
    `[host.${tomlString(host)}]`,
    '  # pull, and resolve tags to digests: a mirror this room trusts (a public mirror that is',
    '  # not trusted would get ["pull"] only, and tags would still be resolved upstream).',
    '  capabilities = ["pull", "resolve"]',
  ];
  if (m.prefix) lines.push('  # The repositories are under /v2/' + m.prefix + ' on this host, not under /v2.', '  override_path = true');
  return lines.join('\n') + '\n';
}

/** The CRI-O registries.conf drop-in for every mirror. */
export function crioMirrorsConf(mirrors: readonly Mirror[]): string {
  const lines = [
    '# CRI-O registries configuration drop-in, written by ivol-tour (--mirror). Format:',
    '# containers-registries.conf(5); read from /etc/containers/registries.conf.d/ when CRI-O starts.',
    '# Images of each registry are pulled from its mirror first, then from the registry itself.',
  ];
  for (const m of mirrors) {
    lines.push(
      '',
      '[[registry]]',
      `prefix = ${tomlString(m.registry)}`,
      `location = ${tomlString(m.registry === DOCKER_HUB ? DOCKER_HUB : m.registry)}`,
      '',
      '[[registry.mirror]]',
      `location = ${tomlString(m.prefix ? `${m.host}/${m.prefix}` : m.host)}`,
    );
    if (m.scheme === 'http') lines.push('# Plain HTTP (insecure also allows an unverified certificate).', 'insecure = true');
  }
  return lines.join('\n') + '\n';
}

/** Whether an asset is a kind cluster config (kind: Cluster, apiVersion kind.x-k8s.io/…). */
export function isKindClusterConfig(text: string): boolean {
  return /^kind:\s*Cluster\s*(#.*)?$/m.test(text) && /^apiVersion:\s*kind\.x-k8s\.io\//m.test(text);
}

/** Whether an asset is a Pod manifest. */
export function isPodManifest(text: string): boolean {
  return /^kind:\s*Pod\s*(#.*)?$/m.test(text) && /^apiVersion:\s*v1\s*(#.*)?$/m.test(text);
}

interface Mount {
  readonly hostPath: string;
  readonly containerPath: string;
}

function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** The runtime files for the mirrors, in the work directory, and where each goes in the node. */
export function mirrorFiles(profile: Profile, mirrors: readonly Mirror[], workDir: string): { files: ExtraFile[]; mounts: Mount[] } {
  if (profile === 'crio') {
    const path = joinPath(workDir, `registries.conf.d/${CRIO_DROP_IN}`);
    return { files: [{ name: 'crio-mirrors', path, content: crioMirrorsConf(mirrors) }], mounts: [{ hostPath: path, containerPath: `${CRIO_REGISTRIES_DIR}/${CRIO_DROP_IN}` }] };
  }
  const files: ExtraFile[] = [];
  const mounts: Mount[] = [];
  for (const m of mirrors) {
    const dir = containerdHostDir(m.registry);
    const path = joinPath(workDir, `certs.d/${dir}/hosts.toml`);
    files.push({ name: `hosts-${dir}`, path, content: containerdHostsToml(m) });
    mounts.push({ hostPath: path, containerPath: `${CONTAINERD_CERTS_DIR}/${dir}/hosts.toml` });
  }
  return { files, mounts };
}

const CONFIG_PATH_PATCH = `[plugins."io.containerd.grpc.v1.cri".registry]\n  config_path = "${CONTAINERD_CERTS_DIR}"`;

function blockString(doc: Document, text: string): Scalar {
  const s = doc.createNode(text) as Scalar;
  s.type = Scalar.BLOCK_LITERAL;
  return s;
}

/** Appends items to the sequence under `key` of a map (made when absent); a comment goes before a new key. */
function appendTo(doc: Document, map: YAMLMap<unknown, unknown>, key: string, items: unknown[], comment: string): void {
  const existing = map.get(key, true);
  if (isSeq(existing)) {
    for (const item of items) existing.items.push(doc.createNode(item));
    return;
  }
  const pair = doc.createPair(key, items);
  (pair.key as Scalar).commentBefore = comment;
  map.items.push(pair);
}

/**
 * The kind config with the mirrors: every node mounts the runtime's registry files, and for
 * containerd the CRI image service is pointed at /etc/containerd/certs.d. Null when the text is
 * not a kind config it can read (then it is written unchanged).
 */
export function kindConfigWithMirrors(text: string, profile: Profile, mounts: readonly Mount[]): string | null {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return null;
  const root = doc.contents as YAMLMap<unknown, unknown>;
  let nodes = root.get('nodes', true);
  if (nodes === undefined || (isScalar(nodes) && nodes.value === null)) {
    // kind's default cluster: one control-plane node. Said explicitly, so it can mount the files.
    root.set('nodes', doc.createNode([{ role: 'control-plane' }]));
    nodes = root.get('nodes', true);
  }
  if (!isSeq(nodes)) return null;
  const runtime = profile === 'crio' ? 'CRI-O' : 'containerd';
  const where = profile === 'crio' ? `${CRIO_REGISTRIES_DIR}/` : `${CONTAINERD_CERTS_DIR}/<registry>/hosts.toml`;
  for (const node of nodes.items) {
    if (!isMap(node)) return null;
    appendTo(
      doc,
      node,
      'extraMounts',
      mounts.map((m) => ({ hostPath: m.hostPath, containerPath: m.containerPath, readOnly: true })),
      ` Added for --mirror: ${runtime} in this node reads its registry mirrors from\n ${where} (kind v1alpha4 nodes[].extraMounts).`,
    );
  }
  if (profile === 'containerd') {
    appendTo(
      doc,
      root,
      'containerdConfigPatches',
      [blockString(doc, CONFIG_PATH_PATCH)],
      ' Added for --mirror: containerd reads registry host configuration (hosts.toml) from\n' +
        ` config_path, ${CONTAINERD_CERTS_DIR}. containerd 2.2+ does by default; 2.0/2.1 need this line.`,
    );
  }
  return doc.toString({ flowCollectionPadding: false, lineWidth: 0 });
}

/**
 * The Pod with `IfNotPresent` for every image that was loaded into the node (the container's
 * imagePullPolicy, the image volume's pullPolicy), so the kubelet pulls none of them. Null when
 * nothing changes.
 */
export function podPullingNothing(text: string, loaded: readonly string[]): string | null {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return null;
  const same = (ref: unknown): boolean => {
    if (typeof ref !== 'string') return false;
    const a = parseImageRef(ref);
    return a !== null && loaded.some((l) => {
      const b = parseImageRef(l);
      return b !== null && b.registry === a.registry && b.repository === a.repository && b.tag === a.tag && b.digest === a.digest;
    });
  };
  let changed = false;
  const set = (map: YAMLMap, key: string, after: string): void => {
    if (map.get(key) === 'IfNotPresent') return;
    const value = doc.createNode('IfNotPresent');
    const existing = map.items.findIndex((p) => isScalar(p.key) && p.key.value === key);
    if (existing >= 0) {
      const pair = map.items[existing];
      if (pair) pair.value = value;
    } else {
      const pair = doc.createPair(key, 'IfNotPresent');
      (pair.key as Scalar).commentBefore = ' Loaded into the node by `ivol-tour prepare`: nothing to pull.';
      const at = map.items.findIndex((p) => isScalar(p.key) && p.key.value === after);
      map.items.splice(at >= 0 ? at + 1 : map.items.length, 0, pair);
    }
    changed = true;
  };
  const spec = doc.contents.get('spec', true);
  if (!isMap(spec)) return null;
  for (const listKey of ['initContainers', 'containers']) {
    const list = spec.get(listKey, true);
    if (!isSeq(list)) continue;
    for (const c of list.items) if (isMap(c) && same(c.get('image'))) set(c, 'imagePullPolicy', 'image');
  }
  const volumes = spec.get('volumes', true);
  if (isSeq(volumes)) {
    for (const v of volumes.items) {
      const image = isMap(v) ? v.get('image', true) : undefined;
      if (isMap(image) && same(image.get('reference'))) set(image, 'pullPolicy', 'reference');
    }
  }
  return changed ? doc.toString({ flowCollectionPadding: false, lineWidth: 0 }) : null;
}

export interface RewriteInput {
  readonly profile: Profile;
  readonly workDir: string;
  readonly mirrors: readonly Mirror[];
  /** References loaded into the node after it is created (prepare). */
  readonly loaded: readonly string[];
}

/** What each asset becomes in this session, by asset path (only those that change). */
export function assetRewrites(assets: readonly { readonly asset: string; readonly content: string }[], input: RewriteInput): Record<string, AssetRewrite> {
  const out: Record<string, AssetRewrite> = {};
  const mirrors = input.mirrors;
  for (const { asset, content } of assets) {
    if (out[asset]) continue;
    if (mirrors.length > 0 && isKindClusterConfig(content)) {
      const { files, mounts } = mirrorFiles(input.profile, mirrors, input.workDir);
      const text = kindConfigWithMirrors(content, input.profile, mounts);
      if (text !== null) {
        out[asset] = {
          content: text,
          extraFiles: files,
          note: {
            key: input.profile === 'crio' ? 'mirror.note.crio' : 'mirror.note.containerd',
            params: { mirrors: mirrors.map(describeMirror).join(', '), hosts: mirrors.map(mirrorUrl).join(', ') },
          },
        };
      }
    } else if (input.loaded.length > 0 && isPodManifest(content)) {
      const text = podPullingNothing(content, input.loaded);
      if (text !== null) out[asset] = { content: text, note: { key: 'prepare.note.pod' } };
    }
  }
  return out;
}
