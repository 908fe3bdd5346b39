// What the simulated machine has: tool versions, node images and their runtimes, image sizes,
// the artifact's files. Facts from docs/image-volumes.md.
import type { Profile } from '../../../engine/model.js';
import { CRIO_NODE_IMAGE } from '../../../engine/plan.js';

/**
 * Injected faults (IVOL_TOUR_SIM_FAULTS). `not-ours`: the tour's cluster name is already taken by
 * a kind cluster the learner made by hand (no node mark, not in the tour's record), and the
 * tour's namespace already holds the learner's own Pod `image-volume`, without the tour's label.
 * `slow-coredns`: coredns's image pull takes SLOW_COREDNS_PULL_MS (a check waits visibly).
 * `artifact-missing`: the artifact's reference does not exist (NotFound); `artifact-layers`: the
 * artifact is read as an image whose layers and diffIDs do not match (what `:v1` does on containerd).
 * `offline`: no public registry answers (their names do not resolve), from this machine nor from the
 * nodes; a mirror on a host of the room (any host but the public registries) still does.
 * `mirror-down`: the room's mirror refuses connections (the public registries still answer).
 * Which host a pull tries, and in which order, is the node runtime's configuration: registry-hosts.ts.
 */
export type SimFault = 'artifact-pull-fails' | 'artifact-missing' | 'artifact-layers' | 'gate-off' | 'runtime-too-old' | 'no-engine' | 'slow-coredns' | 'not-ours' | 'offline' | 'mirror-down';
export const SIM_FAULTS: readonly SimFault[] = ['artifact-pull-fails', 'artifact-missing', 'artifact-layers', 'gate-off', 'runtime-too-old', 'no-engine', 'slow-coredns', 'not-ours', 'offline', 'mirror-down'];

/** slow-coredns: how long coredns's image pull takes (it stays ContainerCreating meanwhile). */
export const SLOW_COREDNS_PULL_MS = 45_000;

export const KUBECTL_VERSION = 'v1.35.0';
export const KUSTOMIZE_VERSION = 'v5.7.1';
export const DOCKER_VERSION = '29.1.0';
export const GO_VERSION = 'go1.25.5';

export interface SimProfile {
  readonly profile: Profile;
  readonly featureGate: boolean;
  readonly faults: ReadonlySet<SimFault>;
}

/** `kind version`'s version word. */
export function kindVersion(p: SimProfile): string {
  return p.profile === 'containerd' && p.featureGate ? 'v0.30.0' : 'v0.31.0';
}

/** kind's default node image (without digest) for this machine. */
export function defaultNodeImage(p: SimProfile): string {
  if (p.faults.has('runtime-too-old')) return 'kindest/node:v1.32.2';
  return p.profile === 'containerd' && p.featureGate ? 'kindest/node:v1.33.1' : 'kindest/node:v1.35.0';
}

export interface NodeImageFacts {
  readonly kubeletVersion: string;
  readonly runtime: string;
  readonly osImage: string;
  /** A CRI-O node: kube-system has no local-path-provisioner (the guide's table). */
  readonly crio: boolean;
}

const OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)';

/** The Kubernetes version and runtime a node image carries. */
export function nodeImageFacts(image: string, p: SimProfile): NodeImageFacts {
  const withoutDigest = image.split('@')[0] ?? image;
  if (p.faults.has('runtime-too-old')) {
    return { kubeletVersion: 'v1.32.2', runtime: 'containerd://2.0.2', osImage: OS_IMAGE, crio: false };
  }
  if (withoutDigest === CRIO_NODE_IMAGE || /crio/i.test(withoutDigest)) {
    return { kubeletVersion: 'v1.31.0-rc.1', runtime: 'cri-o://1.31.0', osImage: OS_IMAGE, crio: true };
  }
  const tag = /:v(\d+)\.(\d+)\.(\d+)/.exec(withoutDigest);
  const minor = tag ? Number(tag[2]) : 35;
  const version = tag ? `v${tag[1]}.${tag[2]}.${tag[3]}` : 'v1.35.0';
  // A node image carries the containerd of the kind release that built it.
  const runtime =
    version === 'v1.33.1' ? 'containerd://2.1.1' : minor === 34 ? 'containerd://2.1.3' : minor <= 32 ? 'containerd://2.0.2' : minor === 33 ? 'containerd://2.1.1' : 'containerd://2.2.0';
  return { kubeletVersion: version, runtime, osImage: OS_IMAGE, crio: false };
}

export const KERNEL_VERSION = '6.8.0-90-generic';

/** Compressed sizes as the kubelet reports them ("Image size: … bytes."). */
export function imageSize(reference: string): number {
  if (reference.startsWith('quay.io/crio/artifact')) return 1470;
  if (reference.startsWith('debian')) return 28230467;
  return 4194304 + (reference.length * 7919) % 1000000;
}

export function imageDigest(reference: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    for (const ch of `${reference}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/** The artifact's files: dir/file holds "1\n", file holds "2\n" (both tags). */
export const ARTIFACT_MTIME = Date.UTC(2024, 5, 18, 9, 2, 0);
export const ARTIFACT_UID = 1000;
export const ARTIFACT_GID = 100;

/** A reference to quay.io/crio/artifact (either tag). */
export function isArtifact(reference: string): boolean {
  return /^quay\.io\/crio\/artifact(:|@|$)/.test(reference);
}
