import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgressStore, defaultStateDir } from './progress-store.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'ivol-progress-'));

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

  it('IVOL_TOUR_STATE_DIR overrides the data directory', () => {
    expect(defaultStateDir({ IVOL_TOUR_STATE_DIR: '/x/y' })).toBe('/x/y');
    expect(defaultStateDir({})).toContain('ivol-tour');
  });
});
