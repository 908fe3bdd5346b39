// End to end, the BUILT tour in a real pty at 80×24 (the size of many projectors and laptop
// splits), simulated, in English and in Chinese: every beat of every step fits the step view
// without scrolling (its last line is on screen), L keeps the page, and at the verify step,
// run, neither the step view nor the output pane cuts anything with "…", the two
// `ls -l /volume` and `ls -l /volume/dir` commands told apart in the output.
import { existsSync } from 'node:fs';
import { tempDir } from './helpers/temp.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TUTORIAL_DIR, loadTutorialDir } from '../src/adapters/tutorial-files.js';
import type { Lang } from '../src/i18n/types.js';
import { beatArea } from '../src/ui/beat-fit.js';
import { renderMarkdown } from '../src/ui/markdown/render-markdown.js';

// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[[0-9;]*m/g;
import { READ_ON } from './helpers/beats.js';
import { ptyAppPerTest, ROOT, startPtyApp } from './helpers/pty-app.js';
import { selectedRow } from './helpers/screen-areas.js';

const built = existsSync(join(ROOT, 'dist', 'cli.js'));
const COLS = 80;
const ROWS = 24;

const apps = ptyAppPerTest();

const stateDir = (): string => tempDir('ivol-e2e-beats-');

function tutorial() {
  const r = loadTutorialDir(BUILTIN_TUTORIAL_DIR);
  if (!r.ok) throw new Error('the built-in tutorial does not load');
  return r.tutorial;
}

const pageLabel = (lang: Lang, i: number, n: number): string => (lang === 'en' ? `page ${i} of ${n}` : `第 ${i}/${n} 页`);
/** The step view's title says it is on this page (not the status row naming the next one). */
const onPage = (view: string, lang: Lang, i: number, n: number): boolean => new RegExp(`${pageLabel(lang, i, n)} [═─↓↑]`).test(view);
const rows = (screen: string): string[] => screen.split('\n');
/** The step view's rows (right of the step list, above the output pane) at 80×24. */
const stepView = (screen: string): string =>
  rows(screen)
    .slice(1, 15)
    // Right of the step list's right border (a Chinese title takes two columns per character: not a column count).
    .map((r) => r.slice(r.slice(1).search(/[│╮╯]/) + 2))
    .join('\n');
/** What the result panel says when a step's needs are not met (screen.result.needs). */
const NEEDS = /This step needs step \d+|本步骤需要先完成第 \d+ 步/;
const outputPane = (screen: string): string => rows(screen).slice(15, 23).join('\n');
/** The selected step's row in the step list. */

/** The last line of the beat as the step view shows it (in colour: code spans without backticks). */
function lastLineOf(beat: string): string {
  const lines = renderMarkdown(beat, beatArea(COLS, ROWS).width, { color: true })
    .map((l) => l.replace(SGR, '').trim())
    .filter((l) => l !== '');
  return lines.at(-1) ?? '';
}

describe.skipIf(!built)('beats at 80×24 in a real terminal (needs `npm run build`)', () => {
  const t = tutorial();

  it.each(['en', 'zh-CN'] as const)('%s: every beat of every step fits the step view; L keeps the page', async (lang) => {
    const a = apps.track(startPtyApp(['--simulate', '--lang', lang, '--fresh'], { IVOL_TOUR_STATE_DIR: stateDir() }, COLS, ROWS));
    await a.waitFor('SIMULATED', 10_000);
    for (const [s, step] of t.steps.entries()) {
      const beats = step.beats[lang];
      await a.waitFor((x) => selectedRow(x).includes(` ${s + 1} `), 5000);
      for (const [b, beat] of beats.entries()) {
        const label = pageLabel(lang, b + 1, beats.length);
        const last = lastLineOf(beat);
        // A step whose needs are not met (this walk runs nothing) says so under its action page
        // (step needs): those lines take rows lint does not count (lint measures a step ready to
        // run, as a learner who did the steps before sees it), so there the last line may be
        // below: the title must say so (↓), the needs shown whole.
        const shown = await a.waitFor((x) => onPage(stepView(x), lang, b + 1, beats.length), 5000);
        if (b === step.actionBeat && NEEDS.test(stepView(shown)) && !stepView(shown).includes(last)) {
          expect(stepView(shown), `${step.id} page ${b + 1}`).toContain(`${label} ↓`);
          expect(stepView(shown)).not.toContain('…');
          if (b < beats.length - 1) a.press('\x1b[C');
          continue;
        }
        const screen = await a.waitFor((x) => onPage(stepView(x), lang, b + 1, beats.length) && stepView(x).includes(last), 5000).catch(() => {
          throw new Error(`${step.id} ${lang}: page ${b + 1} of ${beats.length} does not show its last line "${last}":\n${a.screen()}`);
        });
        // Nothing below it needs scrolling into view, but the files and commands after the action.
        if (b !== step.actionBeat) expect(stepView(screen), `${step.id} page ${b + 1}`).not.toContain(`${label} ↓`);
        if (b < beats.length - 1) a.press('\x1b[C');
      }
      if (s < t.steps.length - 1) a.press('j');
    }
    // L keeps the page: back on a step of several pages, on its third.
    a.press('k');
    await a.waitFor((x) => selectedRow(x).includes(` ${t.steps.length - 1} `), 5000);
    const step = t.steps[t.steps.length - 2];
    for (const page of [2, 3]) {
      a.press('\x1b[C');
      await a.waitFor((x) => onPage(stepView(x), lang, page, step.beats[lang].length), 5000);
    }
    a.press('L');
    const other: Lang = lang === 'en' ? 'zh-CN' : 'en';
    await a.waitFor((x) => onPage(stepView(x), other, 3, step.beats[other].length) && stepView(x).includes(lastLineOf(step.beats[other][2] ?? '')), 5000);
    a.press('q');
    expect((await a.exited).exitCode).toBe(0);
  }, 120_000);

  it.each(['en', 'zh-CN'] as const)('%s: the verify step, run: no "…" in the step view or the output; ls -l /volume and /volume/dir told apart', async (lang) => {
    const a = apps.track(startPtyApp(['--simulate', '--lang', lang, '--fresh', '--step', 'verify'], { IVOL_TOUR_STATE_DIR: stateDir() }, COLS, ROWS));
    const verify = t.steps.findIndex((s) => s.id === 'verify');
    const beats = t.steps[verify].beats[lang];
    // Fast-forwarded to it: every step before it passed.
    await a.waitFor((x) => new RegExp(`✓\\s+${verify} `).test(x) && selectedRow(x).includes(` ${verify + 1} `) && onPage(stepView(x), lang, 1, beats.length) && READ_ON.test(x), 60_000);
    // Enter reads on to the action page, then runs the step.
    a.press('\r');
    await a.waitFor((x) => onPage(stepView(x), lang, 2, beats.length), 5000);
    const before = a.screen();
    expect(stepView(before)).not.toContain('…');
    a.press('\r');
    await a.waitFor((x) => /✓\s+8 /.test(x), 60_000);
    // The passed step stays (until Enter), on its action page, its result panel shown.
    const after = await a.waitFor((x) => selectedRow(x).includes(` ${verify + 1} `) && onPage(stepView(x), lang, 2, beats.length) && stepView(x).includes('✓ /volume/dir/file'), 5000);
    expect(stepView(after)).not.toContain('…');
    expect(outputPane(after)).not.toContain('…');
    // Every page of the step, run: nothing cut either (back to the first, then on to the last).
    a.press('\x1b[D');
    expect(stepView(await a.waitFor((x) => onPage(stepView(x), lang, 1, beats.length), 5000)), 'page 1').not.toContain('…');
    for (let b = 1; b < beats.length; b++) {
      a.press('\x1b[C');
      const page = await a.waitFor((x) => onPage(stepView(x), lang, b + 1, beats.length), 5000);
      expect(stepView(page), `page ${b + 1}`).not.toContain('…');
    }
    expect(selectedRow(a.screen())).toContain(` ${verify + 1} `);
    // The output, focused and scrolled back page by page: the two listings' commands are told
    // apart (each one's tail on its own row), nothing cut.
    a.press('\t');
    await a.waitFor((x) => outputPane(x).includes('▶'), 5000);
    const seen = new Set<string>();
    for (let n = 0; n < 12 && !(seen.has('/volume') && seen.has('/volume/dir')); n++) {
      const pane = outputPane(a.screen());
      expect(pane).not.toContain('…');
      for (const m of pane.matchAll(/↪ (\/volume(?:\/dir)?)\s*[│║]/g)) seen.add(m[1] ?? '');
      a.press('\x1b[5~');
      await a.waitFor((x) => outputPane(x) !== pane, 5000).catch(() => undefined);
    }
    expect([...seen].sort()).toEqual(['/volume', '/volume/dir']);
    a.press('q');
    expect((await a.exited).exitCode).toBe(0);
  }, 120_000);
});
