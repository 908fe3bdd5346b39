import { describe, expect, it } from 'vitest';
import {
  isTourObject,
  kindClusterAction,
  kindConfigFiles,
  kubectlChange,
  kubectlManifestFiles,
  manifestObjects,
  selectorRequiresTourLabel,
  unlabelledManifestObject,
  unmarkedKindNodes,
  type KubectlChange,
} from './ownership.js';

const CTX = ['--context', 'kind-ivol'];
const words = (line: string): string[] => line.split(' ').filter(Boolean);

/** The targets of a change, as TYPE/NAME@NS (NS `-` when the command gives none). */
function targets(change: KubectlChange): string[] {
  if (change.kind !== 'objects') return [];
  return change.targets.map((t) => `${t.type ?? t.kind ?? '?'}/${t.name}@${t.namespace ?? '-'}`);
}

describe('kubectlChange: what a kubectl command would change', () => {
  it.each([
    // Reading, and creating only (kubectl create/run/expose/autoscale fail on an existing name).
    'get pods', 'describe pod image-volume', 'logs image-volume', 'wait --for=condition=Ready pod/image-volume --timeout=180s',
    'version --client', 'get events --field-selector involvedObject.name=image-volume', 'explain pod', 'diff -f pod.yaml',
    'run x --image=debian', 'create deployment web --image=nginx', 'expose pod image-volume --port 80', 'rollout status deploy/web',
    'apply -f pod.yaml --dry-run=server', 'delete pod image-volume --dry-run=client', 'auth can-i delete pods', 'port-forward pod/x 8080:80', '',
  ])('%j changes nothing that exists', (line) => {
    expect(kubectlChange([...CTX, ...words(line)])).toEqual({ kind: 'none' });
  });

  it.each([
    ['-n default apply -f pod.yaml', [], ['pod.yaml']],
    ['apply --filename=a.yaml -f=b.yaml', [], ['a.yaml', 'b.yaml']],
    ['-n default delete pod image-volume image-volume-subpath --ignore-not-found', ['pod/image-volume@default', 'pod/image-volume-subpath@default'], []],
    ['delete pod/image-volume svc/web', ['pod/image-volume@-', 'svc/web@-'], []],
    ['--namespace=ns delete pods,services web', ['pods/web@ns', 'services/web@ns'], []],
    ['delete -f pod.yaml', [], ['pod.yaml']],
    ['replace --force -f pod.yaml', [], ['pod.yaml']],
    ['create -f pod.yaml', [], ['pod.yaml']],
    ['patch pod image-volume -p {"metadata":{}}', ['pod/image-volume@-'], []],
    ['label pod image-volume app.kubernetes.io/managed-by=ivol-tour --overwrite', ['pod/image-volume@-'], []],
    ['label pods image-volume old-', ['pods/image-volume@-'], []],
    ['annotate -n x pod image-volume note=hi', ['pod/image-volume@x'], []],
    ['scale deploy/web --replicas=2', ['deploy/web@-'], []],
    ['set image deploy/web web=nginx:2', ['deploy/web@-'], []],
    ['rollout restart deploy/web', ['deploy/web@-'], []],
    ['edit pod/image-volume', ['pod/image-volume@-'], []],
    ['taint nodes ivol-control-plane key=v:NoSchedule', ['nodes/ivol-control-plane@-'], []],
    ['cordon ivol-control-plane', ['nodes/ivol-control-plane@-'], []],
    ['debug image-volume -it --image=busybox', ['pods/image-volume@-'], []],
    ['certificate approve csr-1', ['certificatesigningrequests/csr-1@-'], []],
    ['delete pods -l app.kubernetes.io/managed-by=ivol-tour --wait=false', [], []],
    ['delete pods --all -l app.kubernetes.io/managed-by=ivol-tour', [], []],
  ] as const)('%j: targets %j, files %j', (line, wantTargets, wantFiles) => {
    const change = kubectlChange([...CTX, ...words(line)]);
    expect(change.kind, JSON.stringify(change)).toBe('objects');
    expect(targets(change)).toEqual(wantTargets);
    if (change.kind === 'objects') expect(change.files).toEqual(wantFiles);
  });

  it.each([
    ['-n default exec image-volume -c shell -- touch /volume/x', ['pods/image-volume@default']],
    ['exec pod/image-volume -- ls', ['pod/image-volume@-']],
    ['exec -it image-volume -- sh', ['pods/image-volume@-']],
    ['attach image-volume', ['pods/image-volume@-']],
    ['cp ./f default/image-volume:/tmp/f', ['pods/image-volume@default']],
    ['-n x cp image-volume:/etc/hosts ./hosts', ['pods/image-volume@x']],
  ] as const)('%j runs something in %j', (line, want) => {
    const change = kubectlChange([...CTX, ...words(line)]);
    expect(change.kind === 'objects' && change.exec).toBe(true);
    expect(targets(change)).toEqual(want);
  });

  it.each([
    ['delete pods --all', 'ownership.selector'],
    ['delete pods -l app=web', 'ownership.selector'],
    ['label pods -l app.kubernetes.io/managed-by!=ivol-tour x=y', 'ownership.selector'],
    ['delete pods --field-selector status.phase=Failed', 'ownership.selector'],
    ['apply --prune -l app=web -f dir', 'ownership.selector'],
    ['apply --prune --all -f dir', 'ownership.selector'],
    ['delete pods -A -l app.kubernetes.io/managed-by=ivol-tour', 'ownership.allNamespaces'],
    ['delete pods --all-namespaces image-volume', 'ownership.allNamespaces'],
    ['apply -k ./overlay', 'ownership.unchecked'],
    ['apply -f -', 'ownership.unchecked'],
    ['apply -f https://example.com/pod.yaml', 'ownership.unchecked'],
    ['frobnicate pods', 'ownership.unchecked'],
  ] as const)('%j is refused: %s', (line, rule) => {
    const change = kubectlChange([...CTX, ...words(line)]);
    expect(change.kind).toBe('refuse');
    if (change.kind === 'refuse') expect(change.refusal.rule).toBe(rule);
  });

  it('selectors must require the tour\'s label', () => {
    expect(selectorRequiresTourLabel('app.kubernetes.io/managed-by=ivol-tour')).toBe(true);
    expect(selectorRequiresTourLabel('app=web,app.kubernetes.io/managed-by==ivol-tour')).toBe(true);
    expect(selectorRequiresTourLabel('app.kubernetes.io/managed-by in (ivol-tour)')).toBe(true);
    expect(selectorRequiresTourLabel('app.kubernetes.io/managed-by in (ivol-tour,helm)')).toBe(false);
    expect(selectorRequiresTourLabel('app.kubernetes.io/managed-by!=ivol-tour')).toBe(false);
    expect(selectorRequiresTourLabel('app.kubernetes.io/managed-by')).toBe(false);
    expect(selectorRequiresTourLabel('app.kubernetes.io/managed-by=ivol-tour-x')).toBe(false);
  });

  it('tells the manifest files that apply, create and replace write', () => {
    expect(kubectlManifestFiles([...CTX, '-n', 'default', 'apply', '-f', '{file:pod}'])).toEqual(['{file:pod}']);
    expect(kubectlManifestFiles([...CTX, 'delete', '-f', '{file:pod}'])).toEqual([]);
    expect(kubectlManifestFiles([...CTX, 'apply', '-f', 'x', '--dry-run=client'])).toEqual([]);
    expect(kindConfigFiles(['create', 'cluster', '--name', 'ivol', '--config', '{file:kind-config}'])).toEqual(['{file:kind-config}']);
    expect(kindConfigFiles(['delete', 'cluster', '--name', 'ivol'])).toEqual([]);
  });
});

describe('kindClusterAction', () => {
  it.each([
    ['create cluster --name ivol --config c.yaml --wait 5m', { action: 'create', names: ['ivol'], all: false }],
    ['delete cluster --name=work', { action: 'delete', names: ['work'], all: false }],
    ['delete cluster', { action: 'delete', names: ['from-env'], all: false }],
    ['delete clusters a b', { action: 'delete', names: ['a', 'b'], all: false }],
    ['delete clusters --all', { action: 'delete', names: [], all: true }],
    ['get clusters', null],
  ] as const)('%j', (line, want) => {
    expect(kindClusterAction(words(line), { KIND_CLUSTER_NAME: 'from-env' })).toEqual(want);
  });
});

describe('manifests', () => {
  it('lists the objects of every document and List, with their namespaces', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b, namespace: x}\n---\n';
    expect(manifestObjects(text)).toEqual([
      { apiVersion: 'v1', kind: 'Pod', name: 'a' },
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'b', namespace: 'x' },
    ]);
    expect(manifestObjects('kind: Pod\nmetadata: {generateName: x-}\n')).toEqual([]);
    expect(manifestObjects('kind: Pod\nmetadata: {}\n')).toEqual({ error: 'an object of kind Pod has no metadata.name' });
    expect(manifestObjects('a: [\n')).toHaveProperty('error');
  });

  it('finds the first object without the tour\'s label', () => {
    const ours = 'kind: Pod\nmetadata:\n  name: a\n  labels: {app.kubernetes.io/managed-by: ivol-tour}\n';
    expect(unlabelledManifestObject(ours)).toBeNull();
    expect(unlabelledManifestObject(`${ours}---\nkind: Service\nmetadata: {name: b}\n`)).toEqual({ kind: 'Service', name: 'b' });
    expect(isTourObject({ labels: { 'app.kubernetes.io/managed-by': 'ivol-tour' } })).toBe(true);
    expect(isTourObject({ labels: { 'app.kubernetes.io/managed-by': 'helm' } })).toBe(false);
    expect(isTourObject(undefined)).toBe(false);
  });

  it('counts the kind config nodes without the cluster mark', () => {
    const marked = '  labels:\n    ivol-tour/created-by: ivol-tour\n';
    expect(unmarkedKindNodes(`kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n${marked}`)).toBe(0);
    expect(unmarkedKindNodes(`kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n${marked}- role: worker\n`)).toBe(1);
    expect(unmarkedKindNodes('kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n')).toBe(1);
    expect(unmarkedKindNodes('kind: Pod\n')).toBeNull();
  });
});
