// The terminal's size, following resizes (Ink's useWindowSize); a fixed size when given
// (tests: ink-testing-library's stdout has no rows).
import { useWindowSize } from 'ink';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

export function useTerminalSize(fixed?: TerminalSize): TerminalSize {
  const size = useWindowSize();
  return fixed ?? { columns: size.columns || 80, rows: size.rows || 24 };
}
