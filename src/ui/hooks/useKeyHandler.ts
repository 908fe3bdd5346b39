// The one keyboard handler of the screen (inactive while the shell pane has the keys): the
// key table of the context that has the keys (an overlay, the tour) decides what a key does.
import { useInput, type Key } from 'ink';
import { bindingFor, press } from '../keys/bindings.js';
import { KEY_TABLES, keyContextOf, type ScreenState } from '../keys/key-bindings.js';
import type { TourActions } from './useTourActions.js';

/**
 * `screen` gives the state at the moment of the key press; `active` is false while the shell
 * pane reads the keys itself.
 */
export function useKeyHandler(screen: () => ScreenState, actions: TourActions, active: boolean): void {
  useInput(
    (input, key) => {
      // Keys typed faster than a read arrive together ("jj"); take them one by one.
      if (input.length > 1 && !key.ctrl && !key.meta && /^[\x20-\x7e]+$/.test(input)) {
        for (const ch of input) handle(ch, { ...key, shift: ch !== ch.toLowerCase() });
        return;
      }
      handle(input, key);
    },
    { isActive: active },
  );

  function handle(input: string, key: Key): void {
    const s = screen();
    const context = keyContextOf(s);
    if (context === null || context === 'shell') return;
    if (s.ui.notice) actions.clearNotice();
    const binding = bindingFor(KEY_TABLES[context], input, key);
    if (binding) press(binding, s, actions, (message) => actions.notice(message));
  }
}
