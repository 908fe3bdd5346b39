// What a `docker pull` or `podman pull` says about its progress, read line by line: which
// layers it knows, which are done, and byte counts when the engine prints them (docker does
// only on a terminal; piped, it prints each layer's state changes). Only what the output says
// is counted: no guessed sizes. Pure.

export type LayerStatus = 'waiting' | 'downloading' | 'downloaded' | 'extracting' | 'done';

export interface LayerProgress {
  readonly status: LayerStatus;
  readonly current?: number;
  readonly total?: number;
}

export interface PullProgress {
  readonly layers: ReadonlyMap<string, LayerProgress>;
  /** The digest the engine reported (docker: `Digest: sha256:…`). */
  readonly digest?: string;
}

export const EMPTY_PULL: PullProgress = { layers: new Map() };

const UNITS: Readonly<Record<string, number>> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/** `28.2MB`, `512B`, `1.1GB` (docker's decimal units) in bytes. */
export function parseSize(text: string): number | undefined {
  const m = /^([\d.]+)\s*([kKMGT]?B)$/.exec(text.trim());
  if (!m) return undefined;
  const unit = UNITS[m[2] ?? ''];
  const n = Number(m[1]);
  return unit === undefined || !Number.isFinite(n) ? undefined : Math.round(n * unit);
}

const DOCKER_STATUS: Readonly<Record<string, LayerStatus>> = {
  'Pulling fs layer': 'waiting',
  Waiting: 'waiting',
  Downloading: 'downloading',
  'Verifying Checksum': 'downloading',
  'Download complete': 'downloaded',
  Extracting: 'extracting',
  'Pull complete': 'done',
  'Already exists': 'done',
};

/** The progress after one more line of the pull's output. */
export function applyPullLine(p: PullProgress, line: string): PullProgress {
  const text = line.trim();
  const digest = /^Digest: (sha256:[0-9a-f]{64})/.exec(text);
  if (digest) return { ...p, digest: digest[1] ?? '' };
  // docker: "<12 hex>: <status>[ [==>   ]  3.2MB/28.2MB]"
  const d = /^([0-9a-f]{12}): ([A-Za-z][A-Za-z ]*?)(?:\s+\[[=> ]*\])?(?:\s+([\d.]+\s*[kKMGT]?B)\/([\d.]+\s*[kKMGT]?B))?$/.exec(text);
  if (d) {
    const status = DOCKER_STATUS[d[2] ?? ''];
    if (!status) return p;
    const id = d[1] ?? '';
    const before = p.layers.get(id);
    const current = d[3] !== undefined ? parseSize(d[3]) : undefined;
    const total = d[4] !== undefined ? parseSize(d[4]) : before?.total;
    const layer: LayerProgress = {
      status,
      ...(status === 'done' || status === 'downloaded' || status === 'extracting' ? (total !== undefined ? { current: total } : {}) : current !== undefined ? { current } : {}),
      ...(total !== undefined ? { total } : {}),
    };
    const layers = new Map(p.layers);
    layers.set(id, layer);
    return { ...p, layers };
  }
  // podman: "Copying blob sha256:abc… [ done | skipped: already exists ]"; the config is not a layer.
  const b = /^Copying blob (?:sha256:)?([0-9a-f]{12})[0-9a-f]*(.*)$/.exec(text);
  if (b) {
    const rest = b[2] ?? '';
    const layers = new Map(p.layers);
    layers.set(b[1] ?? '', { status: /done|skipped|already exists/i.test(rest) ? 'done' : 'downloading' });
    return { ...p, layers };
  }
  return p;
}

export interface PullSummary {
  readonly layers: number;
  readonly done: number;
  /** Bytes downloaded and to download, when every known layer said its size. */
  readonly bytes?: number;
  readonly totalBytes?: number;
}

export function pullSummary(p: PullProgress): PullSummary {
  const layers = [...p.layers.values()];
  const done = layers.filter((l) => l.status === 'done').length;
  const sized = layers.length > 0 && layers.every((l) => l.total !== undefined);
  if (!sized) return { layers: layers.length, done };
  return {
    layers: layers.length,
    done,
    bytes: layers.reduce((n, l) => n + (l.current ?? 0), 0),
    totalBytes: layers.reduce((n, l) => n + (l.total ?? 0), 0),
  };
}

/** A size as engines print it (decimal units): 512 B, 1.4 kB, 74.8 MB, 1.2 GB. */
export function formatBytes(n: number): string {
  if (n < 1e3) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

/** A bar of `width` cells for a fraction in [0, 1]: [=====>    ]. */
export function progressBar(fraction: number, width = 20): string {
  const f = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.floor(f * width);
  if (full >= width) return `[${'='.repeat(width)}]`;
  return `[${'='.repeat(full)}>${' '.repeat(width - full - 1)}]`;
}

/** The engine refused the reference because it is not a runnable image (an OCI artifact): its error says so. */
export function isArtifactRefusal(output: string): boolean {
  return /Encountered remote "[^"]*"\([^)]*\) when fetching|unsupported media ?type|mediaType in manifest|image operating system "[^"]*" cannot be used|no matching manifest for|not a container image|is an artifact|unsupported image-specific operation/i.test(output);
}
