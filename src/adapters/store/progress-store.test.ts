import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PROGRESS_BYTES } from '../../engine/limits.js';
import { createProgressStore, defaultStateDir } from './progress-store.js';

const made: string[] = [];
const dir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'ivol-progress-'));
  made.push(d);
  return d;
};
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('progress store', () => {
  it('has nothing at first, then loads what was saved', () => {
    const store = createProgressStore(dir());
    expect(store.load('image-volume', 'simulated-ivol')).toEqual({ kind: 'none' });
    store.save({ tutorial: 'image-volume', cluster: 'simulated-ivol', current: 'apply-pod', statuses: { welcome: 'passed', preflight: 'skipped' } });
    const r = store.load('image-volume', 'simulated-ivol');
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') {
      expect(r.progress.current).toBe('apply-pod');
      expect(r.progress.statuses).toEqual({ welcome: 'passed', preflight: 'skipped' });
      expect(r.progress.savedAt).not.toBe('');
    }
    expect(store.load('image-volume', 'real-other')).toEqual({ kind: 'none' });
  });

  it('writes atomically: no temporary file is left', () => {
    const store = createProgressStore(dir());
    store.save({ tutorial: 't', cluster: 'c', current: 'a', statuses: {} });
    expect(readdirSync(store.dir)).toEqual(['t--c.json']);
  });

  it('moves a corrupt file aside and reports it, never throws', () => {
    const store = createProgressStore(dir());
    const path = store.pathFor('t', 'c');
    mkdirSync(dirname(path), { recursive: true });
    const bads = ['{oops', '[]', '{"version":1,"tutorial":"t","cluster":"c","current":"a","statuses":{"x":"running"}}', '{"version":9}'];
    bads.forEach((bad, i) => {
      writeFileSync(path, bad);
      const r = store.load('t', 'c');
      expect(r.kind).toBe('corrupt');
      // Each corrupt file gets its own backup: a later one never overwrites an earlier one.
      const backup = i === 0 ? `${path}.corrupt` : `${path}.corrupt.${i}`;
      if (r.kind === 'corrupt') expect(r.movedTo).toBe(backup);
      expect(existsSync(path)).toBe(false);
    });
    bads.forEach((bad, i) => expect(readFileSync(i === 0 ? `${path}.corrupt` : `${path}.corrupt.${i}`, 'utf8')).toBe(bad));
    store.save({ tutorial: 't', cluster: 'c', current: 'a', statuses: {} });
    expect(store.load('t', 'c').kind).toBe('ok');
  });

  it('saves 0600 in 0700 folders, tightening looser ones', () => {
    const root = dir();
    mkdirSync(join(root, 'progress'), { mode: 0o755 });
    execFileSync('chmod', ['755', root, join(root, 'progress')]);
    const store = createProgressStore(root);
    store.save({ tutorial: 't', cluster: 'c', current: 'a', statuses: {} });
    expect(statSync(store.pathFor('t', 'c')).mode & 0o777).toBe(0o600);
    expect(statSync(store.dir).mode & 0o777).toBe(0o700);
    expect(statSync(root).mode & 0o777).toBe(0o700);
  });

  it.each([
    ['a FIFO', (p: string) => void execFileSync('mkfifo', [p]), 'not a regular file (fifo)'],
    ['a symlink to /dev/zero', (p: string) => symlinkSync('/dev/zero', p), 'not a regular file (device)'],
    ['a directory', (p: string) => mkdirSync(p), 'not a regular file (directory)'],
    ['a file over the cap', (p: string) => writeFileSync(p, ' '.repeat(MAX_PROGRESS_BYTES + 1)), 'too large'],
    ['invalid UTF-8', (p: string) => writeFileSync(p, Buffer.from([0x7b, 0xff, 0x7d])), 'not UTF-8 text'],
    ['a status for something that is not a step id', (p: string) => writeFileSync(p, '{"version":1,"tutorial":"t","cluster":"c","current":"a","statuses":{"__proto__":"passed"}}'), 'not a step id'],
  ])('%s is reported and moved aside at once, never read into memory or waited on', (_name, make, error) => {
    const store = createProgressStore(dir());
    const path = store.pathFor('t', 'c');
    mkdirSync(dirname(path), { recursive: true });
    make(path);
    const t0 = performance.now();
    const r = store.load('t', 'c');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r).toMatchObject({ kind: 'corrupt', movedTo: `${path}.corrupt` });
    if (r.kind === 'corrupt') expect(r.error).toContain(error);
    expect(existsSync(path)).toBe(false);
    // The tour can save again where it was.
    store.save({ tutorial: 't', cluster: 'c', current: 'a', statuses: {} });
    expect(store.load('t', 'c').kind).toBe('ok');
  });

  it('IVOL_TOUR_STATE_DIR overrides the data directory', () => {
    expect(defaultStateDir({ IVOL_TOUR_STATE_DIR: '/x/y' })).toBe('/x/y');
    expect(defaultStateDir({})).toContain('ivol-tour');
  });
});
