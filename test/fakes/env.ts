// A PATH holding only the chosen fake tools (and node, for their shebang), an argv log and a
// state directory for the fake kind. Test code only.
import { readFileSync, symlinkSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from '../helpers/temp.js';

export const FAKE_BIN = join(import.meta.dirname, 'bin');

/** `kubectl` is the real binary; `kubectl-logged` is the real binary behind an argv-logging wrapper. */
export type FakeTool = 'kind' | 'docker' | 'podman' | 'kubectl' | 'kubectl-logged';

export interface LoggedCall {
  readonly tool: string;
  readonly argv: string[];
  readonly provider: string | null;
  readonly kubeconfig?: string | null;
}

export interface FakeEnv {
  readonly env: NodeJS.ProcessEnv;
  readonly dir: string;
  readonly log: string;
  calls(): LoggedCall[];
}

export function realKubectl(): string {
  for (const p of ['/usr/bin/kubectl', '/usr/local/bin/kubectl']) if (existsSync(p)) return p;
  throw new Error('kubectl 1.32 is needed for this test');
}

export function fakeEnv(o: { tools: readonly FakeTool[]; scenario?: string; kubeconfig?: string; extra?: Record<string, string> }): FakeEnv {
  const dir = tempDir('ivol-fake-');
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const t of o.tools) symlinkSync(t === 'kubectl' ? realKubectl() : join(FAKE_BIN, t), join(bin, t === 'kubectl-logged' ? 'kubectl' : t));
  const log = join(dir, 'calls.jsonl');
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:${dirname(process.execPath)}`,
    HOME: dir,
    IVOL_FAKE_LOG: log,
    IVOL_FAKE_STATE: join(dir, 'state'),
    IVOL_FAKE_SCENARIO: o.scenario ?? 'ok',
    // The tour asks no registry (tests reach nothing beyond 127.0.0.1); the registry tests
    // (test/registry-*.test.ts) turn it back on and point the tour at local registries.
    IVOL_TOUR_OFFLINE: '1',
    ...(o.tools.includes('kubectl-logged') ? { IVOL_REAL_KUBECTL: realKubectl() } : {}),
    ...(o.kubeconfig ? { KUBECONFIG: o.kubeconfig } : {}),
    ...(o.extra ?? {}),
  };
  return {
    env,
    dir,
    log,
    calls() {
      return existsSync(log) ? parseCallLog(readFileSync(log)) : [];
    },
  };
}

/**
 * The argv log: a JSON line per call from the node fakes (fake-common.mjs logCall), and
 * length-prefixed records from the shell wrapper of the real kubectl (bin/kubectl-logged).
 */
export function parseCallLog(bytes: Buffer): LoggedCall[] {
  const calls: LoggedCall[] = [];
  let at = 0;
  const line = (): string => {
    const end = bytes.indexOf(10, at);
    const text = bytes.toString('utf8', at, end < 0 ? bytes.length : end);
    at = end < 0 ? bytes.length : end + 1;
    return text;
  };
  const field = (): string | null => {
    const colon = bytes.indexOf(58, at);
    const head = bytes.toString('utf8', at, colon < 0 ? bytes.length : colon);
    if (head.startsWith('-')) {
      line();
      return null;
    }
    const start = colon + 1;
    const length = Number(head);
    if (colon < 0 || !Number.isInteger(length)) throw new Error(`fake call log: bad field at byte ${at}`);
    at = start + length + 1; // the field, then its newline
    return bytes.toString('utf8', start, start + length);
  };
  while (at < bytes.length) {
    const first = line();
    const record = /^#(\S+) (\d+)$/.exec(first);
    if (record) {
      const provider = field();
      const kubeconfig = field();
      const argv = Array.from({ length: Number(record[2]) }, () => field() ?? '');
      calls.push({ tool: record[1] ?? '', argv, provider, kubeconfig });
    } else if (first.trim() !== '') {
      calls.push(JSON.parse(first) as LoggedCall);
    }
  }
  return calls;
}
