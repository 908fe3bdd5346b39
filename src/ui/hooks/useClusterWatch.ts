// The live cluster: subscribes to the adapters' cluster watch once the first frame is on
// screen (the real watch loads @kubernetes/client-node, which must not delay it).
import { useEffect, useState } from 'react';
import type { ClusterProbe } from '../../adapters/ports.js';
import type { ClusterSnapshot } from '../../engine/kube-objects.js';
import { errorMessage } from '../../engine/errors.js';

export interface ClusterView {
  readonly snapshot: ClusterSnapshot | null;
  readonly error: string | null;
}

/** Delay after mount before the watch starts: the first frame is written by then. */
export const WATCH_START_DELAY_MS = 30;

function sameSnapshot(a: ClusterSnapshot | null, b: ClusterSnapshot): boolean {
  return a === b || (a !== null && JSON.stringify(a) === JSON.stringify(b));
}

export function useClusterWatch(cluster: ClusterProbe): ClusterView {
  const [view, setView] = useState<ClusterView>({ snapshot: null, error: null });
  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    const timer = setTimeout(() => {
      if (cancelled) return;
      try {
        // A watch may report what it already reported (the real one re-lists after every
        // reconnect): the same view is kept, so React renders nothing for it.
        stop = cluster.watch(
          (snapshot) => {
            if (!cancelled) setView((v) => (v.error === null && sameSnapshot(v.snapshot, snapshot) ? v : { snapshot, error: null }));
          },
          (message) => {
            if (!cancelled) setView((v) => (v.error === message ? v : { snapshot: v.snapshot, error: message }));
          },
        );
      } catch (error) {
        setView({ snapshot: null, error: errorMessage(error) });
      }
    }, WATCH_START_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      stop?.();
    };
  }, [cluster]);
  return view;
}
