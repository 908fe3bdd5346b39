// Syntax highlighting for code blocks and files in the step pane: highlight.js's core with only
// the languages the tour shows (YAML, shell, Dockerfile, JSON), its HTML output turned into SGR.
// The whole of highlight.js (190 languages) would be most of the bundle; these four are a few kB.
// Loaded after the first frame (hooks/useHighlighter.ts).

import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import json from 'highlight.js/lib/languages/json';
import yaml from 'highlight.js/lib/languages/yaml';
import { createStyler } from '../text/ansi.js';

hljs.registerLanguage('yaml', yaml);
hljs.registerLanguage('bash', bash);
hljs.registerLanguage('dockerfile', dockerfile);
hljs.registerLanguage('json', json);

const st = createStyler(true);
type Paint = (s: string) => string;

// highlight.js scopes → terminal styles (the colours cli-highlight used before).
const THEME: Readonly<Record<string, Paint>> = {
  keyword: (s) => st.fg('blue', s),
  literal: (s) => st.fg('blue', s),
  name: (s) => st.fg('blue', s),
  class: (s) => st.fg('blue', s),
  built_in: (s) => st.fg('cyan', s),
  attr: (s) => st.fg('cyan', s),
  type: (s) => st.dim(st.fg('cyan', s)),
  number: (s) => st.fg('green', s),
  comment: (s) => st.fg('green', s),
  doctag: (s) => st.fg('green', s),
  addition: (s) => st.fg('green', s),
  string: (s) => st.fg('red', s),
  regexp: (s) => st.fg('red', s),
  deletion: (s) => st.fg('red', s),
  function: (s) => st.fg('yellow', s),
  meta: (s) => st.fg('gray', s),
  tag: (s) => st.fg('gray', s),
  emphasis: (s) => st.italic(s),
  strong: (s) => st.bold(s),
  link: (s) => st.underline(s),
};

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'" };
const decode = (s: string): string => s.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (m, name: string) => ENTITIES[name] ?? m);

/** The languages this highlighter knows, by name or alias (yml, sh, docker, …). */
export function knowsLanguage(lang: string): boolean {
  return hljs.getLanguage(lang) !== undefined;
}

/**
 * `code` with SGR colours for `lang`; unchanged for a language it does not know. Every line is
 * styled on its own (the pane draws lines one by one: a colour must not run over a line end).
 */
export function highlightCode(code: string, lang: string): string {
  if (!knowsLanguage(lang)) return code;
  const html = hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
  // highlight.js escapes all text and emits only <span class="..."> and </span>.
  const stack: (Paint | undefined)[] = [];
  let out = '';
  for (const m of html.matchAll(/<span class="([^"]*)">|<\/span>|([^<]+)/g)) {
    if (m[2] !== undefined) {
      const paint = stack.findLast((p) => p !== undefined);
      const text = decode(m[2]);
      out += paint ? text.split('\n').map((line) => (line === '' ? line : paint(line))).join('\n') : text;
    } else if (m[1] !== undefined) {
      const scope = /(?:^|\s)hljs-([\w-]+)/.exec(m[1])?.[1];
      stack.push(scope === undefined ? undefined : THEME[scope]);
    } else {
      stack.pop();
    }
  }
  return out;
}
