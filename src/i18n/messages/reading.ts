// Messages of reading a step on screen: its beats (pages), wrapped code and output, which pane
// has the focus, and lint's check that every beat fits the step view. Every key has en and
// zh-CN (the glossary: a beat is 页, “第 2/4 页”).
import { defineMessages } from '../catalog.js';

export const readingMessages = defineMessages({
  // keys
  'keys.nextBeat': {
    en: 'next page of the step\'s text (Enter too, on the pages before the step runs)',
    'zh-CN': '步骤文字的下一页（在运行步骤之前的各页上，Enter 也一样）',
  },
  'keys.prevBeat': { en: 'previous page of the step\'s text', 'zh-CN': '步骤文字的上一页' },
  'keys.beat.short': { en: 'page', 'zh-CN': '翻页' },
  'keys.wrap': {
    en: 'output: wrap long lines, or cut them at the edge (less -S)',
    'zh-CN': '输出面板：长行折行显示，或在边缘截断（类似 less -S）',
  },
  'keys.wrap.short': { en: 'wrap', 'zh-CN': '折行' },

  // the `?` overlay: a pair of keys on one row
  'reading.help.steps': { en: 'previous / next step', 'zh-CN': '上一步 / 下一步' },
  'reading.help.pages': {
    en: 'next / previous page of the step (Enter too, before the action)',
    'zh-CN': '步骤文字的下一页 / 上一页（动作之前的各页上，Enter 也一样）',
  },
  'reading.help.scrollFollow': { en: 'scroll the focused pane up / down; End: follow the output', 'zh-CN': '向上 / 向下滚动当前面板；End：重新跟随输出' },

  // the step view
  'reading.beat': { en: 'page {i} of {n}', 'zh-CN': '第 {i}/{n} 页' },
  'reading.beatMore': { en: 'page {i} of {n} ↓', 'zh-CN': '第 {i}/{n} 页 ↓' },
  'reading.beatScrolled': { en: 'page {i} of {n} ↑', 'zh-CN': '第 {i}/{n} 页 ↑' },
  'reading.status.nextBeat': { en: 'Read on: Enter or → shows page {next} of {n}.', 'zh-CN': '继续阅读：按 Enter 或 → 翻到第 {next}/{n} 页。' },
  'reading.status.passedNextBeat': { en: 'Passed in {elapsed}. Enter: page {next}/{n}.', 'zh-CN': '已通过，用时 {elapsed}。Enter：第 {next}/{n} 页。' },
  'reading.status.skippedNextBeat': { en: 'Skipped. Enter: page {next}/{n}.', 'zh-CN': '已跳过。Enter：第 {next}/{n} 页。' },
  'reading.status.notApplicable': { en: 'Skipped: not for this mode or profile.', 'zh-CN': '已跳过：不适用于当前模式或运行时方案。' },
  // After a step's title: its own brackets (full-width in Chinese, no space before them).
  'reading.optional.marked': { en: ' (optional)', 'zh-CN': '（可选）' },
  'reading.optional.short': { en: ' opt.', 'zh-CN': ' 可选' },

  // panes
  'reading.output.cut': { en: 'cut · w: wrap', 'zh-CN': '截断 · w：折行' },

  // lint
  'reading.lint.beatTooLong': {
    en: 'step "{id}" ({lang}): beat {beat} of {count} takes {lines} lines, but the step view at {size} shows {max}: shorten it or cut it in two with a --- line',
    'zh-CN': '步骤 "{id}"（{lang}）：第 {beat}/{count} 页占 {lines} 行，而 {size} 终端上的步骤视图只能显示 {max} 行：请缩短它，或用 --- 行把它分成两页',
  },
});
