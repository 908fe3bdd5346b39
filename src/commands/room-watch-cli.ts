// `room watch` on the command line: adds the `watch` subcommand to the `room` command (which
// `room create`, `room status` and `room delete` share, in cli.tsx). Kept apart from cli.tsx;
// the command itself (room-watch.ts) and its screen are imported only when it runs.
import type { Command } from 'commander';
import { langFromEnv, t } from '../i18n/index.js';
import type { Lang } from '../i18n/types.js';

export interface RoomWatchCli {
  /**
   * The global options applied (--kubeconfig made the only kubeconfig), --context required and
   * the room's name checked, as for the room's other subcommands (a usage error exits 2).
   */
  readonly target: (name: string) => Promise<{ readonly lang: Lang; readonly context: string }>;
  readonly setExitCode: (code: number) => void;
  readonly stderr: (s: string) => void;
}

export function addRoomWatch(room: Command, cli: RoomWatchCli): Command {
  const lang = langFromEnv(process.env);
  return room
    .command('watch')
    .description(t(lang, 'roomWatch.cli.watch'))
    .option('--name <room>', t(lang, 'cli.opt.roomName'), 'room')
    .action(async (local: { name: string }) => {
      const { lang: l, context } = await cli.target(local.name);
      const { roomWatchCommand } = await import('./room-watch.js');
      cli.setExitCode(await roomWatchCommand({ context, room: local.name, lang: l, env: process.env, noColor: Boolean(process.env['NO_COLOR']), stderr: cli.stderr }));
    });
}
