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
});
