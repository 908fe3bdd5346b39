// The TUI while it waits and when the cluster cannot be read (issue 8), on ink-testing-style
// rendering over fake adapters: the step view shows what a waiting check saw, live; a running
// command shows its own time and limit; the cluster pane tells "no cluster yet", "not
// answering" and "the API server's error" apart, and a Completed pod is not flagged.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { unavailable, type Pod } from '../src/engine/kube-objects.js';
import type { TutorialSpec } from '../src/engine/model.js';
import { createFakeAdapters, POD, SNAPSHOT } from './helpers/fake-adapters.js';
import { tinyTutorial } from './helpers/tiny-tutorial.js';
import { KEYS, renderTour, tempDir, type Harness, type HarnessOptions } from './helpers/ui.js';

let h: Harness | undefined;
afterEach(async () => {
  if (!h) return;
  await h.unmount();
  rmSync(h.stateDir, { recursive: true, force: true });
  h = undefined;
});

const WIDE = { columns: 200, rows: 50 };

/** The text, allowing it to be wrapped at any space inside a pane (line ends, borders, the focused pane's ║, padding). */
function wrapped(text: string): RegExp {
  return new RegExp(text.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s│║]+'));
}

function tour(o: HarnessOptions): Harness {
  return renderTour({ stateDir: tempDir(), ...o });
}

const PENDING: Pod = {
  ...POD,
  status: { phase: 'Pending', containerStatuses: [{ name: 'shell', ready: false, restartCount: 0, image: 'busybox', state: { waiting: { reason: 'ContainerCreating' } } }] },
};

/** The tiny tutorial, with apply-pod's check polling for a minute (as the built-in's do). */
function pollingTutorial(): TutorialSpec {
  const t = tinyTutorial();
  return {
    ...t,
    steps: t.steps.map((s) => (s.id === 'apply-pod' ? { ...s, checks: s.checks.map((c) => ({ ...c, timeoutMs: 60_000 })) } : s)),
  };
}

describe('waiting, live in the step view', () => {
  it('a check that has not passed yet shows what it saw and how long it has waited, until it passes', async () => {
    const adapters = createFakeAdapters({ snapshot: { ...SNAPSHOT, pods: [PENDING] } });
    h = tour({ adapters, tutorial: pollingTutorial(), size: WIDE });
    await h.waitFor('SIMULATED');
    await h.press('j');
    await h.press(KEYS.enter);
    const first = await h.waitFor(/⋯ Waiting for “The pod runs” \(\d+s of 1m00s\): phase Pending \(ContainerCreating\)/);
    const seen = Number(/Waiting for “The pod runs” \((\d+)s/.exec(first)?.[1]);
    // It is live: the elapsed time moves on while the check polls.
    await h.waitFor((f) => Number(/Waiting for “The pod runs” \((\d+)s/.exec(f)?.[1] ?? -1) > seen, 4000);
    adapters.setSnapshot(SNAPSHOT);
    const f = await h.waitFor(/✓ The pod runs — phase Running/, 4000);
    expect(f).not.toContain('Waiting for “The pod runs”');
  });

  it('a running command shows its own elapsed time and its limit', async () => {
    h = tour({ size: WIDE });
    await h.waitFor('SIMULATED');
    for (let i = 0; i < 3; i++) await h.press('j');
    await h.press(KEYS.enter);
    await h.waitFor('Running command 1/1… 0s of 1m00s');
    await h.waitFor(/Running command 1\/1… [1-9]s of 1m00s/, 4000);
    await h.press('x');
  });
});

describe('the cluster pane says why it shows no cluster', () => {
  it.each([
    ['no cluster yet', unavailable({ kind: 'absent' }), 'real', ['No cluster yet: the step that creates it has not run.']],
    [
      'nothing answers',
      unavailable({ kind: 'unreachable', message: 'https://127.0.0.1:6443: connect ECONNREFUSED 127.0.0.1:6443' }),
      'real',
      ['The cluster is not answering: https://127.0.0.1:6443: connect ECONNREFUSED 127.0.0.1:6443', 'Is the container engine running and the node container up? (`docker ps`)'],
    ],
    [
      'the API server answers 500',
      unavailable({ kind: 'apiError', status: 500, message: '500 Internal Server Error: etcdserver: request timed out' }),
      'real',
      ['The API server answered with an error: 500 Internal Server Error: etcdserver: request timed out', 'get --raw "/readyz?verbose"'],
    ],
    [
      'the API server answers 403',
      unavailable({ kind: 'apiError', status: 403, message: '403 Forbidden: pods is forbidden' }),
      'byoc',
      ['The API server answered with an error: 403 Forbidden: pods is forbidden', 'auth can-i list pods -n default'],
    ],
    ['byoc: the context is not in the kubeconfig', unavailable({ kind: 'absent', contextMissing: true }), 'byoc', ['The kubeconfig has no context "kind-ivol".']],
  ] as const)('%s', async (_name, snapshot, mode, texts) => {
    const adapters = createFakeAdapters({ snapshot });
    h = tour({ adapters, size: WIDE, facts: { mode } });
    // Read whole: the pane wraps these messages (between words) instead of cutting them off.
    for (const text of texts) await h.waitFor(wrapped(text));
    const f = h.frame();
    if (texts[0] !== 'No cluster yet: the step that creates it has not run.') expect(f).not.toContain('No cluster yet');
  });

  it('recovers by itself: from the API error back to the nodes and pods', async () => {
    const adapters = createFakeAdapters({ snapshot: unavailable({ kind: 'apiError', status: 500, message: '500 Internal Server Error: etcdserver: request timed out' }) });
    h = tour({ adapters, size: WIDE, facts: { mode: 'real' } });
    await h.waitFor(wrapped('The API server answered with an error'));
    adapters.setSnapshot(SNAPSHOT);
    const f = await h.waitFor('ivol-control-plane');
    expect(f).not.toContain('The API server answered with an error');
  });

  it('a Completed pod in kube-system is shown as Completed, not flagged like a failing one', async () => {
    const completed: Pod = {
      metadata: { name: 'etcd-defrag-29103740-x2x7d', namespace: 'kube-system' },
      spec: { containers: [{ name: 'defrag', image: 'registry.k8s.io/etcd:3.6.5-0' }] },
      status: { phase: 'Succeeded', containerStatuses: [{ name: 'defrag', ready: false, restartCount: 0, image: 'x', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] },
    };
    const adapters = createFakeAdapters({ snapshot: { ...SNAPSHOT, pods: [POD, completed, { ...PENDING, metadata: { name: 'coredns-x', namespace: 'kube-system' } }] } });
    h = tour({ adapters, size: WIDE });
    await h.waitFor(/kube-system\/etcd-defrag-29103740-x2x7d\s+Completed\s+0\/1/);
    const raw = h.rawFrame().split('\n');
    const completedLine = raw.find((l) => l.includes('etcd-defrag')) ?? '';
    const pendingLine = raw.find((l) => l.includes('coredns-x')) ?? '';
    // Yellow (33) or red (31) mark what needs attention; a Completed pod is only dimmed.
    const sgr = (code: string): string => `\x1b[${code}m`;
    expect(pendingLine).toContain(`${sgr('33')}ContainerCreating`);
    expect(completedLine).not.toContain(sgr('31'));
    expect(completedLine).not.toContain(sgr('33'));
    expect(completedLine).toContain(`${sgr('2')}Completed`);
  });
});
