// The one keyboard handler of the screen: the key table of the context that has the keys (an
// overlay, the tour) decides what a key does. While the shell pane has the keys it reads stdin
// itself and this handler lets every key pass. It stays subscribed throughout: the context is
// decided per key from the state of the last render, so a key typed just after Ctrl-] reaches
// the tour, not a handler that is still being attached.
import { useInput, type Key } from 'ink';
import { bindingFor, press } from '../keys/bindings.js';
import { KEY_TABLES, keyContextOf, type ScreenState } from '../keys/key-bindings.js';
import type { TourActions } from './useTourActions.js';

/** `screen` gives the state at the moment of the key press. */
export function useKeyHandler(screen: () => ScreenState, actions: TourActions): void {
  useInput((input, key) => {
    // Keys typed faster than a read arrive together ("jj"); take them one by one.
    if (input.length > 1 && !key.ctrl && !key.meta && /^[\x20-\x7e]+$/.test(input)) {
      for (const ch of input) handle(ch, { ...key, shift: ch !== ch.toLowerCase() });
      return;
    }
    handle(input, key);
  });

  function handle(input: string, key: Key): void {
    const s = screen();
    const context = keyContextOf(s);
    if (context === null || context === 'shell') return;
    if (s.ui.notice) actions.clearNotice();
    const binding = bindingFor(KEY_TABLES[context], input, key);
    if (binding) press(binding, s, actions, (message) => actions.notice(message));
  }
}
