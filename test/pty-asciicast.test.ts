import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { AsciicastRecorder } from '../src/adapters/pty/asciicast.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('writes an asciicast v2 file: header, then o/i/r events with times', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'ivol-cast-'));
  dirs.push(parent);
  const dir = join(parent, 'casts');
  let now = 1000;
  const rec = new AsciicastRecorder({
    dir,
    title: 'ivol-tour shell',
    shell: '/bin/bash',
    now: () => now,
    wallClock: () => Date.UTC(2025, 0, 2, 3, 4, 5),
  });
  rec.output('before start is ignored');
  const path = rec.start(80, 24);
  expect(path.startsWith(dir)).toBe(true);
  expect(path).toMatch(/ivol-shell-\d{8}-\d{6}\.cast$/);
  now = 1500;
  rec.output('$ ');
  now = 1750.5;
  rec.input('ls\r');
  now = 2000;
  rec.resize(100, 30);
  rec.output('中文\x1b[0m\r\n');
  expect(await rec.stop()).toBe(path);
  rec.output('after stop is ignored');
  await rec.stop();
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  expect(JSON.parse(lines[0])).toEqual({
    version: 2,
    width: 80,
    height: 24,
    timestamp: Date.UTC(2025, 0, 2, 3, 4, 5) / 1000,
    title: 'ivol-tour shell',
    env: { TERM: 'xterm-256color', SHELL: '/bin/bash' },
  });
  expect(lines.slice(1).map((l) => JSON.parse(l) as unknown)).toEqual([
    [0.5, 'o', '$ '],
    [0.7505, 'i', 'ls\r'],
    [1, 'r', '100x30'],
    [1, 'o', '中文\x1b[0m\r\n'],
  ]);
});

it('holds at most maxUnwritten bytes for a disk that is behind; what it dropped is noted in the recording, in the language', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ivol-cast-'));
  dirs.push(dir);
  const rec = new AsciicastRecorder({ dir, maxUnwritten: 64 * 1024, lang: 'zh-CN', now: () => 0, wallClock: () => 0 });
  const path = rec.start(80, 24);
  // Written in one go, nothing reaches the disk in between: the stream's buffer would hold it all.
  const chunk = 'x'.repeat(16 * 1024);
  for (let i = 0; i < 1000; i++) rec.output(chunk);
  rec.input('typed\r'); // input is never dropped
  await rec.stop();
  const events = readFileSync(path, 'utf8').trimEnd().split('\n').slice(1).map((l) => JSON.parse(l) as [number, string, string]);
  const recorded = events.filter((e) => e[1] === 'o' && e[2] === chunk).length;
  expect(recorded).toBeGreaterThan(0);
  expect(recorded).toBeLessThan(10);
  const note = events.find((e) => e[2].includes('未被录制'));
  expect(note?.[2]).toContain(`有 ${(1000 - recorded) * chunk.length} 字节的输出未被录制`);
  expect(events.some((e) => e[1] === 'i' && e[2] === 'typed\r')).toBe(true);
});
