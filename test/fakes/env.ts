// A PATH holding only the chosen fake tools (and node, for their shebang), an argv log and a
// state directory for the fake kind. Test code only.
import { mkdtempSync, readFileSync, symlinkSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const FAKE_BIN = join(import.meta.dirname, 'bin');

/** `kubectl` is the real binary; `kubectl-logged` is the real binary behind an argv-logging wrapper. */
export type FakeTool = 'kind' | 'docker' | 'podman' | 'kubectl' | 'kubectl-logged';

export interface FakeEnv {
  readonly env: NodeJS.ProcessEnv;
  readonly dir: string;
  readonly log: string;
  calls(): { tool: string; argv: string[]; provider: string | null; kubeconfig?: string | null }[];
}

export function realKubectl(): string {
  for (const p of ['/usr/bin/kubectl', '/usr/local/bin/kubectl']) if (existsSync(p)) return p;
  throw new Error('kubectl 1.32 is needed for this test');
}

export function fakeEnv(o: { tools: readonly FakeTool[]; scenario?: string; kubeconfig?: string; extra?: Record<string, string> }): FakeEnv {
  const dir = mkdtempSync(join(tmpdir(), 'ivol-fake-'));
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
      if (!existsSync(log)) return [];
      return readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { tool: string; argv: string[]; provider: string | null; kubeconfig?: string | null });
    },
  };
}
