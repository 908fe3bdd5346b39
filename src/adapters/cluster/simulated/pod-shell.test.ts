import { describe, expect, it } from 'vitest';
import type { ShellSession } from '../../ports.js';
import { simulated } from './testing/fixtures.js';

async function running(options: Parameters<typeof simulated>[0] = {}, manifest?: string, name?: string) {
  const s = simulated(options);
  await s.podRunning(manifest, name);
  const exec = (argv: string[], pod = name ?? 'image-volume') => s.adapters.cluster.exec(pod, 'shell', argv, 10_000);
  const sh = (line: string, pod?: string) => exec(['bash', '-c', line], pod);
  return { ...s, exec, sh };
}

describe('exec in the simulated pod', () => {
  it('shows the artifact like the guide (GNU ls on debian)', async () => {
    const s = await running();
    expect(await s.exec(['cat', '/volume/dir/file'])).toEqual({ exitCode: 0, stdout: '1\n', stderr: '' });
    expect((await s.exec(['cat', '/volume/file'])).stdout).toBe('2\n');
    expect((await s.exec(['ls', '-l', '/volume'])).stdout).toBe('total 8\ndrwxr-xr-x 2 1000 users 4096 Jun 18  2024 dir\n-rw-r--r-- 1 1000 users    2 Jun 18  2024 file\n');
    expect((await s.exec(['ls', '-l', '/volume/dir'])).stdout).toBe('total 4\n-rw-r--r-- 1 1000 users 2 Jun 18  2024 file\n');
    expect((await s.exec(['ls', '/volume'])).stdout).toBe('dir\nfile\n');
    expect((await s.exec(['ls', '-la', '/volume/dir'])).stdout.split('\n').slice(1, 3).map((l) => l.split(' ').at(-1))).toEqual(['.', '..']);
    expect((await s.exec(['ls', '/volume/dir', '/volume/nope'])).stderr).toBe("ls: cannot access '/volume/nope': No such file or directory\n");
    expect((await s.sh('cat /volume/*/file; wc -c /volume/dir/file')).stdout).toBe('1\n2 /volume/dir/file\n');
  });

  it('mounts it read-only, without noexec', async () => {
    const s = await running();
    expect(await s.exec(['touch', '/volume/x'])).toEqual({ exitCode: 1, stdout: '', stderr: "touch: cannot touch '/volume/x': Read-only file system\n" });
    expect((await s.exec(['mkdir', '/volume/d'])).stderr).toBe("mkdir: cannot create directory '/volume/d': Read-only file system\n");
    expect((await s.exec(['rm', '/volume/file'])).stderr).toBe("rm: cannot remove '/volume/file': Read-only file system\n");
    expect(await s.sh('echo hi > /volume/x')).toMatchObject({ exitCode: 1, stderr: 'bash: line 1: /volume/x: Read-only file system\n' });
    expect((await s.exec(['sh', '-c', 'echo hi > /volume/x'])).stderr).toBe('sh: 1: cannot create /volume/x: Read-only file system\n');
    const mounts = (await s.exec(['cat', '/proc/mounts'])).stdout.split('\n').filter((l) => l.includes(' /volume '));
    expect(mounts).toEqual(['/dev/vda1 /volume ext4 ro,relatime 0 0']);
    expect((await s.sh('mount | grep /volume')).stdout).toBe('/dev/vda1 on /volume type ext4 (ro,relatime)\n');
  });

  it('lets writes elsewhere succeed, and keeps them while the pod lives', async () => {
    const s = await running();
    expect(await s.sh('echo hello > /tmp/x && cat /tmp/x && echo more >> /tmp/x')).toMatchObject({ exitCode: 0, stdout: 'hello\n' });
    expect((await s.exec(['cat', '/tmp/x'])).stdout).toBe('hello\nmore\n');
    expect((await s.sh('mkdir -p /tmp/a/b && cp /volume/dir/file /tmp/a/b/ && ls /tmp/a/b && mv /tmp/x /tmp/y && ls /tmp')).stdout).toBe('file\na\ny\n');
  });

  it('sequences, quotes, variables and exit statuses like bash', async () => {
    const s = await running();
    expect((await s.sh("false || echo 'it failed'; true && echo \"ok $HOME\"")).stdout).toBe('it failed\nok /root\n');
    expect((await s.sh('ls /nope; echo $?')).stdout).toBe('2\n');
    expect(await s.sh('frob')).toMatchObject({ exitCode: 127, stderr: 'bash: line 1: frob: command not found\n' });
    expect(await s.sh('exit 3')).toMatchObject({ exitCode: 3 });
    expect((await s.sh('cd /volume/dir && pwd && cat file')).stdout).toBe('/volume/dir\n1\n');
    expect((await s.exec(['id'])).stdout).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    expect((await s.exec(['hostname'])).stdout).toBe('image-volume\n');
    expect((await s.sh('grep -c ro /proc/mounts > /dev/null; head -n 1 /etc/hostname | wc -c')).stdout).toBe('13\n');
  });

  it('honours subPath: only dir\'s contents at /volume', async () => {
    const s = await running({}, '/work/pod-subpath.yaml', 'image-volume-subpath');
    expect((await s.exec(['ls', '/volume'])).stdout).toBe('file\n');
    expect((await s.exec(['cat', '/volume/file'])).stdout).toBe('1\n');
  });

  it('containerd 2.1 (kind v0.30, gate on) ignores subPath and mounts the whole artifact', async () => {
    const s = await running({ featureGate: true }, '/work/pod-subpath.yaml', 'image-volume-subpath');
    expect((await s.exec(['ls', '/volume'])).stdout).toBe('dir\nfile\n');
  });
});

function collect(session: ShellSession) {
  let screen = '';
  session.onData((d) => (screen += d));
  let exit: number | null | undefined;
  session.onExit((e) => (exit = e.exitCode));
  const settle = () => new Promise((r) => setTimeout(r, 5));
  return {
    get screen() {
      return screen;
    },
    get exit() {
      return exit;
    },
    type: async (keys: string) => {
      session.write(keys);
      await settle();
    },
    settle,
    clear: () => (screen = ''),
  };
}

describe('the simulated shell session', () => {
  it('refuses to open before the pod runs', async () => {
    const s = simulated();
    await expect(s.adapters.shells.open({ pod: 'image-volume', container: 'shell', cols: 80, rows: 24 })).rejects.toThrow(/does not exist yet/);
    await s.createCluster();
    await s.kubectl('apply', '-f', '/work/pod.yaml');
    await expect(s.adapters.shells.open({ pod: 'image-volume', container: 'shell', cols: 80, rows: 24 })).rejects.toMatchObject({ key: 'sim.shell.notRunning' });
  });

  it('echoes keystrokes, runs lines, handles Backspace, Ctrl-C, history and exit', async () => {
    const s = await running({ lang: 'zh-CN' });
    const session = await s.adapters.shells.open({ pod: 'image-volume', container: 'shell', cols: 100, rows: 30 });
    const t = collect(session);
    await t.settle();
    expect(t.screen).toContain('[模拟]');
    expect(t.screen.endsWith('root@image-volume:/# ')).toBe(true);
    t.clear();
    await t.type('cat /volume/dir/filx');
    expect(t.screen).toBe('cat /volume/dir/filx');
    await t.type('\x7fe\r');
    expect(t.screen).toBe('cat /volume/dir/filx\b \be\r\n1\r\nroot@image-volume:/# ');
    t.clear();
    await t.type('cd /volume\r');
    expect(t.screen).toBe('cd /volume\r\nroot@image-volume:/volume# ');
    t.clear();
    await t.type('some text\x03');
    expect(t.screen).toBe('some text^C\r\nroot@image-volume:/volume# ');
    t.clear();
    await t.type('\x1b[A');
    expect(t.screen).toBe('\x1b[Kcd /volume');
    await t.type('\x15stty size\r');
    expect(t.screen).toContain('30 100\r\n');
    session.resize(120, 40);
    t.clear();
    await t.type('tput cols\r');
    expect(t.screen).toContain('\r\n120\r\n');
    t.clear();
    await t.type('touch x\r');
    expect(t.screen).toContain("touch: cannot touch 'x': Read-only file system\r\n");
    await t.type('exit 4\r');
    expect(t.exit).toBe(4);
  });

  it('is a terminal for the last command only: `ls` fills columns, into a pipe one name per line', async () => {
    const s = await running();
    const session = await s.adapters.shells.open({ pod: 'image-volume', container: 'shell', cols: 80, rows: 24 });
    const t = collect(session);
    await t.settle();
    t.clear();
    await t.type('cd /volume\r');
    t.clear();
    await t.type('ls\r');
    expect(t.screen).toBe('ls\r\ndir  file\r\nroot@image-volume:/volume# ');
    t.clear();
    await t.type('ls | wc -l\r');
    expect(t.screen).toBe('ls | wc -l\r\n2\r\nroot@image-volume:/volume# ');
    t.clear();
    await t.type('ls /volume | head -1\r');
    expect(t.screen).toBe('ls /volume | head -1\r\ndir\r\nroot@image-volume:/volume# ');
  });

  it('Tab completes commands and paths like bash', async () => {
    const s = await running();
    const session = await s.adapters.shells.open({ pod: 'image-volume', container: 'shell', cols: 80, rows: 24 });
    const t = collect(session);
    await t.settle();
    t.clear();
    // One match: the rest, and a slash after a directory.
    await t.type('cat /volume/d\t');
    expect(t.screen).toBe('cat /volume/dir/');
    await t.type('f\t');
    expect(t.screen).toBe('cat /volume/dir/file ');
    await t.type('\r');
    expect(t.screen).toContain('\r\n1\r\n');
    t.clear();
    // A command: the one program of the image that starts so.
    await t.type('sha25\t');
    expect(t.screen).toBe('sha256sum ');
    await t.type('\x15');
    t.clear();
    // Several: a bell, then (second Tab) the list, and the line again.
    await t.type('ls /volume/\t');
    expect(t.screen).toBe('ls /volume/\x07');
    t.clear();
    await t.type('\t');
    expect(t.screen).toBe('\r\ndir/  file\r\nroot@image-volume:/# ls /volume/');
    await t.type('\x15');
    t.clear();
    // Nothing matches: a bell.
    await t.type('cat /volume/x\t');
    expect(t.screen).toBe('cat /volume/x\x07');
  });

  it('Ctrl-D on an empty line exits; Ctrl-C interrupts a running command', async () => {
    const s = await running();
    const session = await s.adapters.shells.open({ pod: 'image-volume', container: 'shell', cols: 80, rows: 24 });
    const t = collect(session);
    await t.settle();
    t.clear();
    session.write('sleep 5\r');
    session.write('\x03');
    await t.settle();
    expect(t.screen).toContain('sleep 5\r\n^C\r\nroot@image-volume:/# ');
    await t.type('\x04');
    expect(t.screen.endsWith('exit\r\n')).toBe(true);
    expect(t.exit).toBe(130);
  });
});
