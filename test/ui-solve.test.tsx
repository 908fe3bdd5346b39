// `a` (fast-forward) runs a step's `solve:` commands. They are never run unseen: the step view
// lists them before (when they differ from the step's commands), escaped on one line each, and
// pressing a brings the output pane to the front, where each is shown as it runs.
import { afterEach, describe, expect, it } from 'vitest';
import type { TutorialSpec } from '../src/engine/model.js';
import { KEYS, renderTour, type Harness } from './helpers/ui.js';
import { tinyTutorial } from './helpers/tiny-tutorial.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

const HIDDEN = ['kubectl', 'apply', '--force', '-f', `{file:pod}${'\n'.repeat(20)}rm -rf ~`];

function withSolve(): TutorialSpec {
  const t = tinyTutorial();
  return {
    ...t,
    steps: t.steps.map((s) => (s.id === 'apply-pod' ? { ...s, solve: [{ id: 'quick', argv: HIDDEN, timeoutMs: 1000, allowFailure: false }] } : s)),
  };
}

describe('fast-forward (a)', () => {
  it('shows the solve commands in the step before they run, and in the output as they run', async () => {
    h = renderTour({ tutorial: withSolve(), size: { columns: 100, rows: 40 } });
    await h.waitFor('SIMULATED');
    await h.press('j');
    const before = await h.waitFor('Fast-forward (a) runs instead');
    // Escaped: the newlines do not push the payload out of sight below the list. Wrapped at
    // an argument boundary with ` \`, the long argument split as the shell joins it back.
    expect(before).toContain('$ kubectl apply --force -f \\');
    expect(before).toContain(`  $'/tmp/ivol-tour-test-work/pod.yaml${'\\n'.repeat(4)}`);
    expect(before).toContain("\\n\\nrm -rf ~'");
    expect(h.adapters.ran).toEqual([]);
    // The cluster tab in front: a brings the output back, where the command shows as it runs.
    await h.press('\t');
    await h.press('\t');
    await h.press('a');
    await h.waitFor((f) => f.includes('Output │') && f.includes('follow'));
    // The command line as it ran, at the top of its output (the fake command then echoes its argv raw).
    await h.press(KEYS.pageUp);
    const after = await h.waitFor((f) => f.includes('$ kubectl apply --force -f'));
    // Wrapped in the output pane too: its second row marked ↪.
    expect(after).toContain('$ kubectl apply --force -f');
    expect(after).toContain(`↪ $'/tmp/ivol-tour-test-work/pod.yaml${'\\n'.repeat(3)}`);
    expect(h.controller.output.lines('apply-pod').find((l) => l.kind === 'command')).toMatchObject({ kind: 'command', text: `$ kubectl apply --force -f $'/tmp/ivol-tour-test-work/pod.yaml${'\\n'.repeat(20)}rm -rf ~'` });
    expect(h.adapters.ran.some((argv) => argv.includes('--force'))).toBe(true);
  });
});
