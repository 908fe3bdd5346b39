// Components on ink-testing-library (its stdout is 100 columns, so the size is passed in).
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { MAX_LINE_CHARS } from '../src/app/output-log.js';
import { ShellController } from '../src/app/shell-controller.js';
import { TourController } from '../src/app/tour-controller.js';
import { App } from '../src/ui/App.js';
import { KEY_BINDINGS } from '../src/ui/keys/key-bindings.js';
import { computeLayout } from '../src/ui/layout.js';
import { renderMarkdown } from '../src/ui/markdown/render-markdown.js';
import { sanitizeLine, stripAnsi } from '../src/ui/text/ansi.js';
import { createFakeAdapters } from './helpers/fake-adapters.js';
import { tinyFacts, tinyTutorial } from './helpers/tiny-tutorial.js';

afterEach(() => cleanup());

/** The session's shell controller (no shell is opened in these tests: nothing is recorded). */
function shellsOf(controller: TourController): ShellController {
  return new ShellController({ launcher: controller.adapters.shells, transcriptDir: '/nonexistent/ivol-transcripts', lang: () => controller.getState().facts.lang });
}

// eslint-disable-next-line no-control-regex
const COLOUR = /\x1b\[(3|4|9|10)\d(;\d+)*m/;

const waitFor = async (get: () => string, text: string): Promise<string> => {
  const deadline = Date.now() + 3000;
  for (;;) {
    const f = stripAnsi(get());
    if (f.includes(text)) return f;
    if (Date.now() > deadline) throw new Error(`no ${text} in\n${f}`);
    await new Promise((r) => setTimeout(r, 15));
  }
};

describe('App on ink-testing-library', () => {
  it('renders the header, the steps and the help bar at 100×30', async () => {
    const controller = new TourController(tinyTutorial(), tinyFacts(), createFakeAdapters());
    const { lastFrame, stdin } = render(<App controller={controller} shells={shellsOf(controller)} noColor size={{ columns: 100, rows: 30 }} onExit={() => undefined} />);
    const f = await waitFor(() => lastFrame() ?? '', 'SIMULATED');
    expect(f).toContain('Tiny tour');
    expect(f).toContain('? help');
    expect(f.split('\n')).toHaveLength(30);
    stdin.write('?');
    await waitFor(() => lastFrame() ?? '', 'Ctrl-]');
    await controller.dispose();
  });

  it('a line too long for the output log starts with a note of how much was dropped, in the language', async () => {
    const controller = new TourController(tinyTutorial(), tinyFacts(), createFakeAdapters());
    const step = controller.getState().steps[0]?.id ?? '';
    controller.output.write(step, `${'x'.repeat(20_000)}\n`, 'stdout');
    const { lastFrame, stdin } = render(<App controller={controller} shells={shellsOf(controller)} noColor size={{ columns: 100, rows: 30 }} onExit={() => undefined} />);
    // Wrapped (the default), the pane follows the line's end: its rows are marked ↪.
    await waitFor(() => lastFrame() ?? '', '↪ xxx');
    // Cut (w, like less -S): one row, starting with the note.
    stdin.write('w');
    const f = await waitFor(() => lastFrame() ?? '', 'characters of this line dropped');
    expect(f).toContain('cut · w: wrap');
    expect(f).toContain(`[… ${20_000 - MAX_LINE_CHARS} characters of this line dropped] xxx`);
    controller.dispatch({ type: 'setFacts', facts: { ...controller.getState().facts, lang: 'zh-CN' } });
    await waitFor(() => lastFrame() ?? '', `此行已丢弃 ${20_000 - MAX_LINE_CHARS} 个字符`);
    await controller.dispose();
  });
});

describe('pure parts', () => {
  it('the key table has every key README.md lists', () => {
    const labels = KEY_BINDINGS.map((b) => b.label);
    for (const k of ['↑/k', '↓/j', 'Enter', 's', 'Ctrl-]', 'Tab', 'PgUp', 'PgDn', 'c', 'L', '?', 'q']) expect(labels).toContain(k);
  });

  it('layouts: too small, narrow, wide', () => {
    expect(computeLayout(59, 24).kind).toBe('tooSmall');
    expect(computeLayout(80, 17).kind).toBe('tooSmall');
    const n = computeLayout(80, 24);
    expect(n.kind).toBe('narrow');
    expect(n.list.height + n.output.height).toBe(22);
    expect(n.list.width + n.step.width).toBe(80);
    const w = computeLayout(160, 45);
    expect(w.kind).toBe('wide');
    expect(w.list.width + w.step.width + w.output.width).toBe(160);
    expect(w.output.height + w.cluster.height).toBe(43);
    // An open shell takes most of a narrow terminal's height; the rows still add up.
    const s = computeLayout(80, 24, true);
    expect(s.output.height).toBeGreaterThanOrEqual(13);
    expect(s.list.height + s.output.height).toBe(22);
  });

  it('renders Markdown: headings, emphasis, lists, code; wrapped to the width', () => {
    const lines = renderMarkdown('# Title\n\nSome **bold** and *em* and `code` text that goes on and on past the width.\n\n1. first\n2. second\n\n```yaml\nkind: Pod\n```\n', 30, { color: false });
    const plain = lines.map(stripAnsi);
    expect(plain[0]).toBe('Title');
    for (const l of plain.filter((x) => !x.startsWith('  kind'))) expect(l.length).toBeLessThanOrEqual(30);
    expect(plain.join('\n')).toContain('1. first');
    expect(plain).toContain('  kind: Pod');
    expect(lines.join('')).not.toMatch(COLOUR);
  });

  it('joins soft line breaks: a space in English, nothing between Chinese characters', () => {
    expect(renderMarkdown('one\ntwo', 40, { color: false })).toEqual(['one two']);
    expect(renderMarkdown('集群\n名称 and\ntext', 40, { color: false })).toEqual(['集群名称 and text']);
  });

  it('sanitizes command output: colours kept, cursor movement dropped', () => {
    expect(sanitizeLine('\x1b[32mok\x1b[0m\x1b[2K\x1b[1A done\x07', true)).toBe('\x1b[32mok\x1b[0m done\x1b[0m');
    expect(sanitizeLine('\x1b[32mok\x1b[0m\tx', false)).toBe('ok      x');
  });
});
