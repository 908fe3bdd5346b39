// Every object `room create` makes, for the built-in tutorial: valid against the Kubernetes
// schemas (kubernetes-models' JSON schemas, ajv), and least privilege, as a table of rules:
// no wildcard verb, resource or group; no secrets; nothing in another namespace; the seat's
// namespace and progress ConfigMap only by name; nothing cluster-wide but reading nodes. And a
// tutorial that reaches for more gets nothing for it (listed as not given).
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigMap, Namespace, Pod, ServiceAccount } from 'kubernetes-models/v1';
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { TokenRequest } from 'kubernetes-models/authentication.k8s.io/v1';
import { BUILTIN_TUTORIAL_DIR, loadTutorialDir } from '../src/adapters/tutorial-files.js';
import type { StepSpec, TutorialSpec } from '../src/engine/model.js';
import {
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
} from '../src/engine/ownership.js';
import {
  PROGRESS_CONFIGMAP,
  planObjects,
  planRoom,
  probePod,
  rightsToCreate,
  rightText,
  ROOM_LABEL,
  roomNameProblem,
  seatIds,
  seatKubeconfig,
  tokenRequest,
  type KubeObject,
} from '../src/engine/room.js';
import { seatRights, type SeatRule } from '../src/engine/room-rights.js';

function builtin(): TutorialSpec {
  const loaded = loadTutorialDir(BUILTIN_TUTORIAL_DIR);
  if (!loaded.ok) throw new Error('the built-in tutorial does not load');
  return loaded.tutorial;
}

const SCHEMAS: Readonly<Record<string, new (data: never) => { validate(): void }>> = {
  Namespace, ServiceAccount, ConfigMap, Role, RoleBinding, ClusterRole, ClusterRoleBinding,
};

const tutorial = builtin();
const plan = planRoom('ws', 12, seatRights(tutorial));
const objects = planObjects(plan);

describe('every object room create makes', () => {
  it('is one of the kinds a room makes, 5 per seat and the nodes ClusterRole with its binding', () => {
    expect(objects.filter((o) => o.kind === 'Namespace')).toHaveLength(12);
    expect(new Set(objects.map((o) => o.kind))).toEqual(new Set(Object.keys(SCHEMAS)));
    expect(objects).toHaveLength(12 * 5 + 2);
  });

  it.each(objects.map((o) => [`${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`, o] as const))('%s validates against the Kubernetes schema', (_name, o) => {
    const Model = SCHEMAS[o.kind];
    expect(Model, o.kind).toBeDefined();
    expect(() => new (Model)(o as never).validate()).not.toThrow();
  });

  it('the TokenRequest and the probe Pod validate too', () => {
    expect(() => new TokenRequest(tokenRequest(8 * 3_600_000) as never).validate()).not.toThrow();
    expect(() => new Pod(probePod('ivol-ws-01', 'quay.io/crio/artifact:v2') as never).validate()).not.toThrow();
    expect(tokenRequest(8 * 3_600_000)).toMatchObject({ spec: { expirationSeconds: 28_800 } });
  });

  it('a schema violation is caught (the check can fail)', () => {
    const role = objects.find((o) => o.kind === 'Role') as KubeObject;
    expect(() => new Role({ ...role, rules: [{ apiGroups: [''], resources: ['pods'], verbs: 'get' }] } as never).validate()).toThrow();
  });

  it('each carries the tour\'s label and the room\'s, so that room delete finds exactly these', () => {
    for (const o of objects) {
      expect(o.metadata.labels[MANAGED_BY_LABEL], `${o.kind} ${o.metadata.name}`).toBe(MANAGED_BY_VALUE);
      expect(o.metadata.labels[ROOM_LABEL], `${o.kind} ${o.metadata.name}`).toBe('ws');
    }
  });
});

/** What a seat's Role may hold, resource by resource (the least-privilege table). */
const ALLOWED: Readonly<Record<string, { readonly verbs: readonly string[]; readonly byName?: (ns: string) => readonly string[] }>> = {
  pods: { verbs: ['get', 'list', 'watch', 'create', 'patch', 'delete'] },
  'pods/exec': { verbs: ['get', 'create'] },
  'pods/log': { verbs: ['get'] },
  events: { verbs: ['get', 'list', 'watch'] },
  namespaces: { verbs: ['get'], byName: (ns) => [ns] },
  configmaps: { verbs: ['get', 'update', 'patch'], byName: () => [PROGRESS_CONFIGMAP] },
};

describe('least privilege', () => {
  for (const seat of plan.seats) {
    const role = seat.objects.find((o) => o.kind === 'Role') as KubeObject;
    const rules = role['rules'] as readonly SeatRule[];

    it(`seat ${seat.seat}: the Role holds only the table's verbs and resources, in its own namespace`, () => {
      expect(role.metadata.namespace).toBe(seat.namespace);
      for (const rule of rules) {
        expect(rule.apiGroups).toEqual(['']);
        for (const resource of rule.resources) {
          const allowed = ALLOWED[resource];
          expect(allowed, `resource ${resource}`).toBeDefined();
          for (const verb of rule.verbs) expect(allowed?.verbs, `${verb} ${resource}`).toContain(verb);
          if (allowed?.byName) expect(rule.resourceNames, resource).toEqual(allowed.byName(seat.namespace));
        }
        expect(rule.verbs).not.toContain('*');
        expect(rule.resources).not.toContain('*');
        expect(rule.resources).not.toContain('secrets');
        for (const v of ['escalate', 'bind', 'impersonate']) expect(rule.verbs).not.toContain(v);
      }
      // What the tour needs is there (it could not run otherwise).
      const verbsOf = (res: string): string[] => rules.filter((r) => r.resources.includes(res as never)).flatMap((r) => [...r.verbs]);
      expect(verbsOf('pods')).toEqual(expect.arrayContaining(['get', 'list', 'watch', 'create', 'delete']));
      expect(verbsOf('pods/exec')).toContain('create');
      expect(verbsOf('configmaps')).toEqual(expect.arrayContaining(['get', 'patch']));
    });

    it(`seat ${seat.seat}: the RoleBinding binds the seat's Role to the seat's ServiceAccount only`, () => {
      const binding = seat.objects.find((o) => o.kind === 'RoleBinding') as KubeObject;
      expect(binding['roleRef']).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.metadata.name });
      expect(binding['subjects']).toEqual([{ kind: 'ServiceAccount', name: 'ivol-tour-seat', namespace: seat.namespace }]);
      const sa = seat.objects.find((o) => o.kind === 'ServiceAccount') as KubeObject;
      expect(sa['automountServiceAccountToken']).toBe(false);
    });
  }

  it('nothing cluster-wide but reading nodes, bound to the room\'s seats only', () => {
    const cluster = objects.filter((o) => o.metadata.namespace === undefined && o.kind !== 'Namespace');
    expect(cluster.map((o) => o.kind).sort()).toEqual(['ClusterRole', 'ClusterRoleBinding']);
    const role = cluster.find((o) => o.kind === 'ClusterRole') as KubeObject;
    expect(role['rules']).toEqual([{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] }]);
    const binding = cluster.find((o) => o.kind === 'ClusterRoleBinding') as KubeObject;
    expect(binding['roleRef']).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata.name });
    expect(binding['subjects']).toEqual(seatIds(12).map((s) => ({ kind: 'ServiceAccount', name: 'ivol-tour-seat', namespace: `ivol-ws-${s}` })));
  });

  it('the built-in tutorial reads nodes (its checks), and kube-system\'s Pods are not given', () => {
    expect(plan.rights.nodes).toBe(true);
    expect(plan.rights.nodesFor).toEqual(expect.arrayContaining(['create-cluster/nodes-ready', 'inspect-cluster/runtime-supports']));
    expect(plan.rights.notGiven.map((n) => n.what)).toContain('list pods in kube-system');
  });

  const withCommand = (argv: string[]): TutorialSpec => {
    const steps = tutorial.steps.map((s): StepSpec => (s.id === 'verify' ? { ...s, commands: [...s.commands, { id: 'extra', argv, timeoutMs: 1000, allowFailure: false }] } : s));
    return { ...tutorial, steps };
  };
  it.each([
    [['kubectl', 'get', 'secrets'], 'get, list secrets'],
    [['kubectl', '-n', 'kube-system', 'delete', 'pod', 'coredns'], 'delete, get, watch pods in kube-system'],
    [['kubectl', 'label', 'node', 'ivol-control-plane', 'x=y'], 'get, patch nodes'],
    [['kubectl', 'create', 'serviceaccount', 'sneaky'], 'create serviceaccounts'],
    [['kubectl', 'auth', 'reconcile', '-f', 'x'], 'kubectl auth'],
  ])('a tutorial running %j gets no right for it (%s is not given)', (argv, what) => {
    const rights = seatRights(withCommand(argv));
    expect(rights.notGiven.map((n) => n.what)).toContain(what);
    const rules = planRoom('ws', 1, rights).seats[0]?.objects.find((o) => o.kind === 'Role')?.['rules'] as SeatRule[];
    const base = planRoom('ws', 1, seatRights(tutorial)).seats[0]?.objects.find((o) => o.kind === 'Role')?.['rules'] as SeatRule[];
    expect(rules).toEqual(base);
  });
});

describe('the trainer', () => {
  it('is asked for every right the seats get (one can grant only what one has) and what making them needs', () => {
    const texts = rightsToCreate(plan).map(rightText);
    for (const t of ['create namespaces (cluster-wide)', 'create serviceaccounts/token in ivol-ws-01', 'create rolebindings.rbac.authorization.k8s.io in ivol-ws-01', 'create clusterroles.rbac.authorization.k8s.io (cluster-wide)', 'create pods/exec in ivol-ws-01', 'watch nodes (cluster-wide)']) {
      expect(texts).toContain(t);
    }
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('names rooms whose namespaces are DNS labels, and refuses others', () => {
    expect(roomNameProblem('ws', 30)).toBeNull();
    expect(roomNameProblem('Bad_Name', 3)?.key).toBe('room.badName');
    expect(roomNameProblem('x'.repeat(58), 3)?.key).toBe('room.nameTooLong');
    expect(seatIds(3)).toEqual(['01', '02', '03']);
    expect(seatIds(100).at(-1)).toBe('100');
  });

  it('hands each seat a kubeconfig with its namespace, its token and nothing of the trainer\'s', () => {
    const text = seatKubeconfig({ room: 'ws', seat: '07', cluster: { server: 'https://10.0.0.1:6443', certificateAuthorityData: 'Q0E=' }, token: 'abc', expires: '2030-01-01T00:00:00Z' });
    const doc = parse(text) as Record<string, unknown>;
    expect(doc['current-context']).toBe('ivol-ws-07');
    expect(doc['contexts']).toEqual([{ name: 'ivol-ws-07', context: { cluster: 'ivol-ws', user: 'ivol-ws-07', namespace: 'ivol-ws-07' } }]);
    expect(doc['users']).toEqual([{ name: 'ivol-ws-07', user: { token: 'abc' } }]);
    expect(doc['clusters']).toEqual([{ name: 'ivol-ws', cluster: { server: 'https://10.0.0.1:6443', 'certificate-authority-data': 'Q0E=' } }]);
  });
});
