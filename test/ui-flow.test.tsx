// The tour's flow on screen (issue 10, "Flow"): cancel is not failure, the keys offer what works,
// a failure can be read in full, shell tasks stay in sight, the recap at the end. Asserted on
// what the screen shows, at 80×24 where the size matters.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, renderTour, type Harness } from './helpers/ui.js';
import { FakeShellSession } from './fakes/shell/fake-session.js';
import { createFakeAdapters } from './helpers/fake-adapters.js';
import { SHELL_TASKS, tinyTutorial, tinyTutorialWithShellTasks } from './helpers/tiny-tutorial.js';
import type { TutorialSpec } from '../src/engine/model.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

const SMALL = { columns: 80, rows: 24 } as const;
const selected = (frame: string): string => frame.split('\n').find((l) => l.includes('›')) ?? '';
/** The step pane's result area (under its ┄ line), or an overlay's text: where nothing may be cut with "…". */
function body(frame: string): string {
  const lines = frame.split('\n');
  const from = lines.findIndex((l) => l.includes('┄┄┄┄'));
  const start = from >= 0 ? from + 1 : 1;
  const end = lines.findIndex((l, i) => i >= start && l.startsWith('╰'));
  return lines.slice(start, end < 0 ? undefined : end).map((l) => (from >= 0 ? l.slice(l.indexOf('││') + 2) : l)).join('\n');
}
const bar = (frame: string): string => frame.trimEnd().split('\n').at(-1) ?? '';

async function goTo(harness: Harness, title: string): Promise<void> {
  for (let i = 0; i < 8 && !selected(harness.frame()).includes(title); i++) await harness.press('j');
  await harness.waitFor((f) => selected(f).includes(title));
}

describe('cancel is not failure', () => {
  it('Esc during a step shows "cancelled" with its own choices, not a failure and its hints; Enter runs it again', async () => {
    h = renderTour({ size: SMALL });
    await h.waitFor('SIMULATED');
    await goTo(h, 'Slow step');
    await h.press(KEYS.enter);
    await h.waitFor('Running');
    await h.press(KEYS.esc);
    const f = await h.waitFor('Cancelled. Enter or r: run it again');
    expect(f).toContain('nothing failed');
    expect(f).not.toContain('✗');
    expect(f).not.toContain('Failed');
    expect(f).not.toContain('Hint:');
    expect(selected(f)).toContain('■');
    expect(bar(f)).toMatch(/Enter run .*r retry .*n skip/);
    await h.press(KEYS.enter);
    await h.waitFor('Running');
  });
});

describe('offer only what works', () => {
  it('a is neither offered nor run on a step without a solution, and says so', async () => {
    h = renderTour({ size: SMALL });
    const f = await h.waitFor('SIMULATED');
    expect(bar(f)).not.toContain('solution');
    await h.press('a');
    await h.waitFor('This step has no solution to run');
    expect(h.controller.getState().steps[0]?.status).toBe('pending');
  });

  it('after skipping, the bar says Enter goes to the next step, and it does', async () => {
    h = renderTour({ size: SMALL });
    await h.waitFor('SIMULATED');
    await goTo(h, 'Verify');
    await h.press('n');
    await h.waitFor((f) => selected(f).includes('Slow step'));
    await h.press('k');
    const f = await h.waitFor((x) => selected(x).includes('Verify') && x.includes('Skipped. Enter: next step.'));
    expect(bar(f)).toContain('Enter next step');
    await h.press(KEYS.enter);
    await h.waitFor((x) => selected(x).includes('Slow step'));
  });

  it('a step selected before the step it needs says which one (derived from the tutorial)', async () => {
    h = renderTour({ size: SMALL });
    await h.waitFor('SIMULATED');
    await goTo(h, 'Verify');
    const f = await h.waitFor('This step needs step 2 “Apply the Pod” first:');
    expect(f).toContain('applies Pod image-volume.');
  });
});

describe('failures in full', () => {
  const withCodeHint = (): TutorialSpec => {
    const t = tinyTutorial();
    return {
      ...t,
      steps: t.steps.map((s) =>
        s.id === 'verify'
          ? { ...s, hints: [{ en: 'Run `kubectl describe pod image-volume` and read the Events at the bottom: a pull error names the reference that failed, and the kubelet retries it with a back-off of up to five minutes.', 'zh-CN': '运行 `kubectl describe pod image-volume`，查看底部的 Events。' }] }
          : s,
      ),
    };
  };

  it('at 80×24 a failed step says which key shows it all; e shows every line of it, with `code` drawn as code', async () => {
    h = renderTour({ size: SMALL, tutorial: withCodeHint(), adapters: createFakeAdapters({ execStdout: 'nothing\n' }) });
    await h.waitFor('SIMULATED');
    await goTo(h, 'Verify');
    await h.press(KEYS.enter);
    let f = await h.waitFor('Press e for why and what next, in full.');
    expect(bar(f)).toContain('e why');
    expect(body(f)).not.toContain('…');
    await h.press('e');
    f = await h.waitFor('what went wrong');
    expect(f).toContain('Hint: Run kubectl describe pod image-volume');
    expect(f).toContain('five minutes.');
    expect(body(f)).not.toContain('`');
    expect(body(f)).not.toContain('…');
    // Coloured, the code is cyan (as the step view draws `code`).
    // eslint-disable-next-line no-control-regex
    expect(h.rawFrame()).toMatch(/\x1b\[36m ?kubectl describe pod image-volume\x1b\[39m/);
    await h.press(KEYS.esc);
    await h.waitFor((x) => !x.includes('what went wrong') && x.includes('Press e for why'));
  });

  it('without colour the backticks stay: the only mark of code left', async () => {
    h = renderTour({ size: SMALL, noColor: true, tutorial: withCodeHint(), adapters: createFakeAdapters({ execStdout: 'nothing\n' }) });
    await h.waitFor('SIMULATED');
    await goTo(h, 'Verify');
    await h.press(KEYS.enter);
    await h.waitFor('Press e for why');
    await h.press('e');
    await h.waitFor('`kubectl describe pod image-volume`');
  });
});

describe('shell tasks', () => {
  it('stay in sight at 80×24 with the shell open, collapsed to a count and the next task; all done says how to complete the step', async () => {
    const tutorial = tinyTutorialWithShellTasks([SHELL_TASKS.read, SHELL_TASKS.write, SHELL_TASKS.mounts]);
    const session = new FakeShellSession();
    const adapters = Object.assign(createFakeAdapters(), { shells: { open: () => Promise.resolve(session) } });
    h = renderTour({ tutorial, adapters, size: SMALL });
    await h.waitFor('SIMULATED');
    await goTo(h, 'Explore');
    await h.press('s');
    await h.waitFor((x) => x.includes('Ctrl-] to leave') && !x.includes('Starting the shell'));
    await h.waitFor('Tasks 0/3 — next: Read the file');
    for (const ch of 'cat /volume/dir/file\r') await h.press(ch);
    await h.waitFor('Tasks 1/3 — next: Try a write');
    for (const ch of 'touch /volume/x\rgrep volume /proc/mounts\r') await h.press(ch);
    // Enter goes to the shell while it has the keys: the line names the key that leaves it.
    await h.waitFor('All 3 tasks done: Ctrl-], then Enter to complete');
    await h.press('\x1d');
    await h.waitFor('All 3 tasks done: press Enter to complete the step');
  });
});

describe('the end', () => {
  it('finishing the tour opens the recap: what the checks read, the time, the work files, the links', async () => {
    const t = tinyTutorial();
    const tutorial: TutorialSpec = {
      ...t,
      steps: t.steps.filter((s) => s.id === 'welcome' || s.id === 'verify'),
      links: [
        { title: { en: 'KEP-4639', 'zh-CN': 'KEP-4639' }, url: 'https://kep.k8s.io/4639' },
        { title: { en: 'The original guide, by its author', 'zh-CN': '原文' } },
      ],
    };
    h = renderTour({ tutorial, size: SMALL });
    await h.waitFor('SIMULATED');
    await h.press(KEYS.enter);
    await h.waitFor('Enter: next step.');
    await h.press(KEYS.enter);
    await h.waitFor((f) => selected(f).includes('Verify'));
    await h.press(KEYS.enter);
    const f = await h.waitFor('You finished the tour');
    expect(f).toContain('2 steps passed, 0 skipped');
    expect(f).toContain('(simulated time)');
    expect(f).toContain('What you saw (as the checks read it):');
    expect(f).toMatch(/✓ \/volume\/dir\/file prints 1 — /);
    expect(f).toContain('Your files: /tmp/ivol-tour-test-work');
    expect(f).toContain('Shell recordings:');
    expect(f).toContain('https://kep.k8s.io/4639');
    expect(f).toContain('The original guide, by its author');
    await h.press(KEYS.esc);
    const back = await h.waitFor((x) => !x.includes('You finished the tour'));
    // Enter on the last step shows it again.
    expect(bar(back)).toContain('Enter recap');
    await h.press(KEYS.enter);
    await h.waitFor('You finished the tour');
  });
});
