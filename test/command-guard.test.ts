// The command guard (src/adapters/cluster/real/command-guard.ts), table-driven: every hostile
// argv is refused with the reason that fits it, and every command the built-in tutorial runs
// (loaded from tutorials/image-volume, so the list cannot drift), clean-up, doctor and the pod
// shell run, plus what a learner or a trainer's tutorial typically runs, is allowed. The
// argument reading itself is checked against cobra/pflag's rules and against the real kubectl.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseArgs, buildCommandTree } from '../src/adapters/cluster/real/cobra-args.js';
import { checkCommand, CONNECTION_FLAGS, describeRefusal, displayCommand, SAFE_GLOBAL_FLAGS, type GuardSession } from '../src/adapters/cluster/real/command-guard.js';
import { toolName } from '../src/engine/tool-name.js';
import { KUBECTL_COMMANDS, KUBECTL_GLOBAL_FLAGS } from '../src/adapters/cluster/real/kubectl-flags.js';
import { refusal } from '../src/adapters/cluster/real/index.js';
import { podShellArgs } from '../src/adapters/pty/pty-shell.js';
import { BUILTIN_TUTORIAL_DIR, loadTutorialDir } from '../src/adapters/tutorial-files.js';
import type { SessionFacts } from '../src/engine/model.js';
import { planFor } from '../src/engine/plan.js';
import { stepCommands } from '../src/engine/tour.js';
import { isMessageKey, tRef } from '../src/i18n/index.js';
import { appliesTo, expandHostile, HOSTILE } from './helpers/hostile-argv.js';

const REAL: GuardSession = { mode: 'real', cluster: 'ivol', context: 'kind-ivol', namespace: 'default' };
const BYOC: GuardSession = { mode: 'byoc', cluster: 'ivol', context: 'team-dev', namespace: 'ivol-tour' };
const SESSIONS = { real: REAL, byoc: BYOC } as const;
const VARS = { other: 'https://127.0.0.1:6443', kubeconfig: '/home/learner/.kube/config' };

const hostileRows = (['real', 'byoc'] as const).flatMap((mode) =>
  HOSTILE.filter((c) => appliesTo(c, mode)).map((c) => {
    const s = SESSIONS[mode];
    return { mode, name: c.name, argv: expandHostile(c.argv, { ...VARS, ...s }), key: c.key };
  }),
);

describe('hostile argv: every one is refused, with the reason that fits it', () => {
  it('has at least 40 distinct hostile argv', () => {
    expect(new Set(HOSTILE.map((c) => JSON.stringify(c.argv))).size).toBeGreaterThanOrEqual(40);
    expect(HOSTILE.length).toBeGreaterThanOrEqual(40);
  });

  it.each(hostileRows)('$mode: $name', ({ mode, argv, key }) => {
    const r = checkCommand(argv, SESSIONS[mode]);
    expect(r, `${mode}: ${argv.join(' ')} was allowed`).not.toBeNull();
    expect(r?.reason.key).toBe(key);
    expect(isMessageKey(key)).toBe(true);
  });

  it('each refusal names the command and why, in English and in Chinese', () => {
    for (const { mode, argv } of hostileRows) {
      const r = checkCommand(argv, SESSIONS[mode]);
      if (!r) throw new Error(`allowed: ${argv.join(' ')}`);
      const en = describeRefusal(r, 'en');
      const zh = describeRefusal(r, 'zh-CN');
      expect(en).toMatch(/^refused `/);
      expect(zh).toMatch(/^已拒绝 `/);
      expect(en).toContain(r.command);
      expect(zh).toContain(r.command);
      // Every placeholder filled.
      expect(en, en).not.toMatch(/\{\w+\}/);
      expect(zh, zh).not.toMatch(/\{\w+\}/);
    }
  });

  it('shows control characters and newlines escaped, and bounds the length', () => {
    const r = checkCommand(['kubectl', 'get', 'pods\n\n\n--context=prod', '\x1b[2J'], REAL);
    expect(r?.command).toBe("kubectl get $'pods\\n\\n\\n--context=prod' $'\\e[2J'");
    expect(displayCommand(['sh', '-c', 'x'.repeat(1000)]).length).toBeLessThanOrEqual(300);
  });
});

// ---- what is allowed ------------------------------------------------------------------------

function factsFor(mode: 'real' | 'byoc', profile: 'containerd' | 'crio', featureGate: boolean): SessionFacts {
  const s = SESSIONS[mode];
  const plan = planFor(featureGate ? 'v0.29.0' : 'v0.31.0', profile);
  return {
    mode, profile, featureGate: plan.featureGate, lang: 'en', cluster: s.cluster, context: s.context, namespace: s.namespace,
    artifact: plan.artifact, nodeImage: plan.nodeImage, workDir: '/home/learner/.local/share/ivol-tour/work/ivol',
  };
}

function tutorialCommands(): { mode: 'real' | 'byoc'; label: string; argv: string[] }[] {
  const loaded = loadTutorialDir(BUILTIN_TUTORIAL_DIR);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => tRef('en', p.message)).join('\n'));
  const out: { mode: 'real' | 'byoc'; label: string; argv: string[] }[] = [];
  const seen = new Set<string>();
  for (const mode of ['real', 'byoc'] as const) {
    for (const [profile, gate] of [['containerd', false], ['containerd', true], ['crio', true]] as const) {
      const facts = factsFor(mode, profile, gate);
      for (const step of loaded.tutorial.steps) {
        for (const how of ['run', 'solve'] as const) {
          for (const c of stepCommands(step, how, { tutorial: loaded.tutorial, facts, files: {} })) {
            const id = `${mode} ${c.argv.join(' ')}`;
            if (seen.has(id)) continue;
            seen.add(id);
            out.push({ mode, label: `${step.id}/${c.id} (${profile}${gate ? ', gate' : ''})`, argv: [...c.argv] });
          }
        }
      }
    }
  }
  return out;
}

const TUTORIAL = tutorialCommands();

/** What the tour itself runs besides the tutorial (whose clean-up step is in the tutorial's list): doctor, the probe, the shell. */
function tourCommands(mode: 'real' | 'byoc'): string[][] {
  const s = SESSIONS[mode];
  return [
    ['kubectl', 'version', '--client', '-o', 'json', '--context', s.context],
    ...(mode === 'real' ? [['kind', 'version'], ['kind', 'get', 'clusters'], ['docker', 'info', '--format', '{{.ServerVersion}}'], ['podman', 'info', '--format', '{{.Version.Version}}']] : []),
    ['kubectl', ...podShellArgs(s.context, s.namespace, 'image-volume', 'shell')],
  ];
}

/** What a learner (in a trainer's tutorial) typically runs. {c} context, {n} namespace, {k} cluster. */
const LEARNER: readonly (readonly string[])[] = [
  ['kubectl', '--context', '{c}', 'get', 'pods', '-A'],
  ['kubectl', '--context', '{c}', '-n', 'kube-system', 'get', 'pods', '-o', 'wide'],
  ['kubectl', '--context', '{c}', 'describe', 'nodes'],
  ['kubectl', '--context', '{c}', 'get', 'nodes', '-o', 'json'],
  ['kubectl', '--context', '{c}', 'get', '--raw', '/readyz?verbose'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'logs', 'image-volume', '-c', 'shell', '--tail=20', '-f'],
  ['kubectl', '--context', '{c}', 'get', 'events', '-A', '--sort-by=.lastTimestamp'],
  ['kubectl', '--context', '{c}', 'events', '-n', '{n}', '--for', 'pod/image-volume'],
  ['kubectl', '--context', '{c}', 'explain', 'pod.spec.volumes.image'],
  ['kubectl', '--context', '{c}', 'api-resources', '--namespaced=false'],
  ['kubectl', '--context', '{c}', 'api-versions'],
  ['kubectl', '--context', '{c}', 'version'],
  ['kubectl', '--context', '{c}', 'cluster-info'],
  ['kubectl', '--context', '{c}', 'auth', 'can-i', 'create', 'pods', '-n', '{n}'],
  ['kubectl', '--context', '{c}', 'auth', 'whoami'],
  ['kubectl', '--context', '{c}', 'top', 'pod', '-n', '{n}'],
  ['kubectl', '--context', '{c}', 'config', 'view', '--minify'],
  ['kubectl', '--context', '{c}', 'config', 'get-contexts'],
  ['kubectl', '--context', '{c}', 'config', 'current-context'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'exec', '-it', 'image-volume', '-c', 'shell', '--', 'sh'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'exec', 'image-volume', '--', 'kubectl', '--context', 'other', 'get', 'pods'],
  ['kubectl', '--context={c}', '--namespace={n}', 'delete', 'pod', 'image-volume', '--grace-period=0', '--force'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'delete', 'pod', 'image-volume', '--cascade', '--wait=false'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'apply', '-f', 'pod.yaml', '--dry-run=server', '-o', 'yaml'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'diff', '-f', 'pod.yaml'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'get', 'pod', 'image-volume', '-o', 'jsonpath={.spec.volumes[0].image.reference}'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'cp', 'image-volume:/volume/dir/file', './file', '-c', 'shell'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'cp', '{n}/image-volume:/volume/file', './file'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'port-forward', 'pod/image-volume', '8080:80'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'label', 'pod', 'image-volume', 'demo=1', '--overwrite'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'annotate', 'pod', 'image-volume', 'note=hi'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'wait', '--for=delete', 'pod/image-volume', '--timeout=60s'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'run', 'debug', '--image=busybox', '--restart=Never', '--', 'sleep', '1'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'create', 'configmap', 'demo', '--from-literal=a=1'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'create', 'cm', 'demo2', '--from-literal=a=1'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'create', 'rolebinding', 'r', '--clusterrole=view', '--user=alice'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'create', 'secret', 'generic', 's', '--from-literal=k=v'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'get', 'pods', '-l', 'app.kubernetes.io/managed-by=ivol-tour'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'get', 'pods', '-w', '--request-timeout=5s', '-v=6'],
  ['kubectl', '-n', '{n}', 'get', 'pods', '--context', '{c}'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'rollout', 'status', 'deployment/demo'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'scale', 'deployment/demo', '--replicas=2'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'set', 'image', 'deployment/demo', 'app=busybox:1.36'],
  ['kubectl', '--context', '{c}', '-n', '{n}', 'delete', 'pods', '-l', 'app.kubernetes.io/managed-by=ivol-tour'],
  ['/usr/local/bin/kubectl', '--context', '{c}', 'get', 'nodes'],
  ['kubectl', '--context', '{c}', 'get', 'pods', '-h'],
  ['docker', 'build', '-t', 'ivol-tour/kindnode-crio:v1.31.0', '/w'],
  ['sh', '-c', 'echo what kind of volume'.replace('kind', 'sort')],
];

const LEARNER_KIND: readonly (readonly string[])[] = [
  ['kind', 'get', 'clusters'],
  ['kind', 'version'],
  ['kind', 'get', 'nodes', '--name', '{k}'],
  ['kind', 'get', 'kubeconfig', '-n', '{k}'],
  ['kind', 'export', 'logs', '--name={k}', './logs'],
  ['kind', 'export', 'kubeconfig', '--name', '{k}'],
  ['kind', 'load', 'docker-image', 'busybox', '--name', '{k}'],
  ['kind', 'create', 'cluster', '-n', '{k}', '--retain', '--wait', '5m'],
  ['kind', '--name', '{k}', 'delete', 'cluster'],
  ['kind', '-v', '3', 'delete', 'cluster', '--name', '{k}'],
  ['./kind', 'delete', 'cluster', '--name', '{k}'],
];

function learner(argv: readonly string[], s: GuardSession): string[] {
  return argv.map((a) => a.replace(/\{c\}/g, s.context).replace(/\{n\}/g, s.namespace).replace(/\{k\}/g, s.cluster));
}

describe('allowed argv: what the tour and a learner run', () => {
  it('reads the built-in tutorial\'s commands (both modes, every profile)', () => {
    expect(TUTORIAL.filter((c) => c.mode === 'real').length).toBeGreaterThanOrEqual(15);
    expect(TUTORIAL.filter((c) => c.mode === 'byoc').length).toBeGreaterThanOrEqual(10);
    expect(TUTORIAL.some((c) => c.argv[0] === 'kind' && c.argv[1] === 'create')).toBe(true);
    expect(TUTORIAL.some((c) => c.argv.includes('apply'))).toBe(true);
  });

  it.each(TUTORIAL)('tutorial, $mode: $label', ({ mode, argv }) => {
    expect(checkCommand(argv, SESSIONS[mode]), argv.join(' ')).toBeNull();
  });

  it.each(['real', 'byoc'] as const)('the tour\'s own commands (%s): doctor, probe, pod shell', (mode) => {
    for (const argv of tourCommands(mode)) expect(checkCommand(argv, SESSIONS[mode]), argv.join(' ')).toBeNull();
  });

  it.each(['real', 'byoc'] as const)('typical learner commands (%s)', (mode) => {
    for (const argv of LEARNER) {
      const a = learner(argv, SESSIONS[mode]);
      expect(checkCommand(a, SESSIONS[mode]), a.join(' ')).toBeNull();
    }
  });

  it('typical kind commands on the tour\'s cluster (real mode)', () => {
    for (const argv of LEARNER_KIND) {
      const a = learner(argv, REAL);
      expect(checkCommand(a, REAL), a.join(' ')).toBeNull();
    }
  });

  it('refusal() keeps its contract: a message starting with "refused", or null', () => {
    expect(refusal(['kubectl', 'get', 'pods', '--context=kind-ivol'], { mode: 'real', cluster: 'ivol', context: 'kind-ivol' })).toBeNull();
    expect(refusal(['kubectl', 'version', '--client'], { mode: 'real', cluster: 'ivol', context: 'kind-ivol' })).toMatch(/^refused `kubectl version --client`: kubectl must name/);
    expect(refusal(['kind', 'create', 'cluster', '--name', 'ivol'], { mode: 'byoc', cluster: 'ivol', context: 'x' }, 'zh-CN')).toMatch(/^已拒绝 `kind create cluster --name ivol`：使用 --context 时/);
  });
});

// ---- reading argv as cobra and pflag do ---------------------------------------------------------

describe('argument reading (cobra/pflag)', () => {
  const tree = buildCommandTree({ global: KUBECTL_GLOBAL_FLAGS, commands: KUBECTL_COMMANDS, normalize: (n) => n.replace(/_/g, '-') });
  const parse = (argv: string[]) => {
    const r = parseArgs(tree, argv);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.parsed;
  };
  const values = (argv: string[], name: string) => parse(argv).flags.filter((f) => f.name === name).map((f) => f.value);

  it.each([
    [['--context', 'a', 'get', 'pods'], 'a'],
    [['--context=a', 'get', 'pods'], 'a'],
    [['get', '--context', 'a', 'pods'], 'a'],
    [['get', 'pods', '--context=a', '--context', 'b'], 'a,b'],
  ])('--context in %j is read as %s (every occurrence kept, in order)', (argv, want) => {
    expect(values(argv, 'context').join(',')).toBe(want);
  });

  it.each([
    [['-n', 'x', 'get', 'pods'], 'x'],
    [['-nx', 'get', 'pods'], 'x'],
    [['-n=x', 'get', 'pods'], 'x'],
    [['--namespace=x', 'get', 'pods'], 'x'],
    [['exec', '-itnx', 'p', '--', 'sh'], 'x'],
    [['get', 'pods', '-A', '-n', 'y'], 'y'],
  ])('the namespace of %j is %s', (argv, want) => {
    expect(values(argv, 'namespace').at(-1)).toBe(want);
  });

  it('finds the command path with flags before it, by name or alias', () => {
    expect(parse(['--context', 'c', '-n', 'ns', 'create', 'cm', 'x']).path).toEqual(['create', 'configmap']);
    expect(parse(['-o', 'yaml', 'get', 'pods']).path).toEqual(['get']);
    expect(parse(['config', 'use', 'x']).path).toEqual(['config', 'use-context']);
    expect(parse(['top', 'po']).path).toEqual(['top', 'pod']);
  });

  it('a boolean takes no value word; an optional value only after =', () => {
    const p = parse(['delete', 'pod', '--cascade', 'orphan', '--wait', 'false', '--dry-run=server']);
    expect(p.args).toEqual(['pod', 'orphan', 'false']);
    expect(p.flags.map((f) => `${f.name}=${f.value}`)).toEqual(['cascade=', 'wait=true', 'dry-run=server']);
  });

  it('-- ends the flags; what follows is positional', () => {
    const p = parse(['exec', 'pod', '-c', 'shell', '--', 'ls', '-l', '--context=x']);
    expect(p.args).toEqual(['pod', 'ls', '-l', '--context=x']);
    expect(p.argsBeforeDash).toBe(1);
    expect(p.flags.map((f) => f.name)).toEqual(['container']);
  });

  it('kubectl reads _ in a flag name as -', () => {
    expect(parse(['get', 'pods', '--all_namespaces']).flags.map((f) => f.name)).toEqual(['all-namespaces']);
  });

  it('a command\'s own flag shadows a global one of the same name', () => {
    const p = parse(['create', 'rolebinding', 'r', '--user=alice', '--role=view']);
    expect(p.flags.find((f) => f.name === 'user')?.global).toBe(false);
    expect(parse(['get', 'pods', '--user=alice']).flags.find((f) => f.name === 'user')?.global).toBe(true);
  });

  it('unknown flags, missing values and bad syntax are errors, as for kubectl', () => {
    expect(parseArgs(tree, ['get', 'pods', '--nope'])).toMatchObject({ ok: false, error: { kind: 'unknownFlag', flag: '--nope' } });
    expect(parseArgs(tree, ['get', 'pods', '-Z'])).toMatchObject({ ok: false, error: { kind: 'unknownFlag', flag: '-Z' } });
    expect(parseArgs(tree, ['get', 'pods', '-o'])).toMatchObject({ ok: false, error: { kind: 'needsValue' } });
    expect(parseArgs(tree, ['get', 'pods', '--=x'])).toMatchObject({ ok: false, error: { kind: 'badSyntax' } });
  });

  it('names tools by their base name, case-insensitively', () => {
    expect(['/usr/bin/kubectl', 'C:\\tools\\kubectl.exe', 'KUBECTL', './kind'].map(toolName)).toEqual(['kubectl', 'kubectl', 'kubectl', 'kind']);
  });
});

describe('every global flag of kubectl is classified', () => {
  it('as connecting elsewhere (refused) or as harmless; nothing in between', () => {
    const globals = KUBECTL_GLOBAL_FLAGS.split(' ').map((w) => w.replace(/^\w\//, '').replace(/[=?]$/, ''));
    for (const name of globals) expect(CONNECTION_FLAGS.has(name) !== SAFE_GLOBAL_FLAGS.has(name), name).toBe(true);
  });
});

describe('the flag table is kubectl\'s own', () => {
  // The table was generated from kubectl's help (scripts/gen-kubectl-flags.mjs); spot-check a
  // few commands against the kubectl installed here, so that a stale table shows up.
  const kubectl = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => {
    try {
      execFileSync(p, ['version', '--client'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  const flagsOf = (help: string) => [...help.matchAll(/^ {4}(?:-\w, )?--([\w-]+)=/gm)].map((m) => m[1]).sort();
  const tableFlags = (spec: string) => spec.split(' ').filter(Boolean).map((w) => w.replace(/^\w\//, '').replace(/[=?]$/, '')).sort();

  it.each(['get', 'delete', 'exec', 'apply', 'config view'])('kubectl %s', (path) => {
    if (!kubectl) throw new Error('kubectl 1.32 is needed for this test');
    const help = execFileSync(kubectl, [...path.split(' '), '--help'], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/nonexistent' } });
    expect(tableFlags(KUBECTL_COMMANDS[path]?.flags ?? '')).toEqual(flagsOf(help.slice(help.indexOf('Options:'))));
  });
});
