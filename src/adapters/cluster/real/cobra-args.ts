// Reads an argv the way a cobra/pflag program (kubectl, kind) reads it, so that the command
// guard sees the same command, flags and arguments as the tool will. Pure.
//
// What cobra and pflag do, and this module mirrors:
// - The command path is found first (cobra's Command.Find): at each level, flags are skipped
//   (`--flag value` and `-f value` skip the next word unless the flag is boolean or has an
//   optional value; `--flag=value`, `-fvalue` and unknown words starting with `-` do not), and
//   the first remaining word names the subcommand (by name or alias); `--` stops the search.
// - Then every argument is parsed against the found command's flags (its own plus the global
//   ones): flags anywhere, `--flag=value`, `--flag value`, `-f value`, `-fvalue`, `-f=value`,
//   grouped booleans (`-it`), an optional value only after `=`, the last value wins (the caller
//   decides: every occurrence is kept, in order), `--` ends the flags. An unknown flag, a
//   missing value or a malformed flag is an error, as it is for the tool.

export type FlagKind = 'bool' | 'value' | 'optional';

export interface FlagDef {
  readonly name: string;
  readonly short?: string;
  readonly kind: FlagKind;
}

/** A table row: `[SHORT/]NAME` plus `=` (value), `?` (optional value) or nothing (boolean). */
export function parseFlagSpec(spec: string): FlagDef[] {
  return spec
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => {
      const m = /^(?:(\w)\/)?([\w-]+)([=?]?)$/.exec(w);
      if (!m?.[2]) throw new Error(`bad flag spec: ${w}`);
      const kind: FlagKind = m[3] === '=' ? 'value' : m[3] === '?' ? 'optional' : 'bool';
      return { name: m[2], kind, ...(m[1] ? { short: m[1] } : {}) };
    });
}

export interface CommandNode {
  readonly name: string;
  readonly aliases: readonly string[];
  /** The command's own flags (the global ones are the tree's). */
  readonly flags: readonly FlagDef[];
  /** Whether the flag table covers this command (otherwise only its name is known). */
  readonly known: boolean;
  readonly children: ReadonlyMap<string, CommandNode>;
}

export interface CommandTree {
  readonly root: CommandNode;
  /** Flags every command accepts (the root's persistent flags). */
  readonly global: readonly FlagDef[];
  /** How the tool normalises a flag name (kubectl: `_` → `-`). */
  readonly normalize: (name: string) => string;
}

interface MutableNode {
  name: string;
  aliases: string[];
  flags: FlagDef[];
  known: boolean;
  children: Map<string, MutableNode>;
  byName: Map<string, MutableNode>;
}

/**
 * Builds a tree from a table: `commands` maps a space-separated path to its aliases and flags;
 * `names` lists top-level commands known only by name.
 */
export function buildCommandTree(o: {
  global: string;
  rootFlags?: string;
  commands: Readonly<Record<string, { readonly aliases?: readonly string[]; readonly flags: string }>>;
  names?: readonly string[];
  normalize?: (name: string) => string;
}): CommandTree {
  const node = (name: string): MutableNode => ({ name, aliases: [], flags: [], known: false, children: new Map(), byName: new Map() });
  const root = node('');
  root.flags = parseFlagSpec(o.rootFlags ?? '');
  root.known = true;
  const ensure = (parent: MutableNode, name: string): MutableNode => {
    let child = parent.byName.get(name);
    if (!child) {
      child = node(name);
      parent.byName.set(name, child);
      parent.children.set(name, child);
    }
    return child;
  };
  for (const name of o.names ?? []) ensure(root, name);
  // Shorter paths first, so that a parent exists before its children.
  for (const path of Object.keys(o.commands).sort((a, b) => a.split(' ').length - b.split(' ').length)) {
    const spec = o.commands[path];
    if (!spec) continue;
    let at = root;
    for (const word of path.split(' ')) at = ensure(at, word);
    at.flags = parseFlagSpec(spec.flags);
    at.known = true;
    at.aliases = [...(spec.aliases ?? [])];
  }
  const link = (n: MutableNode): void => {
    for (const child of [...n.byName.values()]) {
      for (const alias of child.aliases) if (!n.children.has(alias)) n.children.set(alias, child);
      link(child);
    }
  };
  link(root);
  return { root, global: parseFlagSpec(o.global), normalize: o.normalize ?? ((s) => s) };
}

class FlagLookup {
  private readonly long = new Map<string, FlagDef>();
  private readonly short = new Map<string, FlagDef>();

  constructor(
    defs: readonly FlagDef[],
    readonly normalize: (name: string) => string,
  ) {
    for (const d of defs) {
      this.long.set(normalize(d.name), d);
      if (d.short) this.short.set(d.short, d);
    }
  }

  byName(name: string): FlagDef | undefined {
    return this.long.get(this.normalize(name));
  }

  byShort(c: string): FlagDef | undefined {
    return this.short.get(c);
  }
}

function lookupFor(tree: CommandTree, node: CommandNode): FlagLookup {
  return new FlagLookup([...tree.global, ...node.flags], tree.normalize);
}

/** cobra's stripFlags: the words that are neither flags nor (as cobra guesses) their values. */
function stripFlags(args: readonly string[], flags: FlagLookup): string[] {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const s = args[i] ?? '';
    if (s === '--') break;
    if (s.startsWith('--') && !s.includes('=') && !hasOptionalValue(flags.byName(s.slice(2)))) {
      i++; // '--flag value': cobra assumes a value follows
      continue;
    }
    if (s.startsWith('-') && !s.includes('=') && s.length === 2 && !hasOptionalValue(flags.byShort(s.slice(1)))) {
      i++;
      continue;
    }
    if (s !== '' && !s.startsWith('-')) words.push(s);
  }
  return words;
}

/** pflag's NoOptDefVal: booleans and flags with an optional value take no separate word. */
function hasOptionalValue(d: FlagDef | undefined): boolean {
  return d !== undefined && d.kind !== 'value';
}

/** cobra's argsMinusFirstX: the args without the first occurrence of `word` used as a command. */
function argsMinusFirst(args: readonly string[], word: string, flags: FlagLookup): string[] {
  for (let i = 0; i < args.length; i++) {
    const s = args[i] ?? '';
    if (s === '--') break;
    if (s.startsWith('--') && !s.includes('=') && !hasOptionalValue(flags.byName(s.slice(2)))) {
      i++;
      continue;
    }
    if (s.startsWith('-') && !s.includes('=') && s.length === 2 && !hasOptionalValue(flags.byShort(s.slice(1)))) {
      i++;
      continue;
    }
    if (!s.startsWith('-') && s === word) return [...args.slice(0, i), ...args.slice(i + 1)];
  }
  return [...args];
}

export interface FoundCommand {
  /** The canonical command path (names, not aliases). */
  readonly path: readonly string[];
  readonly node: CommandNode;
  /** The arguments left for the command (cobra removes the command words). */
  readonly rest: readonly string[];
  /** The first word cobra took for a command name and found no command for. */
  readonly unknown?: string;
}

/** cobra's Command.Find. */
export function findCommand(tree: CommandTree, args: readonly string[]): FoundCommand {
  let node = tree.root;
  let rest = [...args];
  const path: string[] = [];
  for (;;) {
    const flags = lookupFor(tree, node);
    const words = stripFlags(rest, flags);
    const next = words[0];
    if (next === undefined) break;
    const child = node.children.get(next);
    // A command with sub-commands given another word: cobra stops there (kubectl may then
    // look for a plugin); for a leaf command the word is just an argument.
    if (!child) return node.children.size > 0 ? { path, node, rest, unknown: next } : { path, node, rest };
    rest = argsMinusFirst(rest, next, flags);
    path.push(child.name);
    node = child;
  }
  return { path, node, rest };
}

export interface ParsedFlag {
  /** The flag's canonical long name. */
  readonly name: string;
  readonly kind: FlagKind;
  /** The value as the tool sees it (a boolean's is 'true' when given bare). */
  readonly value: string;
  /** The word(s) it came from, for messages. */
  readonly written: string;
  /** A global flag (not one of the command's own, which shadow globals of the same name). */
  readonly global: boolean;
}

export interface ParsedArgs extends FoundCommand {
  readonly flags: readonly ParsedFlag[];
  /** Positional arguments, in order (those after `--` included). */
  readonly args: readonly string[];
  /** How many positionals came before `--` (all of them when there is no `--`). */
  readonly argsBeforeDash: number;
}

export type FlagError =
  | { readonly kind: 'unknownFlag'; readonly flag: string; readonly word?: string }
  | { readonly kind: 'needsValue'; readonly flag: string; readonly word?: string }
  | { readonly kind: 'badSyntax'; readonly flag: string };

export type ParseOutcome = { readonly ok: true; readonly parsed: ParsedArgs } | { readonly ok: false; readonly found: FoundCommand; readonly error: FlagError };

/** Finds the command and parses every flag as pflag would for it. */
export function parseArgs(tree: CommandTree, args: readonly string[]): ParseOutcome {
  const found = findCommand(tree, args);
  const flags = lookupFor(tree, found.node);
  const parsed: Omit<ParsedFlag, 'global'>[] = [];
  const positional: string[] = [];
  let beforeDash: number | null = null;
  const rest = [...found.rest];
  const fail = (error: FlagError): ParseOutcome => ({ ok: false, found, error });
  while (rest.length > 0) {
    const s = rest.shift() ?? '';
    if (s.length < 2 || !s.startsWith('-')) {
      positional.push(s);
      continue;
    }
    if (s === '--') {
      beforeDash = positional.length;
      positional.push(...rest.splice(0));
      break;
    }
    if (s.startsWith('--')) {
      const body = s.slice(2);
      if (body === '' || body.startsWith('-') || body.startsWith('=')) return fail({ kind: 'badSyntax', flag: s });
      const eq = body.indexOf('=');
      const name = eq < 0 ? body : body.slice(0, eq);
      const def = flags.byName(name);
      if (!def) return fail({ kind: 'unknownFlag', flag: `--${name}` });
      if (eq >= 0) parsed.push({ name: def.name, kind: def.kind, value: body.slice(eq + 1), written: s });
      else if (def.kind !== 'value') parsed.push({ name: def.name, kind: def.kind, value: def.kind === 'bool' ? 'true' : '', written: s });
      else if (rest.length > 0) {
        const value = rest.shift() ?? '';
        parsed.push({ name: def.name, kind: def.kind, value, written: `${s} ${value}` });
      } else return fail({ kind: 'needsValue', flag: s });
      continue;
    }
    // Shorthands: -abc is -a -b -c while they are booleans; a value flag takes the rest of the
    // word (-nfoo), the text after '=' (-n=foo) or the next word (-n foo).
    let shorts = s.slice(1);
    while (shorts.length > 0) {
      const c = shorts[0] ?? '';
      const def = flags.byShort(c);
      if (!def) return fail({ kind: 'unknownFlag', flag: `-${c}`, word: s });
      if (shorts.length > 2 && shorts[1] === '=') {
        parsed.push({ name: def.name, kind: def.kind, value: shorts.slice(2), written: s });
        shorts = '';
      } else if (def.kind !== 'value') {
        parsed.push({ name: def.name, kind: def.kind, value: def.kind === 'bool' ? 'true' : '', written: s });
        shorts = shorts.slice(1);
      } else if (shorts.length > 1) {
        parsed.push({ name: def.name, kind: def.kind, value: shorts.slice(1), written: s });
        shorts = '';
      } else if (rest.length > 0) {
        const value = rest.shift() ?? '';
        parsed.push({ name: def.name, kind: def.kind, value, written: `${s} ${value}` });
        shorts = '';
      } else return fail({ kind: 'needsValue', flag: `-${c}`, word: s });
    }
  }
  const own = new Set(found.node.flags.map((f) => f.name));
  return {
    ok: true,
    parsed: { ...found, flags: parsed.map((f) => ({ ...f, global: !own.has(f.name) })), args: positional, argsBeforeDash: beforeDash ?? positional.length },
  };
}

/** pflag's (strconv.ParseBool's) reading of a boolean value; anything else is an error for the tool. */
export function boolValue(value: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return null;
}
