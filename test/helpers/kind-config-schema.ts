// kind's v1alpha4 Cluster config, as a checker for the tests: every field must exist in kind's
// Go types (pkg/apis/config/v1alpha4/types.go at v0.31.0: Cluster, Node, Mount) with the right
// JSON type, plus the rules kind and kubeadm enforce on what the tour uses (roles, a
// control-plane, kubeadm patch kinds, the CRI-O socket, absolute mount paths, a known mount
// propagation). containerdConfigPatches are TOML (kind merges them into the node's
// config.toml), parsed here with smol-toml. Used by test/assets.test.ts (the assets) and the
// mirror tests (the kind configs the tour writes with --mirror).
import { parse as parseToml } from 'smol-toml';
import { parseDocument } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Obj = { [key: string]: Json };

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: Json | undefined): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
}

export interface Mount {
  readonly hostPath: string;
  readonly containerPath: string;
  readonly readOnly: boolean;
}

export interface KindConfigSummary {
  readonly roles: string[];
  readonly patches: Patch[][];
  readonly gates: Record<string, boolean>;
  /** nodes[i].extraMounts */
  readonly mounts: Mount[][];
  /** containerdConfigPatches, parsed as TOML. */
  readonly containerd: Record<string, unknown>[];
}

/** kind v1alpha4 Mount: containerPath, hostPath, readOnly, selinuxRelabel, propagation. */
const MOUNT_FIELDS = ['containerPath', 'hostPath', 'readOnly', 'selinuxRelabel', 'propagation'];
const PROPAGATIONS = ['None', 'HostToContainer', 'Bidirectional'];

function checkMounts(v: Json | undefined, where: string, errors: string[]): Mount[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    errors.push(`${where}: expected a list of mounts`);
    return [];
  }
  return v.flatMap((m, i) => {
    if (!isObj(m)) {
      errors.push(`${where}[${i}] must be a mapping`);
      return [];
    }
    for (const k of Object.keys(m)) if (!MOUNT_FIELDS.includes(k)) errors.push(`${where}[${i}].${k}: unknown Mount field`);
    for (const k of ['hostPath', 'containerPath']) {
      const p = m[k];
      if (typeof p !== 'string' || !p.startsWith('/')) errors.push(`${where}[${i}].${k} must be an absolute path`);
      // docker --volume=SRC:DST[:OPTS] (kind's generateMountBindings): a colon would split it.
      else if (p.includes(':')) errors.push(`${where}[${i}].${k} must not hold a colon`);
    }
    for (const k of ['readOnly', 'selinuxRelabel']) if (m[k] !== undefined && typeof m[k] !== 'boolean') errors.push(`${where}[${i}].${k} must be a boolean`);
    if (m['propagation'] !== undefined && !PROPAGATIONS.includes(str(m['propagation']))) errors.push(`${where}[${i}].propagation must be one of ${PROPAGATIONS.join(', ')}`);
    return [{ hostPath: str(m['hostPath']), containerPath: str(m['containerPath']), readOnly: m['readOnly'] === true }];
  });
}

function checkContainerdPatches(v: Json | undefined, errors: string[]): Record<string, unknown>[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    errors.push('containerdConfigPatches: expected a list of strings');
    return [];
  }
  return v.flatMap((p, i) => {
    if (typeof p !== 'string') {
      errors.push(`containerdConfigPatches[${i}]: must be a TOML string (use a | block)`);
      return [];
    }
    try {
      return [parseToml(p)];
    } catch (error) {
      errors.push(`containerdConfigPatches[${i}]: not TOML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      return [];
    }
  });
}

const CLUSTER_FIELDS = [
  'kind', 'apiVersion', 'name', 'nodes', 'networking', 'featureGates', 'runtimeConfig',
  'kubeadmConfigPatches', 'kubeadmConfigPatchesJSON6902', 'containerdConfigPatches', 'containerdConfigPatchesJSON6902',
];
const NODE_FIELDS = ['role', 'image', 'labels', 'extraMounts', 'extraPortMappings', 'gpus', 'kubeadmConfigPatches', 'kubeadmConfigPatchesJSON6902'];

export interface Patch {
  readonly kind: string;
  readonly criSocket?: string;
}

function checkPatches(v: Json | undefined, where: string, errors: string[]): Patch[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    errors.push(`${where}: expected a list of strings`);
    return [];
  }
  return v.flatMap((p, i) => {
    if (typeof p !== 'string') {
      errors.push(`${where}[${i}]: must be a YAML string (use a | block)`);
      return [];
    }
    const doc = parseDocument(p, { uniqueKeys: true });
    if (doc.errors.length > 0) {
      errors.push(`${where}[${i}]: ${doc.errors[0]?.message ?? 'bad YAML'}`);
      return [];
    }
    const patch = doc.toJS() as Json;
    if (!isObj(patch)) {
      errors.push(`${where}[${i}]: must be a mapping`);
      return [];
    }
    const kind = str(patch['kind']);
    if (!['InitConfiguration', 'JoinConfiguration', 'ClusterConfiguration', 'KubeletConfiguration', 'KubeProxyConfiguration'].includes(kind)) {
      errors.push(`${where}[${i}]: kind ${kind} is not a kubeadm config kind`);
    }
    if (patch['apiVersion'] !== undefined && !/^(kubeadm\.k8s\.io|kubelet\.config\.k8s\.io|kubeproxy\.config\.k8s\.io)\/v1/.test(str(patch['apiVersion']))) {
      errors.push(`${where}[${i}]: apiVersion ${str(patch['apiVersion'])}`);
    }
    let criSocket: string | undefined;
    if (kind === 'InitConfiguration' || kind === 'JoinConfiguration') {
      const reg = patch['nodeRegistration'];
      if (reg !== undefined) {
        if (!isObj(reg)) errors.push(`${where}[${i}].nodeRegistration: must be a mapping`);
        else if (reg['criSocket'] !== undefined) {
          criSocket = str(reg['criSocket']);
          if (!/^unix:\/\/\/\S+\.sock$/.test(criSocket)) errors.push(`${where}[${i}].nodeRegistration.criSocket ${criSocket} is not a unix:// socket URL`);
        }
      }
    }
    return [{ kind, criSocket }];
  });
}

export function checkKindConfig(cfg: Json, errors: string[]): KindConfigSummary {
  if (!isObj(cfg)) {
    errors.push('the config must be a mapping');
    return { roles: [], patches: [], gates: {}, mounts: [], containerd: [] };
  }
  for (const k of Object.keys(cfg)) if (!CLUSTER_FIELDS.includes(k)) errors.push(`${k}: unknown Cluster field`);
  if (cfg['kind'] !== 'Cluster') errors.push('kind must be Cluster');
  if (cfg['apiVersion'] !== 'kind.x-k8s.io/v1alpha4') errors.push('apiVersion must be kind.x-k8s.io/v1alpha4');
  const gates: Record<string, boolean> = {};
  if (cfg['featureGates'] !== undefined) {
    if (!isObj(cfg['featureGates'])) errors.push('featureGates must be a map of booleans');
    else for (const [k, v] of Object.entries(cfg['featureGates'])) {
      if (typeof v !== 'boolean') errors.push(`featureGates.${k} must be a boolean`);
      else gates[k] = v;
    }
  }
  checkPatches(cfg['kubeadmConfigPatches'], 'kubeadmConfigPatches', errors);
  const containerd = checkContainerdPatches(cfg['containerdConfigPatches'], errors);
  const roles: string[] = [];
  const patches: Patch[][] = [];
  const mounts: Mount[][] = [];
  const nodes = cfg['nodes'] ?? [];
  if (!Array.isArray(nodes)) errors.push('nodes must be a list');
  else for (const [i, n] of nodes.entries()) {
    if (!isObj(n)) {
      errors.push(`nodes[${i}] must be a mapping`);
      continue;
    }
    for (const k of Object.keys(n)) if (!NODE_FIELDS.includes(k)) errors.push(`nodes[${i}].${k}: unknown Node field`);
    const role = n['role'] ?? 'control-plane';
    if (role !== 'control-plane' && role !== 'worker') errors.push(`nodes[${i}].role ${str(role)} must be control-plane or worker`);
    roles.push(str(role));
    patches.push(checkPatches(n['kubeadmConfigPatches'], `nodes[${i}].kubeadmConfigPatches`, errors));
    mounts.push(checkMounts(n['extraMounts'], `nodes[${i}].extraMounts`, errors));
  }
  if (Array.isArray(nodes) && nodes.length > 0 && !roles.includes('control-plane')) errors.push('a cluster needs a control-plane node');
  return { roles, patches, gates, mounts, containerd };
}

