// Messages of the sim area. Every key has en and zh-CN.
import { defineMessages } from '../catalog.js';

export const simMessages = defineMessages({
  'sim.mode.label': { en: 'simulated cluster', 'zh-CN': '模拟集群' },
  'sim.shell.banner': {
    en: '[simulated] A shell in pod {pod}, container {container} of the simulated cluster. Type exit or press Ctrl-D to leave.',
    'zh-CN': '[模拟] 这是模拟集群中 Pod {pod}、容器 {container} 里的 shell。输入 exit 或按 Ctrl-D 退出。',
  },
  'sim.shell.noCluster': {
    en: 'The simulated cluster "{cluster}" does not exist yet: create it first.',
    'zh-CN': '模拟集群“{cluster}”尚不存在：请先创建它。',
  },
  'sim.shell.noPod': {
    en: 'Pod {pod} does not exist in the simulated cluster: apply it first.',
    'zh-CN': '模拟集群中不存在 Pod {pod}：请先应用它。',
  },
  'sim.shell.notRunning': {
    en: 'Container {container} of pod {pod} is not running ({reason}), so no shell can be opened in it yet.',
    'zh-CN': 'Pod {pod} 的容器 {container} 尚未运行（{reason}），暂时无法在其中打开 shell。',
  },
  'sim.shell.notSimulated': {
    en: 'the simulated shell does not run this program (debian:bookworm-slim has it; a real cluster runs it)',
    'zh-CN': '模拟 shell 不运行这个程序（debian:bookworm-slim 中有它；在真实集群中可以运行）',
  },
  'sim.doctor.noEngine': {
    en: 'No container engine: docker is not installed (simulated fault no-engine).',
    'zh-CN': '没有容器引擎：未安装 docker（模拟故障 no-engine）。',
  },
  'sim.doctor.noEngineFix': {
    en: 'Install Docker (or Podman) and start it, or keep following the tour in simulated mode.',
    'zh-CN': '请安装并启动 Docker（或 Podman），或继续以模拟模式跟随本教程。',
  },
  'sim.fault.active': {
    en: 'Simulated faults in effect: {faults}',
    'zh-CN': '已启用的模拟故障：{faults}',
  },
});
