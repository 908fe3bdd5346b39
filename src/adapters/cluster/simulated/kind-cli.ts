// The simulated `kind`: version, get clusters/nodes, create cluster (with kind's non-TTY
// progress lines on stderr), delete cluster, load docker-image.
import { parse as parseYaml } from 'yaml';
import { GO_VERSION, defaultNodeImage, kindVersion } from './facts.js';
import { boolFlag, flag, FlagError, goDurationSeconds, parseFlags, parseGoDuration, type FlagSpec } from './cli-flags.js';
import { between, seededRandom } from './random.js';
import { resolveArg, stderr, stdout, type ToolContext } from './tool-context.js';
import type { NodeRole } from './world.js';

const NO_DOCKER = `exec: "docker": executable file not found in $PATH`;

const SALUTATIONS = [
  'Have a nice day! 👋',
  'Thanks for using kind! 😊',
  'Not sure what to do next? 😅  Check out https://kind.sigs.k8s.io/docs/user/quick-start/',
  'Have a question, bug, or feature request? Let us know! https://kind.sigs.k8s.io/#community 🙂',
];

function fail(ctx: ToolContext, message: string): number {
  stderr(ctx, `ERROR: ${message}\n`);
  return 1;
}

function clusterName(ctx: ToolContext, parsed: { values: Map<string, string[]> }, fromConfig?: string): string {
  return parsed.values.get('name')?.at(-1) ?? fromConfig ?? ctx.env['KIND_CLUSTER_NAME'] ?? 'kind';
}

export async function kind(args: readonly string[], ctx: ToolContext): Promise<number> {
  const [cmd, sub, ...rest] = args;
  try {
    if (cmd === 'version' || cmd === '--version') {
      stdout(ctx, cmd === 'version' ? `kind ${kindVersion(ctx.world.profile)} ${GO_VERSION} linux/amd64\n` : `kind version ${kindVersion(ctx.world.profile).slice(1)}\n`);
      return 0;
    }
    if (cmd === 'get' && sub === 'clusters') return getClusters(rest, ctx);
    if (cmd === 'get' && sub === 'nodes') return getNodes(rest, ctx);
    if (cmd === 'create' && sub === 'cluster') return await createCluster(rest, ctx);
    if (cmd === 'delete' && sub === 'cluster') return await deleteCluster(rest, ctx);
    if (cmd === 'delete' && sub === 'clusters') return await deleteClusters(rest, ctx);
    if (cmd === 'load' && sub === 'docker-image') return await loadImage(rest, ctx);
    if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      stdout(ctx, 'kind creates and manages local Kubernetes clusters using Docker container \'nodes\'\n\nUsage:\n  kind [command]\n\nAvailable Commands:\n  build       Build one of [node-image]\n  completion  Output shell completion code for the specified shell (bash, zsh or fish)\n  create      Creates one of [cluster]\n  delete      Deletes one of [cluster]\n  export      Exports one of [kubeconfig, logs]\n  get         Gets one of [clusters, nodes, kubeconfig]\n  help        Help about any command\n  load        Loads images into nodes\n  version     Prints the kind CLI version\n');
      return 0;
    }
    if (['create', 'delete', 'get', 'load'].includes(cmd) && sub !== undefined && !sub.startsWith('-')) {
      return fail(ctx, `unknown command "${sub}" for "kind ${cmd}"`);
    }
    if (['create', 'delete', 'get', 'load', 'build', 'export'].includes(cmd)) {
      stderr(ctx, `ERROR: Subcommand is required\n`);
      return 1;
    }
    return fail(ctx, `unknown command "${cmd}" for "kind"`);
  } catch (error) {
    if (error instanceof FlagError) return fail(ctx, error.message);
    throw error;
  }
}

function noEngine(ctx: ToolContext): boolean {
  return ctx.world.profile.faults.has('no-engine');
}

function getClusters(args: readonly string[], ctx: ToolContext): number {
  parseFlags(args, []);
  if (noEngine(ctx)) {
    return fail(ctx, `failed to list clusters: command "docker ps -a --filter label=io.x-k8s.kind.cluster --format '{{.Label "io.x-k8s.kind.cluster"}}'" failed with error: ${NO_DOCKER}`);
  }
  const names = ctx.world.clusterNames();
  if (names.length === 0) stderr(ctx, 'No kind clusters found.\n');
  else stdout(ctx, `${names.join('\n')}\n`);
  return 0;
}

function getNodes(args: readonly string[], ctx: ToolContext): number {
  const parsed = parseFlags(args, [{ name: 'name', short: 'n', value: true }, { name: 'all-clusters', short: 'A' }]);
  const name = clusterName(ctx, parsed);
  const cluster = ctx.world.clusters.get(name);
  if (!cluster) {
    stderr(ctx, `No kind nodes found for cluster "${name}".\n`);
    return 0;
  }
  stdout(ctx, `${ctx.world.nodeNames(cluster).join('\n')}\n`);
  return 0;
}

interface KindConfig {
  readonly name?: string;
  readonly roles: NodeRole[];
  /** Each node's `labels`, by position. */
  readonly labels: Record<string, string>[];
  readonly image?: string;
  readonly gates: Record<string, boolean>;
}

const CONFIG_FIELDS = new Set([
  'kind', 'apiVersion', 'name', 'nodes', 'networking', 'featureGates', 'runtimeConfig', 'kubeadmConfigPatches',
  'kubeadmConfigPatchesJSON6902', 'containerdConfigPatches', 'containerdConfigPatchesJSON6902',
]);
const NODE_FIELDS = new Set(['role', 'image', 'labels', 'extraMounts', 'extraPortMappings', 'kubeadmConfigPatches', 'kubeadmConfigPatchesJSON6902']);

/** kind's encoding.Load: errors worded as kind words them. */
function parseKindConfig(text: string): KindConfig | string {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    return `error converting YAML to JSON: yaml: ${first}`;
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return `could not determine kind / apiVersion for config: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(doc) ? 'array' : typeof doc} into Go value of type encoding.typeMeta`;
  const o = doc as Record<string, unknown>;
  const apiVersion = typeof o['apiVersion'] === 'string' ? o['apiVersion'] : '';
  const kindName = typeof o['kind'] === 'string' ? o['kind'] : '';
  if (apiVersion !== 'kind.x-k8s.io/v1alpha4') return `unknown apiVersion: ${apiVersion}`;
  if (kindName !== 'Cluster') return `unknown kind ${kindName} for apiVersion: ${apiVersion}`;
  for (const key of Object.keys(o)) {
    if (!CONFIG_FIELDS.has(key)) return `error unmarshaling JSON: while decoding JSON: json: unknown field "${key}"`;
  }
  const roles: NodeRole[] = [];
  const labels: Record<string, string>[] = [];
  let image: string | undefined;
  const nodes = o['nodes'];
  if (nodes !== undefined && nodes !== null) {
    if (!Array.isArray(nodes)) return 'error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go struct field Cluster.nodes of type []v1alpha4.Node';
    for (const n of nodes as unknown[]) {
      const node = (n ?? {}) as Record<string, unknown>;
      for (const key of Object.keys(node)) {
        if (!NODE_FIELDS.has(key)) return `error unmarshaling JSON: while decoding JSON: json: unknown field "${key}"`;
      }
      const role = node['role'] ?? 'control-plane';
      if (role !== 'control-plane' && role !== 'worker') return `invalid configuration: invalid role: ${JSON.stringify(role)}`;
      roles.push(role);
      const nodeLabels = node['labels'];
      if (nodeLabels !== undefined && nodeLabels !== null && (typeof nodeLabels !== 'object' || Array.isArray(nodeLabels))) {
        return `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(nodeLabels) ? 'array' : typeof nodeLabels} into Go struct field Node.nodes.labels of type map[string]string`;
      }
      labels.push(Object.fromEntries(Object.entries((nodeLabels ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)])));
      if (typeof node['image'] === 'string') image = node['image'];
    }
  }
  if (roles.length === 0) roles.push('control-plane');
  if (!roles.includes('control-plane')) return 'invalid configuration: must have at least one control-plane node';
  const gates: Record<string, boolean> = {};
  const fg = o['featureGates'];
  if (fg && typeof fg === 'object') for (const [k, v] of Object.entries(fg as Record<string, unknown>)) gates[k] = v === true;
  return { ...(typeof o['name'] === 'string' ? { name: o['name'] } : {}), roles, labels, ...(image ? { image } : {}), gates };
}

const CREATE_FLAGS: readonly FlagSpec[] = [
  { name: 'name', short: 'n', value: true },
  { name: 'image', value: true },
  { name: 'config', value: true },
  { name: 'wait', value: true },
  { name: 'retain' },
  { name: 'kubeconfig', value: true },
];

async function createCluster(args: readonly string[], ctx: ToolContext): Promise<number> {
  const parsed = parseFlags(args, CREATE_FLAGS);
  if (parsed.positional.length > 0) return fail(ctx, `unknown command "${parsed.positional[0]}" for "kind create cluster"`);
  const waitText = flag(parsed, 'wait') ?? '0s';
  const waitMs = parseGoDuration(waitText);
  if (waitMs === null) return fail(ctx, `invalid argument "${waitText}" for "--wait" flag: time: invalid duration "${waitText}"`);
  let config: KindConfig = { roles: ['control-plane'], labels: [], gates: {} };
  const configPath = flag(parsed, 'config');
  if (configPath !== undefined) {
    const text = await ctx.files.read(resolveArg(ctx, configPath));
    if (text === null) return fail(ctx, `failed to create cluster: error reading file: open ${configPath}: no such file or directory`);
    const loaded = parseKindConfig(text);
    if (typeof loaded === 'string') return fail(ctx, `failed to create cluster: ${loaded}`);
    config = loaded;
  }
  if (noEngine(ctx)) return fail(ctx, `failed to create cluster: failed to get docker info: command "docker info --format '{{json .}}'" failed with error: ${NO_DOCKER}`);
  const world = ctx.world;
  const name = clusterName(ctx, parsed, config.name);
  if (world.clusters.has(name)) return fail(ctx, `failed to create cluster: node(s) already exist for a cluster with the name "${name}"`);
  const image = flag(parsed, 'image') || config.image || defaultNodeImage(world.profile);
  const shownImage = image.split('@')[0] ?? image;
  const random = seededRandom(`${name}/${world.mutationCount}`);
  const workers = config.roles.filter((r) => r === 'worker').length;
  const planes = config.roles.length - workers;

  let current = '';
  const start = (status: string) => {
    current = status;
    stderr(ctx, ` • ${status}  ...\n`);
  };
  const done = () => stderr(ctx, ` ✓ ${current}\n`);

  stderr(ctx, `Creating cluster "${name}" ...\n`);
  start(`Ensuring node image (${shownImage}) 🖼`);
  const pulled = world.dockerImages.has(shownImage);
  await ctx.sleep(pulled ? between(random, 200, 400) : between(random, 2500, 4000));
  world.dockerImages.add(shownImage);
  done();
  start(`Preparing nodes ${'📦 '.repeat(config.roles.length)}`);
  world.provision(name, config.roles, image, config.gates, config.labels);
  await ctx.sleep(between(random, 1800, 2600) + 300 * config.roles.length);
  done();
  start('Writing configuration 📜');
  await ctx.sleep(between(random, 500, 900));
  done();
  start('Starting control-plane 🕹️');
  await ctx.sleep(between(random, 5000, 7000));
  world.startControlPlane(name, between(random, 6000, 9000));
  done();
  start('Installing CNI 🔌');
  await ctx.sleep(between(random, 600, 1000));
  done();
  start('Installing StorageClass 💾');
  await ctx.sleep(between(random, 300, 600));
  done();
  if (planes > 1) {
    start('Joining more control-plane nodes 🎮');
    await ctx.sleep(between(random, 8000, 10000));
    done();
  }
  if (workers > 0) {
    start('Joining worker nodes 🚜');
    await ctx.sleep(between(random, 4000, 6000));
    world.joinWorkers(name, between(random, 5000, 7000));
    done();
  }
  if (waitMs > 0) {
    start(`Waiting ≤ ${goDurationSeconds(waitMs)} for control-plane = Ready ⏳`);
    const began = world.clock.now();
    const readyAt = world.controlPlaneReadyAt(name) ?? began;
    const until = Math.min(readyAt, began + waitMs);
    if (until > began) await ctx.sleep(until - began);
    if (readyAt > began + waitMs) {
      stderr(ctx, ` ✗ ${current}\n`);
      stderr(ctx, ` • WARNING: Timed out waiting for Ready ⚠️\n`);
    } else {
      done();
      stderr(ctx, ` • Ready after ${goDurationSeconds(world.clock.now() - began)} 💚\n`);
    }
  }
  world.exportContext(name);
  stderr(ctx, `Set kubectl context to "kind-${name}"\n`);
  stderr(ctx, `You can now use your cluster with:\n\nkubectl cluster-info --context kind-${name}\n\n`);
  stderr(ctx, `${SALUTATIONS[Math.floor(random() * SALUTATIONS.length)]}\n`);
  return 0;
}

async function deleteCluster(args: readonly string[], ctx: ToolContext): Promise<number> {
  const parsed = parseFlags(args, [{ name: 'name', short: 'n', value: true }, { name: 'kubeconfig', value: true }]);
  const name = clusterName(ctx, parsed);
  stderr(ctx, `Deleting cluster "${name}" ...\n`);
  if (noEngine(ctx)) {
    return fail(ctx, `failed to delete cluster "${name}": failed to list nodes: command "docker ps -a --filter label=io.x-k8s.kind.cluster=${name} --format '{{.Names}}'" failed with error: ${NO_DOCKER}`);
  }
  const existed = ctx.world.clusters.has(name);
  if (existed) await ctx.sleep(between(seededRandom(name), 800, 1500));
  const nodes = ctx.world.deleteCluster(name);
  if (nodes.length > 0) stderr(ctx, `Deleted nodes: [${nodes.map((n) => `"${n}"`).join(' ')}]\n`);
  return 0;
}

async function deleteClusters(args: readonly string[], ctx: ToolContext): Promise<number> {
  const parsed = parseFlags(args, [{ name: 'all', short: 'A' }, { name: 'kubeconfig', value: true }]);
  const names = boolFlag(parsed, 'all') ? ctx.world.clusterNames() : parsed.positional;
  for (const name of names) {
    if (ctx.world.clusters.has(name)) await ctx.sleep(800);
    ctx.world.deleteCluster(name);
  }
  stderr(ctx, `Deleted clusters: [${names.map((n) => `"${n}"`).join(' ')}]\n`);
  return 0;
}

async function loadImage(args: readonly string[], ctx: ToolContext): Promise<number> {
  const parsed = parseFlags(args, [{ name: 'name', short: 'n', value: true }, { name: 'nodes', value: true }]);
  const name = clusterName(ctx, parsed);
  const cluster = ctx.world.clusters.get(name);
  if (parsed.positional.length === 0) return fail(ctx, 'a list of image names is required');
  if (!cluster) return fail(ctx, `no nodes found for cluster "${name}"`);
  for (const image of parsed.positional) {
    if (!ctx.world.dockerImages.has(image)) return fail(ctx, `image: "${image}" not present locally`);
  }
  for (const image of parsed.positional) {
    for (const node of cluster.nodes) {
      stderr(ctx, `Image: "${image}" with ID "sha256:${'5f'.repeat(32)}" not yet present on node "${node.name}", loading...\n`);
      await ctx.sleep(1200);
      if (cluster.crio) {
        return fail(
          ctx,
          `failed to load image: command "docker exec --privileged -i ${node.name} ctr --namespace=k8s.io images import --all-platforms --digests --snapshotter=overlayfs -" failed with error: exit status 1`,
        );
      }
      node.images.set(image, ctx.world.clock.now());
    }
  }
  return 0;
}
