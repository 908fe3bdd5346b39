// The code highlighter: colours for the four languages the tour shows, never a change of text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TUTORIAL_DIR } from '../../adapters/package-paths.js';
import { stripAnsi } from '../text/ansi.js';
import { highlightCode, knowsLanguage } from './highlight-code.js';
import { highlightLang } from './render-markdown.js';

const cyan = (s: string): string => `\x1b[36m${s}\x1b[39m`;
const red = (s: string): string => `\x1b[31m${s}\x1b[39m`;

describe('highlightCode', () => {
  it('colours YAML keys and values', () => {
    expect(highlightCode('kind: Pod\n', 'yaml')).toBe(`${cyan('kind:')} ${red('Pod')}\n`);
  });

  it('knows every language a fence or a file of the tour names, and nothing else is bundled', () => {
    for (const fence of ['yaml', 'yml', 'sh', 'bash', 'shell', 'console', 'dockerfile', 'json']) {
      const lang = highlightLang(fence);
      expect(lang, fence).toBeDefined();
      expect(knowsLanguage(lang ?? ''), fence).toBe(true);
    }
    expect(knowsLanguage('python')).toBe(false);
    expect(highlightCode('print("x")', 'python')).toBe('print("x")');
  });

  it('styles each line on its own: no colour runs over a line end', () => {
    const out = highlightCode('a: |\n  one\n  two\n', 'yaml');
    for (const line of out.split('\n')) {
      // eslint-disable-next-line no-control-regex
      const opens = (line.match(/\x1b\[(?:3[0-7]|90)m/g) ?? []).length;
      // eslint-disable-next-line no-control-regex
      const closes = (line.match(/\x1b\[39m/g) ?? []).length;
      expect(closes, JSON.stringify(line)).toBe(opens);
    }
  });

  it('never changes the text: every asset and shell block of the built-in tutorial, escapes included', () => {
    const samples: [string, string][] = [['bash', `echo "a <b> & 'c'" > /volume/x && kubectl get pods -o jsonpath='{.items[*]}'`]];
    const assets = join(BUILTIN_TUTORIAL_DIR, 'assets');
    for (const name of readdirSync(assets)) {
      const lang = /\.ya?ml$/.test(name) ? 'yaml' : /dockerfile/i.test(name) ? 'dockerfile' : undefined;
      if (lang) samples.push([lang, readFileSync(join(assets, name), 'utf8')]);
    }
    expect(samples.length).toBeGreaterThan(3);
    for (const [lang, code] of samples) {
      const out = highlightCode(code, lang);
      expect(out).not.toBe(code);
      expect(stripAnsi(out)).toBe(code);
    }
  });
});
