// The simulated container's shell: runs command lines (bash in the session, `bash -c`,
// dash's `sh -c`) and argv execs over the pod's virtual file system.
import type { Lang } from '../../../i18n/types.js';
import { t } from '../../../i18n/index.js';
import type { ExecResult } from '../../ports.js';
import { abortError } from './clock.js';
import { PROGRAMS, setProgramLookup } from './coreutils.js';
import { IMAGE_PROGRAMS } from './image-commands.js';
import type { SimPod } from './pod-timeline.js';
import type { ProgramContext, ShellState } from './program.js';
import { buildRootfs } from './rootfs.js';
import { expandWord, parseLine, type Redirect, type SimpleCommand, type Word } from './shell-parser.js';
import { resolvePath, VfsError, type Vfs, type VNode } from './vfs.js';
import type { SimWorld } from './world.js';

/** bash typed at a prompt, `bash -c LINE`, or dash's `sh -c LINE`: they word their errors differently. */
export type Dialect = 'bash' | 'bash-c' | 'sh-c';

export interface ShellIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** out is the terminal (not a pipe or a file): what `ls` and friends look at. */
  readonly tty?: boolean;
}

export interface LineOutcome {
  readonly status: number;
  /** Set when the line ran `exit`. */
  readonly exit?: number;
}

class ExitSignal extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
    this.name = 'ExitSignal';
  }
}

function prefix(dialect: Dialect): string {
  return dialect === 'bash' ? 'bash: ' : dialect === 'bash-c' ? 'bash: line 1: ' : 'sh: 1: ';
}

export function newShellState(hostname: string, tty: boolean, cols = 80, rows = 24, lang: Lang = 'en'): ShellState {
  const vars = new Map<string, string>([
    ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    ['HOSTNAME', hostname],
    ...(tty ? ([['TERM', 'xterm']] as const) : []),
    ['KUBERNETES_SERVICE_HOST', '10.96.0.1'],
    ['KUBERNETES_SERVICE_PORT', '443'],
    ['KUBERNETES_PORT', 'tcp://10.96.0.1:443'],
    ['HOME', '/root'],
  ]);
  return { cwd: '/', vars, lastStatus: 0, history: [], cols, rows, tty, hostname, lang };
}

/** bash's builtins (what `type` says; `exec` cannot run them, having no binary). */
export const BUILTINS = ['cd', 'exit', 'history', 'export', 'unset', 'type', 'echo', 'printf', 'pwd', 'test', '[', 'true', 'false', 'alias', 'source', '.'];

const BIN_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** The program a command word runs (bare, or its path in a bin directory of the merged /usr), or null. */
export function programName(name: string): string | null {
  const i = name.lastIndexOf('/');
  if (i >= 0 && !BIN_DIRS.includes(name.slice(0, i) || '/')) return null;
  const base = name.slice(i + 1);
  return IMAGE_PROGRAMS.has(base) ? base : null;
}
setProgramLookup((name) => programName(name) !== null);

function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(name);
}

export class PodShell {
  constructor(
    readonly fs: Vfs,
    readonly state: ShellState,
    private readonly clock: { readonly now: () => number; readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void> },
    private readonly signal?: AbortSignal,
  ) {}

  /** Runs one command line. */
  async runLine(line: string, dialect: Dialect, io: ShellIo, stdin = ''): Promise<LineOutcome> {
    const parsed = parseLine(line);
    if (!parsed.ok) {
      io.err(`${prefix(dialect)}${parsed.error}\n`);
      this.state.lastStatus = 2;
      return { status: 2 };
    }
    let status = this.state.lastStatus;
    try {
      for (const item of parsed.list) {
        if (item.op === '&&' && status !== 0) continue;
        if (item.op === '||' && status === 0) continue;
        status = await this.runPipeline(item.pipeline.commands, dialect, io, stdin);
        this.state.lastStatus = status;
      }
    } catch (error) {
      if (error instanceof ExitSignal) {
        this.state.lastStatus = error.code;
        return { status: error.code, exit: error.code };
      }
      throw error;
    }
    return { status };
  }

  private async runPipeline(commands: readonly SimpleCommand[], dialect: Dialect, io: ShellIo, stdin: string): Promise<number> {
    let input = stdin;
    let status = 0;
    for (let i = 0; i < commands.length; i++) {
      const last = i === commands.length - 1;
      let captured = '';
      // A command writing into a pipe does not write to a terminal (ls prints one name per line).
      const stageIo: ShellIo = last ? io : { out: (t) => (captured += t), err: io.err, tty: false };
      status = await this.runCommand(commands[i], dialect, stageIo, input);
      input = captured;
    }
    return status;
  }

  private lookupVar(name: string): string {
    if (name === '?') return String(this.state.lastStatus);
    if (name === '$') return '1';
    if (name === '#') return '0';
    if (name === '0') return 'bash';
    return this.state.vars.get(name) ?? '';
  }

  private expand(words: readonly Word[]): string[] {
    const out: string[] = [];
    for (const w of words) {
      const { text, glob } = expandWord(w, (n) => this.lookupVar(n));
      if (glob) {
        const matches = this.glob(text);
        if (matches.length > 0) {
          out.push(...matches);
          continue;
        }
      }
      // Unquoted empty expansions vanish ($UNSET), quoted ones stay.
      if (text === '' && w.every((p) => !p.quoted)) continue;
      out.push(text);
    }
    return out;
  }

  private glob(pattern: string): string[] {
    const absolute = pattern.startsWith('/');
    const parts = pattern.split('/').filter(Boolean);
    let results: { shown: string; path: string }[] = [{ shown: absolute ? '/' : '', path: absolute ? '/' : this.state.cwd }];
    for (const part of parts) {
      const next: { shown: string; path: string }[] = [];
      for (const r of results) {
        const join = (a: string, b: string) => (a === '' ? b : a.endsWith('/') ? a + b : `${a}/${b}`);
        if (!/[*?]/.test(part)) {
          const path = resolvePath(r.path, part);
          if (this.fs.tryLookup(path)) next.push({ shown: join(r.shown, part), path });
          continue;
        }
        const node = this.fs.tryLookup(r.path);
        if (node?.type !== 'dir') continue;
        for (const name of [...node.children.keys()].sort()) {
          if (name.startsWith('.') && !part.startsWith('.')) continue;
          if (globMatch(part, name)) next.push({ shown: join(r.shown, name), path: resolvePath(r.path, name) });
        }
      }
      results = next;
    }
    return results.map((r) => r.shown);
  }

  private async runCommand(cmd: SimpleCommand, dialect: Dialect, io: ShellIo, stdin: string): Promise<number> {
    if (this.signal?.aborted) throw abortError();
    let argv = this.expand(cmd.words);
    // Leading NAME=value assignments.
    while (argv.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0])) {
      const [assignment] = argv;
      const eq = assignment.indexOf('=');
      if (argv.length === 1) this.state.vars.set(assignment.slice(0, eq), assignment.slice(eq + 1));
      argv = argv.slice(1);
    }
    // Redirections.
    let out = io.out;
    let err = io.err;
    let tty = io.tty ?? false;
    let input = stdin;
    const writes: { path: string; shown: string; append: boolean; fd: 1 | 2 | 3 }[] = [];
    for (const r of cmd.redirects) {
      const setup = this.redirect(r, dialect, io);
      if (typeof setup === 'number') return setup;
      if (setup.kind === 'input') input = setup.text;
      else if (setup.kind === 'dup') {
        if (r.fd === 2 && r.target === '&1') err = out;
        else if (r.fd === 1 && r.target === '&2') out = err;
      } else if (setup.kind === 'null') {
        if (r.fd === 1 || r.fd === 3) tty = false;
        if (r.fd === 1 || r.fd === 3) out = () => undefined;
        if (r.fd === 2 || r.fd === 3) err = () => undefined;
      } else {
        writes.push({ path: setup.path, shown: setup.shown, append: r.append, fd: r.fd as 1 | 2 | 3 });
        let buffer = '';
        const sink = (t: string) => {
          buffer += t;
          this.fs.writeFile(setup.path, buffer, r.append, this.clock.now());
          if (r.append) buffer = '';
        };
        if (r.fd === 1 || r.fd === 3) out = sink;
        if (r.fd === 1 || r.fd === 3) tty = false;
        if (r.fd === 2 || r.fd === 3) err = sink;
      }
    }
    if (argv.length === 0) return 0;
    return this.invoke(argv, dialect, { out, err, tty }, input);
  }

  private redirect(
    r: Redirect,
    dialect: Dialect,
    io: ShellIo,
  ): number | { kind: 'input'; text: string } | { kind: 'dup' } | { kind: 'null' } | { kind: 'file'; path: string; shown: string } {
    if (r.target === '&1' || r.target === '&2') return { kind: 'dup' };
    const [target] = this.expand([r.target]);
    if (target === undefined) {
      io.err(`${prefix(dialect)}ambiguous redirect\n`);
      return 1;
    }
    const path = resolvePath(this.state.cwd, target);
    if (path === '/dev/null') return { kind: 'null' };
    if (r.fd === 0) {
      const node = this.fs.tryLookup(path);
      if (node?.type !== 'file') {
        io.err(dialect === 'sh-c' ? `sh: 1: cannot open ${target}: No such file\n` : `${prefix(dialect)}${target}: ${node ? 'Is a directory' : 'No such file or directory'}\n`);
        return 1;
      }
      return { kind: 'input', text: node.content };
    }
    try {
      // Open for writing now, as the shell does (creating or truncating the file).
      const existing = this.fs.tryLookup(path);
      if (existing?.type === 'dir') throw new VfsError('EISDIR');
      this.fs.writeFile(path, '', true, this.clock.now());
      if (!r.append) this.fs.writeFile(path, '', false, this.clock.now());
    } catch (error) {
      const reason = error instanceof VfsError ? error.message : String(error);
      io.err(dialect === 'sh-c' ? `sh: 1: cannot create ${target}: ${reason}\n` : `${prefix(dialect)}${target}: ${reason}\n`);
      return 1;
    }
    return { kind: 'file', path, shown: target };
  }

  /** Runs argv: a builtin, a program of the container, or "command not found". */
  async invoke(argv: readonly string[], dialect: Dialect, io: ShellIo, stdin: string): Promise<number> {
    const [name = '', ...args] = argv;
    switch (name) {
      case 'cd':
        return this.cd(args, dialect, io);
      case 'exit': {
        const code = args[0] === undefined ? this.state.lastStatus : Number(args[0]);
        if (dialect === 'bash') io.err('exit\n');
        throw new ExitSignal(Number.isFinite(code) ? code & 255 : 2);
      }
      case 'history':
        this.state.history.forEach((h, i) => io.out(`${String(i + 1).padStart(5)}  ${h}\n`));
        return 0;
      case 'export':
        for (const a of args) {
          const eq = a.indexOf('=');
          if (eq > 0) this.state.vars.set(a.slice(0, eq), a.slice(eq + 1));
        }
        return 0;
      case 'unset':
        for (const a of args) this.state.vars.delete(a);
        return 0;
      case 'type': {
        let status = 0;
        for (const a of args) {
          if (BUILTINS.includes(a)) io.out(`${a} is a shell builtin\n`);
          else if (programName(a)) io.out(`${a} is ${(PROGRAMS['which'] && this.which(a)) || `/usr/bin/${a}`}\n`);
          else {
            io.err(`${prefix(dialect)}type: ${a}: not found\n`);
            status = 1;
          }
        }
        return status;
      }
    }
    const program = programName(name);
    if (program === 'bash' || program === 'sh' || program === 'dash') return this.subshell(program === 'bash' ? 'bash' : 'sh', args, io, stdin);
    const run = program !== null ? PROGRAMS[program] : undefined;
    if (program === null || run === undefined) {
      const node = name.includes('/') ? this.fs.tryLookup(resolvePath(this.state.cwd, name)) : null;
      if (node && program === null) return this.notExecutable(name, node, dialect, io);
      if (program !== null) {
        // In the image, but not one the simulated shell runs: say so rather than pretend.
        io.err(`${name}: ${t(this.state.lang, 'sim.shell.notSimulated')}\n`);
        return 126;
      }
      io.err(dialect === 'sh-c' ? `sh: 1: ${name}: not found\n` : `${prefix(dialect)}${name}: ${name.includes('/') ? 'No such file or directory' : 'command not found'}\n`);
      return 127;
    }
    const ctx: ProgramContext = {
      name: program,
      args,
      stdin,
      fs: this.fs,
      state: this.state,
      tty: io.tty ?? false,
      now: this.clock.now(),
      sleep: (ms) => this.clock.sleep(ms, this.signal),
      out: io.out,
      err: io.err,
      shellPrefix: prefix(dialect),
    };
    return run(ctx);
  }

  private which(name: string): string {
    let path = '';
    void PROGRAMS['which']?.({ name: 'which', args: [name], stdin: '', fs: this.fs, state: this.state, tty: false, now: 0, sleep: () => Promise.resolve(), out: (t) => (path += t), err: () => undefined, shellPrefix: '' });
    return path.trim();
  }

  private notExecutable(name: string, node: VNode, dialect: Dialect, io: ShellIo): number {
    if (node.type === 'dir') {
      io.err(`${prefix(dialect)}${name}: Is a directory\n`);
      return 126;
    }
    if (!(node.mode & 0o111)) {
      io.err(`${prefix(dialect)}${name}: Permission denied\n`);
      return 126;
    }
    // An executable file of the artifact (or the user's): run it as a script of no commands.
    return 0;
  }

  private cd(args: readonly string[], dialect: Dialect, io: ShellIo): number {
    const target = args[0] === undefined || args[0] === '~' ? (this.state.vars.get('HOME') ?? '/') : args[0] === '-' ? (this.state.vars.get('OLDPWD') ?? this.state.cwd) : args[0];
    const path = resolvePath(this.state.cwd, target);
    const node = this.fs.tryLookup(path);
    if (!node || node.type !== 'dir') {
      if (dialect === 'sh-c') io.err(`sh: 1: cd: can't cd to ${target}\n`);
      else io.err(`${prefix(dialect)}cd: ${target}: ${node ? 'Not a directory' : 'No such file or directory'}\n`);
      return 1;
    }
    this.state.vars.set('OLDPWD', this.state.cwd);
    this.state.cwd = path;
    this.state.vars.set('PWD', path);
    if (args[0] === '-') io.out(`${path}\n`);
    return 0;
  }

  private async subshell(program: 'bash' | 'sh', args: readonly string[], io: ShellIo, stdin: string): Promise<number> {
    const child = new PodShell(this.fs, { ...this.state, vars: new Map(this.state.vars), history: [] }, this.clock, this.signal);
    const dialect: Dialect = program === 'bash' ? 'bash-c' : 'sh-c';
    const c = args.indexOf('-c');
    if (c >= 0) {
      const line = args[c + 1];
      if (line === undefined) {
        io.err(program === 'bash' ? 'bash: -c: option requires an argument\n' : 'sh: 0: -c requires an argument\n');
        return 2;
      }
      const result = await child.runLine(line, dialect, io, stdin);
      return result.exit ?? result.status;
    }
    // A shell reading commands from its input (non-interactive).
    let status = 0;
    for (const line of stdin.split('\n').filter((l) => l.trim() !== '')) {
      const result = await child.runLine(line, dialect, io);
      status = result.status;
      if (result.exit !== undefined) return result.exit;
    }
    return status;
  }
}

/** The pod container's file system (built on first use, kept while the pod lives). */
export function containerFs(pod: SimPod, container: string): Vfs {
  let fs = pod.rootfs.get(container);
  if (!fs) {
    fs = buildRootfs(pod, container);
    pod.rootfs.set(container, fs);
  }
  return fs;
}

export interface ExecOptions {
  readonly tty?: boolean;
  readonly stdin?: string;
  readonly signal?: AbortSignal;
}

/**
 * Runs argv in the pod's container, as the runtime's exec does (argv[0] is a program looked up
 * on PATH, not a shell line). The caller has checked that the container is running.
 */
export async function execInPod(world: SimWorld, pod: SimPod, container: string, argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  let stdout = '';
  let stderr = '';
  const io: ShellIo = { out: (t) => (stdout += t), err: (t) => (stderr += t) };
  const [name = ''] = argv;
  if (!programName(name)) {
    const runtimeMessage = pod.runtime.startsWith('cri-o')
      ? `command error: exec failed: unable to start container process: exec: "${name}": executable file not found in $PATH, stdout: , stderr: , exit code -1`
      : `OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown`;
    return { exitCode: 126, stdout: '', stderr: `${runtimeMessage}\n` };
  }
  const clock = world.clock;
  const shell = new PodShell(containerFs(pod, container), newShellState(pod.stored.metadata.name, options.tty ?? false), { now: () => clock.now(), sleep: (ms, signal) => clock.sleep(ms, signal) }, options.signal);
  try {
    const status = await shell.invoke(argv, 'bash-c', { ...io, tty: options.tty ?? false }, options.stdin ?? '');
    return { exitCode: status, stdout, stderr };
  } catch (error) {
    if (error instanceof ExitSignal) return { exitCode: error.code, stdout, stderr };
    throw error;
  }
}

export { ExitSignal };
