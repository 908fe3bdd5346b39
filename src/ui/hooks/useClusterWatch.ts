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

export function useClusterWatch(cluster: ClusterProbe): ClusterView {
  const [view, setView] = useState<ClusterView>({ snapshot: null, error: null });
  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    const timer = setTimeout(() => {
      if (cancelled) return;
      try {
        stop = cluster.watch(
          (snapshot) => {
            if (!cancelled) setView({ snapshot, error: null });
          },
          (message) => {
            if (!cancelled) setView((v) => ({ snapshot: v.snapshot, error: message }));
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
