import { describe, expect, it } from 'vitest';
import { OutputLog } from './output-log.js';

describe('OutputLog', () => {
  it('joins chunks into lines per stream and keeps a line still being written', () => {
    const log = new OutputLog();
    log.write('s', 'hel', 'stdout');
    log.write('s', 'lo\nwor', 'stdout');
    log.write('s', 'oops\n', 'stderr');
    expect(log.lines('s').map((l) => [l.kind, l.text])).toEqual([
      ['stdout', 'hello'],
      ['stderr', 'oops'],
      ['stdout', 'wor'],
    ]);
    log.flush('s');
    expect(log.lines('s').at(-1)).toEqual({ kind: 'stdout', text: 'wor' });
  });

  it('shows what a carriage return leaves on the line, and keeps colours', () => {
    const log = new OutputLog();
    log.write('s', ' • Ensuring node image\r \x1b[32m✓\x1b[0m Ensuring node image\r\n', 'stderr');
    expect(log.lines('s')[0]?.text).toBe(' \x1b[32m✓\x1b[0m Ensuring node image');
  });

  it('keeps a fixed scrollback however much is printed', () => {
    const log = new OutputLog(100);
    for (let i = 0; i < 10_000; i++) log.write('s', `line ${i}\n`, 'stdout');
    const lines = log.lines('s');
    expect(lines).toHaveLength(100);
    expect(lines[0]?.text).toBe('line 9900');
    expect(lines.at(-1)?.text).toBe('line 9999');
    expect(log.dropped('s')).toBe(9900);
  });

  it('tells subscribers once per burst, not once per chunk', async () => {
    const log = new OutputLog(100, 5);
    let calls = 0;
    log.subscribe(() => calls++);
    for (let i = 0; i < 1000; i++) log.write('s', 'x\n', 'stdout');
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toBe(1);
    log.dispose();
  });

  it('caps the line being written: keeps its end, counts what was dropped, and the finished line says so', () => {
    const log = new OutputLog(100, 50, 10);
    log.write('s', 'abcdefghij', 'stdout');
    log.write('s', 'klmnopqrst', 'stdout');
    log.write('s', 'uvwxyz', 'stdout');
    // Never more than twice the cap while it is written; shown capped.
    const pending = log.lines('s').at(-1);
    expect(pending?.text).toBe('qrstuvwxyz');
    expect(pending?.cut).toBe(16);
    log.write('s', '!\nnext\n', 'stdout');
    expect(log.lines('s').map((l) => [l.text, l.cut])).toEqual([
      ['rstuvwxyz!', 17],
      ['next', undefined],
    ]);
  });

  it('caps a long line that arrives whole, and a line still unfinished when the command ends', () => {
    const log = new OutputLog(100, 50, 10);
    log.write('s', `${'a'.repeat(25)}END\n`, 'stderr');
    log.write('s', `${'b'.repeat(30)}TAIL`, 'stdout');
    log.flush('s');
    expect(log.lines('s').map((l) => [l.kind, l.text, l.cut])).toEqual([
      ['stderr', 'aaaaaaaEND', 18],
      ['stdout', 'bbbbbbTAIL', 24],
    ]);
  });

  it('a progress line rewritten with carriage returns forever stays small and is not reported as cut', () => {
    const log = new OutputLog(100, 50, 64);
    for (let i = 0; i < 10_000; i++) log.write('s', `\rprogress ${i}%`, 'stderr');
    const line = log.lines('s').at(-1);
    expect(line?.text).toBe('progress 9999%');
    expect(line?.cut).toBeUndefined();
  });
});
