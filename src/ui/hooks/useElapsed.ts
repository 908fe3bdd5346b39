// Seconds since a moment, ticking once a second while `since` is set.
import { useAnimation } from 'ink';

export function useElapsed(since: number | undefined, now: () => number): number {
  useAnimation({ interval: 1000, isActive: since !== undefined });
  return since === undefined ? 0 : Math.max(0, now() - since);
}

export { formatElapsed } from '../../engine/durations.js';
