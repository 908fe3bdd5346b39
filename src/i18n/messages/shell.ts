// Messages of the shell area. Every key has en and zh-CN.
import { defineMessages } from '../catalog.js';

export const shellMessages = defineMessages({
  'shell.header': {
    en: 'pod {pod} · container {container} · Ctrl-] to leave',
    'zh-CN': 'Pod {pod} · 容器 {container} · Ctrl-] 离开',
  },
  'shell.headerUnfocused': {
    en: 'pod {pod} · container {container} · s to enter the shell',
    'zh-CN': 'Pod {pod} · 容器 {container} · 按 s 进入 shell',
  },
  'shell.starting': {
    en: 'Starting the shell…',
    'zh-CN': '正在启动 shell…',
  },
  'shell.ended': {
    en: 'The shell ended (exit {code}). Press s to open it again.',
    'zh-CN': 'shell 已结束（退出码 {code}）。按 s 重新打开。',
  },
  'shell.endedSignal': {
    en: 'The shell ended (killed by a signal). Press s to open it again.',
    'zh-CN': 'shell 已结束（被信号终止）。按 s 重新打开。',
  },
  'shell.scrolledBack': {
    en: '↑ {offset} lines back · PgDn to return',
    'zh-CN': '↑ 已回看 {offset} 行 · 按 PgDn 返回',
  },
  'shell.noPty': {
    en: 'No terminal module could be loaded ({reason}). The shell runs full-screen instead; type exit or press Ctrl-D to come back to the tour.',
    'zh-CN': '无法加载终端模块（{reason}）。shell 将以全屏方式运行；输入 exit 或按 Ctrl-D 返回教程。',
  },
  'shell.openFailed': {
    en: 'Could not open the shell: {reason}',
    'zh-CN': '无法打开 shell：{reason}',
  },
  'shell.tasksDone': {
    en: 'tasks {done}/{total}',
    'zh-CN': '任务 {done}/{total}',
  },
  'shell.tasks': {
    en: 'Things to try in the shell',
    'zh-CN': '可以在 shell 中尝试',
  },
  'shell.transcriptSaved': {
    en: 'Transcript saved to {path} (replay it with: asciinema play {path})',
    'zh-CN': '会话记录已保存到 {path}（回放：asciinema play {path}）',
  },
});
