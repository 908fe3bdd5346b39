// One Chinese term per concept: the glossary (docs/glossary.zh-CN.md) lists, for each term, the
// variants that must not appear; this test reads them from the file (adding a term is data) and
// looks for them in every Chinese text a learner reads (test/helpers/zh-texts.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/adapters/tutorial-files.js';
import { markdownProse, zhTexts } from './helpers/zh-texts.js';

interface Term {
  readonly term: string;
  readonly forbidden: readonly { readonly shown: string; readonly re: RegExp }[];
}

/** A backticked variant: a literal (`x`, or `` `x` `` holding a backtick) or /a regular expression/. */
function variant(raw: string): { shown: string; re: RegExp } {
  const m = /^\/(.*)\/([a-z]*)$/.exec(raw);
  if (m) return { shown: raw, re: new RegExp(m[1] ?? '', `${m[2] ?? ''}g`) };
  return { shown: raw, re: new RegExp(raw.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g') };
}

function glossaryTerms(markdown: string): Term[] {
  const terms: Term[] = [];
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('| 术语') || /^\|[-\s|]+$/.test(line)) continue;
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    const [term, , , forbidden] = cells;
    if (!term || forbidden === undefined) continue;
    // `` `x` `` (double backticks) holds a variant with backticks in it; `x` the others.
    const variants = [...forbidden.matchAll(/``\s(.+?)\s``|`([^`]+)`/g)].map((m) => variant(m[1] ?? m[2] ?? ''));
    terms.push({ term, forbidden: variants });
  }
  return terms;
}

const glossary = readFileSync(join(PACKAGE_ROOT, 'docs', 'glossary.zh-CN.md'), 'utf8');

describe('the Chinese glossary', () => {
  const terms = glossaryTerms(glossary);

  it('is read from docs/glossary.zh-CN.md', () => {
    const names = terms.map((t) => t.term);
    for (const t of ['特性门控', 'API 服务器', '工作节点', '静默丢弃', '镜像卷源', '制品（artifact）', '运行时方案']) expect(names).toContain(t);
    expect(terms.find((t) => t.term === '特性门控')?.forbidden.map((f) => f.shown)).toContain('/(?<!特性)门控/');
    expect(terms.find((t) => t.term === '运行时方案')?.forbidden.map((f) => f.shown)).toContain('`crio` 配置');
  });

  it('catches a forbidden variant, and not the term itself', () => {
    const gate = terms.find((t) => t.term === '特性门控');
    const hits = (text: string): number => gate?.forbidden.filter((f) => new RegExp(f.re.source, 'g').test(text)).length ?? 0;
    expect(hits('开启 ImageVolume 门控')).toBe(1);
    expect(hits('开启 ImageVolume 特性门控')).toBe(0);
    // Code is not prose: a command or an English message in backticks is not checked.
    expect(markdownProse('原文说：\n\n```\nAPI server 门控\n```\n\n`门控`\n', 'x.md').map((p) => p.text).join('')).not.toContain('门控');
  });

  it('step texts, tutorial.yaml, the catalogs and README.zh-CN.md use only its terms', () => {
    const found: string[] = [];
    for (const { where, text } of zhTexts()) {
      for (const term of terms) {
        for (const f of term.forbidden) {
          for (const m of text.matchAll(new RegExp(f.re.source, 'g'))) found.push(`${where}: "${m[0]}" (${f.shown}): write ${term.term} — …${text.slice(Math.max(0, (m.index ?? 0) - 15), (m.index ?? 0) + 20)}…`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
