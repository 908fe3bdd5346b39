// The simulated pod shell answers as bash and GNU coreutils in debian:bookworm-slim do: each
// command line runs twice, in the simulated pod (/volume is the artifact: dir/file holds "1\n",
// file holds "2\n", owner uid 1000, group users) and with this machine's own bash and GNU tools
// (Debian bookworm, the image's distribution) on a copy of the artifact's tree. Normalised, and
// only where they legitimately differ: the name this machine gives uid 1000 (the image has
// none: ls shows 1000), stat's device, inode and change/birth times, and find's order (the
// order a directory lists its entries in is the file system's). What needs the read-only mount
// (writes on /volume) is compared with GNU's messages as written.
import { execFile } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACT_MTIME } from '../src/adapters/cluster/simulated/facts.js';
import { simulated } from '../src/adapters/cluster/simulated/testing/fixtures.js';

let root: string;
let sim: ReturnType<typeof simulated>;
let uid1000 = '1000';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ivol-golden-'));
  mkdirSync(join(root, 'volume', 'dir'), { recursive: true });
  writeFileSync(join(root, 'volume', 'dir', 'file'), '1\n');
  writeFileSync(join(root, 'volume', 'file'), '2\n');
  const when = new Date(ARTIFACT_MTIME);
  for (const p of ['volume/dir/file', 'volume/file', 'volume/dir', 'volume']) {
    if (process.getuid?.() === 0) chownSync(join(root, p), 1000, 100);
    utimesSync(join(root, p), when, when);
  }
  uid1000 = (await bash('id -nu 1000 2>/dev/null || echo 1000')).stdout.trim();
  sim = simulated();
  await sim.podRunning();
}, 30_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

function bash(line: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    // --norc: node's pipes are sockets, and bash reads ~/.bashrc when stdin is one (the rshd rule).
    execFile('bash', ['--norc', '-c', line], { cwd: root, env: { PATH: '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC' }, timeout: 10_000 }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, code: error ? (typeof error.code === 'number' ? error.code : 1) : 0 });
    });
  });
}

async function simulatedLine(line: string): Promise<{ stdout: string; stderr: string; code: number }> {
  const r = await sim.adapters.cluster.exec('image-volume', 'shell', ['bash', '-c', `cd / && ${line}`], 10_000);
  return { stdout: r.stdout, stderr: r.stderr, code: r.exitCode };
}

// This machine names uid 1000; the image does not (ls shows 1000, stat UNKNOWN). Every entry of
// the artifact is owned by it, so the owner column holds that one name: no padding to redo.
const owner = (text: string): string => (uid1000 === '1000' ? text : text.replace(new RegExp(`( 1000/)${uid1000}\\)`, 'g'), '$1 UNKNOWN)').replace(new RegExp(`\\b${uid1000}\\b`, 'g'), '1000'));

// Lines whose output is compared as it is (after the owner's name).
const SAME = [
  'ls volume', 'ls -l volume', 'ls -ln volume', 'ls -lh volume', 'ls -F volume', 'ls -p volume', 'ls -t volume', 'ls -lt volume', 'ls -r volume', 'ls -lr volume',
  'ls -S volume', 'ls -lS volume', 'ls -1 volume', 'ls -d volume', 'ls -ld volume', 'ls -R volume', 'ls -lR volume', 'ls -s volume', 'ls -ls volume', 'ls -al volume/dir',
  'ls -lnh volume', 'ls -Fl volume', 'ls -ltr volume', 'ls volume/file', 'ls volume/nope', 'ls -z volume',
  'ls volume | wc -l', 'ls volume | head -1', 'ls -l volume | wc -l', 'ls volume > /dev/null; echo $?',
  'find volume -type f', 'find volume -name file', 'find volume -type d', 'find volume/nope',
  'stat -c "%a %A %s %n %F" volume/file', 'stat -c %s volume/dir/file', 'stat -c "%u %g %G %h" volume/dir',
  'du volume', 'du -s volume', 'du -sh volume', 'du -ah volume', 'du -a volume',
  'wc volume/file volume/dir/file', 'wc -l volume/file', 'wc -c volume/file', 'cat volume/file | wc -l', 'cat volume/file volume/dir/file | wc',
  'head -1 volume/file', 'head -n 1 volume/file volume/dir/file', 'tail -n 1 volume/file volume/dir/file', 'tail -c 2 volume/file',
  'sha256sum volume/file volume/dir/file', 'md5sum volume/file', 'sha1sum volume/dir/file', 'b2sum volume/file',
  'cat volume/file volume/dir/file', 'cat -n volume/file', 'cat volume/nope',
  'echo hello world', "printf '%s-%d\\n' a 1 b 2", "printf '%5s|%-3s|\\n' ab c", 'echo -n x; echo y',
  'test -d volume && echo dir', '[ -f volume/file ] && echo file', '[ -d volume/file ]; echo $?', '[ -e volume; echo $?',
  'grep 2 volume/file', 'grep -r 1 volume/dir/file', 'grep -c . volume/file volume/dir/file',
  'sort -r volume/file volume/dir/file', 'basename volume/dir/file', 'dirname volume/dir/file', 'seq 3',
  'nosuchcommand',
];

describe('the simulated pod shell answers like bash and GNU coreutils (this machine\'s own)', () => {
  it.each(SAME)('%s', async (line) => {
    const [real, simulatedOut] = [await bash(line), await simulatedLine(line)];
    expect({ out: simulatedOut.stdout, err: simulatedOut.stderr, code: simulatedOut.code }).toEqual({ out: owner(real.stdout), err: owner(real.stderr), code: real.code });
  });

  it('find lists the same paths (in the file system\'s order)', async () => {
    for (const line of ['find volume', 'find volume -maxdepth 1']) {
      const lines = (t: string) => t.split('\n').filter(Boolean).sort();
      expect(lines((await simulatedLine(line)).stdout), line).toEqual(lines((await bash(line)).stdout));
    }
  });

  it('stat: the same, but the device, inode, and change and birth times', async () => {
    const cut = (t: string) => owner(t).replace(/Device: \S+\tInode: \d+ +/, 'Device: D\tInode: I ').replace(/^( ?)(Change|Birth|Access): (?!\().*$/gm, '$1$2: T');
    for (const line of ['stat volume/file', 'stat volume/dir/file']) expect(cut((await simulatedLine(line)).stdout), line).toBe(cut((await bash(line)).stdout));
  });
});

describe('what only the pod has: the read-only /volume, df, the image\'s programs', () => {
  const cases: [string, string, number][] = [
    ['touch /volume/x', "touch: cannot touch '/volume/x': Read-only file system\n", 1],
    ['mkdir /volume/d', "mkdir: cannot create directory '/volume/d': Read-only file system\n", 1],
    ['rm /volume/file', "rm: cannot remove '/volume/file': Read-only file system\n", 1],
    ['cp /volume/file /volume/copy', "cp: cannot create regular file '/volume/copy': Read-only file system\n", 1],
    ['mv /volume/file /volume/moved', "mv: cannot move '/volume/file' to '/volume/moved': Read-only file system\n", 1],
    ['ln -s /volume/file /volume/link', "ln: failed to create symbolic link '/volume/link': Read-only file system\n", 1],
    ['echo x | tee /volume/x', "tee: /volume/x: Read-only file system\n", 1],
    ['echo hi > /volume/x', 'bash: line 1: /volume/x: Read-only file system\n', 1],
  ];
  it.each(cases)('%s', async (line, err, code) => {
    expect(await simulatedLine(line)).toMatchObject({ stderr: err, code });
  });

  it('df -h /volume: GNU df\'s columns', async () => {
    expect((await simulatedLine('df -h /volume')).stdout).toBe('Filesystem      Size  Used Avail Use% Mounted on\n/dev/vda1        98G   31G   63G  34% /volume\n');
    expect((await simulatedLine('df /volume')).stdout).toBe('Filesystem     1K-blocks     Used Available Use% Mounted on\n/dev/vda1      102626232 32145436  65221532  34% /volume\n');
  });

  it('writes elsewhere work (cp, ln -s, tee), and read back', async () => {
    expect(await simulatedLine('cp -r /volume /tmp/v && ln -s /tmp/v/file /tmp/l && cat /tmp/l && echo x | tee /tmp/t && ls -l /tmp/l | cut -c1-10')).toMatchObject({ code: 0 });
    expect((await simulatedLine('cat /tmp/l; ls /tmp/v; readlink /tmp/l')).stdout).toBe('2\ndir\nfile\n/tmp/v/file\n');
  });

  it('programs of the image are found; the ones it lacks are not; which and type say where', async () => {
    expect((await simulatedLine('which ls mount find sha256sum awk ldconfig')).stdout).toBe('/usr/bin/ls\n/usr/bin/mount\n/usr/bin/find\n/usr/bin/sha256sum\n/usr/bin/awk\n/usr/sbin/ldconfig\n');
    expect((await simulatedLine('type cd ls')).stdout).toBe('cd is a shell builtin\nls is /usr/bin/ls\n');
    // Not in debian:bookworm-slim (procps, file, less and vim are not Priority required).
    for (const name of ['vim', 'file', 'ps', 'less', 'curl']) expect(await simulatedLine(`${name} /volume/file`)).toMatchObject({ stderr: `bash: line 1: ${name}: command not found\n`, code: 127 });
    expect((await simulatedLine('ls -l / | grep bin')).stdout).toContain('bin -> usr/bin');
  });
});
