// Hostile and broken tutorials on disk, through the code of `ivol-tour lint` and of loading a
// tutorial: pipes, devices, directories and symlinks where files should be, paths leaving the
// folder, alias bombs, overlong ids and values, timers that overflow, encodings. Each is a
// clean problem at file:line:col, quickly, never a hang, an exception or an echoed megabyte.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTutorialDir } from '../src/adapters/tutorial-files.js';
import { lintCommand } from '../src/commands/lint.js';
import { MAX_MARKDOWN_BYTES, MAX_TUTORIAL_YAML_BYTES } from '../src/engine/limits.js';
import { stepTexts, TempDirs, tutorialYaml, writeFiles } from './helpers/tutorial-dir.js';

/** A manifest the tour may apply: it carries the tour's label. */
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app.kubernetes.io/managed-by: ivol-tour\n';

const temps = new TempDirs();
afterEach(() => temps.cleanup());

function lint(dir: string): { code: number; stdout: string; stderr: string; ms: number } {
  let stdout = '';
  let stderr = '';
  const t0 = performance.now();
  const code = lintCommand(dir, 'en', { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr, ms: performance.now() - t0 };
}

const ONE_STEP = `  - id: one
    title: { en: "One", zh-CN: "一" }
    files:
      - { name: pod, asset: pod.yaml }
    commands:
      - { id: c, run: [kubectl, apply, -f, "{file:pod}"] }
`;

/** A valid one-step tutorial; `files` replaces or adds files. */
function tutorial(files: Record<string, string> = {}): string {
  const dir = join(temps.make('ivol-hostile-'), 'tut');
  return writeFiles(dir, { 'tutorial.yaml': tutorialYaml(ONE_STEP), ...stepTexts('one'), 'assets/pod.yaml': POD, ...files });
}

function replaceWith(dir: string, rel: string, make: (path: string) => void): void {
  const path = join(dir, ...rel.split('/'));
  execFileSync('rm', ['-rf', path]);
  make(path);
}

const mkfifo = (path: string): void => void execFileSync('mkfifo', [path]);

describe('files that are not regular files', () => {
  it.each([
    ['tutorial.yaml', 'a named pipe (FIFO)', mkfifo],
    ['steps/one.en.md', 'a named pipe (FIFO)', mkfifo],
    ['assets/pod.yaml', 'a named pipe (FIFO)', mkfifo],
    ['assets/pod.yaml', 'a device', (p: string) => symlinkSync('/dev/zero', p)],
    ['steps/one.zh-CN.md', 'a device', (p: string) => symlinkSync('/dev/urandom', p)],
    ['tutorial.yaml', 'a directory', (p: string) => mkdirSync(p)],
    ['assets/pod.yaml', 'a directory', (p: string) => mkdirSync(p)],
  ])('%s as %s is refused at once', (rel, what, make) => {
    const dir = tutorial();
    replaceWith(dir, rel, make);
    const r = lint(dir);
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(2000);
    // Devices are reached through a symlink that leaves the folder: that is said first.
    expect(r.stderr).toMatch(new RegExp(`is not a regular file but ${what.replace(/[()]/g, '\\$&')}|resolves to /dev/`));
    expect(loadTutorialDir(dir).ok).toBe(false);
  });

  it('a socket where a step text should be is refused', async () => {
    const dir = tutorial();
    const { createServer } = await import('node:net');
    const server = createServer();
    const path = join(dir, 'steps', 'one.en.md');
    replaceWith(dir, 'steps/one.en.md', () => undefined);
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      const r = lint(dir);
      expect(r.stderr).toContain('steps/one.en.md is not a regular file but a socket');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('paths that leave the tutorial folder', () => {
  it('`asset: ../../../../etc/shadow` is refused at the asset, never read', () => {
    const dir = tutorial({ 'tutorial.yaml': tutorialYaml(ONE_STEP.replace('asset: pod.yaml', 'asset: ../../../../../../etc/shadow')) });
    const r = lint(dir);
    expect(r.stderr).toBe(`${dir}/tutorial.yaml:8:29 "asset" leaves the tutorial folder (..): a tutorial may only use its own files\n`);
  });

  it('`assets: ..` is refused once, at assets:', () => {
    const dir = tutorial({ 'tutorial.yaml': tutorialYaml(ONE_STEP, 'assets: ../elsewhere\n') });
    const r = lint(dir);
    expect(r.stderr).toBe(`${dir}/tutorial.yaml:4:9 "assets" leaves the tutorial folder (..): a tutorial may only use its own files\n`);
  });

  it('a symlinked asset or steps folder that resolves outside is refused with where it points', () => {
    const dir = tutorial();
    replaceWith(dir, 'assets/pod.yaml', (p) => symlinkSync('/etc/passwd', p));
    const outside = temps.make('ivol-outside-');
    writeFiles(outside, stepTexts('one'));
    replaceWith(dir, 'steps', (p) => symlinkSync(join(outside, 'steps'), p));
    const r = lint(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${dir}/tutorial.yaml:8:29 ${dir}/assets/pod.yaml resolves to /etc/passwd, outside the tutorial folder`);
    expect(r.stderr).toContain(`${dir}/tutorial.yaml:5:9 ${dir}/steps/one.en.md resolves to ${outside}/steps/one.en.md, outside the tutorial folder`);
  });

  it('symlinks inside the folder are fine', () => {
    const dir = tutorial({ 'shared/pod.yaml': POD });
    replaceWith(dir, 'assets/pod.yaml', (p) => symlinkSync('../shared/pod.yaml', p));
    expect(lint(dir)).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('sizes', () => {
  it('a tutorial.yaml over the cap is refused without being parsed', () => {
    const dir = tutorial({ 'tutorial.yaml': `# ${'x'.repeat(MAX_TUTORIAL_YAML_BYTES)}\n` });
    const r = lint(dir);
    expect(r.stderr).toBe(`${dir}/tutorial.yaml: tutorial.yaml is too large: ${MAX_TUTORIAL_YAML_BYTES + 3} bytes (at most ${MAX_TUTORIAL_YAML_BYTES})\n`);
  });

  it('a step text over the cap is refused at the step', () => {
    const dir = tutorial({ 'steps/one.en.md': 'x'.repeat(MAX_MARKDOWN_BYTES + 1) });
    expect(lint(dir).stderr).toContain(`is too large: ${MAX_MARKDOWN_BYTES + 1} bytes (at most ${MAX_MARKDOWN_BYTES})`);
  });

  it('a huge value is reported, never echoed whole', () => {
    const huge = 'A'.repeat(900_000);
    const dir = tutorial({ 'tutorial.yaml': tutorialYaml(ONE_STEP.replace('run: [kubectl, apply, -f, "{file:pod}"]', `run: [kubectl], timeout: "${huge}"`)) });
    const r = lint(dir);
    expect(r.code).toBe(1);
    expect(r.stderr.length).toBeLessThan(2000);
    expect(r.stderr).toContain('(900000 chars)');
  });

  it('a long step id is a problem, not an error of the file system', () => {
    const id = 'a'.repeat(300);
    const dir = tutorial({ 'tutorial.yaml': tutorialYaml(ONE_STEP.replace('id: one', `id: ${id}`)) });
    const r = lint(dir);
    expect(r.stderr).toContain(`${dir}/tutorial.yaml:5:9 the id is too long: 300 characters (at most 63)`);
    expect(r.stderr).not.toMatch(/unexpected|ENAMETOOLONG/);
  });

  it('a timeout Node cannot wait for is a problem', () => {
    const dir = tutorial({ 'tutorial.yaml': tutorialYaml(ONE_STEP.replace('run: [kubectl, apply, -f, "{file:pod}"]', 'run: [kubectl], timeout: 2147483648')) });
    expect(lint(dir).stderr).toContain('duration "2147483648" is too long: Node.js timers wait at most 2147483647 ms');
    const days = tutorial({ 'tutorial.yaml': tutorialYaml(ONE_STEP.replace('run: [kubectl, apply, -f, "{file:pod}"]', 'run: [kubectl], timeout: 9999999h')) });
    expect(lint(days).stderr).toContain('duration "9999999h" is too long');
  });

  it('more than 500 steps is a problem', () => {
    const many = Array.from({ length: 501 }, (_, i) => `  - { id: s${i}, title: { en: S, zh-CN: S } }\n`).join('');
    const dir = tutorial({ 'tutorial.yaml': tutorialYaml(many) });
    expect(lint(dir).stderr).toContain('501 steps: a tutorial has at most 500');
  });
});

describe('YAML aliases', () => {
  it('nested aliases (a billion laughs in 700 bytes) are refused at once', () => {
    let bomb = 'x: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i <= 9; i++) bomb += `x${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]\n`;
    const dir = tutorial({ 'tutorial.yaml': tutorialYaml(`  - { id: one, title: *a9 }\n`, bomb) });
    const r = lint(dir);
    expect(r.ms).toBeLessThan(2000);
    expect(r.stderr).toMatch(/YAML aliases here expand to more than 10000 extra values/);
  });

  it('more than 100 aliases, an unknown alias and an alias inside what it names are problems', () => {
    const many = Array.from({ length: 101 }, () => '*t').join(', ');
    expect(lint(tutorial({ 'tutorial.yaml': tutorialYaml(ONE_STEP, `x: &t 1\ny: [${many}]\n`) })).stderr).toContain('more than 100 YAML aliases');
    expect(lint(tutorial({ 'tutorial.yaml': tutorialYaml(ONE_STEP, 'x: *nowhere\n') })).stderr).toContain('the alias *nowhere names no anchor');
    expect(lint(tutorial({ 'tutorial.yaml': tutorialYaml(ONE_STEP, 'x: &loop [1, *loop]\n') })).stderr).toContain('the alias *loop is inside the value it names');
  });

  it('an alias names the last anchor of its name before it; one before any anchor is unknown', () => {
    const step = (timeout: string): string => ONE_STEP.replace('run: [kubectl, apply, -f, "{file:pod}"]', `run: [kubectl], timeout: ${timeout}`);
    const twice = lint(tutorial({ 'tutorial.yaml': tutorialYaml(step('*t'), 'x-a: &t 30s\nx-b: &t forever\n') }));
    expect(twice.stderr).toContain('invalid duration "forever"');
    const early = lint(tutorial({ 'tutorial.yaml': tutorialYaml(step('*t')) + 'x: &t 30s\n' }));
    expect(early.stderr).toContain('the alias *t names no anchor');
  });

  it('aliases in a large document are resolved in one pass, not one walk of the document each', () => {
    const big = `x-big: [${Array.from({ length: 50_000 }, () => '1').join(',')}]\nx-a: &t 1\nx-uses: [${Array.from({ length: 100 }, () => '*t').join(', ')}]\n`;
    const r = lint(tutorial({ 'tutorial.yaml': tutorialYaml(ONE_STEP, big) }));
    expect(r.stderr).toContain('unknown key "x-uses"');
    expect(r.stderr).not.toContain('alias');
    expect(r.ms).toBeLessThan(5000);
  });

  it('a few aliases, as authors use them, are fine', () => {
    const dir = tutorial({ 'tutorial.yaml': tutorialYaml(ONE_STEP.replace('run: [kubectl, apply, -f, "{file:pod}"]', 'run: [kubectl], timeout: *t'), 'x-timeout: &t 30s\n') });
    expect(lint(dir).stderr).toContain('unknown key "x-timeout"');
  });
});

describe('encodings and line ends', () => {
  it('invalid UTF-8 is a problem', () => {
    const dir = tutorial();
    writeFileSync(join(dir, 'steps', 'one.en.md'), Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]));
    expect(lint(dir).stderr).toContain('steps/one.en.md is not UTF-8 text');
  });

  it('a BOM and CRLF line ends are fine', () => {
    const dir = tutorial();
    writeFileSync(join(dir, 'tutorial.yaml'), `\ufeff${tutorialYaml(ONE_STEP).replace(/\n/g, '\r\n')}`);
    expect(lint(dir)).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('shell task patterns', () => {
  const task = (match: string): string =>
    tutorial({
      'tutorial.yaml': tutorialYaml(`${ONE_STEP}    shell:
      pod: "{pod}"
      container: "{container}"
      tasks:
        - { id: t, title: { en: T, zh-CN: T }, match: '${match}' }
`) + 'pod: p\ncontainer: c\n', // after the steps: no line number moves
    });

  it('patterns RE2 cannot run in linear time (lookaround, backreferences) are problems at the pattern', () => {
    const r = lint(task('(?=x)ls'));
    expect(r.stderr).toContain('tutorial.yaml:15:55 invalid regular expression (RE2 syntax: no lookaround, no backreferences): error parsing regexp: invalid or unsupported Perl syntax: `(?=`');
    expect(lint(task('(a)\\1')).stderr).toContain('invalid escape sequence: `\\1`');
  });

  it('nested quantifiers compile (RE2 does not backtrack)', () => {
    expect(lint(task('^(a+)+$')).code).toBe(0);
  });
});
