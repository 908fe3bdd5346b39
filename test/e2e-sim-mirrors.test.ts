// Registry mirrors and unreachable registries in the simulated cluster, through the built
// binary: `run --simulate` with --mirror, and the faults offline and mirror-down
// (IVOL_TOUR_SIM_FAULTS): which step fails, what kind and the kubelet say, and the diagnosis.
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../src/commands/run.js';
import { runCli } from './helpers/cli.js';

const LOOPBACK = ['--mirror', 'docker.io=127.0.0.1:5000', '--mirror', 'quay.io=127.0.0.1:5000'];
const LAN = ['--mirror', 'docker.io=192.168.1.10:5000', '--mirror', 'quay.io=192.168.1.10:5000'];

function failedStep(stdout: string): RunReport['steps'][number] | undefined {
  return (JSON.parse(stdout) as RunReport).steps.find((s) => s.status === 'failed');
}

describe('run --simulate with registry mirrors', () => {
  it('--mirror docker.io=127.0.0.1:5000 --mirror quay.io=127.0.0.1:5000 passes, kind pulling the node image through 127.0.0.1:5000', async () => {
    const r = await runCli(['run', '--simulate', '--yes', ...LOOPBACK], { LANG: 'C.UTF-8' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('All steps done: 11 passed, 0 failed, 1 skipped. [simulated]');
    expect(r.stderr).toContain(' ✓ Ensuring node image (127.0.0.1:5000/kindest/node:v1.35.0) 🖼');
    // The kubelet's events keep the Pod's references: the mirror is the runtime's business.
    expect(r.stderr).toContain('Pulling image "quay.io/crio/artifact:v2"');
  });

  it('offline, no mirror: create-cluster fails on the node image, and the diagnosis says the registry cannot be reached and what to do', async () => {
    const r = await runCli(['run', '--simulate', '--yes', '--json'], { IVOL_TOUR_SIM_FAULTS: 'offline', LANG: 'C.UTF-8' });
    expect(r.code).toBe(1);
    const failed = failedStep(r.stdout);
    expect(failed?.id).toBe('create-cluster');
    expect(failed?.output).toContain('Command Output: Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: server misbehaving');
    expect(failed?.diagnosis?.rule).toBe('registry.offlinePull');
    expect(failed?.diagnosis?.cause).toBe('registry-1.docker.io cannot be reached, so kindest/node:v1.35.0 could not be pulled: dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: server misbehaving.');
    expect(failed?.diagnosis?.next).toMatch(/`ivol-tour doctor`.*--mirror docker\.io=HOST.*`ivol-tour prepare --save FILE`/);
  });

  it('offline, in Chinese: the same diagnosis in the learner\'s language', async () => {
    const r = await runCli(['run', '--simulate', '--yes', '--json', '--lang', 'zh-CN'], { IVOL_TOUR_SIM_FAULTS: 'offline' });
    expect(r.code).toBe(1);
    const failed = failedStep(r.stdout);
    expect(failed?.diagnosis?.cause).toMatch(/^无法访问 registry-1\.docker\.io，因此无法拉取 kindest\/node:v1\.35\.0：dial tcp: lookup/);
    expect(failed?.diagnosis?.next).toContain('ivol-tour prepare --load FILE');
  });

  it('offline with mirrors on a host of the room: every pull goes through them and the tour passes', async () => {
    const r = await runCli(['run', '--simulate', '--yes', ...LAN], { IVOL_TOUR_SIM_FAULTS: 'offline', LANG: 'C.UTF-8' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(' ✓ Ensuring node image (192.168.1.10:5000/kindest/node:v1.35.0) 🖼');
  });

  it('offline with a loopback mirror: the node image comes through it, but inside the node 127.0.0.1 is the node: watch-pod fails naming 127.0.0.1:5000', async () => {
    const r = await runCli(['run', '--simulate', '--yes', '--json', ...LOOPBACK], { IVOL_TOUR_SIM_FAULTS: 'offline', LANG: 'C.UTF-8' });
    expect(r.code).toBe(1);
    const failed = failedStep(r.stdout);
    expect(failed?.id).toBe('watch-pod');
    expect(failed?.diagnosis?.rule).toBe('registry.mirrorLoopback');
    expect(failed?.diagnosis?.cause).toContain('The mirror 127.0.0.1:5000 for quay.io did not answer inside the kind node');
    expect(failed?.diagnosis?.next).toContain('--mirror quay.io=HOST:PORT');
  });

  it('mirror-down: kind pulls the node image by the mirror\'s name, create-cluster fails naming the mirror host', async () => {
    const r = await runCli(['run', '--simulate', '--yes', '--json', '--mirror', 'docker.io=127.0.0.1:5000'], { IVOL_TOUR_SIM_FAULTS: 'mirror-down', LANG: 'C.UTF-8' });
    expect(r.code).toBe(1);
    const failed = failedStep(r.stdout);
    expect(failed?.id).toBe('create-cluster');
    expect(failed?.output).toContain('Command Output: Error response from daemon: Get "http://127.0.0.1:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused');
    expect(failed?.diagnosis?.rule).toBe('registry.mirrorRefused');
    expect(failed?.diagnosis?.cause).toMatch(/^The mirror 127\.0\.0\.1:5000 for docker\.io did not answer while pulling 127\.0\.0\.1:5000\/kindest\/node:v1\.35\.0@sha256:[0-9a-f]{64}: dial tcp 127\.0\.0\.1:5000: connect: connection refused\.$/);
  });

  it('mirror-down for quay.io only: the tour\'s hosts.toml lets containerd fall back to quay.io, so the tour passes', async () => {
    const r = await runCli(['run', '--simulate', '--yes', '--mirror', 'quay.io=192.168.1.10:5000'], { IVOL_TOUR_SIM_FAULTS: 'mirror-down', LANG: 'C.UTF-8' });
    expect(r.code, r.stderr).toBe(0);
  });
});
