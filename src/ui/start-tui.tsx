// Starts the interactive tour: the alternate screen, Ink, and a terminal that is always
// given back as it was (raw mode off, cursor shown, alternate screen left) on quit, Ctrl-C,
// SIGTERM, SIGHUP and an uncaught error. Then ends everything the session started.
// Signals and crashes are caught once, for every command, by app/shutdown.ts: the TUI claims
// the terminal there (it is given back before anything else happens) and registers the end
// of its session.
import { appendFileSync, existsSync } from 'node:fs';
import { render } from 'ink';
import type { PersonQuestions } from '../app/person-questions.js';
import { claimTerminal, crash, onShutdown, signalExitCode } from '../app/shutdown.js';
import type { Session } from '../app/session.js';
import type { ProgressStore } from '../adapters/store/progress-store.js';
import { BUILTIN_TUTORIAL_DIR } from '../adapters/package-paths.js';
import { progressKey } from './hooks/useStartup.js';
import { tourFinished } from './keys/flow-rules.js';
import { quitLine } from './quit-line.js';
import type { Lang } from '../i18n/types.js';
import { App } from './App.js';
import { fullScreen, settledWithin } from './full-screen.js';
import { TrustGate, type TrustPrompt } from './TrustGate.js';

export interface TuiOptions {
  /** The session on screen (its facts say the mode); ended when the tour ends. */
  readonly session: Pick<Session, 'controller' | 'shells' | 'dispose'>;
  readonly lang: Lang;
  readonly startStep?: string;
  readonly fresh?: boolean;
  readonly progress: ProgressStore;
  readonly noColor: boolean;
  readonly stdin?: NodeJS.ReadStream;
  readonly stdout?: NodeJS.WriteStream;
  /** Called once, just after the first frame is written (then the heavy modules may load). */
  readonly onFirstFrame?: () => void;
  /** A tutorial that is not trusted yet: the question asked before the tour starts. */
  readonly trust?: TrustPrompt;
  /** Questions from the adapters, shown as a dialog. */
  readonly questions?: PersonQuestions;
  /** The cluster name when --cluster is not given (the resume command leaves it out). */
  readonly defaultCluster?: string;
}

/** The exit status when the learner does not trust the tutorial (nothing ran; as a headless refusal). */
export const NOT_TRUSTED_EXIT = 2;

/** How long ending the session may take before the tour exits anyway. */
export const DISPOSE_TIMEOUT_MS = 5000;

/** CPU time (user + system) the process has used so far, in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Resolves with the exit code after Ink has unmounted, the terminal is restored and the session ended. */
export async function startTui(opts: TuiOptions): Promise<number> {
  const stdout = opts.stdout ?? process.stdout;
  const stdin = opts.stdin ?? process.stdin;
  const { controller, shells } = opts.session;

  const facts = controller.getState().facts;
  if (facts.lang !== opts.lang) controller.dispatch({ type: 'setFacts', facts: { ...facts, lang: opts.lang } });

  let finishing: Promise<number> | null = null;
  let resolveDone: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => {
    resolveDone = resolve;
  });
  const screen = fullScreen(stdin, stdout);

  /** On the normal screen: where progress was saved and how to resume. */
  const sayWhereProgressIs = (): void => {
    try {
      const tour = controller.getState();
      const path = opts.progress.pathFor(tour.tutorial.id, progressKey(tour.facts));
      const line = quitLine({
        facts: tour.facts,
        tutorial: tour.tutorial,
        builtinDir: BUILTIN_TUTORIAL_DIR,
        path,
        saved: existsSync(path),
        finished: tourFinished(tour),
        defaultCluster: opts.defaultCluster ?? 'ivol',
      }, stdout.isTTY ? stdout.columns : undefined);
      if (line) stdout.write(`${line}\n`);
    } catch {
      // the terminal is gone: nothing to say
    }
  };

  const releaseTerminal = claimTerminal({ restore: () => screen.restore(), restoreNow: () => screen.restoreNow() });
  let offShutdown = (): void => undefined;

  const finish = (code: number): Promise<number> => {
    finishing ??= (async () => {
      await screen.restore();
      if (code === 0) sayWhereProgressIs();
      await settledWithin(opts.session.dispose(), DISPOSE_TIMEOUT_MS);
      offShutdown();
      releaseTerminal();
      stdin.pause?.();
      resolveDone(code);
      return code;
    })();
    return finishing;
  };

  // A signal or a crash: the shutdown gives the terminal back first, then ends the session here.
  offShutdown = onShutdown({
    stop: (signal) => finish(signalExitCode(signal)).then(() => undefined),
    kill: () => screen.restoreNow(),
  });
  const onFatal = (error: unknown): void => {
    void crash(error);
  };

  try {
    const trace = process.env['IVOL_TOUR_TRACE'];
    const t0 = performance.now();
    let frames = 0;
    const ink = screen.mount(() =>
      render(
        <TrustGate prompt={opts.trust} lang={opts.lang} color={!opts.noColor} onQuit={() => void finish(NOT_TRUSTED_EXIT)}>
          <App
            controller={controller}
            shells={shells}
            noColor={opts.noColor}
            progress={opts.progress}
            {...(opts.startStep !== undefined ? { startStep: opts.startStep } : {})}
            fresh={opts.fresh ?? false}
            {...(opts.questions ? { questions: opts.questions } : {})}
            onExit={(code) => void finish(code)}
          />
        </TrustGate>,
        {
          stdout,
          stdin,
          exitOnCtrlC: false,
          // The tour only starts on a terminal. Ink would otherwise turn non-interactive when
          // CI=true (some cloud shells and containers set it) and draw nothing until it exits.
          interactive: true,
          patchConsole: true,
          maxFps: 30,
          onRender: ({ renderTime }: { renderTime: number }) => {
            frames++;
            if (trace && frames <= 3) appendFileSync(trace, `frame ${frames}: startTui at ${t0.toFixed(1)} ms, frame at ${performance.now().toFixed(1)} ms (render ${renderTime.toFixed(1)} ms, cpu ${cpuMs().toFixed(1)} ms)\n`);
            if (frames === 1 && opts.onFirstFrame) setImmediate(opts.onFirstFrame);
          },
        },
      ),
    );
    // Ink ending by itself (not because the terminal is being given back) ends the tour.
    ink.waitUntilExit().then(
      () => {
        if (!screen.restored) void finish(0);
      },
      (error: unknown) => onFatal(error),
    );
  } catch (error) {
    onFatal(error);
  }
  return done;
}
