// doctor() for the simulated machine: what the simulated tools report.
import { planFor, type DoctorReport } from '../../../engine/plan.js';
import { DOCKER_VERSION, KUBECTL_VERSION, kindVersion, type SimProfile } from './facts.js';

export function simulatedDoctor(profile: SimProfile): DoctorReport {
  const noEngine = profile.faults.has('no-engine');
  const kind = kindVersion(profile);
  return {
    mode: 'simulated',
    tools: [
      noEngine ? { name: 'docker', found: false } : { name: 'docker', found: true, version: DOCKER_VERSION, path: '/usr/bin/docker', daemonReachable: true },
      { name: 'kind', found: true, version: kind, path: '/usr/local/bin/kind' },
      { name: 'kubectl', found: true, version: KUBECTL_VERSION, path: '/usr/local/bin/kubectl' },
    ],
    engine: noEngine ? null : 'docker',
    ready: !noEngine,
    plan: planFor(kind, profile.profile),
    problems: noEngine ? [{ tool: 'engine', message: { key: 'sim.doctor.noEngine' }, fix: { key: 'sim.doctor.noEngineFix' } }] : [],
  };
}
