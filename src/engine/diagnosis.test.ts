import { describe, expect, it } from 'vitest';
import { diagnose, DIAGNOSIS_RULES, type DiagnosisInput } from './diagnosis.js';
import { unavailable, type ClusterSnapshot, type KubeEvent, type Pod } from './kube-objects.js';
import type { SessionFacts } from './model.js';
import type { RefusalRule } from './ownership.js';
import { planFor, type DoctorReport } from './plan.js';
import { messages } from '../i18n/messages/index.js';

const facts: SessionFacts = {
  mode: 'real', profile: 'containerd', featureGate: false, lang: 'en', cluster: 'ivol', context: 'kind-ivol',
  namespace: 'default', artifact: 'quay.io/crio/artifact:v2', nodeImage: '', workDir: '/tmp/w',
};

function pod(opts: { image?: string | null; waiting?: { reason: string; message?: string }; phase?: NonNullable<Pod['status']>['phase']; unschedulable?: string } = {}): Pod {
  const ref = opts.image === undefined ? 'quay.io/crio/artifact:v2' : opts.image;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'image-volume', namespace: 'default', labels: { 'app.kubernetes.io/managed-by': 'ivol-tour' } },
    spec: {
      containers: [{ name: 'shell', image: 'debian', command: ['sleep', 'infinity'], volumeMounts: ref === null ? [] : [{ name: 'volume', mountPath: '/volume' }] }],
      volumes: ref === null ? [] : [{ name: 'volume', image: { reference: ref, pullPolicy: 'IfNotPresent' } }],
      nodeName: 'ivol-control-plane',
    },
    status: {
      phase: opts.phase ?? 'Pending',
      ...(opts.unschedulable !== undefined ? { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: opts.unschedulable }] } : {}),
      containerStatuses: opts.waiting ? [{ name: 'shell', ready: false, restartCount: 0, image: 'debian', state: { waiting: opts.waiting } }] : [],
    },
  };
}

function ev(reason: string, message: string, type: 'Normal' | 'Warning' = 'Warning'): KubeEvent {
  return { metadata: { name: `image-volume.${reason}` }, involvedObject: { kind: 'Pod', name: 'image-volume', namespace: 'default' }, reason, message, type };
}

function snap(events: KubeEvent[] = [], reachable = true, runtime = 'containerd://2.2.0'): ClusterSnapshot {
  return {
    reachable,
    nodes: [{ metadata: { name: 'ivol-control-plane' }, status: { nodeInfo: { kubeletVersion: 'v1.35.0', containerRuntimeVersion: runtime } } }],
    pods: [],
    events,
  };
}

interface Case {
  name: string;
  input: Partial<DiagnosisInput>;
  rule: string | undefined;
  params?: Record<string, string | number>;
  /** The next-action key, when it is not diag.<rule>.next. */
  next?: string;
}

const refusal = (rule: RefusalRule, params: Record<string, string> = {}): Partial<DiagnosisInput> => ({ refusal: { rule, params } });
const othersPod = (name: string): Pod => ({ metadata: { name, namespace: 'default', labels: { app: 'mine' } }, spec: { containers: [{ name: 'shell', image: 'debian' }] } });

const cases: Case[] = [
  { name: 'healthy pod', input: { pod: pod({ phase: 'Running' }) }, rule: undefined },
  { name: 'image volume dropped on read-back', input: { pod: pod({ image: null }) }, rule: 'pod.gateOff', params: { pod: 'image-volume' } },
  { name: 'image volume dropped on your own cluster: switch the gate on there', input: { pod: pod({ image: null }), facts: { ...facts, mode: 'byoc', context: 'work' } }, rule: 'pod.gateOff', next: 'diag.pod.gateOff.next.byoc' },
  {
    name: 'artifact :v1 on containerd',
    input: {
      pod: pod({ image: 'quay.io/crio/artifact:v1', waiting: { reason: 'ErrImagePull', message: 'failed to pull and unpack image "quay.io/crio/artifact:v1": number of layers and diffIDs don\'t match: 1 != 0' } }),
    },
    rule: 'artifact.layersDiffIds',
    params: { reference: 'quay.io/crio/artifact:v1', suggested: 'quay.io/crio/artifact:v2' },
    next: 'diag.artifact.layersDiffIds.next',
  },
  {
    // Already :v2: "use :v2" would go in a circle; what answered for it holds other content.
    name: 'artifact :v2, yet layers and diffIDs do not match (a mirror or an archive with other content)',
    input: {
      pod: pod({ image: 'quay.io/crio/artifact:v2', waiting: { reason: 'ErrImagePull', message: 'failed to pull and unpack image "quay.io/crio/artifact:v2": number of layers and diffIDs don\'t match: 1 != 0' } }),
    },
    rule: 'artifact.layersDiffIds',
    params: { reference: 'quay.io/crio/artifact:v2' },
    next: 'diag.artifact.layersDiffIds.nextSame',
  },
  {
    name: 'artifact not pullable (backoff, message in events)',
    input: {
      pod: pod({ image: 'quay.io/crio/artifact:nope', waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "quay.io/crio/artifact:nope"' } }),
      snapshot: snap([ev('Failed', 'Failed to pull image "quay.io/crio/artifact:nope": rpc error: code = NotFound desc = not found')]),
    },
    rule: 'artifact.pullFailed',
  },
  {
    name: 'container image not pullable',
    input: { pod: pod({ waiting: { reason: 'ErrImagePull', message: 'failed to pull and unpack image "docker.io/library/debian:latest": i/o timeout' } }) },
    rule: 'image.pullFailed',
  },
  {
    name: 'containerd < 2.1',
    input: {
      pod: pod({ waiting: { reason: 'CreateContainerError', message: 'failed to generate container spec: failed to apply OCI options: failed to mkdir "": mkdir : no such file or directory' } }),
      snapshot: snap([], true, 'containerd://1.7.18'),
    },
    rule: 'runtime.containerdTooOld',
    params: { runtime: 'containerd://1.7.18' },
  },
  {
    name: 'CRI-O < 1.31 (crio profile: a CRI-O node image, not a kind upgrade)',
    input: { pod: pod({ waiting: { reason: 'CreateContainerError', message: 'mount.HostPath is empty' } }), snapshot: snap([], true, 'cri-o://1.30.4'), facts: { ...facts, profile: 'crio' } },
    rule: 'runtime.crioTooOld',
    next: 'diag.runtime.next.crio',
  },
  {
    // Any runtime without support says so (cri-dockerd, k3s --docker): the advice fits the session.
    name: 'host path not set on your own cluster',
    input: { pod: pod({ waiting: { reason: 'CreateContainerError', message: 'Error: host path is not set' } }), snapshot: snap([], true, 'docker://29.6.2'), facts: { ...facts, mode: 'byoc', context: 'work' } },
    rule: 'runtime.crioTooOld',
    params: { runtime: 'docker://29.6.2' },
    next: 'diag.runtime.next.byoc',
  },
  {
    name: 'host path not set on the containerd profile',
    input: { pod: pod({ waiting: { reason: 'CreateContainerError', message: 'mount.HostPath is empty' } }), snapshot: snap([], true, 'containerd://2.0.2') },
    rule: 'runtime.crioTooOld',
  },
  {
    name: 'missing subPath',
    input: { pod: pod({ waiting: { reason: 'CreateContainerError', message: 'sub path "nope" does not exist in image volume "quay.io/crio/artifact:v1"' } }) },
    rule: 'subPath.missing',
    params: { subPath: 'nope' },
  },
  {
    name: 'unschedulable',
    input: { pod: pod({ unschedulable: '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }.' }) },
    rule: 'pod.unschedulable',
  },
  {
    name: 'unschedulable from an event only',
    input: { pod: pod(), snapshot: snap([ev('FailedScheduling', '0/1 nodes are available: 1 Insufficient cpu.')]) },
    rule: 'pod.unschedulable',
  },
  { name: 'docker daemon down', input: { output: 'ERROR: failed to create cluster: failed to get docker info: command "docker info --format \'{{json .}}\'" failed with error: exit status 1\nCommand Output: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' }, rule: 'kind.daemonDown', params: { engine: 'docker' } },
  { name: 'no engine at all', input: { output: 'ERROR: failed to create cluster: failed to get docker info: exec: "docker": executable file not found in $PATH' }, rule: 'kind.daemonDown' },
  { name: 'cluster exists', input: { output: 'ERROR: failed to create cluster: node(s) already exist for a cluster with the name "ivol"' }, rule: 'kind.clusterExists', params: { cluster: 'ivol' } },
  {
    name: 'port in use',
    input: { output: 'ERROR: failed to create cluster: command "docker run ..." failed with error: exit status 125\nCommand Output: docker: Error response from daemon: driver failed programming external connectivity on endpoint ivol-control-plane: Error starting userland proxy: listen tcp4 127.0.0.1:6443: bind: address already in use.' },
    rule: 'kind.portInUse',
    params: { port: '6443' },
  },
  // Pulls that did not reach a host, worded as dockerd, containerd and CRI-O word them (the
  // simulated cluster's offline and mirror-down faults print the same).
  {
    name: 'offline: kind cannot pull the node image (dockerd cannot resolve Docker Hub)',
    input: { output: ' ✗ Ensuring node image (kindest/node:v1.35.0) 🖼\nERROR: failed to create cluster: failed to pull image "kindest/node:v1.35.0": command "docker pull kindest/node:v1.35.0" failed with error: exit status 1\n\nCommand Output: Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: server misbehaving' },
    rule: 'registry.offlinePull',
    params: { host: 'registry-1.docker.io', registry: 'docker.io', image: 'kindest/node:v1.35.0', error: 'dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: server misbehaving' },
  },
  {
    name: 'offline: the node cannot resolve quay.io (containerd, pod events)',
    input: {
      pod: pod({ waiting: { reason: 'ErrImagePull', message: 'failed to pull and unpack image "quay.io/crio/artifact:v2": failed to resolve reference "quay.io/crio/artifact:v2": failed to do request: Head "https://quay.io/v2/crio/artifact/manifests/v2": dial tcp: lookup quay.io on 172.18.0.1:53: server misbehaving' } }),
    },
    rule: 'registry.offlinePull',
    params: { host: 'quay.io', registry: 'quay.io', image: 'quay.io/crio/artifact:v2' },
  },
  {
    name: 'mirror down: containerd names the mirror (?ns=) it tried first',
    input: {
      pod: pod({ waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "debian:bookworm-slim": ErrImagePull: failed to pull and unpack image "docker.io/library/debian:bookworm-slim": failed to resolve reference "docker.io/library/debian:bookworm-slim": failed to do request: Head "http://192.168.1.10:5000/v2/library/debian/manifests/bookworm-slim?ns=docker.io": dial tcp 192.168.1.10:5000: connect: connection refused' } }),
    },
    rule: 'registry.mirrorRefused',
    params: { host: '192.168.1.10:5000', registry: 'docker.io', image: 'debian:bookworm-slim', error: 'dial tcp 192.168.1.10:5000: connect: connection refused' },
  },
  {
    name: 'a loopback mirror dialled inside the node: the node itself',
    input: {
      snapshot: snap([ev('Failed', 'Failed to pull image "quay.io/crio/artifact:v2": failed to pull and unpack image "quay.io/crio/artifact:v2": failed to resolve reference "quay.io/crio/artifact:v2": failed to do request: Head "http://127.0.0.1:5000/v2/crio/artifact/manifests/v2?ns=quay.io": dial tcp 127.0.0.1:5000: connect: connection refused')]),
      pod: pod(),
    },
    rule: 'registry.mirrorLoopback',
    params: { host: '127.0.0.1:5000', registry: 'quay.io', image: 'quay.io/crio/artifact:v2' },
  },
  {
    name: 'mirror down: kind pulls the node image by the mirror\'s name (no fallback on this machine)',
    input: {
      facts: { ...facts, mirrors: [{ registry: 'docker.io', scheme: 'http', host: '127.0.0.1:5000', prefix: '' }] },
      output: 'ERROR: failed to create cluster: failed to pull image "127.0.0.1:5000/kindest/node:v1.35.0": command "docker pull 127.0.0.1:5000/kindest/node:v1.35.0" failed with error: exit status 1\n\nCommand Output: Error response from daemon: Get "http://127.0.0.1:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused',
    },
    rule: 'registry.mirrorRefused',
    params: { host: '127.0.0.1:5000', registry: 'docker.io', image: '127.0.0.1:5000/kindest/node:v1.35.0' },
  },
  {
    name: 'CRI-O: the mirror in "Mirrors also failed" is named, not the registry after it',
    input: {
      pod: pod({ waiting: { reason: 'ErrImagePull', message: 'initializing source docker://quay.io/crio/artifact:v2: (Mirrors also failed: [mirror.example.com/quay/crio/artifact:v2: pinging container registry mirror.example.com: Get "https://mirror.example.com/v2/": dial tcp 203.0.113.7:443: connect: connection refused]): quay.io/crio/artifact:v2: pinging container registry quay.io: Get "https://quay.io/v2/": dial tcp: lookup quay.io on 172.18.0.1:53: server misbehaving' } }),
    },
    rule: 'registry.mirrorRefused',
    params: { host: 'mirror.example.com', registry: 'quay.io' },
  },
  {
    name: 'node image not pullable',
    input: { output: ' • Ensuring node image (ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1) 🖼  ...\n ✗ Ensuring node image (ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1) 🖼\nERROR: failed to create cluster: failed to pull image "ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1": command "docker pull ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1" failed with error: exit status 1' },
    rule: 'kind.nodeImagePull',
    params: { image: 'ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1' },
  },
  {
    name: 'cgroup problem',
    input: { output: 'ERROR: failed to create cluster: could not find a log line that matches "Reached target .*Multi-User System.*|detected cgroup v1"' },
    rule: 'kind.cgroup',
  },
  { name: 'kubectl context missing', input: { output: 'error: context "kind-ivol" does not exist' }, rule: 'kubectl.contextMissing', params: { context: 'kind-ivol' } },
  { name: 'kubectl 1.32 context missing', input: { output: 'Error in configuration: context was not found for specified context: kind-ivol\n' }, rule: 'kubectl.contextMissing', params: { context: 'kind-ivol' } },
  // The cluster could not be read: each reason is told apart, and an HTTP error is what it was.
  { name: 'no cluster yet (no problem given)', input: { snapshot: snap([], false) }, rule: 'cluster.absent', params: { cluster: 'ivol', context: 'kind-ivol' } },
  { name: 'no cluster yet', input: { snapshot: unavailable({ kind: 'absent' }) }, rule: 'cluster.absent' },
  { name: 'byoc context missing', input: { snapshot: unavailable({ kind: 'absent', contextMissing: true }), facts: { ...facts, mode: 'byoc', context: 'work' } }, rule: 'cluster.contextMissing', params: { context: 'work' } },
  {
    name: 'nothing answered',
    input: { snapshot: unavailable({ kind: 'unreachable', message: 'https://127.0.0.1:6443: connect ECONNREFUSED 127.0.0.1:6443' }) },
    rule: 'cluster.unreachable',
    params: { context: 'kind-ivol', error: 'https://127.0.0.1:6443: connect ECONNREFUSED 127.0.0.1:6443' },
  },
  {
    name: 'nothing answered (byoc)',
    input: { snapshot: unavailable({ kind: 'unreachable', message: 'no answer from https://10.0.0.1:6443 within 10000 ms' }), facts: { ...facts, mode: 'byoc', context: 'work' } },
    rule: 'cluster.unreachableByoc',
  },
  {
    name: 'the API server answered 500',
    input: { snapshot: unavailable({ kind: 'apiError', status: 500, message: '500 Internal Server Error: etcdserver: request timed out' }) },
    rule: 'cluster.apiError',
    params: { error: '500 Internal Server Error: etcdserver: request timed out' },
  },
  {
    name: 'the API server answered 403',
    input: { snapshot: unavailable({ kind: 'apiError', status: 403, message: '403 Forbidden: pods is forbidden: User "dev" cannot list resource "pods"' }) },
    rule: 'cluster.forbidden',
    params: { namespace: 'default' },
  },
  { name: 'reading failed otherwise', input: { snapshot: unavailable({ kind: 'failed', message: 'self-signed certificate' }) }, rule: 'cluster.readFailed', params: { error: 'self-signed certificate' } },
  { name: 'clean-up does not blame a cluster that is gone', input: { snapshot: unavailable({ kind: 'absent' }), cleanup: true }, rule: undefined },
  { name: 'a failure that never read the cluster is not blamed on it', input: { snapshot: unavailable({ kind: 'absent' }), readsCluster: false }, rule: undefined },
  {
    name: 'the preflight registry check: a registry that cannot be reached',
    input: { snapshot: unavailable({ kind: 'absent' }), readsCluster: false, output: 'docker 28.5.1, kind v0.31.0\n\ndocker.io: dns (getaddrinfo ENOTFOUND registry-1.docker.io); quay.io: dns (getaddrinfo ENOTFOUND quay.io)\n' },
    rule: 'registry.unreachable',
    params: { registry: 'docker.io', cause: 'dns (getaddrinfo ENOTFOUND registry-1.docker.io)' },
  },
  {
    name: 'the preflight registry check: a mirror that cannot be reached',
    input: { snapshot: unavailable({ kind: 'absent' }), readsCluster: false, output: 'docker.io (mirror http://192.168.1.10:5000): timeout (no answer)\n' },
    rule: 'registry.mirror',
    params: { registry: 'docker.io', mirror: 'http://192.168.1.10:5000', cause: 'timeout (no answer)' },
  },
  {
    name: 'a reference missing on a reachable registry is not "unreachable"',
    input: { snapshot: unavailable({ kind: 'absent' }), readsCluster: false, output: 'quay.io/crio/artifact:v2: notFound (HTTP 404)\n' },
    rule: undefined,
  },
  {
    name: 'kind failed: its own ERROR line, not "does not answer"',
    input: {
      snapshot: unavailable({ kind: 'absent' }),
      command: ['kind', 'create', 'cluster', '--name', 'ivol'],
      output: 'Creating cluster "ivol" ...\n ✗ Starting control-plane 🕹️\nERROR: failed to create cluster: failed to init node with kubeadm: command "docker exec --privileged ivol-control-plane kubeadm init" failed with error: exit status 1\n',
    },
    rule: 'kind.failed',
    params: { cluster: 'ivol', error: 'failed to create cluster: failed to init node with kubeadm: command "docker exec --privileged ivol-control-plane kubeadm init" failed with error: exit status 1' },
  },
  { name: 'an ERROR line from another tool is not kind\'s', input: { command: ['kubectl', 'apply'], output: 'ERROR: failed to something\n' }, rule: undefined },
  { name: 'unknown output', input: { output: 'something else entirely' }, rule: undefined },
  {
    name: 'refused: an object that is not the tour\'s (kind cluster)',
    input: refusal('ownership.notOurs', { kind: 'Pod', name: 'image-volume', namespace: 'default', object: 'Pod default/image-volume', verb: 'apply' }),
    rule: 'ownership.notOurs',
    params: { object: 'Pod default/image-volume' },
    next: 'diag.ownership.next.kind',
  },
  {
    name: 'refused: an object that is not the tour\'s (own cluster: another namespace)',
    input: { ...refusal('ownership.notOurs', { kind: 'Pod', name: 'image-volume', namespace: 'default', object: 'Pod default/image-volume', verb: 'apply' }), facts: { ...facts, mode: 'byoc' } },
    rule: 'ownership.notOurs',
    next: 'diag.ownership.next.byoc',
  },
  { name: 'refused: exec in a Pod that is not the tour\'s', input: refusal('ownership.execNotOurs', { object: 'Pod default/image-volume', verb: 'exec' }), rule: 'ownership.execNotOurs', next: 'diag.ownership.next.kind' },
  { name: 'refused: a selector that admits other objects', input: refusal('ownership.selector', { verb: 'delete', selector: 'app=x' }), rule: 'ownership.selector' },
  { name: 'refused: all namespaces', input: refusal('ownership.allNamespaces', { verb: 'delete', namespace: 'default' }), rule: 'ownership.allNamespaces' },
  { name: 'refused: a cluster the tour did not create, kept on no', input: refusal('ownership.clusterKept', { cluster: 'work' }), rule: 'ownership.clusterKept', params: { cluster: 'work' } },
  { name: 'refused: a cluster the tour did not create, nobody to ask', input: refusal('ownership.clusterUnconfirmed', { cluster: 'work' }), rule: 'ownership.clusterUnconfirmed' },
  { name: 'refused: could not check', input: refusal('ownership.unchecked', { verb: 'apply', detail: '-k' }), rule: 'ownership.unchecked' },
  {
    name: 'could not check, and the cluster does not answer: unreachable says more',
    input: { ...refusal('ownership.unchecked', { verb: 'apply', detail: 'x' }), snapshot: unavailable({ kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:6443' }) },
    rule: 'cluster.unreachable',
  },
  {
    name: 'the command guard refused the command: that is the cause',
    input: { ...refusal('command.refused', { context: 'kind-ivol', namespace: 'default', cluster: 'ivol' }), snapshot: snap() },
    rule: 'command.refused',
  },
  {
    name: 'the step\'s Pod is someone else\'s',
    input: { stepPods: ['image-volume'], tourPods: [], snapshot: { ...snap(), pods: [othersPod('image-volume')] } },
    rule: 'ownership.podNotOurs',
    params: { name: 'image-volume', namespace: 'default' },
    next: 'diag.ownership.next.kind',
  },
  {
    name: 'someone else\'s Pod is never evidence: its pull error is not the tour\'s',
    input: { pod: { ...pod({ waiting: { reason: 'ErrImagePull', message: 'failed to pull "quay.io/crio/artifact:v2"' } }), metadata: { name: 'image-volume', namespace: 'default' } } },
    rule: undefined,
  },
  {
    name: 'a failed clean-up with the cluster gone is not "unreachable"',
    input: { snapshot: snap([], false), cleanup: true },
    rule: undefined,
  },
  // A step run out of order (step-needs.ts): the earlier step it needs explains the failure.
  {
    name: 'watch-pod before apply-pod: the Pod does not exist, so the step that applies it comes first',
    input: {
      output: 'Error from server (NotFound): pods "image-volume" not found',
      needs: [
        { index: 5, title: 'Apply the Pod', reasons: [{ kind: 'pod', name: 'image-volume' }] },
        { index: 3, title: 'Create a cluster', reasons: [{ kind: 'cluster' }] },
      ],
    },
    rule: 'step.needs',
    params: { n: 6, step: 'Apply the Pod' },
  },
  {
    name: 'no cluster yet: the step that creates it comes first (not the Pod step, which cannot be judged without one)',
    input: {
      snapshot: unavailable({ kind: 'absent' }),
      needs: [
        { index: 5, title: 'Apply the Pod', reasons: [{ kind: 'pod', name: 'image-volume' }] },
        { index: 3, title: 'Create a cluster', reasons: [{ kind: 'cluster' }] },
      ],
    },
    rule: 'step.needs',
    params: { n: 4, step: 'Create a cluster' },
  },
  {
    name: 'a file an earlier step writes is not written yet',
    input: { needs: [{ index: 2, title: 'The kind config', reasons: [{ kind: 'file', name: 'kind-config' }] }], filesWritten: [] },
    rule: 'step.needs',
    params: { n: 3, step: 'The kind config' },
  },
  {
    name: 'the needed Pod exists: the need explains nothing, the Pod\'s own state does',
    input: {
      pod: pod({ phase: 'Running' }),
      tourPods: [pod({ phase: 'Running' })],
      needs: [{ index: 5, title: 'Apply the Pod', reasons: [{ kind: 'pod', name: 'image-volume' }] }],
    },
    rule: undefined,
  },
  { name: 'node runtime without image-volume support', input: { snapshot: snap([], true, 'containerd://2.0.2') }, rule: 'runtime.unsupported', params: { node: 'ivol-control-plane', runtime: 'containerd://2.0.2' } },
];

describe('diagnose', () => {
  it.each(cases)('$name', ({ input, rule, params, next }) => {
    const d = diagnose({ snapshot: snap(), pod: null, facts, stepId: 'watch-pod', ...input });
    expect(d?.rule).toBe(rule);
    if (d && params) expect(d.cause.params).toMatchObject(params);
    if (d) {
      expect(d.cause.key).toBe(`diag.${rule ?? ''}.cause`);
      expect(d.next.key).toBe(next ?? `diag.${rule ?? ''}.next`);
    }
  });

  it('every rule has a cause and a next message in both languages, filled by its params', () => {
    const keys = messages as Record<string, { en: string; 'zh-CN': string }>;
    for (const r of DIAGNOSIS_RULES) {
      // A next action that depends on the mode: every mode's message must exist.
      const nexts = typeof r.next === 'function'
        ? (['real', 'byoc', 'simulated'] as const).flatMap((mode) =>
            (['containerd', 'crio'] as const).flatMap((profile) =>
              // The params a match gives may choose it too (an artifact already at its compatible tag).
              [undefined, { reference: 'quay.io/crio/artifact:v2' }].map((params) => (r.next as (c: never, p: unknown) => string | undefined)({ input: { facts: { ...facts, mode, profile } } } as never, params) ?? `diag.${r.id}.next`)))
        : [r.next ?? `diag.${r.id}.next`];
      for (const key of [`diag.${r.id}.cause`, ...nexts]) {
        const entry = keys[key];
        expect(entry, key).toBeDefined();
        expect(entry?.en).not.toBe('');
        expect(entry?.['zh-CN']).not.toBe('');
      }
    }
  });

  it('puts what doctor found first: its first problem is the cause and its fix the next action', () => {
    const doctor: DoctorReport = {
      mode: 'real',
      tools: [{ name: 'docker', found: false }, { name: 'kind', found: false }],
      engine: null,
      ready: false,
      plan: planFor(undefined, undefined),
      problems: [
        { tool: 'engine', message: { key: 'doctor.problem.noEngine' }, fix: { key: 'doctor.fix.engine.linux' } },
        { tool: 'kind', message: { key: 'doctor.problem.noKind' }, fix: { key: 'doctor.fix.kind.linux' } },
      ],
    };
    const d = diagnose({ snapshot: snap([], false), pod: null, facts, stepId: 'preflight', doctor });
    expect(d).toEqual({ rule: 'tools.engine', cause: { key: 'doctor.problem.noEngine' }, next: { key: 'doctor.fix.engine.linux' } });
  });

  it('covers every rule in the table', () => {
    const covered = new Set(cases.map((c) => c.rule));
    for (const r of DIAGNOSIS_RULES) expect(covered.has(r.id), r.id).toBe(true);
  });
});
