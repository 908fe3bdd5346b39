// Messages of the engine, the plan, `run`, the command line and doctor.
import { defineMessages } from '../catalog.js';

export const coreMessages = defineMessages({
  'step.cancelled': { en: 'Cancelled.', 'zh-CN': '已取消。' },
  'step.filesFailed': { en: 'Could not write the step files: {error}', 'zh-CN': '无法写入本步骤的文件：{error}' },
  'step.spawnFailed': { en: 'Could not start `{command}`: {error}', 'zh-CN': '无法启动 `{command}`：{error}' },
  'step.commandTimedOut': { en: '`{command}` did not finish within {seconds} s and was stopped.', 'zh-CN': '`{command}` 在 {seconds} 秒内没有结束，已被停止。' },
  'step.commandFailed': { en: '`{command}` exited with status {code}.', 'zh-CN': '`{command}` 以状态码 {code} 退出。' },
  'step.checkFailed': { en: 'Check {check} failed: {message}', 'zh-CN': '检查 {check} 未通过：{message}' },

  'plan.crio.experimental': {
    en: 'The crio profile follows the original guide. CRI-O in kind is possible but not supported by kind.',
    'zh-CN': 'crio 配置沿用原指南。kind 中使用 CRI-O 是可行的，但 kind 官方并不支持。',
  },
  'plan.crio.personalImage': {
    en: '{image} is a personal build and may no longer be pullable.',
    'zh-CN': '{image} 是个人构建的镜像，可能已无法拉取。',
  },
  'plan.kind.unknown': {
    en: 'The kind version is unknown; assuming kind v0.31 or newer (no feature gate needed).',
    'zh-CN': '无法得知 kind 版本；按 kind v0.31 及以上处理（无需特性门控）。',
  },
  'plan.kind.tooOld': {
    en: 'kind {version} ships containerd without image-volume support. Upgrade kind to v0.31 or newer, or use --profile crio.',
    'zh-CN': 'kind {version} 自带的 containerd 不支持镜像卷。请把 kind 升级到 v0.31 或更高版本，或使用 --profile crio。',
  },
  'plan.kind.gate': {
    en: 'kind {version} runs Kubernetes 1.33/1.34 with containerd 2.1: the kind config switches the ImageVolume feature gate on.',
    'zh-CN': 'kind {version} 使用 Kubernetes 1.33/1.34 与 containerd 2.1：kind 配置需要开启 ImageVolume 特性门控。',
  },
  'plan.subPath.ignored': {
    en: 'containerd 2.1 silently ignores subPath on image volumes and mounts the whole artifact.',
    'zh-CN': 'containerd 2.1 会静默忽略镜像卷上的 subPath，并挂载整个制品。',
  },
  'plan.kind.current': {
    en: 'kind {version} runs Kubernetes 1.35 or newer with containerd 2.2 or newer: image volumes work with no extra configuration.',
    'zh-CN': 'kind {version} 使用 Kubernetes 1.35+ 与 containerd 2.2+：镜像卷无需额外配置即可使用。',
  },
});
