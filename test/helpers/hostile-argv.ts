// Hostile argv for the command guard: each one tries to make the tour act outside its own
// cluster, namespace or kubeconfig, or to run something the guard cannot read. Shared by the
// table test (test/command-guard.test.ts) and the end-to-end test with the real kubectl
// against a recorder server (test/guard-kubectl-recorder.test.ts). Test code only.
//
// Paths are relative: run them in a scratch directory. Placeholders, expanded per session: {context} {namespace} {cluster}; {other} is the URL of
// the "other" cluster (the recorder), {kubeconfig} the user's own kubeconfig file. The user's
// kubeconfig has the contexts prod-cluster (current) and staging, both on the other cluster.

export type HostileMode = 'real' | 'byoc' | 'both';

export interface HostileCase {
  readonly name: string;
  readonly argv: readonly string[];
  /** The message key the guard must refuse it with. */
  readonly key: string;
  readonly mode?: HostileMode;
  /**
   * The argv picks its own destination or environment (a server URL, a kubeconfig file,
   * KUBECONFIG=…, a cleared environment, another user's): no KUBECONFIG the tour gives can
   * stop that; only the guard does.
   */
  readonly escapesKubeconfig?: boolean;
}

const K = ['kubectl', '--context', '{context}'];
const KN = [...K, '-n', '{namespace}'];

export const HOSTILE: readonly HostileCase[] = [
  // ---- the context: exactly one, the tour's, read as kubectl reads it
  { name: 'no --context', argv: ['kubectl', 'get', 'pods'], key: 'refused.kubectl.contextMissing' },
  { name: 'another context', argv: ['kubectl', '--context', 'prod-cluster', 'get', 'pods'], key: 'refused.kubectl.contextOther' },
  { name: '--context=X after --context=tour (kubectl uses the last)', argv: ['kubectl', '--context={context}', '--context=prod-cluster', 'get', 'pods'], key: 'refused.kubectl.contextRepeated' },
  { name: 'a second --context after the command', argv: [...K, 'get', 'pods', '--context', 'staging'], key: 'refused.kubectl.contextRepeated' },
  { name: 'the tour context twice', argv: [...K, 'get', 'pods', '--context={context}'], key: 'refused.kubectl.contextRepeated' },
  { name: 'an empty --context=', argv: ['kubectl', '--context=', 'get', 'pods'], key: 'refused.kubectl.contextEmpty' },
  { name: 'an empty --context ""', argv: ['kubectl', '--context', '', 'get', 'pods'], key: 'refused.kubectl.contextEmpty' },
  { name: '--context after -- is an argument, not a flag', argv: ['kubectl', 'get', 'pods', '--', '--context', '{context}'], key: 'refused.kubectl.contextMissing' },
  { name: '--context=tour as the value of -l is no context', argv: ['kubectl', '-l', '--context={context}', 'get', 'pods'], key: 'refused.kubectl.contextMissing' },
  // ---- where and as whom kubectl connects
  { name: '--kubeconfig FILE', argv: [...K, '--kubeconfig', '{kubeconfig}', 'get', 'pods'], key: 'refused.kubectl.connectionFlag', escapesKubeconfig: true },
  { name: '--kubeconfig=FILE after the command', argv: [...K, 'get', 'pods', '--kubeconfig={kubeconfig}'], key: 'refused.kubectl.connectionFlag', escapesKubeconfig: true },
  { name: '--cluster', argv: [...K, '--cluster', 'prod-cluster', 'get', 'pods'], key: 'refused.kubectl.connectionFlag' },
  { name: '--user', argv: [...K, '--user=prod-cluster', 'get', 'pods'], key: 'refused.kubectl.connectionFlag' },
  { name: '--server URL', argv: [...K, '--server', '{other}', 'get', 'pods'], key: 'refused.kubectl.connectionFlag', escapesKubeconfig: true },
  { name: '-s URL', argv: [...K, '-s', '{other}', 'get', 'pods'], key: 'refused.kubectl.connectionFlag', escapesKubeconfig: true },
  { name: '-sURL (attached)', argv: [...K, 'get', 'pods', '-s{other}'], key: 'refused.kubectl.connectionFlag', escapesKubeconfig: true },
  { name: '-As URL (grouped shorthands)', argv: [...K, 'get', 'pods', '-As', '{other}'], key: 'refused.kubectl.connectionFlag', escapesKubeconfig: true },
  { name: '--token', argv: [...K, '--token', 'other-secret-token', 'get', 'pods'], key: 'refused.kubectl.connectionFlag' },
  { name: '--as', argv: [...K, '--as', 'system:admin', 'get', 'secrets', '-A'], key: 'refused.kubectl.connectionFlag' },
  { name: '--as-group', argv: [...K, '--as-group', 'system:masters', '--as', 'x', 'get', 'pods'], key: 'refused.kubectl.connectionFlag' },
  { name: '--as_group (kubectl reads _ as -)', argv: [...K, '--as_group=system:masters', 'get', 'pods'], key: 'refused.kubectl.connectionFlag' },
  { name: '--as-uid', argv: [...K, '--as-uid', '0', 'get', 'pods'], key: 'refused.kubectl.connectionFlag' },
  { name: '--username/--password', argv: [...K, '--username', 'admin', '--password', 'secret', 'get', 'pods'], key: 'refused.kubectl.connectionFlag' },
  { name: '--certificate-authority', argv: [...K, '--certificate-authority=/tmp/ca.crt', 'get', 'pods'], key: 'refused.kubectl.connectionFlag' },
  { name: '--client-certificate/--client-key', argv: [...K, '--client-certificate', '/tmp/c.crt', '--client-key', '/tmp/c.key', 'get', 'pods'], key: 'refused.kubectl.connectionFlag' },
  { name: '--tls-server-name', argv: [...K, '--tls-server-name', 'other', 'get', 'pods'], key: 'refused.kubectl.connectionFlag' },
  { name: '--insecure-skip-tls-verify', argv: [...K, '--insecure-skip-tls-verify', 'get', 'pods'], key: 'refused.kubectl.connectionFlag' },
  { name: '--insecure-skip-tls-verify=false (refused all the same)', argv: [...K, '--insecure-skip-tls-verify=false', 'get', 'pods'], key: 'refused.kubectl.connectionFlag' },
  { name: '--profile-output writes a file anywhere', argv: [...K, '--profile=cpu', '--profile-output=ivol-profile.pprof', 'get', 'pods'], key: 'refused.kubectl.fileFlag' },
  // ---- the kubeconfig is read, never written
  { name: 'config delete-context', argv: [...K, 'config', 'delete-context', 'prod-cluster'], key: 'refused.kubectl.configWrite' },
  { name: 'config use-context', argv: [...K, 'config', 'use-context', 'prod-cluster'], key: 'refused.kubectl.configWrite' },
  { name: 'config use (alias)', argv: [...K, 'config', 'use', 'staging'], key: 'refused.kubectl.configWrite' },
  { name: 'config set-context', argv: [...K, 'config', 'set-context', '--current', '--namespace=kube-system'], key: 'refused.kubectl.configWrite' },
  { name: 'config rename-context', argv: [...K, 'config', 'rename-context', 'prod-cluster', 'hijacked'], key: 'refused.kubectl.configWrite' },
  { name: 'config set', argv: [...K, 'config', 'set', 'clusters.prod-cluster.server', 'https://127.0.0.1:9'], key: 'refused.kubectl.configWrite' },
  { name: 'config unset', argv: [...K, 'config', 'unset', 'current-context'], key: 'refused.kubectl.configWrite' },
  { name: 'config set-cluster', argv: [...K, 'config', 'set-cluster', 'prod-cluster', '--server=https://127.0.0.1:9'], key: 'refused.kubectl.configWrite' },
  { name: 'config set-credentials', argv: [...K, 'config', 'set-credentials', 'prod-cluster', '--token=x'], key: 'refused.kubectl.configWrite' },
  { name: 'config delete-cluster', argv: [...K, 'config', 'delete-cluster', 'prod-cluster'], key: 'refused.kubectl.configWrite' },
  { name: 'config delete-user', argv: [...K, 'config', 'delete-user', 'prod-cluster'], key: 'refused.kubectl.configWrite' },
  // ---- plugins and commands the tour does not run
  { name: 'a plugin (kubectl ns)', argv: [...K, 'ns', 'kube-system'], key: 'refused.kubectl.plugin' },
  { name: 'a plugin before the flags (kubectl ctx … --context)', argv: ['kubectl', 'ctx', 'prod-cluster', '--context', '{context}'], key: 'refused.kubectl.plugin' },
  { name: 'a create plugin (kubectl-create-foo)', argv: [...KN, 'create', 'foo', 'bar'], key: 'refused.kubectl.plugin' },
  { name: 'proxy', argv: [...K, 'proxy', '--port=8001'], key: 'refused.kubectl.notAllowed' },
  { name: 'edit (an editor, no terminal)', argv: [...KN, 'edit', 'pod', 'image-volume'], key: 'refused.kubectl.notAllowed' },
  { name: 'debug a node', argv: [...K, 'debug', 'node/ivol-control-plane', '-it', '--image=busybox'], key: 'refused.kubectl.notAllowed' },
  { name: 'drain', argv: [...K, 'drain', 'ivol-control-plane', '--ignore-daemonsets'], key: 'refused.kubectl.notAllowed' },
  { name: 'plugin list', argv: [...K, 'plugin', 'list'], key: 'refused.kubectl.notAllowed' },
  { name: 'cluster-info dump', argv: [...K, 'cluster-info', 'dump', '--output-directory=ivol-dump'], key: 'refused.kubectl.notAllowed' },
  { name: 'no command at all', argv: [...K], key: 'refused.kubectl.noCommand' },
  { name: 'a flag kubectl does not have', argv: [...K, 'get', 'pods', '--no-such-flag'], key: 'refused.unknownFlag' },
  { name: 'a flag without its value', argv: [...K, 'get', 'pods', '-n'], key: 'refused.flagNeedsValue' },
  { name: 'a malformed flag', argv: [...K, 'get', 'pods', '---n', 'x'], key: 'refused.flagSyntax' },
  // ---- changes only in the tour's namespace, never cluster-wide
  { name: 'delete in kube-system', argv: [...K, '-n', 'kube-system', 'delete', 'pod', 'coredns-x'], key: 'refused.kubectl.namespaceOther' },
  { name: 'delete without -n', argv: [...K, 'delete', 'pod', 'image-volume'], key: 'refused.kubectl.namespaceMissing' },
  { name: 'apply without -n', argv: [...K, 'apply', '-f', 'pod.yaml'], key: 'refused.kubectl.namespaceMissing' },
  { name: 'a second -n (kubectl uses the last)', argv: [...KN, '-n', 'kube-system', 'exec', 'etcd', '--', 'sh'], key: 'refused.kubectl.namespaceOther' },
  { name: '-nNS then --namespace=other', argv: [...K, '-n{namespace}', '--namespace=kube-system', 'apply', '-f', 'x.yaml'], key: 'refused.kubectl.namespaceOther' },
  { name: '-it then -nkube-system (grouped and attached)', argv: [...KN, 'exec', '-it', 'etcd', '-nkube-system', '--', 'sh'], key: 'refused.kubectl.namespaceOther' },
  { name: 'an empty namespace', argv: [...K, '-n', '', 'delete', 'pod', 'x'], key: 'refused.kubectl.namespaceOther' },
  { name: 'delete in every namespace (-A)', argv: [...KN, 'delete', 'pods', '--all', '-A'], key: 'refused.kubectl.allNamespaces' },
  { name: 'label in every namespace (--all-namespaces=true)', argv: [...KN, 'label', 'pods', '--all', 'x=1', '--all-namespaces=true'], key: 'refused.kubectl.allNamespaces' },
  { name: 'delete a namespace', argv: [...KN, 'delete', 'namespace', 'kube-system'], key: 'refused.kubectl.clusterScoped' },
  { name: 'delete ns/NAME', argv: [...KN, 'delete', 'ns/kube-system'], key: 'refused.kubectl.clusterScoped' },
  { name: 'delete clusterroles.rbac.authorization.k8s.io', argv: [...KN, 'delete', 'clusterroles.rbac.authorization.k8s.io', 'admin'], key: 'refused.kubectl.clusterScoped' },
  { name: 'label nodes', argv: [...KN, 'label', 'nodes', '--all', 'evil=1'], key: 'refused.kubectl.clusterScoped' },
  { name: 'patch a clusterrole', argv: [...KN, 'patch', 'clusterrole', 'admin', '-p', '{}'], key: 'refused.kubectl.clusterScoped' },
  { name: 'create namespace', argv: [...KN, 'create', 'namespace', 'x'], key: 'refused.kubectl.clusterScoped' },
  { name: 'create clusterrolebinding', argv: [...KN, 'create', 'clusterrolebinding', 'pwn', '--clusterrole=cluster-admin', '--user=me'], key: 'refused.kubectl.clusterScoped' },
  { name: 'auth reconcile', argv: [...KN, 'auth', 'reconcile', '-f', 'rbac.yaml'], key: 'refused.kubectl.clusterScoped' },
  { name: 'delete --raw', argv: [...KN, 'delete', '--raw', '/api/v1/namespaces/kube-system/pods/x'], key: 'refused.kubectl.raw' },
  { name: 'apply --prune', argv: [...KN, 'apply', '-f', 'x.yaml', '--prune', '-l', 'app=x'], key: 'refused.kubectl.prune' },
  { name: 'cp from NAMESPACE/POD:PATH', argv: [...KN, 'cp', 'kube-system/etcd:/etc/kubernetes/pki', 'ivol-pki'], key: 'refused.kubectl.namespaceOther' },
  { name: 'byoc: delete --all in the namespace', argv: [...KN, 'delete', 'pods', '--all'], key: 'refused.kubectl.deleteAll', mode: 'byoc' },
  // ---- kind: only the tour's cluster
  { name: 'kind delete cluster --name tour --name other', argv: ['kind', 'delete', 'cluster', '--name', '{cluster}', '--name', 'work'], key: 'refused.kind.nameRepeated', mode: 'real' },
  { name: 'kind delete cluster -n tour -n other', argv: ['kind', 'delete', 'cluster', '-n', '{cluster}', '-n', 'work'], key: 'refused.kind.nameRepeated', mode: 'real' },
  { name: 'kind delete clusters --all', argv: ['kind', 'delete', 'clusters', '--all'], key: 'refused.kind.deleteClusters' },
  { name: 'kind delete clusters NAME', argv: ['kind', 'delete', 'clusters', 'work'], key: 'refused.kind.deleteClusters' },
  { name: 'kind delete cluster without --name', argv: ['kind', 'delete', 'cluster'], key: 'refused.kind.nameMissing', mode: 'real' },
  { name: 'kind delete cluster --name=other', argv: ['kind', 'delete', 'cluster', '--name=work'], key: 'refused.kind.nameOther', mode: 'real' },
  { name: 'kind delete cluster -nother', argv: ['kind', 'delete', 'cluster', '-nwork'], key: 'refused.kind.nameOther', mode: 'real' },
  { name: 'kind --name other before the command (flags anywhere)', argv: ['kind', '--name', 'work', 'delete', 'cluster'], key: 'refused.kind.nameOther', mode: 'real' },
  { name: 'kind create cluster --kubeconfig', argv: ['kind', 'create', 'cluster', '--name', '{cluster}', '--kubeconfig', 'ivol-kc'], key: 'refused.kind.kubeconfig', mode: 'real' },
  { name: 'kind create cluster with an empty name', argv: ['kind', 'create', 'cluster', '--name', ''], key: 'refused.kind.nameOther', mode: 'real' },
  { name: 'kind create cluster, the name left to the config', argv: ['kind', 'create', 'cluster', '--config', 'kind.yaml'], key: 'refused.kind.nameMissing', mode: 'real' },
  { name: 'kind export kubeconfig --name other', argv: ['kind', 'export', 'kubeconfig', '--name', 'work'], key: 'refused.kind.nameOther', mode: 'real' },
  { name: 'kind export kubeconfig --kubeconfig', argv: ['kind', 'export', 'kubeconfig', '--name', '{cluster}', '--kubeconfig', '{kubeconfig}'], key: 'refused.kind.kubeconfig', mode: 'real' },
  { name: 'kind get nodes -A', argv: ['kind', 'get', 'nodes', '-A'], key: 'refused.kind.allClusters', mode: 'real' },
  { name: 'kind load docker-image --name other', argv: ['kind', 'load', 'docker-image', 'busybox', '--name', 'work'], key: 'refused.kind.nameOther', mode: 'real' },
  { name: 'kind build base-image (not a command the tour runs)', argv: ['kind', 'build', 'base-image'], key: 'refused.kind.notAllowed', mode: 'real' },
  { name: 'byoc: kind create cluster', argv: ['kind', 'create', 'cluster', '--name', '{cluster}'], key: 'refused.kind.byoc', mode: 'byoc' },
  { name: 'byoc: kind delete cluster', argv: ['kind', 'delete', 'cluster', '--name', '{cluster}'], key: 'refused.kind.byoc', mode: 'byoc' },
  { name: 'byoc: kind load docker-image', argv: ['kind', 'load', 'docker-image', 'busybox', '--name', '{cluster}'], key: 'refused.kind.byoc', mode: 'byoc' },
  // ---- wrappers, paths and other clients
  { name: 'env KUBECONFIG=… kubectl', argv: ['env', 'KUBECONFIG={kubeconfig}', 'kubectl', '--context', '{context}', 'get', 'pods'], key: 'refused.wrapper', escapesKubeconfig: true },
  { name: 'env kubectl', argv: ['env', 'kubectl', '--context', 'prod-cluster', 'get', 'pods'], key: 'refused.wrapper' },
  { name: '/usr/bin/env -i kubectl', argv: ['/usr/bin/env', '-i', 'kubectl', 'get', 'pods'], key: 'refused.wrapper', escapesKubeconfig: true },
  { name: "sh -c 'kubectl …'", argv: ['sh', '-c', 'kubectl --context prod-cluster get pods'], key: 'refused.wrapper' },
  { name: 'bash -lc with the name split by quotes', argv: ['bash', '-lc', "ku''bectl get pods"], key: 'refused.wrapper' },
  { name: 'dash -c kind', argv: ['dash', '-c', 'kind delete clusters --all'], key: 'refused.wrapper' },
  { name: 'xargs kubectl', argv: ['xargs', 'kubectl', '--context', 'prod-cluster', 'delete', 'pod'], key: 'refused.wrapper' },
  { name: 'sudo kubectl', argv: ['sudo', '-E', 'kubectl', '--context', 'prod-cluster', 'get', 'pods'], key: 'refused.wrapper', escapesKubeconfig: true },
  { name: 'timeout kubectl', argv: ['timeout', '5', 'kubectl', '--context', 'prod-cluster', 'get', 'pods'], key: 'refused.wrapper' },
  { name: 'nice /usr/bin/kubectl', argv: ['nice', '-n', '5', '/usr/bin/kubectl', '--context', 'prod-cluster', 'get', 'pods'], key: 'refused.wrapper' },
  { name: 'nohup kind', argv: ['nohup', 'kind', 'delete', 'clusters', '--all'], key: 'refused.wrapper' },
  { name: 'stdbuf kubectl', argv: ['stdbuf', '-oL', 'kubectl', '--context', 'staging', 'get', 'pods'], key: 'refused.wrapper' },
  { name: 'command kubectl', argv: ['command', 'kubectl', 'get', 'pods'], key: 'refused.wrapper' },
  { name: 'busybox sh -c', argv: ['busybox', 'sh', '-c', 'kubectl get pods'], key: 'refused.wrapper' },
  { name: 'watch kubectl', argv: ['watch', '-n1', 'kubectl --context prod-cluster get pods'], key: 'refused.wrapper' },
  { name: 'time kubectl', argv: ['time', 'kubectl', '--context', 'prod-cluster', 'get', 'pods'], key: 'refused.wrapper' },
  { name: 'doas kind', argv: ['doas', 'kind', 'delete', 'cluster', '--name', 'work'], key: 'refused.wrapper', escapesKubeconfig: true },
  { name: 'python -c os.system(kubectl)', argv: ['python3', '-c', "import os; os.system('kubectl --context prod-cluster get pods')"], key: 'refused.wrapper' },
  { name: 'find -exec kubectl', argv: ['find', '.', '-name', '*.yaml', '-exec', 'kubectl', '--context', 'prod-cluster', 'apply', '-f', '{}', ';'], key: 'refused.wrapper' },
  { name: 'docker run a kubectl image with the kubeconfig', argv: ['docker', 'run', '--rm', '-v', '{kubeconfig}:/root/.kube/config', 'bitnami/kubectl', 'get', 'pods'], key: 'refused.wrapper', escapesKubeconfig: true },
  { name: 'kubectl by absolute path', argv: ['/usr/bin/kubectl', '--context', 'prod-cluster', 'get', 'pods'], key: 'refused.kubectl.contextOther' },
  { name: 'kubectl by relative path', argv: ['./bin/kubectl', 'get', 'pods'], key: 'refused.kubectl.contextMissing' },
  { name: 'KUBECTL.EXE (case-insensitive file systems)', argv: ['KUBECTL.EXE', '--context', 'prod-cluster', 'get', 'pods'], key: 'refused.kubectl.contextOther' },
  { name: 'kubecolor (a kubectl front end)', argv: ['kubecolor', '--context', 'prod-cluster', 'get', 'pods'], key: 'refused.kubectl.contextOther' },
  { name: 'kind by relative path', argv: ['./kind', 'delete', 'cluster', '--name', 'work'], key: 'refused.kind.nameOther', mode: 'real' },
  { name: 'a kubectl plugin run directly', argv: ['kubectl-ctx', 'prod-cluster'], key: 'refused.kubectlPlugin' },
  { name: 'helm', argv: ['helm', '--kube-context', 'prod-cluster', 'uninstall', 'x'], key: 'refused.otherClient' },
  { name: 'oc', argv: ['oc', '--context', 'prod-cluster', 'get', 'pods'], key: 'refused.otherClient' },
  { name: 'kubectx', argv: ['kubectx', 'prod-cluster'], key: 'refused.otherClient' },
  { name: 'an empty argv', argv: [], key: 'refused.empty' },
];

export interface HostileVars {
  readonly context: string;
  readonly namespace: string;
  readonly cluster: string;
  readonly other: string;
  readonly kubeconfig: string;
}

export function expandHostile(argv: readonly string[], v: HostileVars): string[] {
  return argv.map((a) => a.replace(/\{(context|namespace|cluster|other|kubeconfig)\}/g, (_, k: keyof HostileVars) => v[k]));
}

/** Whether a case applies to a session of this mode. */
export function appliesTo(c: HostileCase, mode: 'real' | 'byoc'): boolean {
  return (c.mode ?? 'both') === 'both' || c.mode === mode;
}
