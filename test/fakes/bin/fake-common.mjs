// Shared by the fake tools: argv log, scenario, state. Test code only; never shipped.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function logCall(tool) {
  const file = process.env.IVOL_FAKE_LOG;
  if (!file) return;
  const line = JSON.stringify({ tool, argv: process.argv.slice(2), provider: process.env.KIND_EXPERIMENTAL_PROVIDER ?? null, kubeconfig: process.env.KUBECONFIG ?? null });
  appendFileSync(file, line + '\n');
}

/** The failures asked for: IVOL_FAKE_SCENARIO=ok | no-daemon | cluster-exists | port-in-use | image-pull | cgroup | kubeadm-fails | kind-version-hangs (comma-separated). */
export function scenario(name) {
  return (process.env.IVOL_FAKE_SCENARIO ?? 'ok').split(',').map((s) => s.trim()).includes(name);
}

function stateFile() {
  const dir = process.env.IVOL_FAKE_STATE;
  return dir ? join(dir, 'clusters.json') : null;
}

export function clusters() {
  const f = stateFile();
  if (!f || !existsSync(f)) return (process.env.IVOL_FAKE_CLUSTERS ?? '').split(',').filter(Boolean);
  return JSON.parse(readFileSync(f, 'utf8'));
}

export function setClusters(list) {
  const f = stateFile();
  if (!f) return;
  mkdirSync(dirname(f), { recursive: true });
  writeFileSync(f, JSON.stringify(list));
}

export function flag(argv, ...names) {
  for (let i = 0; i < argv.length; i++) {
    for (const n of names) {
      if (argv[i] === n) return argv[i + 1];
      if (argv[i].startsWith(n + '=')) return argv[i].slice(n.length + 1);
    }
  }
  return undefined;
}

export const DAEMON_DOWN = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';
