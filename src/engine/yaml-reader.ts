// Reading a parsed YAML document node by node, collecting every problem with its position
// (1-based line:col) instead of stopping at the first. Pure: the loader hands in the text.

import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Scalar } from 'yaml';
import type { MessageKeyWithPrefix, MessageParams, MessageRef } from '../i18n/types.js';
import { shortenValue } from './display.js';
import { MAX_ALIAS_EXPANSION, MAX_ALIASES, MAX_TIMER_MS, MAX_VALUE_CHARS } from './limits.js';

export type LoaderMessageKey = MessageKeyWithPrefix<'loader.'>;

/**
 * One problem in a tutorial. line/col are 1-based; line 0 means "the file as a whole". The
 * message is a reference: lint and the tour format it in the learner's language.
 */
export interface LoadProblem {
  file: string;
  line: number;
  col: number;
  message: MessageRef<LoaderMessageKey>;
}

export type Params = MessageParams;

export class Reporter {
  readonly problems: LoadProblem[] = [];

  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  /**
   * What each alias names, found by checkAliases in one pass (the yaml library's own
   * Alias.resolve walks the whole document for every alias: quadratic).
   */
  readonly aliasTargets = new Map<unknown, Node>();

  /** The node a value stands for: aliases (`*name`) resolved; null for anything else. */
  node(value: unknown): Node | null {
    if (isAlias(value)) return this.aliasTargets.get(value) ?? null;
    return isScalar(value) || isMap(value) || isSeq(value) ? value : null;
  }

  /** Problems that do not stop the tutorial from loading (lint prints them as warnings). */
  readonly warnings: LoadProblem[] = [];

  /** The message with its parameters made safe to show. */
  ref(key: LoaderMessageKey, params?: Params): MessageRef<LoaderMessageKey> {
    return params ? { key, params: safeParams(params) } : { key };
  }

  at(offset: number, key: LoaderMessageKey, params?: Params): void {
    this.atRef(offset, this.ref(key, params));
  }

  /** A message made elsewhere (already safe to show). */
  atRef(offset: number, message: MessageRef<LoaderMessageKey>): void {
    const { line, col } = this.lines.linePos(offset);
    this.problems.push({ file: this.file, line, col, message });
  }

  /** A problem in another file of the tutorial (a step text), at a line of it. */
  inFile(file: string, line: number, col: number, key: LoaderMessageKey, params?: Params): void {
    this.problems.push({ file, line, col, message: this.ref(key, params) });
  }

  warnAt(offset: number, key: LoaderMessageKey, params?: Params): void {
    const { line, col } = this.lines.linePos(offset);
    this.warnings.push({ file: this.file, line, col, message: this.ref(key, params) });
  }

  /** 1-based line of an offset (for "first used on line N"). */
  lineOf(offset: number): number {
    return this.lines.linePos(offset).line;
  }

  /** ` (did you mean "x"?)` when a candidate is close to `word`, else ''. */
  hint(word: string, candidates: readonly string[]): MessageRef<LoaderMessageKey> | '' {
    const suggestion = closest(word, candidates);
    return suggestion === undefined ? '' : this.ref('loader.didYouMean', { suggestion });
  }
}

/** The longest parameter shown in a message: values from the tutorial are cut, and escaped. */
const MAX_PARAM_CHARS = 120;
/** Paths are cut only when absurdly long (a path is useless cut short). */
const MAX_PATH_PARAM_CHARS = 1024;
const PATH_PARAMS: ReadonlySet<string> = new Set(['path', 'dir', 'target']);
/** Lists the tour itself writes (the known variables), never the tutorial: kept whole. */
const OWN_LIST_PARAMS: ReadonlySet<string> = new Set(['known']);

/**
 * Parameters as they may be shown: a value from the tutorial can be megabytes long or hold
 * control characters (a key named with an escape sequence would otherwise reach the terminal).
 */
export function safeParams(params: Params): Params {
  const out: Record<string, Params[string]> = {};
  // A message reference among the parameters was made safe when it was made.
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' ? shortenValue(v, PATH_PARAMS.has(k) || OWN_LIST_PARAMS.has(k) ? MAX_PATH_PARAM_CHARS : MAX_PARAM_CHARS) : v;
  return out;
}

/** A value in the document: its node (null when absent or empty), where to report it, its name. */
export interface Val {
  readonly node: Node | null;
  readonly offset: number;
  readonly field: string;
}

function startOf(node: unknown): number | undefined {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: readonly number[] | null }).range;
    if (range && typeof range[0] === 'number') return range[0];
  }
  return undefined;
}

function isEmpty(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

/** A YAML map with its keys collected; unknown keys are reported by checkKeys(). */
export class MapView {
  private readonly entries = new Map<string, { keyOffset: number; valueOffset: number | undefined; node: Node | null }>();

  constructor(
    readonly r: Reporter,
    readonly offset: number,
    items: readonly { key: unknown; value: unknown }[],
  ) {
    for (const pair of items) {
      const keyOffset = startOf(pair.key) ?? offset;
      const key = isScalar(pair.key) && (typeof pair.key.value === 'string' || typeof pair.key.value === 'number') ? String(pair.key.value) : undefined;
      if (key === undefined) {
        r.at(keyOffset, 'loader.badKey');
        continue;
      }
      // Duplicate keys are reported by the YAML parser; the first one wins here.
      if (this.entries.has(key)) continue;
      this.entries.set(key, { keyOffset, valueOffset: startOf(pair.value), node: r.node(pair.value) });
    }
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Reports every key not in `allowed`, with a suggestion when one is close. */
  checkKeys(allowed: readonly string[]): void {
    for (const [key, { keyOffset }] of this.entries) {
      if (!allowed.includes(key)) this.r.at(keyOffset, 'loader.unknownKey', { key, hint: this.r.hint(key, allowed) });
    }
  }

  keyOffset(key: string): number {
    return this.entries.get(key)?.keyOffset ?? this.offset;
  }

  /** The value of an optional key (undefined when absent). An empty value is reported. */
  get(key: string): Val | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (isEmpty(entry.node)) {
      this.r.at(entry.keyOffset, 'loader.noValue', { field: key });
      return undefined;
    }
    return { node: entry.node, offset: entry.valueOffset ?? entry.keyOffset, field: key };
  }

  /** The value of a required key; its absence is reported at the map. */
  required(key: string): Val | undefined {
    if (!this.entries.has(key)) {
      this.r.at(this.offset, 'loader.missingKey', { key });
      return undefined;
    }
    return this.get(key);
  }
}

export function asMap(r: Reporter, v: Val | undefined): MapView | undefined {
  if (!v) return undefined;
  if (!isMap(v.node)) {
    r.at(v.offset, 'loader.expectMap', { field: v.field });
    return undefined;
  }
  return new MapView(r, v.offset, v.node.items);
}

/** The items of a list, each as a Val named `field[i]`. */
export function asList(r: Reporter, v: Val | undefined): Val[] | undefined {
  if (!v) return undefined;
  if (!isSeq(v.node)) {
    r.at(v.offset, 'loader.expectList', { field: v.field });
    return undefined;
  }
  return v.node.items.map((item, i) => {
    return { node: r.node(item), offset: startOf(item) ?? v.offset, field: `${v.field}[${i}]` };
  });
}

/** A scalar as written: numbers and booleans keep their source text (`equals: 1` is "1"). */
export function asString(r: Reporter, v: Val | undefined, opts: { nonEmpty?: boolean; maxChars?: number } = {}): string | undefined {
  if (!v) return undefined;
  const text = isScalar(v.node) ? scalarText(v.node) : undefined;
  if (text === undefined) {
    r.at(v.offset, isEmpty(v.node) ? 'loader.noValue' : 'loader.expectString', { field: v.field });
    return undefined;
  }
  if (text.length > (opts.maxChars ?? MAX_VALUE_CHARS)) {
    r.at(v.offset, 'loader.tooLong', { field: v.field, chars: text.length, max: opts.maxChars ?? MAX_VALUE_CHARS });
    return undefined;
  }
  if (opts.nonEmpty && text.trim() === '') {
    r.at(v.offset, 'loader.emptyString', { field: v.field });
    return undefined;
  }
  return text;
}

/** A scalar's text: strings as they are, numbers and booleans as written; undefined for null. */
function scalarText(node: Scalar): string | undefined {
  const value: unknown = node.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return node.source ?? String(value);
  return undefined;
}

export function asBool(r: Reporter, v: Val | undefined): boolean | undefined {
  if (!v) return undefined;
  if (isScalar(v.node) && typeof v.node.value === 'boolean') return v.node.value;
  r.at(v.offset, 'loader.expectBool', { field: v.field });
  return undefined;
}

/** A whole number >= 1. */
export function asCount(r: Reporter, v: Val | undefined): number | undefined {
  if (!v) return undefined;
  if (isScalar(v.node) && typeof v.node.value === 'number' && Number.isInteger(v.node.value) && v.node.value >= 1) return v.node.value;
  r.at(v.offset, 'loader.expectCount', { field: v.field });
  return undefined;
}

const DURATION = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** `500ms`, `30s`, `2m`, `1m30s`, `1h`, `1h30m`, or a number of milliseconds; undefined if invalid. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  const m = DURATION.exec(s);
  if (!m || s === '') return undefined;
  const [, h, min, sec, ms] = m;
  return Number(h ?? 0) * 3_600_000 + Number(min ?? 0) * 60_000 + Number(sec ?? 0) * 1000 + Number(ms ?? 0);
}

/** A duration in ms; one that Node's timers cannot wait for (over 24.8 days) is a problem. */
export function asDuration(r: Reporter, v: Val | undefined): number | undefined {
  if (!v) return undefined;
  const node = v.node;
  let ms: number | undefined;
  if (isScalar(node)) {
    if (typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= 0) ms = node.value;
    else if (typeof node.value === 'string') ms = parseDuration(node.value);
  }
  const text = (isScalar(node) ? scalarText(node) : undefined) ?? '…';
  if (ms === undefined) {
    r.at(v.offset, 'loader.badDuration', { value: text });
    return undefined;
  }
  if (!(ms <= MAX_TIMER_MS)) {
    r.at(v.offset, 'loader.durationTooLong', { value: text, max: MAX_TIMER_MS });
    return undefined;
  }
  return ms;
}

/** The candidate closest to `word` (case-insensitive edit distance, or a prefix), if close enough. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  // Nothing sensible is close to a long word, and the distance table grows with its length.
  if (word.length > 64) return undefined;
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const lc = c.toLowerCase();
    let d = editDistance(w, lc);
    if (w.length >= 2 && (lc.startsWith(w) || w.startsWith(lc))) d = Math.min(d, 1);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  const limit = Math.max(1, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** Edit distance where swapping two adjacent letters counts as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** Joins '/'-separated relative paths and resolves `.` and `..` where it can. */
export function joinRel(...parts: string[]): string {
  const out: string[] = [];
  for (const seg of parts.join('/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/** A path inside the tutorial's folder as the user named it: `dir/rel` (just `rel` for `.`). */
export function displayPath(dir: string, rel: string): string {
  const d = dir.replace(/[\\/]+$/, '');
  if (d === '' && /^[\\/]/.test(dir)) return `/${rel}`;
  if (d === '' || d === '.') return rel;
  return `${d}/${rel}`;
}

export function isAbsolutePath(p: string): boolean {
  return /^([\\/]|[A-Za-z]:)/.test(p) || p.includes('\\');
}

/**
 * Checks the document's aliases before it is read: at most MAX_ALIASES of them, each naming an
 * anchor, none inside the node it names (a cycle), and together adding at most
 * MAX_ALIAS_EXPANSION nodes when expanded (nested aliases multiply: ten aliases of ten
 * aliases of ... is a billion nodes in a few hundred bytes). Reports what is wrong; false
 * when the document must not be read further. Iterative: deep nesting cannot overflow the stack.
 */
export function checkAliases(doc: Document, r: Reporter, text?: string): boolean {
  const root = doc.contents;
  if (root === null) return true;
  // An alias is written with `*`: a document without one has none to check.
  if (text !== undefined && !text.includes('*')) return true;
  // Expanded size of every node (aliases count as what they name), found depth first.
  const size = new Map<unknown, number>();
  const onPath = new Set<unknown>();
  interface Frame {
    readonly node: unknown;
    readonly kids: readonly unknown[];
    next: number;
    total: number;
  }
  let aliases = 0;
  let plain = 0;
  // Anchors as met in document order (nodes are entered once, in the order the yaml library's
  // visit() takes them): an alias names the last anchor of its name before it.
  const anchors = new Map<string, Node>();
  const children = (node: unknown): unknown[] | null => {
    if (isAlias(node)) {
      aliases++;
      const start = node.range?.[0] ?? 0;
      if (aliases > MAX_ALIASES) {
        r.at(start, 'loader.tooManyAliases', { max: MAX_ALIASES });
        return null;
      }
      const target = anchors.get(node.source);
      if (!target) {
        r.at(start, 'loader.unknownAlias', { alias: `*${node.source}` });
        return null;
      }
      if (onPath.has(target)) {
        r.at(start, 'loader.aliasCycle', { alias: `*${node.source}` });
        return null;
      }
      r.aliasTargets.set(node, target);
      return [target];
    }
    if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor) anchors.set(node.anchor, node);
    if (isMap(node) || isSeq(node)) {
      const kids: unknown[] = [];
      for (const item of node.items as unknown[]) {
        if (isPair(item)) kids.push(item.key, item.value);
        else kids.push(item);
      }
      return kids;
    }
    return [];
  };
  const enter = (node: unknown): Frame | null => {
    const kids = children(node);
    if (kids === null) return null;
    if (!isAlias(node)) plain++;
    onPath.add(node);
    return { node, kids, next: 0, total: isAlias(node) ? 0 : 1 };
  };
  const first = enter(root);
  if (!first) return false;
  const stack: Frame[] = [first];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.kids.length) {
      const kid = top.kids[top.next++];
      if (kid === null || kid === undefined) continue;
      const known = size.get(kid);
      if (known !== undefined) {
        top.total += known;
        continue;
      }
      const frame = enter(kid);
      if (!frame) return false;
      stack.push(frame);
      continue;
    }
    stack.pop();
    onPath.delete(top.node);
    size.set(top.node, top.total);
    const parent = stack[stack.length - 1];
    if (parent) parent.total += top.total;
    if (top.total - plain > MAX_ALIAS_EXPANSION) {
      r.at(startOf(top.node) ?? 0, 'loader.aliasExpansion', { max: MAX_ALIAS_EXPANSION });
      return false;
    }
  }
  return true;
}
