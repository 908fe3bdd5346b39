// Chinese punctuation in every Chinese text a learner reads (test/helpers/zh-texts.ts): the
// rules of docs/glossary.zh-CN.md ("Punctuation").
import { describe, expect, it } from 'vitest';
import { zhTexts } from './helpers/zh-texts.js';

const HAN = '\\u3400-\\u9fff\\uf900-\\ufaff';
const FULL = '，。：；！？、（）“”';

/** Each rule: what it finds, and what to write instead. */
const RULES: readonly { readonly name: string; readonly find: (text: string) => readonly { index: number; length: number }[] }[] = [
  { name: 'half-width punctuation after Chinese: use ，：；！？', find: re(`[${HAN}][,:;!?]`) },
  { name: 'a half-width full stop after Chinese: use 。', find: re(`[${HAN}]\\.(?=\\s|$)`) },
  { name: 'half-width brackets next to Chinese: use （）', find: re(`[${HAN}]\\s?\\(|\\(\\s?[${HAN}]|[${HAN}]\\)|\\)[${HAN}]`) },
  // Quotes are left out of the spacing rules: “ ” around a Latin word may stand apart.
  { name: 'a space before full-width punctuation or a bracket', find: re(`[^\\s] +[，。：；！？、（）]`) },
  { name: 'a space after full-width punctuation', find: re(`[，。：；！？、）] +(?=\\S)`) },
  { name: 'full-width punctuation inside bold: put it after the closing **', find: boldEndingInPunctuation },
  { name: 'straight quotes around Chinese: use “ ”', find: straightQuotesAroundChinese },
];

function re(source: string): (text: string) => { index: number; length: number }[] {
  return (text) => [...text.matchAll(new RegExp(source, 'g'))].map((m) => ({ index: m.index ?? 0, length: m[0].length }));
}

/** `**…：**`: the closing ** (every second one) right after full-width punctuation. */
function boldEndingInPunctuation(text: string): { index: number; length: number }[] {
  const out: { index: number; length: number }[] = [];
  [...text.matchAll(/\*\*/g)].forEach((m, i) => {
    const at = m.index ?? 0;
    if (i % 2 === 1 && FULL.includes(text[at - 1] ?? '')) out.push({ index: at - 1, length: 3 });
  });
  return out;
}

/** "…" pairs (first with second, third with fourth, …) whose content holds Chinese. */
function straightQuotesAroundChinese(text: string): { index: number; length: number }[] {
  const quotes = [...text.matchAll(/"/g)].map((m) => m.index ?? 0);
  const out: { index: number; length: number }[] = [];
  for (let i = 0; i + 1 < quotes.length; i += 2) {
    const a = quotes[i] ?? 0;
    const b = quotes[i + 1] ?? 0;
    if (new RegExp(`[${HAN}]`).test(text.slice(a, b))) out.push({ index: a, length: b - a + 1 });
  }
  return out;
}

function problems(texts: readonly { where: string; text: string }[]): string[] {
  const out: string[] = [];
  for (const { where, text } of texts) {
    for (const rule of RULES) {
      for (const m of rule.find(text)) out.push(`${where}: ${rule.name}: …${text.slice(Math.max(0, m.index - 12), m.index + m.length + 12)}…`);
    }
  }
  return out;
}

describe('Chinese punctuation', () => {
  it('the rules find what they are for', () => {
    const bad = ['中文,中文', '结束.', '中文(说明)', '文字 （说明）', '完成。 然后', '**注意：**继续', '写 "中文" 这样'];
    expect(bad.map((text) => problems([{ where: 'x', text }]).length)).toEqual([1, 1, 2, 1, 1, 1, 1]);
    const good = ['中文，中文', '结束。', '中文（说明）', '**注意**：继续', '运行 X 后，看 “host path is not set”', '文件 "dir" 不存在', '"{a}" 缺少 "{b}" 文本', 'v1.33 和 kind v0.31', '（默认 kind-ivol）中', 'X；**工作节点**加入', '版本：**containerd**'];
    expect(problems(good.map((text) => ({ where: 'x', text })))).toEqual([]);
  });

  it('step texts, tutorial.yaml, the catalogs and README.zh-CN.md follow them', () => {
    expect(problems(zhTexts())).toEqual([]);
  });
});
