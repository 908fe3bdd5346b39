#!/usr/bin/env node
// Generates src/adapters/cluster/real/kubectl-flags.ts: the command tree and the flags of the
// kubectl commands the command guard reads, taken from a real kubectl's own help, so that the
// guard knows exactly which flags take a value (and so where kubectl's positionals are).
//
//   node scripts/gen-kubectl-flags.mjs [path/to/kubectl]
//
// For each command under TOP (below) it reads `kubectl <path> --help` (Options, Aliases,
// Available Commands) and `kubectl options` for the global flags. A flag whose default is
// shown as `=false`/`=true` is boolean. Every other flag is probed once: `kubectl <path>
// --flag` as the last argument fails with "flag needs an argument" unless the flag has an
// optional value (pflag's NoOptDefVal, e.g. --dry-run, --validate, --cascade). The probes talk
// to no cluster: KUBECONFIG names a kubeconfig whose server is a closed port on 127.0.0.1.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KUBECTL = process.argv[2] ?? 'kubectl';
const OUT = join(import.meta.dirname, '..', 'src', 'adapters', 'cluster', 'real', 'kubectl-flags.ts');

/** The top-level commands whose whole subtree (flags included) is read. */
const TOP = [
  'get', 'describe', 'explain', 'logs', 'events', 'version', 'api-resources', 'api-versions', 'cluster-info', 'top', 'auth',
  'diff', 'wait', 'rollout', 'config', 'apply', 'create', 'delete', 'label', 'annotate', 'patch', 'replace', 'exec', 'cp',
  'port-forward', 'attach', 'run', 'expose', 'scale', 'autoscale', 'set',
];

const work = mkdtempSync(join(tmpdir(), 'ivol-gen-kubectl-'));
const kubeconfig = join(work, 'config');
writeFileSync(kubeconfig, [
  'apiVersion: v1', 'kind: Config', 'current-context: closed',
  'clusters: [{name: closed, cluster: {server: "https://127.0.0.1:1"}}]',
  'users: [{name: closed, user: {}}]',
  'contexts: [{name: closed, context: {cluster: closed, user: closed}}]', '',
].join('\n'));
const env = { ...process.env, KUBECONFIG: kubeconfig, HOME: work, KUBECTL_ENABLE_CMD_SHADOW: 'false' };

function help(path) {
  return execFileSync(KUBECTL, [...path, '--help'], { env, cwd: work, encoding: 'utf8' });
}

function section(text, title) {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.trim() === `${title}:`);
  if (i < 0) return [];
  const out = [];
  for (const l of lines.slice(i + 1)) {
    if (/^\S/.test(l)) break; // the next section
    out.push(l);
  }
  return out;
}

/** Flags listed in an Options section: [{ name, short, bool }]. */
function parseOptions(lines) {
  const flags = [];
  for (const l of lines) {
    const m = /^ {4}(?:-(\w), )?--([\w-]+)=(.*):$/.exec(l);
    if (!m) continue;
    flags.push({ name: m[2], short: m[1] ?? '', bool: m[3] === 'false' || m[3] === 'true' });
  }
  return flags;
}

function needsArgument(path, flag) {
  const r = spawnSync(KUBECTL, [...path, `--${flag}`], { env, cwd: work, encoding: 'utf8', timeout: 20_000 });
  return /flag needs an argument/.test(r.stderr ?? '');
}

function encode(flags) {
  return flags
    .map((f) => `${f.short ? `${f.short}/` : ''}${f.name}${f.bool ? '' : f.optional ? '?' : '='}`)
    .sort((a, b) => a.replace(/^\w\//, '').localeCompare(b.replace(/^\w\//, '')))
    .join(' ');
}

// vMAJOR.MINOR.PATCH: a build suffix (gcloud's "-dispatcher") says nothing about the flags.
const version = /^v\d+\.\d+\.\d+/.exec(JSON.parse(execFileSync(KUBECTL, ['version', '--client', '-o', 'json'], { env, cwd: work, encoding: 'utf8' })).clientVersion.gitVersion)[0];
const globals = parseOptions(execFileSync(KUBECTL, ['options'], { env, cwd: work, encoding: 'utf8' }).split('\n'));
for (const f of globals) if (!f.bool) f.optional = !needsArgument(['version', '--client'], f.name);

const rootHelp = help([]);
const topLevel = [];
for (const l of rootHelp.split('\n')) {
  const m = /^ {2}([a-z][\w-]*)\s{2,}\S/.exec(l);
  if (m) topLevel.push(m[1]);
}

const commands = {};
function visit(path) {
  const text = help(path);
  // cobra prints the aliases unindented, on the line after "Aliases:".
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.trim() === 'Aliases:');
  const aliases = (at < 0 ? '' : (lines[at + 1] ?? '')).split(',').map((s) => s.trim()).filter((s) => s && s !== path.at(-1));
  const subs = section(text, 'Available Commands').map((l) => /^ {2}([a-z][\w-]*)\s/.exec(l)?.[1]).filter(Boolean);
  const flags = parseOptions(section(text, 'Options'));
  for (const f of flags) if (!f.bool) f.optional = !needsArgument(path, f.name);
  commands[path.join(' ')] = { aliases, flags: encode(flags) };
  process.stderr.write(`${path.join(' ')}: ${flags.length} flags${subs.length ? `, ${subs.length} subcommands` : ''}\n`);
  for (const s of subs) visit([...path, s]);
}
for (const top of TOP) visit([top]);
rmSync(work, { recursive: true, force: true });

const body = Object.entries(commands)
  .map(([path, c]) => `  '${path}': { ${c.aliases.length ? `aliases: [${c.aliases.map((a) => `'${a}'`).join(', ')}], ` : ''}flags: '${c.flags}' },`)
  .join('\n');

writeFileSync(OUT, `// GENERATED by scripts/gen-kubectl-flags.mjs from kubectl ${version}'s own help: do not edit by hand.
// Flags: space-separated \`[SHORT/]NAME\` plus \`=\` (takes a value), \`?\` (optional value, only as
// --NAME=VALUE) or nothing (boolean). Command paths are space-separated; a path's subcommands are
// the paths one word longer. Only the subtrees the command guard reads have flags here; the
// other top-level commands are listed by name (the guard refuses them by name, not as plugins).

export const KUBECTL_TABLE_VERSION = '${version}';

/** Flags of every command (\`kubectl options\`, plus cobra's help flag). */
export const KUBECTL_GLOBAL_FLAGS = '${encode([...globals, { name: 'help', short: 'h', bool: true }])}';

/** Every top-level command of kubectl ${version}. */
export const KUBECTL_TOP_LEVEL: readonly string[] = [${topLevel.map((c) => `'${c}'`).join(', ')}];

export interface KubectlCommandFlags {
  readonly aliases?: readonly string[];
  readonly flags: string;
}

export const KUBECTL_COMMANDS: Readonly<Record<string, KubectlCommandFlags>> = {
${body}
};
`);
process.stderr.write(`wrote ${OUT}\n`);
