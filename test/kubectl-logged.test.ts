// The shell wrapper around the real kubectl (test/fakes/bin/kubectl-logged): the argv log keeps
// every argument byte for byte, whatever it holds, next to the node fakes' JSON lines; the exit
// code passes through; `kubectl wait` gets the fast --timeout.
import { spawnSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAKE_BIN, fakeEnv } from './fakes/env.js';
import { tempDir } from './helpers/temp.js';

const WRAPPER = join(FAKE_BIN, 'kubectl-logged');

describe('kubectl-logged', () => {
  it('logs awkward arguments exactly, between JSON lines of the other fakes', () => {
    const fe = fakeEnv({ tools: ['kubectl-logged'], kubeconfig: '/tmp/kube config\nx' });
    const awkward = ['--context', 'a"b\\c', 'line1\nline2', '', ' ', 'ünïcødé 镜像', '-', '5:xx', '#kubectl 2', 'get'];
    appendFileSync(fe.log, `${JSON.stringify({ tool: 'kind', argv: ['get', 'clusters'], provider: null })}\n`);
    const r = spawnSync(WRAPPER, awkward, { env: { ...fe.env, IVOL_REAL_KUBECTL: '/bin/true' } });
    expect(r.status).toBe(0);
    appendFileSync(fe.log, `${JSON.stringify({ tool: 'docker', argv: ['ps'], provider: null })}\n`);
    spawnSync(WRAPPER, [], { env: { ...fe.env, IVOL_REAL_KUBECTL: '/bin/true', KIND_EXPERIMENTAL_PROVIDER: 'podman' } });
    expect(fe.calls()).toEqual([
      { tool: 'kind', argv: ['get', 'clusters'], provider: null },
      { tool: 'kubectl', argv: awkward, provider: null, kubeconfig: '/tmp/kube config\nx' },
      { tool: 'docker', argv: ['ps'], provider: null },
      { tool: 'kubectl', argv: [], provider: 'podman', kubeconfig: '/tmp/kube config\nx' },
    ]);
  });

  it("passes kubectl's exit code on, and gives `kubectl wait` the fast timeout", () => {
    const dir = tempDir('ivol-kubectl-logged-');
    const fake = join(dir, 'kubectl');
    writeFileSync(fake, '#!/bin/sh\nfor a; do printf "[%s]" "$a"; done\nexit 3\n', { mode: 0o755 });
    const env = { PATH: '', IVOL_REAL_KUBECTL: fake, IVOL_FAKE_KUBECTL_WAIT_TIMEOUT: '2s' };
    const wait = spawnSync(WRAPPER, ['wait', '--for=condition=Ready', 'pod/x', '--timeout=300s'], { env, encoding: 'utf8' });
    expect(wait.status).toBe(3);
    expect(wait.stdout).toBe('[wait][--for=condition=Ready][pod/x][--timeout=2s]');
    const get = spawnSync(WRAPPER, ['get', 'pods', '--timeout=300s'], { env, encoding: 'utf8' });
    expect(get.stdout).toBe('[get][pods][--timeout=300s]');
    const none = spawnSync(WRAPPER, ['get'], { env: { PATH: '', IVOL_REAL_KUBECTL: join(dir, 'missing') }, encoding: 'utf8' });
    expect(none.status).toBe(127);
  });
});
