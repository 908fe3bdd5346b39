import { describe, expect, it } from 'vitest';
import { tRef } from '../i18n/index.js';
import { judge, type Observation } from './checks.js';
import { unavailable, type Node, type Pod } from './kube-objects.js';
import type { CheckSpec } from './model.js';
import { planFor, type DoctorReport } from './plan.js';

const title = { en: 't', 'zh-CN': 't' };
const spec = (kind: CheckSpec['kind'], extra: Partial<CheckSpec> = {}): CheckSpec => ({ id: kind, kind, title, timeoutMs: 0, ...extra });

const node = (name: string, ready: boolean, runtime = 'containerd://2.2.0'): Node => ({
  metadata: { name },
  status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }], nodeInfo: { kubeletVersion: 'v1.35.0', containerRuntimeVersion: runtime } },
});

const OURS = { 'app.kubernetes.io/managed-by': 'ivol-tour' };
const pod = (phase: 'Pending' | 'Running', ready: boolean, extra: Partial<Pod> = {}): Pod => ({
  metadata: { name: 'image-volume', namespace: 'default', labels: OURS },
  spec: { containers: [{ name: 'shell', image: 'debian' }], volumes: [{ name: 'volume', image: { reference: 'quay.io/crio/artifact:v2' } }] },
  status: { phase, containerStatuses: [{ name: 'shell', ready, restartCount: 0, image: 'debian', state: ready ? { running: {} } : { waiting: { reason: 'ImagePullBackOff' } } }] },
  ...extra,
});

const sysPod = (name: string, ready: boolean): Pod => ({ ...pod(ready ? 'Running' : 'Pending', ready), metadata: { name, namespace: 'kube-system' } });
const completedPod = (namespace: string): Pod => ({
  metadata: { name: 'backup-29103740-x2x7d', namespace },
  spec: { containers: [{ name: 'backup', image: 'busybox' }] },
  status: { phase: 'Succeeded', containerStatuses: [{ name: 'backup', ready: false, restartCount: 0, image: 'busybox', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] },
});

const snap = (nodes: Node[], pods: Pod[] = []): Observation => ({ kind: 'snapshot', snapshot: { reachable: true, nodes, pods, events: [] } });
const exec = (exitCode: number, stdout: string, stderr = ''): Observation => ({ kind: 'exec', result: { exitCode, stdout, stderr } });

const cases: [string, CheckSpec, Observation, boolean, string][] = [
  ['nodes all ready', spec('nodesReady', { count: 2 }), snap([node('a', true), node('b', true)]), true, '2/2 nodes Ready'],
  ['too few nodes', spec('nodesReady', { count: 2 }), snap([node('a', true)]), false, 'want at least 2'],
  ['a node not ready', spec('nodesReady'), snap([node('a', true), node('b', false)]), false, '1/2'],
  ['no cluster yet', spec('nodesReady'), { kind: 'snapshot', snapshot: unavailable({ kind: 'absent' }) }, false, 'there is no cluster yet'],
  ['nothing answers', spec('nodesReady'), { kind: 'snapshot', snapshot: unavailable({ kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:6443' }) }, false, 'does not answer: connect ECONNREFUSED'],
  ['the API server answers 500', spec('systemPodsRunning'), { kind: 'snapshot', snapshot: unavailable({ kind: 'apiError', status: 500, message: '500 Internal Server Error: etcdserver: request timed out' }) }, false, 'the API server answered 500 Internal Server Error: etcdserver: request timed out'],
  ['runtime supports', spec('runtimeSupportsImageVolumes'), snap([node('a', true, 'containerd://2.1.4-k3s1')]), true, 'containerd://2.1.4-k3s1'],
  ['runtime too old', spec('runtimeSupportsImageVolumes'), snap([node('a', true, 'containerd://1.7.24')]), false, 'no image-volume support'],
  ['crio vendor suffix', spec('runtimeSupportsImageVolumes'), snap([node('a', true, 'cri-o://1.31.9-2.rhaos4.18.git1234')]), true, 'cri-o'],
  ['system pods not ready', spec('systemPodsRunning'), snap([], [{ ...pod('Pending', false), metadata: { name: 'coredns-x', namespace: 'kube-system' } }]), false, 'not ready: coredns-x 0/1 ImagePullBackOff'],
  // A finished Job's pod in kube-system (phase Succeeded) is fine: nothing to wait for.
  ['a Completed system pod counts as fine', spec('systemPodsRunning'), snap([], [sysPod('coredns-x', true), completedPod('kube-system')]), true, '1 kube-system pods Running, 1 Completed'],
  ['only Completed system pods: not yet', spec('systemPodsRunning'), snap([], [completedPod('kube-system')]), false, 'no kube-system pods yet'],
  ['a Failed system pod is not fine', spec('systemPodsRunning'), snap([], [sysPod('coredns-x', true), { ...completedPod('kube-system'), status: { phase: 'Failed' } }]), false, 'not ready: backup-29103740-x2x7d'],
  ['pod running', spec('podPhase', { pod: 'image-volume' }), { kind: 'pod', pod: pod('Running', true) }, true, 'phase Running'],
  ['pod pending', spec('podPhase', { pod: 'image-volume' }), { kind: 'pod', pod: pod('Pending', false) }, false, 'ImagePullBackOff'],
  ['pod missing', spec('podReady', { pod: 'image-volume' }), { kind: 'pod', pod: null }, false, 'not found'],
  ['volume kept', spec('imageVolumeKept', { pod: 'image-volume', volume: 'volume' }), { kind: 'pod', pod: pod('Running', true) }, true, 'volume "volume" has image quay.io/crio/artifact:v2'],
  ['volume dropped', spec('imageVolumeKept', { pod: 'image-volume', volume: 'volume' }), { kind: 'pod', pod: { ...pod('Running', true), spec: { containers: [] } } }, false, 'dropped'],
  ['exec equals', spec('execOutput', { equals: '1' }), exec(0, '1\n'), true, 'printed "1"'],
  ['exec differs', spec('execOutput', { equals: '1' }), exec(0, '2\n'), false, 'got "2"'],
  ['exec exit', spec('execOutput', { contains: 'dir' }), exec(2, '', 'ls: cannot access'), false, 'exit 2'],
  ['write refused', spec('execFails', { contains: 'Read-only file system' }), exec(1, '', "touch: cannot touch '/volume/x': Read-only file system"), true, 'refused'],
  ['write allowed', spec('execFails', { contains: 'Read-only file system' }), exec(0, ''), false, 'succeeded'],
  ['cluster absent', spec('clusterAbsent'), { kind: 'cluster', exists: false }, true, 'gone'],
  // Named by how it was seen: kind's list (the tour's own cluster), or the context's API server (your own).
  ['cluster listed', spec('clusterExists'), { kind: 'cluster', exists: true, cluster: 'ivol', context: 'kind-ivol', byContext: false }, true, 'kind get clusters lists ivol'],
  ['cluster not listed', spec('clusterExists'), { kind: 'cluster', exists: false, cluster: 'ivol', context: 'kind-ivol', byContext: false }, false, 'kind get clusters does not list ivol'],
  ['cluster still listed', spec('clusterAbsent'), { kind: 'cluster', exists: true, cluster: 'ivol', context: 'kind-ivol', byContext: false }, false, 'still lists ivol'],
  ['cluster no longer listed', spec('clusterAbsent'), { kind: 'cluster', exists: false, cluster: 'ivol', context: 'kind-ivol', byContext: false }, true, 'no longer lists ivol'],
  ['own cluster answers', spec('clusterExists'), { kind: 'cluster', exists: true, cluster: 'ivol', context: 'lab', byContext: true }, true, 'context lab answers'],
  ['own cluster silent', spec('clusterExists'), { kind: 'cluster', exists: false, cluster: 'ivol', context: 'lab', byContext: true }, false, 'context lab does not answer'],
  ['file differs', spec('fileWritten', { file: 'cfg' }), { kind: 'file', content: 'a', expected: 'b' }, false, 'differs'],
  ['observation error', spec('podReady'), { kind: 'error', message: 'connection refused' }, false, 'connection refused'],
  // Someone else's Pod of the same name is not evidence of anything the tour did.
  ['someone else\'s pod, running', spec('podPhase', { pod: 'image-volume' }), { kind: 'pod', pod: { ...pod('Running', true), metadata: { name: 'image-volume', labels: { app: 'mine' } } } }, false, 'pod image-volume is not the tour\'s'],
  ['someone else\'s pod, volume', spec('imageVolumeKept', { pod: 'image-volume', volume: 'volume' }), { kind: 'pod', pod: { ...pod('Running', true), metadata: { name: 'image-volume' } } }, false, 'not the tour\'s'],
  ['someone else\'s pod is still a pod', spec('podAbsent', { pod: 'image-volume' }), { kind: 'pod', pod: { ...pod('Running', true), metadata: { name: 'image-volume' } } }, false, 'still exists'],
  ['no labelled pods left', spec('labelledPodsGone'), { kind: 'tourPods', pods: [] }, true, 'no Pods labelled app.kubernetes.io/managed-by=ivol-tour left'],
  ['labelled pods left', spec('labelledPodsGone'), { kind: 'tourPods', pods: [pod('Running', true), { ...pod('Running', true), metadata: { name: 'image-volume-subpath', labels: OURS } }] }, false, 'still there: image-volume, image-volume-subpath'],
];

const doctor = (tools: DoctorReport['tools'], problems: DoctorReport['problems']): Observation => ({
  kind: 'doctor',
  report: { mode: 'real', tools, engine: null, ready: problems.length === 0, plan: planFor(undefined, undefined), problems },
});

describe('toolsReady says what doctor found wrong, not every absent tool', () => {
  it('docker installed but its daemon down: the engine is not running; podman is not "missing"', () => {
    const r = judge(spec('toolsReady'), doctor(
      [{ name: 'docker', found: true, daemonReachable: false }, { name: 'podman', found: false }, { name: 'kind', found: true, version: 'v0.31.0' }],
      [{ tool: 'engine', message: { key: 'doctor.problem.daemonDown', params: { engine: 'docker', detail: 'Cannot connect to the Docker daemon' } }, fix: { key: 'doctor.fix.daemon.docker.linux' } }],
    ));
    expect(r.ok).toBe(false);
    expect(tRef('en', r.message)).toBe('docker is installed but not running');
    expect(tRef('en', r.message)).not.toContain('podman');
  });

  it('a probe that hangs: which command, for how long', () => {
    const r = judge(spec('toolsReady'), doctor(
      [{ name: 'docker', found: true, daemonReachable: true }, { name: 'kind', found: true, timedOut: true }],
      [{ tool: 'kind', message: { key: 'doctor.problem.probeTimedOut', params: { command: 'kind version', seconds: 5 } }, fix: { key: 'doctor.fix.probeTimedOut' } }],
    ));
    expect(r.ok).toBe(false);
    expect(tRef('en', r.message)).toBe('kind version did not answer within 5 s');
  });

  it('several problems, each named', () => {
    const r = judge(spec('toolsReady'), doctor([], [
      { tool: 'engine', message: { key: 'doctor.problem.noEngine' }, fix: { key: 'doctor.fix.engine.linux' } },
      { tool: 'kubectl', message: { key: 'doctor.problem.noKubectl' }, fix: { key: 'doctor.fix.kubectl.linux' } },
    ]));
    expect(tRef('en', r.message)).toBe('no container engine (docker or podman); missing: kubectl');
    expect(tRef('zh-CN', r.message)).toBe('没有容器引擎（docker 或 podman）；缺少：kubectl');
  });
});

describe('judge', () => {
  it.each(cases)('%s', (_name, check, obs, ok, message) => {
    const r = judge(check, obs);
    expect(r.ok).toBe(ok);
    expect(tRef('en', r.message)).toContain(message);
  });

  it('says what it found in the learner\'s language: no English left in Chinese check details', () => {
    for (const [name, check, obs] of cases) {
      const zh = tRef('zh-CN', judge(check, obs).message);
      // Only the values the probe found (names, versions, errors from the cluster) stay as they are.
      const words = zh.replace(/connect ECONNREFUSED 127\.0\.0\.1:6443|500 Internal Server Error: etcdserver: request timed out|connection refused/g, '')
        .replace(/"[^"]*"/g, '') // quoted values
        .replace(/[\w./:-]*[-/.:][\w./:-]*/g, '') // names and paths
        .match(/\b(the|is|are|not|nodes|pods|phase|want|got|exit|printed|output|refused|exists|gone|file|lacks|failed|missing)\b/g);
      expect(words, `${name}: ${zh}`).toBeNull();
    }
    const ready = judge(spec('clusterExists'), { kind: 'cluster', exists: true });
    expect(tRef('zh-CN', ready.message)).toBe('集群已存在');
  });
});
