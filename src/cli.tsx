// The command line (a contract: DESIGN.md "Command line"). Parses arguments, picks the mode,
// builds the session and either renders the tour or runs a headless command.
// Usage errors: one line saying what is wrong, the usage, exit status 2. Never a stack trace.

import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { appendFileSync } from 'node:fs';
import { realToolsPresent, type Session, type SessionChoices } from './app/session.js';
import { LANGS, PROFILES, type Lang, type Profile, type TutorialSpec } from './engine/model.js';
import { langFromEnv, t } from './i18n/index.js';
import { readCompiledTutorial } from './adapters/compiled-tutorial.js';
import { BUILTIN_TUTORIAL_DIR } from './adapters/package-paths.js';
import { loadMarkdownLexer, markdownPrimed, primeMarkdownTokens } from './ui/markdown/lexer.js';
import type * as StartTuiModule from './ui/start-tui.js';
import { VERSION } from './version.js';

interface GlobalOptions {
  simulate?: boolean;
  profile?: Profile;
  cluster: string;
  step?: string;
  lang?: Lang;
  tutorial?: string;
  context?: string;
  namespace?: string;
  fresh?: boolean;
}

/** IVOL_TOUR_TRACE=<file>: startup timestamps (ms since the process started) are appended there. */
function trace(label: string): void {
  const file = process.env['IVOL_TOUR_TRACE'];
  if (file) appendFileSync(file, `${label} at ${performance.now().toFixed(1)} ms\n`);
}

const out = (s: string): void => void process.stdout.write(s);
const err = (s: string): void => void process.stderr.write(s);

class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function usageError(message: string): never {
  err(`ivol-tour: ${message}\n`);
  err(t(langFromEnv(process.env), 'cli.seeHelp') + '\n');
  throw new ExitCode(2);
}

function langOf(opts: GlobalOptions): Lang {
  return opts.lang ?? langFromEnv(process.env);
}

/**
 * The tutorial: the built-in one precompiled at build time when it is up to date (no YAML on
 * the way to the first frame), else loaded from its folder (the loader is imported only then).
 */
async function loadTutorialOrExit(opts: GlobalOptions, lang: Lang): Promise<TutorialSpec> {
  const compiled = opts.tutorial === undefined ? readCompiledTutorial() : undefined;
  if (compiled) primeMarkdownTokens(compiled.markdown);
  const tutorial = compiled?.tutorial ?? (await loadTutorialFromDir(opts, lang));
  if (opts.step !== undefined && !tutorial.steps.some((s) => s.id === opts.step)) {
    usageError(t(lang, 'run.unknownStep', { step: opts.step, steps: tutorial.steps.map((s) => s.id).join(', ') }));
  }
  return tutorial;
}

async function loadTutorialFromDir(opts: GlobalOptions, lang: Lang): Promise<TutorialSpec> {
  const [{ loadTutorialDir }, { formatProblem }] = await Promise.all([import('./adapters/tutorial-files.js'), import('./engine/tutorial-loader.js')]);
  const dir = opts.tutorial ?? BUILTIN_TUTORIAL_DIR;
  const loaded = loadTutorialDir(dir, lang);
  if (!loaded.ok) {
    err(t(lang, 'cli.tutorialBroken', { dir, count: loaded.problems.length }) + '\n');
    for (const p of loaded.problems) err(formatProblem(p) + '\n');
    err(t(lang, 'cli.tutorialBrokenNext', { dir }) + '\n');
    throw new ExitCode(2);
  }
  return loaded.tutorial;
}

function choicesOf(opts: GlobalOptions, lang: Lang, simulate: boolean, speed: number): SessionChoices {
  if (opts.simulate && opts.context) usageError(t(lang, 'cli.simulateAndContext'));
  return {
    simulate,
    cluster: opts.cluster,
    lang,
    speed,
    env: process.env,
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.context ? { context: opts.context } : {}),
    ...(opts.namespace ? { namespace: opts.namespace } : {}),
  };
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/**
 * Imports the TUI. Ink's layout engine (yoga) instantiates its WebAssembly from a base64 data:
 * URL, through fetch() when there is one; in Node the first fetch() loads the whole HTTP client
 * (undici): tens of ms on the way to the first frame, for nothing. Without fetch, yoga decodes
 * the same bytes itself. So fetch is hidden for just as long as the import takes.
 */
async function importTui(): Promise<typeof StartTuiModule> {
  const g = globalThis as { fetch?: unknown };
  const saved = Object.getOwnPropertyDescriptor(g, 'fetch');
  const hide = saved?.configurable === true;
  if (hide) delete g.fetch;
  try {
    return await import('./ui/start-tui.js');
  } finally {
    if (hide && saved) Object.defineProperty(g, 'fetch', saved);
  }
}

async function interactive(opts: GlobalOptions): Promise<number> {
  const lang = langOf(opts);
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    err(t(lang, 'cli.notATerminal') + '\n');
    return 2;
  }
  trace('interactive');
  const tutorial = await loadTutorialOrExit(opts, lang);
  trace('tutorial loaded');
  const fallback = !opts.simulate && !opts.context && !realToolsPresent(process.env);
  const simulate = Boolean(opts.simulate) || fallback;
  const choices = choicesOf(opts, lang, simulate, 1);
  const [{ createLazySession, refineFacts }, { startTui }, { createProgressStore }] = await Promise.all([
    import('./app/session.js'),
    importTui(),
    import('./adapters/store/progress-store.js'),
    // A tutorial loaded from YAML has no lexed step texts: marked is needed for the first frame.
    markdownPrimed() ? undefined : loadMarkdownLexer(),
  ]);
  trace('ui modules loaded');
  // The adapters (the simulated or real cluster) load once the first frame is on screen.
  const session = createLazySession(tutorial, choices);
  let refine: NodeJS.Timeout | undefined;
  const onFirstFrame = (): void => {
    trace('first frame');
    session.adapters.preload().catch(() => undefined);
    void loadMarkdownLexer();
    refine = setTimeout(() => {
      refineFacts(session.controller).catch(() => undefined);
    }, 150);
  };
  try {
    return await startTui({
      controller: session.controller,
      tutorial,
      lang,
      simulated: simulate,
      fallbackToSimulated: fallback,
      ...(opts.step !== undefined ? { startStep: opts.step } : {}),
      fresh: Boolean(opts.fresh),
      progress: createProgressStore(),
      noColor: Boolean(process.env['NO_COLOR']),
      onFirstFrame,
    });
  } finally {
    clearTimeout(refine);
  }
}

async function run(opts: GlobalOptions & { yes?: boolean; json?: boolean }): Promise<number> {
  const lang = langOf(opts);
  const tutorial = await loadTutorialOrExit(opts, lang);
  const simulate = Boolean(opts.simulate);
  const choices = choicesOf(opts, lang, simulate, 0);
  if (!simulate && !opts.yes) {
    const ok = await confirm(t(lang, opts.context ? 'cli.confirmRunByoc' : 'cli.confirmRun', { cluster: opts.cluster, context: opts.context ?? '' }));
    if (!ok) {
      err(t(lang, 'cli.needYes') + '\n');
      return 2;
    }
  }
  const [{ createSession, refineFacts }, { runCommand }] = await Promise.all([import('./app/session.js'), import('./commands/run.js')]);
  // Command output is indented under its step; a command whose output ends without a newline
  // still leaves the next line on a line of its own.
  let atLineStart = true;
  const showOutput = !opts.json || process.stderr.isTTY;
  const session = await createSession(tutorial, choices, {
    onOutput: (_step, text, stream) => {
      if (!showOutput || text === '') return;
      if (stream === 'command' && !atLineStart) err('\n');
      err(atLineStart ? indent(text) : text.replace(/\n(?=.)/g, '\n    '));
      atLineStart = text.endsWith('\n');
    },
  });
  try {
    await refineFacts(session.controller).catch(() => undefined);
    return await runCommand(session.controller, {
      json: Boolean(opts.json),
      lang,
      stderr: (text) => {
        if (!atLineStart) err('\n');
        atLineStart = true;
        err(text);
      },
      stdout: out,
      ...(opts.step !== undefined ? { startStep: opts.step } : {}),
    });
  } finally {
    await session.controller.dispose();
    await session.adapters.dispose();
  }
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, '    ');
}

/** A headless session (doctor, cleanup) for the command's body; its adapters are ended after. */
async function withSession(opts: GlobalOptions, body: (session: Session, lang: Lang) => Promise<number>): Promise<number> {
  const lang = langOf(opts);
  const { createSession } = await import('./app/session.js');
  const tutorial = await loadTutorialOrExit(opts, lang);
  const session = await createSession(tutorial, choicesOf(opts, lang, Boolean(opts.simulate), 0));
  try {
    return await body(session, lang);
  } finally {
    await session.adapters.dispose();
  }
}

function buildProgram(exit: { code: number }): Command {
  const program = new Command('ivol-tour');
  const lang = langFromEnv(process.env);
  program
    .description(t(lang, 'cli.description'))
    // The program takes an optional argument (to name an unknown command in its error) and has
    // subcommands: commander would print both as `[command] [command]`.
    .usage('[options] [command]')
    .version(VERSION, '-V, --version', t(lang, 'cli.opt.version'))
    .helpOption('-h, --help', t(lang, 'cli.opt.help'))
    .addOption(new Option('--simulate', t(lang, 'cli.opt.simulate')))
    .addOption(new Option('--profile <profile>', t(lang, 'cli.opt.profile')).choices(PROFILES))
    .addOption(new Option('--cluster <name>', t(lang, 'cli.opt.cluster')).default('ivol').argParser(clusterName))
    .addOption(new Option('--step <id>', t(lang, 'cli.opt.step')))
    .addOption(new Option('--lang <lang>', t(lang, 'cli.opt.lang')).choices(LANGS))
    .addOption(new Option('--tutorial <dir>', t(lang, 'cli.opt.tutorial')))
    .addOption(new Option('--context <name>', t(lang, 'cli.opt.context')))
    .addOption(new Option('--namespace <ns>', t(lang, 'cli.opt.namespace')).argParser(clusterName))
    .addOption(new Option('--fresh', t(lang, 'cli.opt.fresh')))
    .argument('[command]')
    .action(async (command: string | undefined) => {
      if (command !== undefined) usageError(t(lang, 'cli.unknownCommand', { command }));
      exit.code = await interactive(program.opts<GlobalOptions>());
    });

  program
    .command('run')
    .description(t(lang, 'cli.cmd.run'))
    .option('--yes', t(lang, 'cli.opt.yes'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (local: { yes?: boolean; json?: boolean }) => {
      exit.code = await run({ ...program.opts<GlobalOptions>(), ...local });
    });

  program
    .command('doctor')
    .description(t(lang, 'cli.cmd.doctor'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (local: { json?: boolean }) => {
      const { doctorCommand } = await import('./commands/doctor.js');
      exit.code = await withSession(program.opts<GlobalOptions>(), (session, l) =>
        doctorCommand(session.adapters, { json: Boolean(local.json), lang: l, stdout: out, stderr: err }),
      );
    });

  program
    .command('lint')
    .description(t(lang, 'cli.cmd.lint'))
    .argument('<dir>')
    .action(async (dir: string) => {
      const { lintCommand } = await import('./commands/lint.js');
      exit.code = lintCommand(dir, langOf(program.opts<GlobalOptions>()), { stdout: out, stderr: err });
    });

  program
    .command('list')
    .description(t(lang, 'cli.cmd.list'))
    .action(async () => {
      const { listCommand } = await import('./commands/list.js');
      exit.code = listCommand(langOf(program.opts<GlobalOptions>()), { stdout: out, stderr: err });
    });

  program
    .command('cleanup')
    .description(t(lang, 'cli.cmd.cleanup'))
    .option('--yes', t(lang, 'cli.opt.yes'))
    .action(async (local: { yes?: boolean }) => {
      const { cleanupCommand } = await import('./commands/cleanup.js');
      exit.code = await withSession(program.opts<GlobalOptions>(), (session, l) =>
        cleanupCommand(session.adapters, session.facts, { yes: Boolean(local.yes), lang: l, stdout: out, stderr: err, confirm }),
      );
    });

  // `help [command]` like `--help`; an unknown command is a usage error (commander's own help
  // command prints the whole help to stderr and exits 0).
  program
    .command('help')
    .description(t(lang, 'cli.cmd.help'))
    .argument('[command]')
    .action((name: string | undefined) => {
      const sub = name === undefined ? program : program.commands.find((c) => c.name() === name);
      if (!sub) usageError(t(lang, 'cli.unknownCommand', { command: name ?? '' }));
      sub.help();
    });

  program.configureOutput({ writeOut: out, writeErr: err, outputError: (s, write) => write(s) });
  program.showHelpAfterError(t(lang, 'cli.seeHelp'));
  program.exitOverride();
  for (const sub of program.commands) {
    sub.helpOption('-h, --help', t(lang, 'cli.opt.help'));
    sub.exitOverride();
    sub.showHelpAfterError(t(lang, 'cli.seeHelp'));
    sub.configureOutput({ writeOut: out, writeErr: err });
  }
  return program;
}

function clusterName(value: string): string {
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(value)) {
    throw new InvalidArgumentError(t(langFromEnv(process.env), 'cli.badName', { value }));
  }
  return value;
}

export async function main(argv: string[]): Promise<number> {
  trace('main');
  const exit = { code: 0 };
  const program = buildProgram(exit);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit.code;
  } catch (error) {
    if (error instanceof ExitCode) return error.code;
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2;
    }
    const lang = langFromEnv(process.env);
    err(t(lang, 'cli.unexpected', { error: error instanceof Error ? error.message : String(error) }) + '\n');
    if (process.env['IVOL_TOUR_DEBUG']) err(`${error instanceof Error ? error.stack : ''}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
