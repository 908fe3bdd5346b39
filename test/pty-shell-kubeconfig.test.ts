// The pod shell's kubectl sees only the tour's private kubeconfig: through the session's real
// adapters (src/app/session.ts wires one private kubeconfig into the commands and the pty
// launcher), with the fake kubectl of the shell tests first on PATH (it logs its argv and
// becomes a real sh, which shows the environment kubectl was given). Also the command of the
// full-screen fallback.
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Adapters, ShellSession } from '../src/adapters/ports.js';
import { TerminalScreen } from '../src/adapters/pty/terminal-screen.js';
import { createAdapters, initialFacts, type SessionChoices } from '../src/app/session.js';
import { writeKubeconfig, type WrittenKubeconfig } from './fake-apiserver/kubeconfig.js';
import { learnersPod, startFakeApiServer, type FakeApiServer } from './fake-apiserver/server.js';
import { pidAlive, snapshotText, waitFor } from './fakes/shell/helpers.js';

const FAKE_SHELL_BIN = join(import.meta.dirname, 'fakes', 'shell');
const PRIVATE_KUBECONFIG = /\/ivol-tour-kube-[^/]+\/config$/;

let dir: string;
let kc: WrittenKubeconfig;
let log: string;
let tour: FakeApiServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ivol-pty-kc-'));
  // The tour's own Pod (labelled as the tour's: the shell opens only in the tour's Pods).
  tour = await startFakeApiServer({ pods: [learnersPod({ labels: { 'app.kubernetes.io/managed-by': 'ivol-tour' } })] });
  kc = writeKubeconfig({ tourServer: tour.url, otherServer: 'https://127.0.0.1:2', alsoOther: ['staging'], dir });
  log = join(dir, 'kubectl.log');
});

afterAll(async () => {
  await tour.close();
  rmSync(dir, { recursive: true, force: true });
});

function choices(): SessionChoices {
  return {
    simulate: false,
    cluster: 'ivol',
    lang: 'en',
    speed: 1,
    env: { ...process.env, PATH: `${FAKE_SHELL_BIN}:${process.env['PATH'] ?? ''}`, KUBECONFIG: kc.path, FAKE_KUBECTL_LOG: log, IVOL_TOUR_STATE_DIR: join(dir, 'state'), HOME: dir },
  };
}

describe('the pod shell gets the tour\'s private kubeconfig', () => {
  it('kubectl exec -it runs with KUBECONFIG = a 0600 copy holding only kind-ivol; gone after dispose', async () => {
    const c = choices();
    const adapters: Adapters = await createAdapters(initialFacts(c), c);
    let session: ShellSession | null = null;
    const screen = await TerminalScreen.create(100, 30);
    try {
      session = await adapters.shells.open({ pod: 'image-volume', container: 'shell', cols: 100, rows: 30 });
      const s = session;
      s.onData((d) => screen.write(d));
      screen.onReply((r) => s.write(r));
      const text = (): string => snapshotText(screen.snapshot());
      await waitFor(() => text().includes('pod$'), 'the prompt');
      s.write('echo "KC=$KUBECONFIG"; echo "PROD=$(grep -c prod-cluster "$KUBECONFIG")"; echo "OURS=$(grep -c kind-ivol "$KUBECONFIG")"; stat -c "MODE=%a" "$KUBECONFIG"\r');
      // Anchored at the line start: the typed command line (after the prompt) does not match.
      await waitFor(() => /^MODE=\d+$/m.test(text()), 'the shell to print its kubeconfig');
      const seen = /^KC=(\S+)$/m.exec(text()) ?? [];
      const path = seen[1] ?? '';
      expect(path).toMatch(PRIVATE_KUBECONFIG);
      expect(text()).toMatch(/^PROD=0$/m);
      expect(text()).toMatch(/^OURS=[1-9]\d*$/m);
      expect(text()).toMatch(/^MODE=600$/m);
      // The copy holds the tour's context only; the user's kubeconfig is not what kubectl reads.
      const copy = JSON.parse(readFileSync(path, 'utf8')) as { 'current-context': string; contexts: { name: string }[] };
      expect(copy['current-context']).toBe('kind-ivol');
      expect(copy.contexts.map((x) => x.name)).toEqual(['kind-ivol']);
      // The argv is the tour's (context and namespace pinned).
      expect(readFileSync(log, 'utf8').split('\n').slice(0, 4)).toEqual(['--context', 'kind-ivol', '-n', 'default']);

      // The full-screen fallback's command: the same kubectl, the same private kubeconfig.
      const full = await adapters.shells.fullScreenCommand?.({ pod: 'image-volume', container: 'shell' });
      expect(full?.argv.slice(0, 5)).toEqual(['kubectl', '--context', 'kind-ivol', '-n', 'default']);
      expect(full?.env['KUBECONFIG']).toBe(path);

      const pid = (s as ShellSession & { pid: number }).pid;
      const exited = new Promise<void>((resolve) => s.onExit(() => resolve()));
      s.kill();
      await exited;
      await waitFor(() => !pidAlive(pid), 'the shell to be gone');
      await adapters.dispose();
      expect(existsSync(path)).toBe(false);
    } finally {
      session?.kill();
      screen.dispose();
      await adapters.dispose();
    }
  });
});
