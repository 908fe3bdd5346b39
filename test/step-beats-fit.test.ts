// Every beat of the built-in tutorial fits the step view at 80×24 without scrolling, in both
// languages, measured with the step view's own geometry (src/ui/step-view.ts, the one the
// screen draws with; src/ui/beat-fit.ts): at that size the text area of a step that has not
// run is 53 columns by 10 lines. Code and commands wrap (never cut), so every line fits the width.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../src/engine/model.js';
import { BUILTIN_TUTORIAL_DIR, loadTutorialDir } from '../src/adapters/tutorial-files.js';
import { beatArea, beatLines, beatsTooLong } from '../src/ui/beat-fit.js';
import { tRef } from '../src/i18n/index.js';

function tutorial() {
  const r = loadTutorialDir(BUILTIN_TUTORIAL_DIR);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.file}:${p.line} ${tRef('en', p.message)}`).join('\n'));
  return r.tutorial;
}

describe('the built-in tutorial in beats', () => {
  const t = tutorial();
  const area = beatArea(80, 24);

  it('the step view at 80×24 is 53 columns by 10 lines before a step runs', () => {
    expect(area).toEqual({ width: 53, height: 10 });
  });

  for (const step of t.steps) {
    it(`${step.id}: every beat fits ${area.width}×${area.height}, in both languages`, () => {
      expect(step.beats.en.length).toBeGreaterThanOrEqual(2);
      for (const lang of LANGS) {
        step.beats[lang].forEach((beat, i) => {
          const lines = beatLines(beat, area.width);
          const where = `${step.id}.${lang} beat ${i + 1}:\n${lines.join('\n')}`;
          expect(lines.length, where).toBeLessThanOrEqual(area.height);
          for (const line of lines) expect(stringWidth(line), `${where}\n→ ${line}`).toBeLessThanOrEqual(area.width);
        });
      }
    });
  }

  it('nothing is too long for lint', () => {
    expect(beatsTooLong(t)).toEqual([]);
  });

  it('titles fit the step list at 80×24: at most 16 columns (8 Chinese characters)', () => {
    for (const step of t.steps) for (const lang of LANGS) expect(stringWidth(step.title[lang]), step.title[lang]).toBeLessThanOrEqual(16);
  });
});
