import { describe, expect, it } from 'vitest';
import { applyPullLine, EMPTY_PULL, formatBytes, isArtifactRefusal, parseSize, progressBar, pullSummary, type PullProgress } from './pull-progress.js';

const feed = (lines: string[]): PullProgress => lines.reduce(applyPullLine, EMPTY_PULL);

describe('pull progress, from what the engine prints', () => {
  it('docker without a terminal: layer states, no byte counts (so none are shown)', () => {
    const p = feed([
      'bookworm-slim: Pulling from library/debian',
      '7d97e254a046: Pulling fs layer',
      '1a2b3c4d5e6f: Pulling fs layer',
      '7d97e254a046: Verifying Checksum',
      '7d97e254a046: Download complete',
      '7d97e254a046: Pull complete',
      'Digest: sha256:0d8498a0e9e6a60011df39aab78534cfe940785e7c59d19dfae1eb53ea59babe',
    ]);
    expect(pullSummary(p)).toEqual({ layers: 2, done: 1 });
    expect(p.digest).toBe('sha256:0d8498a0e9e6a60011df39aab78534cfe940785e7c59d19dfae1eb53ea59babe');
  });

  it('docker on a terminal: byte counts when every layer gives them', () => {
    const p = feed(['7d97e254a046: Downloading [=====>       ]  3.2MB/28.2MB', '1a2b3c4d5e6f: Already exists', '1a2b3c4d5e6f: Downloading  512B/1kB']);
    expect(pullSummary(p)).toEqual({ layers: 2, done: 0, bytes: 3_200_512, totalBytes: 28_201_000 });
    expect(pullSummary(applyPullLine(p, '7d97e254a046: Pull complete'))).toMatchObject({ done: 1, bytes: 28_200_512 });
  });

  it('podman: copied blobs', () => {
    const p = feed(['Trying to pull docker.io/library/debian:bookworm-slim...', 'Getting image source signatures', 'Copying blob sha256:7d97e254a0461234 done', 'Copying blob 1a2b3c4d5e6f7788', 'Copying config sha256:abc done']);
    expect(pullSummary(p)).toEqual({ layers: 2, done: 1 });
  });

  it('sizes and bars', () => {
    expect([parseSize('28.2MB'), parseSize('512B'), parseSize('1.5 GB'), parseSize('x')]).toEqual([28_200_000, 512, 1_500_000_000, undefined]);
    expect([formatBytes(512), formatBytes(1470), formatBytes(74_807_650), formatBytes(1_234_000_000)]).toEqual(['512 B', '1.5 kB', '74.8 MB', '1.23 GB']);
    expect(progressBar(0, 10)).toBe('[>         ]');
    expect(progressBar(0.5, 10)).toBe('[=====>    ]');
    expect(progressBar(1, 10)).toBe('[==========]');
    expect(progressBar(Number.NaN, 4)).toBe('[>   ]');
  });

  it('tells an engine that will not pull an OCI artifact from other failures', () => {
    expect(isArtifactRefusal('Error response from daemon: Encountered remote "application/vnd.oci.empty.v1+json"(unknown) when fetching')).toBe(true);
    expect(isArtifactRefusal('Error response from daemon: image operating system "" cannot be used on this platform')).toBe(true);
    expect(isArtifactRefusal('Error response from daemon: Get "https://quay.io/v2/": dial tcp: lookup quay.io: no such host')).toBe(false);
  });
});
