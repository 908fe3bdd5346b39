// How a refusal reaches the learner: a tutorial step whose command the guard refuses, run by
// `run` over the real adapters (fake kind and docker, the real kubectl behind its logging
// wrapper). The output pane's log and stderr say what was refused and why, in English and in
// Chinese; the step fails with the refusal as its cause (not a cluster problem); nothing ran.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRealAdapters } from '../src/adapters/cluster/real/index.js';
import { createMinimalKubeconfig } from '../src/adapters/kube/minimal-kubeconfig.js';
import { createFileStore } from '../src/adapters/store/file-store.js';
import { createSession } from '../src/app/session.js';
import { runCommand, type RunReport } from '../src/commands/run.js';
import type { Text, TutorialSpec } from '../src/engine/model.js';
import { writeKubeconfig, type WrittenKubeconfig } from './fake-apiserver/kubeconfig.js';
import { startFakeApiServer, type FakeApiServer } from './fake-apiserver/server.js';
import { fakeEnv, type FakeEnv } from './fakes/env.js';
import { memoryClusterRecord } from '../src/adapters/store/cluster-record.js';
import type { Lang } from '../src/i18n/types.js';

let other: FakeApiServer;
let kc: WrittenKubeconfig;
let fe: FakeEnv;

beforeAll(async () => {
  other = await startFakeApiServer();
  kc = writeKubeconfig({ otherServer: other.url, tourServer: 'https://127.0.0.1:1' });
  fe = fakeEnv({ tools: ['kubectl-logged', 'kind', 'docker'], kubeconfig: kc.path });
});

afterAll(async () => {
  await other.close();
  rmSync(kc.dir, { recursive: true, force: true });
  rmSync(fe.dir, { recursive: true, force: true });
});

const tx = (s: string): Text => ({ en: s, 'zh-CN': s });

function tutorial(argv: string[]): TutorialSpec {
  return {
    id: 'hostile', title: tx('hostile'), description: tx('hostile'), dir: '/nonexistent',
    steps: [{ id: 'only', title: tx('only'), body: tx('only'), beats: { en: ['only'], 'zh-CN': ['only'] }, actionBeat: 0, optional: false, files: [], checks: [], hints: [], solve: [], commands: [{ id: 'c', argv, timeoutMs: 10_000, allowFailure: false }] }],
  };
}

async function run(argv: string[], lang: Lang): Promise<{ code: number; report: RunReport; stderr: string }> {
  const s = await createSession(tutorial(argv), { simulate: false, cluster: 'ivol', lang, speed: 0, env: { ...fe.env, IVOL_TOUR_STATE_DIR: join(fe.dir, 'state') } });
  let stdout = '';
  let stderr = '';
  try {
    const code = await runCommand(s.controller, { json: true, lang, stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
    return { code, report: JSON.parse(stdout) as RunReport, stderr };
  } finally {
    await s.controller.dispose();
    await s.adapters.dispose();
  }
}

describe('a refused command, as the learner sees it', () => {
  it.each([
    ['en', 'refused `kubectl --context kind-ivol config delete-context prod-cluster`: `kubectl config delete-context` edits the kubeconfig', 'The tour refused to run this command'],
    ['zh-CN', '已拒绝 `kubectl --context kind-ivol config delete-context prod-cluster`：`kubectl config delete-context` 会修改 kubeconfig', '本教程拒绝运行这条命令'],
  ] as const)('%s: named with its reason in the output and on stderr; the cause is the refusal', async (lang, line, cause) => {
    const { code, report, stderr } = await run(['kubectl', '--context', '{context}', 'config', 'delete-context', 'prod-cluster'], lang);
    expect(code).toBe(1);
    const step = report.steps[0];
    expect(step?.status).toBe('failed');
    expect(step?.output).toContain(line);
    expect(stderr).toContain(line);
    expect(step?.diagnosis?.rule).toBe('command.refused');
    expect(step?.diagnosis?.cause).toContain(cause);
    expect(step?.diagnosis?.next).toContain('--context kind-ivol');
    expect(fe.calls()).toEqual([]);
    expect(other.requests).toEqual([]);
    expect(readFileSync(kc.path, 'utf8')).toBe(kc.text);
  });
});

describe('without its private kubeconfig, the tour starts no kubectl', () => {
  it('kubectl is refused with the reason; kind (which keeps the user\'s kubeconfig) still runs', async () => {
    const before = fe.calls().length;
    const adapters = createRealAdapters({ record: memoryClusterRecord(),
      mode: 'real', cluster: 'ivol', context: 'kind-ivol', namespace: 'default', env: fe.env, files: createFileStore(),
      shells: { open: () => Promise.reject(new Error('no shells here')) },
      // A temp dir that does not exist: the copy cannot be written.
      kubeconfig: createMinimalKubeconfig({ context: 'kind-ivol', env: fe.env, tmpDir: join(fe.dir, 'no-such-dir') }),
    });
    try {
      let out = '';
      const r = await adapters.commands.run({ argv: ['kubectl', '--context', 'kind-ivol', 'get', 'pods'], timeoutMs: 10_000 }, (t) => { out += t; });
      expect(r.exitCode).toBeNull();
      expect(r.spawnError).toMatch(/^refused `kubectl --context kind-ivol get pods`: the tour could not write its private kubeconfig \(ENOENT/);
      expect(out).toContain(r.spawnError);
      const k = await adapters.commands.run({ argv: ['kind', 'get', 'clusters'], timeoutMs: 10_000 }, () => undefined);
      expect(k.exitCode).toBe(0);
      expect(fe.calls().slice(before).map((c) => `${c.tool} ${c.argv.join(' ')}`)).toEqual(['kind get clusters']);
    } finally {
      await adapters.dispose();
    }
  });
});
