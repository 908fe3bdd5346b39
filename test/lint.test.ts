import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TUTORIAL_DIR, findPackageRoot, listTutorials, loadTutorialDir, PACKAGE_ROOT } from '../src/adapters/tutorial-files.js';
import { lintCommand } from '../src/commands/lint.js';
import { tRef } from '../src/i18n/index.js';
import type { Lang } from '../src/i18n/types.js';
import { BUILTIN_STEP_IDS } from './helpers/builtin-tutorial.js';

const ROOT = join(import.meta.dirname, '..');
const FIX = 'test/fixtures/tutorials';

function lint(dir: string, lang: Lang = 'en'): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = lintCommand(dir, lang, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

// Each fixture: every problem, exactly as printed (file:line:col message), all at once.
const CASES: readonly { fixture: string; stderr: readonly string[] }[] = [
  {
    fixture: 'broken-yaml',
    stderr: [
      `${FIX}/broken-yaml/tutorial.yaml:3:1 YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }`,
      `${FIX}/broken-yaml/tutorial.yaml:6:1 YAML syntax error: Tabs are not allowed as indentation`,
    ],
  },
  {
    // A step hint for some failures only (about: rule ids, seen: texts); a check's hint names none.
    fixture: 'hint-failures',
    stderr: [
      `${FIX}/hint-failures/tutorial.yaml:10:39 unknown diagnosis rule "registry.offline" (did you mean "registry.offlinePull"?): "about" names the rules that diagnose a failure (known: registry.mirror, registry.unreachable, registry.mirrorLoopback, registry.mirrorRefused, registry.offlinePull)`,
      `${FIX}/hint-failures/tutorial.yaml:11:47 "about" lists nothing: name at least one failure, or leave the key out to show the hint for every failure`,
      `${FIX}/hint-failures/tutorial.yaml:12:52 "seen[0]" must not be empty`,
      `${FIX}/hint-failures/tutorial.yaml:13:47 unknown diagnosis rule "artifact.layersDiffIDs" (did you mean "artifact.layersDiffIds"?): "about" names the rules that diagnose a failure (known: artifact.layersDiffIds, artifact.pullFailed)`,
      `${FIX}/hint-failures/tutorial.yaml:18:55 unknown key "about"`,
    ],
  },
  {
    fixture: 'missing-field',
    stderr: [
      `${FIX}/missing-field/tutorial.yaml:1:1 "description" is required`,
      `${FIX}/missing-field/tutorial.yaml:4:5 "title" is required`,
      `${FIX}/missing-field/tutorial.yaml:6:9 "run" is required`,
      `${FIX}/missing-field/tutorial.yaml:8:9 check kind execOutput needs "container"`,
      `${FIX}/missing-field/tutorial.yaml:8:9 check kind execOutput needs "argv"`,
      `${FIX}/missing-field/tutorial.yaml:8:9 check kind execOutput needs "equals" or "contains"`,
    ],
  },
  {
    fixture: 'missing-files',
    stderr: [
      `${FIX}/missing-files/tutorial.yaml:5:9 step "one" has no ${FIX}/missing-files/steps/one.zh-CN.md`,
      `${FIX}/missing-files/tutorial.yaml:9:16 asset not found: ${FIX}/missing-files/assets/kind-config.yaml`,
    ],
  },
  {
    fixture: 'unknown-key',
    stderr: [
      `${FIX}/unknown-key/tutorial.yaml:4:1 unknown key "step" (did you mean "steps"?)`,
      `${FIX}/unknown-key/tutorial.yaml:8:5 unknown key "titel" (did you mean "title"?)`,
      `${FIX}/unknown-key/tutorial.yaml:13:9 unknown key "timout" (did you mean "timeout"?)`,
      `${FIX}/unknown-key/tutorial.yaml:14:9 unknown key "allowfailure" (did you mean "allowFailure"?)`,
    ],
  },
  {
    fixture: 'no-yaml',
    stderr: [`${FIX}/no-yaml/tutorial.yaml: file not found: a tutorial folder needs a tutorial.yaml`],
  },
  { fixture: 'does-not-exist', stderr: [`${FIX}/does-not-exist: no such directory`] },
  { fixture: 'valid-minimal/tutorial.yaml', stderr: [`${FIX}/valid-minimal/tutorial.yaml: not a directory`] },
];

describe('ivol-tour lint', () => {
  it('a valid tutorial: one summary line on stdout, exit 0', () => {
    expect(lint(`${FIX}/valid-minimal`)).toEqual({ code: 0, stdout: `${FIX}/valid-minimal: 1 step, no problems\n`, stderr: '' });
    expect(lint(`${FIX}/valid-minimal/`, 'zh-CN').stdout).toBe(`${FIX}/valid-minimal：1 个步骤，没有问题\n`);
  });

  it.each(CASES)('$fixture: every problem as file:line:col message on stderr, exit 1', ({ fixture, stderr }) => {
    const result = lint(`${FIX}/${fixture}`);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(stderr.map((l) => l + '\n').join(''));
  });

  it('problems in Simplified Chinese with --lang zh-CN', () => {
    expect(lint(`${FIX}/unknown-key`, 'zh-CN').stderr.split('\n')[0]).toBe(`${FIX}/unknown-key/tutorial.yaml:4:1 未知的键 "step"（是否想写 "steps"？）`);
    expect(lint(`${FIX}/nope`, 'zh-CN').stderr).toBe(`${FIX}/nope: 目录不存在\n`);
    expect(lint(`${FIX}/hint-failures`, 'zh-CN').stderr.split('\n')[0]).toBe(
      `${FIX}/hint-failures/tutorial.yaml:10:39 未知的诊断规则 "registry.offline"（是否想写 "registry.offlinePull"？）："about" 写的是诊断失败原因的规则（可用：registry.mirror, registry.unreachable, registry.mirrorLoopback, registry.mirrorRefused, registry.offlinePull）`,
    );
  });

  it('an absolute directory gives absolute file names', () => {
    const dir = join(ROOT, FIX, 'missing-files');
    expect(lint(dir).stderr.split('\n')[0]).toBe(`${dir}/tutorial.yaml:5:9 step "one" has no ${dir}/steps/one.zh-CN.md`);
  });
});

describe('tutorial files on disk', () => {
  it('loads a valid tutorial with an absolute dir and the asset text', () => {
    const result = loadTutorialDir(`${FIX}/valid-minimal`);
    if (!result.ok) throw new Error(result.problems.map((p) => tRef('en', p.message)).join('\n'));
    expect(result.tutorial.dir).toBe(join(ROOT, FIX, 'valid-minimal'));
    expect(result.tutorial.steps[0]?.files[0]?.content).toContain('reference: quay.io/crio/artifact:v2');
    expect(result.tutorial.steps[0]?.body['zh-CN']).toContain('镜像卷');
  });

  it('finds the package root and the built-in tutorial from src/', () => {
    expect(PACKAGE_ROOT).toBe(ROOT);
    expect(findPackageRoot(join(ROOT, 'src', 'adapters'))).toBe(ROOT);
    expect(BUILTIN_TUTORIAL_DIR).toBe(join(ROOT, 'tutorials', 'image-volume'));
  });

  it('lists tutorials, the broken ones with their problem count', () => {
    const list = listTutorials(join(ROOT, FIX));
    expect(list.map((l) => [l.id, l.steps, l.problems])).toEqual([
      ['broken-yaml', 0, 2],
      ['hint-failures', 0, 5],
      ['missing-field', 0, 6],
      ['missing-files', 0, 2],
      ['unknown-key', 0, 4],
      ['valid-minimal', 1, 0],
    ]);
    expect(list.at(-1)?.title).toEqual({ en: 'A minimal tutorial', 'zh-CN': '最小的教程' });
    expect(listTutorials(join(ROOT, FIX, 'nope'))).toEqual([]);
  });
});

describe.skipIf(!existsSync(join(BUILTIN_TUTORIAL_DIR, 'tutorial.yaml')))('the built-in tutorial', () => {
  it('lints clean and has the public step ids', () => {
    const result = loadTutorialDir(BUILTIN_TUTORIAL_DIR);
    expect(result.problems.map((p) => `${p.file}:${p.line}:${p.col} ${tRef('en', p.message)}`)).toEqual([]);
    expect(result.ok && result.tutorial.steps.map((s) => s.id)).toEqual([...BUILTIN_STEP_IDS]);
  });
});
