// Validates the built-in tutorial's assets (tutorials/image-volume/assets/) and its wiring (tutorials/image-volume/):
// - Pod manifests against the Kubernetes core/v1 types: every field must exist in the
//   @kubernetes/client-node models (generated from the Kubernetes OpenAPI, release-1.36), with the
//   right JSON type; plus the rules the API server would enforce on the fields we use.
//   When `kubernetes-models` is installed, its JSON-schema validator (ajv) runs as well.
// - kind configs against kind's v1alpha4 Cluster type (pkg/apis/config/v1alpha4/types.go).
// - The tutorial references every asset, and every step has its Markdown in both languages.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as k8s from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { LANGS } from '../src/engine/model.js';
import { BUILTIN_STEP_IDS } from './helpers/builtin-tutorial.js';
import { checkKindConfig } from './helpers/kind-config-schema.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TUTORIAL_DIR = join(ROOT, 'tutorials', 'image-volume');
const ASSETS_DIR = join(TUTORIAL_DIR, 'assets');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses one YAML document strictly: duplicate keys, tabs, bad syntax are errors. */
function parseYaml(text: string, what: string): Json {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const problems = [...doc.errors, ...doc.warnings].map((e) => e.message);
  expect(problems, `${what}: YAML problems`).toEqual([]);
  return doc.toJS() as Json;
}

/** A YAML value as text, for messages and comparisons. */
function str(v: Json | undefined): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
}

function readAsset(name: string): string {
  return readFileSync(join(ASSETS_DIR, name), 'utf8');
}

function obj(v: Json | undefined, what: string): Obj {
  if (!isObj(v)) throw new Error(`${what} must be a mapping`);
  return v;
}

function arr(v: Json | undefined, what: string): Json[] {
  if (!Array.isArray(v)) throw new Error(`${what} must be a list`);
  return v;
}

// ---------------------------------------------------------------------------------------------
// The tutorial

const tutorialText = readFileSync(join(TUTORIAL_DIR, 'tutorial.yaml'), 'utf8');
const tutorial = obj(parseYaml(tutorialText, 'tutorial.yaml'), 'tutorial.yaml');
const steps = arr(tutorial['steps'], 'steps').map((s, i) => obj(s, `steps[${i}]`));

interface FileRef {
  step: string;
  name: string;
  asset: string;
  when?: Obj;
}

const fileRefs: FileRef[] = steps.flatMap((s) =>
  (Array.isArray(s['files']) ? s['files'] : []).map((f, i) => {
    const o = obj(f, `${str(s['id'])}.files[${i}]`);
    return { step: str(s['id']), name: str(o['name']), asset: str(o['asset']), when: isObj(o['when']) ? o['when'] : undefined };
  }),
);

function whenMatches(when: Obj | undefined, facts: { profile: string; featureGate: boolean }): boolean {
  if (!when) return true;
  if (when['profile'] !== undefined && when['profile'] !== facts.profile) return false;
  if (when['featureGate'] !== undefined && when['featureGate'] !== facts.featureGate) return false;
  return true;
}

const SESSIONS = [
  { profile: 'containerd', featureGate: false },
  { profile: 'containerd', featureGate: true },
  { profile: 'crio', featureGate: true },
] as const;

describe('tutorials/image-volume', () => {
  it('keeps its assets in its own folder (the default assets/) and has the built-in step ids, in order', () => {
    expect(tutorial['assets']).toBeUndefined();
    expect(steps.map((s) => s['id'])).toEqual([...BUILTIN_STEP_IDS]);
  });

  it('has a Markdown body for every step in every language, with the same structure', () => {
    for (const id of BUILTIN_STEP_IDS) {
      const shapes = LANGS.map((lang) => {
        const file = join(TUTORIAL_DIR, 'steps', `${id}.${lang}.md`);
        expect(existsSync(file), `${file} is missing`).toBe(true);
        const md = readFileSync(file, 'utf8');
        // Beats (pages) separated by `---`: why first, then how (docs/authoring.md). The step view
        // names the step, so a beat starts with its text; each beat's size is test/step-beats-fit.test.ts's.
        expect(md.split(/^---$/m).length, `${id}.${lang}.md has at least two beats`).toBeGreaterThanOrEqual(2);
        const fences = md.match(/^```/gm) ?? [];
        expect(fences.length % 2, `${id}.${lang}.md: unbalanced code fences`).toBe(0);
        for (const m of md.matchAll(/^```(\S*)\s*$/gm)) {
          // Only opening fences carry a language; closing ones are bare.
          if (m[1]) expect(['yaml', 'shell', 'text'], `${id}.${lang}.md: fence language`).toContain(m[1]);
        }
        const lines = md.trimEnd().split('\n').length;
        expect(lines, `${id}.${lang}.md is ${lines} lines`).toBeLessThanOrEqual(70);
        return { headings: (md.match(/^#{1,6} /gm) ?? []).length, fences: fences.length };
      });
      expect(shapes[1], `${id}: en and zh-CN have the same headings and code blocks`).toEqual(shapes[0]);
    }
    expect(existsSync(join(TUTORIAL_DIR, 'README.md'))).toBe(true);
  });

  it('references every asset, and every referenced asset exists', () => {
    const referenced = new Set(fileRefs.map((f) => f.asset));
    const present = readdirSync(ASSETS_DIR).filter((f) => !f.startsWith('.'));
    for (const asset of referenced) expect(present, `asset ${asset}`).toContain(asset);
    for (const asset of present) expect([...referenced], `assets/${asset} is not used by the tutorial`).toContain(asset);
  });

  it('gives each session exactly one kind config and one Pod, the right ones', () => {
    const pick = (step: string, name: string, facts: { profile: string; featureGate: boolean }) =>
      fileRefs.filter((f) => f.step === step && f.name === name && whenMatches(f.when, facts)).map((f) => f.asset);
    const expected: Record<string, { config: string; pod: string }> = {
      'containerd/false': { config: 'kind-config.containerd.yaml', pod: 'pod.containerd.yaml' },
      'containerd/true': { config: 'kind-config.containerd-gate.yaml', pod: 'pod.containerd.yaml' },
      'crio/true': { config: 'kind-config.crio.yaml', pod: 'pod.crio.yaml' },
    };
    for (const facts of SESSIONS) {
      const want = expected[`${facts.profile}/${facts.featureGate}`];
      expect(pick('cluster-config', 'kind-config', facts)).toEqual([want?.config]);
      expect(pick('create-cluster', 'kind-config', facts)).toEqual([want?.config]);
      expect(pick('apply-pod', 'pod', facts)).toEqual([want?.pod]);
    }
  });

  it('has both languages on every text and a hint on every check', () => {
    const texts: [string, Json | undefined][] = [['title', tutorial['title']], ['description', tutorial['description']]];
    for (const s of steps) {
      const id = str(s['id']);
      texts.push([`${id}.title`, s['title']]);
      for (const h of Array.isArray(s['hints']) ? s['hints'] : []) texts.push([`${id}.hints`, h]);
      for (const c of Array.isArray(s['commands']) ? s['commands'] : []) if (isObj(c) && c['title'] !== undefined) texts.push([`${id}.${str(c['id'])}.title`, c['title']]);
      for (const c of Array.isArray(s['checks']) ? s['checks'] : []) {
        const check = obj(c, `${id}.checks`);
        texts.push([`${id}.${str(check['id'])}.title`, check['title']]);
        expect(check['hint'], `${id}.${str(check['id'])} has a hint`).toBeDefined();
        texts.push([`${id}.${str(check['id'])}.hint`, check['hint']]);
      }
      const shell = s['shell'];
      if (isObj(shell)) for (const t of arr(shell['tasks'], `${id}.shell.tasks`)) {
        const task = obj(t, `${id}.shell.tasks`);
        texts.push([`${id}.${str(task['id'])}.title`, task['title']]);
        expect(() => new RegExp(str(task['match'])), `${id}.${str(task['id'])}.match`).not.toThrow();
      }
    }
    for (const [where, text] of texts) {
      const t = obj(text, where);
      for (const lang of LANGS) expect(typeof t[lang] === 'string' && t[lang].trim() !== '', `${where}.${lang}`).toBe(true);
    }
  });

  it('declares the Pod and container {pod} and {container} stand for: the ones its Pod manifests create', () => {
    const pod = str(tutorial['pod']);
    const container = str(tutorial['container']);
    const manifests = fileRefs.filter((f) => f.name === 'pod').map((f) => obj(parseYaml(readAsset(f.asset), f.asset), f.asset));
    expect(manifests.length).toBeGreaterThan(0);
    for (const m of manifests) {
      expect(obj(m['metadata'], 'metadata')['name']).toBe(pod);
      expect(arr(obj(m['spec'], 'spec')['containers'], 'containers').map((c) => obj(c, 'container')['name'])).toContain(container);
    }
    // The shell opens there.
    expect(steps.filter((st) => st['shell'] !== undefined).map((st) => obj(st['shell'], 'shell'))).toEqual([expect.objectContaining({ pod: '{pod}', container: '{container}' })]);
  });

  it('declares its clean-up step (role: cleanup, the last), which deletes by the tour\'s label only', () => {
    const cleanups = steps.filter((st) => st['role'] === 'cleanup');
    expect(cleanups.map((st) => st['id'])).toEqual(['cleanup']);
    expect(steps.at(-1)?.['role']).toBe('cleanup');
    const argvs = arr(cleanups[0]?.['commands'], 'commands').map((c) => arr(obj(c, 'command')['run'], 'run').map(str));
    const kubectl = argvs.filter((a) => a[0] === 'kubectl');
    expect(kubectl.length).toBeGreaterThan(0);
    for (const a of kubectl) {
      expect(a).toContain('delete');
      expect(a.join(' ')).toContain('-l app.kubernetes.io/managed-by=ivol-tour');
      // Nothing by name.
      expect(a.filter((x) => x.includes('image-volume') || x === '{pod}')).toEqual([]);
    }
    const checks = arr(cleanups[0]?.['checks'], 'checks').map((c) => obj(c, 'check'));
    expect(checks.map((c) => c['kind'])).not.toContain('podAbsent');
    expect(checks.map((c) => c['kind'])).toContain('labelledPodsGone');
  });

  it('runs commands as argv with known variables only', () => {
    const known = new Set(['cluster', 'context', 'namespace', 'profile', 'artifact', 'nodeImage', 'pod', 'container', 'workDir', 'preparedImages']);
    const names = new Set(fileRefs.map((f) => f.name));
    for (const s of steps) {
      for (const c of Array.isArray(s['commands']) ? s['commands'] : []) {
        const run = arr(obj(c, 'command')['run'], 'run');
        for (const a of run) {
          expect(typeof a, `${str(s['id'])}: argv item ${JSON.stringify(a)}`).toBe('string');
          for (const m of str(a).matchAll(/\{([^{}]+)\}/g)) {
            const v = m[1] ?? '';
            if (v.startsWith('file:')) expect(names, `${str(s['id'])}: {${v}}`).toContain(v.slice(5));
            else expect(known, `${str(s['id'])}: {${v}}`).toContain(v);
          }
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Pod manifests

const POD_ASSETS = ['pod.containerd.yaml', 'pod.crio.yaml', 'pod-subpath.containerd.yaml'] as const;

interface Attribute {
  readonly name: string;
  readonly baseName: string;
  readonly type: string;
  readonly format: string;
}

const models = k8s as unknown as Record<string, { getAttributeTypeMap?: () => Attribute[] } | undefined>;

/**
 * Checks a value against a @kubernetes/client-node model type ("V1Pod", "Array<V1Volume>",
 * "{ [key: string]: string; }", "string", ...). Unknown fields are errors, as with
 * `kubectl apply --validate=strict`.
 */
function checkType(value: Json, type: string, path: string, errors: string[]): void {
  const list = /^Array<(.+)>$/.exec(type);
  if (list) {
    if (!Array.isArray(value)) errors.push(`${path}: expected a list`);
    else value.forEach((v, i) => checkType(v, list[1] ?? '', `${path}[${i}]`, errors));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (!isObj(value)) errors.push(`${path}: expected a mapping`);
    else for (const [k, v] of Object.entries(value)) checkType(v, map[1] ?? '', `${path}.${k}`, errors);
    return;
  }
  switch (type) {
    case 'string':
      if (typeof value !== 'string') errors.push(`${path}: expected a string, got ${JSON.stringify(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') errors.push(`${path}: expected a boolean`);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isInteger(value)) errors.push(`${path}: expected an integer`);
      return;
    case 'IntOrString':
      if (typeof value !== 'string' && typeof value !== 'number') errors.push(`${path}: expected an int or a string`);
      return;
    case 'Date':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) errors.push(`${path}: expected a date-time`);
      return;
    case 'any':
      return;
  }
  const model = models[type]?.getAttributeTypeMap?.();
  if (!model) {
    errors.push(`${path}: unknown model type ${type}`);
    return;
  }
  if (!isObj(value)) {
    errors.push(`${path}: expected a ${type} mapping`);
    return;
  }
  const fields = new Map(model.map((a) => [a.baseName, a]));
  for (const [k, v] of Object.entries(value)) {
    const attr = fields.get(k);
    if (!attr) errors.push(`${path}.${k}: unknown field (not in ${type})`);
    else checkType(v, attr.type, `${path}.${k}`, errors);
  }
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const VOLUME_SOURCES = (models['V1Volume']?.getAttributeTypeMap?.() ?? []).map((a) => a.baseName).filter((n) => n !== 'name');

/** The API server's rules for the fields these manifests use (ValidatePod, the parts that apply). */
function checkPodRules(pod: Obj, errors: string[]): void {
  const meta = obj(pod['metadata'], 'metadata');
  const spec = obj(pod['spec'], 'spec');
  if (pod['apiVersion'] !== 'v1') errors.push('apiVersion must be v1');
  if (pod['kind'] !== 'Pod') errors.push('kind must be Pod');
  const name = str(meta['name'] ?? '');
  if (!DNS1123_SUBDOMAIN.test(name) || name.length > 253) errors.push(`metadata.name ${name} is not a DNS-1123 subdomain`);
  if (meta['namespace'] !== undefined) errors.push('metadata.namespace must not be set (the tour passes -n)');
  for (const [k, v] of Object.entries(isObj(meta['labels']) ? meta['labels'] : {})) {
    if (!/^([a-z0-9.-]{1,253}\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(k)) errors.push(`label key ${k}`);
    if (typeof v !== 'string' || !/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/.test(v)) errors.push(`label value ${str(v)}`);
  }

  const volumes = arr(spec['volumes'], 'spec.volumes').map((v, i) => obj(v, `spec.volumes[${i}]`));
  const volumeNames = new Set<string>();
  for (const [i, v] of volumes.entries()) {
    const vname = str(v['name'] ?? '');
    if (!DNS1123_LABEL.test(vname) || vname.length > 63) errors.push(`spec.volumes[${i}].name ${vname}`);
    if (volumeNames.has(vname)) errors.push(`spec.volumes[${i}].name ${vname} is a duplicate`);
    volumeNames.add(vname);
    const sources = Object.keys(v).filter((k) => VOLUME_SOURCES.includes(k));
    if (sources.length !== 1) errors.push(`spec.volumes[${i}] must have exactly one source, has ${sources.join(', ') || 'none'}`);
    if (v['image'] !== undefined) {
      const image = obj(v['image'], `spec.volumes[${i}].image`);
      if (typeof image['reference'] !== 'string' || image['reference'] === '') errors.push(`spec.volumes[${i}].image.reference is required`);
      if (image['pullPolicy'] !== undefined && !PULL_POLICIES.includes(str(image['pullPolicy']))) {
        errors.push(`spec.volumes[${i}].image.pullPolicy must be one of ${PULL_POLICIES.join(', ')}`);
      }
    }
  }

  const containers = arr(spec['containers'], 'spec.containers').map((c, i) => obj(c, `spec.containers[${i}]`));
  if (containers.length === 0) errors.push('spec.containers must not be empty');
  for (const [i, c] of containers.entries()) {
    const cname = str(c['name'] ?? '');
    if (!DNS1123_LABEL.test(cname) || cname.length > 63) errors.push(`spec.containers[${i}].name ${cname}`);
    if (typeof c['image'] !== 'string' || c['image'] === '') errors.push(`spec.containers[${i}].image is required`);
    if (c['imagePullPolicy'] !== undefined && !PULL_POLICIES.includes(str(c['imagePullPolicy']))) errors.push(`spec.containers[${i}].imagePullPolicy`);
    const mountPaths = new Set<string>();
    for (const [j, m] of (Array.isArray(c['volumeMounts']) ? c['volumeMounts'] : []).entries()) {
      const mount = obj(m, `spec.containers[${i}].volumeMounts[${j}]`);
      const where = `spec.containers[${i}].volumeMounts[${j}]`;
      if (!volumeNames.has(str(mount['name']))) errors.push(`${where}.name ${str(mount['name'])} is not a volume of this Pod`);
      const mp = str(mount['mountPath'] ?? '');
      if (!mp.startsWith('/')) errors.push(`${where}.mountPath must be absolute`);
      if (mountPaths.has(mp)) errors.push(`${where}.mountPath ${mp} is mounted twice`);
      mountPaths.add(mp);
      const sub = mount['subPath'];
      if (sub !== undefined && (typeof sub !== 'string' || sub.startsWith('/') || sub.split('/').includes('..'))) {
        errors.push(`${where}.subPath must be a relative path without ..`);
      }
    }
  }
}

const kubernetesModels = (await import(/* @vite-ignore */ ['kubernetes-models', 'v1'].join('/')).catch(() => null)) as
  | { Pod: new (data: Obj) => { validate(): void } }
  | null;

describe('Pod manifests', () => {
  for (const file of POD_ASSETS) {
    describe(file, () => {
      const pod = obj(parseYaml(readAsset(file), file), file);

      it('has only core/v1 fields, with the right types', () => {
        const errors: string[] = [];
        checkType(pod, 'V1Pod', 'Pod', errors);
        expect(errors).toEqual([]);
      });

      it('passes the API server rules for the fields it uses', () => {
        const errors: string[] = [];
        checkPodRules(pod, errors);
        expect(errors).toEqual([]);
      });

      it.skipIf(!kubernetesModels)('validates against the kubernetes-models JSON schema', () => {
        expect(() => new (kubernetesModels as NonNullable<typeof kubernetesModels>).Pod(pod).validate()).not.toThrow();
      });

      it('is the tour Pod: one shell container and the artifact mounted at /volume', () => {
        const meta = obj(pod['metadata'], 'metadata');
        const spec = obj(pod['spec'], 'spec');
        const subpath = file.startsWith('pod-subpath');
        expect(meta['name']).toBe(subpath ? 'image-volume-subpath' : 'image-volume');
        expect(meta['labels']).toEqual({ 'app.kubernetes.io/managed-by': 'ivol-tour' });
        const [container, ...more] = arr(spec['containers'], 'containers').map((c) => obj(c, 'container'));
        expect(more).toEqual([]);
        expect(container?.['name']).toBe('shell');
        expect(container?.['image']).toBe('debian:bookworm-slim');
        expect(container?.['command']).toEqual(['sleep', 'infinity']);
        expect(container?.['volumeMounts']).toEqual([{ name: 'volume', mountPath: '/volume', ...(subpath ? { subPath: 'dir' } : {}) }]);
        const tag = file.includes('crio') ? 'v1' : 'v2';
        expect(spec['volumes']).toEqual([{ name: 'volume', image: { reference: `quay.io/crio/artifact:${tag}`, pullPolicy: 'IfNotPresent' } }]);
      });
    });
  }

  it('the strict check catches unknown fields, wrong types and bad values', () => {
    const pod = obj(parseYaml(readAsset('pod.containerd.yaml'), 'pod'), 'pod');
    const spec = obj(pod['spec'], 'spec');
    const volume = obj(arr(spec['volumes'], 'volumes')[0], 'volume');
    const image = obj(volume['image'], 'image');
    image['pullPolicy'] = 'Sometimes';
    image['digest'] = 'sha256:0';
    volume['emptyDir'] = {};
    const mount = obj(arr(obj(arr(spec['containers'], 'c')[0], 'c')['volumeMounts'], 'm')[0], 'm');
    mount['readOnly'] = 'yes';
    mount['subPath'] = '../etc';
    const errors: string[] = [];
    checkType(pod, 'V1Pod', 'Pod', errors);
    checkPodRules(pod, errors);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('image.digest: unknown field'),
        expect.stringContaining('readOnly: expected a boolean'),
        expect.stringContaining('pullPolicy must be one of'),
        expect.stringContaining('exactly one source'),
        expect.stringContaining('subPath must be a relative path'),
      ]),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// kind configs (kind.x-k8s.io/v1alpha4)

const KIND_CONFIGS = ['kind-config.containerd.yaml', 'kind-config.containerd-gate.yaml', 'kind-config.crio.yaml'] as const;
const CRIO_SOCKET = 'unix:///var/run/crio/crio.sock';

describe('kind configs', () => {
  for (const file of KIND_CONFIGS) {
    it(`${file} is a valid kind v1alpha4 Cluster`, () => {
      const errors: string[] = [];
      checkKindConfig(parseYaml(readAsset(file), file), errors);
      expect(errors).toEqual([]);
    });
  }

  it.each(KIND_CONFIGS)('%s marks every node as made by ivol-tour (nodes[].labels), a label the kubelet may set', (file) => {
    const cfg = obj(parseYaml(readAsset(file), file), file);
    const nodes = arr(cfg['nodes'], 'nodes').map((n, i) => obj(n, `nodes[${i}]`));
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(node['labels']).toEqual({ 'ivol-tour/created-by': 'ivol-tour' });
      // kubelets may not label their own node under kubernetes.io / k8s.io (NodeRestriction).
      for (const key of Object.keys(obj(node['labels'], 'labels'))) expect(key).not.toMatch(/(^|\.)(kubernetes\.io|k8s\.io)\//);
    }
  });

  it('containerd (kind v0.31+): one control-plane node, no feature gate at all', () => {
    const errors: string[] = [];
    const c = checkKindConfig(parseYaml(readAsset('kind-config.containerd.yaml'), 'c'), errors);
    expect(c.roles).toEqual(['control-plane']);
    expect(c.gates).toEqual({});
    expect(readAsset('kind-config.containerd.yaml')).not.toMatch(/^featureGates:/m);
  });

  it('containerd with the gate (kind v0.28-v0.30): one control-plane node, ImageVolume on', () => {
    const errors: string[] = [];
    const c = checkKindConfig(parseYaml(readAsset('kind-config.containerd-gate.yaml'), 'c'), errors);
    expect(c.roles).toEqual(['control-plane']);
    expect(c.gates).toEqual({ ImageVolume: true });
  });

  it('crio: control-plane + worker, the CRI-O socket in Init- and JoinConfiguration, ImageVolume on', () => {
    const errors: string[] = [];
    const c = checkKindConfig(parseYaml(readAsset('kind-config.crio.yaml'), 'c'), errors);
    expect(c.roles).toEqual(['control-plane', 'worker']);
    expect(c.gates).toEqual({ ImageVolume: true });
    expect(c.patches[0]).toEqual([
      { kind: 'InitConfiguration', criSocket: CRIO_SOCKET },
      { kind: 'JoinConfiguration', criSocket: CRIO_SOCKET },
    ]);
    expect(c.patches[1]).toEqual([{ kind: 'JoinConfiguration', criSocket: CRIO_SOCKET }]);
  });

  it('the checker rejects what kind would reject', () => {
    const errors: string[] = [];
    checkKindConfig(
      {
        kind: 'Cluster',
        apiVersion: 'kind.x-k8s.io/v1alpha3',
        featureGates: { ImageVolume: 'true' },
        nodes: [{ role: 'master', kubeadmConfigPatches: ['kind: InitConfiguration\nnodeRegistration:\n  criSocket: /var/run/crio/crio.sock\n'], cpu: 2 }],
      },
      errors,
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('apiVersion must be'),
        expect.stringContaining('featureGates.ImageVolume must be a boolean'),
        expect.stringContaining('role master'),
        expect.stringContaining('nodes[0].cpu: unknown Node field'),
        expect.stringContaining('not a unix:// socket URL'),
        expect.stringContaining('needs a control-plane'),
      ]),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The CRI-O node image Dockerfile

describe('Dockerfile.kindnode-crio', () => {
  const text = readAsset('Dockerfile.kindnode-crio');
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

  it('uses only known instructions and starts FROM a pinned kindest/node', () => {
    for (const l of instructions) expect(['FROM', 'ARG', 'RUN', 'ENV', 'COPY', 'LABEL']).toContain(l.split(/\s+/)[0]);
    const from = instructions.filter((l) => l.startsWith('FROM '));
    expect(from).toEqual(['FROM kindest/node:v1.31.0']);
  });

  it('takes CRIO_VERSION as a build argument, matching the tutorial build command', () => {
    expect(instructions).toContain('ARG CRIO_VERSION=v1.31');
    const build = steps.find((s) => s['id'] === 'build-node-image');
    const run = arr(obj(arr(build?.['commands'], 'commands')[0], 'command')['run'], 'run');
    expect(run).toContain('CRIO_VERSION=v1.31');
  });

  it('installs CRI-O, points crictl at it and boots with crio instead of containerd', () => {
    const all = instructions.join('\n');
    expect(all).toMatch(/apt-get[^\n]*install[^\n]*\bcri-o\b/);
    expect(all).toMatch(/sed -i 's\/containerd\/crio\/g' \/etc\/crictl\.yaml/);
    expect(all).toMatch(/systemctl disable containerd/);
    expect(all).toMatch(/systemctl enable crio/);
  });
});
