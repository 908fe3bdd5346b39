// Messages of the engine, the plan, `run`, the command line and doctor.
import { defineMessages } from '../catalog.js';

export const coreMessages = defineMessages({
  'step.cancelled': { en: 'Cancelled.', 'zh-CN': '已取消。' },
  'step.filesFailed': { en: 'Could not write the step files: {error}', 'zh-CN': '无法写入本步骤的文件：{error}' },
  'step.spawnFailed': { en: 'Could not start `{command}`: {error}', 'zh-CN': '无法启动 `{command}`：{error}' },
  'step.commandTimedOut': { en: '`{command}` did not finish within {seconds} s and was stopped.', 'zh-CN': '`{command}` 在 {seconds} 秒内没有结束，已被停止。' },
  'step.commandFailed': { en: '`{command}` exited with status {code}.', 'zh-CN': '`{command}` 以状态码 {code} 退出。' },
  'step.refusedBecause': { en: '{reason}', 'zh-CN': '{reason}' },
  'step.refused': {
    en: '`{command}` was not run, to keep what is not the tour\'s safe.',
    'zh-CN': '为了不碰不属于本教程的东西，`{command}` 没有运行。',
  },
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

  'run.unknownStep': { en: 'There is no step "{step}". The steps are: {steps}', 'zh-CN': '没有名为 "{step}" 的步骤。可用步骤：{steps}' },
  'run.header': { en: 'ivol-tour run: tutorial {tutorial}, profile {profile}, context {context}', 'zh-CN': 'ivol-tour run：教程 {tutorial}，配置 {profile}，上下文 {context}' },
  'run.headerSimulated': { en: 'ivol-tour run: tutorial {tutorial}, profile {profile}, SIMULATED cluster (nothing real is created)', 'zh-CN': 'ivol-tour run：教程 {tutorial}，配置 {profile}，模拟集群（不会创建任何真实资源）' },
  'run.simulatedClock': {
    en: 'Durations are of the simulated cluster\'s clock (virtual time, not how long you waited).',
    'zh-CN': '时长均按模拟集群的时钟计（虚拟时间，并非实际等待的时间）。',
  },
  'time.simulatedSuffix': { en: ' (simulated time)', 'zh-CN': '（模拟时间）' },
  'time.simulatedAfter': { en: ', simulated time', 'zh-CN': '，模拟时间' },
  'run.fastForward': { en: 'Fast-forwarding the simulated cluster to step {step} …', 'zh-CN': '正在把模拟集群快进到步骤 {step} …' },
  'run.fastForwardFailed': { en: 'Fast-forwarding failed; continuing from where it stopped.', 'zh-CN': '快进失败；从停下的地方继续。' },
  'run.skipped': { en: 'skipped', 'zh-CN': '已跳过' },
  'run.optional': { en: 'optional', 'zh-CN': '可选' },
  'run.passed': { en: 'passed', 'zh-CN': '通过' },
  'run.failed': { en: 'FAILED', 'zh-CN': '失败' },
  'run.cause': { en: 'cause', 'zh-CN': '原因' },
  'run.next': { en: 'next', 'zh-CN': '下一步' },
  'run.summaryOk': { en: 'All steps done: {passed} passed, {failed} failed, {skipped} skipped.', 'zh-CN': '全部完成：{passed} 个通过，{failed} 个失败，{skipped} 个跳过。' },
  'run.summaryFailed': { en: 'A step failed: {passed} passed, {failed} failed, {skipped} skipped.', 'zh-CN': '有步骤失败：{passed} 个通过，{failed} 个失败，{skipped} 个跳过。' },
  'run.simulatedLabel': { en: 'simulated', 'zh-CN': '模拟' },
  'run.waitingCheck': {
    en: '… still waiting for {check} ({elapsed} of {limit}): {message}',
    'zh-CN': '… 仍在等待 {check}（{elapsed}，上限 {limit}）：{message}',
  },
  'run.waitingCommand': {
    en: '… still running ({elapsed} of {limit}, no output for {silent}): {command}',
    'zh-CN': '… 仍在运行（{elapsed}，上限 {limit}，已 {silent} 没有输出）：{command}',
  },

  'cli.description': {
    en: 'An interactive terminal tour of Kubernetes image volumes: a kind cluster, a Pod that mounts an OCI artifact read-only, and a shell inside it.',
    'zh-CN': 'Kubernetes 镜像卷的交互式终端教程：创建 kind 集群，运行以只读方式挂载 OCI 制品的 Pod，并在其中打开 shell。',
  },
  'cli.seeHelp': { en: 'Run `ivol-tour --help` for the usage.', 'zh-CN': '运行 `ivol-tour --help` 查看用法。' },
  'cli.unknownCommand': { en: 'unknown command "{command}" (the commands are run, doctor, lint, list, cleanup)', 'zh-CN': '未知命令 "{command}"（可用命令：run、doctor、lint、list、cleanup）' },
  'cli.badName': { en: '"{value}" is not a valid name (lowercase letters, digits and dashes)', 'zh-CN': '"{value}" 不是合法的名称（只能包含小写字母、数字和连字符）' },
  'cli.emptyValue': { en: 'It must not be empty.', 'zh-CN': '不能为空。' },
  'cli.badValue': { en: 'the value of {option} holds control characters (newlines, tabs, escapes)', 'zh-CN': '{option} 的值含有控制字符（换行、制表符、转义符）' },
  'cli.simulateAndContext': { en: '--simulate and --context cannot be used together', 'zh-CN': '--simulate 与 --context 不能同时使用' },
  'cli.notATerminal': {
    en: 'ivol-tour: the interactive tour needs a terminal. To run every step without one, use `ivol-tour run --simulate --yes` (or `ivol-tour run --yes` against a real kind cluster).',
    'zh-CN': 'ivol-tour：交互式教程需要在终端中运行。若要在没有终端的情况下执行所有步骤，请使用 `ivol-tour run --simulate --yes`（或针对真实 kind 集群使用 `ivol-tour run --yes`）。',
  },
  'cli.tutorialBroken': { en: 'The tutorial in {dir} has {count} problem(s):', 'zh-CN': '{dir} 中的教程有 {count} 个问题：' },
  'cli.tutorialBrokenNext': { en: 'Fix them (check with `ivol-tour lint {dir}`) and start again.', 'zh-CN': '请修正这些问题（可用 `ivol-tour lint {dir}` 检查）后重新启动。' },
  'cli.confirmRun': {
    en: 'This creates the kind cluster "{cluster}", runs every step in it and deletes it at the end. Continue?',
    'zh-CN': '这会创建 kind 集群 "{cluster}"，在其中执行所有步骤，并在结束时删除它。继续吗？',
  },
  'cli.confirmRunByoc': {
    en: 'This runs every step in the context "{context}" (only in its own namespace, on objects it labels). Continue?',
    'zh-CN': '这会在上下文 "{context}" 中执行所有步骤（只在教程自己的命名空间内、只操作它打了标签的对象）。继续吗？',
  },
  'cli.needYes': { en: 'Nothing was done. Pass --yes to run without asking.', 'zh-CN': '未做任何操作。传入 --yes 可跳过确认直接运行。' },
  'cli.unexpected': {
    en: 'ivol-tour stopped on an unexpected error: {error}. Run again with IVOL_TOUR_DEBUG=1 for details, and please report it.',
    'zh-CN': 'ivol-tour 因意外错误而停止：{error}。设置 IVOL_TOUR_DEBUG=1 重新运行可查看详情，欢迎报告此问题。',
  },
  'cli.opt.version': { en: 'print the version', 'zh-CN': '显示版本号' },
  'cli.opt.help': { en: 'show this help', 'zh-CN': '显示帮助' },
  'cli.opt.simulate': { en: 'use the built-in simulated cluster (no Docker needed)', 'zh-CN': '使用内置的模拟集群（无需 Docker）' },
  'cli.opt.profile': { en: 'runtime profile: containerd (default) or crio (the original guide)', 'zh-CN': '运行时配置：containerd（默认）或 crio（原指南）' },
  'cli.opt.cluster': { en: 'name of the kind cluster the tour creates', 'zh-CN': '教程创建的 kind 集群名称' },
  'cli.opt.step': { en: 'start at this step (simulated mode fast-forwards the steps before it)', 'zh-CN': '从该步骤开始（模拟模式会快进之前的步骤）' },
  'cli.opt.lang': { en: 'language: en or zh-CN (default from LANG / LC_ALL)', 'zh-CN': '语言：en 或 zh-CN（默认取自 LANG / LC_ALL）' },
  'cli.opt.tutorial': { en: 'load a tutorial from this directory', 'zh-CN': '从该目录加载教程' },
  'cli.opt.context': { en: 'bring your own cluster: use this kubeconfig context', 'zh-CN': '使用自己的集群：指定 kubeconfig 上下文' },
  'cli.opt.namespace': { en: 'namespace for --context (default ivol-tour)', 'zh-CN': '--context 模式下使用的命名空间（默认 ivol-tour）' },
  'cli.opt.fresh': { en: 'start from the beginning, ignoring saved progress', 'zh-CN': '忽略已保存的进度，从头开始' },
  'cli.opt.yes': { en: 'do not ask before creating or deleting anything', 'zh-CN': '创建或删除前不再询问' },
  'cli.opt.json': { en: 'print one JSON report on stdout', 'zh-CN': '在标准输出打印一个 JSON 报告' },
  'cli.cmd.run': { en: 'run every step and check in order, no UI (exit 0 all passed, 1 a check failed, 2 bad usage)', 'zh-CN': '按顺序执行所有步骤和检查，无界面（全部通过退出码 0，检查失败 1，用法错误 2）' },
  'cli.cmd.doctor': { en: 'what this machine has and which profile will work', 'zh-CN': '检查本机环境，以及哪种配置可用' },
  'cli.cmd.lint': { en: 'validate a tutorial; errors as file:line:col message', 'zh-CN': '校验教程；错误以 file:line:col 信息的形式给出' },
  'cli.cmd.list': { en: 'the tutorials available', 'zh-CN': '列出可用的教程' },
  'cli.cmd.cleanup': { en: 'remove what the tour created (pod, cluster), nothing else', 'zh-CN': '删除教程创建的资源（Pod、集群），不动其他任何东西' },
  'list.header': { en: 'Tutorials:', 'zh-CN': '教程：' },
  'list.broken': { en: '{count} problem(s): run `ivol-tour lint {dir}`', 'zh-CN': '{count} 个问题：请运行 `ivol-tour lint {dir}`' },
  'list.steps': { en: '{count} steps', 'zh-CN': '{count} 个步骤' },
  'guard.clusterExists': {
    en: 'The kind cluster "{cluster}" already exists: the tour reuses it. To start from scratch, run the clean-up step (or `ivol-tour cleanup`) first.',
    'zh-CN': 'kind 集群 "{cluster}" 已存在：教程将直接复用它。若想从头开始，请先运行清理步骤（或 `ivol-tour cleanup`）。',
  },
  'guard.clusterAbsent': {
    en: 'The kind cluster "{cluster}" does not exist: nothing to do.',
    'zh-CN': 'kind 集群 "{cluster}" 不存在：无需操作。',
  },
});
