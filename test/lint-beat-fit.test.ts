// `ivol-tour lint` holds a trainer's own tutorial to the discipline of the built-in one: a
// beat that does not fit the step view at 80×24 (measured with the step view's own layout) is
// reported with its file, line, step id and beat number, and lint exits 1. Through the built
// binary, as a trainer runs it, and through lintCommand in both languages.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lintCommand } from '../src/commands/lint.js';
import { beatArea } from '../src/ui/beat-fit.js';
import { ROOT, runCli } from './helpers/cli.js';
import { TempDirs, tutorialYaml, writeFiles } from './helpers/tutorial-dir.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

const built = existsSync(join(ROOT, 'dist', 'cli.js'));

/** A tutorial whose step "long" has, in `lang`, a second beat of `lines` short paragraphs' lines. */
function tutorialWith(lines: number, lang: 'en' | 'zh-CN' = 'en'): string {
  const long = Array.from({ length: lines }, (_, i) => `Line ${i + 1} of a beat that goes on.`).join('  \n');
  const text = (l: 'en' | 'zh-CN'): string => `# Why\n\nA first beat that fits.\n\n---\n\n${l === lang ? long : 'Short.'}\n`;
  return writeFiles(dirs.make('ivol-lint-beats-'), {
    'tutorial.yaml': tutorialYaml('  - id: long\n    title: { en: "Long", zh-CN: "长" }\n'),
    'steps/long.en.md': text('en'),
    'steps/long.zh-CN.md': text('zh-CN'),
  });
}

function lint(dir: string, lang: 'en' | 'zh-CN' = 'en'): { code: number; stderr: string; stdout: string } {
  let stdout = '';
  let stderr = '';
  const code = lintCommand(dir, lang, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('lint: every beat fits the step view at 80×24', () => {
  const { height } = beatArea(80, 24);

  it('a beat exactly as tall as the step view passes', () => {
    const r = lint(tutorialWith(height));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('one line more is reported at the beat\'s line, with the step id and the beat number, in the language asked', () => {
    const dir = tutorialWith(height + 1);
    const en = lint(dir);
    expect(en.code).toBe(1);
    expect(en.stderr.trim()).toBe(
      `${dir}/steps/long.en.md:7:1 step "long" (en): beat 2 of 2 takes ${height + 1} lines, but the step view at 80×24 shows ${height}: shorten it or cut it in two with a --- line`,
    );
    const zh = lint(dir, 'zh-CN');
    expect(zh.stderr).toContain(`步骤 "long"（en）：第 2/2 页占 ${height + 1} 行`);
  });

  it('the Chinese text is measured too', () => {
    const r = lint(tutorialWith(height + 3, 'zh-CN'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('steps/long.zh-CN.md:7:1 step "long" (zh-CN): beat 2 of 2');
  });

  it.skipIf(!built)('the built binary says so and exits 1', async () => {
    const dir = tutorialWith(height + 2);
    const r = await runCli(['lint', dir, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${dir}/steps/long.en.md:7:1 step "long" (en): beat 2 of 2 takes ${height + 2} lines`);
    const ok = await runCli(['lint', 'tutorials/image-volume']);
    expect(ok.code).toBe(0);
  });
});
