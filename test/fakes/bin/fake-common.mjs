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

// ---- the fake docker's images (pull, tag, save, load, inspect) and what the fake kind loaded ----

function imagesFile() {
  const dir = process.env.IVOL_FAKE_STATE;
  return dir ? join(dir, 'images.json') : null;
}

/** The images in the fake engine: name → { id, size }. */
export function images() {
  const f = imagesFile();
  if (!f || !existsSync(f)) return {};
  return JSON.parse(readFileSync(f, 'utf8'));
}

export function setImages(map) {
  const f = imagesFile();
  if (!f) return;
  mkdirSync(dirname(f), { recursive: true });
  writeFileSync(f, JSON.stringify(map));
}

/** Images loaded into a kind node: node → names. */
export function nodeImages() {
  const dir = process.env.IVOL_FAKE_STATE;
  const f = dir ? join(dir, 'node-images.json') : null;
  return f && existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : {};
}

export function setNodeImages(map) {
  const dir = process.env.IVOL_FAKE_STATE;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'node-images.json'), JSON.stringify(map));
}

/** A stable fake hex of `n` digits for a text (image ids, layer ids, digests). */
export function fakeHex(text, n = 64) {
  let h = 2166136261;
  let out = '';
  while (out.length < n) {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
    text += '.';
  }
  return out.slice(0, n);
}
