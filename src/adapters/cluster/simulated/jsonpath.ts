// kubectl's JSONPath (k8s.io/client-go/util/jsonpath, parser.go and jsonpath.go), ported for
// JSON values: `-o jsonpath=…`, custom-columns and --sort-by read objects through it. Missing
// keys are allowed (kubectl's --allow-missing-template-keys default).
import { goJson } from './go-text.js';

type PathNode =
  | { readonly t: 'field'; readonly name: string }
  | { readonly t: 'wildcard' }
  | { readonly t: 'recursive' }
  | { readonly t: 'array'; readonly start?: number; readonly end?: number; readonly derivedEnd: boolean; readonly step?: number }
  | { readonly t: 'union'; readonly lists: readonly PathNode[][] }
  | { readonly t: 'filter'; readonly left: readonly PathNode[]; readonly op: string; readonly right: readonly PathNode[] }
  | { readonly t: 'value'; readonly value: string | number | boolean }
  | { readonly t: 'ident'; readonly name: string };

type Segment = { readonly t: 'text'; readonly text: string } | { readonly t: 'list'; readonly nodes: readonly PathNode[] } | { readonly t: 'range'; readonly nodes: readonly PathNode[]; readonly body: readonly Segment[] };

export class JsonPathError extends Error {}

const TERMINATORS = new Set([' ', '\t', '\r', '\n', '.', ',', '[', ']', '$', '@', '{', '}']);

/** Parses what is inside `{…}` (parseInsideAction). */
function parseAction(src: string): PathNode[] {
  const nodes: PathNode[] = [];
  let i = 0;
  const readUntilTerminator = (): string => {
    let s = '';
    while (i < src.length && !TERMINATORS.has(src[i] ?? '')) {
      if (src[i] === '\\') i++;
      s += src[i] ?? '';
      i++;
    }
    return s;
  };
  while (i < src.length) {
    const c = src[i] ?? '';
    if (src.startsWith('[?(', i)) {
      let j = i + 3;
      let quote = '';
      let closed = false;
      for (; j < src.length; j++) {
        const d = src[j];
        if ((d === '"' || d === "'") && src[j - 1] !== '\\') quote = quote === '' ? d : quote === d ? '' : quote;
        else if (d === ')' && quote === '') {
          closed = true;
          break;
        }
      }
      if (!closed || src[j + 1] !== ']') throw new JsonPathError('unterminated filter');
      const text = src.slice(i + 3, j);
      const m = /^([^!<>=]+)([!<>=]+)(.+?)$/.exec(text);
      nodes.push(m ? { t: 'filter', left: parseAction(m[1] ?? ''), op: m[2] ?? '', right: parseAction(m[3] ?? '') } : { t: 'filter', left: parseAction(text), op: 'exists', right: [] });
      i = j + 2;
    } else if (src.startsWith('..', i)) {
      nodes.push({ t: 'recursive' });
      i += 2;
      if (/[\w]/.test(src[i] ?? '')) nodes.push(fieldNode(readUntilTerminator()));
    } else if (c === ' ' || c === '@' || c === '$') i++;
    else if (c === '.') {
      i++;
      nodes.push(fieldNode(readUntilTerminator()));
    } else if (c === '[') {
      const close = src.indexOf(']', i);
      if (close < 0) throw new JsonPathError('unterminated array');
      nodes.push(...arrayNodes(src.slice(i + 1, close)));
      i = close + 1;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && !(src[j] === c && src[j - 1] !== '\\')) j++;
      if (j >= src.length) throw new JsonPathError('unterminated quoted string');
      nodes.push({ t: 'value', value: unquote(src.slice(i + 1, j)) });
      i = j + 1;
    } else if (/[+\-\d]/.test(c)) {
      const m = /^[+-]?[\d.]*/.exec(src.slice(i))?.[0] ?? '';
      nodes.push({ t: 'value', value: Number(m) });
      i += m.length;
    } else if (/[\p{L}\d_]/u.test(c)) {
      const word = readUntilTerminator();
      nodes.push(word === 'true' || word === 'false' ? { t: 'value', value: word === 'true' } : { t: 'ident', name: word });
    } else throw new JsonPathError(`unrecognized character in action: U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} '${c}'`);
  }
  return nodes;
}

function fieldNode(name: string): PathNode {
  return name === '*' ? { t: 'wildcard' } : { t: 'field', name };
}

function unquote(s: string): string {
  return s.replace(/\\(.)/g, (_m, ch: string) => ({ n: '\n', t: '\t', r: '\r' })[ch] ?? ch);
}

function arrayNodes(text: string): PathNode[] {
  const body = text === '*' ? ':' : text;
  const parts = body.split(',');
  if (parts.length > 1) return [{ t: 'union', lists: parts.map((p) => arrayNodes(p.trim())) }];
  const dict = /^'([^']*)'$/.exec(body);
  if (dict) return [{ t: 'field', name: dict[1] ?? '' }];
  const m = /^(-?\d+)?(:-?\d*)?(:-?\d*)?$/.exec(body);
  if (!m) throw new JsonPathError(`invalid array index ${text}`);
  const num = (s: string | undefined, colon: boolean): number | undefined => {
    const v = colon ? s?.slice(1) : s;
    return v === undefined || v === '' ? undefined : Number(v);
  };
  const start = num(m[1], false);
  const explicitEnd = m[2] !== undefined;
  const end = explicitEnd ? num(m[2], true) : start !== undefined ? start + 1 : undefined;
  return [{ t: 'array', ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}), derivedEnd: !explicitEnd, ...(num(m[3], true) !== undefined ? { step: num(m[3], true) } : {}) }];
}

/** Parses a template: text, `{…}` actions, and `{range …}…{end}` blocks. */
export function parseTemplate(template: string): Segment[] {
  const flat: (Segment & { t: 'text' | 'list' })[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      flat.push({ t: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) flat.push({ t: 'text', text: template.slice(i, open) });
    // The action ends at the first `}` outside quotes.
    let j = open + 1;
    let quote = '';
    for (; j < template.length; j++) {
      const c = template[j];
      if ((c === '"' || c === "'") && template[j - 1] !== '\\') quote = quote === '' ? c : quote === c ? '' : quote;
      else if (c === '}' && quote === '') break;
      else if ((c === '\n' || c === '\r') && quote === '') throw new JsonPathError('unclosed action');
    }
    if (j >= template.length) throw new JsonPathError('unclosed action');
    flat.push({ t: 'list', nodes: parseAction(template.slice(open + 1, j)) });
    i = j + 1;
  }
  let pos = 0;
  const block = (inRange: boolean): Segment[] => {
    const out: Segment[] = [];
    while (pos < flat.length) {
      const s = flat[pos++];
      if (!s) break;
      const head = s.t === 'list' ? s.nodes[0] : undefined;
      if (head?.t === 'ident' && head.name === 'end') {
        if (!inRange) throw new JsonPathError('not in range, nothing to end');
        return out;
      }
      if (s.t === 'list' && head?.t === 'ident' && head.name === 'range') out.push({ t: 'range', nodes: s.nodes.slice(1), body: block(true) });
      else if (head?.t === 'ident') throw new JsonPathError(`unrecognized identifier ${head.name}`);
      else out.push(s);
    }
    return out;
  };
  return block(false);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isObject(v)) return Object.keys(v).sort().map((k) => v[k]);
  if (typeof v === 'string') return [...v];
  return [];
}

function walk(input: readonly unknown[], nodes: readonly PathNode[]): unknown[] {
  let cur: unknown[] = [...input];
  for (const n of nodes) cur = step(cur, n);
  return cur;
}

function step(input: readonly unknown[], n: PathNode): unknown[] {
  switch (n.t) {
    case 'value':
      return input.map(() => n.value);
    case 'ident':
      throw new JsonPathError(`unrecognized identifier ${n.name}`);
    case 'field':
      return input.flatMap((v): unknown[] => (isObject(v) && Object.prototype.hasOwnProperty.call(v, n.name) ? [v[n.name]] : []));
    case 'wildcard':
      return input.flatMap((v): unknown[] => (v === null || v === undefined ? [] : children(v)));
    case 'recursive': {
      const out: unknown[] = [];
      const visit = (v: unknown): void => {
        const c = v === null || v === undefined ? [] : children(v);
        if (c.length === 0) return;
        out.push(v);
        c.forEach(visit);
      };
      input.forEach(visit);
      return out;
    }
    case 'union':
      return n.lists.flatMap((l) => walk(input, l));
    case 'array':
      return input.flatMap((v) => {
        if (v === null || v === undefined) return [];
        if (!Array.isArray(v)) throw new JsonPathError(`${typeof v === 'string' ? 'string' : 'map[string]interface {}'} is not array or slice`);
        const len = v.length;
        let start = n.start ?? 0;
        let end = n.end ?? len;
        if (start < 0) start += len;
        if (end < 0 || (end === 0 && n.derivedEnd)) end += len;
        if (start === end) return [];
        if (start >= len || start < 0) throw new JsonPathError(`array index out of bounds: index ${start}, length ${len}`);
        if (end > len || end < 0) throw new JsonPathError(`array index out of bounds: index ${end - 1}, length ${len}`);
        if (start > end) throw new JsonPathError(`starting index ${start} is greater than ending index ${end}`);
        return (v as unknown[]).slice(start, end).filter((_x, i) => i % (n.step ?? 1) === 0);
      });
    case 'filter':
      return input.flatMap((v) => {
        if (!Array.isArray(v)) throw new JsonPathError(`${goJson(v)} is not array or slice and cannot be filtered`);
        return (v as unknown[]).filter((item) => {
          const lefts = walk([item], n.left);
          if (n.op === 'exists') return lefts.length > 0;
          const rights = walk([item], n.right);
          if (lefts.length === 0 || rights.length === 0) return false;
          if (lefts.length > 1 || rights.length > 1) throw new JsonPathError('can only compare one element at a time');
          return compare(lefts[0], n.op, rights[0]);
        });
      });
  }
}

function compare(a: unknown, op: string, b: unknown): boolean {
  if (typeof a !== typeof b) {
    if (op === '==' || op === '!=') throw new JsonPathError('incompatible types for comparison');
    throw new JsonPathError('incompatible types for comparison');
  }
  const x = a as string | number;
  const y = b as string | number;
  switch (op) {
    case '==': return x === y;
    case '!=': return x !== y;
    case '<': return x < y;
    case '>': return x > y;
    case '<=': return x <= y;
    case '>=': return x >= y;
    default: throw new JsonPathError(`unrecognized filter operator ${op}`);
  }
}

/** FindResults: one list of values per text or action, in order (range bodies repeated). */
export function findResults(template: readonly Segment[], data: unknown): unknown[][] {
  const out: unknown[][] = [];
  for (const s of template) {
    if (s.t === 'text') out.push([s.text]);
    else if (s.t === 'list') out.push(walk([data], s.nodes));
    else for (const item of walk([data], s.nodes)) out.push(...findResults(s.body, item));
  }
  return out;
}

/** PrintResults: maps and lists as compact JSON, strings as they are, values separated by a space. */
function printResults(values: readonly unknown[]): string {
  return values.map((v) => (v !== null && typeof v === 'object' ? goJson(v) : v === null || v === undefined ? 'null' : String(v as string | number | boolean))).join(' ');
}

/** JSONPath.Execute. */
export function executeJsonPath(template: string, data: unknown): string {
  return findResults(parseTemplate(template), data).map(printResults).join('');
}

/** kubectl's RelaxedJSONPathExpression: `.a.b`, `a.b`, `{.a.b}` → `{.a.b}`. */
export function relaxedJsonPath(path: string): string {
  if (path === '') return path;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(path);
  if (!m) throw new JsonPathError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] ?? m[2] ?? ''}}`;
}
