// The tour touches only what it created. Before a command runs, this guard reads from the
// cluster every object the command would change (named on the command line, or in its -f
// manifests) and refuses the command when one exists without the tour's label; before a kind
// cluster is deleted, it checks that the tour created it (its record, or the node label) and
// otherwise asks the person at the keyboard, even with --yes; with nobody to ask, the cluster
// stays. The real and the simulated adapters both run their commands through it; what they
// differ in (how objects and clusters are read) comes in through the interfaces below.

import { isAbsolute, join } from 'node:path';
import {
  CLUSTER_MARK_LABEL,
  CLUSTER_MARK_VALUE,
  isTourObject,
  kindClusterAction,
  kubectlChange,
  manifestObjects,
  type ObjectRef,
  type Refusal,
} from '../../engine/ownership.js';
import { t } from '../../i18n/index.js';
import type { AskPerson, ClusterProbe, CommandRequest, CommandResult, CommandRunner, OutputStream } from '../ports.js';
import { OwnershipError } from '../ports.js';
import type { ClusterRecord } from '../store/cluster-record.js';
import { errorMessage } from '../../engine/errors.js';
import { toolName } from '../../engine/tool-name.js';

/** What the API has under a reference. */
export type Inspected =
  | { readonly found: false; readonly kind: string; readonly namespaced: boolean }
  | { readonly found: true; readonly kind: string; readonly namespaced: boolean; readonly labels?: Readonly<Record<string, string>> | undefined }
  /** The type (or apiVersion/kind) is not served by the cluster. */
  | { readonly unknownType: string };

/** Reads objects as kubectl would find them. */
export interface ObjectLookup {
  /** The namespace kubectl acts in when a command gives none (the context's, else `default`). */
  defaultNamespace(): Promise<string>;
  /** The object `ref` names in `namespace` (ignored for cluster-scoped kinds). Throws when it cannot tell. */
  inspect(ref: ObjectRef, namespace: string): Promise<Inspected>;
}

/** The kind clusters on this machine. */
export interface KindClusters {
  exists(name: string): Promise<boolean>;
  /** Whether the cluster's nodes carry the tour's mark; false when they cannot be read. */
  marked(name: string): Promise<boolean>;
  names(): Promise<string[]>;
}

export interface OwnershipGuardOptions {
  readonly objects: ObjectLookup;
  /** A file a command names (resolved against its cwd); null when it cannot be read. */
  readonly readFile: (path: string) => Promise<string | null>;
  readonly clusters: KindClusters;
  readonly record: ClusterRecord;
  /** Asks before deleting a cluster the tour did not create; absent: nobody to ask. */
  readonly ask?: AskPerson;
  /** The tour's context and namespace (for the messages). */
  readonly context: string;
  readonly namespace: string;
  /** KIND_CLUSTER_NAME, as kind reads it. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * kubectl commands the guard does not know (plugins: `kubectl foo` runs kubectl-foo, which
   * could do anything) are refused; the simulated kubectl has no plugins and says "unknown
   * command" by itself, so it passes 'allow'. Default 'refuse'.
   */
  readonly unknownCommands?: 'refuse' | 'allow';
}

export interface OwnershipGuard {
  /** Why the command must not run (null: it may). May ask the person (a cluster the tour did not create). */
  check(request: CommandRequest): Promise<Refusal | null>;
  /** After a command ran: the record of the clusters the tour created and deleted. */
  after(request: CommandRequest, result: CommandResult): Promise<void>;
  /** Why the tour must not run commands in this Pod of its namespace (null: it may). */
  checkExec(pod: string): Promise<Refusal | null>;
}

/** `Pod default/web`, or `Namespace web` for a cluster-scoped object. */
export function objectName(kind: string, namespace: string, name: string, namespaced: boolean): string {
  return namespaced ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

export function createOwnershipGuard(o: OwnershipGuardOptions): OwnershipGuard {
  const base = (params: Record<string, string | number>): Record<string, string | number> => ({ context: o.context, namespace: o.namespace, ...params });
  const unchecked = (verb: string, detail: string): Refusal => ({ rule: 'ownership.unchecked', params: base({ verb, detail }) });

  async function checkObjects(refs: readonly ObjectRef[], verb: string, exec: boolean, defaultNs: () => Promise<string>): Promise<Refusal | null> {
    for (const ref of refs) {
      const ns = ref.namespace ?? (await defaultNs());
      let got: Inspected;
      try {
        got = await o.objects.inspect(ref, ns);
      } catch (error) {
        return unchecked(verb, errorMessage(error));
      }
      if ('unknownType' in got) return unchecked(verb, `the server has no resource type "${got.unknownType}"`);
      // exec into deploy/x picks one of its Pods: the tour cannot tell which one beforehand.
      if (exec && got.kind !== 'Pod') return unchecked(verb, `${ref.type ?? got.kind}/${ref.name}`);
      if (!got.found || isTourObject(got)) continue;
      return {
        rule: exec ? 'ownership.execNotOurs' : 'ownership.notOurs',
        params: base({ verb, kind: got.kind, name: ref.name, namespace: got.namespaced ? ns : '', object: objectName(got.kind, ns, ref.name, got.namespaced) }),
      };
    }
    return null;
  }

  async function checkKubectl(request: CommandRequest): Promise<Refusal | null> {
    const change = kubectlChange(request.argv.slice(1));
    if (change.kind === 'none') return null;
    if (change.kind === 'refuse') {
      if (change.unknownCommand && o.unknownCommands === 'allow') return null;
      return { rule: change.refusal.rule, params: base({ ...change.refusal.params }) };
    }
    let fallback: Promise<string> | null = null;
    const defaultNs = (): Promise<string> => (fallback ??= o.objects.defaultNamespace());
    const refs: ObjectRef[] = [...change.targets];
    for (const file of change.files) {
      const path = isAbsolute(file) || !request.cwd ? file : join(request.cwd, file);
      let text: string | null;
      try {
        text = await o.readFile(path);
      } catch (error) {
        return unchecked(change.verb, `${file}: ${errorMessage(error)}`);
      }
      // No such file: kubectl stops at it too ("the path does not exist"), changing nothing.
      if (text === null) continue;
      const objects = manifestObjects(text);
      if ('error' in objects) return unchecked(change.verb, `${file}: ${objects.error}`);
      // kubectl: -n wins (and refuses a manifest naming another namespace); else the manifest's.
      refs.push(...objects.map((x) => ({ ...x, ...(change.namespace ? { namespace: change.namespace } : {}) })));
    }
    return checkObjects(refs, change.verb, change.exec, defaultNs);
  }

  async function checkKind(request: CommandRequest): Promise<Refusal | null> {
    const action = kindClusterAction(request.argv.slice(1), { ...o.env, ...request.env });
    if (action?.action !== 'delete') return null;
    const names = action.all ? await o.clusters.names() : action.names;
    for (const cluster of names) {
      if (!(await o.clusters.exists(cluster))) continue; // kind deletes nothing
      if (await o.record.has(cluster)) continue;
      if (await o.clusters.marked(cluster)) continue;
      const params = base({ cluster, label: `${CLUSTER_MARK_LABEL}=${CLUSTER_MARK_VALUE}`, record: o.record.where });
      // Asked even with --yes: --yes agrees to delete the tour's cluster, not someone else's.
      const answer = o.ask ? await o.ask({ key: 'ownership.clusterQuestion', params }) : null;
      if (answer === true) continue;
      return { rule: answer === false ? 'ownership.clusterKept' : 'ownership.clusterUnconfirmed', params };
    }
    return null;
  }

  return {
    async check(request) {
      const tool = toolName(request.argv[0] ?? '');
      if (tool === 'kubectl') return checkKubectl(request);
      if (tool === 'kind') return checkKind(request);
      return null;
    },
    async after(request, result) {
      if (toolName(request.argv[0] ?? '') !== 'kind' || result.exitCode !== 0) return;
      const action = kindClusterAction(request.argv.slice(1), { ...o.env, ...request.env });
      if (!action) return;
      // A record that cannot be written loses only the "no question" for this cluster.
      for (const name of action.names) {
        await (action.action === 'create' ? o.record.add(name) : o.record.remove(name)).catch(() => undefined);
      }
    },
    checkExec(pod) {
      return checkObjects([{ type: 'pods', name: pod, namespace: o.namespace }], 'exec', true, () => Promise.resolve(o.namespace));
    },
  };
}

/** The refusal as an error (in English: the UI and the diagnosis translate `refusal`). */
export function ownershipError(refusal: Refusal): OwnershipError {
  return new OwnershipError(refusal, t('en', `diag.${refusal.rule}.cause`, refusal.params));
}

/** Runs commands through the guard: a refused one never starts, and the record follows what ran. */
export function guardedRunner(runner: CommandRunner, guard: OwnershipGuard): CommandRunner {
  return {
    async run(request: CommandRequest, onOutput: (text: string, stream: OutputStream) => void): Promise<CommandResult> {
      const refusal = await guard.check(request);
      if (refusal) return { exitCode: null, timedOut: false, cancelled: false, refusal };
      const result = await runner.run(request, onOutput);
      await guard.after(request, result);
      return result;
    },
  };
}

/**
 * The cluster with exec allowed only in the tour's own Pods: checks and the shell run commands
 * there, and a command could change what it runs in. Reading goes through unchanged.
 */
export function guardedProbe(probe: ClusterProbe, guard: Pick<OwnershipGuard, 'checkExec'>): ClusterProbe {
  return {
    clusterExists: () => probe.clusterExists(),
    snapshot: () => probe.snapshot(),
    getPod: (name) => probe.getPod(name),
    tourPods: () => probe.tourPods(),
    watch: (onChange, onError) => probe.watch(onChange, onError),
    async exec(pod, container, argv, timeoutMs) {
      const refused = await guard.checkExec(pod);
      if (refused) throw ownershipError(refused);
      return probe.exec(pod, container, argv, timeoutMs);
    },
  };
}
