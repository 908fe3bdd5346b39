// What will work on this machine: from the versions doctor found to a profile, a node image,
// the feature gate and the artifact tag. Pure; facts from docs/image-volumes.md §3 and §7.

import type { Mode, Profile } from './model.js';
import { atLeast, parseVersion } from './versions.js';

/** A message in the catalogs (src/i18n), with its parameters. */
export interface MessageRef {
  readonly key: string;
  /** Values for the message's {placeholders}; a value may itself be a message (rendered in the same language). */
  readonly params?: Readonly<Record<string, string | number | MessageRef>>;
}

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
  readonly notes: readonly MessageRef[];
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
