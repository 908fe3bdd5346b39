// A pane's focus as its frame shows it: whether it has the focus, and the key that moves the
// focus to it (pane-focus.ts), for <Pane focused keyHint>.
import { useUIState } from '../contexts/TourContexts.js';
import { paneKey, shellOnStep } from '../pane-focus.js';
import type { PaneId } from '../state/ui-state.js';

/** `tabbed`: the pane is a tab whose title (bottomTabsTitle) already names the key. */
export function usePaneFocus(pane: PaneId, tabbed = false): { focused: boolean; keyHint?: string } {
  const { ui, tour, shell } = useUIState();
  const hint = tabbed ? undefined : paneKey(pane, ui, shellOnStep(tour, shell));
  return { focused: ui.focus === pane, ...(hint ? { keyHint: hint } : {}) };
}
