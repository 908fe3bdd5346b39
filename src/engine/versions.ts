// Tolerant version parsing for the strings tools and nodes report:
// "v0.31.0", "kind v0.29.0 go1.24.2 linux/amd64", "containerd://2.1.4-k3s1",
// "cri-o://1.31.9-2.rhaos4.18.git1234", "v1.33.1".

export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** The first x.y[.z] in the text, with or without a leading v; null if none. */
export function parseVersion(text: string): Version | null {
  const m = /v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0) };
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function atLeast(v: Version, major: number, minor: number, patch = 0): boolean {
  return compareVersions(v, { major, minor, patch }) >= 0;
}

export type RuntimeName = 'containerd' | 'cri-o' | 'docker' | 'other';

export interface RuntimeSupport {
  readonly runtime: RuntimeName;
  readonly raw: string;
  readonly version: Version | null;
  /** Whether the runtime can mount image volumes at all. */
  readonly imageVolumes: 'yes' | 'no' | 'unknown';
  /** Whether it honours subPath on an image volume (containerd 2.1 silently ignores it). */
  readonly subPath: 'yes' | 'no' | 'ignored' | 'unknown';
}

/** Reads nodeInfo.containerRuntimeVersion ("<runtime>://<version>"), tolerating vendor suffixes. */
export function runtimeSupport(containerRuntimeVersion: string): RuntimeSupport {
  const raw = containerRuntimeVersion.trim();
  const [scheme = '', rest = ''] = raw.includes('://') ? raw.split('://', 2) : ['', raw];
  const version = parseVersion(rest);
  const name: RuntimeName =
    scheme === 'containerd' ? 'containerd' : scheme === 'cri-o' || scheme === 'crio' ? 'cri-o' : scheme === 'docker' ? 'docker' : 'other';
  if (!version) return { runtime: name, raw, version, imageVolumes: name === 'docker' ? 'no' : 'unknown', subPath: 'unknown' };
  switch (name) {
    case 'containerd':
      if (!atLeast(version, 2, 1)) return { runtime: name, raw, version, imageVolumes: 'no', subPath: 'no' };
      return { runtime: name, raw, version, imageVolumes: 'yes', subPath: atLeast(version, 2, 2) ? 'yes' : 'ignored' };
    case 'cri-o':
      if (!atLeast(version, 1, 31)) return { runtime: name, raw, version, imageVolumes: 'no', subPath: 'no' };
      return { runtime: name, raw, version, imageVolumes: 'yes', subPath: atLeast(version, 1, 33) ? 'yes' : 'no' };
    case 'docker':
      return { runtime: name, raw, version, imageVolumes: 'no', subPath: 'no' };
    default:
      return { runtime: name, raw, version, imageVolumes: 'unknown', subPath: 'unknown' };
  }
}
