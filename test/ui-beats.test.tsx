// Reading a step in beats on ink-testing-library at 80×24: one page at a time, the keys that
// turn it, Enter turning the page before the action and running the step on it, L keeping the
// page, PgUp/PgDn scrolling the focused pane, the help bar keeping ? and q.
import { afterEach, describe, expect, it } from 'vitest';
import type { TutorialSpec } from '../src/engine/model.js';
import { KEYS, renderTour, tempDir, type Harness } from './helpers/ui.js';
import { tinyTutorial } from './helpers/tiny-tutorial.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

const RIGHT = '\x1b[C';
const LEFT = '\x1b[D';
const SIZE = { columns: 80, rows: 24 };

/** The tiny tour whose apply-pod step has three beats, the action on the second. */
function inBeats(): TutorialSpec {
  const t = tinyTutorial();
  const en = ['Why: the first page explains.', 'How: the second page, where Enter runs the step.', 'After: the third page reads the output.'];
  const zh = ['为什么：第一页解释原因。', '怎么做：第二页，在这里按 Enter 运行本步骤。', '之后：第三页解读输出。'];
  return { ...t, steps: t.steps.map((s) => (s.id === 'apply-pod' ? { ...s, beats: { en, 'zh-CN': zh }, actionBeat: 1 } : s)) };
}

async function onApplyPod(): Promise<Harness> {
  const harness = renderTour({ tutorial: inBeats(), size: SIZE, stateDir: tempDir() });
  await harness.waitFor('SIMULATED');
  await harness.press('j');
  await harness.waitFor('Why: the first page explains.');
  return harness;
}

describe('beats on screen (80×24)', () => {
  it('shows one page at a time with "page i of n"; → / l / Space turn it, ← / h turn back', async () => {
    h = await onApplyPod();
    let f = h.frame();
    expect(f).toContain('page 1 of 3');
    expect(f).not.toContain('How: the second page');
    expect(f).toContain('Read on: Enter or → shows page 2 of 3.');
    await h.press(RIGHT);
    f = await h.waitFor('How: the second page');
    expect(f).toContain('page 2 of 3');
    expect(f).not.toContain('Why: the first page');
    // The files and commands of the step follow its action beat.
    expect(f).toContain('Files this step writes');
    await h.press('l');
    await h.waitFor('After: the third page');
    await h.press(LEFT);
    await h.waitFor('How: the second page');
    await h.press('h');
    await h.waitFor('Why: the first page');
    await h.press(' ');
    await h.waitFor('How: the second page');
  });

  it('Enter turns the page before the action and runs the step on it (after the run it reads on: key-bindings.test.ts)', async () => {
    h = await onApplyPod();
    await h.press(KEYS.enter);
    await h.waitFor('How: the second page');
    expect(h.adapters.ran).toEqual([]);
    expect(h.frame()).toContain('Press Enter to run this step.');
    await h.press(KEYS.enter);
    await h.waitFor((f) => f.includes('✓ The pod runs'));
    expect(h.adapters.ran.some((argv) => argv[0] === 'kubectl')).toBe(true);
  });

  it('L switches the language and keeps the page', async () => {
    h = await onApplyPod();
    await h.press(RIGHT);
    await h.waitFor('How: the second page');
    await h.press('L');
    const f = await h.waitFor('怎么做：第二页');
    expect(f).toContain('第 2/3 页');
    await h.press('L');
    await h.waitFor((x) => x.includes('How: the second page') && x.includes('page 2 of 3'));
  });

  it('PgUp/PgDn scroll the focused pane: the step view, or the output once Tab focused it', async () => {
    const t = inBeats();
    const long = Array.from({ length: 30 }, (_, i) => `Paragraph ${i + 1}.`).join('\n\n');
    const tutorial = { ...t, steps: t.steps.map((s) => (s.id === 'welcome' ? { ...s, beats: { en: [long], 'zh-CN': [long] } } : s)) };
    h = renderTour({ tutorial, size: SIZE, stateDir: tempDir() });
    await h.waitFor('Paragraph 1.');
    await h.press(KEYS.pageDown);
    let f = await h.waitFor((x) => !x.includes('Paragraph 1.') && x.includes('↓'));
    expect(f).toMatch(/Paragraph \d+\./);
    await h.press(KEYS.pageUp);
    await h.waitFor('Paragraph 1.');
    // The output pane focused: PgUp scrolls it, not the step view.
    h.controller.output.write('welcome', Array.from({ length: 40 }, (_, i) => `out ${i}`).join('\n') + '\n', 'stdout');
    await h.waitFor('out 39');
    await h.press(KEYS.tab);
    await h.waitFor('▶ Output');
    await h.press(KEYS.pageUp);
    f = await h.waitFor((x) => !x.includes('out 39') && x.includes('paused'));
    expect(f).toContain('Paragraph 1.');
  });

  it('the help bar keeps ? and q at 80 columns, in both languages', async () => {
    h = await onApplyPod();
    const bar = (): string => h!.frame().split('\n').at(-1) ?? '';
    expect(bar()).toMatch(/\? help q quit\s*$/);
    await h.press('L');
    await h.waitFor((f) => (f.split('\n').at(-1) ?? '').includes('帮助'));
    expect(bar()).toMatch(/\? 帮助 q 退出\s*$/);
  });
});

describe('what is about running waits for the action page (80×24)', () => {
  it('a step whose needs are not met says so from its action page on, not over the pages before it', async () => {
    const t = tinyTutorial();
    const en = ['Why: the verify step explains first.', 'How: here Enter runs the checks.', 'After: what the checks read.'];
    const zh = ['为什么：先解释。', '怎么做：在这里按 Enter 运行检查。', '之后：检查读到了什么。'];
    const tutorial = { ...t, steps: t.steps.map((s) => (s.id === 'verify' ? { ...s, beats: { en, 'zh-CN': zh }, actionBeat: 1 } : s)) };
    h = renderTour({ tutorial, size: SIZE, stateDir: tempDir() });
    await h.waitFor('SIMULATED');
    await h.press('j');
    await h.press('j');
    let f = await h.waitFor((x) => x.includes('Why: the verify step explains first.') && x.includes('Read on: Enter'));
    expect(f).not.toContain('This step needs step');
    await h.press(RIGHT);
    f = await h.waitFor('How: here Enter runs the checks.');
    expect(f).toContain('This step needs step 2 “Apply the Pod” first:');
    expect(f).toContain('Press Enter to run this step.');
  });
});
