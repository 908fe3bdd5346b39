// `ivol-tour run` and the command line's contract, through the built binary.
import { describe, expect, it } from 'vitest';
import { BUILTIN_STEP_IDS } from './helpers/builtin-tutorial.js';
import type { RunReport } from '../src/commands/run.js';
import { runCli } from './helpers/cli.js';

function parseReport(stdout: string): RunReport {
  return JSON.parse(stdout) as RunReport;
}

describe('ivol-tour run --simulate', () => {
  it.each(['en', 'zh-CN'])('passes every step in %s and reports them as JSON', async (lang) => {
    const r = await runCli(['run', '--simulate', '--yes', '--json', '--lang', lang]);
    expect(r.code, r.stderr).toBe(0);
    const report = parseReport(r.stdout);
    expect(report).toMatchObject({ tutorial: 'image-volume', mode: 'simulated', profile: 'containerd', ok: true });
    expect(report.steps.map((s) => s.id)).toEqual([...BUILTIN_STEP_IDS]);
    for (const s of report.steps) {
      expect(['passed', 'skipped']).toContain(s.status);
      expect(typeof s.durationMs).toBe('number');
      for (const c of s.checks) expect(c, `${s.id}/${c.id}: ${c.message}`).toMatchObject({ ok: true });
    }
    expect(report.steps.filter((s) => s.status === 'passed').length).toBeGreaterThanOrEqual(10);
    const verify = report.steps.find((s) => s.id === 'verify');
    const outputs = verify?.checks.map((c) => `${c.message}\n${c.output ?? ''}`).join('\n') ?? '';
    expect(outputs).toContain('Read-only file system');
    // What a check found is reported in the run's language.
    expect(verify?.checks.some((c) => c.message === (lang === 'en' ? 'printed "1"' : '输出 "1"'))).toBe(true);
    // Progress goes to stderr, labelled simulated.
    expect(r.stderr).toMatch(lang === 'en' ? /SIMULATED/ : /模拟/);
    // Durations are the simulated clock's, and say so.
    expect(r.stderr).toMatch(lang === 'en' ? /create-cluster passed \(\d+\.\ds, simulated time\)/ : /create-cluster 通过（\d+\.\ds，模拟时间）/);
    expect(r.stderr).toContain(lang === 'en' ? "Durations are of the simulated cluster's clock" : '时长均按模拟集群的时钟计');
  });

  it('passes on the crio profile too', async () => {
    const r = await runCli(['run', '--simulate', '--yes', '--json', '--profile', 'crio']);
    expect(r.code, r.stderr).toBe(0);
    expect(parseReport(r.stdout)).toMatchObject({ profile: 'crio', ok: true });
  });

  it.each([
    ['artifact-pull-fails', 'watch-pod'],
    ['gate-off', 'apply-pod'],
    ['runtime-too-old', 'inspect-cluster'],
  ])('reports the injected fault %s as a failed step with a diagnosis, exit 1', async (fault, stepId) => {
    const r = await runCli(['run', '--simulate', '--yes', '--json'], { IVOL_TOUR_SIM_FAULTS: fault });
    expect(r.code, r.stderr).toBe(1);
    const report = parseReport(r.stdout);
    expect(report.ok).toBe(false);
    const failed = report.steps.find((s) => s.status === 'failed');
    expect(failed?.id).toBe(stepId);
    expect(failed?.diagnosis?.cause).toBeTruthy();
    // What the failed step printed comes along, so the report alone tells what happened.
    expect(failed?.output).toMatch(/\$ kubectl|\$ kind/);
    expect(failed?.diagnosis?.next).toBeTruthy();
    expect(report.steps.find((s) => s.id === 'cleanup')?.status).toBe('passed');
  });

  it('starts at --step, fast-forwarding the simulated cluster', async () => {
    const r = await runCli(['run', '--simulate', '--yes', '--json', '--step', 'verify']);
    expect(r.code, r.stderr).toBe(0);
    const report = parseReport(r.stdout);
    expect(report.steps.find((s) => s.id === 'verify')?.status).toBe('passed');
    expect(report.steps.find((s) => s.id === 'apply-pod')?.status).toBe('passed');
  });
});

describe('the command line contract', () => {
  it.each([
    [['--bogus'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['run', '--simulate', '--step', 'nope'], /There is no step "nope"/],
    [['--lang', 'fr', 'run'], /--lang/],
    [['--profile', 'docker', 'run'], /--profile/],
  ])('%j is a usage error: one line, the usage hint, exit 2', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints the help and the version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const word of ['run', 'doctor', 'lint', 'list', 'cleanup', '--simulate', '--profile', '--step', '--lang', '--context']) expect(help.stdout).toContain(word);
    const version = await runCli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('refuses the interactive tour without a terminal, pointing at run', async () => {
    const r = await runCli(['--simulate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ivol-tour run --simulate --yes');
  });

  it('lists the built-in tutorial and lints it clean', async () => {
    const list = await runCli(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('image-volume');
    const lint = await runCli(['lint', 'tutorials/image-volume']);
    expect(lint.code, lint.stderr).toBe(0);
  });

  it('refuses a broken tutorial with file:line:col messages', async () => {
    const r = await runCli(['run', '--simulate', '--tutorial', 'test/fixtures/tutorials/broken-yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tutorial\.yaml:\d+:\d+ /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
