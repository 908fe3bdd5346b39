// The shell tasks under a step's text: the list when it fits, else one "Tasks n/m — next" line
// that wraps into the room it has; nothing is cut without a mark, and no line is wider than the panel.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { StepSpec } from '../engine/model.js';
import { taskLines } from './task-lines.js';

const task = (id: string, en: string) => ({ id, title: { en, 'zh-CN': en }, match: id });
const spec = {
  shell: {
    pod: 'p',
    container: 'c',
    tasks: [task('mounts', 'Look at the mount options: grep /volume /proc/mounts'), task('ls', 'List the volume: ls -l /volume'), task('id', 'Who are you? id')],
  },
} as unknown as StepSpec;
const lines = (room: number, width = 54, done: ReadonlySet<string> = new Set()): string[] => taskLines(spec, done, { lang: 'en', width, color: false, room });

describe('taskLines', () => {
  it('the whole list when it fits, a long task going on under its text', () => {
    const l = lines(10, 40);
    expect(l[0]).toBe('• Look at the mount options: grep');
    expect(l[1]).toBe('  /volume /proc/mounts');
    expect(l).toHaveLength(4);
  });

  it('collapsed, the next task wraps into two lines and is whole', () => {
    const l = lines(2);
    expect(l).toHaveLength(2);
    expect(l.join(' ').replace(/\s+/g, ' ')).toBe('Tasks 0/3 — next: Look at the mount options: grep /volume /proc/mounts');
  });

  it('with one line only, the cut is marked with …', () => {
    const l = lines(1);
    expect(l).toHaveLength(1);
    expect(l[0]).toMatch(/^Tasks 0\/3 — next: .*…$/);
  });

  it('no line is wider than the panel', () => {
    for (const width of [20, 33, 54, 80]) for (const room of [1, 2, 3, 10]) for (const l of lines(room, width)) expect(stringWidth(l), `${width}/${room}: ${l}`).toBeLessThanOrEqual(width);
  });
});
