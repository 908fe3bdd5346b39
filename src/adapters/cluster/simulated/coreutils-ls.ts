// `ls` and `stat` as GNU coreutils print them in a debian container (C locale).
import { baseName, resolvePath, VfsError, type Vfs, type VNode } from './vfs.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SIX_MONTHS = (365.2425 / 2) * 86400_000;

function lookupName(fs: Vfs, file: string, id: number): string {
  const node = fs.tryLookup(file);
  if (node?.type !== 'file') return String(id);
  for (const line of node.content.split('\n')) {
    const [name, , num] = line.split(':');
    if (name && Number(num) === id) return name;
  }
  return String(id);
}

export const userName = (fs: Vfs, uid: number): string => lookupName(fs, '/etc/passwd', uid);
export const groupName = (fs: Vfs, gid: number): string => lookupName(fs, '/etc/group', gid);

export function modeString(node: VNode): string {
  const m = node.mode;
  const bit = (mask: number, ch: string) => (m & mask ? ch : '-');
  let s = node.type === 'dir' ? 'd' : '-';
  s += bit(0o400, 'r') + bit(0o200, 'w') + bit(0o100, 'x');
  s += bit(0o40, 'r') + bit(0o20, 'w') + bit(0o10, 'x');
  s += bit(0o4, 'r') + bit(0o2, 'w');
  s += m & 0o1000 ? (m & 0o1 ? 't' : 'T') : bit(0o1, 'x');
  return s;
}

export function sizeOf(node: VNode): number {
  return node.type === 'dir' ? 4096 : Buffer.byteLength(node.content, 'utf8');
}

/** 1K blocks used, as ls -s / total count them. */
function blocks(node: VNode): number {
  return node.type === 'dir' ? 4 : Math.ceil(sizeOf(node) / 4096) * 4;
}

function links(node: VNode): number {
  if (node.type !== 'dir') return 1;
  let n = 2;
  for (const c of node.children.values()) if (c.type === 'dir') n++;
  return n;
}

function lsDate(mtime: number, now: number): string {
  const d = new Date(mtime);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const recent = now - mtime < SIX_MONTHS && mtime <= now + 60_000;
  const tail = recent ? `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : ` ${d.getUTCFullYear()}`;
  return `${MONTHS[d.getUTCMonth()]} ${day} ${tail}`;
}

interface Entry {
  readonly name: string;
  readonly node: VNode;
}

interface LsOptions {
  long: boolean;
  all: boolean;
  almostAll: boolean;
  one: boolean;
  dirOnly: boolean;
  human: boolean;
  recursive: boolean;
}

function human(n: number): string {
  if (n < 1024) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : Math.ceil(v)}${units[u]}`;
}

function longLines(fs: Vfs, entries: readonly Entry[], now: number, opts: LsOptions): string[] {
  const rows = entries.map((e) => [
    modeString(e.node),
    String(links(e.node)),
    userName(fs, e.node.uid),
    groupName(fs, e.node.gid),
    opts.human ? human(sizeOf(e.node)) : String(sizeOf(e.node)),
    lsDate(e.node.mtime, now),
    e.name,
  ]);
  const w = (i: number) => Math.max(...rows.map((r) => r[i].length));
  return rows.map((r) => `${r[0]} ${r[1].padStart(w(1))} ${r[2].padEnd(w(2))} ${r[3].padEnd(w(3))} ${r[4].padStart(w(4))} ${r[5]} ${r[6]}`);
}

/** GNU ls -C: as many columns as fit, filled top to bottom. */
function columns(names: readonly string[], width: number): string[] {
  if (names.length === 0) return [];
  for (let cols = names.length; cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    if (cols > 1 && Math.ceil(names.length / rows) < cols) continue;
    const colWidths: number[] = [];
    for (let c = 0; c < cols; c++) {
      const slice = names.slice(c * rows, (c + 1) * rows);
      colWidths.push(Math.max(0, ...slice.map((n) => n.length)));
    }
    const total = colWidths.reduce((a, b) => a + b, 0) + (cols - 1) * 2;
    if (total <= width || cols === 1) {
      const out: string[] = [];
      for (let r = 0; r < rows; r++) {
        let line = '';
        for (let c = 0; c < cols; c++) {
          const name = names[c * rows + r];
          if (name === undefined) continue;
          const isLast = c === cols - 1 || names[(c + 1) * rows + r] === undefined;
          line += isLast ? name : name.padEnd(colWidths[c] + 2);
        }
        out.push(line);
      }
      return out;
    }
  }
  return [...names];
}

function dirEntries(fs: Vfs, path: string, node: VNode, opts: LsOptions): Entry[] {
  if (node.type !== 'dir') return [];
  const list: Entry[] = [...node.children.entries()]
    .filter(([name]) => opts.all || opts.almostAll || !name.startsWith('.'))
    .map(([name, n]) => ({ name, node: n }));
  list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (opts.all) {
    const parent = fs.tryLookup(resolvePath(path, '..')) ?? node;
    list.unshift({ name: '.', node }, { name: '..', node: parent });
  }
  return list;
}

export interface LsIo {
  readonly fs: Vfs;
  readonly cwd: string;
  readonly now: number;
  readonly tty: boolean;
  readonly cols: number;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export function ls(args: readonly string[], io: LsIo): number {
  const opts: LsOptions = { long: false, all: false, almostAll: false, one: false, dirOnly: false, human: false, recursive: false };
  const paths: string[] = [];
  let endOfOptions = false;
  for (const a of args) {
    if (!endOfOptions && a === '--') endOfOptions = true;
    else if (!endOfOptions && a.startsWith('--')) {
      if (a === '--all') opts.all = true;
      else if (a === '--almost-all') opts.almostAll = true;
      else if (a === '--human-readable') opts.human = true;
      else if (a === '--directory') opts.dirOnly = true;
      else if (a.startsWith('--color')) continue;
      else {
        io.err(`ls: unrecognized option '${a}'\nTry 'ls --help' for more information.\n`);
        return 2;
      }
    } else if (!endOfOptions && a.startsWith('-') && a.length > 1) {
      for (const f of a.slice(1)) {
        if (f === 'l') opts.long = true;
        else if (f === 'a') opts.all = true;
        else if (f === 'A') opts.almostAll = true;
        else if (f === '1') opts.one = true;
        else if (f === 'd') opts.dirOnly = true;
        else if (f === 'h') opts.human = true;
        else if (f === 'R') opts.recursive = true;
        else if (f === 'F' || f === 'p' || f === 'n' || f === 't' || f === 'r' || f === 'S') continue;
        else {
          io.err(`ls: invalid option -- '${f}'\nTry 'ls --help' for more information.\n`);
          return 2;
        }
      }
    } else paths.push(a);
  }
  if (paths.length === 0) paths.push('.');
  let status = 0;
  const files: Entry[] = [];
  const dirs: { shown: string; abs: string; node: VNode }[] = [];
  for (const p of paths) {
    const abs = resolvePath(io.cwd, p);
    try {
      const node = io.fs.lookup(abs);
      if (node.type === 'dir' && !opts.dirOnly) dirs.push({ shown: p, abs, node });
      else files.push({ name: p, node });
    } catch (error) {
      const code = error instanceof VfsError ? error.message : 'No such file or directory';
      io.err(`ls: cannot access '${p}': ${code}\n`);
      status = 2;
    }
  }
  const blocksOut: string[] = [];
  const render = (entries: readonly Entry[], withTotal: boolean): string[] => {
    if (opts.long) {
      const total = withTotal ? [`total ${entries.reduce((n, e) => n + blocks(e.node), 0)}`] : [];
      return [...total, ...longLines(io.fs, entries, io.now, opts)];
    }
    const names = entries.map((e) => e.name);
    return opts.one || !io.tty ? names : columns(names, io.cols);
  };
  files.sort((a, b) => (a.name < b.name ? -1 : 1));
  if (files.length > 0) blocksOut.push(render(files, false).join('\n'));
  dirs.sort((a, b) => (a.shown < b.shown ? -1 : 1));
  const showHeaders = paths.length > 1 || opts.recursive;
  const visit = (d: { shown: string; abs: string; node: VNode }) => {
    const entries = dirEntries(io.fs, d.abs, d.node, opts);
    const body = render(entries, true);
    blocksOut.push([...(showHeaders ? [`${d.shown}:`] : []), ...body].join('\n'));
    if (opts.recursive) {
      for (const e of entries) {
        if (e.node.type === 'dir' && e.name !== '.' && e.name !== '..') {
          visit({ shown: `${d.shown.replace(/\/$/, '')}/${e.name}`, abs: `${d.abs.replace(/\/$/, '')}/${e.name}`, node: e.node });
        }
      }
    }
  };
  dirs.forEach(visit);
  const text = blocksOut.filter((b, i) => b !== '' || (i > 0 && showHeaders)).join('\n\n');
  if (text !== '') io.out(`${text}\n`);
  return status;
}

function statTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(ms % 1000).padStart(3, '0')}000000 +0000`;
}

export function stat(args: readonly string[], io: LsIo): number {
  const paths = args.filter((a) => !a.startsWith('-'));
  if (paths.length === 0) {
    io.err("stat: missing operand\nTry 'stat --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const p of paths) {
    const abs = resolvePath(io.cwd, p);
    const node = io.fs.tryLookup(abs);
    if (!node) {
      io.err(`stat: cannot statx '${p}': No such file or directory\n`);
      status = 1;
      continue;
    }
    const kind = node.type === 'dir' ? 'directory' : sizeOf(node) === 0 ? 'regular empty file' : 'regular file';
    const uid = String(node.uid).padStart(5);
    const gid = String(node.gid).padStart(5);
    const uname = userName(io.fs, node.uid);
    const gname = groupName(io.fs, node.gid);
    const m = io.fs.mountOf(abs);
    io.out(
      [
        `  File: ${p}`,
        `  Size: ${String(sizeOf(node)).padEnd(10)}\tBlocks: ${String(blocks(node) * 2).padEnd(10)} IO Block: 4096   ${kind}`,
        `Device: ${m ? '0,52' : '0,48'}\tInode: ${String(node.ino).padEnd(11)} Links: ${links(node)}`,
        `Access: (${(node.mode & 0o7777).toString(8).padStart(4, '0')}/${modeString(node)})  Uid: (${uid}/${(uname === String(node.uid) ? 'UNKNOWN' : uname).padStart(8)})   Gid: (${gid}/${(gname === String(node.gid) ? 'UNKNOWN' : gname).padStart(8)})`,
        `Access: ${statTime(node.mtime)}`,
        `Modify: ${statTime(node.mtime)}`,
        `Change: ${statTime(node.mtime)}`,
        ' Birth: -',
        '',
      ].join('\n'),
    );
  }
  return status;
}

export { baseName };
