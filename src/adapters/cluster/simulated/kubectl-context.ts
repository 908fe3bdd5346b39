// kubectl's connection to a simulated cluster: the context, the namespace, and the errors the
// real kubectl prints when it cannot reach one.
import { SimApi } from './api-server.js';
import { stderr, type ToolContext } from './tool-context.js';
import type { SimCluster } from './world.js';

export interface Kube {
  readonly tool: ToolContext;
  readonly cluster: SimCluster;
  readonly api: SimApi;
  readonly context: string;
  /** -n / --namespace, or the context's namespace ("default"). */
  readonly namespace: string;
  readonly namespaceGiven: boolean;
}

/** The cluster behind the context, or the exit code after printing kubectl's error. */
export function connect(tool: ToolContext, contextFlag: string | undefined, namespaceFlag: string | undefined): Kube | number {
  const context = contextFlag || tool.world.currentContext || '';
  if (context === '') {
    stderr(tool, 'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n');
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
  return { tool, cluster, api: new SimApi(tool.world, cluster), context, namespace: namespaceFlag || 'default', namespaceGiven: Boolean(namespaceFlag) };
}

/** The port kind gives the API server of a cluster (fixed per context name). */
export function apiPort(context: string): number {
  let h = 7;
  for (const c of context) h = (h * 31 + c.charCodeAt(0)) % 20000;
  return 33000 + h;
}
