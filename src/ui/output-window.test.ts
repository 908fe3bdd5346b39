import { describe, expect, it } from 'vitest';
import { outputWindow } from './output-window.js';

const id = (s: string): string => s;
const verify = [
  '$ kubectl --context kind-ivol -n default exec image-volume -c shell -- ls -l /volume',
  'total 8',
  '$ kubectl --context kind-ivol -n default exec image-volume -c shell -- ls -l /volume/dir',
  'total 4',
];

describe('outputWindow', () => {
  it('wraps long lines by default, ↪ on the continuation rows, and follows the end', () => {
    const w = outputWindow(verify, id, { width: 78, height: 6, back: 0, cut: false });
    expect(w.rows).toHaveLength(6);
    expect(w.rows.join('\n')).not.toContain('…');
    // The two commands are told apart: each one's tail shows whole.
    expect(w.rows).toContain('↪ /volume');
    expect(w.rows).toContain('↪ /volume/dir');
    expect(w.atStart).toBe(true);
  });

  it('cut (like less -S): one row per line, as it is', () => {
    const w = outputWindow(verify, id, { width: 78, height: 6, back: 0, cut: true });
    expect(w.rows).toEqual(verify);
  });

  it('scrolls back by rows, as far as the output goes, and renders only what may show', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}`);
    let rendered = 0;
    const count = (s: string): string => {
      rendered++;
      return s;
    };
    const end = outputWindow(lines, count, { width: 40, height: 5, back: 0, cut: false });
    expect(end.rows).toEqual(['line 995', 'line 996', 'line 997', 'line 998', 'line 999']);
    expect(rendered).toBeLessThan(10);
    const back = outputWindow(lines, id, { width: 40, height: 5, back: 10, cut: false });
    expect(back.rows[0]).toBe('line 985');
    const tooFar = outputWindow(lines.slice(0, 7), id, { width: 40, height: 5, back: 100, cut: false });
    expect(tooFar.back).toBe(2);
    expect(tooFar.rows[0]).toBe('line 0');
  });
});
