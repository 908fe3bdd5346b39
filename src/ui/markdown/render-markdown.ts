// Markdown for a terminal pane: marked's lexer gives the tokens, this turns them into lines
// of text with SGR styling, wrapped to the pane's width. Code blocks keep their lines as
// written where they fit; a wider line wraps with a visible mark (shell: ` \` at an argument
// boundary), never cut. Highlighted for yaml and shell when a highlighter is loaded. Pure
// apart from marked.

import type { MarkedToken, Token, Tokens } from 'marked';
import { wrapText } from '../text/wrap.js';
import { wrapCodeLine, wrapShellLine } from '../text/wrap-code.js';
import stringWidth from 'string-width';
import { createStyler, type Styler } from '../text/ansi.js';
import { lexMarkdown } from './lexer.js';

/** Highlights code for a language ('yaml', 'bash'); returns the text with SGR. */
export type Highlighter = (code: string, lang: string) => string;

export interface MarkdownOptions {
  readonly color: boolean;
  readonly highlight?: Highlighter | null;
}

const HIGHLIGHT_LANGS: Readonly<Record<string, string>> = {
  yaml: 'yaml',
  yml: 'yaml',
  sh: 'bash',
  bash: 'bash',
  shell: 'bash',
  console: 'bash',
  dockerfile: 'dockerfile',
  json: 'json',
};

/** The language name the highlighter (highlight-code.ts) knows for a fence's info string, or undefined. */
export function highlightLang(lang: string | undefined): string | undefined {
  const l = (lang ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return HIGHLIGHT_LANGS[l];
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => ENTITIES[name] ?? _);
}

// Between two CJK characters a soft line break is nothing; elsewhere it is a space.
const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f';
const CJK_BREAK = new RegExp(`([${CJK}])\\n([${CJK}])`, 'g');

/** A soft line break, resolved once the inline text is joined (it may sit between tokens). */
const SOFT = '\u2028';
const CJK_SOFT = new RegExp(`([${CJK}])((?:\x1b\\[[0-9;]*m)*)${SOFT}((?:\x1b\\[[0-9;]*m)*)([${CJK}])`, 'g');

function softBreaks(s: string): string {
  return s.replace(CJK_BREAK, '$1$2').replace(/\n/g, SOFT);
}

/** Soft breaks between two CJK characters vanish (Chinese has no spaces); the others are spaces. */
function resolveSoftBreaks(s: string): string {
  return s.replace(CJK_SOFT, '$1$2$3$4').replaceAll(SOFT, ' ');
}

/** marked's own token types; anything else is an extension's token, read by its text alone. */
const MARKED_TYPES: ReadonlySet<string> = new Set<MarkedToken['type']>([
  'blockquote', 'br', 'checkbox', 'code', 'codespan', 'def', 'del', 'em', 'escape', 'heading', 'hr', 'html',
  'image', 'link', 'list', 'list_item', 'paragraph', 'space', 'strong', 'table', 'text',
]);

function isMarkedToken(tok: Token): tok is MarkedToken {
  return MARKED_TYPES.has(tok.type);
}

/** The text of a token this renderer has no rule for (undefined when it has none). */
function plainText(tok: Token): string | undefined {
  return 'text' in tok && typeof tok.text === 'string' ? decodeEntities(tok.text) : undefined;
}

function inline(tokens: readonly Token[] | undefined, st: Styler): string {
  if (!tokens) return '';
  let out = '';
  for (const tok of tokens) {
    if (!isMarkedToken(tok)) {
      out += plainText(tok) ?? '';
      continue;
    }
    switch (tok.type) {
      case 'strong':
        out += st.bold(inline(tok.tokens, st));
        break;
      case 'em':
        out += st.italic(inline(tok.tokens, st));
        break;
      case 'del':
        out += st.strike(inline(tok.tokens, st));
        break;
      case 'codespan': {
        const text = decodeEntities(tok.text);
        out += st.color ? st.fg('cyan', text) : `\`${text}\``;
        break;
      }
      case 'link': {
        const text = inline(tok.tokens, st);
        out += tok.autolink === true || tok.text === tok.href ? st.underline(text) : `${st.underline(text)} ${st.dim(`(${tok.href})`)}`;
        break;
      }
      case 'image': {
        out += st.dim(`[${tok.text}]`);
        break;
      }
      case 'br':
        out += '\n';
        break;
      case 'html':
        // Inline HTML (e.g. <br>, comments) has no place in a terminal.
        out += /^<br\s*\/?>$/i.test(tok.text.trim()) ? '\n' : '';
        break;
      case 'escape':
        out += decodeEntities(tok.text);
        break;
      case 'text':
        // A newline inside a paragraph is a soft break: a space (hard breaks are 'br').
        out += tok.tokens ? inline(tok.tokens, st) : softBreaks(decodeEntities(tok.text));
        break;
      default:
        out += plainText(tok) ?? '';
    }
  }
  return out;
}

function wrap(text: string, width: number): string[] {
  return wrapText(resolveSoftBreaks(text), width);
}

/** Prefix every line: `first` on the first, `rest` (same width) on the others. */
function indent(lines: readonly string[], first: string, rest: string): string[] {
  return lines.map((l, i) => (i === 0 ? first : rest) + l);
}

/**
 * A fenced block, indented two columns. Lines wider than the pane wrap (never "…"): shell
 * lines at argument boundaries with ` \` so that they still run when copied, the others with
 * a ↪ mark (wrap-code.ts). Shell is wrapped before it is highlighted, the rest after.
 */
function codeBlock(code: Tokens.Code, width: number, opts: MarkdownOptions, st: Styler): string[] {
  const room = Math.max(8, width - 2);
  const lang = highlightLang(code.lang);
  let text = code.text.replace(/\t/g, '  ');
  if (lang === 'bash') text = text.split('\n').flatMap((l) => wrapShellLine(l, room)).join('\n');
  let body = text;
  if (lang && opts.color && opts.highlight) {
    try {
      body = opts.highlight(text, lang);
    } catch {
      body = text;
    }
  }
  return body
    .split('\n')
    .flatMap((l) => wrapCodeLine(l, room, (m) => st.dim(m)))
    .map((l) => `  ${l}`);
}

function table(tok: Tokens.Table, width: number, st: Styler): string[] {
  const cells = [tok.header.map((c) => inline(c.tokens, st)), ...tok.rows.map((r) => r.map((c) => inline(c.tokens, st)))];
  const cols = tok.header.length;
  const widths = Array.from({ length: cols }, (_, i) => Math.max(1, ...cells.map((r) => stringWidth(r[i] ?? ''))));
  const total = widths.reduce((a, b) => a + b, 0) + (cols - 1) * 3;
  if (total > width) {
    // Too wide: one cell per line, "header: value".
    const out: string[] = [];
    for (const row of cells.slice(1)) {
      row.forEach((c, i) => out.push(...wrap(`${st.bold(cells[0]?.[i] ?? '')}: ${c}`, width)));
      out.push('');
    }
    return out;
  }
  const line = (row: readonly string[], bold: boolean): string =>
    row.map((c, i) => (bold ? st.bold(c) : c) + ' '.repeat(Math.max(0, (widths[i] ?? 0) - stringWidth(c)))).join(' │ ');
  const [head, ...rest] = cells;
  return [line(head ?? [], true), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rest.map((r) => line(r, false))];
}

function blocks(tokens: readonly Token[], width: number, opts: MarkdownOptions, st: Styler): string[] {
  const out: string[] = [];
  const gap = (): void => {
    if (out.length > 0 && out[out.length - 1] !== '') out.push('');
  };
  for (const tok of tokens) {
    if (!isMarkedToken(tok)) {
      const text = plainText(tok);
      if (text !== undefined) out.push(...wrap(text, width));
      continue;
    }
    switch (tok.type) {
      case 'space':
        break;
      case 'heading': {
        gap();
        const text = resolveSoftBreaks(inline(tok.tokens, st));
        const styled = tok.depth <= 1 ? st.bold(st.underline(text)) : tok.depth === 2 ? st.bold(st.fg('cyan', text)) : st.bold(text);
        out.push(...wrap(styled, width));
        out.push('');
        break;
      }
      case 'paragraph':
        gap();
        for (const para of resolveSoftBreaks(inline(tok.tokens, st)).split('\n')) out.push(...wrap(para, width));
        out.push('');
        break;
      case 'text': {
        const s = resolveSoftBreaks(tok.tokens ? inline(tok.tokens, st) : decodeEntities(tok.text));
        for (const para of s.split('\n')) out.push(...wrap(para, width));
        break;
      }
      case 'list': {
        const list = tok;
        gap();
        const start = typeof list.start === 'number' ? list.start : 1;
        list.items.forEach((item, i) => {
          const marker = list.ordered ? `${start + i}. ` : '• ';
          const box = item.task ? (item.checked ? '[x] ' : '[ ] ') : '';
          const prefix = marker + box;
          const pad = ' '.repeat(stringWidth(prefix));
          const inner = blocks(item.tokens.filter((x) => x.type !== 'checkbox'), width - pad.length, opts, st);
          while (inner.length > 0 && inner[inner.length - 1] === '') inner.pop();
          out.push(...indent(inner.length ? inner : [''], list.ordered ? prefix : st.fg('cyan', marker) + box, pad));
          if (list.loose) out.push('');
        });
        out.push('');
        break;
      }
      case 'code':
        gap();
        out.push(...codeBlock(tok, width, opts, st));
        out.push('');
        break;
      case 'blockquote': {
        gap();
        const inner = blocks(tok.tokens, width - 2, opts, st);
        while (inner.length > 0 && inner[inner.length - 1] === '') inner.pop();
        out.push(...inner.map((l) => `${st.fg('gray', '▌')} ${st.italic(l)}`));
        out.push('');
        break;
      }
      case 'hr':
        gap();
        out.push(st.fg('gray', '─'.repeat(Math.max(1, width))));
        out.push('');
        break;
      case 'table':
        gap();
        out.push(...table(tok, width, st));
        out.push('');
        break;
      case 'html':
      case 'def':
        break;
      default: {
        const text = plainText(tok);
        if (text !== undefined) out.push(...wrap(text, width));
      }
    }
  }
  return out;
}

/** The Markdown as lines that fit `width` columns. */
export function renderMarkdown(markdown: string, width: number, opts: MarkdownOptions): string[] {
  const st = createStyler(opts.color);
  const lines = blocks(lexMarkdown(markdown), Math.max(10, width), opts, st);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
