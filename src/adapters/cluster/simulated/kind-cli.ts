// The simulated `kind` (v0.31): version, get clusters/nodes, create cluster, delete cluster(s),
// load docker-image. Its words and their order are kind's own, read from kubernetes-sigs/kind
// at v0.31.0: pkg/internal/cli/status.go (` • X  ...`, ` ✓ X`, ` ✗ X` off a terminal),
// pkg/internal/cli/logger.go (a newline after each message), pkg/cluster/internal/create/create.go
// (order of checks, "Creating cluster", usage and salutation), the actions' status texts in
// pkg/cluster/internal/create/actions/*/ and providers/docker/{provider,images}.go,
// actions/waitforready/waitforready.go (` • Ready after 15s 💚`, ` • WARNING: Timed out …`),
// pkg/cluster/internal/delete/delete.go (`Deleted nodes: [...]`), pkg/cmd/kind/get/clusters,
// pkg/cmd/kind/delete/{cluster,clusters}, pkg/internal/apis/config/{validate.go,encoding/load.go}
// and cmd/kind/app/main.go (`ERROR: …`, then `Command Output: …` for a failed docker command).
import { parse as parseYaml } from 'yaml';
import { docker } from './docker-cli.js';
import { GO_VERSION, defaultNodeImage, kindVersion, nodeImageFacts } from './facts.js';
import { goDuration, parseGoDuration } from './go-text.js';
import { between, seededRandom } from './random.js';
import { nodeRegistries, type NodeMount } from './registry-hosts.js';
import { KIND_TREE, flagSet, flagValue, parseTool, pflagMessage, type ParsedArgs } from './tool-args.js';
import { resolveArg, stderr, stdout, type ToolContext } from './tool-context.js';
import type { NodeRole } from './world.js';

const SALUTATIONS = [
  'Have a nice day! 👋',
  'Thanks for using kind! 😊',
  'Not sure what to do next? 😅  Check out https://kind.sigs.k8s.io/docs/user/quick-start/',
  'Have a question, bug, or feature request? Let us know! https://kind.sigs.k8s.io/#community 🙂',
];

const COMMANDS = ['build', 'completion', 'create', 'delete', 'export', 'get', 'help', 'load', 'version'];

/** kind's failure: cmd/kind/app/main.go logError (and the output of the docker command that failed). */
class KindError extends Error {
  constructor(message: string, readonly output?: string) {
    super(message);
  }
}

/** exec.RunError for a docker command the simulated docker refused: `command "…" failed with error: exit status N`. */
async function runDocker(ctx: ToolContext, args: readonly string[], context: string): Promise<string> {
  const pretty = ['docker', ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\"'\"'")}'`)).join(' ');
  // No container engine at all: Go's exec cannot start docker, and there is no output.
  if (ctx.world.profile.faults.has('no-engine')) throw new KindError(`${context}: command "${pretty}" failed with error: exec: "docker": executable file not found in $PATH`, '');
  let out = '';
  let all = '';
  const code = await docker(args, { ...ctx, write: (text, stream) => ((all += text), stream === 'stdout' ? (out += text) : undefined) });
  if (code !== 0) {
    throw new KindError(`${context}: command "${pretty}" failed with error: exit status ${code}`, all);
  }
  return out;
}

function suggest(word: string, commands: readonly string[]): string {
  const distance = (a: string, b: string): number => {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
      prev = row;
    }
    return prev[b.length] ?? 0;
  };
  const close = commands.filter((c) => distance(word.toLowerCase(), c) <= 2 || c.startsWith(word.toLowerCase()));
  return close.length > 0 ? `\n\nDid you mean this?\n${close.map((c) => `\t${c}\n`).join('')}` : '';
}

export async function kind(args: readonly string[], ctx: ToolContext): Promise<number> {
  const outcome = parseTool(KIND_TREE, args);
  try {
    if (!outcome.ok) throw new KindError(pflagMessage(outcome.error));
    const p = outcome.parsed;
    const sub = p.path.join(' ');
    if (p.unknown !== undefined) throw new KindError(`unknown command "${p.unknown}" for "kind${sub ? ` ${sub}` : ''}"${suggest(p.unknown, sub === '' ? COMMANDS : [])}`);
    if (sub === '' && flagSet(p, 'version')) {
      stdout(ctx, `kind version ${kindVersion(ctx.world.profile).slice(1)}\n`);
      return 0;
    }
    const noArgs = (): void => {
      if (p.args.length > 0) throw new KindError(`unknown command "${p.args[0] ?? ''}" for "kind ${sub}"`);
    };
    switch (sub) {
      case 'version':
        stdout(ctx, `kind ${kindVersion(ctx.world.profile)} ${GO_VERSION} linux/amd64\n`);
        return 0;
      case 'get clusters':
        noArgs();
        return await getClusters(ctx);
      case 'get nodes':
        noArgs();
        return await getNodes(p, ctx);
      case 'create cluster':
        noArgs();
        return await createCluster(p, ctx);
      case 'delete cluster':
        noArgs();
        return await deleteCluster(p, ctx);
      case 'delete clusters':
        return await deleteClusters(p, ctx);
      case 'load docker-image':
        return await loadImage(p, ctx);
      case '':
        stdout(ctx, "kind creates and manages local Kubernetes clusters using Docker container 'nodes'\n\nUsage:\n  kind [command]\n\nAvailable Commands:\n  build       Build one of [node-image]\n  completion  Output shell completion code for the specified shell (bash, zsh or fish)\n  create      Creates one of [cluster]\n  delete      Deletes one of [cluster]\n  export      Exports one of [kubeconfig, logs]\n  get         Gets one of [clusters, nodes, kubeconfig]\n  help        Help about any command\n  load        Loads images into nodes\n  version     Prints the kind CLI version\n");
        return 0;
      default:
        if (p.path.length === 1) throw new KindError('Subcommand is required');
        throw new KindError(`the simulated kind does not run "kind ${sub}"`);
    }
  } catch (error) {
    if (!(error instanceof KindError)) throw error;
    // pkg/internal/cli/logger.go: a newline only where the message has none.
    stderr(ctx, `ERROR: ${error.message}${error.message.endsWith('\n') ? '' : '\n'}`);
    if (error.output !== undefined) stderr(ctx, `\nCommand Output: ${error.output}${error.output.endsWith('\n') ? '' : '\n'}`);
    return 1;
  }
}

/** pkg/internal/cli/override.go: --name, else $KIND_CLUSTER_NAME, else the config's, else "kind". */
function clusterName(ctx: ToolContext, p: ParsedArgs, fromConfig?: string): string {
  return flagValue(p, 'name') ?? (ctx.env['KIND_CLUSTER_NAME'] || fromConfig || 'kind');
}

async function listedClusters(ctx: ToolContext): Promise<string[]> {
  await runDocker(ctx, ['ps', '-a', '--filter', 'label=io.x-k8s.kind.cluster', '--format', '{{.Label "io.x-k8s.kind.cluster"}}'], 'failed to list clusters');
  return ctx.world.clusterNames();
}

async function listedNodes(ctx: ToolContext, name: string, context: string): Promise<string[]> {
  await runDocker(ctx, ['ps', '-a', '--filter', `label=io.x-k8s.kind.cluster=${name}`, '--format', '{{.Names}}'], context);
  const cluster = ctx.world.clusters.get(name);
  return cluster ? ctx.world.nodeNames(cluster) : [];
}

async function getClusters(ctx: ToolContext): Promise<number> {
  const names = await listedClusters(ctx);
  if (names.length === 0) stderr(ctx, 'No kind clusters found.\n');
  else stdout(ctx, names.map((n) => `${n}\n`).join(''));
  return 0;
}

async function getNodes(p: ParsedArgs, ctx: ToolContext): Promise<number> {
  const name = clusterName(ctx, p);
  const nodes = flagSet(p, 'all-clusters') ? (await Promise.all((await listedClusters(ctx)).map((c) => listedNodes(ctx, c, 'failed to list nodes')))).flat() : await listedNodes(ctx, name, 'failed to list nodes');
  if (nodes.length === 0) stderr(ctx, flagSet(p, 'all-clusters') ? 'No kind nodes for any cluster.\n' : `No kind nodes found for cluster "${name}".\n`);
  else stdout(ctx, nodes.map((n) => `${n}\n`).join(''));
  return 0;
}

interface KindConfig {
  readonly name?: string;
  readonly roles: NodeRole[];
  /** Each node's `labels`, by position. */
  readonly labels: Record<string, string>[];
  readonly image?: string;
  readonly gates: Record<string, boolean>;
  readonly disableDefaultCNI: boolean;
  /** Each node's `extraMounts`, by position (files of this machine bound into the node). */
  readonly mounts: NodeMount[][];
  /** `containerdConfigPatches`: TOML merged into each node's containerd config. */
  readonly containerdPatches: string[];
}

const CONFIG_FIELDS = new Set(['kind', 'apiVersion', 'name', 'nodes', 'networking', 'featureGates', 'runtimeConfig', 'kubeadmConfigPatches', 'kubeadmConfigPatchesJSON6902', 'containerdConfigPatches', 'containerdConfigPatchesJSON6902']);
const NODE_FIELDS = new Set(['role', 'image', 'labels', 'extraMounts', 'extraPortMappings', 'kubeadmConfigPatches', 'kubeadmConfigPatchesJSON6902']);
const MOUNT_FIELDS = new Set(['hostPath', 'containerPath', 'readOnly', 'selinuxRelabel', 'propagation']);

/** encoding.Parse and Validate: errors worded as kind words them. */
function parseKindConfig(text: string): KindConfig {
  const decode = (m: string): KindError => new KindError(`unable to decode config: error unmarshaling JSON: while decoding JSON: json: ${m}`);
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new KindError(`could not determine kind / apiVersion for config: error converting YAML to JSON: yaml: ${(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''}`);
  }
  const o = (doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? doc : {}) as Record<string, unknown>;
  const apiVersion = typeof o['apiVersion'] === 'string' ? o['apiVersion'] : '';
  const kindName = typeof o['kind'] === 'string' ? o['kind'] : '';
  if (apiVersion !== 'kind.x-k8s.io/v1alpha4') throw new KindError(`unknown apiVersion: ${apiVersion}`);
  if (kindName !== 'Cluster') throw new KindError(`unknown kind ${kindName} for apiVersion: ${apiVersion}`);
  for (const key of Object.keys(o)) if (!CONFIG_FIELDS.has(key)) throw decode(`unknown field "${key}"`);
  const roles: NodeRole[] = [];
  const labels: Record<string, string>[] = [];
  const mounts: NodeMount[][] = [];
  let image: string | undefined;
  const nodes = o['nodes'];
  if (nodes !== undefined && nodes !== null && !Array.isArray(nodes)) throw decode('cannot unmarshal object into Go struct field Cluster.nodes of type []v1alpha4.Node');
  const errs: string[] = [];
  for (const [i, n] of ((nodes ?? []) as unknown[]).entries()) {
    const node = (n ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(node)) if (!NODE_FIELDS.has(key)) throw decode(`unknown field "${key}"`);
    const role = node['role'] ?? 'control-plane';
    if (role !== 'control-plane' && role !== 'worker') errs.push(`invalid configuration for node ${i}: ${JSON.stringify(typeof role === 'string' ? role : JSON.stringify(role))} is not a valid node role`);
    else roles.push(role);
    const nodeLabels = node['labels'];
    if (nodeLabels !== undefined && nodeLabels !== null && (typeof nodeLabels !== 'object' || Array.isArray(nodeLabels))) {
      throw decode(`cannot unmarshal ${Array.isArray(nodeLabels) ? 'array' : typeof nodeLabels} into Go struct field Node.nodes.labels of type map[string]string`);
    }
    labels.push(Object.fromEntries(Object.entries((nodeLabels ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)])));
    const extraMounts = node['extraMounts'];
    if (extraMounts !== undefined && extraMounts !== null && !Array.isArray(extraMounts)) throw decode('cannot unmarshal object into Go struct field Node.nodes.extraMounts of type []v1alpha4.Mount');
    mounts.push(((extraMounts ?? []) as unknown[]).flatMap((m) => {
      const mount = (m ?? {}) as Record<string, unknown>;
      for (const key of Object.keys(mount)) if (!MOUNT_FIELDS.has(key)) throw decode(`unknown field "${key}"`);
      return typeof mount['hostPath'] === 'string' && typeof mount['containerPath'] === 'string' ? [{ hostPath: mount['hostPath'], containerPath: mount['containerPath'] }] : [];
    }));
    if (typeof node['image'] === 'string') image = node['image'];
  }
  if (nodes === undefined || nodes === null) roles.push('control-plane');
  if (!roles.includes('control-plane')) errs.push('must have at least one control-plane node');
  if (errs.length > 0) throw new KindError(errs.length === 1 ? (errs[0] ?? '') : `[${errs.join(', ')}]`);
  const gates: Record<string, boolean> = {};
  const fg = o['featureGates'];
  if (fg && typeof fg === 'object') for (const [k, v] of Object.entries(fg as Record<string, unknown>)) gates[k] = v === true;
  const networking = (o['networking'] ?? {}) as Record<string, unknown>;
  const patches = o['containerdConfigPatches'];
  if (patches !== undefined && patches !== null && !Array.isArray(patches)) throw decode('cannot unmarshal object into Go struct field Cluster.containerdConfigPatches of type []string');
  const containerdPatches = ((patches ?? []) as unknown[]).filter((x): x is string => typeof x === 'string');
  return { ...(typeof o['name'] === 'string' ? { name: o['name'] } : {}), roles, labels, ...(image ? { image } : {}), gates, disableDefaultCNI: networking['disableDefaultCNI'] === true, mounts, containerdPatches };
}

async function createCluster(p: ParsedArgs, ctx: ToolContext): Promise<number> {
  const waitText = flagValue(p, 'wait') ?? '0s';
  const waitMs = parseGoDuration(waitText);
  if (waitMs === null) throw new KindError(`invalid argument "${waitText}" for "--wait" flag: time: invalid duration "${waitText}"`);
  const fail = (m: string, output?: string): KindError => new KindError(`failed to create cluster: ${m}`, output);
  let config: KindConfig = { roles: ['control-plane'], labels: [], gates: {}, disableDefaultCNI: false, mounts: [], containerdPatches: [] };
  const configPath = flagValue(p, 'config');
  if (configPath) {
    const text = await ctx.files.read(resolveArg(ctx, configPath));
    if (text === null) throw fail(`error reading file: open ${configPath}: no such file or directory`);
    try {
      config = parseKindConfig(text);
    } catch (error) {
      if (error instanceof KindError) throw fail(error.message);
      throw error;
    }
  }
  const world = ctx.world;
  try {
    await runDocker(ctx, ['info', '--format', '{{json .}}'], 'failed to get docker info');
    const name = clusterName(ctx, p, config.name);
    if ((await listedNodes(ctx, name, 'failed to list nodes')).length > 0) throw new KindError(`node(s) already exist for a cluster with the name "${name}"`);
    if (!/^[a-z0-9.-]+$/.test(name)) throw new KindError(`'${name}' is not a valid cluster name, cluster names must match \`^[a-z0-9.-]+$\``);
    if (name.length > 50) stderr(ctx, `cluster name "${name}" is probably too long, this might not work properly on some systems\n`);
    return await provision(ctx, name, config, flagValue(p, 'image') || config.image || defaultNodeImage(world.profile), waitMs, flagValue(p, 'kubeconfig'));
  } catch (error) {
    if (error instanceof KindError) throw fail(error.message, error.output);
    throw error;
  }
}

async function provision(ctx: ToolContext, name: string, config: KindConfig, image: string, waitMs: number, kubeconfig: string | undefined): Promise<number> {
  const world = ctx.world;
  const shownImage = image.split('@sha256:')[0] ?? image;
  const random = seededRandom(`${name}/${world.mutationCount}`);
  const workers = config.roles.filter((r) => r === 'worker').length;
  const planes = config.roles.length - workers;
  // status.go off a terminal: Start prints ` • X  ...`; End prints ` ✓ X` (or ` ✗ X`).
  let current = '';
  const start = (status: string): void => {
    if (current) stderr(ctx, ` ✓ ${current}\n`);
    current = status;
    stderr(ctx, ` • ${status}  ...\n`);
  };
  const end = (ok: boolean): void => {
    if (current) stderr(ctx, ` ${ok ? '✓' : '✗'} ${current}\n`);
    current = '';
  };
  stderr(ctx, `Creating cluster "${name}" ...\n`);
  start(`Ensuring node image (${shownImage}) 🖼`);
  const present = world.dockerImages.has(shownImage);
  const pullMs = present ? between(random, 200, 400) : between(random, 2500, 4000);
  if (!present) {
    // providers/docker/images.go pullIfNotPresent: `docker pull`, retried 4 times, 1 s, 2 s, 3 s
    // and 4 s apart; then `failed to pull image "…"` around the last docker error.
    for (let attempt = 0; ; attempt++) {
      try {
        await runDocker(ctx, ['pull', image], `failed to pull image "${image}"`);
        break;
      } catch (error) {
        if (!(error instanceof KindError) || attempt >= 4) {
          end(false);
          throw error;
        }
        await ctx.sleep((attempt + 1) * 1000);
      }
    }
  }
  await ctx.sleep(pullMs);
  world.dockerImages.add(shownImage);
  // What each node's runtime reads about registries: the files mounted into it (hosts.toml,
  // registries.conf drop-ins) under the config_path the patches set. Read once, as the nodes
  // are made (containerd reads hosts.toml at each pull; nothing edits them during a tour).
  const runtime = world.options.nodeFacts?.runtime ?? nodeImageFacts(image, world.profile).runtime;
  const registries = await Promise.all(config.roles.map((_, i) => nodeRegistries(runtime, config.mounts[i] ?? [], config.containerdPatches, (path) => ctx.files.read(resolveArg(ctx, path)))));
  start(`Preparing nodes ${'📦 '.repeat(config.roles.length)}`);
  world.provision(name, config.roles, image, config.gates, config.labels, undefined, registries);
  await ctx.sleep(between(random, 1800, 2600) + 300 * config.roles.length);
  end(true);
  const step = async (status: string, ms: number, then?: () => void): Promise<void> => {
    start(status);
    await ctx.sleep(ms);
    then?.();
    end(true);
  };
  if (planes > 1) await step('Configuring the external load balancer ⚖️', between(random, 800, 1200));
  await step('Writing configuration 📜', between(random, 500, 900));
  await step('Starting control-plane 🕹️', between(random, 5000, 7000), () => world.startControlPlane(name, between(random, 6000, 9000)));
  if (!config.disableDefaultCNI) await step('Installing CNI 🔌', between(random, 600, 1000));
  await step('Installing StorageClass 💾', between(random, 300, 600));
  if (planes > 1) await step('Joining more control-plane nodes 🎮', between(random, 8000, 10000));
  if (workers > 0) await step('Joining worker nodes 🚜', between(random, 4000, 6000), () => world.joinWorkers(name, between(random, 5000, 7000)));
  if (waitMs > 0) {
    start(`Waiting ≤ ${goDuration(Math.round(waitMs / 1000) * 1000)} for control-plane = Ready ⏳`);
    const began = world.clock.now();
    const readyAt = world.controlPlaneReadyAt(name) ?? began;
    const until = Math.min(readyAt, began + waitMs);
    if (until > began) await ctx.sleep(until - began);
    if (readyAt > began + waitMs) {
      end(false);
      stderr(ctx, ' • WARNING: Timed out waiting for Ready ⚠️\n');
    } else {
      end(true);
      stderr(ctx, ` • Ready after ${goDuration(Math.round((world.clock.now() - began) / 1000) * 1000)} 💚\n`);
    }
  }
  world.exportContext(name);
  stderr(ctx, `Set kubectl context to "kind-${name}"\n`);
  stderr(ctx, `You can now use your cluster with:\n\nkubectl cluster-info --context kind-${name}${kubeconfig ? ` --kubeconfig ${kubeconfig}` : ''}\n\n`);
  stderr(ctx, `${SALUTATIONS[Math.floor(random() * SALUTATIONS.length)] ?? ''}\n`);
  return 0;
}

async function deleteCluster(p: ParsedArgs, ctx: ToolContext): Promise<number> {
  const name = clusterName(ctx, p);
  stderr(ctx, `Deleting cluster "${name}" ...\n`);
  let nodes: string[];
  try {
    nodes = await listedNodes(ctx, name, 'error listing nodes: failed to list nodes');
  } catch (error) {
    if (error instanceof KindError) throw new KindError(`failed to delete cluster "${name}": ${error.message}`, error.output);
    throw error;
  }
  if (nodes.length > 0) await ctx.sleep(between(seededRandom(name), 800, 1500));
  ctx.world.deleteCluster(name);
  if (nodes.length > 0) stderr(ctx, `Deleted nodes: [${nodes.map((n) => `"${n}"`).join(' ')}]\n`);
  return 0;
}

async function deleteClusters(p: ParsedArgs, ctx: ToolContext): Promise<number> {
  if (!flagSet(p, 'all') && p.args.length === 0) throw new KindError('no cluster names provided');
  const names = flagSet(p, 'all') ? await listedClusters(ctx) : p.args;
  const deleted: string[] = [];
  for (const name of names) {
    if (ctx.world.clusters.has(name)) await ctx.sleep(800);
    ctx.world.deleteCluster(name);
    deleted.push(name);
  }
  stderr(ctx, `Deleted clusters: [${deleted.map((n) => `"${n}"`).join(' ')}]\n`);
  return 0;
}

async function loadImage(p: ParsedArgs, ctx: ToolContext): Promise<number> {
  const name = clusterName(ctx, p);
  const cluster = ctx.world.clusters.get(name);
  if (p.args.length === 0) throw new KindError('a list of image names is required');
  if (!cluster) throw new KindError(`no nodes found for cluster "${name}"`);
  for (const image of p.args) if (!ctx.world.dockerImages.has(image)) throw new KindError(`image: "${image}" not present locally`);
  for (const image of p.args) {
    for (const node of cluster.nodes) {
      stderr(ctx, `Image: "${image}" with ID "sha256:${'5f'.repeat(32)}" not yet present on node "${node.name}", loading...\n`);
      await ctx.sleep(1200);
      if (cluster.crio) throw new KindError(`failed to load image: command "docker exec --privileged -i ${node.name} ctr --namespace=k8s.io images import --all-platforms --digests --snapshotter=overlayfs -" failed with error: exit status 1`);
      node.images.set(image, ctx.world.clock.now());
    }
  }
  return 0;
}
