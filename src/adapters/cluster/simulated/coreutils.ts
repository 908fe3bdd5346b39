// The programs of the simulated debian container (coreutils, grep, util-linux, ncurses bits),
// with the messages and exit codes the real ones have.
import { ls, stat } from './coreutils-ls.js';
import { KERNEL_VERSION } from './facts.js';
import { mountTable } from './rootfs.js';
import { baseName, resolvePath, VfsError, type Vfs } from './vfs.js';

export interface ShellState {
  cwd: string;
  readonly vars: Map<string, string>;
  lastStatus: number;
  readonly history: string[];
  cols: number;
  rows: number;
  readonly tty: boolean;
  readonly hostname: string;
}

export interface ProgramContext {
  readonly name: string;
  readonly args: readonly string[];
  readonly stdin: string;
  readonly fs: Vfs;
  readonly state: ShellState;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export type Program = (ctx: ProgramContext) => number | Promise<number>;

function errnoText(error: unknown): string {
  return error instanceof VfsError ? error.message : String(error);
}

function abs(ctx: ProgramContext, p: string): string {
  return resolvePath(ctx.state.cwd, p);
}

/** Splits -abc style flags from operands (stops at --). */
function parseFlags(args: readonly string[], withValue: readonly string[] = []): { flags: Set<string>; values: Map<string, string>; operands: string[] } {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const operands: string[] = [];
  let done = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (done || !a.startsWith('-') || a === '-') operands.push(a);
    else if (a === '--') done = true;
    else if (a.startsWith('--')) flags.add(a);
    else {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (withValue.includes(f)) {
          values.set(f, a.slice(j + 1) || (args[++i] ?? ''));
          break;
        }
        flags.add(f);
      }
    }
  }
  return { flags, values, operands };
}

function readInputs(ctx: ProgramContext, operands: readonly string[], tool: string): { name: string; text: string }[] | null {
  if (operands.length === 0) return [{ name: '(standard input)', text: ctx.stdin }];
  const out: { name: string; text: string }[] = [];
  let failed = false;
  for (const p of operands) {
    if (p === '-') {
      out.push({ name: '(standard input)', text: ctx.stdin });
      continue;
    }
    try {
      const node = ctx.fs.lookup(abs(ctx, p));
      if (node.type === 'dir') {
        ctx.err(`${tool}: ${p}: Is a directory\n`);
        failed = true;
        continue;
      }
      out.push({ name: p, text: node.content });
    } catch (error) {
      ctx.err(`${tool}: ${p}: ${errnoText(error)}\n`);
      failed = true;
    }
  }
  return failed && out.length === 0 ? null : out;
}

const cat: Program = (ctx) => {
  const { operands } = parseFlags(ctx.args);
  const inputs = readInputs(ctx, operands, 'cat');
  for (const i of inputs ?? []) ctx.out(i.text);
  return inputs === null || (inputs.length < Math.max(1, operands.length)) ? 1 : 0;
};

const echo: Program = (ctx) => {
  let args = [...ctx.args];
  let newline = true;
  let escapes = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\');
  ctx.out(newline ? `${text}\n` : text);
  return 0;
};

const printf: Program = (ctx) => {
  const [format = '', ...rest] = ctx.args;
  let i = 0;
  const text = format
    .replace(/%[sd]/g, () => rest[i++] ?? '')
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
  ctx.out(text);
  return 0;
};

const grep: Program = (ctx) => {
  const { flags, values, operands } = parseFlags(ctx.args, ['e', 'm']);
  const pattern = values.get('e') ?? operands.shift();
  if (pattern === undefined) {
    ctx.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    return 2;
  }
  const ignoreCase = flags.has('i');
  let test: (line: string) => boolean;
  if (flags.has('F')) {
    const needle = ignoreCase ? pattern.toLowerCase() : pattern;
    test = (line) => (ignoreCase ? line.toLowerCase() : line).includes(needle);
  } else {
    try {
      const source = flags.has('E') ? pattern : pattern.replace(/\\([|+?(){}])/g, '$1');
      const re = new RegExp(source, ignoreCase ? 'i' : '');
      test = (line) => re.test(line);
    } catch {
      test = (line) => line.includes(pattern);
    }
  }
  const inputs = readInputs(ctx, operands, 'grep');
  if (inputs === null) return 2;
  const prefix = inputs.length > 1 && !flags.has('h');
  let matched = 0;
  for (const input of inputs) {
    const lines = input.text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    let count = 0;
    lines.forEach((line, n) => {
      if (test(line) === flags.has('v')) return;
      count++;
      if (flags.has('q') || flags.has('c') || flags.has('l')) return;
      ctx.out(`${prefix ? `${input.name}:` : ''}${flags.has('n') ? `${n + 1}:` : ''}${line}\n`);
    });
    if (flags.has('c')) ctx.out(`${prefix ? `${input.name}:` : ''}${count}\n`);
    if (flags.has('l') && count > 0) ctx.out(`${input.name}\n`);
    matched += count;
  }
  return matched > 0 ? 0 : 1;
};

function headTail(which: 'head' | 'tail'): Program {
  return (ctx) => {
    const args = ctx.args.map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
    const { values, operands } = parseFlags(args, ['n', 'c']);
    const n = Number(values.get('n') ?? 10);
    const inputs = readInputs(ctx, operands, which);
    if (inputs === null) return 1;
    inputs.forEach((input, i) => {
      if (inputs.length > 1) ctx.out(`${i > 0 ? '\n' : ''}==> ${input.name} <==\n`);
      if (values.has('c')) {
        const c = Number(values.get('c'));
        ctx.out(which === 'head' ? input.text.slice(0, c) : input.text.slice(-c));
        return;
      }
      const lines = input.text.split('\n');
      const trailing = lines[lines.length - 1] === '';
      if (trailing) lines.pop();
      const picked = which === 'head' ? lines.slice(0, n) : lines.slice(Math.max(0, lines.length - n));
      if (picked.length > 0) ctx.out(`${picked.join('\n')}${trailing || picked.length < lines.length ? '\n' : ''}`);
    });
    return 0;
  };
}

const wc: Program = (ctx) => {
  const { flags, operands } = parseFlags(ctx.args);
  const inputs = readInputs(ctx, operands, 'wc');
  if (inputs === null) return 1;
  const pick = flags.size === 0 ? ['l', 'w', 'c'] : ['l', 'w', 'c', 'm'].filter((f) => flags.has(f));
  const counts = inputs.map((i) => ({
    name: operands.length === 0 ? '' : i.name,
    l: (i.text.match(/\n/g) ?? []).length,
    w: i.text.split(/\s+/).filter(Boolean).length,
    c: Buffer.byteLength(i.text, 'utf8'),
    m: [...i.text].length,
  }));
  if (counts.length > 1) {
    counts.push({ name: 'total', l: 0, w: 0, c: 0, m: 0 });
    const total = counts[counts.length - 1];
    for (const c of counts.slice(0, -1)) {
      total.l += c.l;
      total.w += c.w;
      total.c += c.c;
      total.m += c.m;
    }
  }
  const single = pick.length === 1 && counts.length === 1;
  const width = single ? 1 : operands.length === 0 ? 7 : Math.max(1, ...counts.map((c) => String(c.c).length));
  for (const c of counts) {
    const nums = pick.map((f) => String(c[f as 'l' | 'w' | 'c' | 'm']).padStart(width));
    ctx.out(`${nums.join(' ')}${c.name ? ` ${c.name}` : ''}\n`);
  }
  return inputs.length < operands.length ? 1 : 0;
};

const touch: Program = (ctx) => {
  const { operands } = parseFlags(ctx.args);
  if (operands.length === 0) {
    ctx.err("touch: missing file operand\nTry 'touch --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const p of operands) {
    try {
      ctx.fs.touch(abs(ctx, p), ctx.now());
    } catch (error) {
      ctx.err(`touch: cannot touch '${p}': ${errnoText(error)}\n`);
      status = 1;
    }
  }
  return status;
};

const mkdir: Program = (ctx) => {
  const { flags, operands } = parseFlags(ctx.args);
  if (operands.length === 0) {
    ctx.err("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const p of operands) {
    try {
      ctx.fs.mkdir(abs(ctx, p), flags.has('p'), ctx.now());
    } catch (error) {
      ctx.err(`mkdir: cannot create directory '${p}': ${errnoText(error)}\n`);
      status = 1;
    }
  }
  return status;
};

const rm: Program = (ctx) => {
  const { flags, operands } = parseFlags(ctx.args);
  const force = flags.has('f');
  const recursive = flags.has('r') || flags.has('R') || flags.has('--recursive');
  if (operands.length === 0) {
    if (force) return 0;
    ctx.err("rm: missing operand\nTry 'rm --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const p of operands) {
    const path = abs(ctx, p);
    if (path === '/') {
      ctx.err("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
      status = 1;
      continue;
    }
    try {
      ctx.fs.remove(path, recursive);
    } catch (error) {
      if (force && error instanceof VfsError && error.code === 'ENOENT') continue;
      ctx.err(`rm: cannot remove '${p}': ${errnoText(error)}\n`);
      status = 1;
    }
  }
  return status;
};

const rmdir: Program = (ctx) => {
  let status = 0;
  for (const p of parseFlags(ctx.args).operands) {
    try {
      ctx.fs.rmdir(abs(ctx, p));
    } catch (error) {
      ctx.err(`rmdir: failed to remove '${p}': ${errnoText(error)}\n`);
      status = 1;
    }
  }
  return status;
};

function copyOrMove(tool: 'cp' | 'mv'): Program {
  return (ctx) => {
    const { operands } = parseFlags(ctx.args);
    if (operands.length < 2) {
      ctx.err(operands.length === 0 ? `${tool}: missing file operand\n` : `${tool}: missing destination file operand after '${operands[0]}'\n`);
      ctx.err(`Try '${tool} --help' for more information.\n`);
      return 1;
    }
    const dest = operands.pop()!;
    const destAbs = abs(ctx, dest);
    const destIsDir = ctx.fs.tryLookup(destAbs)?.type === 'dir';
    let status = 0;
    for (const src of operands) {
      const srcAbs = abs(ctx, src);
      const target = destIsDir ? `${destAbs.replace(/\/$/, '')}/${baseName(srcAbs)}` : destAbs;
      const shownTarget = destIsDir ? `${dest.replace(/\/$/, '')}/${baseName(srcAbs)}` : dest;
      const node = ctx.fs.tryLookup(srcAbs);
      if (!node) {
        ctx.err(`${tool}: cannot stat '${src}': No such file or directory\n`);
        status = 1;
        continue;
      }
      try {
        if (tool === 'cp') {
          if (node.type === 'dir') {
            ctx.err(`cp: -r not specified; omitting directory '${src}'\n`);
            status = 1;
            continue;
          }
          ctx.fs.copyFile(srcAbs, target, ctx.now());
        } else ctx.fs.rename(srcAbs, target);
      } catch (error) {
        if (tool === 'cp') ctx.err(`cp: cannot create regular file '${shownTarget}': ${errnoText(error)}\n`);
        else ctx.err(`mv: cannot move '${src}' to '${shownTarget}': ${errnoText(error)}\n`);
        status = 1;
      }
    }
    return status;
  };
}

const mount: Program = (ctx) => {
  if (ctx.args.length > 0 && ctx.args.some((a) => !a.startsWith('-'))) {
    ctx.err('mount: /volume: must be superuser to use mount.\n       dmesg(1) may have more information after failed mount system call.\n');
    return 32;
  }
  const procMounts = ctx.fs.tryLookup('/proc/mounts');
  ctx.out(`${mountTable(procMounts?.type === 'file' ? procMounts.content : '')}\n`);
  return 0;
};

const df: Program = (ctx) => {
  const { flags, operands } = parseFlags(ctx.args);
  const h = flags.has('h');
  const rows = [['Filesystem', h ? 'Size' : '1K-blocks', 'Used', h ? 'Avail' : 'Available', 'Use%', 'Mounted on']];
  const targets = operands.length > 0 ? operands.map((p) => abs(ctx, p)) : ['/', '/dev', '/dev/shm', '/volume'];
  for (const t of targets) {
    if (!ctx.fs.tryLookup(t)) {
      ctx.err(`df: ${t}: No such file or directory\n`);
      continue;
    }
    const m = ctx.fs.mountOf(t);
    const src = m ? m.source : 'overlay';
    rows.push(h ? [src, '98G', '31G', '63G', '33%', m?.path ?? '/'] : [src, '102626232', '32145436', '65221532', '34%', m?.path ?? '/']);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) ctx.out(`${r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(i === 0 ? widths[i] : 0) : c.padStart(widths[i]))).join(' ')}\n`);
  return 0;
};

const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export const PROGRAMS: Readonly<Record<string, Program>> = {
  cat,
  echo,
  printf,
  grep,
  head: headTail('head'),
  tail: headTail('tail'),
  wc,
  touch,
  mkdir,
  rm,
  rmdir,
  cp: copyOrMove('cp'),
  mv: copyOrMove('mv'),
  mount,
  df,
  ls: (ctx) => ls(ctx.args, { fs: ctx.fs, cwd: ctx.state.cwd, now: ctx.now(), tty: ctx.state.tty, cols: ctx.state.cols, out: ctx.out, err: ctx.err }),
  stat: (ctx) => stat(ctx.args, { fs: ctx.fs, cwd: ctx.state.cwd, now: ctx.now(), tty: ctx.state.tty, cols: ctx.state.cols, out: ctx.out, err: ctx.err }),
  pwd: (ctx) => (ctx.out(`${ctx.state.cwd}\n`), 0),
  id: (ctx) => (ctx.out('uid=0(root) gid=0(root) groups=0(root)\n'), 0),
  whoami: (ctx) => (ctx.out('root\n'), 0),
  hostname: (ctx) => (ctx.out(`${ctx.state.hostname}\n`), 0),
  true: () => 0,
  false: () => 1,
  uname: (ctx) => {
    const all = ctx.args.includes('-a');
    ctx.out(all ? `Linux ${ctx.state.hostname} ${KERNEL_VERSION} #90-Ubuntu SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\n` : ctx.args.includes('-r') ? `${KERNEL_VERSION}\n` : 'Linux\n');
    return 0;
  },
  env: (ctx) => {
    for (const [k, v] of ctx.state.vars) ctx.out(`${k}=${v}\n`);
    return 0;
  },
  date: (ctx) => {
    const d = new Date(ctx.now());
    const [wd, mon, day, year, time] = [d.toUTCString().slice(0, 3), d.toUTCString().slice(8, 11), d.getUTCDate(), d.getUTCFullYear(), d.toISOString().slice(11, 19)];
    ctx.out(`${wd} ${mon} ${String(day).padStart(2, ' ')} ${time} UTC ${year}\n`);
    return 0;
  },
  sleep: async (ctx) => {
    const seconds = Number((ctx.args[0] ?? '').replace(/s$/, ''));
    if (ctx.args[0] === 'infinity') {
      await ctx.sleep(24 * 3600_000);
      return 0;
    }
    if (!Number.isFinite(seconds)) {
      ctx.err(`sleep: invalid time interval '${ctx.args[0] ?? ''}'\nTry 'sleep --help' for more information.\n`);
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
      ctx.err("TERM environment variable not set.\n");
      return 1;
    }
    ctx.out('\x1b[H\x1b[2J\x1b[3J');
    return 0;
  },
  which: (ctx) => {
    let status = 0;
    for (const name of ctx.args.filter((a) => !a.startsWith('-'))) {
      if (name in PROGRAMS || name === 'bash' || name === 'sh') ctx.out(`/usr/bin/${name}\n`);
      else status = 1;
    }
    return status;
  },
};

export { PATH_DIRS };
