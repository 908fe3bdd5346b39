// Messages of the learner's screen (issue 10): reading a step in beats, what Enter does, a
// failure in full, a wait that stops because the Pod will not recover, a step that needs an
// earlier one, the recap at the end. Every key has en and zh-CN.
import { defineMessages } from '../catalog.js';

export const screenMessages = defineMessages({
  // A wait that stops: the step's Pod will not recover without a change (engine/will-not-recover.ts).
  'recover.pull': {
    en: 'Pod {pod}: the image pull failed {count} times ({reason}).',
    'zh-CN': 'Pod {pod}：镜像拉取已失败 {count} 次（{reason}）。',
  },
  'recover.container': {
    en: 'Pod {pod}: container {container} is {reason}.',
    'zh-CN': 'Pod {pod}：容器 {container} 处于 {reason} 状态。',
  },
  'recover.volumeDropped': {
    en: 'Pod {pod} has no image volume `{volume}`: the API server dropped it (the `ImageVolume` feature gate is off).',
    'zh-CN': 'Pod {pod} 中没有镜像卷 `{volume}`：API 服务器已将其静默丢弃（`ImageVolume` 特性门控未开启）。',
  },
  'step.wontRecover': {
    en: 'Stopped waiting: this will not get better without a change. {reason}',
    'zh-CN': '已停止等待：不做修改就不会好转。{reason}',
  },
  'output.stoppedWaiting': {
    en: '# stopped waiting (this will not recover by itself): {reason} The commands below still show the evidence.',
    'zh-CN': '# 已停止等待（不会自行恢复）：{reason}下面的命令仍会列出证据。',
  },
  'output.notWaiting': {
    en: '# not waiting ({command}): {reason}',
    'zh-CN': '# 不再等待（{command}）：{reason}',
  },

  // An earlier step this one needs (engine/step-needs.ts, the diagnosis rule step.needs).
  'diag.step.needs.cause': {
    en: 'This step needs step {n} “{step}” first: {what}.',
    'zh-CN': '本步骤需要先完成第 {n} 步“{step}”：{what}。',
  },
  'diag.step.needs.next': {
    en: 'Run step {n} “{step}” first (select it with ↑ or k, press Enter), then run this step again.',
    'zh-CN': '请先运行第 {n} 步“{step}”（用 ↑ 或 k 选中它，按 Enter），再重新运行本步骤。',
  },
  'diag.step.needs.cluster': { en: 'it creates the cluster {cluster}, and there is none yet', 'zh-CN': '该步骤创建集群 {cluster}，而集群还不存在' },
  'diag.step.needs.pod': { en: 'it applies Pod {pod}, which does not exist yet', 'zh-CN': '该步骤应用 Pod {pod}，而它还不存在' },
  'diag.step.needs.file': { en: 'it writes the file {file}, which is not written yet', 'zh-CN': '该步骤写入文件 {file}，而它还没有写入' },

  // The status row and the result panel: what Enter does now, cancel is not failure.
  'screen.status.passed': { en: 'Passed in {elapsed}. Enter: next step.', 'zh-CN': '已通过，用时 {elapsed}。Enter：下一步。' },
  'screen.status.cancelled': { en: 'Cancelled. Enter or r: run it again · n: skip it', 'zh-CN': '已取消。Enter 或 r：重新运行 · n：跳过' },
  'screen.status.failed': { en: 'Failed. Press e for why and what next, in full.', 'zh-CN': '未通过。按 e 查看完整的原因和下一步。' },
  'screen.status.skipped': { en: 'Skipped. Enter: next step.', 'zh-CN': '已跳过。Enter：下一步。' },
  'screen.result.cancelled': {
    en: 'You stopped this step: nothing failed, and nothing needs a fix. Run it again when you are ready.',
    'zh-CN': '你中止了本步骤：没有失败，也无需修复。准备好后可以重新运行。',
  },
  'screen.result.choices': { en: 'r retry · n skip · e read it all', 'zh-CN': 'r 重试 · n 跳过 · e 查看全部' },
  'screen.result.choicesFull': { en: 'r retry · n skip', 'zh-CN': 'r 重试 · n 跳过' },
  'screen.result.choicesSolve': { en: 'r retry · n skip · a run the solution · e read it all', 'zh-CN': 'r 重试 · n 跳过 · a 运行参考解法 · e 查看全部' },
  'screen.result.more': { en: '↓ {n} more lines: press e to read them all', 'zh-CN': '↓ 还有 {n} 行：按 e 查看全部' },
  'screen.result.needs': { en: 'This step needs step {n} “{step}” first: {what}.', 'zh-CN': '本步骤需要先完成第 {n} 步“{step}”：{what}。' },
  'screen.needs.cluster': { en: 'it creates the cluster {cluster}', 'zh-CN': '该步骤创建集群 {cluster}' },
  'screen.needs.pod': { en: 'it applies Pod {pod}', 'zh-CN': '该步骤应用 Pod {pod}' },
  'screen.needs.file': { en: 'it writes the file {file}', 'zh-CN': '该步骤写入文件 {file}' },
  'screen.check.waited': { en: '(read after waiting {elapsed})', 'zh-CN': '（等待 {elapsed} 后读到）' },
  'screen.check.waitedRun': {
    en: '(read after waiting {elapsed}: a later state than the output above)',
    'zh-CN': '（等待 {elapsed} 后读到：比上面的输出更晚的状态）',
  },
  'screen.notice.noShell': { en: 'This step has no shell. The shell is in step {n} “{step}”.', 'zh-CN': '本步骤没有 Shell。Shell 在第 {n} 步“{step}”中。' },
  'screen.notice.noShellAtAll': { en: 'This tutorial has no shell step.', 'zh-CN': '本教程没有 Shell 步骤。' },
  'screen.notice.noSolution': { en: 'This step has no solution to run: press Enter to run it.', 'zh-CN': '本步骤没有可运行的参考解法：请按 Enter 运行它。' },
  'screen.help.solveOnly': { en: '(where the step has one)', 'zh-CN': '（有参考解法的步骤）' },
  'screen.help.failedOrCancelled': { en: '(on a failed or cancelled step)', 'zh-CN': '（未通过或已取消的步骤）' },
  'keys.next.short': { en: 'next step', 'zh-CN': '下一步' },
  'keys.readOn.short': { en: 'read on', 'zh-CN': '继续阅读' },
  'keys.explain': { en: 'the result in full: why, next, hints', 'zh-CN': '完整查看结果（原因、下一步、提示、检查）' },
  'screen.help.resultOnly': { en: '(on a step that ran)', 'zh-CN': '（已运行过的步骤）' },
  'screen.result.title': { en: 'Step {n} · {step}: the result', 'zh-CN': '第 {n} 步 · {step}：结果' },
  'keys.explain.short': { en: 'why', 'zh-CN': '原因' },
  'keys.closeOverlay': { en: 'close', 'zh-CN': '关闭' },
  'keys.scrollOverlay': { en: 'scroll', 'zh-CN': '滚动' },

  // The failure in full (overlay, key e).
  'screen.failure.title': { en: 'Step {n} · {step}: what went wrong', 'zh-CN': '第 {n} 步 · {step}：出了什么问题' },

  // Shell tasks.
  'screen.tasks.allDone': { en: 'All {total} tasks done: press Enter to complete this step.', 'zh-CN': '{total} 个任务全部完成：按 Enter 完成本步骤。' },
  'screen.tasks.collapsed': { en: 'Tasks {done}/{total} — next: {task}', 'zh-CN': '任务 {done}/{total} — 下一个：{task}' },
  'screen.tasks.collapsedDoneShell': { en: 'All {total} tasks done: Ctrl-], then Enter to complete', 'zh-CN': '{total} 个任务全部完成：按 Ctrl-] 再按 Enter 完成本步骤' },
  'screen.tasks.collapsedDone': { en: 'All {total} tasks done: press Enter to complete the step', 'zh-CN': '{total} 个任务全部完成：按 Enter 完成本步骤' },

  // The recap at the end of the tour.
  'recap.title': { en: 'You finished the tour', 'zh-CN': '你已完成本教程' },
  'recap.took': { en: '{passed} steps passed, {skipped} skipped, in {elapsed}.', 'zh-CN': '{passed} 个步骤通过，{skipped} 个跳过，用时 {elapsed}。' },
  'recap.saw': { en: 'What you saw (as the checks read it):', 'zh-CN': '你看到了什么（检查读到的结果）：' },
  'recap.files': { en: 'Your files: {path}', 'zh-CN': '你的文件：{path}' },
  'recap.recordings': { en: 'Shell recordings: {path}', 'zh-CN': 'Shell 录屏：{path}' },
  'recap.read': { en: 'Read more:', 'zh-CN': '延伸阅读：' },
  'recap.keys': { en: '↑↓ PgUp/PgDn scroll · Esc close · q quit', 'zh-CN': '↑↓ PgUp/PgDn 滚动 · Esc 关闭 · q 退出' },
  'keys.recap': { en: 'show the recap of the tour (when it is complete)', 'zh-CN': '显示教程回顾（全部完成后）' },
  'keys.recap.short': { en: 'recap', 'zh-CN': '回顾' },
  'screen.help.finishedOnly': { en: '(once the tour is complete)', 'zh-CN': '（教程全部完成后）' },

  // After quitting, on the normal screen.
  // Two lines: the command on a line of its own, to copy whole.
  'screen.quit.saved': { en: 'ivol-tour: progress saved in {path}.\nResume with: {command}', 'zh-CN': 'ivol-tour：进度已保存在 {path}。\n继续学习：{command}' },
  'screen.quit.finished': { en: 'ivol-tour: the tour is complete (progress in {path}).\nStart again with: {command}', 'zh-CN': 'ivol-tour：教程已完成（进度保存在 {path}）。\n重新开始：{command}' },

  // lint: a link of the tutorial (`links:`).
  'loader.badUrl': { en: '{field} must be an https:// URL without spaces', 'zh-CN': '{field} 必须是不含空格的 https:// 网址' },
});
