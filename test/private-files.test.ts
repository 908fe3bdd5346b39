// What the tour writes is the learner's alone: work files, the trust list and shell
// recordings are 0600 in 0700 folders, looser existing modes are tightened, and a symlink
// planted where a file goes is replaced or refused, never written through.
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AsciicastRecorder } from '../src/adapters/pty/asciicast.js';
import { createFileStore } from '../src/adapters/store/file-store.js';
import { createTrustStore, TRUST_FILE } from '../src/adapters/store/trust-store.js';
import { TempDirs } from './helpers/tutorial-dir.js';

const temps = new TempDirs();
afterEach(() => temps.cleanup());
const mode = (p: string): number => statSync(p).mode & 0o777;

describe('the work directory', () => {
  it('files are written 0600 in 0700 folders, from the state directory down', async () => {
    const state = temps.make('ivol-private-');
    execFileSync('chmod', ['755', state]);
    const work = join(state, 'work', 'ivol');
    mkdirSync(work, { recursive: true, mode: 0o755 });
    execFileSync('chmod', ['755', join(state, 'work'), work]);
    const old = join(work, 'pod.yaml');
    writeFileSync(old, 'old', { mode: 0o644 });
    const files = createFileStore(state);
    await files.write(old, 'kind: Pod\n');
    await files.write(join(work, 'kind-config.yaml'), 'kind: Cluster\n');
    expect(readFileSync(old, 'utf8')).toBe('kind: Pod\n');
    expect([mode(old), mode(join(work, 'kind-config.yaml'))]).toEqual([0o600, 0o600]);
    expect([mode(state), mode(join(state, 'work')), mode(work)]).toEqual([0o700, 0o700, 0o700]);
  });

  it('a symlink planted where a file goes is replaced, its target untouched', async () => {
    const state = temps.make('ivol-private-');
    const target = join(state, 'precious');
    writeFileSync(target, 'mine');
    const work = join(state, 'work');
    mkdirSync(work);
    symlinkSync(target, join(work, 'pod.yaml'));
    await createFileStore(state).write(join(work, 'pod.yaml'), 'kind: Pod\n');
    expect(readFileSync(target, 'utf8')).toBe('mine');
    expect(lstatSync(join(work, 'pod.yaml')).isSymbolicLink()).toBe(false);
  });

  it('reading back refuses a FIFO or device instead of hanging', async () => {
    const state = temps.make('ivol-private-');
    execFileSync('mkfifo', [join(state, 'pipe')]);
    const files = createFileStore(state);
    await expect(files.read(join(state, 'pipe'))).rejects.toThrow('not a regular file (fifo)');
    await expect(files.read('/dev/zero')).rejects.toThrow('not a regular file (device)');
    expect(await files.read(join(state, 'absent'))).toBeNull();
  });
});

describe('the trust list', () => {
  const hash = 'a'.repeat(64);
  const other = 'b'.repeat(64);

  it('remembers a content hash, 0600, and nothing else', () => {
    const state = temps.make('ivol-trust-store-');
    const store = createTrustStore(state);
    expect(store.isTrusted(hash)).toBe(false);
    store.trust(hash, { id: 't', dir: '/x' });
    expect(store.isTrusted(hash)).toBe(true);
    expect(createTrustStore(state).isTrusted(other)).toBe(false);
    expect(mode(join(state, TRUST_FILE))).toBe(0o600);
    expect(mode(state)).toBe(0o700);
  });

  it('a corrupt, huge or non-regular file trusts nothing, and the next answer rewrites it', () => {
    const state = temps.make('ivol-trust-store-');
    const path = join(state, TRUST_FILE);
    writeFileSync(path, `{"tutorials":[{"hash":"${hash}"`);
    const store = createTrustStore(state);
    expect(store.isTrusted(hash)).toBe(false);
    store.trust(other, { id: 't', dir: '/x' });
    expect(store.isTrusted(other)).toBe(true);
    execFileSync('rm', [path]);
    execFileSync('mkfifo', [path]);
    expect(store.isTrusted(other)).toBe(false);
  });
});

describe('shell recordings', () => {
  it('are 0600 in a 0700 folder, also over an older file with a looser mode', async () => {
    const dir = join(temps.make('ivol-cast-'), 'transcripts');
    mkdirSync(dir, { mode: 0o755 });
    execFileSync('chmod', ['755', dir]);
    writeFileSync(join(dir, 'a.cast'), 'old', { mode: 0o644 });
    const rec = new AsciicastRecorder({ dir, fileName: 'a.cast' });
    const path = rec.start(80, 24);
    rec.output('secret\r\n');
    await rec.stop();
    expect(mode(path)).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    expect(readFileSync(path, 'utf8')).toContain('secret');
  });

  it('never write through a symlink planted at their name', () => {
    const root = temps.make('ivol-cast-');
    const dir = join(root, 'transcripts');
    mkdirSync(dir);
    writeFileSync(join(root, 'precious'), 'mine');
    symlinkSync(join(root, 'precious'), join(dir, 'a.cast'));
    expect(() => new AsciicastRecorder({ dir, fileName: 'a.cast' }).start(80, 24)).toThrow(/ELOOP/);
    expect(readFileSync(join(root, 'precious'), 'utf8')).toBe('mine');
    // Nor into a FIFO someone else reads.
    execFileSync('mkfifo', [join(dir, 'b.cast')]);
    expect(() => new AsciicastRecorder({ dir, fileName: 'b.cast' }).start(80, 24)).toThrow(/ENXIO|not a regular file/);
  });
});
