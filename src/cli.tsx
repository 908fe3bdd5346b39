// The command line (a contract: README.md "Commands"). Parses arguments, picks the mode,
// builds the session and either renders the tour or runs a headless command.
// Usage errors: one line saying what is wrong, the usage, exit status 2. Never a stack trace.
// Signals (SIGINT, SIGTERM, SIGHUP, SIGQUIT) and crashes are caught here for every command
// (app/shutdown.ts): what the tour started is ended, and the exit status is the signal's
// (130, 143, 129, 131) or 1 after a crash.

import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { appendFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { AskPerson } from './adapters/ports.js';
import type { ControllerOptions } from './app/tour-controller.js';
import type { Session, SessionChoices } from './app/session.js';
import { installProcessHandlers, interruption, onShutdown, shutdownExitCode } from './app/shutdown.js';
import { LANGS, PROFILES, type Profile, type TutorialSpec } from './engine/model.js';
import { langFromEnv, t, translator, tRef } from './i18n/index.js';
import { parseMirrors, type Mirror } from './engine/mirrors.js';
import { readCompiledTutorial } from './adapters/compiled-tutorial.js';
import { BUILTIN_TUTORIAL_DIR } from './adapters/package-paths.js';
import { loadMarkdownLexer, markdownPrimed, primeMarkdownTokens } from './ui/markdown/lexer.js';
import type * as StartTuiModule from './ui/start-tui.js';
import type { RunProgress } from './commands/run-progress.js';
import type { RoomIo } from './commands/room.js';
import type { RoomApi } from './adapters/kube/room-api.js';
import type { TrustPrompt } from './ui/TrustGate.js';
import { VERSION } from './version.js';
import type { Lang } from './i18n/types.js';
import { errorMessage } from './engine/errors.js';
import { addRoomWatch } from './commands/room-watch-cli.js';

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
  trust?: boolean;
  /** --mirror values as given (each checked when parsed: mirrorValue). */
  mirror?: string[];
  /** --kubeconfig FILE: every kubeconfig read and every kubectl started uses this file. */
  kubeconfig?: string;
}

/** A loaded tutorial; `untrusted` when it is not built in (its content hash remembers the answer). */
interface LoadedTutorial {
  readonly tutorial: TutorialSpec;
  readonly untrusted?: { readonly dir: string; readonly contentHash: string };
}

/** IVOL_TOUR_TRACE=<file>: startup timestamps (ms since the process started) are appended there. */
function trace(label: string): void {
  const file = process.env['IVOL_TOUR_TRACE'];
  if (file) appendFileSync(file, `${label} at ${performance.now().toFixed(1)} ms\n`);
}

const out = (s: string): void => void process.stdout.write(s);
const err = (s: string): void => void process.stderr.write(s);
/** The columns of the terminal a stream writes to; undefined when it is not one. */
const columnsOf = (stream: NodeJS.WriteStream): number | undefined => (stream.isTTY && stream.columns > 0 ? stream.columns : undefined);

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
 * --kubeconfig FILE: the file is the only kubeconfig (KUBECONFIG, for the tour and every
 * kubectl it starts). For the tour's own commands (`ivol-tour`, run, doctor, cleanup), without
 * --context it is bring-your-own-cluster mode on the file's context and that context's
 * namespace, when the file holds exactly one, current (a room seat's file: `npx ivol-tour
 * --kubeconfig seat-07.kubeconfig`); any other file needs --context. The room commands take
 * --context explicitly (`adopt: false`).
 */
async function withKubeconfig(opts: GlobalOptions, adopt: boolean): Promise<GlobalOptions> {
  if (opts.kubeconfig === undefined) return opts;
  const lang = langOf(opts);
  const file = resolvePath(opts.kubeconfig);
  const { kubeconfigDefaults } = await import('./adapters/kube/kubeconfig-file.js');
  const found = kubeconfigDefaults(file);
  if (!found.ok) usageError(t(lang, 'room.kubeconfigUnreadable', { file, error: found.error }));
  process.env['KUBECONFIG'] = file;
  if (!adopt || opts.context !== undefined || opts.simulate) return opts;
  // Only a file with one context (a seat's) names it: in another, a current context is no choice.
  if (found.context === undefined || found.contexts !== 1) usageError(t(lang, 'room.kubeconfigNoContext', { file, count: found.contexts }));
  return { ...opts, context: found.context, ...(opts.namespace === undefined && found.namespace !== undefined ? { namespace: found.namespace } : {}) };
}

/**
 * The tutorial: the built-in one precompiled at build time when it is up to date (no YAML on
 * the way to the first frame), else loaded from its folder (the loader is imported only then).
 */
async function loadTutorialOrExit(opts: GlobalOptions, lang: Lang): Promise<LoadedTutorial> {
  const compiled = opts.tutorial === undefined ? readCompiledTutorial() : undefined;
  if (compiled) primeMarkdownTokens(compiled.markdown);
  const loaded = compiled ? { tutorial: compiled.tutorial } : await loadTutorialFromDir(opts, lang);
  const { tutorial } = loaded;
  if (opts.step !== undefined && !tutorial.steps.some((s) => s.id === opts.step)) {
    usageError(t(lang, 'run.unknownStep', { step: opts.step, steps: tutorial.steps.map((s) => s.id).join(', ') }));
  }
  return loaded;
}

async function loadTutorialFromDir(opts: GlobalOptions, lang: Lang): Promise<LoadedTutorial> {
  const [{ loadTutorialDir, isBuiltinTutorialDir }, { problemLines }] = await Promise.all([import('./adapters/tutorial-files.js'), import('./engine/problem-list.js')]);
  const dir = opts.tutorial ?? BUILTIN_TUTORIAL_DIR;
  const loaded = loadTutorialDir(dir);
  if (!loaded.ok) {
    err(t(lang, 'cli.tutorialBroken', { dir, count: loaded.problems.length }) + '\n');
    for (const line of problemLines(loaded.problems, translator(lang))) err(line + '\n');
    err(t(lang, 'cli.tutorialBrokenNext', { dir }) + '\n');
    throw new ExitCode(2);
  }
  // Tutorials shipped with the package are trusted; any other is untrusted until the learner says otherwise.
  if (opts.tutorial === undefined || isBuiltinTutorialDir(dir)) return { tutorial: loaded.tutorial };
  return { tutorial: loaded.tutorial, untrusted: { dir, contentHash: loaded.contentHash } };
}

/**
 * Headless commands that would run a tutorial's programs refuse one that is not trusted
 * (exit 2), and print everything it can run so that the learner can decide; --trust passes.
 */
async function requireTrust(loaded: LoadedTutorial, opts: GlobalOptions, lang: Lang): Promise<void> {
  if (!loaded.untrusted || opts.trust) return;
  const { trustLines } = await import('./engine/trust.js');
  err(t(lang, 'trust.refused', { dir: loaded.untrusted.dir }) + '\n');
  for (const line of trustLines(loaded.tutorial, translator(lang))) err(`  ${line}\n`);
  err(t(lang, 'trust.refusedNext') + '\n');
  throw new ExitCode(2);
}

/** The TUI's trust question for a tutorial that is not trusted yet (undefined: none to ask). */
async function trustPrompt(loaded: LoadedTutorial, opts: GlobalOptions, lang: Lang, declined: () => void): Promise<TrustPrompt | undefined> {
  const untrusted = loaded.untrusted;
  if (!untrusted || opts.trust) return undefined;
  const [{ createTrustStore }, { trustLines }] = await Promise.all([import('./adapters/store/trust-store.js'), import('./engine/trust.js')]);
  const store = createTrustStore();
  if (store.isTrusted(untrusted.contentHash)) return undefined;
  return {
    dir: untrusted.dir,
    lines: trustLines(loaded.tutorial, translator(lang)),
    onTrust: () => {
      try {
        store.trust(untrusted.contentHash, { id: loaded.tutorial.id, dir: loaded.tutorial.dir });
      } catch {
        // Not remembered (the state directory is not writable): asked again next time.
      }
    },
    onDecline: declined,
  };
}

/** The --mirror values, parsed (each was checked as it was read: mirrorValue). */
function mirrorsOf(opts: GlobalOptions, lang: Lang): readonly Mirror[] {
  const values = opts.mirror ?? [];
  if (values.length > 0 && opts.context !== undefined) usageError(t(lang, 'mirror.withContext'));
  const parsed = parseMirrors(values);
  if (!parsed.ok) usageError(tRef(lang, parsed.problem));
  return parsed.mirrors;
}

function choicesOf(opts: GlobalOptions, lang: Lang, speed: number, ask?: AskPerson): SessionChoices {
  if (opts.simulate && opts.context !== undefined) usageError(t(lang, 'cli.simulateAndContext'));
  const mirrors = mirrorsOf(opts, lang);
  return {
    simulate: Boolean(opts.simulate),
    cluster: opts.cluster,
    lang,
    speed,
    env: process.env,
    ...(ask ? { ask } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.context !== undefined ? { context: opts.context } : {}),
    ...(opts.namespace ? { namespace: opts.namespace } : {}),
    ...(mirrors.length > 0 ? { mirrors } : {}),
  };
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  // In raw mode Ctrl-C reaches readline as a key, not as a signal: pass it on as one.
  rl.on('SIGINT', () => process.kill(process.pid, 'SIGINT'));
  try {
    const answer = await rl.question(`${question} [y/N] `, { signal: interruption() });
    return /^y(es)?$/i.test(answer.trim());
  } catch {
    return false; // interrupted
  } finally {
    rl.close();
  }
}

/**
 * With your own cluster, a session whose namespace is a room's seat writes its progress to the
 * seat's ConfigMap (app/seat-progress.ts); any other session writes nothing. Null: not byoc.
 */
async function followSeat(session: Pick<Session, 'facts' | 'controller'>): Promise<{ dispose(): Promise<void> } | null> {
  if (session.facts.mode !== 'byoc') return null;
  const [{ followSeatProgress }, { openSeatProgressSink }] = await Promise.all([import('./app/seat-progress.js'), import('./adapters/kube/seat-progress-sink.js')]);
  return followSeatProgress(session.controller, () => openSeatProgressSink({ context: session.facts.context, namespace: session.facts.namespace, env: process.env }));
}

/** A signal ends the session's commands and watches (its dispose is idempotent). */
function endOnShutdown(session: Pick<Session, 'dispose'>): () => void {
  return onShutdown({
    stop: () => session.dispose(),
    kill: () => undefined,
  });
}

/**
 * The headless commands' way to ask the person at the keyboard (before deleting a kind cluster
 * the tour did not create): a prompt on the terminal, or null when there is none to ask on.
 */
function askOnTerminal(lang: Lang): AskPerson {
  return async (question) => (process.stdin.isTTY ? confirm(tRef(lang, question)) : null);
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
  const loaded = await loadTutorialOrExit(opts, lang);
  const { tutorial } = loaded;
  let declined = false;
  const trust = await trustPrompt(loaded, opts, lang, () => (declined = true));
  trace('tutorial loaded');
  const [{ createLazySession, refineFacts, sessionRewrites, initialFacts }, { startTui }, { createProgressStore }, { createPersonQuestions }] = await Promise.all([
    import('./app/session.js'),
    importTui(),
    import('./adapters/store/progress-store.js'),
    import('./app/person-questions.js'),
    // A tutorial loaded from YAML has no lexed step texts: marked is needed for the first frame.
    markdownPrimed() ? undefined : loadMarkdownLexer(),
  ]);
  trace('ui modules loaded');
  // The adapters ask through the TUI's dialog (a kind cluster the tour did not create: delete it?).
  const questions = createPersonQuestions();
  // Without the real tools (and no --context) the tour simulates; the session's facts say so.
  const asked = { ...choicesOf(opts, lang, 1, questions.ask), simulateWithoutTools: true };
  // Mirrors and prepared images change what the steps write: computed once, before the first frame.
  const rewrites = await sessionRewrites(tutorial, initialFacts(asked));
  const choices = rewrites ? { ...asked, rewrites } : asked;
  // The adapters (the simulated or real cluster) load once the first frame is on screen.
  const session = createLazySession(tutorial, choices);
  let refine: NodeJS.Timeout | undefined;
  let seat: Promise<{ dispose(): Promise<void> } | null> = Promise.resolve(null);
  const onFirstFrame = (): void => {
    trace('first frame');
    seat = followSeat(session).catch(() => null);
    session.adapters.preload().catch(() => undefined);
    void loadMarkdownLexer();
    refine = setTimeout(() => {
      refineFacts(session.controller).catch(() => undefined);
    }, 150);
  };
  try {
    const code = await startTui({
      ...(trust ? { trust } : {}),
      session,
      lang,
      ...(opts.step !== undefined ? { startStep: opts.step } : {}),
      fresh: Boolean(opts.fresh),
      progress: createProgressStore(),
      noColor: Boolean(process.env['NO_COLOR']),
      questions,
      onFirstFrame,
    });
    if (declined) err(t(lang, 'trust.declined') + '\n');
    return code;
  } finally {
    clearTimeout(refine);
    await (await seat)?.dispose();
  }
}

async function run(opts: GlobalOptions & { yes?: boolean; json?: boolean }): Promise<number> {
  const lang = langOf(opts);
  const loaded = await loadTutorialOrExit(opts, lang);
  await requireTrust(loaded, opts, lang);
  const { tutorial } = loaded;
  const choices = choicesOf(opts, lang, 0, askOnTerminal(lang));
  if (!choices.simulate && !opts.yes) {
    const ok = await confirm(t(lang, opts.context !== undefined ? 'cli.confirmRunByoc' : 'cli.confirmRun', { cluster: opts.cluster, context: opts.context ?? '' }));
    if (!ok) {
      err(t(lang, 'cli.needYes') + '\n');
      return 2;
    }
  }
  const [{ createSession, refineFacts }, { runCommand }, { createRunProgress }] = await Promise.all([
    import('./app/session.js'),
    import('./commands/run.js'),
    import('./commands/run-progress.js'),
  ]);
  // Command output is indented under its step; a command whose output ends without a newline
  // still leaves the next line on a line of its own.
  let atLineStart = true;
  const showOutput = !opts.json || process.stderr.isTTY;
  const progressRef: { current?: RunProgress } = {};
  if (interruption().aborted) return 2;
  // Loaded here, not with the CLI: a command's echo is wrapped for a terminal (headless runs only).
  const { wrapShellLine } = await import('./ui/text/wrap-code.js');
  const session = await createSession(tutorial, choices, {
    // No TUI holds a watch here: the controller follows the cluster while a step runs, so a
    // wait stops as soon as the tour's Pod will not recover.
    watchCluster: true,
    onOutput: (_step, text, stream) => {
      progressRef.current?.noteOutput();
      if (!showOutput || text === '') return;
      if (stream === 'command' && !atLineStart) err('\n');
      const shown = atLineStart ? indent(text) : text.replace(/\n(?=.)/g, '\n    ');
      // The tour's echo of a command, in a terminal: broken between its words with ` \`, so
      // that it still pastes into a shell (the commands' own output goes through as it is).
      const width = columnsOf(process.stderr);
      err(stream === 'command' && width !== undefined ? shown.split('\n').map((l) => wrapShellLine(l, width).join('\n')).join('\n') : shown);
      atLineStart = text.endsWith('\n');
    },
  });
  const stderrLines = (text: string): void => {
    if (!atLineStart) err('\n');
    atLineStart = true;
    err(text);
  };
  // A wait is never silent: what a polling check saw, and a heartbeat for silent commands.
  const progress = createRunProgress(session.controller, { lang, write: (line) => stderrLines(`    ${line}\n`) });
  progressRef.current = progress;
  const offShutdown = endOnShutdown(session);
  const seat = await followSeat(session).catch(() => null);
  try {
    await refineFacts(session.controller).catch(() => undefined);
    return await runCommand(session.controller, {
      json: Boolean(opts.json),
      lang,
      signal: interruption(),
      stderr: stderrLines,
      stdout: out,
      width: columnsOf(process.stderr),
      ...(opts.step !== undefined ? { startStep: opts.step } : {}),
    });
  } finally {
    progress.dispose();
    await seat?.dispose();
    await session.dispose();
    offShutdown();
    endSoonAfterRegistries();
  }
}

/**
 * After a command that asked registries: the OS resolver cannot be cancelled, so a DNS lookup
 * it has not given up on yet (a nameserver that drops packets: tens of seconds) would keep the
 * process alive after the command is done and its answer printed. Nothing else is pending
 * then (the session was disposed), so the process ends at most this long after.
 */
function endSoonAfterRegistries(): void {
  setTimeout(() => process.exit(), 1500).unref();
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, '    ');
}

/**
 * A headless session (doctor, cleanup) for the command's body; its controller and adapters are ended after.
 * `runsTutorial`: the command may run the tutorial's programs, so an untrusted one is refused.
 */
async function withSession(
  opts: GlobalOptions,
  runsTutorial: boolean,
  body: (session: Session, lang: Lang) => Promise<number>,
  options?: ControllerOptions,
): Promise<number> {
  const lang = langOf(opts);
  const { createSession } = await import('./app/session.js');
  const loaded = await loadTutorialOrExit(opts, lang);
  if (runsTutorial) await requireTrust(loaded, opts, lang);
  const session = await createSession(loaded.tutorial, choicesOf(opts, lang, 0, askOnTerminal(lang)), options);
  const offShutdown = endOnShutdown(session);
  try {
    return await body(session, lang);
  } finally {
    await session.dispose();
    offShutdown();
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
    .addOption(new Option('--step <id>', t(lang, 'cli.opt.step')).argParser(nonEmpty('--step')))
    .addOption(new Option('--lang <lang>', t(lang, 'cli.opt.lang')).choices(LANGS))
    .addOption(new Option('--tutorial <dir>', t(lang, 'cli.opt.tutorial')).argParser(nonEmpty('--tutorial')))
    .addOption(new Option('--trust', t(lang, 'cli.opt.trust')))
    .addOption(new Option('--context <name>', t(lang, 'cli.opt.context')).argParser(nonEmpty('--context')))
    .addOption(new Option('--namespace <ns>', t(lang, 'cli.opt.namespace')).argParser(clusterName))
    .addOption(new Option('--fresh', t(lang, 'cli.opt.fresh')))
    .addOption(new Option('--mirror <mirror>', t(lang, 'cli.opt.mirror')).argParser(mirrorValue))
    .addOption(new Option('--kubeconfig <file>', t(lang, 'cli.opt.kubeconfig')).argParser(nonEmpty('--kubeconfig')))
    .argument('[command]')
    .action(async (command: string | undefined) => {
      if (command !== undefined) usageError(t(lang, 'cli.unknownCommand', { command }));
      exit.code = await interactive(await withKubeconfig(program.opts<GlobalOptions>(), true));
    });

  program
    .command('run')
    .description(t(lang, 'cli.cmd.run'))
    .option('--yes', t(lang, 'cli.opt.yes'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (local: { yes?: boolean; json?: boolean }) => {
      exit.code = await run({ ...(await withKubeconfig(program.opts<GlobalOptions>(), true)), ...local });
    });

  program
    .command('doctor')
    .description(t(lang, 'cli.cmd.doctor'))
    .option('--json', t(lang, 'cli.opt.json'))
    .option('--offline', t(lang, 'cli.opt.offline'))
    .action(async (local: { json?: boolean; offline?: boolean }) => {
      const [{ doctorCommand }, { sessionRegistries }] = await Promise.all([import('./commands/doctor.js'), import('./app/registry-check.js')]);
      // doctor runs only the tour's own probes (docker, kind, kubectl versions, the registries
      // of the images), nothing of the tutorial's.
      const opts = await withKubeconfig(program.opts<GlobalOptions>(), true);
      exit.code = await withSession(opts, false, (session, l) =>
        doctorCommand(session.adapters, {
          json: Boolean(local.json),
          lang: l,
          stdout: out,
          stderr: err,
          width: columnsOf(process.stdout),
          signal: interruption(),
          registries: (report) => sessionRegistries(session.adapters, session.controller.getState().tutorial, session.controller.getState().facts, { doctor: report, offline: Boolean(local.offline) }),
        }),
      );
      endSoonAfterRegistries();
    });

  program
    .command('prepare')
    .description(t(lang, 'cli.cmd.prepare'))
    .option('--save <file>', t(lang, 'cli.opt.save'), nonEmpty('--save'))
    .option('--load <file>', t(lang, 'cli.opt.load'), nonEmpty('--load'))
    .action(async (local: { save?: string; load?: string }) => {
      const opts = await withKubeconfig(program.opts<GlobalOptions>(), false);
      const l = langOf(opts);
      if (local.save !== undefined && local.load !== undefined) usageError(t(l, 'prepare.saveAndLoad'));
      if (opts.simulate) usageError(t(l, 'prepare.simulate'));
      if (opts.context !== undefined) usageError(t(l, 'prepare.context'));
      const { prepareCommand } = await import('./commands/prepare.js');
      // The images it pulls are the tutorial's: an untrusted tutorial is refused, as for run.
      exit.code = await withSession(opts, true, (session) =>
        prepareCommand(session, {
          lang: l,
          env: process.env,
          ...(local.save !== undefined ? { save: local.save } : {}),
          ...(local.load !== undefined ? { load: local.load } : {}),
          stdout: out,
          stderr: err,
          tty: Boolean(process.stderr.isTTY),
          width: columnsOf(process.stderr),
          stdoutWidth: columnsOf(process.stdout),
          signal: interruption(),
        }),
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
      const { cleanupCommand, cleanupOutput } = await import('./commands/cleanup.js');
      exit.code = await withSession(
        await withKubeconfig(program.opts<GlobalOptions>(), true),
        true,
        (session, l) => cleanupCommand(session.controller, { yes: Boolean(local.yes), lang: l, stdout: out, stderr: err, confirm, signal: interruption(), width: columnsOf(process.stderr) }),
        { onOutput: cleanupOutput({ stdout: out, stderr: err }) },
      );
    });

  // A workshop room on one shared cluster (commands/room.ts). `room watch` is the live view.
  const room = program.command('room').description(t(lang, 'cli.cmd.room'));
  const roomApi = async (context: string): Promise<() => RoomApi> => {
    const { createRoomApi } = await import('./adapters/kube/room-api.js');
    return () => createRoomApi({ context, env: process.env });
  };
  const roomIo = (l: Lang): RoomIo => ({
    lang: l,
    stdout: out,
    stderr: err,
    tty: Boolean(process.stderr.isTTY),
    widths: { stdout: columnsOf(process.stdout), stderr: columnsOf(process.stderr) },
    signal: interruption(),
  });
  /** The trainer's --context (required) and the room's --name (checked). */
  const roomTarget = async (local: { name: string }, needContext: boolean): Promise<{ opts: GlobalOptions; l: Lang; context: string }> => {
    const opts = await withKubeconfig(program.opts<GlobalOptions>(), false);
    const l = langOf(opts);
    if (needContext && opts.context === undefined) usageError(t(l, 'room.needContext'));
    const { roomNameProblem } = await import('./engine/room.js');
    const problem = roomNameProblem(local.name, 1);
    if (problem) usageError(tRef(l, problem));
    return { opts, l, context: opts.context ?? '' };
  };
  room
    .command('create')
    .description(t(lang, 'cli.cmd.room.create'))
    .requiredOption('--seats <n>', t(lang, 'cli.opt.seats'))
    .option('--name <room>', t(lang, 'cli.opt.roomName'), 'room')
    .option('--out <dir>', t(lang, 'cli.opt.out'))
    .option('--ttl <duration>', t(lang, 'cli.opt.ttl'), '8h')
    .option('--dry-run', t(lang, 'cli.opt.dryRun'))
    .option('-o, --output <format>', t(lang, 'cli.opt.output'))
    .action(async (local: { seats: string; name: string; out?: string; ttl: string; dryRun?: boolean; output?: string }) => {
      const { opts, l, context } = await roomTarget(local, !local.dryRun);
      if (local.output !== undefined && (local.output !== 'yaml' || !local.dryRun)) usageError(t(l, 'room.outputOnlyYaml'));
      const [{ parseSeats, parseTtl, roomNameProblem }, { parseDuration }, { roomCreate }] = await Promise.all([
        import('./engine/room.js'),
        import('./engine/yaml-reader.js'),
        import('./commands/room.js'),
      ]);
      const seats = parseSeats(local.seats);
      if (typeof seats !== 'number') usageError(tRef(l, seats));
      const named = roomNameProblem(local.name, seats);
      if (named) usageError(tRef(l, named));
      const ttlMs = parseTtl(local.ttl, parseDuration);
      if (typeof ttlMs !== 'number') usageError(tRef(l, ttlMs));
      const loaded = await loadTutorialOrExit(opts, l);
      exit.code = await roomCreate(
        { room: local.name, seats, tutorial: loaded.tutorial, ...(context ? { context } : {}), out: local.out ?? `ivol-${local.name}`, ttlMs, dryRun: Boolean(local.dryRun), api: await roomApi(context) },
        roomIo(l),
      );
    });
  room
    .command('status')
    .description(t(lang, 'cli.cmd.room.status'))
    .option('--name <room>', t(lang, 'cli.opt.roomName'), 'room')
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (local: { name: string; json?: boolean }) => {
      const { l, context } = await roomTarget(local, true);
      const { roomStatus } = await import('./commands/room.js');
      exit.code = await roomStatus({ room: local.name, context, json: Boolean(local.json), api: await roomApi(context) }, roomIo(l));
    });
  room
    .command('delete')
    .description(t(lang, 'cli.cmd.room.delete'))
    .option('--name <room>', t(lang, 'cli.opt.roomName'), 'room')
    .option('--yes', t(lang, 'cli.opt.yes'))
    .option('--timeout <duration>', t(lang, 'cli.opt.deleteTimeout'), '5m')
    .action(async (local: { name: string; yes?: boolean; timeout: string }) => {
      const { l, context } = await roomTarget(local, true);
      const [{ parseDuration }, { roomDelete }] = await Promise.all([import('./engine/yaml-reader.js'), import('./commands/room.js')]);
      const timeoutMs = /^\s*\d+\s*$/.test(local.timeout) ? undefined : parseDuration(local.timeout);
      if (timeoutMs === undefined || timeoutMs <= 0) usageError(t(l, 'room.badTimeout', { value: local.timeout }));
      exit.code = await roomDelete({ room: local.name, context, yes: Boolean(local.yes), timeoutMs, confirm, api: await roomApi(context) }, roomIo(l));
    });
  // `room watch`: the live view (commands/room-watch-cli.ts), with the same checks of --context and --name.
  addRoomWatch(room, {
    target: async (name) => {
      const { l, context } = await roomTarget({ name }, true);
      return { lang: l, context };
    },
    setExitCode: (code) => (exit.code = code),
    stderr: err,
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
  // Every subcommand, those of `room` too.
  const subcommands = (c: Command): Command[] => c.commands.flatMap((sub) => [sub, ...subcommands(sub)]);
  for (const sub of subcommands(program)) {
    sub.helpOption('-h, --help', t(lang, 'cli.opt.help'));
    sub.exitOverride();
    sub.showHelpAfterError(t(lang, 'cli.seeHelp'));
    sub.configureOutput({ writeOut: out, writeErr: err });
  }
  return program;
}

/**
 * A value that must name something: an empty one (`--context ""`, easily made by a shell
 * variable that is not set) would silently mean "not given" and pick another mode.
 */
function nonEmpty(flag: string): (value: string) => string {
  return (value) => {
    const lang = langFromEnv(process.env);
    if (value.trim() === '') throw new InvalidArgumentError(t(lang, 'cli.emptyValue'));
    // Commander would echo the value: control characters must not reach the terminal, and
    // the message stays on one line.
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x1f\x7f-\x9f]/.test(value)) usageError(t(lang, 'cli.badValue', { option: flag }));
    return value;
  };
}

/**
 * One --mirror value, added to those before it: each is checked as it is read (a bad one, or a
 * registry named twice, is a usage error with exit status 2).
 */
function mirrorValue(value: string, previous: string[] | undefined): string[] {
  const lang = langFromEnv(process.env);
  nonEmpty('--mirror')(value);
  const all = [...(previous ?? []), value];
  const parsed = parseMirrors(all);
  if (!parsed.ok) usageError(tRef(lang, parsed.problem));
  return all;
}

function clusterName(value: string): string {
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(value)) {
    throw new InvalidArgumentError(t(langFromEnv(process.env), 'cli.badName', { value }));
  }
  return value;
}

/** One line with the next action; the stack only with IVOL_TOUR_DEBUG. */
function reportCrash(error: unknown): void {
  const message = errorMessage(error);
  err(t(langFromEnv(process.env), 'exit.crashed', { error: message.split('\n')[0] ?? '' }) + '\n');
  if (process.env['IVOL_TOUR_DEBUG'] && error instanceof Error && error.stack) err(`${error.stack}\n`);
}

export async function main(argv: string[]): Promise<number> {
  trace('main');
  installProcessHandlers({
    notice: (signal) => err(t(langFromEnv(process.env), 'exit.stopping', { signal }) + '\n'),
    report: reportCrash,
    debug: Boolean(process.env['IVOL_TOUR_DEBUG']),
  });
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
    err(t(lang, 'cli.unexpected', { error: errorMessage(error) }) + '\n');
    if (process.env['IVOL_TOUR_DEBUG']) err(`${error instanceof Error ? error.stack : ''}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// A signal or a crash decides the status, whatever the command returned meanwhile.
process.exitCode = shutdownExitCode() ?? code;
