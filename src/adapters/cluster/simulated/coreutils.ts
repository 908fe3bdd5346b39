// The programs of the simulated debian:bookworm-slim container that a learner reaches for on
// /volume (GNU coreutils 9.1, findutils, grep, util-linux's mount, hostname), with the options,
// messages, alignment and exit codes the real ones have (checked against the machine's own
// tools in test/pod-shell-golden.test.ts). Which programs exist at all is image-commands.ts.
import { createHash } from 'node:crypto';
import { ls, stat, blocks, human } from './coreutils-ls.js';
import { KERNEL_VERSION } from './facts.js';
import { IMAGE_SBIN } from './image-commands.js';
import { gnuArgs, type Program, type ProgramContext } from './program.js';
import { mountTable } from './rootfs.js';
import { programTree } from './tool-args.js';
import { baseName, resolvePath, VfsError, type VNode } from './vfs.js';

const errnoText = (error: unknown): string => (error instanceof VfsError ? error.message : String(error));
const abs = (ctx: ProgramContext, p: string): string => resolvePath(ctx.state.cwd, p);
const has = (p: { flags: readonly { name: string }[] }, name: string): boolean => p.flags.some((f) => f.name === name);
const value = (p: { flags: readonly { name: string; value: string }[] }, name: string): string | undefined => p.flags.filter((f) => f.name === name).at(-1)?.value;

/** The files (or stdin, for none or `-`) a filter reads; errors printed as `tool: path: reason`. */
function readInputs(ctx: ProgramContext, operands: readonly string[], tool: string): { name: string; text: string; stdin: boolean }[] {
  const out: { name: string; text: string; stdin: boolean }[] = [];
  for (const p of operands.length === 0 ? ['-'] : operands) {
    if (p === '-') {
      out.push({ name: operands.length === 0 ? '' : '-', text: ctx.stdin, stdin: true });
      continue;
    }
    try {
      const node = ctx.fs.lookup(abs(ctx, p));
      if (node.type !== 'file') ctx.err(`${tool}: ${p}: Is a directory\n`);
      else out.push({ name: p, text: node.content, stdin: false });
    } catch (error) {
      ctx.err(`${tool}: ${p}: ${errnoText(error)}\n`);
    }
  }
  return out;
}

function simple(flags: string, run: (ctx: ProgramContext, p: { args: readonly string[]; flags: readonly { name: string; value: string }[] }) => number | Promise<number>): Program {
  const tree = programTree(flags);
  return (ctx) => {
    const p = gnuArgs(ctx, tree);
    return typeof p === 'number' ? p : run(ctx, p);
  };
}

const cat = simple('n/number A/show-all', (ctx, p) => {
  const inputs = readInputs(ctx, p.args, 'cat');
  let n = 0;
  for (const i of inputs) ctx.out(has(p, 'number') ? i.text.replace(/^(.*)$/gm, (line, _m, off: number) => (off === i.text.length && line === '' ? '' : `${String(++n).padStart(6)}\t${line}`)) : i.text);
  return inputs.length === Math.max(1, p.args.length) ? 0 : 1;
});

/** bash's echo builtin: -n, -e, -E. */
const echo: Program = (ctx) => {
  let args = [...ctx.args];
  let newline = true;
  let escapes = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    for (const c of args[0].slice(1)) {
      if (c === 'n') newline = false;
      else escapes = c === 'e';
    }
    args = args.slice(1);
  }
  const text = escapes ? unescape(args.join(' ')) : args.join(' ');
  ctx.out(newline ? `${text}\n` : text);
  return 0;
};

function unescape(s: string): string {
  return s.replace(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|.)/g, (_m, e: string) => {
    if (e.startsWith('0')) return String.fromCharCode(parseInt(e.slice(1) || '0', 8));
    if (e.startsWith('x')) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', '\\': '\\' } as Record<string, string>)[e] ?? `\\${e}`;
  });
}

/** bash's printf builtin: the format is reused while arguments remain. */
const printf: Program = (ctx) => {
  const [format, ...rest] = ctx.args;
  if (format === undefined) {
    ctx.err(`${ctx.shellPrefix}printf: usage: printf [-v var] format [arguments]\n`);
    return 2;
  }
  let i = 0;
  let out = '';
  do {
    out += unescape(format).replace(/%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdiuxXocbf%])/g, (_m, flags: string, width: string, prec: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      const arg = rest[i++] ?? '';
      const n = Number(arg || 0);
      let s: string;
      switch (conv) {
        case 'd': case 'i': case 'u': s = String(Math.trunc(n)); break;
        case 'x': s = Math.trunc(n).toString(16); break;
        case 'X': s = Math.trunc(n).toString(16).toUpperCase(); break;
        case 'o': s = Math.trunc(n).toString(8); break;
        case 'c': s = arg.slice(0, 1); break;
        case 'f': s = n.toFixed(prec === undefined ? 6 : Number(prec)); break;
        case 'b': s = unescape(arg); break;
        default: s = prec === undefined ? arg : arg.slice(0, Number(prec));
      }
      const w = Number(width || 0);
      return flags.includes('-') ? s.padEnd(w) : s.padStart(w, flags.includes('0') && conv !== 's' ? '0' : ' ');
    });
  } while (i > 0 && i < rest.length);
  ctx.out(out);
  return 0;
};

/** test / [ (bash's builtin). */
function testProgram(bracket: boolean): Program {
  return (ctx) => {
    let args = [...ctx.args];
    if (bracket) {
      if (args.at(-1) !== ']') {
        ctx.err(`${ctx.shellPrefix}[: missing \`]'\n`);
        return 2;
      }
      args = args.slice(0, -1);
    }
    const node = (p: string): VNode | null => ctx.fs.tryLookup(abs(ctx, p));
    const unary: Record<string, (a: string) => boolean> = {
      '-e': (a) => node(a) !== null, '-f': (a) => node(a)?.type === 'file', '-d': (a) => node(a)?.type === 'dir', '-s': (a) => { const n = node(a); return n?.type === 'file' && n.content.length > 0; },
      '-r': (a) => node(a) !== null, '-x': (a) => ((node(a)?.mode ?? 0) & 0o111) !== 0, '-L': (a) => ctx.fs.tryLstat(abs(ctx, a))?.type === 'link', '-h': (a) => ctx.fs.tryLstat(abs(ctx, a))?.type === 'link',
      '-w': (a) => { const n = node(a); if (!n) return false; try { ctx.fs.checkWritable(abs(ctx, a)); return true; } catch { return false; } },
      '-z': (a) => a === '', '-n': (a) => a !== '',
    };
    const binary: Record<string, (a: string, b: string) => boolean> = {
      '=': (a, b) => a === b, '==': (a, b) => a === b, '!=': (a, b) => a !== b,
      '-eq': (a, b) => Number(a) === Number(b), '-ne': (a, b) => Number(a) !== Number(b), '-lt': (a, b) => Number(a) < Number(b),
      '-le': (a, b) => Number(a) <= Number(b), '-gt': (a, b) => Number(a) > Number(b), '-ge': (a, b) => Number(a) >= Number(b),
    };
    const evaluate = (a: string[]): boolean | string => {
      if (a[0] === '!') {
        const r = evaluate(a.slice(1));
        return typeof r === 'string' ? r : !r;
      }
      if (a.length === 0) return false;
      if (a.length === 1) return a[0] !== '';
      if (a.length === 2) {
        const f = unary[a[0] ?? ''];
        return f ? f(a[1] ?? '') : `${a[0] ?? ''}: unary operator expected`;
      }
      if (a.length === 3) {
        const f = binary[a[1] ?? ''];
        return f ? f(a[0] ?? '', a[2] ?? '') : `${a[1] ?? ''}: binary operator expected`;
      }
      return 'too many arguments';
    };
    const r = evaluate(args);
    if (typeof r === 'string') {
      ctx.err(`${ctx.shellPrefix}${bracket ? '[' : 'test'}: ${r}\n`);
      return 2;
    }
    return r ? 0 : 1;
  };
}

const grep = simple('e/regexp= i/ignore-case v/invert-match c/count l/files-with-matches n/line-number h/no-filename H/with-filename q/quiet s/no-messages E/extended-regexp F/fixed-strings w/word-regexp o/only-matching r/recursive', (ctx, p) => {
  const args = [...p.args];
  const pattern = value(p, 'regexp') ?? args.shift();
  if (pattern === undefined) {
    ctx.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    return 2;
  }
  const flagsRe = has(p, 'ignore-case') ? 'i' : '';
  let source = has(p, 'fixed-strings') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : has(p, 'extended-regexp') ? pattern : pattern.replace(/\\([|+?(){}])/g, '$1').replace(/(?<!\\)([|+?(){}])/g, '\\$1').replace(/\\\\([|+?(){}])/g, '$1');
  if (has(p, 'word-regexp')) source = `\\b(?:${source})\\b`;
  let re: RegExp;
  try {
    re = new RegExp(source, flagsRe);
  } catch {
    ctx.err('grep: Unmatched ( or \\(\n');
    return 2;
  }
  const inputs = readInputs(ctx, args, 'grep');
  const prefixName = (inputs.length > 1 || has(p, 'with-filename')) && !has(p, 'no-filename');
  let matched = 0;
  for (const input of inputs) {
    const lines = input.text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    let count = 0;
    lines.forEach((line, n) => {
      if (re.test(line) === has(p, 'invert-match')) return;
      count++;
      if (has(p, 'quiet') || has(p, 'count') || has(p, 'files-with-matches')) return;
      const pre = `${prefixName ? `${input.name || '(standard input)'}:` : ''}${has(p, 'line-number') ? `${n + 1}:` : ''}`;
      ctx.out(has(p, 'only-matching') ? [...line.matchAll(new RegExp(source, `g${flagsRe}`))].map((m) => `${pre}${m[0]}\n`).join('') : `${pre}${line}\n`);
    });
    if (has(p, 'count')) ctx.out(`${prefixName ? `${input.name || '(standard input)'}:` : ''}${count}\n`);
    if (has(p, 'files-with-matches') && count > 0) ctx.out(`${input.name || '(standard input)'}\n`);
    matched += count;
  }
  return inputs.length < Math.max(1, args.length) ? 2 : matched > 0 ? 0 : 1;
});

function headTail(which: 'head' | 'tail'): Program {
  const tree = programTree('n/lines= c/bytes= q/quiet v/verbose f/follow');
  return (ctx) => {
    const legacy = ctx.args.map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
    const p = gnuArgs({ ...ctx, args: legacy }, tree);
    if (typeof p === 'number') return p;
    const lines = value(p, 'lines') ?? '10';
    const bytes = value(p, 'bytes');
    const inputs = readInputs(ctx, p.args, which);
    inputs.forEach((input, i) => {
      if ((inputs.length > 1 && !has(p, 'quiet')) || has(p, 'verbose')) ctx.out(`${i > 0 ? '\n' : ''}==> ${input.stdin ? 'standard input' : input.name} <==\n`);
      if (bytes !== undefined) {
        const c = Number(bytes);
        ctx.out(which === 'head' ? input.text.slice(0, c) : input.text.slice(-c));
        return;
      }
      const all = input.text.split(/(?<=\n)/);
      const n = Number(lines.replace(/^[+-]/, ''));
      const picked = which === 'head' ? (lines.startsWith('-') ? all.slice(0, Math.max(0, all.length - n)) : all.slice(0, n)) : lines.startsWith('+') ? all.slice(Math.max(0, n - 1)) : all.slice(Math.max(0, all.length - n));
      ctx.out(picked.join(''));
    });
    return inputs.length === Math.max(1, p.args.length) ? 0 : 1;
  };
}

const wc = simple('l/lines w/words c/bytes m/chars L/max-line-length', (ctx, p) => {
  const inputs = readInputs(ctx, p.args, 'wc');
  const pick = (['lines', 'words', 'chars', 'bytes', 'max-line-length'] as const).filter((f) => has(p, f));
  const columns = pick.length > 0 ? pick : (['lines', 'words', 'bytes'] as const);
  const count = (t: string) => ({ lines: (t.match(/\n/g) ?? []).length, words: t.split(/\s+/).filter(Boolean).length, chars: [...t].length, bytes: Buffer.byteLength(t), 'max-line-length': Math.max(0, ...t.split('\n').map((l) => l.length)) });
  const rows = inputs.map((i) => ({ name: i.name, ...count(i.text) }));
  if (rows.length > 1) rows.push({ name: 'total', ...count(inputs.map((i) => i.text).join('')), 'max-line-length': Math.max(...rows.map((r) => r['max-line-length'])) });
  // coreutils wc: one count of one input is not padded; stdin pads to 7; files to their total size's digits.
  const width = columns.length === 1 && inputs.length === 1 ? 1 : inputs.some((i) => i.stdin) ? 7 : Math.max(1, String(inputs.reduce((n, i) => n + Buffer.byteLength(i.text), 0)).length);
  for (const r of rows) ctx.out(`${columns.map((c) => String(r[c]).padStart(width)).join(' ')}${r.name ? ` ${r.name}` : ''}\n`);
  return inputs.length === Math.max(1, p.args.length) ? 0 : 1;
});

function digest(algorithm: string, tool: string): Program {
  return simple('b/binary c/check t/text tag', (ctx, p) => {
    const inputs = readInputs(ctx, p.args, tool);
    for (const i of inputs) ctx.out(`${createHash(algorithm).update(i.text).digest('hex')}  ${i.name || '-'}\n`);
    return inputs.length === Math.max(1, p.args.length) ? 0 : 1;
  });
}

/** Programs that change files report `tool: cannot VERB 'path': reason`. */
function eachOperand(tool: string, flags: string, verb: string, act: (ctx: ProgramContext, path: string, p: { flags: readonly { name: string; value: string }[] }) => void, missing = 'missing operand'): Program {
  return simple(flags, (ctx, p) => {
    if (p.args.length === 0) {
      if (tool === 'rm' && has(p, 'force')) return 0;
      ctx.err(`${tool}: ${missing}\nTry '${tool} --help' for more information.\n`);
      return 1;
    }
    let status = 0;
    for (const path of p.args) {
      try {
        act(ctx, path, p);
      } catch (error) {
        if (tool === 'rm' && has(p, 'force') && error instanceof VfsError && error.code === 'ENOENT') continue;
        ctx.err(`${tool}: ${verb} '${path}': ${errnoText(error)}\n`);
        status = 1;
      }
    }
    return status;
  });
}

const touch = eachOperand('touch', 'c/no-create a m d/date= t= r/reference=', 'cannot touch', (ctx, path) => ctx.fs.touch(abs(ctx, path), ctx.now), 'missing file operand');
const mkdir = eachOperand('mkdir', 'p/parents v/verbose m/mode=', 'cannot create directory', (ctx, path, p) => {
  ctx.fs.mkdir(abs(ctx, path), has(p, 'parents'), ctx.now);
  if (has(p, 'verbose')) ctx.out(`mkdir: created directory '${path}'\n`);
});
const rmdir = eachOperand('rmdir', 'p/parents v/verbose', 'failed to remove', (ctx, path) => ctx.fs.rmdir(abs(ctx, path)));
const rm = eachOperand('rm', 'f/force r/recursive R/recursive-R d/dir v/verbose i/interactive-i', 'cannot remove', (ctx, path, p) => {
  const target = abs(ctx, path);
  if (target === '/') throw new VfsError('EINVAL');
  const node = ctx.fs.lstat(target);
  if (node.type === 'dir' && !has(p, 'recursive') && !has(p, 'recursive-R') && !(has(p, 'dir') && node.children.size === 0)) throw new VfsError('EISDIR');
  ctx.fs.remove(target, true);
  if (has(p, 'verbose')) ctx.out(`removed ${node.type === 'dir' ? 'directory ' : ''}'${path}'\n`);
});

function copyOrMove(tool: 'cp' | 'mv' | 'ln'): Program {
  const flags = tool === 'cp' ? 'r/recursive R/recursive-R a/archive v/verbose f/force p/preserve? n/no-clobber' : tool === 'mv' ? 'v/verbose f/force n/no-clobber' : 's/symbolic f/force v/verbose n/no-dereference r/relative';
  return simple(flags, (ctx, p) => {
    const operands = [...p.args];
    if (operands.length < (tool === 'ln' ? 1 : 2)) {
      ctx.err(`${tool}: ${operands.length === 0 ? 'missing file operand' : `missing destination file operand after '${operands[0] ?? ''}'`}\nTry '${tool} --help' for more information.\n`);
      return 1;
    }
    const dest = operands.length === 1 ? '.' : (operands.pop() ?? '.');
    const destAbs = abs(ctx, dest);
    const destIsDir = ctx.fs.tryLookup(destAbs)?.type === 'dir';
    let status = 0;
    for (const src of operands) {
      const srcAbs = abs(ctx, src);
      const target = destIsDir ? resolvePath(destAbs, baseName(srcAbs)) : destAbs;
      const shown = destIsDir ? `${dest.replace(/\/$/, '')}/${baseName(srcAbs)}` : dest;
      try {
        if (tool === 'ln') {
          if (!has(p, 'symbolic')) throw new VfsError(ctx.fs.tryLookup(srcAbs) ? 'EROFS' : 'ENOENT');
          ctx.fs.symlink(src, target, ctx.now);
          if (has(p, 'verbose')) ctx.out(`'${shown}' -> '${src}'\n`);
          continue;
        }
        const node = ctx.fs.tryLstat(srcAbs);
        if (!node) {
          ctx.err(`${tool}: cannot stat '${src}': No such file or directory\n`);
          status = 1;
          continue;
        }
        if (tool === 'mv') ctx.fs.rename(srcAbs, target);
        else if (node.type === 'dir') {
          if (!has(p, 'recursive') && !has(p, 'recursive-R') && !has(p, 'archive')) {
            ctx.err(`cp: -r not specified; omitting directory '${src}'\n`);
            status = 1;
            continue;
          }
          copyTree(ctx, srcAbs, target);
        } else ctx.fs.copyFile(srcAbs, target, ctx.now);
        if (has(p, 'verbose')) ctx.out(tool === 'mv' ? `renamed '${src}' -> '${shown}'\n` : `'${src}' -> '${shown}'\n`);
      } catch (error) {
        const text = errnoText(error);
        if (tool === 'ln') ctx.err(`ln: failed to create ${has(p, 'symbolic') ? 'symbolic ' : 'hard '}link '${shown}'${has(p, 'symbolic') ? '' : ` => '${src}'`}: ${text}\n`);
        else if (tool === 'cp') ctx.err(`cp: cannot create ${ctx.fs.tryLookup(srcAbs)?.type === 'dir' ? 'directory' : 'regular file'} '${shown}': ${text}\n`);
        else ctx.err(`mv: cannot move '${src}' to '${shown}': ${text}\n`);
        status = 1;
      }
    }
    return status;
  });
}

function copyTree(ctx: ProgramContext, from: string, to: string): void {
  const node = ctx.fs.lookup(from);
  if (node.type !== 'dir') return ctx.fs.copyFile(from, to, ctx.now);
  ctx.fs.mkdir(to, false, ctx.now);
  for (const name of node.children.keys()) copyTree(ctx, resolvePath(from, name), resolvePath(to, name));
}

const tee = simple('a/append i/ignore-interrupts p', (ctx, p) => {
  let status = 0;
  for (const path of p.args) {
    try {
      ctx.fs.writeFile(abs(ctx, path), ctx.stdin, has(p, 'append'), ctx.now);
    } catch (error) {
      ctx.err(`tee: ${path}: ${errnoText(error)}\n`);
      status = 1;
    }
  }
  ctx.out(ctx.stdin);
  return status;
});

/** du: 1K blocks (a directory's own block counts, as on ext4). */
const du = simple('s/summarize h/human-readable a/all c/total d/max-depth= k b/bytes', (ctx, p) => {
  let status = 0;
  let grand = 0;
  const show = (n: number, path: string): void => ctx.out(`${has(p, 'human-readable') ? human(n * 1024) : String(n)}\t${path}\n`);
  const maxDepth = has(p, 'summarize') ? 0 : value(p, 'max-depth') !== undefined ? Number(value(p, 'max-depth')) : Infinity;
  const walk = (node: VNode, path: string, depth: number): number => {
    if (node.type !== 'dir') {
      if (depth === 0 || (has(p, 'all') && depth <= maxDepth)) show(blocks(node), path);
      return blocks(node);
    }
    let total = blocks(node);
    for (const [name, child] of node.children) total += walk(child, `${path.replace(/\/$/, '')}/${name}`, depth + 1);
    if (depth <= maxDepth) show(total, path);
    return total;
  };
  for (const path of p.args.length > 0 ? p.args : ['.']) {
    const node = ctx.fs.tryLstat(abs(ctx, path));
    if (!node) {
      ctx.err(`du: cannot access '${path}': No such file or directory\n`);
      status = 1;
      continue;
    }
    grand += walk(node, path, 0);
  }
  if (has(p, 'total')) show(grand, 'total');
  return status;
});

/** df: the mounts, in GNU's columns (Filesystem ≥ 14 wide, numbers right-aligned). */
const df = simple('h/human-readable H/si T/print-type a/all k P/portability', (ctx, p) => {
  const h = has(p, 'human-readable');
  const mounts = (ctx.fs.tryLookup('/proc/mounts')?.type === 'file' ? (ctx.fs.lookup('/proc/mounts') as { content: string }).content : '').split('\n').filter(Boolean).map((l) => l.split(' '));
  const size = (src: string, fsType: string): [number, number, number] => (fsType === 'tmpfs' || fsType === 'shm' ? [65536, 0, 65536] : src === 'overlay' ? [102626232, 32145436, 65221532] : [102626232, 32145436, 65221532]);
  const wanted = p.args.length > 0
    ? p.args.flatMap((a) => {
        const target = abs(ctx, a);
        if (!ctx.fs.tryLookup(target)) {
          ctx.err(`df: ${a}: No such file or directory\n`);
          return [];
        }
        const m = ctx.fs.mountOf(target)?.path ?? '/';
        return mounts.filter((x) => x[1] === m).slice(-1);
      })
    : mounts.filter((m) => !['proc', 'sysfs', 'cgroup2', 'devpts', 'mqueue'].includes(m[2] ?? '') && !(m[1] ?? '').startsWith('/proc') && !(m[1] ?? '').startsWith('/sys'));
  const rows = wanted.map(([src = '', target = '', fsType = '']) => {
    const [total, used, avail] = size(src, fsType);
    const pct = total === 0 ? '-' : `${Math.ceil((used / (used + avail)) * 100)}%`;
    const n = (k: number): string => (h ? human(k * 1024) : String(k));
    return [src, ...(has(p, 'print-type') ? [fsType] : []), n(total), n(used), n(avail), pct, target];
  });
  const header = ['Filesystem', ...(has(p, 'print-type') ? ['Type'] : []), h ? 'Size' : '1K-blocks', 'Used', h ? 'Avail' : 'Available', 'Use%', 'Mounted on'];
  const min = [14, ...(has(p, 'print-type') ? [4] : []), 5, 5, 5, 4, 0];
  const widths = header.map((c, i) => Math.max(min[i] ?? 0, c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const leftAligned = (i: number): boolean => i === 0 || i === header.length - 1 || (has(p, 'print-type') && i === 1);
  for (const r of [header, ...rows]) ctx.out(`${r.map((c, i) => (i === r.length - 1 ? c : leftAligned(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' ')}\n`);
  return rows.length === Math.max(1, p.args.length) || p.args.length === 0 ? 0 : 1;
});

/** find: paths, then -name/-iname/-type/-maxdepth/-mindepth/-path, printing (or -ls). */
const find: Program = (ctx) => {
  const args = [...ctx.args];
  const starts: string[] = [];
  while (args[0] !== undefined && !args[0].startsWith('-') && args[0] !== '!' && args[0] !== '(') starts.push(args.shift() ?? '.');
  const tests: ((path: string, node: VNode, depth: number) => boolean)[] = [];
  let maxDepth = Infinity;
  let minDepth = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const arg = args[i + 1];
    const needs = ['-name', '-iname', '-type', '-maxdepth', '-mindepth', '-path'];
    if (needs.includes(a) && arg === undefined) {
      ctx.err(`find: missing argument to \`${a}'\n`);
      return 1;
    }
    const glob = (pattern: string, flags = ''): RegExp => new RegExp(`^${pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, flags);
    if (a === '-name' || a === '-iname') {
      const re = glob(arg ?? '', a === '-iname' ? 'i' : '');
      tests.push((path) => re.test(baseName(path)));
      i++;
    } else if (a === '-path') {
      const re = glob(arg ?? '');
      tests.push((path) => re.test(path));
      i++;
    } else if (a === '-type') {
      const t = arg;
      if (!['f', 'd', 'l'].includes(t ?? '')) {
        ctx.err(`find: Unknown argument to -type: ${t ?? ''}\n`);
        return 1;
      }
      tests.push((_p, node) => (t === 'f' ? node.type === 'file' : t === 'd' ? node.type === 'dir' : node.type === 'link'));
      i++;
    } else if (a === '-maxdepth' || a === '-mindepth') {
      if (a === '-maxdepth') maxDepth = Number(arg);
      else minDepth = Number(arg);
      i++;
    } else if (a !== '-print') {
      ctx.err(`find: unknown predicate \`${a}'\n`);
      return 1;
    }
  }
  let status = 0;
  for (const start of starts.length > 0 ? starts : ['.']) {
    const node = ctx.fs.tryLstat(abs(ctx, start));
    if (!node) {
      ctx.err(`find: '${start}': No such file or directory\n`);
      status = 1;
      continue;
    }
    const walk = (n: VNode, path: string, depth: number): void => {
      if (depth >= minDepth && tests.every((t) => t(path, n, depth))) ctx.out(`${path}\n`);
      if (n.type === 'dir' && depth < maxDepth) for (const [name, child] of n.children) walk(child, `${path.replace(/\/$/, '')}/${name}`, depth + 1);
    };
    walk(node, start, 0);
  }
  return status;
};

const mount: Program = (ctx) => {
  if (ctx.args.some((a) => !a.startsWith('-'))) {
    ctx.err(`mount: ${ctx.args.find((a) => !a.startsWith('-')) ?? ''}: must be superuser to use mount.\n       dmesg(1) may have more information after failed mount system call.\n`);
    return 32;
  }
  const procMounts = ctx.fs.tryLookup('/proc/mounts');
  ctx.out(`${mountTable(procMounts?.type === 'file' ? procMounts.content : '')}\n`);
  return 0;
};

const uname = simple('a/all s/kernel-name n/nodename r/kernel-release v/kernel-version m/machine p/processor i/hardware-platform o/operating-system', (ctx, p) => {
  const fields: [string, string][] = [['kernel-name', 'Linux'], ['nodename', ctx.state.hostname], ['kernel-release', KERNEL_VERSION], ['kernel-version', '#90-Ubuntu SMP PREEMPT_DYNAMIC Tue Nov 18 14:11:28 UTC 2025'], ['machine', 'x86_64'], ['operating-system', 'GNU/Linux']];
  const pick = has(p, 'all') ? fields : fields.filter(([k]) => has(p, k));
  ctx.out(`${(pick.length > 0 ? pick : [fields[0] ?? ['', 'Linux']]).map(([, v]) => v).join(' ')}\n`);
  return 0;
});

/** Line filters: sort, uniq, tac, rev, cut, tr. */
const lines = (text: string): string[] => {
  const l = text.split('\n');
  if (l.at(-1) === '') l.pop();
  return l;
};
const sort = simple('r/reverse n/numeric-sort u/unique f/ignore-case', (ctx, p) => {
  const input = readInputs(ctx, p.args, 'sort').map((i) => i.text).join('');
  let out = lines(input).sort((a, b) => (has(p, 'numeric-sort') ? parseFloat(a) - parseFloat(b) || (a < b ? -1 : 1) : a < b ? -1 : a > b ? 1 : 0));
  if (has(p, 'reverse')) out.reverse();
  if (has(p, 'unique')) out = out.filter((l, i) => out.indexOf(l) === i);
  ctx.out(out.map((l) => `${l}\n`).join(''));
  return 0;
});
const uniq = simple('c/count d/repeated', (ctx, p) => {
  const groups: { line: string; n: number }[] = [];
  for (const l of lines(readInputs(ctx, p.args.slice(0, 1), 'uniq').map((i) => i.text).join(''))) {
    const last = groups.at(-1);
    if (last && last.line === l) last.n++;
    else groups.push({ line: l, n: 1 });
  }
  ctx.out(groups.filter((g) => !has(p, 'repeated') || g.n > 1).map((g) => (has(p, 'count') ? `${String(g.n).padStart(7)} ${g.line}\n` : `${g.line}\n`)).join(''));
  return 0;
});

const cut = simple('d/delimiter= f/fields= c/characters= b/bytes= s/only-delimited', (ctx, p) => {
  const list = value(p, 'fields') ?? value(p, 'characters') ?? value(p, 'bytes');
  if (list === undefined) {
    ctx.err("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
    return 1;
  }
  const wanted = (n: number): boolean => list.split(',').some((r) => {
    const [a = '', b] = r.split('-');
    return b === undefined ? n === Number(a) : n >= (a === '' ? 1 : Number(a)) && (b === '' || n <= Number(b));
  });
  const delim = value(p, 'delimiter') ?? '\t';
  for (const line of lines(readInputs(ctx, p.args, 'cut').map((i) => i.text).join(''))) {
    if (value(p, 'fields') === undefined) ctx.out(`${[...line].filter((_c, i) => wanted(i + 1)).join('')}\n`);
    else if (line.includes(delim)) ctx.out(`${line.split(delim).filter((_f, i) => wanted(i + 1)).join(delim)}\n`);
    else if (!has(p, 'only-delimited')) ctx.out(`${line}\n`);
  }
  return 0;
});

const tr = simple('d/delete s/squeeze-repeats', (ctx, p) => {
  const expand = (set: string): string[] => [...unescape(set).replace(/(.)-(.)/g, (_m, a: string, b: string) => Array.from({ length: b.charCodeAt(0) - a.charCodeAt(0) + 1 }, (_x, i) => String.fromCharCode(a.charCodeAt(0) + i)).join(''))];
  const from = expand(p.args[0] ?? '');
  const to = expand(p.args[1] ?? '');
  let out = [...ctx.stdin].flatMap((c) => (has(p, 'delete') ? (from.includes(c) ? [] : [c]) : [from.includes(c) ? (to[Math.min(from.indexOf(c), to.length - 1)] ?? c) : c])).join('');
  if (has(p, 'squeeze-repeats')) out = out.replace(/(.)\1+/g, (m, c: string) => ((has(p, 'delete') ? to : to.length > 0 ? to : from).includes(c) ? c : m));
  ctx.out(out);
  return 0;
});

const which: Program = (ctx) => {
  let status = 0;
  for (const name of ctx.args.filter((a) => !a.startsWith('-'))) {
    if (isProgram(name)) ctx.out(`/usr/${IMAGE_SBIN.has(name) ? 'sbin' : 'bin'}/${name}\n`);
    else status = 1;
  }
  return status;
};

let isProgram: (name: string) => boolean = () => false;
/** Lets `which` know the image's programs without an import cycle. */
export function setProgramLookup(f: (name: string) => boolean): void {
  isProgram = f;
}

export const PROGRAMS: Readonly<Record<string, Program>> = {
  cat, echo, printf, test: testProgram(false), '[': testProgram(true), grep, egrep: grep, fgrep: grep, head: headTail('head'), tail: headTail('tail'), wc,
  sha256sum: digest('sha256', 'sha256sum'), sha1sum: digest('sha1', 'sha1sum'), sha512sum: digest('sha512', 'sha512sum'), md5sum: digest('md5', 'md5sum'), b2sum: digest('blake2b512', 'b2sum'),
  cut, tr, touch, mkdir, rmdir, rm, cp: copyOrMove('cp'), mv: copyOrMove('mv'), ln: copyOrMove('ln'), tee, du, df, find, mount, uname, sort, uniq, which, ls, dir: ls, stat,
  tac: (ctx) => (ctx.out(lines(readInputs(ctx, ctx.args, 'tac').map((i) => i.text).join('')).reverse().map((l) => `${l}\n`).join('')), 0),
  rev: (ctx) => (ctx.out(lines(readInputs(ctx, ctx.args, 'rev').map((i) => i.text).join('')).map((l) => `${[...l].reverse().join('')}\n`).join('')), 0),
  basename: (ctx) => (ctx.out(`${baseName(ctx.args[0] ?? '').replace(new RegExp(`${(ctx.args[1] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), '')}\n`), 0),
  dirname: (ctx) => (ctx.out(`${(ctx.args[0] ?? '.').replace(/\/+[^/]*\/*$/, '') || (ctx.args[0]?.startsWith('/') ? '/' : '.')}\n`), 0),
  readlink: (ctx) => {
    const f = ctx.args.includes('-f');
    const path = ctx.args.find((a) => !a.startsWith('-')) ?? '';
    const node = ctx.fs.tryLstat(abs(ctx, path));
    if (f) return node || ctx.fs.tryLookup(resolvePath(abs(ctx, path), '..')) ? (ctx.out(`${ctx.fs.tryLookup(abs(ctx, path)) ? ctx.fs.realPath(abs(ctx, path)) : abs(ctx, path)}\n`), 0) : 1;
    return node?.type === 'link' ? (ctx.out(`${node.target}\n`), 0) : 1;
  },
  realpath: (ctx) => (ctx.args.every((a) => ctx.fs.tryLookup(abs(ctx, a))) ? (ctx.out(ctx.args.map((a) => `${ctx.fs.realPath(abs(ctx, a))}\n`).join('')), 0) : (ctx.err(`realpath: ${ctx.args.find((a) => !ctx.fs.tryLookup(abs(ctx, a))) ?? ''}: No such file or directory\n`), 1)),
  seq: (ctx) => {
    const n = ctx.args.map(Number);
    const [first, step, last] = n.length === 1 ? [1, 1, n[0] ?? 1] : n.length === 2 ? [n[0] ?? 1, 1, n[1] ?? 1] : [n[0] ?? 1, n[1] ?? 1, n[2] ?? 1];
    for (let i = first; step > 0 ? i <= last : i >= last; i += step) ctx.out(`${i}\n`);
    return 0;
  },
  pwd: (ctx) => (ctx.out(`${ctx.state.cwd}\n`), 0),
  id: (ctx) => (ctx.out(ctx.args.includes('-u') ? '0\n' : ctx.args.includes('-un') || ctx.args.includes('-nu') ? 'root\n' : 'uid=0(root) gid=0(root) groups=0(root)\n'), 0),
  whoami: (ctx) => (ctx.out('root\n'), 0),
  groups: (ctx) => (ctx.out('root\n'), 0),
  hostname: (ctx) => (ctx.out(ctx.args.includes('-i') ? '10.244.0.5\n' : `${ctx.state.hostname}\n`), 0),
  nproc: (ctx) => (ctx.out('8\n'), 0),
  arch: (ctx) => (ctx.out('x86_64\n'), 0),
  true: () => 0,
  false: () => 1,
  env: (ctx) => {
    for (const [k, v] of ctx.state.vars) if (/^[A-Z_][A-Z0-9_]*$/.test(k) && k !== 'OLDPWD') ctx.out(`${k}=${v}\n`);
    return 0;
  },
  printenv: (ctx) => {
    if (ctx.args.length === 0) return PROGRAMS['env']?.(ctx) ?? 0;
    const v = ctx.state.vars.get(ctx.args[0] ?? '');
    return v === undefined ? 1 : (ctx.out(`${v}\n`), 0);
  },
  date: (ctx) => {
    const d = new Date(ctx.now);
    const s = d.toUTCString();
    ctx.out(`${s.slice(0, 3)} ${s.slice(8, 11)} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)} UTC ${d.getUTCFullYear()}\n`);
    return 0;
  },
  sleep: async (ctx) => {
    const arg = ctx.args[0] ?? '';
    const seconds = arg === 'infinity' ? 24 * 3600 : Number(arg.replace(/[smhd]$/, '')) * ({ s: 1, m: 60, h: 3600, d: 86400 }[arg.slice(-1)] ?? 1);
    if (!Number.isFinite(seconds) || arg === '') {
      ctx.err(arg === '' ? "sleep: missing operand\nTry 'sleep --help' for more information.\n" : `sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    await ctx.sleep(seconds * 1000);
    return 0;
  },
  stty: (ctx) => {
    if (!ctx.state.tty) {
      ctx.err("stty: 'standard input': Inappropriate ioctl for device\n");
      return 1;
    }
    if (ctx.args[0] === 'size') ctx.out(`${ctx.state.rows} ${ctx.state.cols}\n`);
    return 0;
  },
  tput: (ctx) => {
    if (!ctx.state.vars.get('TERM')) {
      ctx.err('tput: No value for $TERM and no -T specified\n');
      return 2;
    }
    if (ctx.args[0] === 'cols') ctx.out(`${ctx.state.cols}\n`);
    else if (ctx.args[0] === 'lines') ctx.out(`${ctx.state.rows}\n`);
    else if (ctx.args[0] === 'clear') ctx.out('\x1b[H\x1b[2J\x1b[3J');
    return 0;
  },
  clear: (ctx) => {
    if (!ctx.state.vars.get('TERM')) {
      ctx.err('TERM environment variable not set.\n');
      return 1;
    }
    ctx.out('\x1b[H\x1b[2J\x1b[3J');
    return 0;
  },
};
