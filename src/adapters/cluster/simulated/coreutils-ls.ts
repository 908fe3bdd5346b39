// `ls` and `stat` as GNU coreutils 9.1 prints them in debian:bookworm-slim (C locale, no
// colours): the options a learner tries on /volume, checked against the machine's own GNU tools
// (test/pod-shell-golden.test.ts).
import { MONTHS } from './go-text.js';
import { programTree, type ParsedArgs } from './tool-args.js';
import { resolvePath, VfsError, type Vfs, type VNode } from './vfs.js';
import { gnuArgs, type ProgramContext } from './program.js';

const SIX_MONTHS = (365.2425 / 2) * 86400_000;

function lookupName(fs: Vfs, file: string, id: number): string | null {
  const node = fs.tryLookup(file);
  if (node?.type !== 'file') return null;
  for (const line of node.content.split('\n')) {
    const [name, , num] = line.split(':');
    if (name && Number(num) === id) return name;
  }
  return null;
}

export const userName = (fs: Vfs, uid: number): string => lookupName(fs, '/etc/passwd', uid) ?? String(uid);
export const groupName = (fs: Vfs, gid: number): string => lookupName(fs, '/etc/group', gid) ?? String(gid);

export function modeString(node: VNode): string {
  const m = node.mode;
  const bit = (mask: number, ch: string) => (m & mask ? ch : '-');
  return `${node.type === 'dir' ? 'd' : node.type === 'link' ? 'l' : '-'}${bit(0o400, 'r')}${bit(0o200, 'w')}${m & 0o4000 ? 's' : bit(0o100, 'x')}${bit(0o40, 'r')}${bit(0o20, 'w')}${bit(0o10, 'x')}${bit(0o4, 'r')}${bit(0o2, 'w')}${m & 0o1000 ? (m & 0o1 ? 't' : 'T') : bit(0o1, 'x')}`;
}

export function sizeOf(node: VNode): number {
  return node.type === 'dir' ? 4096 : node.type === 'link' ? Buffer.byteLength(node.target) : Buffer.byteLength(node.content, 'utf8');
}

/** 1K blocks used (4K file system blocks). */
export function blocks(node: VNode): number {
  return node.type === 'link' ? 0 : node.type === 'dir' ? 4 : Math.ceil(sizeOf(node) / 4096) * 4;
}

export function links(node: VNode): number {
  if (node.type !== 'dir') return 1;
  return 2 + [...node.children.values()].filter((c) => c.type === 'dir').length;
}

/** GNU's human_readable with -h: one decimal below 10, rounded up ("4.0K", "16K", "98G"). */
export function human(n: number): string {
  if (n < 1024) return String(n);
  let v = n;
  let u = -1;
  while (v >= 1024 && u < 5) {
    v /= 1024;
    u++;
  }
  const unit = 'KMGTPE'[u] ?? '';
  return v < 10 ? `${(Math.ceil(v * 10) / 10).toFixed(1)}${unit}` : `${Math.ceil(v)}${unit}`;
}

function lsDate(mtime: number, now: number): string {
  const d = new Date(mtime);
  const recent = now - mtime < SIX_MONTHS && mtime <= now + 60_000;
  const tail = recent ? `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : ` ${d.getUTCFullYear()}`;
  return `${MONTHS[d.getUTCMonth()] ?? ''} ${String(d.getUTCDate()).padStart(2, ' ')} ${tail}`;
}

interface Entry {
  readonly name: string;
  readonly node: VNode;
}

const LS_FLAGS = programTree(
  'a/all A/almost-all l/long n/numeric-uid-gid h/human-readable F/classify? p/indicator-slash t/sort-time r/reverse S/sort-size 1/one-per-line d/directory R/recursive i/inode s/size g/no-owner o/no-group C/columns U/unsorted color? G/no-group-long',
);

/** GNU ls -C: as many columns as fit, filled top to bottom. */
function columns(names: readonly string[], width: number): string[] {
  for (let cols = names.length; cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    if (cols > 1 && Math.ceil(names.length / rows) < cols) continue;
    const w = Array.from({ length: cols }, (_, c) => Math.max(0, ...names.slice(c * rows, (c + 1) * rows).map((n) => [...n].length)));
    if (w.reduce((a, b) => a + b, 0) + (cols - 1) * 2 <= width || cols === 1) {
      return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => names[c * rows + r]).map((n, c, row) => (n === undefined ? '' : row[c + 1] === undefined ? n : n.padEnd((w[c] ?? 0) + 2))).join(''));
    }
  }
  return [...names];
}

export function ls(ctx: ProgramContext): number {
  const p = gnuArgs(ctx, LS_FLAGS, 2);
  if (typeof p === 'number') return p;
  const has = (name: string): boolean => p.flags.some((f) => f.name === name);
  const long = has('long') || has('numeric-uid-gid') || has('no-owner') || has('no-group');
  const all = has('all');
  const almost = has('almost-all') && !all;
  const classify = has('classify');
  const slash = classify || has('indicator-slash');
  const oneLine = has('one-per-line') || (!ctx.tty && !has('columns'));
  const { fs, now } = ctx;
  const suffix = (e: Entry): string => (e.node.type === 'dir' && slash ? '/' : classify && e.node.type === 'link' ? '@' : classify && e.node.type === 'file' && e.node.mode & 0o111 ? '*' : '');
  const sorted = (list: Entry[]): Entry[] => {
    if (has('unsorted')) return list;
    const byName = (a: Entry, b: Entry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const cmp = has('sort-size') ? (a: Entry, b: Entry) => sizeOf(b.node) - sizeOf(a.node) || byName(a, b) : has('sort-time') ? (a: Entry, b: Entry) => b.node.mtime - a.node.mtime || byName(a, b) : byName;
    const out = [...list].sort(cmp);
    return has('reverse') ? out.reverse() : out;
  };
  const render = (entries: readonly Entry[], total: boolean): string[] => {
    const name = (e: Entry): string => `${e.name}${suffix(e)}${long && e.node.type === 'link' ? ` -> ${e.node.target}` : ''}`;
    const prefix = (e: Entry): string[] => [...(has('inode') ? [String(e.node.ino)] : []), ...(has('size') ? [has('human-readable') ? human(blocks(e.node) * 1024) : String(blocks(e.node))] : [])];
    const totalLine = total && (long || has('size')) ? [`total ${has('human-readable') ? human(entries.reduce((n, e) => n + blocks(e.node), 0) * 1024) : entries.reduce((n, e) => n + blocks(e.node), 0)}`] : [];
    if (!long) {
      const cells = entries.map((e) => ({ pre: prefix(e), name: name(e) }));
      const w = Math.max(0, ...cells.map((c) => c.pre.join(' ').length));
      const shown = cells.map((c) => (c.pre.length > 0 ? `${c.pre.join(' ').padStart(w)} ${c.name}` : c.name));
      return [...totalLine, ...(oneLine ? shown : columns(shown, ctx.state.cols))];
    }
    const rows = entries.map((e) => [
      ...prefix(e),
      modeString(e.node),
      String(links(e.node)),
      ...(has('no-owner') ? [] : [has('numeric-uid-gid') ? String(e.node.uid) : userName(fs, e.node.uid)]),
      ...(has('no-group') || has('no-group-long') ? [] : [has('numeric-uid-gid') ? String(e.node.gid) : groupName(fs, e.node.gid)]),
      has('human-readable') ? human(sizeOf(e.node)) : String(sizeOf(e.node)),
      lsDate(e.node.mtime, now),
      name(e),
    ]);
    const pre = prefix(entries[0] ?? { name: '', node: fs.root }).length;
    const right = new Set([...Array.from({ length: pre }, (_, i) => i), pre + 1, (rows[0]?.length ?? 0) - 3]);
    const w = (i: number): number => Math.max(...rows.map((r) => (r[i] ?? '').length));
    return [...totalLine, ...rows.map((r) => r.map((c, i) => (i >= r.length - 2 ? c : right.has(i) ? c.padStart(w(i)) : c.padEnd(w(i)))).join(' '))];
  };
  const operands = p.args.length > 0 ? p.args : ['.'];
  let status = 0;
  const files: Entry[] = [];
  const dirs: { shown: string; abs: string; node: VNode }[] = [];
  for (const o of operands) {
    const abs = resolvePath(ctx.state.cwd, o);
    try {
      const node = long || has('directory') ? fs.lstat(abs) : fs.lookup(abs);
      const target = node.type === 'link' && !long ? fs.lookup(abs) : node;
      if (target.type === 'dir' && !has('directory')) dirs.push({ shown: o, abs, node: target });
      else files.push({ name: o, node });
    } catch (error) {
      ctx.err(`ls: cannot access '${o}': ${error instanceof VfsError ? error.message : 'No such file or directory'}\n`);
      status = 2;
    }
  }
  const blocksOut: string[] = [];
  if (files.length > 0) blocksOut.push(render(sorted(files), false).join('\n'));
  const headers = operands.length > 1 || has('recursive');
  const visit = (d: { shown: string; abs: string; node: VNode }): void => {
    const children = d.node.type === 'dir' ? [...d.node.children].filter(([n]) => all || almost || !n.startsWith('.')).map(([name, node]) => ({ name, node })) : [];
    const parent = fs.tryLookup(resolvePath(d.abs, '..')) ?? d.node;
    const entries = sorted([...(all ? [{ name: '.', node: d.node }, { name: '..', node: parent }] : []), ...children]);
    blocksOut.push([...(headers ? [`${d.shown}:`] : []), ...render(entries, true)].join('\n'));
    if (has('recursive')) {
      for (const e of entries) if (e.node.type === 'dir' && e.name !== '.' && e.name !== '..') visit({ shown: `${d.shown.replace(/\/$/, '')}/${e.name}`, abs: resolvePath(d.abs, e.name), node: e.node });
    }
  };
  sorted(dirs.map((d) => ({ name: d.shown, node: d.node }))).forEach((e) => {
    const d = dirs.find((x) => x.shown === e.name);
    if (d) visit(d);
  });
  const text = blocksOut.join('\n\n');
  if (text !== '') ctx.out(`${text}\n`);
  return status;
}

function statTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(ms % 1000).padStart(3, '0')}000000 +0000`;
}

export function stat(ctx: ProgramContext): number {
  const p: ParsedArgs | number = gnuArgs(ctx, programTree('c/format= L/dereference t/terse printf='), 1);
  if (typeof p === 'number') return p;
  if (p.args.length === 0) {
    ctx.err("stat: missing operand\nTry 'stat --help' for more information.\n");
    return 1;
  }
  const format = p.flags.find((f) => f.name === 'format' || f.name === 'printf');
  let status = 0;
  for (const path of p.args) {
    const abs = resolvePath(ctx.state.cwd, path);
    let node: VNode;
    try {
      node = p.flags.some((f) => f.name === 'dereference') ? ctx.fs.lookup(abs) : ctx.fs.lstat(abs);
    } catch (error) {
      ctx.err(`stat: cannot statx '${path}': ${error instanceof VfsError ? error.message : 'No such file or directory'}\n`);
      status = 1;
      continue;
    }
    const kind = node.type === 'dir' ? 'directory' : node.type === 'link' ? 'symbolic link' : sizeOf(node) === 0 ? 'regular empty file' : 'regular file';
    const uname = lookupName(ctx.fs, '/etc/passwd', node.uid) ?? 'UNKNOWN';
    const gname = lookupName(ctx.fs, '/etc/group', node.gid) ?? 'UNKNOWN';
    const mount = ctx.fs.mountOf(abs);
    const device = mount ? '0,52' : '0,48';
    const octal = (node.mode & 0o7777).toString(8);
    if (format) {
      const fields: Record<string, string> = {
        a: octal, A: modeString(node), b: String(blocks(node) * 2), B: '512', d: String(mount ? 52 : 48), D: mount ? '34' : '30', F: kind, g: String(node.gid), G: gname,
        h: String(links(node)), i: String(node.ino), m: mount?.path ?? '/', n: path, N: `'${path}'${node.type === 'link' ? ` -> '${node.target}'` : ''}`, o: '4096', s: String(sizeOf(node)),
        u: String(node.uid), U: uname, w: '-', W: '0', x: statTime(node.mtime), X: String(Math.floor(node.mtime / 1000)), y: statTime(node.mtime), Y: String(Math.floor(node.mtime / 1000)),
        z: statTime(node.mtime), Z: String(Math.floor(node.mtime / 1000)), '%': '%',
      };
      const text = format.value.replace(/%(.)/g, (m, c: string) => fields[c] ?? m);
      ctx.out(format.name === 'printf' ? text.replace(/\\n/g, '\n').replace(/\\t/g, '\t') : `${text}\n`);
      continue;
    }
    ctx.out([
      `  File: ${path}${node.type === 'link' ? ` -> ${node.target}` : ''}`,
      `  Size: ${String(sizeOf(node)).padEnd(10)}\tBlocks: ${String(blocks(node) * 2).padEnd(10)} IO Block: 4096   ${kind}`,
      `Device: ${device}\tInode: ${String(node.ino).padEnd(11)} Links: ${links(node)}`,
      `Access: (${octal.padStart(4, '0')}/${modeString(node)})  Uid: (${String(node.uid).padStart(5)}/${uname.padStart(8)})   Gid: (${String(node.gid).padStart(5)}/${gname.padStart(8)})`,
      `Access: ${statTime(node.mtime)}`,
      `Modify: ${statTime(node.mtime)}`,
      `Change: ${statTime(node.mtime)}`,
      ' Birth: -',
      '',
    ].join('\n'));
  }
  return status;
}
