// The attendee's side of a workshop room: whether this session runs in a room seat, and
// writing the seat's progress into its `ivol-tour-progress` ConfigMap.
//
// A session is a seat when its namespace carries the room's labels (the tour's, ivol-tour/room
// and ivol-tour/seat): the cluster says so, not a file. `room create` labelled it and the seat
// cannot change it; a seat's kubeconfig merged into another still works, and a kubeconfig that
// merely claims a room writes nothing. Only then is anything written, and only that one
// ConfigMap, by name (JSON merge patch of its data: the seat's Role allows get and patch on it).

import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../../engine/ownership.js';
import { PROGRESS_CONFIGMAP, ROOM_LABEL, SEAT_LABEL } from '../../engine/room.js';
import type { ProgressSink } from '../ports.js';
import { KubeTransport } from './transport.js';

const enc = encodeURIComponent;

/** The sink of this session's seat, or null when it is not one (or the namespace cannot be read). */
export async function openSeatProgressSink(o: { readonly context: string; readonly namespace: string; readonly env?: NodeJS.ProcessEnv; readonly requestTimeoutMs?: number }): Promise<ProgressSink | null> {
  const transport = new KubeTransport(o.context, o.env ?? process.env, o.requestTimeoutMs ?? 5000);
  let labels: Readonly<Record<string, string>> = {};
  try {
    const ns = await transport.json<{ metadata?: { labels?: Record<string, string> } }>('GET', `/api/v1/namespaces/${enc(o.namespace)}`);
    labels = ns.metadata?.labels ?? {};
  } catch {
    transport.dispose();
    return null;
  }
  const room = labels[ROOM_LABEL];
  const seat = labels[SEAT_LABEL];
  if (labels[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE || !room || !seat) {
    transport.dispose();
    return null;
  }
  const path = `/api/v1/namespaces/${enc(o.namespace)}/configmaps/${PROGRESS_CONFIGMAP}`;
  return {
    room,
    seat,
    async write(data) {
      await transport.json('PATCH', path, { data }, 'application/merge-patch+json');
    },
    dispose() {
      transport.dispose();
    },
  };
}
