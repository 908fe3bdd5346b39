// Messages of the real area: doctor, cleanup, the kube client and the diagnosis rules.
// Every key has en and zh-CN. Diagnosis keys are diag.<rule>.cause / diag.<rule>.next.
import { defineMessages } from '../catalog.js';

export const realMessages = defineMessages({
  // ---- diagnosis ------------------------------------------------------------------------
  'diag.kubectl.contextMissing.cause': {
    en: 'The kubeconfig has no context "{context}", so kubectl cannot reach the tour\'s cluster.',
    'zh-CN': 'kubeconfig 中没有名为 "{context}" 的上下文，kubectl 无法连接到本教程的集群。',
  },
  'diag.kubectl.contextMissing.next': {
    en: 'Create the cluster first (the step {step}), or check the name with `kubectl config get-contexts`. The tour never falls back to your current context.',
    'zh-CN': '请先创建集群（{step} 步骤），或用 `kubectl config get-contexts` 核对名称。本教程绝不会改用你当前的上下文。',
  },
  'diag.kind.daemonDown.cause': {
    en: 'kind cannot reach the {engine} daemon: the container engine is not running (or not installed).',
    'zh-CN': 'kind 无法连接 {engine} 守护进程：容器引擎没有运行（或没有安装）。',
  },
  'diag.kind.daemonDown.next': {
    en: 'Start {engine} (Docker Desktop, `sudo systemctl start docker`, or `podman machine start`), check it with `{engine} info`, then retry the step.',
    'zh-CN': '启动 {engine}（Docker Desktop、`sudo systemctl start docker` 或 `podman machine start`），用 `{engine} info` 确认后重试本步骤。',
  },
  'diag.kind.clusterExists.cause': {
    en: 'A kind cluster named "{cluster}" already exists.',
    'zh-CN': '名为 "{cluster}" 的 kind 集群已经存在。',
  },
  'diag.kind.clusterExists.next': {
    en: 'Reuse it (skip this step), or delete it with `kind delete cluster --name {cluster}` and retry.',
    'zh-CN': '可以直接复用（跳过本步骤），或用 `kind delete cluster --name {cluster}` 删除后重试。',
  },
  'diag.kind.portInUse.cause': {
    en: 'Port {port} on this machine is already in use, so kind cannot publish the API server there.',
    'zh-CN': '本机端口 {port} 已被占用，kind 无法在该端口发布 API 服务器。',
  },
  'diag.kind.portInUse.next': {
    en: 'Find what holds it (`lsof -i :{port}` or `ss -ltnp`; another kind cluster?), stop it, then retry.',
    'zh-CN': '找出占用端口的程序（`lsof -i :{port}` 或 `ss -ltnp`；是否是另一个 kind 集群？），停止它后重试。',
  },
  'diag.kind.nodeImagePull.cause': {
    en: 'The node image {image} could not be pulled.',
    'zh-CN': '无法拉取节点镜像 {image}。',
  },
  'diag.kind.nodeImagePull.next': {
    en: 'Check the network and proxy settings (HTTPS_PROXY), try `docker pull {image}` yourself; for the crio profile the personal image may be gone: use the default containerd profile, or build your own (the tour\'s optional step that builds a CRI-O node image).',
    'zh-CN': '检查网络与代理设置（HTTPS_PROXY），手动执行 `docker pull {image}` 试试；crio 运行时方案使用的个人镜像可能已不存在：请改用默认的 containerd 运行时方案，或用本教程中构建 CRI-O 节点镜像的可选步骤自己构建一个。',
  },
  'diag.kind.cgroup.cause': {
    en: 'The kind node could not start because of the cgroup setup: {detail}',
    'zh-CN': '由于 cgroup 配置问题，kind 节点无法启动：{detail}',
  },
  'diag.kind.cgroup.next': {
    en: 'kind needs cgroup v2 for rootless engines (see kind\'s "Rootless" docs); on WSL enable systemd or cgroup v2; then delete the half-created cluster and retry.',
    'zh-CN': 'rootless 容器引擎下 kind 需要 cgroup v2（参见 kind 文档的 "Rootless" 一节）；在 WSL 中请启用 systemd 或 cgroup v2；然后删除创建失败的集群并重试。',
  },
  'diag.kind.failed.cause': {
    en: 'kind failed: {error}',
    'zh-CN': 'kind 执行失败：{error}',
  },
  'diag.kind.failed.next': {
    en: 'Read kind\'s ERROR line and the lines above it in the output. To see the node\'s own logs, run `kind create cluster --name {cluster} --retain` and then `kind export logs --name {cluster}`; delete the half-made cluster with `kind delete cluster --name {cluster}` and run the step again.',
    'zh-CN': '请阅读输出中 kind 的 ERROR 行及其上方的内容。如需查看节点自身的日志，运行 `kind create cluster --name {cluster} --retain`，再运行 `kind export logs --name {cluster}`；用 `kind delete cluster --name {cluster}` 删除创建了一半的集群后，重新运行本步骤。',
  },
  'diag.cluster.absent.cause': {
    en: 'There is no cluster yet: kind has no cluster "{cluster}" (or the kubeconfig has no context "{context}").',
    'zh-CN': '还没有集群：kind 中没有名为 "{cluster}" 的集群（或 kubeconfig 中没有上下文 "{context}"）。',
  },
  'diag.cluster.absent.next': {
    en: 'Create it first: run the step {step} (or `ivol-tour run` from the start), then this step again.',
    'zh-CN': '请先创建集群：运行 {step} 步骤（或从头运行 `ivol-tour run`），然后重新运行本步骤。',
  },
  'diag.cluster.contextMissing.cause': {
    en: 'The kubeconfig has no context "{context}", so the tour cannot read your cluster.',
    'zh-CN': 'kubeconfig 中没有上下文 "{context}"，本教程无法读取你的集群。',
  },
  'diag.cluster.contextMissing.next': {
    en: 'List the contexts with `kubectl config get-contexts` and start the tour again with --context NAME of one that exists. The tour never falls back to your current context.',
    'zh-CN': '用 `kubectl config get-contexts` 列出上下文，然后用 --context 指定一个存在的上下文重新启动本教程。本教程绝不会改用你当前的上下文。',
  },
  'diag.cluster.unreachable.cause': {
    en: 'The cluster behind context "{context}" does not answer: {error}',
    'zh-CN': '上下文 "{context}" 对应的集群没有响应：{error}',
  },
  'diag.cluster.unreachable.next': {
    en: 'Check that the container engine runs and the node container is up (`docker ps --filter name={cluster}-control-plane`, or podman). If it stopped, start it with `docker start {cluster}-control-plane`, or delete and recreate the cluster.',
    'zh-CN': '确认容器引擎正在运行、节点容器已启动（`docker ps --filter name={cluster}-control-plane`，或用 podman）。如果它已停止，用 `docker start {cluster}-control-plane` 启动，或删除后重新创建集群。',
  },
  'diag.cluster.unreachableByoc.cause': {
    en: 'The cluster behind context "{context}" does not answer: {error}',
    'zh-CN': '上下文 "{context}" 对应的集群没有响应：{error}',
  },
  'diag.cluster.unreachableByoc.next': {
    en: 'Check your network (VPN, proxy) and that `kubectl --context {context} get --raw /readyz` answers, then run the step again.',
    'zh-CN': '检查网络（VPN、代理），确认 `kubectl --context {context} get --raw /readyz` 有响应，然后重新运行本步骤。',
  },
  'diag.cluster.forbidden.cause': {
    en: 'The API server of context "{context}" refused the tour\'s request: {error}',
    'zh-CN': '上下文 "{context}" 的 API 服务器拒绝了本教程的请求：{error}',
  },
  'diag.cluster.forbidden.next': {
    en: 'Your user may not read or create Pods in namespace {namespace}. Check with `kubectl --context {context} auth can-i create pods -n {namespace}`; ask the cluster\'s admin for the rights, or pick another --namespace.',
    'zh-CN': '你的用户可能无权读取或创建命名空间 {namespace} 中的 Pod。用 `kubectl --context {context} auth can-i create pods -n {namespace}` 检查；请集群管理员授予权限，或改用其他 --namespace。',
  },
  'diag.cluster.apiError.cause': {
    en: 'The API server of context "{context}" answered with an error: {error}',
    'zh-CN': '上下文 "{context}" 的 API 服务器返回了错误：{error}',
  },
  'diag.cluster.apiError.next': {
    en: 'The server is up but failing (often etcd or an overloaded control plane). Wait a moment and run the checks again (`c`); if it goes on, look at `kubectl --context {context} get --raw "/readyz?verbose"`.',
    'zh-CN': 'API 服务器在运行，但处理请求失败（常见原因是 etcd 或控制平面负载过高）。稍等片刻后重新检查（按 `c`）；如果一直如此，请查看 `kubectl --context {context} get --raw "/readyz?verbose"`。',
  },
  'diag.cluster.readFailed.cause': {
    en: 'Reading the cluster of context "{context}" failed: {error}',
    'zh-CN': '读取上下文 "{context}" 的集群失败：{error}',
  },
  'diag.cluster.readFailed.next': {
    en: 'Check that context\'s entry in your kubeconfig (server URL, certificates): `kubectl --context {context} get nodes` should show the same error.',
    'zh-CN': '检查 kubeconfig 中该上下文的配置（服务器地址、证书）：`kubectl --context {context} get nodes` 应会显示同样的错误。',
  },
  // ---- ownership: the tour touches only what it created -----------------------------------
  'diag.ownership.notOurs.cause': {
    en: '{object} already exists and is not the tour\'s: it has no label app.kubernetes.io/managed-by=ivol-tour, so someone else made it (perhaps you, following the Kubernetes docs). `kubectl {verb}` would change it, so the tour did not run it.',
    'zh-CN': '{object} 已经存在，但不属于本教程：它没有 app.kubernetes.io/managed-by=ivol-tour 标签，是别人创建的（也许是你按照 Kubernetes 文档创建的）。`kubectl {verb}` 会改动它，所以本教程没有运行这条命令。',
  },
  'diag.ownership.execNotOurs.cause': {
    en: '{object} is not the tour\'s: it has no label app.kubernetes.io/managed-by=ivol-tour. The tour runs commands only in its own Pods (a command could change what it runs in), so `kubectl {verb}` was not run.',
    'zh-CN': '{object} 不属于本教程：它没有 app.kubernetes.io/managed-by=ivol-tour 标签。本教程只在自己的 Pod 中运行命令（命令可能会改动它所在的 Pod），所以没有运行 `kubectl {verb}`。',
  },
  'diag.ownership.podNotOurs.cause': {
    en: 'Pod {namespace}/{name} exists but is not the tour\'s (it has no label app.kubernetes.io/managed-by=ivol-tour): the tour does not look into, run commands in or change it, so this step cannot pass on it.',
    'zh-CN': 'Pod {namespace}/{name} 存在，但不属于本教程（它没有 app.kubernetes.io/managed-by=ivol-tour 标签）：本教程不会查看它、在其中运行命令或改动它，所以本步骤无法以它为准通过。',
  },
  'diag.ownership.next.byoc': {
    en: 'The tour changes and deletes only what it created. Start it again in a namespace of its own, e.g. `--namespace ivol-tour` (the tour creates it and labels it as its own); your {kind} stays as it is. If you no longer need your {kind}, you can also remove it yourself first.',
    'zh-CN': '本教程只修改和删除它自己创建的东西。请换一个专属的命名空间重新开始，例如 `--namespace ivol-tour`（本教程会创建它并打上自己的标签）；你的 {kind} 会保持原样。如果你不再需要自己的 {kind}，也可以先自行删除它。',
  },
  'diag.ownership.next.kind': {
    en: 'The tour changes and deletes only what it created. Start it again in a namespace of its own, e.g. `--namespace ivol-tour` (the tour creates it and labels it as its own), or on a kind cluster of its own with `--cluster NAME` (a new name: the tour creates it); your {kind} stays as it is. If you no longer need your {kind}, you can also remove it yourself first.',
    'zh-CN': '本教程只修改和删除它自己创建的东西。请换一个专属的命名空间重新开始，例如 `--namespace ivol-tour`（本教程会创建它并打上自己的标签），或用 `--cluster 名称`（一个新名字：本教程会创建该集群）换一个专属的 kind 集群；你的 {kind} 会保持原样。如果你不再需要自己的 {kind}，也可以先自行删除它。',
  },
  'diag.ownership.selector.cause': {
    en: '`kubectl {verb}` selects objects with `{selector}`, which does not require the label app.kubernetes.io/managed-by=ivol-tour: it could change objects that are not the tour\'s, so it was not run.',
    'zh-CN': '`kubectl {verb}` 用 `{selector}` 选择对象，但它不要求带有 app.kubernetes.io/managed-by=ivol-tour 标签：可能会改动不属于本教程的对象，所以没有运行。',
  },
  'diag.ownership.selector.next': {
    en: 'This is the tutorial\'s command: name the objects, give a manifest with -f, or select with `-l app.kubernetes.io/managed-by=ivol-tour` (never --all, or a selector that admits other objects).',
    'zh-CN': '这是教程中的命令：请写明对象名称、用 -f 指定清单文件，或用 `-l app.kubernetes.io/managed-by=ivol-tour` 选择对象（不要用 --all，也不要用会选中其他对象的选择器）。',
  },
  'diag.ownership.allNamespaces.cause': {
    en: '`kubectl {verb}` with --all-namespaces would act outside the tour\'s namespace, so it was not run.',
    'zh-CN': '带 --all-namespaces 的 `kubectl {verb}` 会作用于本教程命名空间之外的对象，所以没有运行。',
  },
  'diag.ownership.allNamespaces.next': {
    en: 'This is the tutorial\'s command: drop --all-namespaces (-A) and give `-n {namespace}`; the tour acts only in its own namespace.',
    'zh-CN': '这是教程中的命令：请去掉 --all-namespaces（-A），改用 `-n {namespace}`；本教程只在自己的命名空间中操作。',
  },
  'diag.ownership.unchecked.cause': {
    en: '`kubectl {verb}` was not run: the tour could not check that everything it would change is the tour\'s own ({detail}).',
    'zh-CN': '没有运行 `kubectl {verb}`：本教程无法确认它要改动的一切都属于本教程（{detail}）。',
  },
  'diag.ownership.unchecked.next': {
    en: 'Check that the cluster answers (`kubectl --context {context} get pods`) and retry. If it does, this is the tutorial\'s command: name its objects (TYPE NAME) or give a manifest file with -f, so that the tour can check them.',
    'zh-CN': '请确认集群有响应（`kubectl --context {context} get pods`）后重试。如果集群正常，这是教程中的命令：请写明对象（类型 名称）或用 -f 指定清单文件，以便本教程检查它们。',
  },
  'diag.ownership.clusterKept.cause': {
    en: 'The kind cluster "{cluster}" was not created by ivol-tour: it is not in the tour\'s record of the clusters it created ({record}), and its nodes do not carry the label {label}. You chose to keep it.',
    'zh-CN': 'kind 集群 "{cluster}" 不是 ivol-tour 创建的：它不在本教程所创建集群的记录中（{record}），它的节点也没有 {label} 标签。你选择了保留它。',
  },
  'diag.ownership.clusterKept.next': {
    en: 'The cluster stays as it is. If it is yours to delete, delete it yourself with `kind delete cluster --name {cluster}`.',
    'zh-CN': '该集群保持原样。如果它确实可以删除，请自行运行 `kind delete cluster --name {cluster}`。',
  },
  'diag.ownership.clusterUnconfirmed.cause': {
    en: 'The kind cluster "{cluster}" was not created by ivol-tour: it is not in the tour\'s record of the clusters it created ({record}), and its nodes do not carry the label {label}. There was no terminal to ask whether to delete it anyway, so it was kept, even with --yes.',
    'zh-CN': 'kind 集群 "{cluster}" 不是 ivol-tour 创建的：它不在本教程所创建集群的记录中（{record}），它的节点也没有 {label} 标签。没有终端可以询问是否仍要删除它，所以即使指定了 --yes，它也被保留了。',
  },
  'diag.ownership.clusterUnconfirmed.next': {
    en: 'The cluster stays as it is. If it is yours to delete, run `ivol-tour cleanup --cluster {cluster}` in a terminal and answer yes, or delete it yourself with `kind delete cluster --name {cluster}`.',
    'zh-CN': '该集群保持原样。如果它确实可以删除，请在终端中运行 `ivol-tour cleanup --cluster {cluster}` 并回答 yes，或自行运行 `kind delete cluster --name {cluster}`。',
  },
  'ownership.clusterQuestion': {
    en: 'The kind cluster "{cluster}" was not created by ivol-tour: it is not in the tour\'s record of the clusters it created, and its nodes do not carry the label {label}. It may hold someone else\'s work. Delete it anyway?',
    'zh-CN': 'kind 集群 "{cluster}" 不是 ivol-tour 创建的：它不在本教程所创建集群的记录中，它的节点也没有 {label} 标签。其中可能有别人的工作。仍要删除它吗？',
  },
  'diag.pod.gateOff.cause': {
    en: 'Pod {pod} was accepted but its image volume is gone: the ImageVolume feature gate is off, and the API server silently dropped the field.',
    'zh-CN': 'Pod {pod} 已被接受，但镜像卷不见了：ImageVolume 特性门控处于关闭状态，API 服务器静默丢弃了该字段。',
  },
  'diag.pod.gateOff.next': {
    en: 'Recreate the cluster with `featureGates: {ImageVolume: true}` in the kind config (needed on Kubernetes 1.31–1.34), or use kind v0.31+ (Kubernetes 1.35+, where the gate is on by default); then apply the Pod again.',
    'zh-CN': '在 kind 配置中加入 `featureGates: {ImageVolume: true}` 后重建集群（Kubernetes 1.31–1.34 需要），或使用 kind v0.31+（Kubernetes 1.35+，该特性门控默认开启）；然后重新应用 Pod。',
  },
  'diag.pod.gateOff.next.byoc': {
    en: 'Your cluster runs with the ImageVolume feature gate off (the default on Kubernetes 1.31–1.34): switch it on for the API server and every kubelet (`--feature-gates=ImageVolume=true`), or use Kubernetes 1.35+, where it is on by default; then apply the Pod again.',
    'zh-CN': '你的集群没有开启 ImageVolume 特性门控（Kubernetes 1.31–1.34 默认关闭）：请为 API 服务器和每个 kubelet 开启它（`--feature-gates=ImageVolume=true`），或使用默认开启它的 Kubernetes 1.35+；然后重新应用 Pod。',
  },
  'diag.artifact.layersDiffIds.cause': {
    en: 'The artifact {reference} cannot be pulled by containerd: "number of layers and diffIDs don\'t match".',
    'zh-CN': 'containerd 无法拉取制品 {reference}："number of layers and diffIDs don\'t match"。',
  },
  'diag.artifact.layersDiffIds.next': {
    en: 'Use {suggested} (made compatible with containerd) in the Pod manifest, delete the Pod and apply it again.',
    'zh-CN': '在 Pod 清单中改用 {suggested}（已兼容 containerd），删除 Pod 后重新应用。',
  },
  'diag.artifact.layersDiffIds.nextSame': {
    en: '{reference} is already the tag made for containerd, so what the node received is other content under that tag: from a mirror or local registry (--mirror) that holds an older copy, or from an archive that `ivol-tour prepare --save` made of another artifact. Copy {reference} from quay.io into that registry again (`oras cp`, `crane copy` or `skopeo copy`), or make the archive again, or run without --mirror for quay.io; then delete the Pod and apply it again.',
    'zh-CN': '{reference} 已经是为 containerd 制作的标签，所以节点收到的是这个标签下的其他内容：来自存有旧副本的镜像源或本地镜像仓库（--mirror），或者来自 `ivol-tour prepare --save` 用别的制品制作的归档。请把 quay.io 上的 {reference} 重新复制到那个镜像仓库（`oras cp`、`crane copy` 或 `skopeo copy`），或重新制作归档，或者不为 quay.io 指定 --mirror 再运行；然后删除 Pod 并重新应用。',
  },
  'diag.artifact.pullFailed.cause': {
    en: 'The image volume\'s artifact {reference} could not be pulled (ErrImagePull / ImagePullBackOff). {detail}',
    'zh-CN': '镜像卷的制品 {reference} 拉取失败（ErrImagePull / ImagePullBackOff）。{detail}',
  },
  'diag.artifact.pullFailed.next': {
    en: 'Check the reference and the network from the node (`docker exec <node> crictl pull {reference}`); kubelet retries with backoff, so the Pod starts once the pull works.',
    'zh-CN': '检查制品引用与节点网络（`docker exec <节点> crictl pull {reference}`）；kubelet 会按退避策略重试，拉取成功后 Pod 即会启动。',
  },
  'diag.runtime.containerdTooOld.cause': {
    en: 'The container could not be created (`mkdir ""`): the node\'s containerd ({runtime}) is older than 2.1 and cannot mount image volumes.',
    'zh-CN': '容器无法创建（`mkdir ""`）：节点上的 containerd（{runtime}）低于 2.1，不支持挂载镜像卷。',
  },
  'diag.runtime.containerdTooOld.next': {
    en: 'Upgrade kind to v0.31 or newer (its node image has containerd 2.2), delete the cluster and create it again; or use --profile crio.',
    'zh-CN': '把 kind 升级到 v0.31 或更高版本（其节点镜像带 containerd 2.2），删除集群后重新创建；或改用 --profile crio。',
  },
  'diag.runtime.crioTooOld.cause': {
    en: 'The container could not be created (`mount.HostPath is empty` or "host path is not set"): that is what a runtime without support for image volumes reports, and the node runs {runtime}.',
    'zh-CN': '容器无法创建（`mount.HostPath is empty` 或 “host path is not set”）：不支持镜像卷的运行时都会这样报错，而该节点运行的是 {runtime}。',
  },
  'diag.runtime.crioTooOld.next': {
    en: 'Upgrade kind to v0.31 or newer (its node image has containerd 2.2), delete the cluster and create it again.',
    'zh-CN': '把 kind 升级到 v0.31 或更高版本（其节点镜像带 containerd 2.2），删除集群后重新创建。',
  },
  'diag.runtime.next.crio': {
    en: 'kind publishes no CRI-O node images, so upgrading kind does not help: build a node image with CRI-O 1.31 or newer (1.33+ for subPath; the tour\'s optional step builds one) and create the cluster from it, or use the default containerd profile with kind v0.31+.',
    'zh-CN': 'kind 不发布 CRI-O 节点镜像，所以升级 kind 没有用：请构建一个带 CRI-O 1.31 或更高版本的节点镜像（subPath 需要 1.33+；本教程的可选步骤可以构建）并用它创建集群，或改用默认的 containerd 运行时方案（kind v0.31+）。',
  },
  'diag.runtime.next.byoc': {
    en: 'Your cluster\'s nodes need a runtime that mounts image volumes: containerd 2.1+ or CRI-O 1.31+ (containerd 2.2+ or CRI-O 1.33+ for subPath). Upgrade the runtime on the nodes, or run the tour without --context on its own kind cluster.',
    'zh-CN': '你的集群节点需要能挂载镜像卷的运行时：containerd 2.1+ 或 CRI-O 1.31+（subPath 需要 containerd 2.2+ 或 CRI-O 1.33+）。请升级节点上的运行时，或者不带 --context 运行本教程，使用它自己的 kind 集群。',
  },
  'diag.runtime.unsupported.cause': {
    en: 'Node {node} runs {runtime}, which cannot mount image volumes (containerd needs 2.1+, CRI-O 1.31+).',
    'zh-CN': '节点 {node} 使用的 {runtime} 无法挂载镜像卷（containerd 需要 2.1+，CRI-O 需要 1.31+）。',
  },
  'diag.runtime.unsupported.next': {
    en: 'Delete the cluster, upgrade kind to v0.31 or newer (containerd 2.2+) and create it again, or use --profile crio.',
    'zh-CN': '删除集群，把 kind 升级到 v0.31 或更高版本（containerd 2.2+）后重新创建，或改用 --profile crio。',
  },
  'diag.subPath.missing.cause': {
    en: 'The subPath "{subPath}" does not exist in the image volume, so the container could not be created.',
    'zh-CN': '镜像卷中不存在 subPath "{subPath}"，因此无法创建容器。',
  },
  'diag.subPath.missing.next': {
    en: 'Fix the subPath to a directory that exists in the artifact (e.g. `dir`), delete the Pod and apply it again.',
    'zh-CN': '把 subPath 改为制品中存在的目录（例如 `dir`），删除 Pod 后重新应用。',
  },
  'diag.image.pullFailed.cause': {
    en: 'The container image {image} (container {container}) could not be pulled. {detail}',
    'zh-CN': '容器镜像 {image}（容器 {container}）拉取失败。{detail}',
  },
  'diag.image.pullFailed.next': {
    en: 'Check the image name and the node\'s network or proxy; the kubelet keeps retrying, so the Pod starts once the pull works.',
    'zh-CN': '检查镜像名称以及节点的网络或代理；kubelet 会持续重试，拉取成功后 Pod 即会启动。',
  },
  'diag.pod.unschedulable.cause': {
    en: 'Pod {pod} is Pending: no node can take it. {detail}',
    'zh-CN': 'Pod {pod} 处于 Pending：没有节点可以调度它。{detail}',
  },
  'diag.pod.unschedulable.next': {
    en: 'Check the nodes (`kubectl get nodes`, all Ready? taints?) and the Pod\'s requests; wait for the nodes to become Ready, then retry.',
    'zh-CN': '检查节点（`kubectl get nodes`，是否都 Ready？是否有污点？）与 Pod 的资源请求；等待节点 Ready 后重试。',
  },

  // ---- kube client ----------------------------------------------------------------------
  'kube.contextMissing': {
    en: 'context "{context}" not found in the kubeconfig',
    'zh-CN': 'kubeconfig 中找不到上下文 "{context}"',
  },
  'kube.unreachable': { en: 'cannot reach the cluster of context "{context}": {error}', 'zh-CN': '无法连接上下文 "{context}" 的集群：{error}' },

  // ---- command guard (src/adapters/cluster/real/command-guard.ts) -------------------------
  'refused.line': { en: 'refused `{command}`: {reason}', 'zh-CN': '已拒绝 `{command}`：{reason}' },
  'refused.empty': { en: 'there is no command to run.', 'zh-CN': '没有要运行的命令。' },
  'refused.unknownFlag': {
    en: '{flag} is not a flag of `{tool} {sub}` as {version} reads it; the tour runs only what it can read the way {tool} does.',
    'zh-CN': '按 {version} 的解析方式，{flag} 不是 `{tool} {sub}` 的参数；本教程只运行它能像 {tool} 一样读懂的命令。',
  },
  'refused.flagNeedsValue': { en: '{flag} needs a value.', 'zh-CN': '{flag} 需要一个值。' },
  'refused.flagSyntax': { en: '{flag} is not a valid flag.', 'zh-CN': '{flag} 不是合法的参数。' },
  'refused.kubectl.noCommand': { en: 'kubectl is given no command.', 'zh-CN': '没有给 kubectl 指定子命令。' },
  'refused.kubectl.contextMissing': {
    en: 'kubectl must name the tour\'s context (--context {context}); without it kubectl uses your current context, which may be another cluster.',
    'zh-CN': 'kubectl 必须指定本教程的上下文（--context {context}）；否则 kubectl 会使用你当前的上下文，那可能是另一个集群。',
  },
  'refused.kubectl.contextEmpty': {
    en: '--context is empty, so kubectl would use your current context; the tour needs --context {context}.',
    'zh-CN': '--context 的值为空，kubectl 会改用你当前的上下文；本教程需要 --context {context}。',
  },
  'refused.kubectl.contextOther': {
    en: '--context {given} is not the tour\'s context ({context}); the tour never acts on another cluster.',
    'zh-CN': '--context {given} 不是本教程的上下文（{context}）；本教程绝不操作其他集群。',
  },
  'refused.kubectl.contextRepeated': {
    en: '--context is given {count} times and kubectl uses the last one ({given}); give --context {context} exactly once.',
    'zh-CN': '--context 出现了 {count} 次，kubectl 会使用最后一个（{given}）；请只给一次 --context {context}。',
  },
  'refused.kubectl.connectionFlag': {
    en: '{flag} changes which cluster kubectl connects to, or as whom; the tour connects only through its own context {context}.',
    'zh-CN': '{flag} 会改变 kubectl 连接的集群或所用的身份；本教程只通过自己的上下文 {context} 连接。',
  },
  'refused.kubectl.globalFlag': {
    en: '{flag} is a kubectl option the tour has not classified as harmless; it may change where or how kubectl connects.',
    'zh-CN': '{flag} 是本教程尚未确认无害的 kubectl 选项；它可能改变 kubectl 的连接目标或方式。',
  },
  'refused.kubectl.fileFlag': {
    en: '{flag} makes kubectl write a file outside the tour\'s work directory.',
    'zh-CN': '{flag} 会让 kubectl 在本教程的工作目录之外写文件。',
  },
  'refused.kubectl.plugin': {
    en: '"{name}" is not a kubectl command, so kubectl would run the plugin kubectl-{name} from your PATH, which the tour cannot check.',
    'zh-CN': '"{name}" 不是 kubectl 的子命令，kubectl 会从 PATH 中运行插件 kubectl-{name}，本教程无法检查它。',
  },
  'refused.kubectl.configWrite': {
    en: '`kubectl config {sub}` edits the kubeconfig; the tour only reads it (view, get-contexts, current-context, get-clusters, get-users), and only kind writes its own context there.',
    'zh-CN': '`kubectl config {sub}` 会修改 kubeconfig；本教程只读取它（view、get-contexts、current-context、get-clusters、get-users），只有 kind 会在其中写入自己的上下文。',
  },
  'refused.kubectl.notAllowed': {
    en: '`kubectl {sub}` is not among the kubectl commands the tour runs ({allowed}).',
    'zh-CN': '`kubectl {sub}` 不在本教程允许运行的 kubectl 命令之列（{allowed}）。',
  },
  'refused.kubectl.namespaceMissing': {
    en: '`kubectl {sub}` changes things in the cluster; name the tour\'s namespace with -n {namespace}.',
    'zh-CN': '`kubectl {sub}` 会改动集群中的内容；请用 -n {namespace} 指定本教程的命名空间。',
  },
  'refused.kubectl.namespaceOther': {
    en: '`kubectl {sub}` changes things in the cluster, and the tour does that only in its own namespace {namespace}, not in {given}.',
    'zh-CN': '`kubectl {sub}` 会改动集群中的内容，本教程只在自己的命名空间 {namespace} 中这样做，而不是 {given}。',
  },
  'refused.kubectl.allNamespaces': {
    en: '`kubectl {sub}` with {flag} would act in every namespace; the tour changes things only in {namespace}.',
    'zh-CN': '带 {flag} 的 `kubectl {sub}` 会作用于所有命名空间；本教程只改动 {namespace} 中的内容。',
  },
  'refused.kubectl.clusterScoped': {
    en: '`kubectl {sub}` on {resource} changes a cluster-wide object; the tour changes only objects in its namespace {namespace}.',
    'zh-CN': '对 {resource} 执行 `kubectl {sub}` 会改动集群作用域的对象；本教程只改动其命名空间 {namespace} 中的对象。',
  },
  'refused.kubectl.raw': {
    en: '`kubectl {sub} --raw` sends a request to any API path, past the namespace check.',
    'zh-CN': '`kubectl {sub} --raw` 可以向任意 API 路径发送请求，绕过命名空间检查。',
  },
  'refused.kubectl.prune': {
    en: '`kubectl apply --prune` deletes objects that are not in the files, and they may be yours.',
    'zh-CN': '`kubectl apply --prune` 会删除文件中没有的对象，而那些可能是你自己的对象。',
  },
  'refused.kubectl.deleteAll': {
    en: '`kubectl delete --all` in {namespace} would delete objects the tour did not create.',
    'zh-CN': '在 {namespace} 中执行 `kubectl delete --all` 会删除不是本教程创建的对象。',
  },
  'refused.kind.noCommand': { en: 'kind is given no command.', 'zh-CN': '没有给 kind 指定子命令。' },
  'refused.kind.notAllowed': {
    en: '`kind {sub}` is not among the kind commands the tour runs ({allowed}).',
    'zh-CN': '`kind {sub}` 不在本教程允许运行的 kind 命令之列（{allowed}）。',
  },
  'refused.kind.byoc': {
    en: 'with --context the tour works in your own cluster and never runs `kind {sub}`, which creates, deletes or changes a kind cluster.',
    'zh-CN': '使用 --context 时，本教程在你自己的集群中工作，绝不运行会创建、删除或改动 kind 集群的 `kind {sub}`。',
  },
  'refused.kind.nameMissing': {
    en: '`kind {sub}` must name the tour\'s cluster (--name {cluster}); without it kind picks KIND_CLUSTER_NAME or "kind".',
    'zh-CN': '`kind {sub}` 必须指定本教程的集群（--name {cluster}）；否则 kind 会使用 KIND_CLUSTER_NAME 或 "kind"。',
  },
  'refused.kind.nameOther': {
    en: '--name {given} is not the tour\'s cluster ({cluster}); the tour never acts on another kind cluster.',
    'zh-CN': '--name {given} 不是本教程的集群（{cluster}）；本教程绝不操作其他 kind 集群。',
  },
  'refused.kind.nameRepeated': {
    en: '--name is given {count} times and kind uses the last one ({given}); give --name {cluster} exactly once.',
    'zh-CN': '--name 出现了 {count} 次，kind 会使用最后一个（{given}）；请只给一次 --name {cluster}。',
  },
  'refused.kind.deleteClusters': {
    en: '`kind delete clusters` deletes several clusters at once; the tour deletes only its own (`kind delete cluster --name {cluster}`).',
    'zh-CN': '`kind delete clusters` 会一次删除多个集群；本教程只删除自己的集群（`kind delete cluster --name {cluster}`）。',
  },
  'refused.kind.allClusters': {
    en: '{flag} makes kind act on every kind cluster, not only the tour\'s ({cluster}).',
    'zh-CN': '{flag} 会让 kind 作用于所有 kind 集群，而不只是本教程的集群（{cluster}）。',
  },
  'refused.kind.kubeconfig': {
    en: '--kubeconfig makes kind write the cluster\'s credentials to another file; the tour lets kind use your kubeconfig, as kind does by default.',
    'zh-CN': '--kubeconfig 会让 kind 把集群凭据写入另一个文件；本教程让 kind 按默认方式使用你的 kubeconfig。',
  },
  'refused.wrapper': {
    en: '`{wrapper}` would start {tool} where the tour cannot check its arguments; run {tool} directly.',
    'zh-CN': '`{wrapper}` 会启动 {tool}，本教程无法检查其参数；请直接运行 {tool}。',
  },
  'refused.otherClient': {
    en: '`{tool}` reads your kubeconfig by itself, and the tour cannot check which cluster it reaches; tutorials use kubectl and kind.',
    'zh-CN': '`{tool}` 会自行读取你的 kubeconfig，本教程无法检查它会访问哪个集群；教程请使用 kubectl 和 kind。',
  },
  'refused.kubectlPlugin': {
    en: '{tool} is a kubectl plugin: it reads your kubeconfig by itself, and the tour cannot check which cluster it reaches.',
    'zh-CN': '{tool} 是 kubectl 插件：它会自行读取你的 kubeconfig，本教程无法检查它会访问哪个集群。',
  },
  'diag.command.refused.cause': {
    en: 'The tour refused to run this command (the reason is above): it would act outside the tour\'s own cluster, namespace or kubeconfig. Nothing was run.',
    'zh-CN': '本教程拒绝运行这条命令（原因见上方）：它会作用于本教程自己的集群、命名空间或 kubeconfig 之外。什么都没有运行。',
  },
  'diag.command.refused.next': {
    en: 'Tutorial commands run kubectl with --context {context} (and -n {namespace} for anything that changes the cluster) and kind only with --name {cluster}. If this tutorial is not yours, tell its author.',
    'zh-CN': '教程中的命令应以 --context {context} 运行 kubectl（改动集群的命令还需 -n {namespace}），kind 只能带 --name {cluster}。如果教程不是你写的，请告知作者。',
  },
  'refused.kubeconfigUnavailable': {
    en: 'the tour could not write its private kubeconfig ({error}), so it starts no kubectl. Check that the temporary directory ({dir}) is writable.',
    'zh-CN': '本教程无法写入它的专用 kubeconfig（{error}），因此不启动 kubectl。请检查临时目录（{dir}）是否可写。',
  },

  // ---- doctor ---------------------------------------------------------------------------
  'doctor.title': { en: 'ivol-tour doctor ({mode} mode)', 'zh-CN': 'ivol-tour 环境检查（{mode} 模式）' },
  'doctor.col.tool': { en: 'tool', 'zh-CN': '工具' },
  'doctor.col.status': { en: 'status', 'zh-CN': '状态' },
  'doctor.col.version': { en: 'version', 'zh-CN': '版本' },
  'doctor.status.ok': { en: 'ok', 'zh-CN': '正常' },
  'doctor.status.missing': { en: 'missing', 'zh-CN': '缺失' },
  'doctor.status.daemonDown': { en: 'installed, not running', 'zh-CN': '已安装，未运行' },
  'doctor.status.timedOut': { en: 'did not answer', 'zh-CN': '没有响应' },
  'doctor.status.optional': { en: 'not found (optional)', 'zh-CN': '未找到（可选）' },
  'doctor.plan': { en: 'Plan', 'zh-CN': '计划' },
  'doctor.plan.profile': { en: 'profile', 'zh-CN': '运行时方案' },
  'doctor.plan.nodeImage': { en: 'node image', 'zh-CN': '节点镜像' },
  'doctor.plan.nodeImageDefault': { en: "kind's default", 'zh-CN': 'kind 默认镜像' },
  'doctor.plan.featureGate': { en: 'ImageVolume gate in kind config', 'zh-CN': 'kind 配置中开启 ImageVolume 特性门控' },
  'doctor.plan.artifact': { en: 'artifact', 'zh-CN': '制品' },
  'doctor.plan.subPath': { en: 'subPath', 'zh-CN': 'subPath' },
  'doctor.yes': { en: 'yes', 'zh-CN': '是' },
  'doctor.no': { en: 'no', 'zh-CN': '否' },
  'doctor.subPath.ignored': { en: 'ignored (the whole artifact is mounted)', 'zh-CN': '被忽略（挂载整个制品）' },
  'doctor.problems': { en: 'What to fix, and how', 'zh-CN': '需要解决的问题及方法' },
  'doctor.ready': { en: 'Ready: everything this mode needs is here.', 'zh-CN': '就绪：本模式所需的一切均已具备。' },
  'doctor.notReady': { en: 'Not ready. Fix the problems above, or try `ivol-tour --simulate`.', 'zh-CN': '尚未就绪。请解决上述问题，或尝试 `ivol-tour --simulate`。' },

  'doctor.problem.noEngine': {
    en: 'No container engine: neither docker nor podman was found. kind runs its nodes as containers.',
    'zh-CN': '没有容器引擎：找不到 docker 或 podman。kind 需要用容器运行节点。',
  },
  'doctor.problem.daemonDown': {
    en: '{engine} is installed but not running: `{engine} info` says "{detail}".',
    'zh-CN': '{engine} 已安装但没有运行：`{engine} info` 提示 "{detail}"。',
  },
  'doctor.problem.probeTimedOut': {
    en: '`{command}` did not answer within {seconds} s.',
    'zh-CN': '`{command}` 在 {seconds} 秒内没有响应。',
  },
  'doctor.problem.apiError': {
    en: 'The API server of context "{context}" answered with an error: {error}',
    'zh-CN': '上下文 "{context}" 的 API 服务器返回了错误：{error}',
  },
  'doctor.problem.noKind': { en: 'kind is not installed.', 'zh-CN': '未安装 kind。' },
  'doctor.problem.kindTooOld': {
    en: 'kind {version} is too old: its containerd cannot mount image volumes.',
    'zh-CN': 'kind {version} 版本过旧：其 containerd 不能挂载镜像卷。',
  },
  'doctor.problem.noKubectl': { en: 'kubectl is not installed.', 'zh-CN': '未安装 kubectl。' },
  'doctor.problem.contextMissing': {
    en: 'The kubeconfig has no context "{context}".',
    'zh-CN': 'kubeconfig 中没有上下文 "{context}"。',
  },
  'doctor.problem.unreachable': {
    en: 'The cluster of context "{context}" does not answer: {error}',
    'zh-CN': '上下文 "{context}" 的集群没有响应：{error}',
  },

  'doctor.fix.engine.linux': {
    en: 'Install Docker Engine (https://docs.docker.com/engine/install/) or Podman (`sudo apt-get install podman` / `sudo dnf install podman`).',
    'zh-CN': '安装 Docker Engine（https://docs.docker.com/engine/install/）或 Podman（`sudo apt-get install podman` / `sudo dnf install podman`）。',
  },
  'doctor.fix.engine.macos': {
    en: 'Install Docker Desktop (https://docs.docker.com/desktop/setup/install/mac-install/) or Podman (`brew install podman && podman machine init && podman machine start`).',
    'zh-CN': '安装 Docker Desktop（https://docs.docker.com/desktop/setup/install/mac-install/）或 Podman（`brew install podman && podman machine init && podman machine start`）。',
  },
  'doctor.fix.engine.wsl': {
    en: 'Install Docker Desktop on Windows and enable WSL integration for this distribution (Settings → Resources → WSL integration), or install Docker Engine inside WSL.',
    'zh-CN': '在 Windows 上安装 Docker Desktop，并为此发行版开启 WSL 集成（Settings → Resources → WSL integration），或在 WSL 内安装 Docker Engine。',
  },
  'doctor.fix.engine.windows': {
    en: 'Install Docker Desktop (https://docs.docker.com/desktop/setup/install/windows-install/) with the WSL 2 backend, or Podman Desktop.',
    'zh-CN': '安装 Docker Desktop（https://docs.docker.com/desktop/setup/install/windows-install/，使用 WSL 2 后端）或 Podman Desktop。',
  },
  'doctor.fix.daemon.docker.linux': {
    en: 'Start the Docker daemon: `sudo systemctl start docker` (and `sudo usermod -aG docker $USER` once, then log in again, to use it without sudo). Check with `docker info`, then run `ivol-tour doctor` again.',
    'zh-CN': '启动 Docker 守护进程：`sudo systemctl start docker`（首次使用可执行 `sudo usermod -aG docker $USER` 后重新登录，以免每次都用 sudo）。用 `docker info` 确认后，再次运行 `ivol-tour doctor`。',
  },
  'doctor.fix.daemon.docker.macos': {
    en: 'Start Docker Desktop (`open -a Docker`) and wait until it says it is running. Check with `docker info`, then run `ivol-tour doctor` again.',
    'zh-CN': '启动 Docker Desktop（`open -a Docker`），等它显示已在运行。用 `docker info` 确认后，再次运行 `ivol-tour doctor`。',
  },
  'doctor.fix.daemon.docker.wsl': {
    en: 'Start Docker Desktop on Windows and check that WSL integration is on for this distribution (Settings → Resources → WSL integration), or run `sudo service docker start` if Docker Engine is installed inside WSL. Check with `docker info`.',
    'zh-CN': '在 Windows 上启动 Docker Desktop，并确认此发行版已开启 WSL 集成（Settings → Resources → WSL integration）；如果 Docker Engine 装在 WSL 内，运行 `sudo service docker start`。用 `docker info` 确认。',
  },
  'doctor.fix.daemon.docker.windows': {
    en: 'Start Docker Desktop from the Start menu and wait until it says it is running. Check with `docker info`, then run `ivol-tour doctor` again.',
    'zh-CN': '从开始菜单启动 Docker Desktop，等它显示已在运行。用 `docker info` 确认后，再次运行 `ivol-tour doctor`。',
  },
  'doctor.fix.daemon.podman.linux': {
    en: 'Start the Podman service: `systemctl --user start podman.socket` (kind talks to it). Check with `podman info`, then run `ivol-tour doctor` again.',
    'zh-CN': '启动 Podman 服务：`systemctl --user start podman.socket`（kind 通过它工作）。用 `podman info` 确认后，再次运行 `ivol-tour doctor`。',
  },
  'doctor.fix.daemon.podman.macos': {
    en: 'Start the Podman machine: `podman machine start` (`podman machine init` first if there is none). Check with `podman info`, then run `ivol-tour doctor` again.',
    'zh-CN': '启动 Podman 虚拟机：`podman machine start`（如果还没有，先运行 `podman machine init`）。用 `podman info` 确认后，再次运行 `ivol-tour doctor`。',
  },
  'doctor.fix.daemon.podman.wsl': {
    en: 'Start the Podman service inside WSL: `systemctl --user start podman.socket` (needs systemd in WSL). Check with `podman info`.',
    'zh-CN': '在 WSL 内启动 Podman 服务：`systemctl --user start podman.socket`（需要 WSL 启用 systemd）。用 `podman info` 确认。',
  },
  'doctor.fix.daemon.podman.windows': {
    en: 'Start the Podman machine: `podman machine start` (or from Podman Desktop). Check with `podman info`, then run `ivol-tour doctor` again.',
    'zh-CN': '启动 Podman 虚拟机：`podman machine start`（或在 Podman Desktop 中启动）。用 `podman info` 确认后，再次运行 `ivol-tour doctor`。',
  },
  'doctor.fix.probeTimedOut': {
    en: 'Run `{command}` in a terminal. If it hangs there too, the {tool} on your PATH is broken or blocked (a network drive, a security tool): reinstall {tool}, then run `ivol-tour doctor` again.',
    'zh-CN': '在终端中运行 `{command}`。如果它同样卡住，说明 PATH 中的 {tool} 已损坏或被阻止（网络驱动器、安全软件等）：请重新安装 {tool}，然后再次运行 `ivol-tour doctor`。',
  },
  'doctor.fix.kind.linux': {
    en: 'Install kind v0.31.0 or newer: `curl -Lo ./kind https://kind.sigs.k8s.io/dl/v0.31.0/kind-linux-amd64 && chmod +x ./kind && sudo mv ./kind /usr/local/bin/kind` (or `go install sigs.k8s.io/kind@v0.31.0`).',
    'zh-CN': '安装 kind v0.31.0 或更高版本：`curl -Lo ./kind https://kind.sigs.k8s.io/dl/v0.31.0/kind-linux-amd64 && chmod +x ./kind && sudo mv ./kind /usr/local/bin/kind`（或 `go install sigs.k8s.io/kind@v0.31.0`）。',
  },
  'doctor.fix.kind.macos': { en: 'Install kind: `brew install kind` (v0.31.0 or newer).', 'zh-CN': '安装 kind：`brew install kind`（v0.31.0 或更高）。' },
  'doctor.fix.kind.wsl': {
    en: 'Install the Linux build of kind inside WSL: `curl -Lo ./kind https://kind.sigs.k8s.io/dl/v0.31.0/kind-linux-amd64 && chmod +x ./kind && sudo mv ./kind /usr/local/bin/kind`.',
    'zh-CN': '在 WSL 内安装 Linux 版 kind：`curl -Lo ./kind https://kind.sigs.k8s.io/dl/v0.31.0/kind-linux-amd64 && chmod +x ./kind && sudo mv ./kind /usr/local/bin/kind`。',
  },
  'doctor.fix.kind.windows': { en: 'Install kind: `winget install Kubernetes.kind` or `choco install kind` (v0.31.0 or newer).', 'zh-CN': '安装 kind：`winget install Kubernetes.kind` 或 `choco install kind`（v0.31.0 或更高）。' },
  'doctor.fix.kindUpgrade.linux': { en: 'Upgrade kind to v0.31.0 or newer (same commands as installing), or run with --profile crio.', 'zh-CN': '把 kind 升级到 v0.31.0 或更高（与安装命令相同），或使用 --profile crio。' },
  'doctor.fix.kindUpgrade.macos': { en: 'Upgrade kind: `brew upgrade kind`, or run with --profile crio.', 'zh-CN': '升级 kind：`brew upgrade kind`，或使用 --profile crio。' },
  'doctor.fix.kindUpgrade.wsl': { en: 'Upgrade kind inside WSL to v0.31.0 or newer, or run with --profile crio.', 'zh-CN': '在 WSL 内把 kind 升级到 v0.31.0 或更高，或使用 --profile crio。' },
  'doctor.fix.kindUpgrade.windows': { en: 'Upgrade kind: `winget upgrade Kubernetes.kind`, or run with --profile crio.', 'zh-CN': '升级 kind：`winget upgrade Kubernetes.kind`，或使用 --profile crio。' },
  'doctor.fix.kubectl.linux': {
    en: 'Install kubectl: https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/ (or `sudo snap install kubectl --classic`).',
    'zh-CN': '安装 kubectl：https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/（或 `sudo snap install kubectl --classic`）。',
  },
  'doctor.fix.kubectl.macos': { en: 'Install kubectl: `brew install kubectl`.', 'zh-CN': '安装 kubectl：`brew install kubectl`。' },
  'doctor.fix.kubectl.wsl': {
    en: 'Install the Linux kubectl inside WSL: https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/.',
    'zh-CN': '在 WSL 内安装 Linux 版 kubectl：https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/。',
  },
  'doctor.fix.kubectl.windows': { en: 'Install kubectl: `winget install Kubernetes.kubectl`.', 'zh-CN': '安装 kubectl：`winget install Kubernetes.kubectl`。' },
  'doctor.fix.context': {
    en: 'List the contexts with `kubectl config get-contexts` and pass one with --context NAME; the tour never uses the current context by itself.',
    'zh-CN': '用 `kubectl config get-contexts` 列出上下文，并通过 --context NAME 指定；本教程不会自行使用当前上下文。',
  },
  'doctor.fix.apiError': {
    en: 'The server is up but failing. Wait a moment and run `ivol-tour doctor` again; if it goes on, look at `kubectl --context {context} get --raw "/readyz?verbose"`.',
    'zh-CN': 'API 服务器在运行，但处理请求失败。稍等片刻后再次运行 `ivol-tour doctor`；如果一直如此，请查看 `kubectl --context {context} get --raw "/readyz?verbose"`。',
  },
  'doctor.fix.forbidden': {
    en: 'Your credentials for context "{context}" are refused or lack rights. Log in again (your cluster\'s login command), check with `kubectl --context {context} auth can-i list pods`, or ask the cluster\'s admin.',
    'zh-CN': '上下文 "{context}" 的凭据被拒绝或权限不足。请重新登录（使用你的集群的登录命令），用 `kubectl --context {context} auth can-i list pods` 检查，或联系集群管理员。',
  },
  'doctor.fix.unreachable': {
    en: 'Check that the cluster runs and that `kubectl --context {context} get nodes` works.',
    'zh-CN': '确认集群正在运行，且 `kubectl --context {context} get nodes` 可以执行。',
  },

  // ---- cleanup --------------------------------------------------------------------------
  'cleanup.noStep': {
    en: 'Tutorial {tutorial} declares no clean-up step (a step with `role: cleanup`), so there is nothing `cleanup` may run.',
    'zh-CN': '教程 {tutorial} 没有声明清理步骤（带有 `role: cleanup` 的步骤），所以 `cleanup` 没有可运行的内容。',
  },
  'cleanup.notHere': {
    en: 'The clean-up step ({step}) does not apply in {mode} mode: nothing to do.',
    'zh-CN': '清理步骤（{step}）不适用于 {mode} 模式：无需操作。',
  },
  'cleanup.declined': {
    en: 'Nothing was deleted. Run `ivol-tour cleanup --yes` (or answer yes) to clean up.',
    'zh-CN': '没有删除任何东西。运行 `ivol-tour cleanup --yes`（或回答 yes）即可清理。',
  },
  'cleanup.noCluster': { en: 'There is no kind cluster "{cluster}": nothing to delete.', 'zh-CN': '不存在 kind 集群 "{cluster}"：无需删除。' },
  'cleanup.byocKeepsCluster': {
    en: 'Your cluster ({context}) is not the tour\'s: it is left as it is.',
    'zh-CN': '你的集群（{context}）不是本教程创建的：保持原样。',
  },
  'cleanup.done': { en: 'Cleanup done.', 'zh-CN': '清理完成。' },
  'cleanup.failed': { en: 'Cleanup failed: {error}', 'zh-CN': '清理失败：{error}' },
  'cleanup.missingTool': {
    en: '{tool} is not available ({error}), so the cleanup cannot run. {fix}',
    'zh-CN': '{tool} 不可用（{error}），无法执行清理。{fix}',
  },
  'cleanup.noEngine': {
    en: 'No container engine answers (docker or podman), so kind cannot delete the cluster. Start the engine and run `ivol-tour cleanup` again.',
    'zh-CN': '没有可用的容器引擎（docker 或 podman），kind 无法删除集群。请启动容器引擎后再次运行 `ivol-tour cleanup`。',
  },
});
