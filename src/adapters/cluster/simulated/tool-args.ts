// How the simulated tools read their argv: kubectl and kind with the command guard's own
// cobra/pflag reader and flag tables (src/adapters/cluster/real), docker and the pod's
// coreutils with the same reader over their own small tables. One parser for every tool.
import { boolValue, buildCommandTree, parseArgs, type CommandTree, type FlagError, type ParsedArgs, type ParseOutcome } from '../real/cobra-args.js';

export { KIND_TREE, KUBECTL_TREE } from '../real/command-guard.js';
export type { ParsedArgs };

/** docker's commands that the simulated docker answers (flags from `docker <cmd> --help`). */
export const DOCKER_TREE: CommandTree = buildCommandTree({
  global: 'config= c/context= D/debug H/host= l/log-level= tls tlscacert= tlscert= tlskey= tlsverify help',
  rootFlags: 'v/version',
  commands: {
    version: { flags: 'f/format=' },
    info: { flags: 'f/format=' },
    images: { flags: 'a/all digests f/filter= format= no-trunc q/quiet' },
    ps: { flags: 'a/all f/filter= format= n/last= l/latest no-trunc q/quiet s/size' },
    pull: { flags: 'a/all-tags disable-content-trust platform= q/quiet' },
    build: { flags: 'add-host= build-arg= cache-from= f/file= label= load no-cache platform= progress= pull push q/quiet t/tag= target=' },
    buildx: { flags: '' },
    'buildx build': { flags: 'add-host= build-arg= cache-from= f/file= label= load no-cache platform= progress= pull push q/quiet t/tag= target=' },
  },
});

export function parseTool(tree: CommandTree, argv: readonly string[]): ParseOutcome {
  return parseArgs(tree, argv);
}

/** What pflag says about a bad flag (cobra prints it after "error: " or "ERROR: "). */
export function pflagMessage(e: FlagError): string {
  const short = e.flag.length === 2 && !e.flag.startsWith('--');
  if (e.kind === 'badSyntax') return `bad flag syntax: ${e.flag}`;
  if (e.kind === 'unknownFlag') return short ? `unknown shorthand flag: '${e.flag.slice(1)}' in ${e.word ?? e.flag}` : `unknown flag: ${e.flag}`;
  return short ? `flag needs an argument: '${e.flag.slice(1)}' in ${e.word ?? e.flag}` : `flag needs an argument: ${e.flag}`;
}

/** The last value given for a flag (pflag: the last one wins). */
export function flagValue(p: ParsedArgs, name: string): string | undefined {
  return p.flags.filter((f) => f.name === name).at(-1)?.value;
}

export function flagValues(p: ParsedArgs, name: string): string[] {
  return p.flags.filter((f) => f.name === name).map((f) => f.value);
}

export function flagSet(p: ParsedArgs, name: string): boolean {
  const v = flagValue(p, name);
  return v !== undefined && boolValue(v) !== false;
}

/** A flat table for one program (the pod's coreutils): `[SHORT/]NAME` plus `=` for a value. */
export function programTree(flags: string): CommandTree {
  return buildCommandTree({ global: '', rootFlags: flags, commands: {} });
}
