// Every Chinese text a learner reads, as prose (code spans and blocks replaced, soft line breaks
// joined as the step view joins them), with where it comes from: the built-in tutorials' step
// texts and tutorial.yaml strings, the zh-CN message catalogs and README.zh-CN.md. Used by the
// glossary and punctuation tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Text, TutorialSpec } from '../../src/engine/model.js';
import { loadTutorialDir, PACKAGE_ROOT, TUTORIALS_ROOT } from '../../src/adapters/tutorial-files.js';
import { allMessageKeys, t } from '../../src/i18n/index.js';

export interface ZhText {
  /** Where it comes from: a file (and line), or a message key. */
  readonly where: string;
  readonly text: string;
}

const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f\\u201c\\u201d';
const CJK_SOFT_BREAK = new RegExp(`([${CJK}])\\n\\s*([${CJK}])`, 'g');

/** Inline code stands for a word: `X`, so the punctuation around it is still checked. */
function withoutInlineCode(text: string): string {
  return text.replace(/`[^`\n]*`/g, 'X');
}

/** Markdown as prose paragraphs: no comments, no code blocks, no block markers. */
export function markdownProse(markdown: string, file: string): ZhText[] {
  const lines = markdown.replace(/<!--[\s\S]*?-->/g, (c) => '\n'.repeat(c.split('\n').length - 1)).split('\n');
  const out: ZhText[] = [];
  let para: string[] = [];
  let start = 0;
  let fence: string | null = null;
  const flush = (): void => {
    if (para.length > 0) {
      const joined = para.join('\n').replace(CJK_SOFT_BREAK, '$1$2').replace(/\n\s*/g, ' ');
      out.push({ where: `${file}:${start}`, text: withoutInlineCode(joined) });
    }
    para = [];
  };
  lines.forEach((raw, i) => {
    const fenceMark = /^\s*(```|~~~)/.exec(raw)?.[1];
    if (fence) {
      if (fenceMark === fence) fence = null;
      return;
    }
    if (fenceMark) {
      flush();
      fence = fenceMark;
      return;
    }
    // Block markers: quotes, list items, headings, table rows' pipes.
    const line = raw.replace(/^\s*>\s?/, '').replace(/^\s*(?:[-*+]|\d+\.)\s+/, '').replace(/^#+\s+/, '');
    const newBlock = /^\s*(?:[-*+]|\d+\.)\s+/.test(raw.replace(/^\s*>\s?/, '')) || /^#+\s/.test(raw) || /^\s*\|/.test(raw);
    if (line.trim() === '' || /^\s*---\s*$/.test(raw) || newBlock) flush();
    if (line.trim() === '' || /^\s*---\s*$/.test(raw) || /^\s*\|?[\s:|-]+\|[\s:|-]*$/.test(raw)) return;
    if (para.length === 0) start = i + 1;
    if (/^\s*\|/.test(raw)) {
      // A table row: each cell on its own.
      for (const cell of raw.split('|').map((c) => c.trim()).filter(Boolean)) out.push({ where: `${file}:${i + 1}`, text: withoutInlineCode(cell) });
      return;
    }
    para.push(line);
  });
  flush();
  return out;
}

function textsOf(tutorial: TutorialSpec): { where: string; text: Text }[] {
  const out: { where: string; text: Text }[] = [
    { where: 'title', text: tutorial.title },
    { where: 'description', text: tutorial.description },
  ];
  for (const s of tutorial.steps) {
    const at = `step ${s.id}`;
    out.push({ where: `${at} title`, text: s.title });
    if (s.confirm) out.push({ where: `${at} confirm`, text: s.confirm });
    s.hints.forEach((h, i) => out.push({ where: `${at} hint ${i + 1}`, text: h }));
    for (const c of [...s.commands, ...s.solve]) if (c.title) out.push({ where: `${at} command ${c.id}`, text: c.title });
    for (const c of s.checks) {
      out.push({ where: `${at} check ${c.id}`, text: c.title });
      if (c.hint) out.push({ where: `${at} check ${c.id} hint`, text: c.hint });
    }
    for (const task of s.shell?.tasks ?? []) out.push({ where: `${at} task ${task.id}`, text: task.title });
  }
  return out;
}

/** Every Chinese text of the built-in tutorials, the catalogs and README.zh-CN.md. */
export function zhTexts(): ZhText[] {
  const out: ZhText[] = [];
  for (const name of readdirSync(TUTORIALS_ROOT)) {
    const dir = join(TUTORIALS_ROOT, name);
    const loaded = loadTutorialDir(dir);
    if (!loaded.ok) throw new Error(`${dir} does not load`);
    for (const { where, text } of textsOf(loaded.tutorial)) out.push({ where: `${name}/tutorial.yaml ${where}`, text: withoutInlineCode(text['zh-CN']) });
    for (const file of readdirSync(join(dir, 'steps')).filter((f) => f.endsWith('.zh-CN.md'))) {
      out.push(...markdownProse(readFileSync(join(dir, 'steps', file), 'utf8'), `${name}/steps/${file}`));
    }
  }
  for (const key of allMessageKeys()) out.push({ where: `catalog ${key}`, text: withoutInlineCode(t('zh-CN', key)) });
  out.push(...markdownProse(readFileSync(join(PACKAGE_ROOT, 'README.zh-CN.md'), 'utf8'), 'README.zh-CN.md'));
  return out;
}
