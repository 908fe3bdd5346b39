import { describe, expect, it } from 'vitest';
import { barItemWidth, fitBar, type BarItem } from './help-bar-fit.js';

const item = (action: string, label: string, text: string): BarItem => ({ action, label, text });
const tour = [
  item('up', '↑↓/jk', 'Steps'),
  item('nextBeat', '←→', 'page'),
  item('run', 'Enter', 'run'),
  item('shell', 's', 'shell'),
  item('switchPane', 'Tab', 'pane'),
  item('check', 'c', 'check'),
  item('pageUp', 'PgUp/PgDn', 'scroll'),
  item('language', 'L', '中文'),
  item('help', '?', 'help'),
  item('quit', 'q', 'quit'),
];

describe('fitBar', () => {
  it('keeps every entry when they fit', () => {
    expect(fitBar(tour, 200)).toEqual(tour);
  });

  it('at 80 columns and less: ? and q always stay, the least needed go first, the order is kept', () => {
    for (const width of [80, 60, 40, 20, 5]) {
      const kept = fitBar(tour, width);
      const actions = kept.map((k) => k.action);
      expect(actions).toContain('help');
      expect(actions).toContain('quit');
      expect(actions).toEqual(tour.map((t) => t.action).filter((a) => actions.includes(a)));
      if (kept.length > 2) expect(kept.reduce((n, k) => n + barItemWidth(k), 0)).toBeLessThanOrEqual(width);
    }
    const at40 = fitBar(tour, 40).map((k) => k.action);
    expect(at40).toContain('run');
    expect(at40).not.toContain('up');
  });
});
