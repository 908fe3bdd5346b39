// Messages of a workshop room: `room create | status | delete`, the global --kubeconfig, and
// what a room seat sees when its credentials may not read something (not visible, not in this
// mode). Every key has en and zh-CN.
import { defineMessages } from '../catalog.js';

export const roomMessages = defineMessages({
  // ---- a seat (bring your own cluster with fewer rights) --------------------------------
  'byoc.notVisible': {
    en: 'Not visible with these credentials ({what}): the step goes on without it.',
    'zh-CN': '使用当前凭据看不到这些内容（{what}）：本步骤不依赖它们，继续进行。',
  },
  'check.notVisible': {
    en: 'Not checked: {what} are not visible with these credentials (a workshop seat); the trainer checks them for the room.',
    'zh-CN': '未检查：使用当前凭据（工作坊座位）看不到{what}；由培训师为整个教室检查。',
  },
  'check.notVisible.nodes': { en: 'the nodes', 'zh-CN': '节点' },
  'check.notVisible.systemPods': { en: 'the Pods of kube-system', 'zh-CN': 'kube-system 中的 Pod' },
  'step.notInMode.byoc': {
    en: '`{command}` does not apply with your own cluster: the tour neither creates nor deletes it.',
    'zh-CN': '使用自己的集群时不执行 `{command}`：本教程既不创建也不删除你的集群。',
  },
  'step.notInMode.other': {
    en: '`{command}` does not apply in {mode} mode.',
    'zh-CN': '在 {mode} 模式下不执行 `{command}`。',
  },

  // ---- the command line ------------------------------------------------------------------
  'cli.opt.kubeconfig': {
    en: 'use this kubeconfig file; without --context, its only context and its namespace (a room seat\'s file)',
    'zh-CN': '使用这个 kubeconfig 文件；不指定 --context 时，使用其中唯一的上下文及其命名空间（教室座位的文件）',
  },
  'cli.cmd.room': { en: 'a workshop room on one shared cluster (seats = namespaces)', 'zh-CN': '在一个共享集群上举办工作坊（每个座位一个命名空间）' },
  'cli.cmd.room.create': { en: 'create a room: a namespace, least-privilege rights and a kubeconfig per seat', 'zh-CN': '创建教室：每个座位一个命名空间、最小权限和一个 kubeconfig' },
  'cli.cmd.room.status': { en: 'every seat\'s progress, once', 'zh-CN': '打印一次每个座位的进度' },
  'cli.cmd.room.delete': { en: 'delete everything labelled for the room and wait until its namespaces are gone', 'zh-CN': '删除带有该教室标签的全部对象，并等待其命名空间消失' },
  'cli.opt.roomContext': { en: 'the trainer\'s kubeconfig context (the shared cluster)', 'zh-CN': '培训师的 kubeconfig 上下文（共享集群）' },
  'cli.opt.seats': { en: 'how many seats (1–500)', 'zh-CN': '座位数量（1–500）' },
  'cli.opt.roomName': { en: 'the room\'s name: its namespaces are ivol-NAME-NN', 'zh-CN': '教室名称：其命名空间为 ivol-名称-编号' },
  'cli.opt.out': { en: 'where the seats\' kubeconfig files go (default ./ivol-NAME)', 'zh-CN': '座位 kubeconfig 文件的存放目录（默认 ./ivol-名称）' },
  'cli.opt.ttl': { en: 'how long the seats\' tokens are valid (10m to 7d)', 'zh-CN': '座位令牌的有效期（10m 到 7d）' },
  'cli.opt.dryRun': { en: 'print every object instead of creating it (no API call)', 'zh-CN': '只打印每个对象而不创建（不调用任何 API）' },
  'cli.opt.output': { en: 'with --dry-run: the format (yaml)', 'zh-CN': '与 --dry-run 一起使用：输出格式（yaml）' },
  'cli.opt.deleteTimeout': { en: 'how long to wait for the namespaces to go', 'zh-CN': '等待命名空间删除的最长时间' },

  // ---- usage ----------------------------------------------------------------------------
  'room.badName': {
    en: 'The room name "{name}" is not usable: lower-case letters, digits and "-", starting and ending with a letter or digit.',
    'zh-CN': '教室名称 "{name}" 不可用：只能包含小写字母、数字和 "-"，并以字母或数字开头和结尾。',
  },
  'room.nameTooLong': {
    en: 'The room name "{name}" is too long: the namespace {namespace} would exceed 63 characters. Use at most {max} characters.',
    'zh-CN': '教室名称 "{name}" 太长：命名空间 {namespace} 会超过 63 个字符。请最多使用 {max} 个字符。',
  },
  'room.badSeats': { en: '--seats "{value}": give a whole number from 1 to {max}.', 'zh-CN': '--seats "{value}"：请给出 1 到 {max} 之间的整数。' },
  'room.badTtl': { en: '--ttl "{value}": give a duration with its unit, from 10m to 7d (e.g. 8h, 90m).', 'zh-CN': '--ttl "{value}"：请给出带单位的时长，范围 10m 到 7d（例如 8h、90m）。' },
  'room.badTimeout': { en: '--timeout "{value}": give a duration with its unit (e.g. 5m, 90s).', 'zh-CN': '--timeout "{value}"：请给出带单位的时长（例如 5m、90s）。' },
  'room.needContext': { en: 'Name the trainer\'s context on the shared cluster: --context NAME.', 'zh-CN': '请指定培训师在共享集群上的上下文：--context 名称。' },
  'room.outputOnlyYaml': { en: '-o/--output takes yaml, and only with --dry-run.', 'zh-CN': '-o/--output 只接受 yaml，并且只能与 --dry-run 一起使用。' },
  'room.kubeconfigUnreadable': {
    en: 'Cannot read the kubeconfig {file}: {error}. Check the path (a room seat\'s file is DIR/seat-NN.kubeconfig).',
    'zh-CN': '无法读取 kubeconfig {file}：{error}。请检查路径（教室座位的文件是 DIR/seat-NN.kubeconfig）。',
  },
  'room.kubeconfigNoContext': {
    en: 'The kubeconfig {file} holds {count} context(s): without --context the tour takes only a file with one, current (a room seat\'s). Name the context with --context NAME.',
    'zh-CN': 'kubeconfig {file} 中有 {count} 个上下文：不指定 --context 时，本教程只接受只有一个当前上下文的文件（教室座位的文件）。请用 --context 指定上下文。',
  },
  'room.outExists': {
    en: '{file} already exists: the tour does not overwrite a seat\'s kubeconfig. Choose another --out, or remove the old files.',
    'zh-CN': '{file} 已存在：本教程不会覆盖座位的 kubeconfig。请换一个 --out 目录，或删除旧文件。',
  },
  'room.outUnusable': { en: 'Cannot use {dir} for the seats\' kubeconfigs: {error}', 'zh-CN': '无法把座位的 kubeconfig 写入 {dir}：{error}' },

  // ---- create ---------------------------------------------------------------------------
  'room.rights.checking': { en: 'Checking your rights on {context} ({count} SelfSubjectAccessReviews)…', 'zh-CN': '正在检查你在 {context} 上的权限（{count} 个 SelfSubjectAccessReview）……' },
  'room.rights.missing': {
    en: 'Your context {context} lacks {count} right(s) needed for this:',
    'zh-CN': '你的上下文 {context} 缺少完成此操作所需的 {count} 项权限：',
  },
  'room.rights.next': {
    en: 'Ask the cluster\'s administrator for these (a ClusterRole bound to you), or use a context that has them (e.g. cluster-admin on a training cluster).',
    'zh-CN': '请让集群管理员授予这些权限（绑定到你的 ClusterRole），或改用具备这些权限的上下文（例如培训集群上的 cluster-admin）。',
  },
  'room.support.checking': { en: 'Checking that {context} can run image volumes…', 'zh-CN': '正在检查 {context} 能否使用镜像卷……' },
  'room.support.version': { en: 'API server {version}', 'zh-CN': 'API 服务器 {version}' },
  'room.support.tooOld': {
    en: 'The API server is {version}: image volumes need Kubernetes 1.31 or later (1.35+ has them on by default).',
    'zh-CN': 'API 服务器版本是 {version}：镜像卷需要 Kubernetes 1.31 或更高版本（1.35+ 默认开启）。',
  },
  'room.support.gateOff': {
    en: 'The API server {version} silently dropped the image volume of a test Pod (server-side dry run in {namespace}): the ImageVolume feature gate is off. Switch it on for the API server and every kubelet.',
    'zh-CN': 'API 服务器 {version} 静默丢弃了测试 Pod 的镜像卷（在 {namespace} 中以服务器端试运行创建）：ImageVolume 特性门控处于关闭状态。请为 API 服务器和每个 kubelet 开启它。',
  },
  'room.support.gateOn': { en: 'a test Pod kept its image volume (server-side dry run in {namespace})', 'zh-CN': '测试 Pod 保留了镜像卷（在 {namespace} 中以服务器端试运行创建）' },
  'room.support.runtimes': { en: 'node runtimes: {nodes}', 'zh-CN': '节点运行时：{nodes}' },
  'room.support.runtimeUnsupported': {
    en: 'These nodes\' runtimes cannot mount image volumes: {nodes}. They need containerd 2.1+ or CRI-O 1.31+.',
    'zh-CN': '这些节点的运行时无法挂载镜像卷：{nodes}。它们需要 containerd 2.1+ 或 CRI-O 1.31+。',
  },
  'room.support.noNodes': { en: 'The cluster has no nodes: nothing could run the seats\' Pods.', 'zh-CN': '集群中没有节点：没有地方可以运行座位的 Pod。' },
  'room.support.refused': { en: 'No room was made on {context}. What was made for the test is removed.', 'zh-CN': '没有在 {context} 上创建教室。为测试而创建的对象已删除。' },
  'room.exists': {
    en: 'A room "{room}" already exists on {context} ({count} namespace(s)). Delete it first: ivol-tour room delete --context {context} --name {room}',
    'zh-CN': '{context} 上已经有名为 "{room}" 的教室（{count} 个命名空间）。请先删除：ivol-tour room delete --context {context} --name {room}',
  },
  'room.namespaceTaken': {
    en: 'The namespace {namespace} exists and is not this room\'s: choose another --name.',
    'zh-CN': '命名空间 {namespace} 已存在且不属于这个教室：请换一个 --name。',
  },
  'room.creating': { en: 'Creating room "{room}": {seats} seat(s), {objects} object(s), at most {parallel} requests at once…', 'zh-CN': '正在创建教室 "{room}"：{seats} 个座位，{objects} 个对象，最多同时发出 {parallel} 个请求……' },
  'room.progress': { en: '{done}/{total} seats ready', 'zh-CN': '已就绪 {done}/{total} 个座位' },
  'room.failed': {
    en: 'Creating the room failed: {error}. Remove what was made with: ivol-tour room delete --context {context} --name {room}',
    'zh-CN': '创建教室失败：{error}。请用以下命令删除已创建的对象：ivol-tour room delete --context {context} --name {room}',
  },
  'room.created': {
    en: 'Room "{room}" is ready: {seats} seat(s) on {context}, tokens valid until {expires}. The kubeconfigs are in {dir} (0600): give each attendee theirs.',
    'zh-CN': '教室 "{room}" 已就绪：{context} 上共 {seats} 个座位，令牌有效期至 {expires}。kubeconfig 文件在 {dir}（权限 0600）：请把各自的文件发给每位学员。',
  },
  'room.created.nodes': { en: 'Shared by the room: read-only access to nodes ({why}).', 'zh-CN': '整个教室共享：节点的只读权限（{why}）。' },
  'room.created.notGiven': { en: 'Not given to the seats (those checks say “not visible”): {what}.', 'zh-CN': '未授予座位的权限（相关检查会显示“看不到”）：{what}。' },
  'room.created.next': {
    en: 'Follow the room: ivol-tour room status --context {context} --name {room}    Remove it: ivol-tour room delete --context {context} --name {room}',
    'zh-CN': '查看教室进度：ivol-tour room status --context {context} --name {room}    删除教室：ivol-tour room delete --context {context} --name {room}',
  },
  'room.col.seat': { en: 'SEAT', 'zh-CN': '座位' },
  'room.col.namespace': { en: 'NAMESPACE', 'zh-CN': '命名空间' },
  'room.col.file': { en: 'KUBECONFIG', 'zh-CN': 'KUBECONFIG' },
  'room.col.command': { en: 'THE ATTENDEE RUNS', 'zh-CN': '学员运行的命令' },
  'room.col.step': { en: 'STEP', 'zh-CN': '步骤' },
  'room.col.status': { en: 'STATUS', 'zh-CN': '状态' },
  'room.col.time': { en: 'ON STEP', 'zh-CN': '本步用时' },
  'room.col.cause': { en: 'CAUSE', 'zh-CN': '原因' },
  'room.apiError': { en: 'The API server of {context} answered: {error}', 'zh-CN': '{context} 的 API 服务器返回：{error}' },

  // ---- status ---------------------------------------------------------------------------
  'room.status.none': {
    en: 'No room "{room}" on {context} (no progress ConfigMap labelled for it).',
    'zh-CN': '{context} 上没有名为 "{room}" 的教室（没有带该教室标签的进度 ConfigMap）。',
  },
  'room.status.summary': { en: 'Room "{room}": {seats} seat(s), {stuck} stuck, {waiting} not started, {done} done.', 'zh-CN': '教室 "{room}"：{seats} 个座位，{stuck} 个卡住，{waiting} 个未开始，{done} 个已完成。' },

  // ---- delete ---------------------------------------------------------------------------
  'room.delete.nothing': { en: 'Nothing on {context} is labelled for room "{room}": nothing to delete.', 'zh-CN': '{context} 上没有带教室 "{room}" 标签的对象：无需删除。' },
  'room.delete.list': { en: 'These {count} object(s) on {context} are labelled for room "{room}" (everything in the namespaces goes with them):', 'zh-CN': '{context} 上以下 {count} 个对象带有教室 "{room}" 的标签（命名空间中的一切都会随之删除）：' },
  'room.delete.terminating': { en: '(already being deleted)', 'zh-CN': '（正在删除中）' },
  'room.delete.confirm': { en: 'Delete them?', 'zh-CN': '删除它们吗？' },
  'room.delete.needYes': { en: 'Nothing was deleted. Run it on a terminal to answer, or add --yes.', 'zh-CN': '没有删除任何东西。请在终端中运行以便回答，或加上 --yes。' },
  'room.delete.waiting': { en: 'Waiting for {left} namespace(s) to go…', 'zh-CN': '正在等待 {left} 个命名空间删除完成……' },
  'room.delete.done': { en: 'Room "{room}" is gone: nothing labelled for it is left on {context}.', 'zh-CN': '教室 "{room}" 已删除：{context} 上没有留下任何带该教室标签的对象。' },
  'room.delete.timeout': {
    en: '{left} namespace(s) are still terminating after {timeout}: {names}. A finalizer may hold them: `kubectl get namespace NAME -o yaml` shows which; run room delete again to keep waiting.',
    'zh-CN': '等待 {timeout} 后仍有 {left} 个命名空间处于终止中：{names}。可能被 finalizer 挡住了：`kubectl get namespace 名称 -o yaml` 可以看到原因；再次运行 room delete 可继续等待。',
  },
});
