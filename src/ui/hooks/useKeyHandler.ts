// The one keyboard handler of the screen (inactive while the shell pane has the keys).
// Overlays take keys first; otherwise the key-binding table decides.
import { useInput, type Key } from 'ink';
import type { Dispatch } from 'react';
import type { Progress } from '../../adapters/store/progress-store.js';
import { actionFor, isNo, isYes } from '../keys/key-bindings.js';
import type { Layout } from '../layout.js';
import type { UiAction, UiState } from '../state/ui-state.js';
import type { TourCommands } from './useTourCommands.js';

export interface KeyHandlerDeps {
  readonly ui: UiState;
  readonly layout: Layout;
  readonly offer: Progress | null;
  readonly commands: TourCommands;
  readonly dispatch: Dispatch<UiAction>;
}

export function useKeyHandler({ ui, layout, offer, commands, dispatch }: KeyHandlerDeps): void {
  const shellHasKeys = ui.shell?.focused === true;
  useInput(
    (input, key) => {
      // Keys typed faster than a read arrive together ("jj"); take them one by one.
      if (input.length > 1 && !key.ctrl && !key.meta && /^[\x20-\x7e]+$/.test(input)) {
        for (const ch of input) handle(ch, { ...key, shift: ch !== ch.toLowerCase() });
        return;
      }
      handle(input, key);
    },
    { isActive: !shellHasKeys },
  );

  function handle(input: string, key: Key): void {
      if (ui.stopping) return;
      const ctrlC = key.ctrl && input === 'c';
      if (ui.notice) dispatch({ type: 'notice', notice: null });
      switch (ui.overlay) {
        case 'quit':
          if (isYes(input, key) || ctrlC) commands.quitNow();
          else if (isNo(input, key) || input === 'q') dispatch({ type: 'overlay', overlay: null });
          return;
        case 'resume':
          if (ctrlC || input === 'q') commands.quitNow();
          else if (key.return && offer) commands.resume(offer, true);
          else if (isNo(input, key) && offer) commands.resume(offer, false);
          return;
        case 'confirm':
          if (ctrlC) commands.perform('quit');
          else if (isYes(input, key)) commands.confirmRun(true);
          else if (isNo(input, key) || key.escape || input === 'q') commands.confirmRun(false);
          return;
        case 'question':
          if (isYes(input, key)) commands.answerQuestion(true);
          else if (isNo(input, key) || key.escape || input === 'q' || ctrlC) commands.answerQuestion(false);
          return;
        case 'help':
          if (ctrlC) commands.perform('quit');
          else dispatch({ type: 'overlay', overlay: null });
          return;
        case null:
          break;
      }
      const action = actionFor(input, key);
      if (!action) return;
      if (layout.kind === 'tooSmall' && action !== 'quit') return;
      commands.perform(action);
  }
}
