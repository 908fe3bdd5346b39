import { describe, expect, it } from 'vitest';
import type { ShellTask } from '../src/engine/model.js';
import { compileTaskPattern } from '../src/engine/task-pattern.js';
import { InputLineTracker, inputLines, loadTaskMatcher, shellTasksDone } from '../src/ui/shell/input-lines.js';

describe('InputLineTracker', () => {
  it.each([
    ['plain lines', 'ls -l /volume\rcat /volume/dir/file\r', ['ls -l /volume', 'cat /volume/dir/file']],
    ['backspace (DEL and BS)', 'lss\x7f -l\x08l\r', ['ls -l']],
    ['Ctrl-U kills the line', 'rm -rf /\x15ls\r', ['ls']],
    ['Ctrl-W kills a word', 'cat /etc/passwd\x17/volume/dir/file\r', ['cat /volume/dir/file']],
    ['Ctrl-C abandons the line', 'touch x\x03mount\r', ['mount']],
    ['arrows, F-keys, Alt-x and OSC are skipped', '\x1b[Als\x1bOP\x1b[15~\x1bx -a\x1b]0;t\x07\r', ['ls -a']],
    ['bracketed paste keeps the text', '\x1b[200~cat /volume/dir/file\x1b[201~\r', ['cat /volume/dir/file']],
    ['Tab is ignored, LF enters', 'ls /vo\tlume\n', ['ls /volume']],
    ['multibyte', 'echo 中文\x7f\r', ['echo 中']],
  ])('%s', (_name, typed, lines) => {
    expect(inputLines(typed)).toEqual(lines);
  });

  it('keeps state across chunks (a split escape sequence, a line in pieces)', () => {
    const t = new InputLineTracker();
    expect(t.feed('ls \x1b')).toEqual([]);
    expect(t.feed('[D-l')).toEqual([]);
    expect(t.current).toBe('ls -l');
    expect(t.feed(' /volume\r')).toEqual(['ls -l /volume']);
    expect(t.current).toBe('');
  });
});

describe('shellTasksDone', () => {
  const text = { en: 'x', 'zh-CN': 'x' };
  const tasks: ShellTask[] = [
    { id: 'read', title: text, match: '^cat\\s+/volume/dir/file$' },
    { id: 'write', title: text, match: '^(touch|mkdir|rm)\\b.*/volume|>\\s*/volume' },
    { id: 'mount', title: text, match: '^mount\\b' },
    { id: 'broken', title: text, match: '(' },
  ];

  it('ticks tasks once the pattern engine (RE2, loaded on demand) is there', async () => {
    await loadTaskMatcher();
    expect(shellTasksDone(tasks, ['mount']).has('mount')).toBe(true);
  });

  it('ticks the tasks whose expression matches an entered line', () => {
    const done = (lines: string[]): Set<string> => shellTasksDone(tasks, lines, compileTaskPattern);
    expect([...done(['  cat /volume/dir/file  ', 'echo hi > /volume/x'])].sort()).toEqual(['read', 'write']);
    expect(done(['mount | grep volume']).has('mount')).toBe(true);
    expect(done([]).size).toBe(0);
    expect(done(['(']).has('broken')).toBe(false);
  });
});
