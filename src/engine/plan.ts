// What will work on this machine: from the versions doctor found to a profile, a node image,
// the feature gate and the artifact tag. Pure; facts from docs/image-volumes.md §3 and §7.

import type { MessageKeyWithPrefix, MessageRef } from '../i18n/types.js';
import type { Mode, Profile } from './model.js';
import { atLeast, parseVersion } from './versions.js';

export type ToolName = 'docker' | 'podman' | 'kind' | 'kubectl';

export interface ToolReport {
  readonly name: ToolName;
  readonly found: boolean;
  /** The version the tool printed, as printed (e.g. "v0.31.0"). */
  readonly version?: string;
  readonly path?: string;
  /** Container engines: whether the daemon / service answers, not just the client. */
  readonly daemonReachable?: boolean;
  /** Its probe (`kind version`, `docker info`…) did not answer within the probe's limit. */
  readonly timedOut?: boolean;
}

export interface Plan {
  readonly profile: Profile;
  /** Whether the kind config must switch on ImageVolume (kind v0.28-v0.30 node images). */
  readonly featureGate: boolean;
  /** '' means kind's own default node image for that kind release (already pinned by digest). */
  readonly nodeImage: string;
  readonly artifact: string;
  /** Whether subPath on an image volume will be honoured. */
  readonly subPath: 'yes' | 'ignored' | 'no';
  /** Why the plan is what it is, and warnings. */
  readonly notes: readonly MessageRef<MessageKeyWithPrefix<'plan.'>>[];
}

export interface Problem {
  readonly tool: ToolName | 'engine';
  readonly message: MessageRef;
  /** How to fix it, per platform. */
  readonly fix: MessageRef;
}

export interface DoctorReport {
  readonly mode: Mode;
  readonly tools: readonly ToolReport[];
  /** The container engine kind will use, if any is usable. */
  readonly engine: 'docker' | 'podman' | null;
  /** Everything the mode needs is present and working. */
  readonly ready: boolean;
  readonly plan: Plan;
  readonly problems: readonly Problem[];
}

/**
 * kind's default node image per release (pkg/apis/config/defaults/image.go at each tag): what
 * kind pulls when the tour passes no --image, pinned by digest. Keyed by minor release.
 */
export const KIND_DEFAULT_NODE_IMAGES: Readonly<Record<string, string>> = {
  'v0.27': 'kindest/node:v1.32.2@sha256:f226345927d7e348497136874b6d207e0b32cc52154ad8323129352923a3142f',
  'v0.28': 'kindest/node:v1.33.1@sha256:8d866994839cd096b3590681c55a6fa4a071fdaf33be7b9660e5697d2ed13002',
  'v0.29': 'kindest/node:v1.33.1@sha256:050072256b9a903bd914c0b2866828150cb229cea0efe5892e2b644d5dd3b34f',
  'v0.30': 'kindest/node:v1.34.0@sha256:7416a61b42b1662ca6ca89f02028ac133a309a2a30ba309614e8ec94d976dc5a',
  'v0.31': 'kindest/node:v1.35.0@sha256:452d707d4862f52530247495d180205e029056831160e22870e37e3f6c1ac31f',
  'v0.32': 'kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5',
};

/** kind's default node image for a `kind version` text, or '' when the release is not known here. */
export function kindDefaultNodeImage(kindVersionText: string | undefined): string {
  const kind = kindVersionText ? parseVersion(kindVersionText) : null;
  return kind ? (KIND_DEFAULT_NODE_IMAGES[`v${kind.major}.${kind.minor}`] ?? '') : '';
}

/** What the plan assumes when kind's version is unknown (kind missing): plan.kind.unknown. */
const ASSUMED_KIND = 'v0.31.0';

/**
 * The node image that will be pulled: the plan's, or kind's default for that release ('' when
 * the release is not known here). With no kind version at all, the release the plan assumes.
 */
export function pulledNodeImage(plan: Pick<Plan, 'nodeImage'>, kindVersionText: string | undefined): string {
  return plan.nodeImage || kindDefaultNodeImage(kindVersionText ?? ASSUMED_KIND);
}

export const ARTIFACT_CONTAINERD = 'quay.io/crio/artifact:v2';
export const ARTIFACT_CRIO = 'quay.io/crio/artifact:v1';
export const CRIO_NODE_IMAGE = 'ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1';

/**
 * The plan for a kind version (as `kind version` prints it, or undefined when unknown)
 * and the profile asked for (undefined: the default, containerd).
 */
export function planFor(kindVersionText: string | undefined, requested: Profile | undefined): Plan {
  const profile: Profile = requested ?? 'containerd';
  if (profile === 'crio') {
    return {
      profile,
      featureGate: true,
      nodeImage: CRIO_NODE_IMAGE,
      artifact: ARTIFACT_CRIO,
      subPath: 'no',
      notes: [{ key: 'plan.crio.experimental' }, { key: 'plan.crio.personalImage', params: { image: CRIO_NODE_IMAGE } }],
    };
  }
  const kind = kindVersionText ? parseVersion(kindVersionText) : null;
  if (!kind) {
    return { profile, featureGate: false, nodeImage: '', artifact: ARTIFACT_CONTAINERD, subPath: 'yes', notes: [{ key: 'plan.kind.unknown' }] };
  }
  const v = `v${kind.major}.${kind.minor}.${kind.patch}`;
  if (kind.major === 0 && !atLeast(kind, 0, 28)) {
    return {
      profile,
      featureGate: false,
      nodeImage: '',
      artifact: ARTIFACT_CONTAINERD,
      subPath: 'no',
      notes: [{ key: 'plan.kind.tooOld', params: { version: v } }],
    };
  }
  if (kind.major === 0 && !atLeast(kind, 0, 31)) {
    return {
      profile,
      featureGate: true,
      nodeImage: '',
      artifact: ARTIFACT_CONTAINERD,
      subPath: 'ignored',
      notes: [{ key: 'plan.kind.gate', params: { version: v } }, { key: 'plan.subPath.ignored' }],
    };
  }
  return { profile, featureGate: false, nodeImage: '', artifact: ARTIFACT_CONTAINERD, subPath: 'yes', notes: [{ key: 'plan.kind.current', params: { version: v } }] };
}

/** kind < v0.28 with containerd cannot run the tour at all. */
export function kindTooOld(kindVersionText: string | undefined): boolean {
  const kind = kindVersionText ? parseVersion(kindVersionText) : null;
  return kind !== null && kind.major === 0 && !atLeast(kind, 0, 28);
}
