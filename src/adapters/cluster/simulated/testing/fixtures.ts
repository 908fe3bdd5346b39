// Test helpers for the simulated cluster: an in-memory FileStore, manifests like the tour's
// assets, and a runner that collects a command's output.
import type { Profile } from '../../../../engine/model.js';
import type { Lang } from '../../../../i18n/types.js';
import type { CommandResult, FileStore } from '../../../ports.js';
import { SimulatedCommandRunner } from '../commands.js';
import { createSimulatedAdapters, type SimFault } from '../index.js';

export function memoryFiles(initial: Record<string, string> = {}): FileStore & { files: Map<string, string> } {
  const files = new Map(Object.entries(initial));
  return {
    files,
    write: (path, content) => {
      files.set(path, content);
      return Promise.resolve();
    },
    read: (path) => Promise.resolve(files.get(path) ?? null),
  };
}

export const KIND_CONFIG_CONTAINERD = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
`;

export const KIND_CONFIG_GATE = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
featureGates:
  ImageVolume: true
nodes:
- role: control-plane
`;

export const KIND_CONFIG_CRIO = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
  kubeadmConfigPatches:
  - |
    kind: InitConfiguration
    nodeRegistration:
      criSocket: unix:///var/run/crio/crio.sock
  - |
    kind: JoinConfiguration
    nodeRegistration:
      criSocket: unix:///var/run/crio/crio.sock
- role: worker
  kubeadmConfigPatches:
  - |
    kind: JoinConfiguration
    nodeRegistration:
      criSocket: unix:///var/run/crio/crio.sock
featureGates: {"ImageVolume":true}
`;

export function podManifest(reference = 'quay.io/crio/artifact:v2', opts: { name?: string; subPath?: string } = {}): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${opts.name ?? 'image-volume'}
  labels:
    app.kubernetes.io/managed-by: ivol-tour
spec:
  containers:
  - name: shell
    command: ["sleep", "infinity"]
    image: debian:bookworm-slim
    volumeMounts:
    - name: volume
      mountPath: /volume${opts.subPath ? `\n      subPath: ${opts.subPath}` : ''}
  volumes:
  - name: volume
    image:
      reference: ${reference}
      pullPolicy: IfNotPresent
`;
}

export interface Ran extends CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr interleaved as printed. */
  readonly all: string;
}

/** speed: 0 (default) virtual time; > 0 real time that many times faster. */
export function simulated(options: { profile?: Profile; featureGate?: boolean; faults?: SimFault[]; files?: Record<string, string>; lang?: Lang; speed?: number; clockStart?: number } = {}) {
  const files = memoryFiles({
    '/work/kind.yaml': options.profile === 'crio' ? KIND_CONFIG_CRIO : options.featureGate ? KIND_CONFIG_GATE : KIND_CONFIG_CONTAINERD,
    '/work/pod.yaml': podManifest(options.profile === 'crio' ? 'quay.io/crio/artifact:v1' : 'quay.io/crio/artifact:v2'),
    '/work/pod-subpath.yaml': podManifest('quay.io/crio/artifact:v2', { name: 'image-volume-subpath', subPath: 'dir' }),
    ...options.files,
  });
  const adapters = createSimulatedAdapters({
    profile: options.profile ?? 'containerd',
    featureGate: options.featureGate ?? false,
    cluster: 'ivol',
    namespace: 'default',
    speed: options.speed ?? 0,
    faults: options.faults ?? [],
    files,
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.clockStart !== undefined ? { clockStart: options.clockStart } : {}),
  });
  const run = async (argv: string[], extra: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<Ran> => {
    let stdout = '';
    let stderr = '';
    let all = '';
    const result = await adapters.commands.run({ argv, timeoutMs: extra.timeoutMs ?? 600_000, ...(extra.signal ? { signal: extra.signal } : {}) }, (text, stream) => {
      if (stream === 'stdout') stdout += text;
      else stderr += text;
      all += text;
    });
    return { ...result, stdout, stderr, all };
  };
  const createCluster = () => run(['kind', 'create', 'cluster', '--name', 'ivol', '--config', '/work/kind.yaml', '--wait', '5m']);
  const kubectl = (...args: string[]) => run(['kubectl', '--context', 'kind-ivol', ...args]);
  /** The simulated tools without the tour's ownership guard in front (what a learner's own terminal runs). */
  const unguarded = new SimulatedCommandRunner(adapters.world, files);
  const rawKubectl = async (...args: string[]): Promise<Ran> => {
    let stdout = '';
    let stderr = '';
    let all = '';
    const result = await unguarded.run({ argv: ['kubectl', '--context', 'kind-ivol', ...args], timeoutMs: 600_000 }, (text, stream) => {
      if (stream === 'stdout') stdout += text;
      else stderr += text;
      all += text;
    });
    return { ...result, stdout, stderr, all };
  };
  /** Create the cluster, apply the pod and wait until it is Ready. */
  const podRunning = async (manifest = '/work/pod.yaml', name = 'image-volume') => {
    await createCluster();
    await kubectl('apply', '-f', manifest);
    return kubectl('wait', '--for=condition=Ready', `pod/${name}`, '--timeout=180s');
  };
  return { adapters, files, run, createCluster, kubectl, rawKubectl, podRunning, world: adapters.world };
}
