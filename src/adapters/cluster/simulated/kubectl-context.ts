// kubectl's connection to a simulated cluster: global flags, the context, and the errors the
// real kubectl prints when it cannot reach one.
import type { Node, Pod } from '../../../engine/kube-objects.js';
import { stderr, type ToolContext } from './tool-context.js';
import type { SimCluster } from './world.js';

export interface Kube {
  readonly tool: ToolContext;
  readonly cluster: SimCluster;
  readonly context: string;
  /** -n / --namespace, or the context's namespace ("default"). */
  readonly namespace: string;
  readonly namespaceGiven: boolean;
}

export interface GlobalFlags {
  context?: string;
  namespace?: string;
  /** Everything else, in order. */
  readonly args: string[];
}

/** Pulls the global flags out of argv wherever they are (not after `--`). */
export function extractGlobals(argv: readonly string[]): GlobalFlags {
  const out: GlobalFlags = { args: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.args.push(...argv.slice(i));
      break;
    }
    const take = (): string | undefined => argv[++i];
    if (a === '--context') out.context = take() ?? '';
    else if (a.startsWith('--context=')) out.context = a.slice('--context='.length);
    else if (a === '-n' || a === '--namespace') out.namespace = take() ?? '';
    else if (a.startsWith('--namespace=')) out.namespace = a.slice('--namespace='.length);
    else if (/^-n[^-]/.test(a) && !a.includes('=')) out.namespace = a.slice(2);
    else if (a === '--kubeconfig' || a === '--request-timeout' || a === '--cluster' || a === '--user') take();
    else if (/^--(kubeconfig|request-timeout|cluster|user)=/.test(a)) continue;
    else out.args.push(a);
  }
  return out;
}

const REFUSED = 'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n';

/** The cluster behind the context, or the exit code after printing kubectl's error. */
export function connect(tool: ToolContext, globals: GlobalFlags): Kube | number {
  const context = globals.context ?? tool.world.currentContext ?? undefined;
  if (context === undefined || context === '') {
    stderr(tool, REFUSED);
    return 1;
  }
  const cluster = tool.world.clusterForContext(context);
  if (cluster === undefined) {
    stderr(tool, `error: context "${context}" does not exist\n`);
    return 1;
  }
  if (cluster === null || cluster.apiUpAt === null) {
    stderr(tool, `The connection to the server 127.0.0.1:${apiPort(context)} was refused - did you specify the right host or port?\n`);
    return 1;
  }
  return { tool, cluster, context, namespace: globals.namespace || 'default', namespaceGiven: Boolean(globals.namespace) };
}

export function apiPort(context: string): number {
  let h = 7;
  for (const c of context) h = (h * 31 + c.charCodeAt(0)) % 20000;
  return 33000 + h;
}

export type ResourceKind = 'pods' | 'nodes' | 'events' | 'namespaces';

const ALIASES: Readonly<Record<string, ResourceKind>> = {
  pod: 'pods',
  pods: 'pods',
  po: 'pods',
  node: 'nodes',
  nodes: 'nodes',
  no: 'nodes',
  event: 'events',
  events: 'events',
  ev: 'events',
  namespace: 'namespaces',
  namespaces: 'namespaces',
  ns: 'namespaces',
};

export function resourceKind(word: string): ResourceKind | null {
  return ALIASES[word.toLowerCase()] ?? null;
}

export const SINGULAR: Readonly<Record<ResourceKind, string>> = { pods: 'pod', nodes: 'node', events: 'event', namespaces: 'namespace' };

export function notFound(kind: ResourceKind, name: string): string {
  return `Error from server (NotFound): ${kind} "${name}" not found\n`;
}

export function findNode(kube: Kube, name: string): Node | undefined {
  return kube.tool.world.nodes(kube.cluster).find((n) => n.metadata.name === name);
}

export function findPod(kube: Kube, name: string, ns = kube.namespace): Pod | null {
  return kube.tool.world.getPod(kube.cluster, ns, name);
}
