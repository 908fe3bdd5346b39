// Headless `run` through the built binary: a wait ends as soon as the tour's Pod will not recover
// (the artifact-pull-fails drill), the step's remaining commands still show the evidence, and a
// check that had to wait says it read a later state than the output above it.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempStateDir } from './helpers/cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const state = (): string => {
  const d = tempStateDir();
  dirs.push(d);
  return d;
};

describe('run: fail fast, then show the evidence', () => {
  it.each(['en', 'zh-CN'])('artifact-pull-fails: watch-pod stops waiting after the second failed pull, not after 180 s (%s)', async (lang) => {
    // Without --json: the commands' output goes to stderr (with --json only when it is a terminal).
    const r = await runCli(['run', '--simulate', '--yes', '--lang', lang, '--step', 'watch-pod'], { IVOL_TOUR_STATE_DIR: state(), IVOL_TOUR_SIM_FAULTS: 'artifact-pull-fails' });
    expect(r.code).toBe(1);
    // Simulated time: the kubelet's first back-off is 10 s; the wait's own limit is 180 s.
    const took = /watch-pod (?:FAILED \(|失败（)(\d+\.\d)s/.exec(r.stderr);
    expect(took, r.stderr).not.toBeNull();
    expect(Number(took?.[1])).toBeLessThan(60);
    // The evidence: the wait stopped, then the Pod and its events (oldest first) were shown.
    expect(r.stderr).toContain(lang === 'en' ? '# stopped waiting (this will not recover by itself)' : '# 已停止等待（不会自行恢复）');
    expect(r.stderr).toMatch(/\$ kubectl .* get pod image-volume -o wide\n.*\n\s*image-volume\s+0\/1\s+(ErrImagePull|ImagePullBackOff)/);
    expect(r.stderr).toMatch(/\$ kubectl .* events --for pod\/image-volume\n/);
    expect(r.stderr).toContain('Failed to pull image "quay.io/crio/artifact:v2"');
    expect(r.stderr).toMatch(lang === 'en' ? /watch-pod FAILED \(\d+\.\ds, simulated time\)/ : /watch-pod 失败（\d+\.\ds，模拟时间）/);
  });

  it('looking for a stuck Pod does not move simulated time on by itself: apply-pod takes what its kubectl apply takes', async () => {
    const r = await runCli(['run', '--simulate', '--yes'], { IVOL_TOUR_STATE_DIR: state(), IVOL_TOUR_SIM_FAULTS: 'artifact-pull-fails' });
    const apply = /apply-pod passed \((\d+\.\d)s/.exec(r.stderr);
    expect(apply, r.stderr).not.toBeNull();
    expect(Number(apply?.[1])).toBeLessThan(2);
  });

  it('a check that waited says it read a later state than the table above it (slow-coredns)', async () => {
    const r = await runCli(['run', '--simulate', '--yes', '--step', 'inspect-cluster'], { IVOL_TOUR_STATE_DIR: state(), IVOL_TOUR_SIM_FAULTS: 'slow-coredns' });
    expect(r.code, r.stderr).toBe(0);
    const table = r.stderr.indexOf('ContainerCreating');
    const check = r.stderr.search(/✓ system-pods: \d+ kube-system pods Running \(read after waiting \d+\.\ds, simulated time: a later state than the output above\)/);
    expect(table).toBeGreaterThan(0);
    expect(check).toBeGreaterThan(table);
  });
});

describe('run in a terminal 80 columns wide (a real pty)', () => {
  it.each(['en', 'zh-CN'] as const)('%s: the diagnosis lines fit, each going on under its text after "cause:" / "next:"; a long command echo breaks with ` \\`', async (lang) => {
    const { startPty, BIN } = await import('./helpers/pty-app.js');
    const { default: stringWidth } = await import('string-width');
    const app = startPty(process.execPath, [BIN, 'run', '--simulate', '--yes', '--lang', lang, '--step', 'watch-pod'], { IVOL_TOUR_STATE_DIR: state(), IVOL_TOUR_SIM_FAULTS: 'artifact-pull-fails', IVOL_TOUR_SIM_SPEED: '10' }, 80, 200);
    try {
      expect((await app.exited).exitCode).toBe(1);
      // The terminal has drawn the last of it (xterm parses what arrived before the exit a moment later).
      const summary = lang === 'en' ? 'A step failed' : '有步骤失败';
      const lines = (await app.waitFor((s) => s.includes(summary), 10_000)).split('\n').map((l) => l.trimEnd());
      const [cause, next] = lang === 'en' ? ['    cause: ', '    next: '] : ['    原因：', '    下一步：'];
      for (const label of [cause, next]) {
        const at = lines.findIndex((l) => l.startsWith(label));
        expect(at, label).toBeGreaterThan(0);
        // Wrapped by the tour, not by the terminal: the next line starts under the text.
        const indent = ' '.repeat(stringWidth(label));
        expect(lines[at + 1]?.startsWith(indent) && lines[at + 1]?.[indent.length] !== ' ').toBe(true);
        expect(stringWidth(lines[at] ?? '')).toBeLessThanOrEqual(80);
      }
      // No Chinese line of the tour's own starts with a bracket's or a sentence's closing mark.
      expect(lines.filter((l) => /^\s*[，。）；]/u.test(l))).toEqual([]);
      // The echo of a long command is broken between its words with ` \`: it still pastes.
      const del = lines.findIndex((l) => l.startsWith('    $ kubectl') && l.includes(' delete pods'));
      expect(lines[del]).toMatch(/ \\$/);
      expect(lines[del + 1]).toMatch(/^ {6}\S.*--wait=false$/);
      expect(`${lines[del]?.slice(0, -2)} ${lines[del + 1]?.trim()}`).toBe('    $ kubectl --context kind-ivol -n default delete pods -l app.kubernetes.io/managed-by=ivol-tour --ignore-not-found --wait=false');
    } finally {
      app.kill();
    }
  }, 60_000);
});
