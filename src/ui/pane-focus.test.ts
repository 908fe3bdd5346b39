import { describe, expect, it } from 'vitest';
import { bottomTabsTitle, nextFocus, paneKey } from './pane-focus.js';
import { initialUiState, uiReducer, type UiState } from './state/ui-state.js';

const ui = (o: Partial<UiState> = {}): UiState => ({ ...initialUiState(), ...o });
const names = { output: 'Output', cluster: 'Cluster', shell: 'Shell' } as const;
const title = (u: UiState, withShell: boolean): string => bottomTabsTitle(u, withShell, (p) => names[p]);

describe('focus and Tab', () => {
  it('Tab cycles view → output → cluster; with the shell open on the step: view → shell → output → cluster', () => {
    expect([nextFocus('view', false), nextFocus('output', false), nextFocus('cluster', false)]).toEqual(['output', 'cluster', 'view']);
    expect([nextFocus('view', true), nextFocus('shell', true), nextFocus('output', true), nextFocus('cluster', true)]).toEqual(['shell', 'output', 'cluster', 'view']);
    // The shell gone: its pane leaves the cycle.
    expect(nextFocus('shell', false)).toBe('cluster');
  });

  it('the output stays reachable while the shell is open: Tab from the shell shows the output in its place', () => {
    let s = uiReducer(ui(), { type: 'focus', pane: 'shell' });
    expect(s.outputSlot).toBe('shell');
    s = uiReducer(s, { type: 'cycleFocus', withShell: true });
    expect(s.focus).toBe('output');
    expect(s.outputSlot).toBe('output');
    expect(uiReducer(s, { type: 'scroll', pane: 'output', by: -5 }).outputBack).toBe(5);
  });

  it('a title names Tab only on the pane Tab really goes to', () => {
    expect(paneKey('output', ui({ focus: 'view' }), false)).toBe('Tab');
    expect(paneKey('cluster', ui({ focus: 'view' }), false)).toBeUndefined();
    expect(paneKey('view', ui({ focus: 'cluster' }), false)).toBe('Tab');
    expect(paneKey('view', ui({ focus: 'view' }), false)).toBeUndefined();
    expect(title(ui({ focus: 'view' }), false)).toBe('Output [Tab] │ Cluster');
    expect(title(ui({ focus: 'output' }), false)).toBe('Output │ Tab: Cluster');
    expect(title(ui({ focus: 'cluster', bottomTab: 'cluster' }), false)).toBe('Cluster │ Output');
    expect(title(ui({ focus: 'view' }), true)).toBe('Shell [Tab] │ Output │ Cluster');
    expect(title(ui({ focus: 'shell' }), true)).toBe('Shell │ Tab: Output │ Cluster');
  });
});
