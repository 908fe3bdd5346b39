// A machine for real-mode end-to-end runs of the built binary: fake docker/kind first on PATH,
// the REAL kubectl behind its argv-logging wrapper, the tour's fake API server, and the
// kubeconfig's current context pointing at ANOTHER fake API server (someone else's cluster)
// that must never hear from the tour. Everything it creates is removed by dispose().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeKubeconfig } from '../fake-apiserver/kubeconfig.js';
import { startFakeApiServer, type FakeApiServer, type FakeApiServerOptions } from '../fake-apiserver/server.js';
import { fakeEnv, type FakeEnv, type FakeTool } from '../fakes/env.js';
import { runCli, type CliResult } from './cli.js';

export interface RealMachine {
  readonly tour: FakeApiServer;
  readonly other: FakeApiServer;
  readonly fe: FakeEnv;
  readonly kubeconfig: string;
  /** Runs the built binary on this machine (English messages, a state dir of its own). */
  cli(args: string[], deadlineMs?: number): Promise<CliResult>;
  dispose(): Promise<void>;
}

export interface RealMachineOptions {
  readonly tools?: FakeTool[];
  /** IVOL_FAKE_SCENARIO for the fake docker/kind. */
  readonly scenario?: string;
  readonly server?: FakeApiServerOptions;
  /** The kubeconfig already has kind-ivol, and kind lists the cluster (made earlier by the tour: its nodes carry the mark). */
  readonly clusterExists?: boolean;
  readonly extra?: Record<string, string>;
}

export async function realMachine(o: RealMachineOptions = {}): Promise<RealMachine> {
  const tour = await startFakeApiServer({ ...(o.clusterExists ? { nodeLabels: { 'ivol-tour/created-by': 'ivol-tour' } } : {}), ...(o.server ?? {}) });
  const other = await startFakeApiServer();
  const kc = writeKubeconfig({ otherServer: other.url, ...(o.clusterExists ? { tourServer: tour.url } : {}) });
  const fe = fakeEnv({
    tools: o.tools ?? ['docker', 'kind', 'kubectl-logged'],
    ...(o.scenario ? { scenario: o.scenario } : {}),
    kubeconfig: kc.path,
    extra: { IVOL_FAKE_APISERVER: tour.url, ...(o.clusterExists ? { IVOL_FAKE_CLUSTERS: 'ivol' } : {}), ...(o.extra ?? {}) },
  });
  const stateDirs: string[] = [];
  return {
    tour,
    other,
    fe,
    kubeconfig: kc.path,
    cli(args, deadlineMs = 20_000) {
      const stateDir = mkdtempSync(join(tmpdir(), 'ivol-tour-state-'));
      stateDirs.push(stateDir);
      // Nothing from the caller's shell that could point at a real cluster or kubeconfig.
      return runCli(
        args,
        { ...fe.env, IVOL_TOUR_STATE_DIR: stateDir, LANG: 'C.UTF-8', LC_ALL: undefined, LANGUAGE: undefined, DOCKER_HOST: undefined, KIND_EXPERIMENTAL_PROVIDER: undefined },
        deadlineMs,
      );
    },
    async dispose() {
      await Promise.all([tour.close(), other.close()]);
      for (const d of [...stateDirs, fe.dir, kc.dir]) rmSync(d, { recursive: true, force: true });
    },
  };
}
