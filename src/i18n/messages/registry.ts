// Messages of the registry area: --mirror, doctor's registry checks, `ivol-tour prepare`.
// Every key has en and zh-CN. Terms: registry 镜像仓库, mirror 镜像源, artifact 制品.
import { defineMessages } from '../catalog.js';

export const registryMessages = defineMessages({
  // ---- --mirror --------------------------------------------------------------------------
  'cli.opt.mirror': {
    en: 'pull REGISTRY\'s images through a mirror: REGISTRY=HOST[/PREFIX] (http:// or https:// allowed; repeatable), e.g. docker.io=mirror.example.com',
    'zh-CN': '通过镜像源拉取 REGISTRY 的镜像：REGISTRY=HOST[/PREFIX]（可加 http:// 或 https://；可重复），例如 docker.io=mirror.example.com',
  },
  'cli.opt.offline': { en: 'do not contact any registry (no network checks)', 'zh-CN': '不连接任何镜像仓库（不做网络检查）' },
  'cli.cmd.prepare': {
    en: 'pull (or save/restore) every image the chosen profile needs into the local engine, before a workshop',
    'zh-CN': '在工作坊之前，把所选运行时方案需要的全部镜像拉取（或保存/恢复）到本机容器引擎',
  },
  'cli.opt.save': { en: 'then write all of them into one archive FILE (docker save)', 'zh-CN': '随后把它们全部写入一个归档文件 FILE（docker save）' },
  'cli.opt.load': { en: 'restore them from an archive FILE made with --save (docker load), with no network', 'zh-CN': '从用 --save 生成的归档文件 FILE 恢复（docker load），无需网络' },
  'mirror.missingEquals': {
    en: '--mirror {value}: expected REGISTRY=HOST[/PREFIX], e.g. docker.io=mirror.example.com',
    'zh-CN': '--mirror {value}：格式应为 REGISTRY=HOST[/PREFIX]，例如 docker.io=mirror.example.com',
  },
  'mirror.badRegistry': {
    en: '--mirror {value}: "{registry}" is not a registry host (docker.io, quay.io, ghcr.io, registry.example.com:5000)',
    'zh-CN': '--mirror {value}："{registry}" 不是镜像仓库主机名（如 docker.io、quay.io、ghcr.io、registry.example.com:5000）',
  },
  'mirror.badHost': {
    en: '--mirror {value}: "{host}" is not a host name or address with an optional port (mirror.example.com, 192.168.1.10:5000)',
    'zh-CN': '--mirror {value}："{host}" 不是主机名或地址（可带端口，如 mirror.example.com、192.168.1.10:5000）',
  },
  'mirror.badPrefix': {
    en: '--mirror {value}: the path "{prefix}" is not a repository path (lowercase letters, digits, . _ - and /)',
    'zh-CN': '--mirror {value}：路径 "{prefix}" 不是合法的仓库路径（小写字母、数字、. _ - 和 /）',
  },
  'mirror.unknownScheme': {
    en: '--mirror {value}: unknown scheme "{scheme}://"; use http:// or https:// (or none: https, http for localhost)',
    'zh-CN': '--mirror {value}：未知的协议 "{scheme}://"；请用 http:// 或 https://（或不写：默认 https，localhost 默认 http）',
  },
  'mirror.duplicate': {
    en: '--mirror names {registry} twice: give one mirror per registry',
    'zh-CN': '--mirror 两次指定了 {registry}：每个镜像仓库只能有一个镜像源',
  },
  'mirror.withContext': {
    en: '--mirror configures the kind cluster the tour creates; with --context your cluster\'s nodes pull the images, so configure mirrors on its nodes instead',
    'zh-CN': '--mirror 用于配置本教程创建的 kind 集群；使用 --context 时由你的集群节点拉取镜像，请在这些节点上配置镜像源',
  },
  'mirror.note.containerd': {
    en: 'Because of --mirror ({mirrors}), each node mounts a hosts.toml per registry and containerd reads them from config_path: it pulls those images from {hosts} first, and the Pod keeps its image references as written.',
    'zh-CN': '因为指定了 --mirror（{mirrors}），每个节点挂载了每个镜像仓库的 hosts.toml，containerd 从 config_path 读取它们：会先从 {hosts} 拉取这些镜像，而 Pod 中的镜像引用保持原样。',
  },
  'mirror.note.crio': {
    en: 'Because of --mirror ({mirrors}), each node mounts a registries.conf drop-in that CRI-O reads when it starts: it pulls those images from {hosts} first, and the Pod keeps its image references as written.',
    'zh-CN': '因为指定了 --mirror（{mirrors}），每个节点挂载了一个 registries.conf 附加配置，CRI-O 启动时读取它：会先从 {hosts} 拉取这些镜像，而 Pod 中的镜像引用保持原样。',
  },

  // ---- registry checks -------------------------------------------------------------------
  'registry.cause.dns': { en: 'DNS lookup failed ({detail})', 'zh-CN': 'DNS 解析失败（{detail}）' },
  'registry.cause.refused': { en: 'connection refused ({detail})', 'zh-CN': '连接被拒绝（{detail}）' },
  'registry.cause.timeout': { en: 'no answer in time ({detail})', 'zh-CN': '在时限内没有应答（{detail}）' },
  'registry.cause.tls': { en: 'TLS failed ({detail})', 'zh-CN': 'TLS 握手失败（{detail}）' },
  'registry.cause.network': { en: 'network unreachable ({detail})', 'zh-CN': '网络不可达（{detail}）' },
  'registry.cause.reset': { en: 'connection reset ({detail})', 'zh-CN': '连接被重置（{detail}）' },
  'registry.cause.proxy': { en: 'the proxy failed ({detail})', 'zh-CN': '代理出错（{detail}）' },
  'registry.cause.http': { en: 'answered {detail}', 'zh-CN': '应答为 {detail}' },
  'registry.cause.notFound': { en: 'no such image there ({detail})', 'zh-CN': '那里没有这个镜像（{detail}）' },
  'registry.cause.auth': { en: 'needs credentials ({detail})', 'zh-CN': '需要凭据（{detail}）' },
  'registry.cause.other': { en: '{detail}', 'zh-CN': '{detail}' },
  'registry.next.unreachable': {
    en: 'use a mirror (--mirror {registry}=HOST; README, "Running a workshop"), or run `ivol-tour prepare --save FILE` on a machine with network and `ivol-tour prepare --load FILE` here, or follow along with --simulate',
    'zh-CN': '使用镜像源（--mirror {registry}=HOST；见 README 的“举办工作坊”），或在有网络的机器上运行 `ivol-tour prepare --save FILE`、再在本机运行 `ivol-tour prepare --load FILE`，或用 --simulate 跟着学',
  },
  'registry.next.unreachableSim': {
    en: 'nothing is pulled in simulated mode; for a real cluster use --mirror {registry}=HOST or `ivol-tour prepare`',
    'zh-CN': '模拟模式不拉取任何镜像；要用真实集群，请使用 --mirror {registry}=HOST 或 `ivol-tour prepare`',
  },
  'registry.next.mirrorDown': {
    en: 'check the mirror {mirror}: is it running, is the address right, http:// or https://? Or leave --mirror out to pull from {registry} itself',
    'zh-CN': '请检查镜像源 {mirror}：它在运行吗？地址对吗？是 http:// 还是 https://？或者去掉 --mirror，直接从 {registry} 拉取',
  },
  'registry.next.mirrorMissing': {
    en: 'the mirror {mirror} answers but lacks this image: a pull-through cache must reach {registry} once to fill itself; otherwise push the image to the mirror, or prepare it (`ivol-tour prepare`)',
    'zh-CN': '镜像源 {mirror} 能应答，但没有这个镜像：拉取缓存（pull-through cache）需要先能访问 {registry} 才能填充；否则请把镜像推送到镜像源，或用 `ivol-tour prepare` 预先准备',
  },
  'registry.next.notFound': {
    en: '{registry} does not have this reference (any more): check the tag; for the crio profile\'s personal node image, build your own (the tour\'s optional step that builds a CRI-O node image)',
    'zh-CN': '{registry} 上没有（或已不再有）这个引用：请核对标签；crio 运行时方案使用的个人节点镜像可以自己构建（本教程中构建 CRI-O 节点镜像的可选步骤）',
  },
  'registry.next.auth': {
    en: '{registry} wants credentials for this image: `docker login {registry}`, or use a mirror that has it',
    'zh-CN': '{registry} 要求凭据才能拉取这个镜像：运行 `docker login {registry}`，或使用有这个镜像的镜像源',
  },
  'registry.note.loopbackMirror': {
    en: '{mirror} is this machine\'s loopback: kind pulls the node image through it, but inside the kind node 127.0.0.1 is the node itself, so the node\'s runtime cannot reach it and falls back to the registry. Give the mirror an address the node can reach (this machine\'s LAN address), as the README shows.',
    'zh-CN': '{mirror} 是本机的回环地址：kind 会经由它拉取节点镜像，但在 kind 节点内部 127.0.0.1 指的是节点自己，节点的运行时访问不到它，会退回到原镜像仓库。请给镜像源一个节点能访问的地址（本机的局域网地址），见 README。',
  },
  'registry.note.nodeImageUnknown': {
    en: 'kind {version}: the tour does not know this release\'s default node image, so it neither checks nor mirrors it; kind pulls it from Docker Hub itself',
    'zh-CN': 'kind {version}：本教程不认识这个版本的默认节点镜像，因此不检查它、也不经镜像源拉取；kind 会自己从 Docker Hub 拉取',
  },
  'registry.note.byoc': {
    en: 'With --context your cluster\'s nodes pull the images, not this machine: registries are not checked from here',
    'zh-CN': '使用 --context 时由你的集群节点拉取镜像，而不是本机：因此不从这里检查镜像仓库',
  },
  'registry.note.offline': {
    en: 'Registries not checked (--offline, or IVOL_TOUR_OFFLINE=1)',
    'zh-CN': '未检查镜像仓库（--offline，或 IVOL_TOUR_OFFLINE=1）',
  },
  'registry.note.simulated': {
    en: 'Simulated mode pulls nothing: registries are not checked',
    'zh-CN': '模拟模式不拉取任何镜像：不检查镜像仓库',
  },
  'diag.registry.unreachable.cause': {
    en: '{registry} cannot be reached from this machine: {cause}. kind create cluster would stop while pulling from it.',
    'zh-CN': '本机无法访问 {registry}：{cause}。kind create cluster 会在从它拉取镜像时失败。',
  },
  'diag.registry.unreachable.next': {
    en: 'Run `ivol-tour doctor` for every registry. Then use a mirror (--mirror {registry}=HOST), or `ivol-tour prepare --load FILE` with an archive made where there is network, or restart with --simulate.',
    'zh-CN': '运行 `ivol-tour doctor` 查看每个镜像仓库的情况。然后使用镜像源（--mirror {registry}=HOST），或用在有网络的地方生成的归档运行 `ivol-tour prepare --load FILE`，或用 --simulate 重新开始。',
  },
  'diag.registry.mirror.cause': {
    en: 'The mirror {mirror} for {registry} cannot be reached from this machine: {cause}.',
    'zh-CN': '本机无法访问 {registry} 的镜像源 {mirror}：{cause}。',
  },
  'diag.registry.mirror.next': {
    en: 'Check that the mirror runs and its address (http:// or https://), with `ivol-tour doctor`; or leave --mirror {registry}=… out to pull from {registry} itself.',
    'zh-CN': '用 `ivol-tour doctor` 检查镜像源是否在运行、地址是否正确（http:// 还是 https://）；或者去掉 --mirror {registry}=…，直接从 {registry} 拉取。',
  },
  'diag.registry.mirrorRefused.cause': {
    en: 'The mirror {host} for {registry} did not answer while pulling {image}: {error}.',
    'zh-CN': '拉取 {image} 时，{registry} 的镜像源 {host} 没有应答：{error}。',
  },
  'diag.registry.mirrorRefused.next': {
    en: 'Check that the mirror runs at {host} and that the kind node can reach it (`ivol-tour doctor` asks it from this machine); or leave --mirror {registry}=… out to pull from {registry} itself.',
    'zh-CN': '检查镜像源是否在 {host} 上运行、kind 节点能否访问它（`ivol-tour doctor` 会从本机检查）；或者去掉 --mirror {registry}=…，直接从 {registry} 拉取。',
  },
  'diag.registry.mirrorLoopback.cause': {
    en: 'The mirror {host} for {registry} did not answer inside the kind node while pulling {image}: {error}. Inside the node, {host} is the node itself.',
    'zh-CN': '拉取 {image} 时，{registry} 的镜像源 {host} 在 kind 节点内部没有应答：{error}。在节点内部，{host} 指的是节点自己。',
  },
  'diag.registry.mirrorLoopback.next': {
    en: 'No registry listens there, and the registry itself did not answer either (the runtime names the first host it tried). Give the mirror an address the node can reach: this machine\'s LAN address (--mirror {registry}=HOST:PORT, see the README\'s "Running a workshop"); `ivol-tour doctor` checks it from here.',
    'zh-CN': '那里没有镜像仓库在监听，而原镜像仓库也没有应答（运行时报告的是它尝试的第一个主机）。请给镜像源一个节点能访问的地址：本机的局域网地址（--mirror {registry}=HOST:PORT，见 README 的“举办工作坊”）；`ivol-tour doctor` 会从本机检查它。',
  },
  'diag.registry.offlinePull.cause': {
    en: '{host} cannot be reached, so {image} could not be pulled: {error}.',
    'zh-CN': '无法访问 {host}，因此无法拉取 {image}：{error}。',
  },
  'diag.registry.offlinePull.next': {
    en: 'Run `ivol-tour doctor` to check every registry from here. Then use a mirror the kind node can reach (--mirror {registry}=HOST, see the README\'s "Running a workshop"), or run `ivol-tour prepare --save FILE` where there is network and `ivol-tour prepare --load FILE` here.',
    'zh-CN': '运行 `ivol-tour doctor`，从本机检查每个镜像仓库。然后使用 kind 节点能访问的镜像源（--mirror {registry}=HOST，见 README 的“举办工作坊”），或在有网络的地方运行 `ivol-tour prepare --save FILE`、再在这里运行 `ivol-tour prepare --load FILE`。',
  },
  'doctor.registries': { en: 'Registries (from this machine)', 'zh-CN': '镜像仓库（从本机访问）' },
  'doctor.registries.via': { en: 'through {mirror}', 'zh-CN': '经由 {mirror}' },
  'doctor.registries.reachable': { en: 'reachable, {ms} ms', 'zh-CN': '可访问，{ms} 毫秒' },
  'doctor.registries.unreachable': { en: 'unreachable', 'zh-CN': '无法访问' },
  // A status word, then why (the colon of each language).
  'doctor.statusBecause': { en: '{status}: {why}', 'zh-CN': '{status}：{why}' },
  'doctor.registries.resolved': { en: 'resolves, {ms} ms', 'zh-CN': '可解析，{ms} 毫秒' },
  'doctor.registries.notResolved': { en: 'does not resolve', 'zh-CN': '无法解析' },
  'doctor.registries.prepared': { en: 'prepared in the local engine (ivol-tour prepare): nothing to pull', 'zh-CN': '已在本机容器引擎中准备好（ivol-tour prepare）：无需拉取' },
  'doctor.registries.ok': { en: 'Every image can be pulled (checked in {duration}).', 'zh-CN': '所有镜像都可以拉取（检查用时 {duration}）。' },
  'doctor.registries.notOk': { en: 'Some images cannot be pulled from here (checked in {duration}).', 'zh-CN': '有些镜像无法从这里拉取（检查用时 {duration}）。' },

  // ---- prepare ---------------------------------------------------------------------------
  'prepare.title': { en: 'Preparing the {profile} profile\'s images in {engine}', 'zh-CN': '正在为 {profile} 运行时方案在 {engine} 中准备镜像' },
  'prepare.loadTitle': { en: 'Restoring images from {file} into {engine}', 'zh-CN': '正在从 {file} 把镜像恢复到 {engine}' },
  'prepare.noEngine': {
    en: 'prepare needs a running container engine (docker or podman): {detail}',
    'zh-CN': 'prepare 需要一个正在运行的容器引擎（docker 或 podman）：{detail}',
  },
  'prepare.noEngineNext': {
    en: 'Start Docker or Podman and run it again; `ivol-tour doctor` says what is missing.',
    'zh-CN': '请启动 Docker 或 Podman 后重新运行；`ivol-tour doctor` 会告诉你缺少什么。',
  },
  'prepare.simulate': {
    en: 'prepare works with a real container engine: in simulated mode nothing is pulled, so there is nothing to prepare',
    'zh-CN': 'prepare 需要真实的容器引擎：模拟模式不拉取任何镜像，因此无需准备',
  },
  'prepare.context': {
    en: 'prepare fills this machine\'s container engine; with --context your cluster\'s nodes pull the images, so there is nothing to prepare here',
    'zh-CN': 'prepare 填充的是本机的容器引擎；使用 --context 时由你的集群节点拉取镜像，本机无需准备',
  },
  'prepare.saveAndLoad': { en: '--save and --load cannot be used together', 'zh-CN': '--save 和 --load 不能同时使用' },
  'prepare.nodeImageUnknown': {
    en: 'kind {version}: the tour does not know its default node image, so it is not prepared (kind will pull it)',
    'zh-CN': 'kind {version}：本教程不知道它的默认节点镜像，因此不准备它（kind 会自行拉取）',
  },
  'prepare.pulling': { en: 'pulling {image}', 'zh-CN': '正在拉取 {image}' },
  'prepare.pullingVia': { en: 'pulling {image} through {name}', 'zh-CN': '正在经由 {name} 拉取 {image}' },
  'prepare.layers': { en: '{image}: {done}/{total} layers', 'zh-CN': '{image}：{done}/{total} 层' },
  'prepare.layersBytes': { en: '{image}: {done}/{total} layers, {bytes} of {totalBytes}', 'zh-CN': '{image}：{done}/{total} 层，{bytes}/{totalBytes}' },
  'prepare.bar': { en: '{bar} {done}/{total} images{current}', 'zh-CN': '{bar} {done}/{total} 个镜像{current}' },
  'prepare.pulled': { en: '✓ {image}  {size}', 'zh-CN': '✓ {image}  {size}' },
  'prepare.failed': { en: '✗ {image}: {error}', 'zh-CN': '✗ {image}：{error}' },
  'prepare.tagged': { en: '  tagged {from} as {to}', 'zh-CN': '  已将 {from} 标记为 {to}' },
  'prepare.artifactRefused': {
    en: '{engine} will not pull {image}: it is an OCI artifact, not a runnable image ({error}). It cannot travel through {engine} save/load. Serve it from a registry instead: run one (`docker run -d -p 5000:5000 --name ivol-registry registry:2`), copy the artifact into it with a tool you have (`oras cp`, `crane copy` or `skopeo copy`), and start the tour with --mirror {registry}=ADDRESS:5000, an address the kind node can reach (this machine\'s LAN address).',
    'zh-CN': '{engine} 不会拉取 {image}：它是 OCI 制品，不是可运行的镜像（{error}），无法通过 {engine} save/load 传递。请改由镜像仓库提供：先运行一个（`docker run -d -p 5000:5000 --name ivol-registry registry:2`），再用手头的工具把制品复制进去（`oras cp`、`crane copy` 或 `skopeo copy`），然后用 `--mirror {registry}=地址:5000` 启动本教程，地址要让 kind 节点能访问到（本机的局域网地址）。',
  },
  'prepare.verifyFailed': { en: '✗ {image}: not in {engine} after the pull ({error})', 'zh-CN': '✗ {image}：拉取后在 {engine} 中找不到（{error}）' },
  'prepare.saving': { en: 'writing {count} images to {file}', 'zh-CN': '正在把 {count} 个镜像写入 {file}' },
  'prepare.saved': { en: '✓ {file}  {size}: copy it to the machines of the room and run `ivol-tour prepare --load {file}` there', 'zh-CN': '✓ {file}  {size}：把它复制到教室里的机器上，在那里运行 `ivol-tour prepare --load {file}`' },
  'prepare.saveFailed': { en: '✗ could not write {file}: {error}', 'zh-CN': '✗ 无法写入 {file}：{error}' },
  'prepare.loadFailed': { en: '✗ could not load {file}: {error}', 'zh-CN': '✗ 无法加载 {file}：{error}' },
  'prepare.loadMissingFile': { en: '{file} does not exist or is not a file', 'zh-CN': '{file} 不存在或不是文件' },
  'prepare.loaded': { en: '✓ loaded {file}', 'zh-CN': '✓ 已加载 {file}' },
  'prepare.notInArchive': { en: '✗ {image}: not in the archive (was it saved with the same profile and kind?)', 'zh-CN': '✗ {image}：归档中没有（是否用相同的运行时方案和 kind 版本保存？）' },
  'prepare.ready': { en: 'Ready: {count} of {total} images are in {engine} ({size} in all).', 'zh-CN': '已就绪：{total} 个镜像中有 {count} 个在 {engine} 中（共 {size}）。' },
  'prepare.allReady': { en: 'Every image this profile needs is ready; the tour pulls none of them.', 'zh-CN': '本运行时方案需要的所有镜像都已就绪；本教程不需要再拉取任何镜像。' },
  'prepare.notReady': { en: 'Not ready: {missing}. Fix the lines marked ✗ above and run prepare again.', 'zh-CN': '未就绪：{missing}。请处理上面标有 ✗ 的行，然后重新运行 prepare。' },
  'prepare.willLoad': {
    en: 'After creating the cluster the tour loads {images} into the node (kind load docker-image), and the Pod uses IfNotPresent: nothing is pulled.',
    'zh-CN': '创建集群后，本教程会把 {images} 加载进节点（kind load docker-image），Pod 使用 IfNotPresent：不会拉取任何镜像。',
  },
  'prepare.crioNoLoad': {
    en: 'The crio profile\'s node runs CRI-O: kind load (it imports with containerd\'s ctr) cannot put images into it, so the node pulls {images} itself; use --mirror for them on a room without network.',
    'zh-CN': 'crio 运行时方案的节点运行的是 CRI-O：kind load（它用 containerd 的 ctr 导入）无法把镜像放进去，因此节点会自己拉取 {images}；在没有网络的教室里请为它们使用 --mirror。',
  },
  'prepare.podmanNoLoad': {
    en: 'With podman, kind load docker-image cannot read the images (it runs docker): the node pulls {images} itself; after creating the cluster you may run `podman save -o images.tar {images}` and `kind load image-archive images.tar --name {cluster}`.',
    'zh-CN': '使用 podman 时，kind load docker-image 无法读取这些镜像（它调用的是 docker）：节点会自己拉取 {images}；创建集群后，你也可以运行 `podman save -o images.tar {images}` 和 `kind load image-archive images.tar --name {cluster}`。',
  },
  'prepare.recordFailed': { en: 'could not remember what was prepared ({error}): the tour will pull the images', 'zh-CN': '无法记录已准备的内容（{error}）：本教程会照常拉取镜像' },
  'prepare.note.pod': {
    en: 'Prepared images were loaded into the node after it was created: with IfNotPresent the kubelet uses them and pulls nothing.',
    'zh-CN': '已准备的镜像在节点创建后被加载进节点：使用 IfNotPresent 时 kubelet 会直接使用它们，不再拉取。',
  },
});
