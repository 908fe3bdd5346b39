// The output of one step, re-rendering at most as often as the output log notifies
// (it batches chunks), never per chunk.
import { useCallback, useSyncExternalStore } from 'react';
import type { OutputLine, OutputLog } from '../../app/output-log.js';

export interface StepOutput {
  readonly lines: readonly OutputLine[];
  readonly dropped: number;
}

export function useOutputLines(log: OutputLog, stepId: string): StepOutput {
  const subscribe = useCallback((onChange: () => void) => log.subscribe(onChange), [log]);
  const getVersion = useCallback(() => log.getVersion(), [log]);
  // The version changes whenever any step's output changes; reading the lines is cheap.
  useSyncExternalStore(subscribe, getVersion, getVersion);
  return { lines: log.lines(stepId), dropped: log.dropped(stepId) };
}
