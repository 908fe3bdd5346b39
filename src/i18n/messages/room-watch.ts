// Messages of `ivol-tour room watch`: the trainer's live table of a workshop room's seats (its
// header, columns, statuses, connection state and keys) and the command's own errors.
// Every key has en and zh-CN. Terms (as the room commands): room 教室, seat 座位, step 步骤.
import { defineMessages } from '../catalog.js';

export const roomWatchMessages = defineMessages({
  // ---- the command line ------------------------------------------------------------------
  'roomWatch.cli.watch': {
    en: 'a live table of every seat\'s progress (one watch on the room; q quits)',
    'zh-CN': '实时显示每个座位进度的表格（对整个教室只建立一个 watch；按 q 退出）',
  },
  'roomWatch.notATerminal': {
    en: 'room watch draws a live table and needs a terminal. `ivol-tour room status --json` prints the seats once.',
    'zh-CN': 'room watch 显示实时表格，需要在终端中运行。`ivol-tour room status --json` 可以一次性打印所有座位。',
  },
  'roomWatch.cannotStart': {
    en: 'Cannot watch room "{room}" on {context}: {error}. Check the context with `kubectl --context {context} get ns`.',
    'zh-CN': '无法在 {context} 上查看教室 "{room}"：{error}。请用 `kubectl --context {context} get ns` 检查该上下文。',
  },

  // ---- the header ------------------------------------------------------------------------
  'roomWatch.title': { en: 'Room "{room}" on {context}', 'zh-CN': '教室 "{room}"（{context}）' },
  'roomWatch.summary': {
    en: '{seats} seats · {done} done · {stuck} stuck · {waiting} not started',
    'zh-CN': '{seats} 个座位 · {done} 个已完成 · {stuck} 个卡住 · {waiting} 个未开始',
  },
  'roomWatch.conn.connecting': { en: '○ connecting…', 'zh-CN': '○ 正在连接……' },
  'roomWatch.conn.live': { en: '● live', 'zh-CN': '● 实时' },
  'roomWatch.conn.lost': { en: '✗ connection lost', 'zh-CN': '✗ 连接已断开' },
  // The countdown first: on 80 columns the server's words are what gets cut.
  'roomWatch.conn.retry': {
    en: 'Reconnecting in {seconds} s (the table shows the last state seen). The watch dropped: {error}',
    'zh-CN': '{seconds} 秒后重新连接（表格显示最后看到的状态）。watch 已中断：{error}',
  },
  'roomWatch.conn.retryNow': {
    en: 'Reconnecting now (the table shows the last state seen). The watch dropped: {error}',
    'zh-CN': '正在重新连接（表格显示最后看到的状态）。watch 已中断：{error}',
  },

  // ---- the table -------------------------------------------------------------------------
  'roomWatch.col.seat': { en: 'SEAT', 'zh-CN': '座位' },
  'roomWatch.col.step': { en: 'STEP', 'zh-CN': '步骤' },
  'roomWatch.col.status': { en: 'STATUS', 'zh-CN': '状态' },
  'roomWatch.col.time': { en: 'ON STEP', 'zh-CN': '本步用时' },
  'roomWatch.col.cause': { en: 'CAUSE', 'zh-CN': '原因' },
  'roomWatch.status.waiting': { en: 'not started', 'zh-CN': '未开始' },
  'roomWatch.status.pending': { en: 'reading', 'zh-CN': '阅读中' },
  'roomWatch.status.running': { en: 'running', 'zh-CN': '运行中' },
  'roomWatch.status.passed': { en: 'passed', 'zh-CN': '已通过' },
  'roomWatch.status.failed': { en: 'failed', 'zh-CN': '失败' },
  'roomWatch.status.skipped': { en: 'skipped', 'zh-CN': '已跳过' },
  'roomWatch.status.stuck': { en: 'stuck', 'zh-CN': '卡住' },
  'roomWatch.cause.check': { en: 'check {check} did not pass', 'zh-CN': '检查 {check} 未通过' },
  'roomWatch.empty': {
    en: 'No seat of room "{room}" is on {context} yet (`ivol-tour room create --name {room}` makes them).',
    'zh-CN': '{context} 上还没有教室 "{room}" 的座位（可用 `ivol-tour room create --name {room}` 创建）。',
  },
  'roomWatch.position': { en: 'seats {from}–{to} of {total}', 'zh-CN': '第 {from}–{to} 个座位，共 {total} 个' },
  'roomWatch.keys': { en: '↑↓ PgUp/PgDn scroll · Home/End · ? help · q quit', 'zh-CN': '↑↓ PgUp/PgDn 滚动 · Home/End · ? 帮助 · q 退出' },
  'roomWatch.tooSmall': {
    en: 'The terminal is {cols}×{rows}; room watch needs at least {minCols}×{minRows} (q quits).',
    'zh-CN': '终端大小为 {cols}×{rows}；room watch 至少需要 {minCols}×{minRows}（按 q 退出）。',
  },

  // ---- keys (help texts of the key table) --------------------------------------------------
  'roomWatch.key.quit': { en: 'quit', 'zh-CN': '退出' },
  'roomWatch.key.lineUp': { en: 'scroll up one seat', 'zh-CN': '向上滚动一个座位' },
  'roomWatch.key.lineDown': { en: 'scroll down one seat', 'zh-CN': '向下滚动一个座位' },
  'roomWatch.key.pageUp': { en: 'scroll up one page', 'zh-CN': '向上滚动一页' },
  'roomWatch.key.pageDown': { en: 'scroll down one page', 'zh-CN': '向下滚动一页' },
  'roomWatch.key.top': { en: 'to the first seat (stuck seats come first)', 'zh-CN': '回到第一个座位（卡住的座位排在最前）' },
  'roomWatch.key.bottom': { en: 'to the last seat', 'zh-CN': '到最后一个座位' },
  'roomWatch.key.help': { en: 'this help: the keys and what the table says', 'zh-CN': '本帮助：按键和表格中各项的含义' },

  // ---- ? (the help) ------------------------------------------------------------------------
  'roomWatch.help.title': { en: 'room watch: keys and what the table says', 'zh-CN': 'room watch：按键和表格说明' },
  'roomWatch.help.keys': { en: 'Keys', 'zh-CN': '按键' },
  'roomWatch.help.table': { en: 'The table', 'zh-CN': '表格' },
  'roomWatch.help.stuck': {
    en: 'stuck: the seat\'s step failed, or one step has been running for {minutes} min or more. Stuck seats come first, longest first; then the others by seat.',
    'zh-CN': '卡住：该座位的步骤失败了，或者某一步已运行 {minutes} 分钟以上。卡住的座位排在最前（卡得最久的在前），其余按座位号排列。',
  },
  'roomWatch.help.statuses': {
    en: 'reading: on a step\'s text, nothing running · running: a command or a check is running · not started: the seat has not opened the tour yet',
    'zh-CN': '阅读中：正在阅读步骤说明，没有运行命令 · 运行中：正在运行命令或检查 · 未开始：该座位还没有打开教程',
  },
  'roomWatch.help.time': {
    en: 'ON STEP: how long the seat has been on its current step. CAUSE: why the step failed (the tour\'s diagnosis on that seat).',
    'zh-CN': '本步用时：该座位在当前步骤上已花的时间。原因：步骤失败的原因（本教程在该座位上给出的诊断）。',
  },
  'roomWatch.help.close': { en: 'Any key closes this help; Ctrl-C quits.', 'zh-CN': '按任意键关闭本帮助；Ctrl-C 退出。' },
});
