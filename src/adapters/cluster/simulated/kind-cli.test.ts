import { describe, expect, it } from 'vitest';
import { simulated } from './testing/fixtures.js';

describe('simulated kind', () => {
  it('prints its version per profile', async () => {
    expect((await simulated().run(['kind', 'version'])).stdout).toBe('kind v0.31.0 go1.25.5 linux/amd64\n');
    expect((await simulated({ featureGate: true }).run(['kind', 'version'])).stdout).toBe('kind v0.30.0 go1.25.5 linux/amd64\n');
  });

  it('creates a cluster with kind\'s non-TTY progress lines on stderr', async () => {
    const s = simulated();
    const r = await s.createCluster();
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines.slice(0, 17)).toEqual([
      'Creating cluster "ivol" ...',
      ' • Ensuring node image (kindest/node:v1.35.0) 🖼  ...',
      ' ✓ Ensuring node image (kindest/node:v1.35.0) 🖼',
      ' • Preparing nodes 📦   ...',
      ' ✓ Preparing nodes 📦 ',
      ' • Writing configuration 📜  ...',
      ' ✓ Writing configuration 📜',
      ' • Starting control-plane 🕹️  ...',
      ' ✓ Starting control-plane 🕹️',
      ' • Installing CNI 🔌  ...',
      ' ✓ Installing CNI 🔌',
      ' • Installing StorageClass 💾  ...',
      ' ✓ Installing StorageClass 💾',
      ' • Waiting ≤ 5m0s for control-plane = Ready ⏳  ...',
      ' ✓ Waiting ≤ 5m0s for control-plane = Ready ⏳',
      expect.stringMatching(/^ • Ready after \d+s 💚$/) as unknown as string,
      'Set kubectl context to "kind-ivol"',
    ]);
    expect(lines.slice(17, 21)).toEqual(['You can now use your cluster with:', '', 'kubectl cluster-info --context kind-ivol', '']);
    expect(lines[21]).toMatch(/Have a nice day|Thanks for using kind|Not sure what to do next|Have a question/);
    expect((await s.run(['kind', 'get', 'clusters'])).stdout).toBe('ivol\n');
  });

  it('takes a realistic amount of (virtual) time', async () => {
    const s = simulated();
    const start = s.world.clock.now();
    await s.createCluster();
    const took = s.world.clock.now() - start;
    expect(took).toBeGreaterThan(10_000);
    expect(took).toBeLessThan(40_000);
  });

  it('creates the CRI-O cluster of the guide: two nodes, worker join', async () => {
    const s = simulated({ profile: 'crio' });
    const r = await s.run(['kind', 'create', 'cluster', '--name', 'ivol', '--image', 'ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1', '--config', '/work/kind.yaml']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(' ✓ Ensuring node image (ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1) 🖼\n');
    expect(r.stderr).toContain(' ✓ Preparing nodes 📦 📦 \n');
    expect(r.stderr).toContain(' ✓ Joining worker nodes 🚜\n');
    expect(r.stderr).not.toContain('Waiting');
    expect((await s.run(['kind', 'get', 'nodes', '--name', 'ivol'])).stdout).toBe('ivol-control-plane\nivol-worker\n');
  });

  it('--wait shorter than the control plane takes: ✗, kind\'s warning, and the cluster is still made', async () => {
    // pkg/cluster/internal/create/actions/waitforready/waitforready.go
    const s = simulated();
    const r = await s.run(['kind', 'create', 'cluster', '--name', 'ivol', '--config', '/work/kind.yaml', '--wait', '1s']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(' • Waiting ≤ 1s for control-plane = Ready ⏳  ...\n ✗ Waiting ≤ 1s for control-plane = Ready ⏳\n • WARNING: Timed out waiting for Ready ⚠️\nSet kubectl context to "kind-ivol"\n');
  });

  it('reads the name like kind: --name, then $KIND_CLUSTER_NAME, then the config, then "kind"', async () => {
    const s = simulated({ files: { '/work/named.yaml': 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nname: from-config\n' } });
    expect((await s.run(['kind', 'create', 'cluster', '--config', '/work/named.yaml'])).stderr).toMatch(/^Creating cluster "from-config" \.\.\.\n/);
    expect((await s.run(['kind', 'create', 'cluster'])).stderr).toMatch(/^Creating cluster "kind" \.\.\.\n/);
    expect((await s.run(['kind', 'get', 'clusters'])).stdout).toBe('from-config\nkind\n');
    expect(await s.run(['kind', 'create', 'cluster', '--name', 'Bad_Name'])).toMatchObject({ exitCode: 1, stderr: "ERROR: failed to create cluster: 'Bad_Name' is not a valid cluster name, cluster names must match `^[a-z0-9.-]+$`\n" });
  });

  it('without docker: kind\'s error and the failed command\'s output (cmd/kind/app/main.go)', async () => {
    const s = simulated({ faults: ['no-engine'] });
    expect(await s.run(['kind', 'get', 'clusters'])).toMatchObject({
      exitCode: 1,
      stderr: `ERROR: failed to list clusters: command "docker ps -a --filter label=io.x-k8s.kind.cluster --format '{{.Label "io.x-k8s.kind.cluster"}}'" failed with error: exec: "docker": executable file not found in $PATH\n\nCommand Output: \n`,
    });
    expect(await s.run(['kind', 'delete', 'cluster', '--name', 'ivol'])).toMatchObject({
      exitCode: 1,
      stderr: `Deleting cluster "ivol" ...\nERROR: failed to delete cluster "ivol": error listing nodes: failed to list nodes: command "docker ps -a --filter label=io.x-k8s.kind.cluster=ivol --format '{{.Names}}'" failed with error: exec: "docker": executable file not found in $PATH\n\nCommand Output: \n`,
    });
  });

  it('refuses to create a cluster that exists', async () => {
    const s = simulated();
    await s.createCluster();
    const r = await s.createCluster();
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('ERROR: failed to create cluster: node(s) already exist for a cluster with the name "ivol"\n');
  });

  it('validates the config file like kind', async () => {
    const s = simulated({ files: { '/work/bad.yaml': 'kind: Pod\napiVersion: v1\n', '/work/typo.yaml': 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnode: []\n' } });
    const missing = await s.run(['kind', 'create', 'cluster', '--name', 'ivol', '--config', '/work/nope.yaml']);
    expect(missing.stderr).toBe('ERROR: failed to create cluster: error reading file: open /work/nope.yaml: no such file or directory\n');
    const bad = await s.run(['kind', 'create', 'cluster', '--name', 'ivol', '--config', '/work/bad.yaml']);
    expect(bad).toMatchObject({ exitCode: 1, stderr: 'ERROR: failed to create cluster: unknown apiVersion: v1\n' });
    const typo = await s.run(['kind', 'create', 'cluster', '--config', '/work/typo.yaml']);
    // pkg/internal/apis/config/encoding/load.go wraps the decoder's error: "unable to decode config".
    expect(typo.stderr).toBe('ERROR: failed to create cluster: unable to decode config: error unmarshaling JSON: while decoding JSON: json: unknown field "node"\n');
    expect(s.world.clusters.size).toBe(0);
  });

  it('deletes clusters (and a missing one quietly)', async () => {
    const s = simulated();
    await s.createCluster();
    const r = await s.run(['kind', 'delete', 'cluster', '--name', 'ivol']);
    expect(r).toMatchObject({ exitCode: 0, stderr: 'Deleting cluster "ivol" ...\nDeleted nodes: ["ivol-control-plane"]\n' });
    const again = await s.run(['kind', 'delete', 'cluster', '--name', 'ivol']);
    expect(again).toMatchObject({ exitCode: 0, stderr: 'Deleting cluster "ivol" ...\n' });
    const list = await s.run(['kind', 'get', 'clusters']);
    expect(list).toMatchObject({ exitCode: 0, stdout: '', stderr: 'No kind clusters found.\n' });
  });

  it('answers unknown commands and flags like cobra', async () => {
    const s = simulated();
    expect(await s.run(['kind', 'frobnicate'])).toMatchObject({ exitCode: 1, stderr: 'ERROR: unknown command "frobnicate" for "kind"\n' });
    expect(await s.run(['kind', 'crate', 'cluster'])).toMatchObject({ exitCode: 1, stderr: 'ERROR: unknown command "crate" for "kind"\n\nDid you mean this?\n\tcreate\n' });
    expect(await s.run(['kind', 'create', 'cluster', '-x'])).toMatchObject({ exitCode: 1, stderr: "ERROR: unknown shorthand flag: 'x' in -x\n" });
    expect(await s.run(['kind', 'create', 'cluster', '--nme', 'x'])).toMatchObject({ exitCode: 1, stderr: 'ERROR: unknown flag: --nme\n' });
  });

  it('is cancelled by its AbortSignal, leaving the node containers behind like a killed kind', async () => {
    const s = simulated();
    const controller = new AbortController();
    const p = s.run(['kind', 'create', 'cluster', '--name', 'ivol', '--config', '/work/kind.yaml'], { signal: controller.signal });
    await s.world.clock.sleep(5000);
    controller.abort();
    const r = await p;
    expect(r).toMatchObject({ exitCode: null, cancelled: true, timedOut: false });
    expect(r.stderr).not.toContain('Set kubectl context');
    expect(s.world.contexts.has('kind-ivol')).toBe(false);
  });

  it('times out on the clock', async () => {
    const s = simulated();
    const r = await s.run(['kind', 'create', 'cluster', '--name', 'ivol', '--config', '/work/kind.yaml'], { timeoutMs: 3000 });
    expect(r).toMatchObject({ exitCode: null, timedOut: true, cancelled: false });
  });

  it('unknown programs answer like a shell', async () => {
    const r = await simulated().run(['podman', 'info']);
    expect(r).toMatchObject({ exitCode: 127, stderr: 'podman: command not found\n' });
  });
});
