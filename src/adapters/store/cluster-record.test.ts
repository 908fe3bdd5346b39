import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLUSTER_RECORD_FILE, fileClusterRecord } from './cluster-record.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function stateDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ivol-record-'));
  dirs.push(d);
  return join(d, 'state'); // not there yet: the record makes it
}

describe('the record of the kind clusters the tour created', () => {
  it('is a 0600 file in a 0700 state directory, kept across sessions', async () => {
    const dir = stateDir();
    const record = fileClusterRecord(dir);
    expect(record.where).toBe(join(dir, CLUSTER_RECORD_FILE));
    expect(await record.has('ivol')).toBe(false);
    await record.add('ivol');
    await record.add('work');
    await record.add('ivol');
    expect(statSync(record.where).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const again = fileClusterRecord(dir);
    expect(await again.has('ivol')).toBe(true);
    expect((JSON.parse(readFileSync(record.where, 'utf8')) as { clusters: { name: string }[] }).clusters.map((c) => c.name)).toEqual(['work', 'ivol']);
    await again.remove('ivol');
    expect(await record.has('ivol')).toBe(false);
    expect(await record.has('work')).toBe(true);
    expect(readdirSync(dir)).toEqual([CLUSTER_RECORD_FILE]); // no temporary file left
  });

  it('a record that cannot be read counts as empty (then clean-up asks), and is rewritten whole', async () => {
    const dir = stateDir();
    const record = fileClusterRecord(dir);
    await record.add('x');
    writeFileSync(record.where, '{ not json', { mode: 0o644 });
    expect(await record.has('x')).toBe(false);
    await record.add('ivol');
    expect(await record.has('ivol')).toBe(true);
    expect(statSync(record.where).mode & 0o777).toBe(0o600);
  });
});
