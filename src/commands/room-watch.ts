// `ivol-tour room watch --context C --name ROOM`: the trainer's live table of a workshop room.
// One watch on the room's progress ConfigMaps across namespaces (a label selector), never a
// poll per seat; the watch is reopened with a backoff when it drops, and the header says so.
// The context is checked before the screen opens (a wrong one is one line with the next
// action, exit 2); everything the API server says later shows in the header instead.

import { errorMessage } from '../engine/errors.js';
import { createRoomApi } from '../adapters/kube/room-api.js';
import { KubeTransport } from '../adapters/kube/transport.js';
import { createRoomFeed } from '../app/room-watch-feed.js';
import { t, tRef } from '../i18n/index.js';
import { roomNameProblem } from '../engine/room.js';
import type { Lang } from '../i18n/types.js';

export interface RoomWatchOptions {
  readonly context: string;
  readonly room: string;
  readonly lang: Lang;
  readonly env: NodeJS.ProcessEnv;
  readonly noColor: boolean;
  readonly stderr: (s: string) => void;
  readonly stdin?: NodeJS.ReadStream;
  readonly stdout?: NodeJS.WriteStream;
}

export async function roomWatchCommand(o: RoomWatchOptions): Promise<number> {
  const stdin = o.stdin ?? process.stdin;
  const stdout = o.stdout ?? process.stdout;
  const problem = roomNameProblem(o.room, 1);
  if (problem) {
    o.stderr(`ivol-tour: ${tRef(o.lang, problem)}\n`);
    return 2;
  }
  if (!stdout.isTTY || !stdin.isTTY) {
    o.stderr(t(o.lang, 'roomWatch.notATerminal') + '\n');
    return 2;
  }
  // The context must be in the kubeconfig (and its credentials usable) before the screen opens.
  const probe = new KubeTransport(o.context, o.env, 15_000);
  try {
    await probe.prepare('/');
  } catch (error) {
    o.stderr(t(o.lang, 'roomWatch.cannotStart', { room: o.room, context: o.context, error: errorMessage(error) }) + '\n');
    return 2;
  } finally {
    probe.dispose();
  }
  const api = createRoomApi({ context: o.context, env: o.env });
  const feed = createRoomFeed({
    follow: (events) => api.followProgress(o.room, events),
    // The view's CPU budget is the whole process's (the watch, the parsing, the drawing).
    cpuMs: () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    },
  });
  const { startRoomWatch } = await import('../ui/room/start-room-watch.js');
  try {
    return await startRoomWatch({ feed, room: o.room, context: o.context, lang: o.lang, noColor: o.noColor, stdin, stdout });
  } finally {
    feed.stop();
    api.dispose();
  }
}
