import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { writeKubeconfig } from './fake-apiserver/kubeconfig.js';
import { startFakeApiServer } from './fake-apiserver/server.js';
import { simulated } from '../src/adapters/cluster/simulated/testing/fixtures.js';

it('x', async () => {
  const s = simulated();
  const r0 = await s.podRunning();
  console.log(r0);
  await s.world.clock.sleep(120_000);
  const srv = await startFakeApiServer({ world: s.world, cluster: 'ivol' });
  const dir = mkdtempSync('/tmp/scratch/kc-');
  const kc = writeKubeconfig({ tourServer: srv.url, otherServer: 'https://127.0.0.1:2', dir });
  const real = (args: string[]) => new Promise<string>((res) => execFile('kubectl', ['--context', 'kind-ivol', ...args], { env: { ...process.env, KUBECONFIG: kc.path, TZ: 'UTC' }, timeout: 15000 }, (e, out, err) => res(`${out}${err ? `[stderr]${err}` : ''}${e ? `[exit ${e.code}]` : ''}`)));
  const cmds = (process.env.CMDS ?? 'get pods').split(';');
  for (const c of cmds) {
    const args = c.trim().split(/\s+/);
    const sim = await s.kubectl(...args);
    const simText = `${sim.stdout}${sim.stderr ? `[stderr]${sim.stderr}` : ''}${sim.exitCode ? `[exit ${sim.exitCode}]` : ''}`;
    const realText = await real(args);
    writeFileSync(`/tmp/scratch/sim.txt`, simText);
    writeFileSync(`/tmp/scratch/real.txt`, realText);
    console.log(`=== ${c} : ${simText === realText ? 'SAME' : 'DIFF'}`);
    if (simText !== realText) {
      const { execSync } = await import('node:child_process');
      try { execSync('diff /tmp/scratch/sim.txt /tmp/scratch/real.txt', { stdio: 'inherit' }); } catch { /* diff */ }
    }
  }
  await srv.close();
}, 120000);
