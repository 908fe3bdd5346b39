// A small in-memory file system for a simulated container: directories, files, read-only
// mounts (the image volume) and errno-style failures that the commands turn into the
// coreutils wording.

export type VErrno = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EROFS' | 'EEXIST' | 'ENOTEMPTY' | 'EACCES' | 'EINVAL' | 'ELOOP';

export const ERRNO_TEXT: Readonly<Record<VErrno, string>> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EROFS: 'Read-only file system',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EACCES: 'Permission denied',
  EINVAL: 'Invalid argument',
  ELOOP: 'Too many levels of symbolic links',
};

export class VfsError extends Error {
  constructor(readonly code: VErrno) {
    super(ERRNO_TEXT[code]);
    this.name = 'VfsError';
  }
}

interface Meta {
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  /** Inode number, for stat. */
  ino: number;
}

export interface VDir extends Meta {
  readonly type: 'dir';
  readonly children: Map<string, VNode>;
}

export interface VFile extends Meta {
  readonly type: 'file';
  content: string;
}

export interface VLink extends Meta {
  readonly type: 'link';
  readonly target: string;
}

export type VNode = VDir | VFile | VLink;

export interface MountInfo {
  readonly path: string;
  readonly readOnly: boolean;
  /** How `mount` and /proc/mounts describe it. */
  readonly source: string;
  readonly fsType: string;
  readonly options: string;
}

let inodeCounter = 1000;

export function dir(mode = 0o755, uid = 0, gid = 0, mtime = Date.UTC(2025, 10, 17, 0, 0, 0)): VDir {
  return { type: 'dir', children: new Map(), mode, uid, gid, mtime, ino: inodeCounter++ };
}

export function file(content: string, mode = 0o644, uid = 0, gid = 0, mtime = Date.UTC(2025, 10, 17, 0, 0, 0)): VFile {
  return { type: 'file', content, mode, uid, gid, mtime, ino: inodeCounter++ };
}

/** Splits a path into components after resolving it against cwd (handles . and ..). */
export function resolvePath(cwd: string, path: string): string {
  const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return `/${out.join('/')}`;
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function baseName(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const i = trimmed.lastIndexOf('/');
  return i < 0 ? trimmed : trimmed.slice(i + 1) || '/';
}

export class Vfs {
  readonly root: VDir;
  readonly mounts: MountInfo[] = [];
  /** Paths (and everything below) that only root could write, and not even root (procfs). */
  private readonly denied = new Set<string>();

  constructor(root: VDir = dir()) {
    this.root = root;
  }

  /** Attaches a tree at an existing or new directory path. */
  mount(path: string, tree: VDir, info: Omit<MountInfo, 'path'>): void {
    const parent = this.ensureDir(parentOf(path));
    parent.children.set(baseName(path), tree);
    this.mounts.push({ path, ...info });
  }

  deny(path: string): void {
    this.denied.add(path);
  }

  ensureDir(path: string, mode = 0o755): VDir {
    let node: VDir = this.root;
    for (const part of path.split('/').filter(Boolean)) {
      let next = node.children.get(part);
      if (!next) {
        next = dir(mode);
        node.children.set(part, next);
      }
      if (next.type !== 'dir') throw new VfsError('ENOTDIR');
      node = next;
    }
    return node;
  }

  writeFileRaw(path: string, content: string, mode = 0o644): void {
    const parent = this.ensureDir(parentOf(path));
    parent.children.set(baseName(path), file(content, mode));
  }

  /** The path with its symbolic links followed (all but the last component when `keepLast`). */
  realPath(path: string, keepLast = false, depth = 0): string {
    const parts = path.split('/').filter(Boolean);
    let cur = '/';
    let node: VNode = this.root;
    parts.forEach((part, i) => {
      if (node.type !== 'dir') throw new VfsError(node.type === 'file' ? 'ENOTDIR' : 'ENOENT');
      const next: VNode | undefined = node.children.get(part);
      if (!next) throw new VfsError('ENOENT');
      cur = resolvePath(cur, part);
      node = next;
      if (next.type === 'link' && (i < parts.length - 1 || !keepLast)) {
        if (depth > 40) throw new VfsError('ELOOP');
        cur = this.realPath(resolvePath(parentOf(cur), next.target), false, depth + 1);
        node = this.lookupReal(cur);
      }
    });
    return cur;
  }

  private lookupReal(path: string): VNode {
    let node: VNode = this.root;
    for (const part of path.split('/').filter(Boolean)) {
      if (node.type !== 'dir') throw new VfsError('ENOTDIR');
      const next: VNode | undefined = node.children.get(part);
      if (!next) throw new VfsError('ENOENT');
      node = next;
    }
    return node;
  }

  /** The node at an absolute path (symbolic links followed), or throws ENOENT / ENOTDIR. */
  lookup(path: string): VNode {
    return this.lookupReal(this.realPath(path));
  }

  /** The node itself, a symbolic link not followed (lstat). */
  lstat(path: string): VNode {
    return this.lookupReal(this.realPath(path, true));
  }

  tryLookup(path: string): VNode | null {
    try {
      return this.lookup(path);
    } catch {
      return null;
    }
  }

  symlink(target: string, path: string, now: number): void {
    if (this.tryLstat(path)) throw new VfsError('EEXIST');
    const parent = this.parentDir(path);
    this.checkWritable(path);
    parent.children.set(baseName(path), { type: 'link', target, mode: 0o777, uid: 0, gid: 0, mtime: now, ino: inodeCounter++ });
  }

  tryLstat(path: string): VNode | null {
    try {
      return this.lstat(path);
    } catch {
      return null;
    }
  }

  /** The mount an absolute path lives on (the longest matching mount path), if any. */
  mountOf(path: string): MountInfo | undefined {
    let best: MountInfo | undefined;
    for (const m of this.mounts) {
      if (path === m.path || path.startsWith(`${m.path}/`)) {
        if (!best || m.path.length > best.path.length) best = m;
      }
    }
    return best;
  }

  /** Throws EROFS / EACCES when a change at path is not allowed. */
  checkWritable(path: string): void {
    if (this.mountOf(path)?.readOnly) throw new VfsError('EROFS');
    for (const d of this.denied) if (path === d || path.startsWith(`${d}/`)) throw new VfsError('EACCES');
  }

  private parentDir(path: string): VDir {
    const parent = this.lookup(parentOf(path));
    if (parent.type !== 'dir') throw new VfsError('ENOTDIR');
    return parent;
  }

  writeFile(path: string, content: string, append: boolean, now: number): void {
    const existing = this.tryLookup(path);
    if (existing?.type === 'dir') throw new VfsError('EISDIR');
    if (existing?.type === 'link') throw new VfsError('ENOENT');
    const parent = this.parentDir(path);
    this.checkWritable(path);
    if (existing) {
      existing.content = append ? existing.content + content : content;
      existing.mtime = now;
    } else {
      parent.children.set(baseName(path), file(content, 0o644, 0, 0, now));
    }
  }

  touch(path: string, now: number): void {
    const existing = this.tryLookup(path);
    const parent = existing ? null : this.parentDir(path);
    this.checkWritable(path);
    if (existing) existing.mtime = now;
    else parent?.children.set(baseName(path), file('', 0o644, 0, 0, now));
  }

  mkdir(path: string, parents: boolean, now: number): void {
    const existing = this.tryLookup(path);
    if (existing) {
      if (parents && existing.type === 'dir') return;
      throw new VfsError('EEXIST');
    }
    if (parents) {
      const parent = parentOf(path);
      if (!this.tryLookup(parent)) this.mkdir(parent, true, now);
    }
    const parentDir = this.parentDir(path);
    this.checkWritable(path);
    parentDir.children.set(baseName(path), dir(0o755, 0, 0, now));
  }

  remove(path: string, recursive: boolean): void {
    const node = this.lstat(path);
    if (node.type === 'dir' && !recursive) throw new VfsError('EISDIR');
    if (this.mounts.some((m) => m.path === path)) throw new VfsError(this.mountOf(path)?.readOnly ? 'EROFS' : 'EACCES');
    this.checkWritable(path);
    this.parentDir(path).children.delete(baseName(path));
  }

  rmdir(path: string): void {
    const node = this.lookup(path);
    if (node.type !== 'dir') throw new VfsError('ENOTDIR');
    if (node.children.size > 0) throw new VfsError('ENOTEMPTY');
    this.remove(path, true);
  }

  /** Copies a file (not directories) to a destination path. */
  copyFile(from: string, to: string, now: number): void {
    const src = this.lookup(from);
    if (src.type !== 'file') throw new VfsError('EISDIR');
    this.writeFile(to, src.content, false, now);
  }

  rename(from: string, to: string): void {
    const src = this.lstat(from);
    this.checkWritable(from);
    const destParent = this.parentDir(to);
    this.checkWritable(to);
    this.parentDir(from).children.delete(baseName(from));
    destParent.children.set(baseName(to), src);
  }
}
