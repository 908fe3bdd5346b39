// End to end with the REAL kubectl 1.32: a recorder (a fake API server on 127.0.0.1) stands in
// for the learner's other cluster; the kubeconfig's current context (prod-cluster) and another
// one (staging) point at it, the tour's context (kind-ivol) at the tour's fake cluster.
// 1. Every hostile argv through the real adapters' command runner: refused, nothing started,
//    the recorder hears nothing, the kubeconfig is unchanged.
// 2. The guard bypassed: the hostile argv that run kubectl, through the plain process runner
//    with only the tour's private kubeconfig as KUBECONFIG: the recorder still hears nothing.
//    (Argv that pick their own server, kubeconfig file or environment are left out of this
//    run: no kubeconfig can hold them; run 1 shows the guard does.)
// 3. A control: the same runner with the user's own kubeconfig does reach the recorder, so the
//    zeros above are not a recorder that cannot hear.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRealAdapters, type RealAdapters } from '../src/adapters/cluster/real/index.js';
import { toolName } from '../src/engine/tool-name.js';
import { createMinimalKubeconfig, type MinimalKubeconfig } from '../src/adapters/kube/minimal-kubeconfig.js';
import type { CommandResult } from '../src/adapters/ports.js';
import { createProcessRunner } from '../src/adapters/process/command-runner.js';
import { createFileStore } from '../src/adapters/store/file-store.js';
import { writeKubeconfig, type WrittenKubeconfig } from './fake-apiserver/kubeconfig.js';
import { startFakeApiServer, type FakeApiServer } from './fake-apiserver/server.js';
import { fakeEnv, type FakeEnv } from './fakes/env.js';
import { appliesTo, expandHostile, HOSTILE, type HostileCase } from './helpers/hostile-argv.js';
import { memoryClusterRecord } from '../src/adapters/store/cluster-record.js';

let tour: FakeApiServer;
let recorder: FakeApiServer;
let kc: WrittenKubeconfig;
let fe: FakeEnv;
let scratch: string;

beforeAll(async () => {
  tour = await startFakeApiServer();
  recorder = await startFakeApiServer();
  kc = writeKubeconfig({ tourServer: tour.url, otherServer: recorder.url, alsoOther: ['staging'] });
  fe = fakeEnv({ tools: ['kubectl-logged', 'kind', 'docker'], kubeconfig: kc.path, extra: { IVOL_FAKE_APISERVER: tour.url } });
  scratch = mkdtempSync(join(tmpdir(), 'ivol-recorder-'));
});

afterAll(async () => {
  await tour.close();
  await recorder.close();
  for (const d of [kc.dir, fe.dir, scratch]) rmSync(d, { recursive: true, force: true });
});

const SESSIONS = {
  real: { mode: 'real', cluster: 'ivol', context: 'kind-ivol', namespace: 'default' },
  // byoc with the same context, so that both modes' argv name real contexts of this kubeconfig.
  byoc: { mode: 'byoc', cluster: 'ivol', context: 'kind-ivol', namespace: 'ivol-tour' },
} as const;

function argvOf(c: HostileCase, mode: 'real' | 'byoc'): string[] {
  return expandHostile(c.argv, { ...SESSIONS[mode], other: recorder.url, kubeconfig: kc.path });
}

/** Whether the argv would start kubectl (itself, by path, or through a wrapper). */
function runsKubectl(argv: readonly string[]): boolean {
  if (toolName(argv[0] ?? '') === 'kubectl') return true;
  return argv.slice(1).some((a) => /(^|[^\w-])kubectl($|[^\w-])/.test(a.replace(/['"\\]/g, '')));
}

describe('hostile argv through the real adapters (the guard in front of the real kubectl)', () => {
  it.each(['real', 'byoc'] as const)('%s mode: every one is refused; nothing starts; the recorder hears nothing', async (mode) => {
    const s = SESSIONS[mode];
    const adapters: RealAdapters = createRealAdapters({ record: memoryClusterRecord(),
      ...s,
      env: fe.env,
      files: createFileStore(),
      shells: { open: () => Promise.reject(new Error('no shells here')) },
      platform: 'linux',
    });
    const cases = HOSTILE.filter((c) => appliesTo(c, mode));
    let refused = 0;
    try {
      for (const c of cases) {
        const argv = argvOf(c, mode);
        let output = '';
        const r: CommandResult = await adapters.commands.run({ argv, timeoutMs: 20_000, cwd: scratch }, (text) => {
          output += text;
        });
        expect(r.exitCode, `${c.name}: ${argv.join(' ')} ran`).toBeNull();
        expect(r.spawnError ?? '', c.name).toMatch(/^refused `/);
        expect(output, c.name).toContain(r.spawnError);
        refused++;
      }
    } finally {
      await adapters.dispose();
    }
    expect(refused).toBe(cases.length);
    expect(refused).toBeGreaterThanOrEqual(40);
    expect(fe.calls()).toEqual([]);
    expect(recorder.requests).toEqual([]);
    expect(tour.requests).toEqual([]);
    expect(readFileSync(kc.path, 'utf8')).toBe(kc.text);
  });
});

describe('the guard bypassed: only the private kubeconfig between kubectl and the other cluster', () => {
  let minimal: MinimalKubeconfig;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    minimal = createMinimalKubeconfig({ context: 'kind-ivol', namespace: 'default', env: fe.env });
    // The fakes first (kubectl is the real one behind the logging wrapper), then the system's
    // tools, so that the wrappers (sh, env, xargs, timeout, …) exist.
    env = { ...fe.env, PATH: `${fe.env['PATH'] ?? ''}:/usr/bin:/bin`, KUBECONFIG: minimal.path() };
  });

  afterAll(() => {
    minimal.dispose();
  });

  it('every hostile argv that runs kubectl and does not pick its own destination: 0 requests to the recorder', async () => {
    const cases = HOSTILE.filter((c) => appliesTo(c, 'real') && !c.escapesKubeconfig).map((c) => ({ c, argv: argvOf(c, 'real') })).filter(({ argv }) => runsKubectl(argv));
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const runner = createProcessRunner({ env, graceMs: 200 });
    const before = fe.calls().filter((x) => x.tool === 'kubectl').length;
    try {
      // Four at a time: the machine has 2 cores and kubectl is slow to start.
      for (let i = 0; i < cases.length; i += 4) {
        // 8 s each: `proxy` serves until stopped, `delete namespace` waits for the deletion.
        await Promise.all(cases.slice(i, i + 4).map(({ argv }) => runner.run({ argv, timeoutMs: 8_000, cwd: scratch }, () => undefined)));
      }
    } finally {
      await runner.killAll();
    }
    // The real kubectl did run (the logging wrapper saw it), and it reached no one but the tour.
    expect(fe.calls().filter((x) => x.tool === 'kubectl').length - before).toBeGreaterThanOrEqual(30);
    expect(recorder.requests).toEqual([]);
    expect(readFileSync(kc.path, 'utf8')).toBe(kc.text);
    expect(existsSync(minimal.path())).toBe(true);
  }, 300_000);

  it('control: with the user\'s own kubeconfig, the same kubectl does reach the recorder', async () => {
    const runner = createProcessRunner({ env: { ...env, KUBECONFIG: kc.path }, graceMs: 200 });
    const r = await runner.run({ argv: ['kubectl', '--context', 'staging', 'get', 'pods'], timeoutMs: 15_000, cwd: scratch }, () => undefined);
    expect(r.exitCode).toBe(0);
    expect(recorder.requests.length).toBeGreaterThan(0);
    recorder.requests.splice(0);
  });
});
