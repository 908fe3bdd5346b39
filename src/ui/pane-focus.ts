// Which pane has the focus, where Tab takes it next, and what each pane's title says about
// it. Pure. Tab cycles step view → output → cluster; while the pod shell is open on the
// current step, the shell comes after the step view and the output pane stays in the cycle
// (the output slot shows one of the two: the shell keeps running while the output shows).
import type { ShellStatus } from '../app/shell-controller.js';
import type { TourState } from '../engine/tour.js';
import type { PaneId, UiState } from './state/ui-state.js';

const CYCLE: readonly PaneId[] = ['view', 'output', 'cluster'];
const CYCLE_WITH_SHELL: readonly PaneId[] = ['view', 'shell', 'output', 'cluster'];

/** The shell (open, or ended and saying so) is on the step the learner looks at: its pane can take the output slot. */
export function shellOnStep(tour: TourState, shell: ShellStatus | null): boolean {
  return shell !== null && tour.steps[tour.current]?.id === shell.stepId;
}

/** The pane Tab moves the focus to. */
export function nextFocus(focus: PaneId, withShell: boolean): PaneId {
  const cycle = withShell ? CYCLE_WITH_SHELL : CYCLE;
  const at = cycle.indexOf(focus === 'shell' && !withShell ? 'output' : focus);
  return cycle[(at + 1) % cycle.length] ?? 'view';
}

/** What the output slot shows: the shell, or the output. */
export function outputSlotShows(ui: UiState, withShell: boolean): 'shell' | 'output' {
  return withShell && ui.outputSlot === 'shell' ? 'shell' : 'output';
}

/** The key written in a pane's title when it moves the focus there (Tab), else undefined. */
export function paneKey(pane: PaneId, ui: UiState, withShell: boolean): string | undefined {
  if (ui.focus === pane) return undefined;
  return nextFocus(ui.focus, withShell) === pane ? 'Tab' : undefined;
}

/** The catalog key of each pane's name. */
export const PANE_NAMES = { output: 'ui.pane.output', cluster: 'ui.pane.cluster', shell: 'ui.pane.shell' } as const;

/**
 * The narrow layout's bottom pane title: the tab shown first, then the hidden ones, the one Tab
 * moves to marked "Tab:" ("Output │ Tab: Cluster"), or "[Tab]" after the shown one: only
 * when Tab really goes there. (The pane then writes no key hint of its own.)
 */
export function bottomTabsTitle(ui: UiState, withShell: boolean, name: (pane: Exclude<PaneId, 'view'>) => string): string {
  const slot = outputSlotShows(ui, withShell);
  const tabs: Exclude<PaneId, 'view'>[] = withShell ? ['shell', 'output', 'cluster'] : ['output', 'cluster'];
  const shown: Exclude<PaneId, 'view'> = ui.bottomTab === 'cluster' ? 'cluster' : slot;
  const target = nextFocus(ui.focus, withShell);
  const here = target === shown && ui.focus !== shown ? ' [Tab]' : '';
  const hidden = tabs.filter((p) => p !== shown).map((p) => (p === target && ui.focus !== p ? `Tab: ${name(p)}` : name(p)));
  return [name(shown) + here, ...hidden].join(' │ ');
}
