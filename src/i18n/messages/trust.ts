// Messages about trusting a tutorial that is not built in: the list of what it runs, the
// headless refusal, the TUI's question and the --trust option.
import { defineMessages } from '../catalog.js';

export const trustMessages = defineMessages({
  'cli.opt.trust': {
    en: 'trust a tutorial given with --tutorial: run it without asking (every program it runs is listed when it is not trusted)',
    'zh-CN': '信任用 --tutorial 指定的教程：直接运行而不再询问（未信任时会列出它运行的每个程序）',
  },
  'ui.step.solve': { en: 'Fast-forward (a) runs instead', 'zh-CN': '快进（a）改为运行' },
  'ui.step.solveNothing': { en: '(nothing: a only marks the step done)', 'zh-CN': '（不运行任何命令：a 只把本步骤标记为完成）' },
  'trust.chars': { en: '{count} characters', 'zh-CN': '共 {count} 个字符' },
  'trust.programs': { en: 'Programs it starts on this machine: {programs}', 'zh-CN': '它会在本机启动的程序：{programs}' },
  'trust.step': { en: 'step {step}', 'zh-CN': '步骤 {step}' },
  'trust.solve': { en: 'a (fast-forward): ', 'zh-CN': 'a（快进）：' },
  'trust.check': { en: 'check, in the Pod {where}: ', 'zh-CN': '检查，在 Pod {where} 中：' },
  'trust.shell': { en: 's: a shell in the Pod {where}', 'zh-CN': 's：在 Pod {where} 中打开 shell' },
  'trust.unless': { en: '(skipped when {guard})', 'zh-CN': '（当 {guard} 时跳过）' },
  'trust.refused': {
    en: 'ivol-tour: {dir} is not a built-in tutorial, and a tutorial runs programs on this machine. It runs these:',
    'zh-CN': 'ivol-tour：{dir} 不是内置教程，而教程会在本机运行程序。它会运行以下内容：',
  },
  'trust.refusedNext': {
    en: 'Read the list. If you trust this tutorial, run the same command again with --trust.',
    'zh-CN': '请阅读上面的列表。如果你信任这个教程，请加上 --trust 再运行一次同样的命令。',
  },
  'trust.title': { en: 'Trust this tutorial?', 'zh-CN': '信任这个教程吗？' },
  'trust.intro': {
    en: '{dir} is not built in. A tutorial runs programs on this machine; this one can run:',
    'zh-CN': '{dir} 不是内置教程。教程会在本机运行程序；这个教程可能运行：',
  },
  'trust.keys': {
    en: 't trust it and start · q quit · ↑/↓ PgUp/PgDn scroll',
    'zh-CN': 't 信任并开始 · q 退出 · ↑/↓ PgUp/PgDn 滚动',
  },
  'trust.scroll': { en: '(lines {from}–{to} of {total})', 'zh-CN': '（第 {from}–{to} 行，共 {total} 行）' },
  'trust.remembered': {
    en: 'Your answer is remembered for this exact content; if the tutorial changes, you are asked again.',
    'zh-CN': '你的回答会针对这份内容被记住；教程一旦改动，会再次询问。',
  },
  'trust.declined': {
    en: 'Not trusted: nothing was run. To run it, start again and press t, or pass --trust.',
    'zh-CN': '未信任：没有运行任何内容。如需运行，请重新启动并按 t，或加上 --trust。',
  },
});
