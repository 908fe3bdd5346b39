import { describe, expect, it } from 'vitest';
import { tinyFacts } from '../../test/helpers/tiny-tutorial.js';
import { quitLine, resumeCommand } from './quit-line.js';

const base = { tutorial: { dir: '/pkg/tutorials/image-volume' }, builtinDir: '/pkg/tutorials/image-volume', defaultCluster: 'ivol' };

describe('the line after quitting', () => {
  it('names the progress file and the command that resumes this very session', () => {
    const line = quitLine({ ...base, facts: tinyFacts({ mode: 'simulated', cluster: 'ivol', lang: 'en' }), path: '/s/progress/x.json', saved: true, finished: false });
    expect(line).toBe('ivol-tour: progress saved in /s/progress/x.json.\nResume with: ivol-tour --simulate');
  });

  it('wraps to the terminal: Chinese between characters, no line starting with full-width punctuation, the command whole', () => {
    const path = '/tmp/prof/st6/progress/image-volume--simulated-ivol.json';
    const line = quitLine({ ...base, facts: tinyFacts({ mode: 'simulated', cluster: 'ivol', lang: 'zh-CN' }), path, saved: true, finished: false }, 80) ?? '';
    expect(line.split('\n')).toEqual(['ivol-tour：进度已保存在', `${path}。`, '继续学习：ivol-tour --simulate --lang zh-CN']);
    for (const l of line.split('\n')) expect(l.startsWith('。')).toBe(false);
  });

  it('keeps what made the session: cluster, context, profile, language, another tutorial (quoted for the shell)', () => {
    expect(resumeCommand({ ...base, facts: tinyFacts({ mode: 'real', cluster: 'workshop', profile: 'crio', lang: 'zh-CN' }) })).toBe('ivol-tour --cluster workshop --profile crio --lang zh-CN');
    expect(resumeCommand({ ...base, facts: tinyFacts({ mode: 'byoc', context: 'my ctx', lang: 'en' }) })).toBe("ivol-tour --context 'my ctx'");
    expect(resumeCommand({ ...base, tutorial: { dir: '/home/me/my tour' }, facts: tinyFacts({ mode: 'real', cluster: 'ivol', lang: 'en' }) })).toBe("ivol-tour --tutorial '/home/me/my tour'");
  });

  it('says nothing when nothing was saved, and that the tour is complete when it is', () => {
    expect(quitLine({ ...base, facts: tinyFacts({ lang: 'en' }), path: '/p', saved: false, finished: false })).toBeNull();
    expect(quitLine({ ...base, facts: tinyFacts({ mode: 'simulated', lang: 'zh-CN' }), path: '/p', saved: true, finished: true })).toBe('ivol-tour：教程已完成（进度保存在 /p）。\n重新开始：ivol-tour --simulate --lang zh-CN');
  });
});
