import { describe, expect, it } from 'vitest';
import { tRef } from '../i18n/index.js';
import type { Lang } from '../i18n/types.js';
import { formatProblem, loadTutorialFrom, parseDuration, type LoadResult, type TutorialSource } from './tutorial-loader.js';
import { joinRel, type LoadProblem } from './yaml-reader.js';

/** A manifest the tour may apply: every object carries its label. */
const POD_ASSET = 'kind: Pod\nmetadata:\n  name: p\n  labels:\n    app.kubernetes.io/managed-by: ivol-tour\n';

/** An in-memory tutorial folder named `tut`. */
function mem(files: Readonly<Record<string, string>>, dir = 'tut'): TutorialSource {
  return { dir, readText: (rel) => files[joinRel(rel)] ?? null };
}

const BODIES = (...ids: string[]): Record<string, string> =>
  Object.fromEntries(ids.flatMap((id) => [[`steps/${id}.en.md`, `# ${id}\n`], [`steps/${id}.zh-CN.md`, `# ${id}（中文）\n`]]));

const HEAD = `id: t
title: { en: T, zh-CN: T }
description: { en: D, zh-CN: D }
`;

/** A problem as lint prints it: the loader gives message references, formatted here. */
function shown(p: LoadProblem, lang: Lang = 'en'): string {
  return formatProblem(p, tRef(lang, p.message));
}
/** What {pod} and {container} stand for: appended after the steps, so no line number moves. */
const NAMES = `pod: p
container: c
`;

function lint(yaml: string, extra: Record<string, string> = {}, lang: Lang = 'en'): string[] {
  const result = loadTutorialFrom(mem({ 'tutorial.yaml': yaml, ...BODIES('a', 'b'), 'assets/pod.yaml': POD_ASSET, ...extra }));
  return result.problems.map((p) => shown(p, lang));
}

const VALID = `${HEAD}steps:
  - id: a
    title: { en: "Apply", zh-CN: "应用" }
    files:
      - name: pod
        asset: pod.yaml
    commands:
      - id: apply
        run: [kubectl, apply, -f, "{file:pod}"]
    checks:
      - id: running
        kind: podPhase
        pod: "{pod}"
        title: { en: Running, zh-CN: 运行中 }
${NAMES}`;

describe('loadTutorialFrom: a valid minimal tutorial', () => {
  const result = loadTutorialFrom(mem({ 'tutorial.yaml': VALID, ...BODIES('a'), 'assets/pod.yaml': POD_ASSET }));

  it('loads with no problems', () => {
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('builds the TutorialSpec: texts, bodies, file contents and defaults', () => {
    if (!result.ok) throw new Error('not ok');
    const commands = [{ id: 'apply', argv: ['kubectl', 'apply', '-f', '{file:pod}'], timeoutMs: 120_000, allowFailure: false }];
    expect(result.tutorial).toStrictEqual({
      id: 't',
      title: { en: 'T', 'zh-CN': 'T' },
      description: { en: 'D', 'zh-CN': 'D' },
      dir: 'tut',
      pod: 'p',
      container: 'c',
      steps: [
        {
          id: 'a',
          title: { en: 'Apply', 'zh-CN': '应用' },
          body: { en: '# a\n', 'zh-CN': '# a（中文）\n' },
          beats: { en: ['# a'], 'zh-CN': ['# a（中文）'] },
          actionBeat: 0,
          optional: false,
          files: [{ name: 'pod', asset: 'pod.yaml', content: POD_ASSET }],
          commands,
          checks: [{ id: 'running', kind: 'podPhase', title: { en: 'Running', 'zh-CN': '运行中' }, timeoutMs: 0, pod: '{pod}' }],
          solve: commands,
          hints: [],
        },
      ],
    });
  });

  it('reads every optional field', () => {
    const yaml = `${HEAD}assets: shared
steps:
  - id: a
    title: { en: A, zh-CN: A }
    when: { profile: crio, featureGate: true, mode: [real, byoc] }
    optional: true
    hints:
      - { en: H, zh-CN: 提示 }
      - { en: Only crio, zh-CN: 仅 crio, when: { profile: crio } }
    files:
      - { name: cfg, asset: sub/../cfg.yaml, when: { profile: containerd } }
      - { name: cfg, asset: cfg.yaml, when: { profile: crio } }
    commands:
      - id: c
        title: { en: C, zh-CN: C }
        run: [kind, create, cluster, --wait, 5m, --retries, 3]
        timeout: 1m30s
        allowFailure: true
        when: { mode: simulated }
    solve:
      - { id: s, run: [true], timeout: 1500 }
    checks:
      - { id: out, kind: execOutput, pod: "{pod}", container: "{container}", argv: [cat, /volume/dir/file], equals: 1, timeout: 30s, title: { en: O, zh-CN: O }, hint: { en: H, zh-CN: H } }
      - { id: n, kind: nodesReady, count: 2, title: { en: N, zh-CN: N } }
      - { id: f, kind: fileWritten, file: cfg, title: { en: F, zh-CN: F } }
    shell:
      pod: "{pod}"
      container: "{container}"
      tasks:
        - { id: read, title: { en: R, zh-CN: R }, match: 'cat\\s+/volume/dir/file' }
${NAMES}`;
    const r = loadTutorialFrom(mem({ 'tutorial.yaml': yaml, ...BODIES('a'), 'shared/cfg.yaml': 'cfg\n' }));
    expect(r.problems).toEqual([]);
    if (!r.ok) return;
    const step = r.tutorial.steps[0];
    expect(step?.when).toEqual({ profile: 'crio', featureGate: true, mode: ['real', 'byoc'] });
    expect(step?.optional).toBe(true);
    expect(step?.hints).toEqual([{ en: 'H', 'zh-CN': '提示' }, { en: 'Only crio', 'zh-CN': '仅 crio', when: { profile: 'crio' } }]);
    expect(step?.files.map((f) => [f.asset, f.content, f.when])).toEqual([
      ['sub/../cfg.yaml', 'cfg\n', { profile: 'containerd' }],
      ['cfg.yaml', 'cfg\n', { profile: 'crio' }],
    ]);
    expect(step?.commands[0]).toEqual({
      id: 'c',
      title: { en: 'C', 'zh-CN': 'C' },
      argv: ['kind', 'create', 'cluster', '--wait', '5m', '--retries', '3'],
      timeoutMs: 90_000,
      allowFailure: true,
      when: { mode: ['simulated'] },
    });
    expect(step?.solve).toEqual([{ id: 's', argv: ['true'], timeoutMs: 1500, allowFailure: false }]);
    expect(step?.checks[0]).toMatchObject({ kind: 'execOutput', equals: '1', argv: ['cat', '/volume/dir/file'], timeoutMs: 30_000, hint: { en: 'H', 'zh-CN': 'H' } });
    expect(step?.checks[1]).toMatchObject({ kind: 'nodesReady', count: 2 });
    expect(step?.checks[2]).toMatchObject({ kind: 'fileWritten', file: 'cfg' });
    expect(step?.shell).toEqual({ pod: '{pod}', container: '{container}', tasks: [{ id: 'read', title: { en: 'R', 'zh-CN': 'R' }, match: 'cat\\s+/volume/dir/file' }] });
  });

  it('an explicit empty solve stays empty', () => {
    const r = loadTutorialFrom(mem({ 'tutorial.yaml': VALID.replace('    checks:', '    solve: []\n    checks:'), ...BODIES('a'), 'assets/pod.yaml': '' }));
    expect(r.ok && r.tutorial.steps[0]?.solve).toEqual([]);
  });
});

interface Case {
  readonly name: string;
  readonly yaml: string;
  readonly files?: Record<string, string>;
  readonly expected: readonly string[];
}

const F = 'tut/tutorial.yaml';

// One case per kind of error; each asserts every problem of the file, with its exact position.
const CASES: readonly Case[] = [
  {
    name: 'YAML syntax errors, all of them',
    yaml: `id: t\ntitle: { en: T, zh-CN: T\nsteps:\n\t- id: a\n`,
    expected: [
      `${F}:3:1 YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }`,
      `${F}:4:1 YAML syntax error: Tabs are not allowed as indentation`,
    ],
  },
  {
    name: 'a duplicate key is reported and the rest is still checked',
    yaml: `${HEAD}id: u\nsteps:\n  - id: a\n`,
    expected: [
      `${F}:4:1 YAML syntax error: Map keys must be unique`,
      `${F}:6:5 "title" is required`,
    ],
  },
  {
    name: 'an empty file',
    yaml: '# nothing here\n',
    expected: [
      `${F}:1:1 the file is empty`,
    ],
  },
  {
    name: 'a file that is not a map',
    yaml: '- id: t\n',
    expected: [
      `${F}:1:1 "tutorial.yaml" must be a map (key: value pairs)`,
    ],
  },
  {
    name: 'unknown keys, with a suggestion when one is close',
    yaml: `${HEAD}stepz: []\nsteps:\n  - id: a\n    titel: { en: A, zh-CN: A }\n    title: { en: A, zh-CN: A }\n    commands:\n      - { id: c, run: [ls], timout: 5m, allowfailure: true, frobnicate: 1 }\n`,
    expected: [
      `${F}:4:1 unknown key "stepz" (did you mean "steps"?)`,
      `${F}:7:5 unknown key "titel" (did you mean "title"?)`,
      `${F}:10:29 unknown key "timout" (did you mean "timeout"?)`,
      `${F}:10:41 unknown key "allowfailure" (did you mean "allowFailure"?)`,
      `${F}:10:61 unknown key "frobnicate"`,
    ],
  },
  {
    name: 'missing required fields',
    yaml: `id: t\nsteps:\n  - title: { en: A, zh-CN: A }\n    commands:\n      - { id: c }\n    checks:\n      - { id: k, title: { en: K, zh-CN: K } }\n    shell: { tasks: [{ id: x }] }\n`,
    expected: [
      `${F}:1:1 "title" is required`,
      `${F}:1:1 "description" is required`,
      `${F}:3:5 "id" is required`,
      `${F}:5:9 "run" is required`,
      `${F}:7:9 "kind" is required`,
      `${F}:8:12 "pod" is required`,
      `${F}:8:12 "container" is required`,
      `${F}:8:22 "title" is required`,
      `${F}:8:22 "match" is required`,
    ],
  },
  {
    name: 'wrong types',
    yaml: `${HEAD}steps:\n  - id: a\n    title: { en: A, zh-CN: A }\n    optional: yes\n    hints: { en: H, zh-CN: H }\n    commands:\n      - { id: c, run: "kubectl get pods", allowFailure: "false" }\n      - { id: d, run: [] }\n      - { id: e, run: [ls, [x]] }\n    checks:\n      - { id: n, kind: nodesReady, count: two, title: { en: N, zh-CN: N } }\n      - { id: m, kind: nodesReady, count: 0, title: { en: N, zh-CN: N } }\n  - b\n`,
    expected: [
      `${F}:7:15 "optional" must be true or false`,
      `${F}:8:12 "hints" must be a list`,
      `${F}:10:23 "run" must be a list`,
      `${F}:10:57 "allowFailure" must be true or false`,
      `${F}:11:23 "run" must not be an empty list`,
      `${F}:12:28 "run[1]" must be a string`,
      `${F}:14:43 "count" must be a whole number of at least 1`,
      `${F}:15:43 "count" must be a whole number of at least 1`,
      `${F}:16:5 "steps[1]" must be a map (key: value pairs)`,
    ],
  },
  {
    name: 'texts must have en and zh-CN',
    yaml: `id: t\ntitle: { en: T }\ndescription: Just English\nsteps:\n  - id: a\n    title: { en: A, zh: A }\n    hints:\n      - { en: "", zh-CN: H }\n      - { en: H, zh-CN: }\n`,
    expected: [
      `${F}:2:8 "title" has no "zh-CN" text`,
      `${F}:3:14 "description" must be a text in both languages: { en: "…", zh-CN: "…" }`,
      `${F}:6:12 "title" has no "zh-CN" text`,
      `${F}:6:21 unknown key "zh" (did you mean "zh-CN"?)`,
      `${F}:8:15 the "en" text of "hints[0]" is empty`,
      `${F}:9:18 "zh-CN" has no value`,
    ],
  },
  {
    name: 'ids: pattern and duplicates in every scope',
    yaml: `id: My_Tour\ntitle: { en: T, zh-CN: T }\ndescription: { en: D, zh-CN: D }\nsteps:
  - id: a
    title: { en: A, zh-CN: A }
    files:
      - { name: pod, asset: pod.yaml }
      - { name: pod, asset: pod.yaml }
      - { name: pod, asset: pod.yaml, when: { profile: crio } }
      - { name: Pod.yaml, asset: pod.yaml }
    commands:
      - { id: c, run: [ls] }
      - { id: c, run: [ls] }
    checks:
      - { id: k, kind: clusterExists, title: { en: K, zh-CN: K } }
      - { id: k, kind: clusterExists, title: { en: K, zh-CN: K } }
    shell:
      pod: "{pod}"
      container: "{container}"
      tasks:
        - { id: x, title: { en: X, zh-CN: X }, match: ls }
        - { id: x, title: { en: X, zh-CN: X }, match: ls }
  - id: a
    title: { en: A, zh-CN: A }
  - id: -b
    title: { en: B, zh-CN: B }
${NAMES}`,
    expected: [
      `${F}:1:5 invalid id "My_Tour": use lowercase letters, digits and dashes, starting with a letter or digit`,
      `${F}:9:17 duplicate file "pod" with the same condition (first on line 8): only the first is ever used`,
      `${F}:11:17 invalid id "Pod.yaml": use lowercase letters, digits and dashes, starting with a letter or digit`,
      `${F}:14:15 duplicate command id "c" in this step (first used on line 13)`,
      `${F}:17:15 duplicate check id "k" in this step (first used on line 16)`,
      `${F}:23:17 duplicate shell task id "x" in this step (first used on line 22)`,
      `${F}:24:9 duplicate step id "a" (first used on line 5)`,
      `${F}:26:9 invalid id "-b": use lowercase letters, digits and dashes, starting with a letter or digit`,
    ],
  },
  {
    name: 'check kinds and the fields each kind needs',
    yaml: `${HEAD}steps:
  - id: a
    title: { en: A, zh-CN: A }
    checks:
      - { id: k1, kind: podready, pod: x, title: { en: K, zh-CN: K } }
      - { id: k2, kind: execOutput, pod: x, title: { en: K, zh-CN: K } }
      - { id: k3, kind: execFails, pod: x, container: y, argv: [ls], equals: z, title: { en: K, zh-CN: K } }
      - { id: k4, kind: execOutput, pod: x, container: y, argv: [ls], equals: z, contains: z, title: { en: K, zh-CN: K } }
      - { id: k5, kind: podPhase, pod: x, phase: running, count: 2, title: { en: K, zh-CN: K } }
      - { id: k6, kind: imageVolumeKept, title: { en: K, zh-CN: K } }
      - { id: k7, kind: fileWritten, file: nope, title: { en: K, zh-CN: K } }
`,
    expected: [
      `${F}:8:25 unknown check kind "podready" (did you mean "podReady"?)`,
      `${F}:9:9 check kind execOutput needs "container"`,
      `${F}:9:9 check kind execOutput needs "argv"`,
      `${F}:9:9 check kind execOutput needs "equals" or "contains"`,
      `${F}:10:9 check kind execFails needs "contains"`,
      `${F}:10:70 "equals" does not apply to check kind execFails`,
      `${F}:11:82 give either "equals" or "contains", not both`,
      `${F}:12:50 invalid phase "running" (expected one of: Pending, Running, Succeeded, Failed, Unknown) (did you mean "Running"?)`,
      `${F}:12:59 "count" does not apply to check kind podPhase`,
      `${F}:13:9 check kind imageVolumeKept needs "pod"`,
      `${F}:13:9 check kind imageVolumeKept needs "volume"`,
      `${F}:14:44 no file named "nope" is defined by this or an earlier step`,
    ],
  },
  {
    name: 'durations',
    yaml: `${HEAD}steps:
  - id: a
    title: { en: A, zh-CN: A }
    commands:
      - { id: c1, run: [ls], timeout: 5 minutes }
      - { id: c2, run: [ls], timeout: 1.5s }
      - { id: c3, run: [ls], timeout: 0 }
      - { id: c4, run: [ls], timeout: -1 }
      - { id: c5, run: [ls], timeout: 2h5m10s250ms }
    checks:
      - { id: k, kind: clusterExists, timeout: 0, title: { en: K, zh-CN: K } }
`,
    expected: [
      `${F}:8:39 invalid duration "5 minutes": use e.g. 500ms, 30s, 2m, 1m30s, 1h, or a number of milliseconds`,
      `${F}:9:39 invalid duration "1.5s": use e.g. 500ms, 30s, 2m, 1m30s, 1h, or a number of milliseconds`,
      `${F}:10:39 a command timeout must be more than zero`,
      `${F}:11:39 invalid duration "-1": use e.g. 500ms, 30s, 2m, 1m30s, 1h, or a number of milliseconds`,
    ],
  },
  {
    name: 'variables and {file:NAME}',
    yaml: `${HEAD}steps:
  - id: a
    title: { en: A, zh-CN: A }
    commands:
      - { id: c1, run: [kind, create, cluster, --name, "{clustr}", --config, "{file:cfg}"] }
      - { id: c2, run: [kubectl, apply, -f, "{file:later}"] }
    checks:
      - { id: k, kind: execOutput, pod: "{pods}", container: "x-{Container}", argv: ["{workdir}/x"], contains: x, title: { en: K, zh-CN: K } }
    shell: { pod: "{pod}", container: "{nope}" }
  - id: b
    title: { en: B, zh-CN: B }
    files:
      - { name: later, asset: pod.yaml }
${NAMES}`,
    expected: [
      `${F}:8:57 unknown variable {clustr} (did you mean "cluster"?) (known: {cluster} {context} {namespace} {profile} {artifact} {nodeImage} {pod} {container} {workDir} {preparedImages} {file:NAME})`,
      `${F}:8:79 no file named "cfg" is defined by this or an earlier step`,
      `${F}:9:46 no file named "later" is defined by this or an earlier step`,
      `${F}:11:42 unknown variable {pods} (did you mean "pod"?) (known: {cluster} {context} {namespace} {profile} {artifact} {nodeImage} {pod} {container} {workDir} {preparedImages} {file:NAME})`,
      `${F}:11:65 unknown variable {Container} (did you mean "container"?) (known: {cluster} {context} {namespace} {profile} {artifact} {nodeImage} {pod} {container} {workDir} {preparedImages} {file:NAME})`,
      `${F}:11:87 unknown variable {workdir} (did you mean "workDir"?) (known: {cluster} {context} {namespace} {profile} {artifact} {nodeImage} {pod} {container} {workDir} {preparedImages} {file:NAME})`,
      `${F}:12:40 unknown variable {nope} (known: {cluster} {context} {namespace} {profile} {artifact} {nodeImage} {pod} {container} {workDir} {preparedImages} {file:NAME})`,
    ],
  },
  {
    name: 'the tutorial\'s names: {pod} and {container} are declared at the top, as Kubernetes names',
    yaml: `${HEAD}pod: My_Pod
steps:
  - id: a
    title: { en: A, zh-CN: A }
    checks:
      - { id: k, kind: execOutput, pod: "{pod}", container: "{container}", argv: [ls], contains: x, title: { en: K, zh-CN: K } }
    shell: { pod: "{pod}", container: "{container}" }
  - id: b
    title: { en: B, zh-CN: B }
    commands:
      - { id: c, run: [kubectl, exec, "{pod}", -c, "{container}", --, ls] }
container: ${'c'.repeat(64)}
`,
    expected: [
      `${F}:4:6 invalid Pod name "My_Pod": use lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters`,
      `${F}:15:12 invalid container name "${'c'.repeat(64)}": use lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters`,
    ],
  },
  {
    name: 'the tutorial\'s names: {pod} and {container} without pod: and container:',
    yaml: `${HEAD}steps:
  - id: a
    title: { en: A, zh-CN: A }
    checks:
      - { id: k, kind: execOutput, pod: "x-{pod}", container: "{container}", argv: [ls], contains: x, title: { en: K, zh-CN: K } }
    shell: { pod: "{pod}", container: "{container}" }
`,
    expected: [
      `${F}:8:44 {pod} is not declared: add a top-level "pod: NAME" to tutorial.yaml, the name it stands for`,
      `${F}:8:64 {container} is not declared: add a top-level "container: NAME" to tutorial.yaml, the name it stands for`,
      `${F}:9:20 {pod} is not declared: add a top-level "pod: NAME" to tutorial.yaml, the name it stands for`,
      `${F}:9:40 {container} is not declared: add a top-level "container: NAME" to tutorial.yaml, the name it stands for`,
    ],
  },
  {
    name: 'missing step Markdown and assets',
    yaml: `${HEAD}steps:
  - id: a
    title: { en: A, zh-CN: A }
  - id: c
    title: { en: C, zh-CN: C }
    files:
      - { name: pod, asset: pod.yaml }
      - { name: cfg, asset: missing.yaml }
      - { name: abs, asset: /etc/passwd }
`,
    files: { 'steps/c.en.md': '# c' },
    expected: [
      `${F}:7:9 step "c" has no tut/steps/c.zh-CN.md`,
      `${F}:11:29 asset not found: tut/assets/missing.yaml`,
      `${F}:12:29 "asset" must be a relative path with / separators`,
    ],
  },
  {
    name: 'shell task regexes must compile',
    yaml: `${HEAD}steps:
  - id: a
    title: { en: A, zh-CN: A }
    shell:
      pod: "{pod}"
      container: "{container}"
      tasks:
        - { id: ok, title: { en: X, zh-CN: X }, match: 'ls\\s+/volume' }
        - { id: bad, title: { en: X, zh-CN: X }, match: 'cat (/volume' }
${NAMES}`,
    expected: [
      `${F}:12:57 invalid regular expression (RE2 syntax: no lookaround, no backreferences): error parsing regexp: missing closing ): \`cat (/volume\``,
    ],
  },
  {
    name: 'conditions: unknown keys and values',
    yaml: `${HEAD}steps:
  - id: a
    title: { en: A, zh-CN: A }
    when: { profile: docker, featureGate: yes, mod: [real] }
    commands:
      - { id: c, run: [ls], when: { mode: [real, cloud] } }
      - { id: d, run: [ls], when: { mode: [] } }
      - { id: e, run: [ls], when: ciro }
`,
    expected: [
      `${F}:7:22 invalid profile "docker" (expected one of: containerd, crio)`,
      `${F}:7:43 "featureGate" must be true or false`,
      `${F}:7:48 unknown key "mod" (did you mean "mode"?)`,
      `${F}:9:50 invalid mode "cloud" (expected one of: real, simulated, byoc)`,
      `${F}:10:43 "mode" lists no mode, so it never matches`,
      `${F}:11:35 "when" must be a map (key: value pairs)`,
    ],
  },
  {
    name: 'a tutorial needs steps',
    yaml: `${HEAD}steps: []\n`,
    expected: [
      `${F}:4:8 a tutorial needs at least one step`,
    ],
  },
];

describe('loadTutorialFrom: every problem, with its position', () => {
  it.each(CASES)('$name', ({ yaml, files, expected }) => {
    const result: LoadResult = loadTutorialFrom(mem({ 'tutorial.yaml': yaml, ...BODIES('a', 'b'), 'assets/pod.yaml': POD_ASSET, ...files }));
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => shown(p))).toEqual(expected);
  });

  it('reports the problems of many kinds in one file at once', () => {
    const yaml = `id: T\ntitle: { en: T }\nsteps:\n  - id: a\n    title: { en: A, zh-CN: A }\n    optinal: true\n    checks:\n      - { id: k, kind: nope, title: { en: K, zh-CN: K } }\n`;
    expect(lint(yaml)).toEqual([
      `${F}:1:1 "description" is required`,
      `${F}:1:5 invalid id "T": use lowercase letters, digits and dashes, starting with a letter or digit`,
      `${F}:2:8 "title" has no "zh-CN" text`,
      `${F}:6:5 unknown key "optinal" (did you mean "optional"?)`,
      `${F}:8:24 unknown check kind "nope"`,
    ]);
  });

  it('a missing tutorial.yaml is one problem for the whole file', () => {
    const result = loadTutorialFrom(mem({}, 'some/dir/'));
    expect(result.problems.map((p) => ({ ...p, message: tRef('en', p.message) }))).toEqual([{ file: 'some/dir/tutorial.yaml', line: 0, col: 0, message: 'file not found: a tutorial folder needs a tutorial.yaml' }]);
    expect(result.problems.map((p) => shown(p))).toEqual(['some/dir/tutorial.yaml: file not found: a tutorial folder needs a tutorial.yaml']);
  });

  it('names files under the folder as given', () => {
    expect(loadTutorialFrom(mem({}, '.')).problems[0]?.file).toBe('tutorial.yaml');
    expect(loadTutorialFrom(mem({}, '/abs/tut')).problems[0]?.file).toBe('/abs/tut/tutorial.yaml');
  });

  it('speaks Simplified Chinese when asked', () => {
    expect(lint(`${HEAD}steps:\n  - id: a\n    titel: { en: A, zh-CN: A }\n`, {}, 'zh-CN')).toEqual([
      `${F}:5:5 缺少必填项 "title"`,
      `${F}:6:5 未知的键 "titel"（是否想写 "title"？）`,
    ]);
  });
});

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['2m', 120_000],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['2500', 2500],
    ['0', 0],
    ['', undefined],
    ['5', 5],
    ['1.5s', undefined],
    ['2 m', undefined],
    ['m', undefined],
    ['30s2m', undefined],
    ['1d', undefined],
  ])('%j → %j', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});

describe('formatProblem', () => {
  it('is file:line:col message', () => {
    expect(formatProblem({ file: 'a/tutorial.yaml', line: 3, col: 7 }, 'oops')).toBe('a/tutorial.yaml:3:7 oops');
  });
});

describe('YAML anchors and aliases', () => {
  it('are followed, and problems are reported at the alias', () => {
    const yaml = `${HEAD}steps:
  - id: a
    title: &t { en: A, zh-CN: A }
    hints: [*t, *t]
    commands:
      - { id: c, run: &argv [kubectl, get, pods] }
      - { id: d, run: *argv, timeout: *t }
`;
    expect(lint(yaml)).toEqual([
      `${F}:10:39 invalid duration "…": use e.g. 500ms, 30s, 2m, 1m30s, 1h, or a number of milliseconds`,
    ]);
    const ok = loadTutorialFrom(mem({ 'tutorial.yaml': yaml.replace(', timeout: *t', ''), ...BODIES('a') }));
    expect(ok.ok && ok.tutorial.steps[0]?.hints).toEqual([{ en: 'A', 'zh-CN': 'A' }, { en: 'A', 'zh-CN': 'A' }]);
    expect(ok.ok && ok.tutorial.steps[0]?.commands[1]?.argv).toEqual(['kubectl', 'get', 'pods']);
  });
});

describe('the clean-up step (role: cleanup)', () => {
  const two = (aExtra: string, bExtra: string): string => `${HEAD}steps:
  - id: a
    title: { en: A, zh-CN: A }
${aExtra}  - id: b
    title: { en: B, zh-CN: B }
${bExtra}`;

  it('is read into the model, on the last step', () => {
    const result = loadTutorialFrom(mem({ 'tutorial.yaml': two('', '    role: cleanup\n'), ...BODIES('a', 'b') }));
    if (!result.ok) throw new Error(result.problems.map((p) => shown(p)).join('\n'));
    expect(result.tutorial.steps.map((s) => s.role ?? null)).toEqual([null, 'cleanup']);
  });

  it('must be the last step, once, and not optional', () => {
    expect(lint(two('    role: cleanup\n', ''))).toEqual(['tut/tutorial.yaml:7:11 the step with role: cleanup must be the last step (run runs it at the end)']);
    expect(lint(two('    role: cleanup\n', '    role: cleanup\n'))).toEqual([
      'tut/tutorial.yaml:7:11 the step with role: cleanup must be the last step (run runs it at the end)',
      'tut/tutorial.yaml:10:11 only one step can have role: cleanup (the first is on line 7)',
    ]);
    expect(lint(two('', '    role: cleanup\n    optional: true\n'))).toEqual(['tut/tutorial.yaml:9:11 the step with role: cleanup cannot be optional: run always runs it, even after a failure']);
  });

  it('has known roles only', () => {
    expect(lint(two('', '    role: cleanpu\n'))).toEqual(['tut/tutorial.yaml:9:11 invalid role "cleanpu" (expected one of: cleanup) (did you mean "cleanup"?)']);
  });
});

describe('what the tour applies is the tour\'s', () => {
  const applying = (run: string, asset = 'pod.yaml'): string => `${HEAD}steps:
  - id: a
    title: { en: A, zh-CN: A }
    files:
      - name: f
        asset: ${asset}
    commands:
      - id: c
        run: ${run}
`;

  it('a manifest applied with kubectl carries app.kubernetes.io/managed-by=ivol-tour on every object', () => {
    const unlabelled = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: mine\n';
    for (const verb of ['apply', 'create', 'replace']) {
      expect(lint(applying(`[kubectl, --context, "{context}", ${verb}, -f, "{file:f}"]`), { 'assets/pod.yaml': unlabelled }), verb).toEqual([
        'tut/tutorial.yaml:9:16 asset pod.yaml is applied with kubectl, but its Pod "mine" does not carry the label app.kubernetes.io/managed-by=ivol-tour: add it under metadata.labels (the tour changes and deletes only objects with that label)',
      ]);
    }
    expect(lint(applying('[kubectl, apply, "--filename={file:f}"]'), { 'assets/pod.yaml': `${POD_ASSET}---\n${unlabelled}` })).toHaveLength(1);
    // Labelled, or not applied (deleted, shown, handed to another program): fine.
    expect(lint(applying('[kubectl, apply, -f, "{file:f}"]'))).toEqual([]);
    expect(lint(applying('[kubectl, delete, -f, "{file:f}"]'), { 'assets/pod.yaml': unlabelled })).toEqual([]);
    expect(lint(applying('[cat, "{file:f}"]'), { 'assets/pod.yaml': unlabelled })).toEqual([]);
  });

  it('a kind config a cluster is created from marks every node', () => {
    const cfg = (nodes: string): Record<string, string> => ({ 'assets/kind.yaml': `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n${nodes}` });
    const run = '[kind, create, cluster, --name, "{cluster}", --config, "{file:f}"]';
    const problem = 'tut/tutorial.yaml:9:16 asset kind.yaml creates a kind cluster, but not every node in it has the label ivol-tour/created-by: ivol-tour under nodes[].labels (it marks the cluster as the tour\'s, so that clean-up deletes it without asking)';
    expect(lint(applying(run, 'kind.yaml'), cfg(''))).toEqual([problem]);
    expect(lint(applying(run, 'kind.yaml'), cfg('nodes:\n- role: control-plane\n  labels: {ivol-tour/created-by: ivol-tour}\n- role: worker\n'))).toEqual([problem]);
    expect(lint(applying(run, 'kind.yaml'), cfg('nodes:\n- role: control-plane\n  labels: {ivol-tour/created-by: ivol-tour}\n'))).toEqual([]);
  });
});

describe('loadTutorialFrom: beats', () => {
  const yaml = `${HEAD}steps:\n  - id: a\n    title: { en: A, zh-CN: A }\n`;
  const load = (en: string, zh: string) =>
    loadTutorialFrom(mem({ 'tutorial.yaml': yaml, 'steps/a.en.md': en, 'steps/a.zh-CN.md': zh }));

  it('splits each language into beats; the action is on the marked beat, else the last', () => {
    const r = load('# A\n\nWhy.\n\n---\n\nHow.\n<!-- action -->\n\n---\n\nAfter.\n', '# 甲\n\n为什么。\n\n---\n\n怎么做。\n\n<!-- action -->\n\n---\n\n之后。\n');
    if (!r.ok) throw new Error(r.problems.map((p) => shown(p)).join('\n'));
    const step = r.tutorial.steps[0];
    expect(step?.beats.en).toEqual(['# A\n\nWhy.', 'How.\n<!-- action -->', 'After.']);
    expect(step?.beats['zh-CN']).toHaveLength(3);
    expect(step?.actionBeat).toBe(1);
    // body keeps the whole text for callers that show the step at once.
    expect(step?.body.en).toContain('---');
    const plain = load('# A\n\n---\n\nB\n', '# 甲\n\n---\n\n乙\n');
    expect(plain.ok && plain.tutorial.steps[0]?.actionBeat).toBe(1);
  });

  it('reports languages with different numbers of beats, at the step id', () => {
    expect(load('A\n\n---\n\nB\n', '甲\n').problems.map((p) => shown(p))).toEqual([
      'tut/tutorial.yaml:5:9 step "a" has 2 beats in en but 1 in zh-CN: give both languages the same beats (separated by a line holding only ---), so that a learner who switches language keeps their place',
    ]);
  });

  it('reports the action on different beats in the two languages', () => {
    expect(load('A\n<!-- action -->\n\n---\n\nB\n', '甲\n\n---\n\n乙\n').problems.map((p) => shown(p))).toEqual([
      'tut/tutorial.yaml:5:9 step "a" offers its action on beat 1 in en but on beat 2 in zh-CN: put <!-- action --> in the same beat of both files',
    ]);
  });

  it('reports a second action marker, an empty beat and a heading underline, at their lines in the step file', () => {
    expect(load('A\n<!-- action -->\n\n---\n\n<!-- action -->\nB\n', '甲\n<!-- action -->\n\n---\n\n乙\n').problems.map((p) => shown(p))).toEqual([
      'tut/steps/a.en.md:6:1 a second <!-- action --> marker (the first is on line 2): a step offers its action on one beat only',
    ]);
    expect(load('A\n\n---\n\n---\n\nC\n', '甲\n\n---\n\n乙\n\n---\n\n丙\n').problems.map((p) => shown(p))).toEqual([
      'tut/steps/a.en.md:4:1 beat 2 of 3 is empty: remove the extra --- line or write the beat',
    ]);
    expect(load('A\n---\n\nB\n', '甲\n').problems.map((p) => shown(p))).toEqual([
      'tut/steps/a.en.md:2:1 --- right under a line of text makes that line a heading, not a new beat: put a blank line before ---',
    ]);
  });

  it('the messages exist in Chinese too', () => {
    const r = loadTutorialFrom(mem({ 'tutorial.yaml': yaml, 'steps/a.en.md': 'A\n\n---\n\nB\n', 'steps/a.zh-CN.md': '甲\n' }));
    expect(r.problems.map((p) => tRef('zh-CN', p.message))).toEqual(['步骤 "a" 在 en 中有 2 页，在 zh-CN 中却有 1 页：两种语言的页要一一对应（用只含 --- 的一行分隔），这样学习者切换语言时不会丢失位置']);
  });
});

describe('links: where to read more (the recap)', () => {
  const withLinks = (links: string): string => `${VALID}links:\n${links}`;

  it('reads a title in every language and an https URL, or a title alone (a credit)', () => {
    const r = loadTutorialFrom(mem({ 'tutorial.yaml': withLinks('  - title: { en: KEP, zh-CN: KEP }\n    url: "https://kep.k8s.io/4639"\n  - title: { en: Guide, zh-CN: 原文 }\n'), ...BODIES('a'), 'assets/pod.yaml': POD_ASSET }));
    expect(r.problems).toEqual([]);
    expect(r.ok && r.tutorial.links).toEqual([{ title: { en: 'KEP', 'zh-CN': 'KEP' }, url: 'https://kep.k8s.io/4639' }, { title: { en: 'Guide', 'zh-CN': '原文' } }]);
  });

  it('reports a URL that is not https, and an unknown key', () => {
    const problems = lint(withLinks('  - title: { en: A, zh-CN: A }\n    url: "http://example.com"\n  - title: { en: B, zh-CN: B }\n    href: "https://example.com"\n'));
    expect(problems.some((p) => p.includes('must be an https:// URL'))).toBe(true);
    expect(problems.some((p) => p.includes('href'))).toBe(true);
  });
});

describe('hints for some failures only (about, seen)', () => {
  const withHints = (hints: string, checkHint = ''): string => `${HEAD}steps:
  - id: a
    title: { en: A, zh-CN: A }
    hints:
${hints}
    checks:
      - id: n
        kind: nodesReady
        title: { en: N, zh-CN: N }
${checkHint}`;

  it('reads the rule ids and the texts; a single value is a list of one; a hint without them has neither', () => {
    const yaml = withHints(`      - { en: Mirror, zh-CN: 镜像源, about: [registry.offlinePull, registry.mirrorRefused] }
      - { en: V2, zh-CN: V2, about: artifact.layersDiffIds, seen: "number of layers and diffIDs don't match" }
      - { en: Old, zh-CN: 旧, seen: ['failed to mkdir ""', mount.HostPath is empty], when: { profile: containerd } }
      - { en: Any, zh-CN: 任何 }`);
    const r = loadTutorialFrom(mem({ 'tutorial.yaml': yaml, ...BODIES('a') }));
    expect(r.problems.map((p) => shown(p))).toEqual([]);
    expect(r.ok && r.tutorial.steps[0]?.hints).toStrictEqual([
      { en: 'Mirror', 'zh-CN': '镜像源', about: ['registry.offlinePull', 'registry.mirrorRefused'] },
      { en: 'V2', 'zh-CN': 'V2', about: ['artifact.layersDiffIds'], seen: ["number of layers and diffIDs don't match"] },
      { en: 'Old', 'zh-CN': '旧', when: { profile: 'containerd' }, seen: ['failed to mkdir ""', 'mount.HostPath is empty'] },
      { en: 'Any', 'zh-CN': '任何' },
    ]);
  });

  it('doctor\'s rules (tools.<tool>) are rules too', () => {
    const r = loadTutorialFrom(mem({ 'tutorial.yaml': withHints('      - { en: K, zh-CN: K, about: [tools.kind, tools.engine] }'), ...BODIES('a') }));
    expect(r.problems).toEqual([]);
  });

  it('an unknown rule id is a problem at the id, with the closest rule and its family, in both languages', () => {
    const yaml = withHints(`      - en: Mirror
        zh-CN: 镜像源
        about: [registry.offlinePull, registry.offlinepull, nothing]`);
    expect(lint(yaml)).toEqual([
      'tut/tutorial.yaml:10:39 unknown diagnosis rule "registry.offlinepull" (did you mean "registry.offlinePull"?): "about" names the rules that diagnose a failure (known: registry.mirror, registry.unreachable, registry.mirrorLoopback, registry.mirrorRefused, registry.offlinePull)',
      expect.stringMatching(/^tut\/tutorial\.yaml:10:61 unknown diagnosis rule "nothing": "about" names the rules that diagnose a failure \(known: command\.…, ownership\.…, step\.…, registry\.…, .*tools\.…\)$/),
    ]);
    expect(lint(yaml, {}, 'zh-CN')[0]).toBe(
      'tut/tutorial.yaml:10:39 未知的诊断规则 "registry.offlinepull"（是否想写 "registry.offlinePull"？）："about" 写的是诊断失败原因的规则（可用：registry.mirror, registry.unreachable, registry.mirrorLoopback, registry.mirrorRefused, registry.offlinePull）',
    );
  });

  it('an empty list, an empty text, a text that is not a string: each a problem where it is', () => {
    expect(lint(withHints(`      - { en: A, zh-CN: A, about: [] }
      - { en: B, zh-CN: B, seen: [] }
      - { en: C, zh-CN: C, seen: ["  "] }
      - { en: D, zh-CN: D, seen: [{ x: 1 }] }
      - { en: E, zh-CN: E, about: { x: 1 } }`))).toEqual([
      'tut/tutorial.yaml:8:35 "about" lists nothing: name at least one failure, or leave the key out to show the hint for every failure',
      'tut/tutorial.yaml:9:34 "seen" lists nothing: name at least one failure, or leave the key out to show the hint for every failure',
      'tut/tutorial.yaml:10:35 "seen[0]" must not be empty',
      'tut/tutorial.yaml:11:35 "seen[0]" must be a string',
      'tut/tutorial.yaml:12:35 "about" must be a string',
    ]);
  });

  it('a check\'s hint is tied to its check: about and seen are unknown keys there', () => {
    const yaml = withHints('      - { en: A, zh-CN: A }', '        hint: { en: H, zh-CN: H, seen: [x] }\n');
    expect(lint(yaml)).toEqual(['tut/tutorial.yaml:13:34 unknown key "seen"']);
  });

  it('a check may say which earlier checks of its step its hint assumes passed; others are reported', () => {
    const yaml = (assumes: string): string => `${HEAD}steps:
  - id: a
    title: { en: A, zh-CN: A }
    checks:
      - id: running
        kind: nodesReady
        title: { en: R, zh-CN: R }
      - id: ready
        kind: nodesReady
        title: { en: N, zh-CN: N }
        assumes: ${assumes}
`;
    const r = loadTutorialFrom(mem({ 'tutorial.yaml': yaml('running'), ...BODIES('a') }));
    expect(r.problems).toEqual([]);
    expect(r.ok && r.tutorial.steps[0]?.checks[1]?.assumes).toEqual(['running']);
    expect(r.ok && r.tutorial.steps[0]?.checks[0]?.assumes).toBeUndefined();
    expect(lint(yaml('[runing, ready]'))).toEqual([
      'tut/tutorial.yaml:14:19 assumes: no earlier check of this step is called "runing" (did you mean "running"?)',
      'tut/tutorial.yaml:14:27 assumes: no earlier check of this step is called "ready"',
    ]);
  });

  it('a misspelt key of a hint says what was meant', () => {
    expect(lint(withHints('      - { en: A, zh-CN: A, abuot: [registry.offlinePull] }'))).toEqual(['tut/tutorial.yaml:8:28 unknown key "abuot" (did you mean "about"?)']);
  });
});
