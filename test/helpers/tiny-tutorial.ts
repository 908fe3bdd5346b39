// A small tutorial built directly as an object, for UI tests.
import type { CheckSpec, CommandSpec, SessionFacts, StepSpec, Text, TutorialSpec } from '../../src/engine/model.js';

const tx = (en: string, zh: string): Text => ({ en, 'zh-CN': zh });

function cmd(id: string, argv: string[]): CommandSpec {
  return { id, argv, timeoutMs: 60_000, allowFailure: false };
}

function step(id: string, title: Text, body: Text, more: Partial<StepSpec> = {}): StepSpec {
  const commands = more.commands ?? [];
  return { id, title, body, beats: { en: [body.en], 'zh-CN': [body['zh-CN']] }, actionBeat: 0, optional: false, files: [], commands, checks: [], solve: commands, hints: [], ...more };
}

const verifyCheck: CheckSpec = {
  id: 'file-content',
  kind: 'execOutput',
  title: tx('/volume/dir/file prints 1', '/volume/dir/file 输出 1'),
  timeoutMs: 0,
  pod: '{pod}',
  container: '{container}',
  argv: ['cat', '/volume/dir/file'],
  equals: '1',
  hint: tx('Is the artifact mounted at /volume?', '制品是否挂载在 /volume？'),
};

export function tinyTutorial(): TutorialSpec {
  return {
    id: 'tiny',
    title: tx('Tiny tour', '迷你教程'),
    description: tx('A test tutorial', '测试教程'),
    dir: '/nonexistent',
    pod: 'image-volume',
    container: 'shell',
    steps: [
      step('welcome', tx('Welcome', '欢迎'), {
        en: '# Welcome\n\nThis tour shows **image volumes**.\n\n- one\n- two\n\n```yaml\nkind: Pod\n```\n',
        'zh-CN': '# 欢迎\n\n本教程介绍**镜像卷**。\n',
      }),
      step('apply-pod', tx('Apply the Pod', '应用 Pod'), tx('Apply the pod manifest.', '应用 Pod 清单。'), {
        files: [{ name: 'pod', asset: 'pod.yaml', content: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: image-volume\n' }],
        commands: [cmd('apply', ['kubectl', 'apply', '-f', '{file:pod}'])],
        checks: [{ id: 'pod-running', kind: 'podPhase', title: tx('The pod runs', 'Pod 正在运行'), timeoutMs: 0, pod: 'image-volume', phase: 'Running' }],
      }),
      step('verify', tx('Verify', '验证'), tx('Read the file.', '读取文件。'), {
        commands: [cmd('ls', ['echo', 'ls', '/volume'])],
        checks: [verifyCheck],
        hints: [tx('Look at the events in the cluster pane.', '查看集群面板中的事件。')],
      }),
      step('slow', tx('Slow step', '慢步骤'), tx('Takes a while.', '需要一些时间。'), {
        commands: [cmd('wait', ['sleep', '20000'])],
      }),
      step('explore-shell', tx('Explore', '探索'), tx('Open the shell.', '打开 shell。'), {
        optional: true,
        shell: { pod: '{pod}', container: '{container}', tasks: [] },
      }),
      step('cleanup', tx('Clean up', '清理'), tx('Delete everything.', '删除所有资源。'), {
        commands: [cmd('delete', ['kubectl', 'delete', 'pod', 'image-volume'])],
      }),
    ],
  };
}

/** Shell tasks of the tiny tutorial's explore-shell step, for the tests of the task list. */
export const SHELL_TASKS = {
  read: { id: 'read', title: { en: 'Read the file', 'zh-CN': '读取文件' }, match: 'cat\\s+/volume/dir/file' },
  write: { id: 'write', title: { en: 'Try a write', 'zh-CN': '尝试写入' }, match: '\\btouch\\b' },
  mounts: { id: 'mounts', title: { en: 'Look at the mounts', 'zh-CN': '查看挂载' }, match: '/proc/mounts' },
} as const;

/** The tiny tutorial with these shell tasks on its explore-shell step. */
export function tinyTutorialWithShellTasks(tasks: readonly (typeof SHELL_TASKS)[keyof typeof SHELL_TASKS][]): TutorialSpec {
  const tutorial = tinyTutorial();
  const steps = tutorial.steps.map((s) => (s.id === 'explore-shell' ? { ...s, shell: { pod: '{pod}', container: '{container}', tasks: [...tasks] } } : s));
  return { ...tutorial, steps };
}

export function tinyFacts(overrides: Partial<SessionFacts> = {}): SessionFacts {
  return {
    mode: 'simulated',
    profile: 'containerd',
    featureGate: false,
    lang: 'en',
    cluster: 'ivol',
    context: 'kind-ivol',
    namespace: 'default',
    artifact: 'quay.io/crio/artifact:v2',
    nodeImage: '',
    workDir: '/tmp/ivol-tour-test-work',
    ...overrides,
  };
}
