// The fallback when no pty module loads: the pod shell runs full-screen, on the tour's own
// terminal, while Ink is suspended.
//
// What the caller must do:
//   BEFORE: give the terminal up. With Ink 8, call it inside useApp().suspendTerminal:
//       await suspendTerminal(() => runShellFullScreen([kubectl, ...podShellArgs(...)], env));
//     suspendTerminal erases Ink's frame, leaves the alternate screen (if used), turns raw
//     mode and bracketed paste off and stops Ink reading stdin. (Without suspendTerminal:
//     unmount the Ink instance, or at least turn raw mode off through Ink, before calling.)
//     Say first, in the tour's words, why the shell is full-screen (no pty module: the reason
//     from loadPty()) and that `exit` or Ctrl-D returns to the tour.
//   DURING: nothing. This function pauses process.stdin so Node does not steal keystrokes
//     from the child, and sets the process's SIGINT/SIGQUIT/SIGTSTP listeners aside (Ctrl-C
//     in the shell reaches the whole foreground process group, the tour included; it must
//     go to the pod's shell only). They are put back when the child ends.
//   AFTER: the promise resolves with the exit code (signal → 128+n, spawn failure → 127) once
//     the child is gone; stdin is back in the state it was in. Ink's suspendTerminal
//     callback returning resumes Ink (raw mode on, full redraw). Without suspendTerminal:
//     re-render / resume Ink yourself. Then show that the shell ended (shell.ended).

import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { onShutdown } from '../../app/shutdown.js';

const SET_ASIDE: readonly NodeJS.Signals[] = ['SIGINT', 'SIGQUIT', 'SIGTSTP'];

/** Runs argv with the terminal inherited; resolves with its exit code. Never rejects. */
export function runShellFullScreen(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [file, ...args] = argv;
  if (!file) return Promise.resolve(127);
  const stdin = process.stdin;
  const wasPaused = stdin.isPaused();
  const saved = new Map<NodeJS.Signals, ((...a: unknown[]) => void)[]>();
  const ignore = (): void => {};
  for (const sig of SET_ASIDE) {
    saved.set(sig, process.listeners(sig) as ((...a: unknown[]) => void)[]);
    process.removeAllListeners(sig);
    process.on(sig, ignore);
  }
  const restore = (): void => {
    for (const sig of SET_ASIDE) {
      process.removeListener(sig, ignore);
      for (const l of saved.get(sig) ?? []) process.on(sig, l);
    }
    if (!wasPaused) stdin.resume();
  };
  stdin.pause();
  return new Promise<number>((resolve) => {
    let done = false;
    const finish = (code: number): void => {
      if (done) return;
      done = true;
      restore();
      resolve(code);
    };
    try {
      const child = spawn(file, args, { stdio: 'inherit', env: { ...env, TERM: env['TERM'] ?? 'xterm-256color' } });
      // SIGTERM or SIGHUP to the tour (SIGINT is the shell's) ends the shell too: SIGTERM,
      // then SIGKILL after 2 s.
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      const kill = (): void => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      };
      const offShutdown = onShutdown({
        async stop() {
          child.kill('SIGTERM');
          const timer = setTimeout(kill, 2000);
          await gone;
          clearTimeout(timer);
        },
        kill,
      }, { first: true });
      child.once('error', () => {
        offShutdown();
        finish(127);
      });
      child.once('exit', (code, signal) => {
        offShutdown();
        if (code !== null) finish(code);
        else finish(128 + (signal ? (constants.signals[signal] ?? 0) : 0));
      });
    } catch {
      finish(127);
    }
  });
}
