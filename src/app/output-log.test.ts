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
});
