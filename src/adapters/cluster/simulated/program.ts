// What a program of the simulated container gets when the pod shell runs it: its argv, stdin,
// the file system, the shell's state, whether its stdout is a terminal, and its output streams.
import type { Lang } from '../../../i18n/types.js';
import type { CommandTree } from '../real/cobra-args.js';
import { parseTool, type ParsedArgs } from './tool-args.js';
import type { Vfs } from './vfs.js';

export interface ShellState {
  cwd: string;
  readonly vars: Map<string, string>;
  lastStatus: number;
  readonly history: string[];
  cols: number;
  rows: number;
  /** The session is a terminal (kubectl exec -it); a command's stdout may still be a pipe or a file. */
  readonly tty: boolean;
  readonly hostname: string;
  readonly lang: Lang;
}

export interface ProgramContext {
  readonly name: string;
  readonly args: readonly string[];
  readonly stdin: string;
  readonly fs: Vfs;
  readonly state: ShellState;
  /** This command's stdout is the terminal (not a pipe, not a file). */
  readonly tty: boolean;
  readonly now: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** How the shell prefixes a builtin's error ("bash: ", "bash: line 1: ", "sh: 1: "). */
  readonly shellPrefix: string;
}

export type Program = (ctx: ProgramContext) => number | Promise<number>;

/** Reads a GNU program's options (getopt_long's order-free options, `--`); prints its own error wording. */
export function gnuArgs(ctx: ProgramContext, tree: CommandTree, status = 1): ParsedArgs | number {
  const outcome = parseTool(tree, ctx.args);
  if (outcome.ok) return outcome.parsed;
  const e = outcome.error;
  const word = e.flag.replace(/^-+/, '');
  const text =
    e.kind === 'needsValue'
      ? e.flag.startsWith('--') ? `option '${e.flag}' requires an argument` : `option requires an argument -- '${word}'`
      : e.flag.startsWith('--') ? `unrecognized option '${e.flag}'` : `invalid option -- '${word}'`;
  ctx.err(`${ctx.name}: ${text}\nTry '${ctx.name} --help' for more information.\n`);
  return status;
}
