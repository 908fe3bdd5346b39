// Seconds since a moment, ticking once a second while `since` is set.
import { useAnimation } from 'ink';

export function useElapsed(since: number | undefined, now: () => number): number {
  useAnimation({ interval: 1000, isActive: since !== undefined });
  return since === undefined ? 0 : Math.max(0, now() - since);
}

export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
