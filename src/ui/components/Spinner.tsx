// A small spinner (Ink's shared animation timer; it only ticks while mounted).
import { Text, useAnimation } from 'ink';
import type { ReactNode } from 'react';
import { useColor } from '../contexts/TourContexts.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function Spinner(): ReactNode {
  const { frame } = useAnimation({ interval: 100 });
  const c = useColor();
  return <Text color={c('yellow')}>{FRAMES[frame % FRAMES.length]}</Text>;
}
