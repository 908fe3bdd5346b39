import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findOnPath, onPath } from './find-on-path.js';

describe('findOnPath: an executable on PATH, without running it', () => {
  const root = mkdtempSync(join(tmpdir(), 'ivol-path-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const dir = (name: string, files: Record<string, number>): string => {
    const d = join(root, name);
    mkdirSync(d);
    for (const [file, mode] of Object.entries(files)) {
      writeFileSync(join(d, file), '#!/bin/sh\n');
      chmodSync(join(d, file), mode);
    }
    return d;
  };
  const bin = dir('bin', { kind: 0o755, notes: 0o644 });
  const win = dir('win', { 'kubectl.exe': 0o755, 'kind.cmd': 0o755 });

  it('finds an executable in the first directory that holds it, skipping empty entries', () => {
    expect(findOnPath('kind', { PATH: `::${join(root, 'none')}:${bin}:${win}` }, 'linux')).toBe(join(bin, 'kind'));
    expect(onPath('kind', { PATH: bin }, 'linux')).toBe(true);
  });

  it('a file that is not executable, or is not there, is not found', () => {
    expect(findOnPath('notes', { PATH: bin }, 'linux')).toBeUndefined();
    expect(findOnPath('kubectl', { PATH: bin }, 'linux')).toBeUndefined();
    expect(onPath('kubectl', {}, 'linux')).toBe(false);
  });

  it('on Windows, NAME.exe and NAME.cmd are found too, on a ;-separated Path', () => {
    expect(findOnPath('kubectl', { PATH: `${bin};${win}` }, 'win32')).toBe(join(win, 'kubectl.exe'));
    expect(findOnPath('kind', { Path: win }, 'win32')).toBe(join(win, 'kind.cmd'));
    // Elsewhere a name is only itself.
    expect(findOnPath('kubectl', { PATH: win }, 'linux')).toBeUndefined();
  });
});
