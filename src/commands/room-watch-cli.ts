// `room watch` on the command line: adds the `watch` subcommand to the `room` command (which
// `room create`, `room status` and `room delete` share). Kept apart from cli.tsx so that the
// room's other subcommands are added beside it without touching it; the command itself
// (room-watch.ts) and its screen are imported only when it runs.
import type { Command } from 'commander';
import { langFromEnv, t } from '../i18n/index.js';
import type { Lang } from '../i18n/types.js';

/** What `room watch` reads of the global options (--kubeconfig once the CLI has it). */
export interface RoomWatchGlobals {
  readonly context?: string;
  readonly lang?: Lang;
  readonly kubeconfig?: string;
}

export interface RoomWatchCli {
  readonly globals: () => RoomWatchGlobals;
  readonly setExitCode: (code: number) => void;
  /** One line, the usage hint, exit status 2 (cli.tsx's). */
  readonly usageError: (message: string) => never;
  readonly stderr: (s: string) => void;
}

export function addRoomWatch(room: Command, cli: RoomWatchCli): Command {
  const lang = langFromEnv(process.env);
  return room
    .command('watch')
    .description(t(lang, 'roomWatch.cli.watch'))
    .option('--name <room>', t(lang, 'roomWatch.cli.name'), 'room')
    .action(async (local: { name: string }) => {
      const g = cli.globals();
      const l = g.lang ?? lang;
      if (g.context === undefined) cli.usageError(t(l, 'roomWatch.needContext'));
      const { roomWatchCommand } = await import('./room-watch.js');
      cli.setExitCode(
        await roomWatchCommand({
          context: g.context,
          room: local.name,
          lang: l,
          env: g.kubeconfig !== undefined ? { ...process.env, KUBECONFIG: g.kubeconfig } : process.env,
          noColor: Boolean(process.env['NO_COLOR']),
          stderr: cli.stderr,
        }),
      );
    });
}
