import { describe, expect, it } from 'vitest';
import type { ObjectRef } from '../../engine/ownership.js';
import type { AskPerson, CommandRequest, CommandResult, CommandRunner } from '../ports.js';
import { memoryClusterRecord } from '../store/cluster-record.js';
import { createOwnershipGuard, guardedRunner, type Inspected, type KindClusters, type ObjectLookup, type OwnershipGuardOptions } from './ownership-guard.js';

const OURS = { 'app.kubernetes.io/managed-by': 'ivol-tour' };

/** A cluster of objects by "Kind ns/name" (namespaced kinds: Pod, ConfigMap; cluster-scoped: Namespace, Node). */
function lookup(objects: Record<string, Record<string, string> | undefined>, defaultNs = 'default'): ObjectLookup & { reads: string[] } {
  const kinds: Record<string, { kind: string; namespaced: boolean }> = {
    pod: { kind: 'Pod', namespaced: true }, pods: { kind: 'Pod', namespaced: true }, po: { kind: 'Pod', namespaced: true },
    configmap: { kind: 'ConfigMap', namespaced: true }, namespace: { kind: 'Namespace', namespaced: false }, ns: { kind: 'Namespace', namespaced: false },
    nodes: { kind: 'Node', namespaced: false }, deploy: { kind: 'Deployment', namespaced: true },
  };
  const reads: string[] = [];
  return {
    reads,
    defaultNamespace: () => Promise.resolve(defaultNs),
    inspect(ref: ObjectRef, namespace: string): Promise<Inspected> {
      const meta = ref.type !== undefined ? kinds[ref.type.toLowerCase()] : Object.values(kinds).find((k) => k.kind === ref.kind);
      if (!meta) return Promise.resolve({ unknownType: ref.type ?? ref.kind ?? '?' });
      const key = meta.namespaced ? `${meta.kind} ${namespace}/${ref.name}` : `${meta.kind} ${ref.name}`;
      reads.push(key);
      return Promise.resolve(key in objects ? { found: true, ...meta, labels: objects[key] } : { found: false, ...meta });
    },
  };
}

function clusters(names: string[], marked: string[] = []): KindClusters {
  return {
    exists: (n) => Promise.resolve(names.includes(n)),
    marked: (n) => Promise.resolve(marked.includes(n)),
    names: () => Promise.resolve(names),
  };
}

function guard(o: Partial<OwnershipGuardOptions> & { files?: Record<string, string> } = {}) {
  return createOwnershipGuard({
    objects: lookup({}),
    readFile: (p) => Promise.resolve(o.files?.[p] ?? null),
    clusters: clusters([]),
    record: memoryClusterRecord('/state/clusters.json'),
    context: 'kind-ivol',
    namespace: 'default',
    ...o,
  });
}

const req = (line: string, cwd?: string): CommandRequest => ({ argv: line.split(' '), timeoutMs: 1000, ...(cwd ? { cwd } : {}) });
const POD = (name: string, labelled: boolean, ns?: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}${labelled ? '  labels:\n    app.kubernetes.io/managed-by: ivol-tour\n' : ''}`;

describe('the ownership guard: kubectl', () => {
  const objects = lookup({
    'Pod default/image-volume': { app: 'mine' }, // the learner's
    'Pod default/tour-pod': OURS,
    'Pod other/image-volume': OURS,
    'Namespace default': {},
    'Pod default/no-labels': undefined,
  });
  const g = guard({
    objects,
    files: {
      '/work/pod.yaml': POD('image-volume', true),
      '/work/ours.yaml': POD('tour-pod', true),
      '/work/new.yaml': POD('brand-new', true),
      '/work/two.yaml': `${POD('tour-pod', true)}---\n${POD('image-volume', true)}`,
      '/work/elsewhere.yaml': POD('image-volume', true, 'other'),
      '/work/bad.yaml': 'kind: Pod\nmetadata: {}\n',
    },
  });

  it.each([
    ['kubectl --context kind-ivol -n default apply -f /work/pod.yaml', 'ownership.notOurs', 'Pod default/image-volume'],
    ['kubectl --context kind-ivol apply -f pod.yaml', 'ownership.notOurs', 'Pod default/image-volume'], // relative to the command's cwd
    ['kubectl --context kind-ivol apply -f /work/two.yaml', 'ownership.notOurs', 'Pod default/image-volume'],
    ['kubectl --context kind-ivol delete pod image-volume', 'ownership.notOurs', 'Pod default/image-volume'],
    ['kubectl --context kind-ivol delete pod/no-labels', 'ownership.notOurs', 'Pod default/no-labels'],
    ['kubectl --context kind-ivol label po image-volume app.kubernetes.io/managed-by=ivol-tour --overwrite', 'ownership.notOurs', 'Pod default/image-volume'],
    ['kubectl --context kind-ivol annotate pod image-volume x=y', 'ownership.notOurs', 'Pod default/image-volume'],
    ['kubectl --context kind-ivol patch pod image-volume -p {}', 'ownership.notOurs', 'Pod default/image-volume'],
    ['kubectl --context kind-ivol replace --force -f /work/pod.yaml', 'ownership.notOurs', 'Pod default/image-volume'],
    ['kubectl --context kind-ivol delete ns default', 'ownership.notOurs', 'Namespace default'],
    ['kubectl --context kind-ivol exec image-volume -c shell -- touch /volume/x', 'ownership.execNotOurs', 'Pod default/image-volume'],
    ['kubectl --context kind-ivol cp ./f image-volume:/tmp/f', 'ownership.execNotOurs', 'Pod default/image-volume'],
  ])('%s: refused (%s, %s)', async (line, rule, object) => {
    const r = await g.check(req(line, '/work'));
    expect(r?.rule).toBe(rule);
    expect(r?.params['object']).toBe(object);
    expect(r?.params['context']).toBe('kind-ivol');
  });

  it.each([
    'kubectl --context kind-ivol apply -f /work/ours.yaml', // the tour's own: may be updated
    'kubectl --context kind-ivol apply -f /work/new.yaml', // nothing there yet
    'kubectl --context kind-ivol apply -f /work/elsewhere.yaml', // the manifest's namespace: the tour's Pod there
    'kubectl --context kind-ivol apply -f /work/missing.yaml', // kubectl stops at it by itself
    'kubectl --context kind-ivol -n other delete pod image-volume',
    'kubectl --context kind-ivol delete pod tour-pod gone',
    'kubectl --context kind-ivol exec tour-pod -- cat /volume/file',
    'kubectl --context kind-ivol delete pods -l app.kubernetes.io/managed-by=ivol-tour --ignore-not-found',
    'kubectl --context kind-ivol get pod image-volume -o yaml',
    'kubectl --context kind-ivol wait --for=delete pod/image-volume',
    'kubectl --context kind-ivol create deployment image-volume --image=x', // create never updates
    'docker build -t x .',
  ])('%s: allowed', async (line) => {
    expect(await g.check(req(line, '/work'))).toBeNull();
  });

  it('-n wins over the manifest\'s namespace, as in kubectl', async () => {
    const r = await g.check(req('kubectl --context kind-ivol -n default apply -f /work/elsewhere.yaml'));
    expect(r?.params['object']).toBe('Pod default/image-volume');
  });

  it('what it cannot check, it does not run', async () => {
    expect((await g.check(req('kubectl --context kind-ivol apply -f /work/bad.yaml')))?.rule).toBe('ownership.unchecked');
    expect((await g.check(req('kubectl --context kind-ivol delete widgets w1')))?.params['detail']).toBe('the server has no resource type "widgets"');
    expect((await g.check(req('kubectl --context kind-ivol exec deploy/web -- sh')))?.rule).toBe('ownership.unchecked'); // which Pod?
    expect((await g.check(req('kubectl --context kind-ivol frob pods')))?.rule).toBe('ownership.unchecked');
    expect(await guard({ unknownCommands: 'allow' }).check(req('kubectl --context kind-ivol frob pods'))).toBeNull();
    const failing = guard({ objects: { defaultNamespace: () => Promise.resolve('default'), inspect: () => Promise.reject(new Error('HTTP 500')) } });
    expect(await failing.check(req('kubectl --context kind-ivol delete pod x'))).toMatchObject({ rule: 'ownership.unchecked', params: { detail: 'HTTP 500' } });
    const unreadable = guard({ readFile: () => Promise.reject(new Error('EISDIR: illegal operation on a directory')) });
    expect((await unreadable.check(req('kubectl --context kind-ivol apply -f /work')))?.params['detail']).toContain('EISDIR');
  });

  it('without -n, the context\'s namespace is the one read', async () => {
    const seen = lookup({}, 'production');
    await guard({ objects: seen }).check(req('kubectl --context kind-ivol delete pod image-volume'));
    expect(seen.reads).toEqual(['Pod production/image-volume']);
  });

  it('checkExec: commands run only in the tour\'s own Pods of its namespace', async () => {
    expect(await g.checkExec('tour-pod')).toBeNull();
    expect(await g.checkExec('image-volume')).toMatchObject({ rule: 'ownership.execNotOurs', params: { verb: 'exec', object: 'Pod default/image-volume' } });
    expect(await g.checkExec('absent')).toBeNull(); // exec into nothing fails by itself
  });
});

describe('the ownership guard: kind clusters', () => {
  const del = req('kind delete cluster --name work');

  it('deletes without a question a cluster the tour recorded or marked, or one that does not exist', async () => {
    const record = memoryClusterRecord();
    await record.add('work');
    const never: AskPerson = () => Promise.reject(new Error('must not ask'));
    expect(await guard({ clusters: clusters(['work']), record, ask: never }).check(del)).toBeNull();
    expect(await guard({ clusters: clusters(['work'], ['work']), ask: never }).check(del)).toBeNull();
    expect(await guard({ clusters: clusters([]), ask: never }).check(del)).toBeNull();
  });

  it('asks about any other, even with --yes: yes deletes, no keeps, nobody to ask keeps', async () => {
    const asked: unknown[] = [];
    const answer = (a: boolean | null): AskPerson => (q) => {
      asked.push(q);
      return Promise.resolve(a);
    };
    const base = { clusters: clusters(['work']) };
    expect(await guard({ ...base, ask: answer(true) }).check(del)).toBeNull();
    expect(await guard({ ...base, ask: answer(false) }).check(del)).toMatchObject({ rule: 'ownership.clusterKept', params: { cluster: 'work' } });
    expect(await guard({ ...base, ask: answer(null) }).check(del)).toMatchObject({ rule: 'ownership.clusterUnconfirmed' });
    expect(await guard(base).check(del)).toMatchObject({
      rule: 'ownership.clusterUnconfirmed',
      params: { cluster: 'work', label: 'ivol-tour/created-by=ivol-tour', record: '/state/clusters.json' },
    });
    expect(asked).toEqual(Array(3).fill({ key: 'ownership.clusterQuestion', params: { context: 'kind-ivol', namespace: 'default', cluster: 'work', label: 'ivol-tour/created-by=ivol-tour', record: '/state/clusters.json' } }));
    // KIND_CLUSTER_NAME names the cluster when --name does not.
    expect(await guard({ ...base, env: { KIND_CLUSTER_NAME: 'work' } }).check(req('kind delete cluster'))).toMatchObject({ rule: 'ownership.clusterUnconfirmed' });
    expect(await guard({ clusters: clusters(['a', 'work'], ['a']) }).check(req('kind delete clusters --all'))).toMatchObject({ params: { cluster: 'work' } });
  });

  it('records the clusters the tour creates, and forgets the ones it deletes', async () => {
    const record = memoryClusterRecord();
    const ran: string[] = [];
    const runner: CommandRunner = {
      run(request): Promise<CommandResult> {
        ran.push(request.argv.join(' '));
        return Promise.resolve({ exitCode: request.argv.includes('fails') ? 1 : 0, timedOut: false, cancelled: false });
      },
    };
    const world = clusters(['ivol']);
    const commands = guardedRunner(runner, guard({ clusters: world, record }));
    await commands.run(req('kind create cluster --name fails'), () => undefined);
    expect(await record.has('fails')).toBe(false);
    await commands.run(req('kind create cluster --name ivol --wait 5m'), () => undefined);
    expect(await record.has('ivol')).toBe(true);
    expect((await commands.run(req('kind delete cluster --name ivol'), () => undefined)).refusal).toBeUndefined();
    expect(await record.has('ivol')).toBe(false);
    // A refused command never reaches the runner.
    const refused = await commands.run(req('kind delete cluster --name ivol'), () => undefined);
    expect(refused).toMatchObject({ exitCode: null, refusal: { rule: 'ownership.clusterUnconfirmed' } });
    expect(ran).toEqual(['kind create cluster --name fails', 'kind create cluster --name ivol --wait 5m', 'kind delete cluster --name ivol']);
  });
});
