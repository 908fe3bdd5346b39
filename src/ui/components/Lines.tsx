// Exactly `height` rows of pre-rendered text (SGR allowed), each cut at the pane's width:
// a pane never wraps, so it never grows and never draws outside its box.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Size } from '../layout.js';

export interface LinesProps {
  readonly lines: readonly string[];
  readonly size: Size;
}

export function Lines({ lines, size }: LinesProps): ReactNode {
  const shown = lines.slice(0, Math.max(0, size.height));
  return (
    <Box flexDirection="column" width={size.width} height={size.height} flexShrink={0} overflow="hidden">
      {shown.map((line, i) => (
        <Box key={i} height={1} width={size.width} flexShrink={0}>
          <Text wrap="truncate-end">{line === '' ? ' ' : line}</Text>
        </Box>
      ))}
    </Box>
  );
}

/** The window of `lines` starting at `offset`, clamped so the window is as full as possible. */
export function windowOf<T>(lines: readonly T[], offset: number, height: number): { shown: readonly T[]; start: number } {
  const max = Math.max(0, lines.length - height);
  const start = Math.min(Math.max(0, offset), max);
  return { shown: lines.slice(start, start + height), start };
}
