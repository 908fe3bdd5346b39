import { describe, expect, it } from 'vitest';
import { humanDuration } from './go-text.js';
import { simulated } from './testing/fixtures.js';

describe('kubectl formats', () => {
  it('formats ages like kubectl (HumanDuration)', () => {
    expect([5_000, 119_000, 230_000, 720_000, 7_500_000, 11_400_000, 183_600_000].map(humanDuration)).toEqual(['5s', '119s', '3m50s', '12m', '125m', '3h10m', '2d3h']);
  });

  it('prints the guide\'s `get nodes,pods -n kube-system` shape', async () => {
    const s = simulated({ profile: 'crio' });
    await s.run(['kind', 'create', 'cluster', '--name', 'ivol', '--image', 'ghcr.io/carlory/kindnode-crio:v1.31.0-rc.1', '--config', '/work/kind.yaml']);
    await s.world.clock.sleep(220_000);
    const r = await s.kubectl('-n', 'kube-system', 'get', 'nodes,pods');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('NAME                      STATUS   ROLES           AGE     VERSION');
    expect(lines[1]).toMatch(/^node\/ivol-control-plane {3}Ready {4}control-plane {3}3m\d+s {3}v1\.31\.0-rc\.1$/);
    expect(lines[2]).toMatch(/^node\/ivol-worker {10}Ready {4}<none> {10}3m\d+s {3}v1\.31\.0-rc\.1$/);
    expect(lines[3]).toBe('');
    expect(lines[4]).toBe('NAME                                             READY   STATUS    RESTARTS   AGE');
    const pods = lines.slice(5, -1);
    expect(pods.map((l) => l.split(/\s+/)[0].replace(/-(?!plane$)[a-z0-9]{5}$/, '-X').replace(/-[a-z0-9]{10}-X$/, '-H-X'))).toEqual([
      'pod/coredns-H-X',
      'pod/coredns-H-X',
      'pod/etcd-ivol-control-plane',
      'pod/kindnet-X',
      'pod/kindnet-X',
      'pod/kube-apiserver-ivol-control-plane',
      'pod/kube-controller-manager-ivol-control-plane',
      'pod/kube-proxy-X',
      'pod/kube-proxy-X',
      'pod/kube-scheduler-ivol-control-plane',
    ]);
    for (const l of pods) expect(l).toMatch(/^pod\/\S+ +1\/1 {5}Running {3}0 {10}3m\d+s$/);
    expect(lines.at(-1)).toBe('');
  });

  it('prints nodes -o wide and custom-columns', async () => {
    const s = simulated();
    await s.createCluster();
    const wide = await s.kubectl('get', 'nodes', '-o', 'wide');
    expect(wide.stdout.split('\n')[0]).toBe('NAME                 STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME');
    expect(wide.stdout).toContain('containerd://2.2.0');
    const cc = await s.kubectl('get', 'nodes', '-o', 'custom-columns=NAME:.metadata.name,KUBELET:.status.nodeInfo.kubeletVersion,RUNTIME:.status.nodeInfo.containerRuntimeVersion,MISSING:.spec.nothing');
    expect(cc.stdout).toBe('NAME                 KUBELET   RUNTIME              MISSING\nivol-control-plane   v1.35.0   containerd://2.2.0   <none>\n');
  });

  it('says so when there are no pods', async () => {
    const s = simulated();
    await s.createCluster();
    expect(await s.kubectl('get', 'pods')).toMatchObject({ exitCode: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
    expect(await s.kubectl('get', 'pod', 'image-volume')).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "image-volume" not found\n' });
    expect(await s.kubectl('get', 'widgets')).toMatchObject({ exitCode: 1, stderr: 'error: the server doesn\'t have a resource type "widgets"\n' });
  });
});

describe('kubectl against the simulated cluster', () => {
  it('rejects unknown contexts, and the context of a deleted cluster', async () => {
    const s = simulated();
    expect(await s.run(['kubectl', '--context', 'kind-nope', 'get', 'pods'])).toMatchObject({ exitCode: 1, stderr: 'error: context "kind-nope" does not exist\n' });
    await s.createCluster();
    expect((await s.kubectl('get', 'pods')).exitCode).toBe(0);
    await s.run(['kind', 'delete', 'cluster', '--name', 'ivol']);
    expect(await s.kubectl('get', 'pods')).toMatchObject({ exitCode: 1, stderr: 'error: context "kind-ivol" does not exist\n' });
  });

  it('prints version, client only, without a cluster', async () => {
    const s = simulated();
    expect(await s.run(['kubectl', 'version', '--client'])).toMatchObject({ exitCode: 0, stdout: 'Client Version: v1.35.0\nKustomize Version: v5.7.1\n' });
  });

  it('applies: created, configured again (kubectl patches the lists the server extended), and pod spec updates are forbidden', async () => {
    const s = simulated();
    await s.createCluster();
    expect(await s.kubectl('apply', '-f', '/work/pod.yaml')).toMatchObject({ exitCode: 0, stdout: 'pod/image-volume created\n' });
    // What kubectl 1.32 says (test/kubectl-differential.test.ts): the Pod's volumes and mounts hold the
    // service account's too, so kubectl sends `$setElementOrder` directives: "configured".
    expect(await s.kubectl('apply', '-f', '/work/pod.yaml')).toMatchObject({ exitCode: 0, stdout: 'pod/image-volume configured\n' });
    const changed = (s.files.files.get('/work/pod.yaml') ?? '').replace('artifact:v2', 'artifact:v1');
    await s.files.write('/work/pod2.yaml', changed);
    const r = await s.kubectl('apply', '-f', '/work/pod2.yaml');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^The Pod "image-volume" is invalid: spec: Forbidden: pod updates may not change fields/);
    expect(await s.kubectl('apply', '-f', '/work/missing.yaml')).toMatchObject({ exitCode: 1, stderr: 'error: the path "/work/missing.yaml" does not exist\n' });
    await s.files.write('/work/typo.yaml', (s.files.files.get('/work/pod.yaml') ?? '').replace('reference:', 'referenc:'));
    const typo = await s.kubectl('apply', '-f', '/work/typo.yaml');
    expect(typo.stderr).toContain('strict decoding error: unknown field "spec.volumes[0].image.referenc"');
  });

  it('waits for Ready, and times out on a pod that never gets there', async () => {
    const s = simulated();
    const r = await s.podRunning();
    expect(r).toMatchObject({ exitCode: 0, stdout: 'pod/image-volume condition met\n' });
    const t = simulated({ faults: ['artifact-pull-fails'] });
    await t.createCluster();
    await t.kubectl('apply', '-f', '/work/pod.yaml');
    const start = t.world.clock.now();
    const w = await t.kubectl('wait', '--for=condition=Ready', 'pod/image-volume', '--timeout=180s');
    expect(w).toMatchObject({ exitCode: 1, stderr: 'error: timed out waiting for the condition on pods/image-volume\n' });
    expect(t.world.clock.now() - start).toBeGreaterThanOrEqual(180_000);
  });

  it('lists events oldest first with kubectl\'s columns and a field selector', async () => {
    const s = simulated();
    await s.podRunning();
    const r = await s.kubectl('get', 'events', '--field-selector', 'involvedObject.name=image-volume');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^LAST SEEN {3}TYPE {5}REASON {6}OBJECT {13}MESSAGE$/);
    const reasons = lines.slice(1).map((l) => l.split(/\s{2,}/)[2]);
    expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(r.stdout).toContain('pod/image-volume   Successfully assigned default/image-volume to ivol-control-plane');
    expect(r.stdout).toContain('Pulling image "quay.io/crio/artifact:v2"');
    expect(r.stdout).toMatch(/Successfully pulled image "quay\.io\/crio\/artifact:v2" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\./);
    expect(r.stdout).toContain('Created container: shell');
    expect(r.stdout).toContain('Started container shell');
  });

  it('shows pod -o yaml as the API returns it', async () => {
    const s = simulated();
    await s.podRunning();
    const r = await s.kubectl('get', 'pod', 'image-volume', '-o', 'yaml');
    expect(r.stdout).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n/);
    expect(r.stdout).toContain('reference: quay.io/crio/artifact:v2');
    expect(r.stdout).toContain('phase: Running');
    const json = JSON.parse((await s.kubectl('get', 'pod', 'image-volume', '-o', 'json')).stdout) as { status: { phase: string } };
    expect(json.status.phase).toBe('Running');
  });

  it('deletes a pod gracefully (sleep ignores SIGTERM: the grace period runs out)', async () => {
    const s = simulated();
    await s.podRunning();
    const start = s.world.clock.now();
    expect(await s.kubectl('delete', 'pod', 'image-volume')).toMatchObject({ exitCode: 0, stdout: 'pod "image-volume" deleted\n' });
    expect(s.world.clock.now() - start).toBeGreaterThanOrEqual(30_000);
    expect(await s.kubectl('delete', 'pod', 'image-volume')).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "image-volume" not found\n' });
    expect(await s.kubectl('delete', 'pod', 'image-volume', '--ignore-not-found')).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    const events = await s.kubectl('get', 'events', '--field-selector', 'involvedObject.name=image-volume');
    expect(events.stdout).toContain('Killing');
  });

  it('delete --wait=false returns while the pod is Terminating', async () => {
    const s = simulated();
    await s.podRunning();
    await s.kubectl('delete', 'pod', 'image-volume', '--wait=false');
    expect((await s.kubectl('get', 'pods')).stdout).toMatch(/image-volume {3}1\/1 {5}Terminating {3}0 /);
  });

  it('describes a pod', async () => {
    const s = simulated();
    await s.podRunning();
    const r = await s.kubectl('describe', 'pod', 'image-volume');
    expect(r.stdout).toMatch(/^Name: {13}image-volume\nNamespace: {8}default\n/);
    expect(r.stdout).toContain('    Type:        Image (a container image or OCI artifact)\n    Reference:   quay.io/crio/artifact:v2\n');
    expect(r.stdout).toContain('      /volume from volume (rw)');
    expect(r.stdout).toMatch(/Events:\n {2}Type {4}Reason {5}Age +From +Message\n/);
  });

  it('execs, with kubectl\'s errors when it cannot', async () => {
    const s = simulated();
    await s.createCluster();
    expect(await s.kubectl('exec', 'image-volume', '--', 'ls')).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "image-volume" not found\n' });
    await s.kubectl('apply', '-f', '/work/pod.yaml');
    await s.world.clock.sleep(1000);
    expect(await s.kubectl('exec', 'image-volume', '--', 'ls')).toMatchObject({ exitCode: 1, stderr: 'error: unable to upgrade connection: container not found ("shell")\n' });
    await s.kubectl('wait', '--for=condition=Ready', 'pod/image-volume');
    expect(await s.kubectl('exec', 'image-volume', '-c', 'nope', '--', 'ls')).toMatchObject({ exitCode: 1, stderr: 'Error from server (BadRequest): container nope is not valid for pod image-volume\n' });
    expect((await s.kubectl('exec', 'image-volume', 'ls')).stderr).toContain('Use exec [POD] -- [COMMAND] instead');
    expect(await s.kubectl('exec', 'image-volume', '--', 'cat', '/volume/dir/file')).toMatchObject({ exitCode: 0, stdout: '1\n' });
    const it = await s.kubectl('exec', '-it', 'image-volume', '--', 'cat', '/volume/file');
    expect(it).toMatchObject({ exitCode: 0, stdout: '2\n', stderr: 'Unable to use a TTY - input is not a terminal or the right kind of file\n' });
    const fail = await s.kubectl('exec', 'image-volume', '--', 'touch', '/volume/x');
    expect(fail).toMatchObject({ exitCode: 1, stderr: "touch: cannot touch '/volume/x': Read-only file system\ncommand terminated with exit code 1\n" });
    const missing = await s.kubectl('exec', 'image-volume', '--', 'vim');
    expect(missing.exitCode).toBe(126);
    expect(missing.stderr).toContain('exec: "vim": executable file not found in $PATH');
  });

  it('reports the ImageVolume gate through get --raw /metrics', async () => {
    const s = simulated();
    await s.createCluster();
    expect((await s.kubectl('get', '--raw', '/metrics')).stdout).toContain('kubernetes_feature_enabled{name="ImageVolume",stage="BETA"} 1');
    const off = simulated({ faults: ['gate-off'] });
    await off.createCluster();
    expect((await off.kubectl('get', '--raw', '/metrics')).stdout).toContain('kubernetes_feature_enabled{name="ImageVolume",stage="BETA"} 0');
  });

  it('answers unknown subcommands and flags like kubectl', async () => {
    const s = simulated();
    await s.createCluster();
    expect(await s.kubectl('frob')).toMatchObject({ exitCode: 1, stderr: 'error: unknown command "frob" for "kubectl"\n' });
    expect(await s.kubectl('get', 'pods', '--bogus')).toMatchObject({ exitCode: 1, stderr: "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n" });
  });
});
