// The tour refusing a broken tutorial: the loader hands out message references, and the
// command line prints them in the learner's language, as lint does (bin/ivol-tour.js).
import { describe, expect, it } from 'vitest';
import { t, tRef } from '../src/i18n/index.js';
import type { MessageRef } from '../src/i18n/types.js';
import { runCli } from './helpers/cli.js';

const DIR = 'test/fixtures/tutorials/unknown-key';
const FILE = `${DIR}/tutorial.yaml`;

describe('ivol-tour run with a tutorial that does not load', () => {
  it('lists every problem as file:line:col message, says what to do, exit 2', async () => {
    const r = await runCli(['run', '--simulate', '--yes', '--tutorial', DIR]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      `The tutorial in ${DIR} has 4 problem(s):`,
      `${FILE}:4:1 unknown key "step" (did you mean "steps"?)`,
      `${FILE}:8:5 unknown key "titel" (did you mean "title"?)`,
      `${FILE}:13:9 unknown key "timout" (did you mean "timeout"?)`,
      `${FILE}:14:9 unknown key "allowfailure" (did you mean "allowFailure"?)`,
      `Fix them (check with \`ivol-tour lint ${DIR}\`) and start again.`,
      '',
    ]);
  });

  it('in Simplified Chinese with --lang zh-CN, the suggestion inside the problem too', async () => {
    const r = await runCli(['--lang', 'zh-CN', 'run', '--simulate', '--yes', '--tutorial', DIR]);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n');
    const unknownKey: MessageRef = { key: 'loader.unknownKey', params: { key: 'step', hint: { key: 'loader.didYouMean', params: { suggestion: 'steps' } } } };
    expect(lines[0]).toBe(t('zh-CN', 'cli.tutorialBroken', { dir: DIR, count: 4 }));
    expect(lines[1]).toBe(`${FILE}:4:1 ${tRef('zh-CN', unknownKey)}`);
    expect(lines[1]).not.toBe(`${FILE}:4:1 ${tRef('en', unknownKey)}`);
    expect(lines[5]).toBe(t('zh-CN', 'cli.tutorialBrokenNext', { dir: DIR }));
  });
});
