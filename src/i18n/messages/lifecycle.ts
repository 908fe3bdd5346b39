// Messages about how the tour ends (signals, crashes) and about output it had to shorten.
import { defineMessages } from '../catalog.js';

export const lifecycleMessages = defineMessages({
  'exit.stopping': {
    en: 'ivol-tour: {signal}: stopping what the tour started… (press Ctrl-C again to end it at once)',
    'zh-CN': 'ivol-tour：收到 {signal}，正在停止教程启动的进程……（再按一次 Ctrl-C 立即结束）',
  },
  'exit.crashed': {
    en: 'ivol-tour stopped on an internal error: {error}. Run it again to continue; IVOL_TOUR_DEBUG=1 shows the details (please report it).',
    'zh-CN': 'ivol-tour 因内部错误而停止：{error}。再次运行即可继续；设置 IVOL_TOUR_DEBUG=1 可查看详情（欢迎报告此问题）。',
  },
  'run.interrupted': { en: 'stopped ({signal})', 'zh-CN': '已停止（{signal}）' },
  'ui.output.lineCut': {
    en: '[… {n} characters of this line dropped] ',
    'zh-CN': '[… 此行已丢弃 {n} 个字符] ',
  },
  'shell.notRecorded': {
    en: '[ivol-tour: {n} bytes of output were not recorded: the disk did not keep up]',
    'zh-CN': '[ivol-tour：有 {n} 字节的输出未被录制：磁盘写入跟不上]',
  },
});
