// Durations as the tour shows them while something runs: whole seconds, then minutes
// ("42s", "3m05s"). Pure; shared by the TUI's status row and run's progress lines.

export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
