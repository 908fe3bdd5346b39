// A small scripted view of the `shell` container of the tour's pod, for exec: the artifact
// mounted read-only at /volume (dir/file = 1, file = 2), as the real thing prints it.

export interface FsOptions {
  /** false when the image volume was dropped (gate off): /volume does not exist. */
  readonly volume: boolean;
  /** The mount's subPath inside the artifact (only `dir` exists): /volume then shows dir/. */
  readonly subPath?: string;
}

export interface FsResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

const LS_VOLUME = 'total 8\ndrwxr-xr-x 2 1000 users 4096 Jun  5  2024 dir\n-rw-r--r-- 1 1000 users    2 Jun  5  2024 file\n';
const LS_DIR = 'total 4\n-rw-r--r-- 1 1000 users 2 Jun  5  2024 file\n';
const LS_SUBPATH_DIR = 'total 4\n-rw-r--r-- 1 1000 users 2 Jun  5  2024 file\n';
const MOUNT_LINE = 'overlay /volume overlay ro,relatime,lowerdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/42/fs 0 0\n';

export function runInPod(argv: readonly string[], o: FsOptions): FsResult {
  const [cmd = '', ...args] = argv;
  if ((cmd === 'sh' || cmd === 'bash') && args[0] === '-c' && args[1] !== undefined) {
    return runInPod(splitWords(args[1]), o);
  }
  const missing = (path: string, tool: string): FsResult => ({ stdout: '', stderr: `${tool}: ${path}: No such file or directory\n`, exitCode: 1 });
  const sub = o.subPath?.replace(/^\/+|\/+$/g, '');
  if (o.volume && sub !== undefined && sub !== '') {
    // Only the artifact's `dir` is mounted at /volume: /volume/file is dir/file (1).
    const path = args.filter((a) => !a.startsWith('-'))[0] ?? '';
    if (sub !== 'dir') return { stdout: '', stderr: `sh: 1: ${cmd}: not found\n`, exitCode: 127 };
    if (cmd === 'cat' && path.startsWith('/volume')) return path === '/volume/file' ? { stdout: '1', stderr: '', exitCode: 0 } : missing(path, 'cat');
    if (cmd === 'ls' && path.startsWith('/volume')) {
      if (path.replace(/\/$/, '') === '/volume') return { stdout: args.includes('-l') ? LS_SUBPATH_DIR : 'file\n', stderr: '', exitCode: 0 };
      return { stdout: '', stderr: `ls: cannot access '${path}': No such file or directory\n`, exitCode: 2 };
    }
  }
  switch (cmd) {
    case 'cat': {
      const path = args[0] ?? '';
      if (path === '/proc/mounts') return { stdout: `overlay / overlay rw,relatime 0 0\n${o.volume ? MOUNT_LINE : ''}`, stderr: '', exitCode: 0 };
      if (!o.volume) return missing(path, 'cat');
      if (path === '/volume/dir/file') return { stdout: '1', stderr: '', exitCode: 0 };
      if (path === '/volume/file') return { stdout: '2', stderr: '', exitCode: 0 };
      return missing(path, 'cat');
    }
    case 'ls': {
      const path = args.filter((a) => !a.startsWith('-'))[0] ?? '/';
      if (!o.volume && path.startsWith('/volume')) return { stdout: '', stderr: `ls: cannot access '${path}': No such file or directory\n`, exitCode: 2 };
      if (path === '/volume' || path === '/volume/') return { stdout: args.includes('-l') ? LS_VOLUME : 'dir\nfile\n', stderr: '', exitCode: 0 };
      if (path === '/volume/dir' || path === '/volume/dir/') return { stdout: args.includes('-l') ? LS_DIR : 'file\n', stderr: '', exitCode: 0 };
      return { stdout: '', stderr: `ls: cannot access '${path}': No such file or directory\n`, exitCode: 2 };
    }
    case 'touch': {
      const path = args[0] ?? '';
      if (path.startsWith('/volume/')) {
        if (!o.volume) return { stdout: '', stderr: `touch: cannot touch '${path}': No such file or directory\n`, exitCode: 1 };
        return { stdout: '', stderr: `touch: cannot touch '${path}': Read-only file system\n`, exitCode: 1 };
      }
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    case 'mount':
      return { stdout: `overlay on / type overlay (rw,relatime)\n${o.volume ? 'overlay on /volume type overlay (ro,relatime)\n' : ''}`, stderr: '', exitCode: 0 };
    case 'grep': {
      // grep PATTERN FILE, a fixed string (what the tour asks: grep ' /volume ' /proc/mounts).
      const [pattern = '', file = ''] = args.filter((a) => !/^-\w/.test(a));
      if (file !== '/proc/mounts') return { stdout: '', stderr: `grep: ${file}: No such file or directory\n`, exitCode: 2 };
      const text = runInPod(['cat', '/proc/mounts'], o).stdout;
      const lines = text.split('\n').filter((l) => l !== '' && l.includes(pattern));
      return { stdout: lines.map((l) => `${l}\n`).join(''), stderr: '', exitCode: lines.length > 0 ? 0 : 1 };
    }
    case 'echo':
      return { stdout: `${args.join(' ')}\n`, stderr: '', exitCode: 0 };
    case 'true':
      return { stdout: '', stderr: '', exitCode: 0 };
    default:
      return { stdout: '', stderr: `sh: 1: ${cmd}: not found\n`, exitCode: 127 };
  }
}

function splitWords(s: string): string[] {
  return [...s.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}
