// Every beat of the built-in tutorial fits the step view at 80×24 without scrolling: at that
// size the step view is 54 columns by 10 lines (src/ui/layout.ts); a beat may take at most
// BEAT_LINES of them (the rest: the status row). Code lines must fit the width too, since the
// view does not wrap them.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../src/engine/model.js';
import { BUILTIN_TUTORIAL_DIR, loadTutorialDir } from '../src/adapters/tutorial-files.js';
import { renderMarkdown } from '../src/ui/markdown/render-markdown.js';
import { tRef } from '../src/i18n/index.js';

const WIDTH = 54;
const BEAT_LINES = 8;

function tutorial() {
  const r = loadTutorialDir(BUILTIN_TUTORIAL_DIR);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.file}:${p.line} ${tRef('en', p.message)}`).join('\n'));
  return r.tutorial;
}

describe('the built-in tutorial in beats', () => {
  const t = tutorial();
  for (const step of t.steps) {
    it(`${step.id}: every beat fits ${WIDTH}×${BEAT_LINES}, in both languages`, () => {
      expect(step.beats.en.length).toBeGreaterThanOrEqual(2);
      for (const lang of LANGS) {
        step.beats[lang].forEach((beat, i) => {
          const lines = renderMarkdown(beat, WIDTH, { color: false });
          const where = `${step.id}.${lang} beat ${i + 1}:\n${lines.join('\n')}`;
          expect(lines.length, where).toBeLessThanOrEqual(BEAT_LINES);
          for (const line of lines) expect(stringWidth(line), `${where}\n→ ${line}`).toBeLessThanOrEqual(WIDTH);
        });
      }
    });
  }

  it('titles fit the step list at 80×24: at most 16 columns (8 Chinese characters)', () => {
    for (const step of t.steps) for (const lang of LANGS) expect(stringWidth(step.title[lang]), step.title[lang]).toBeLessThanOrEqual(16);
  });
});
