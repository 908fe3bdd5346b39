// What `kubectl get -o yaml` prints: sigs.k8s.io/yaml's Marshal (JSON, then go-yaml v2), ported
// for JSON values. go-yaml v2 sorts map keys (letters after other characters, digits by value),
// quotes a string that would read back as another type (`"523"`, `"true"`, timestamps) with
// double quotes, falls back to single quotes where a plain scalar is not allowed (`: `,
// leading indicators), writes strings with newlines as literal blocks, and folds long
// scalars at a space once the line is past 80 columns (gopkg.in/yaml.v2 emitterc.go).

const BEST_WIDTH = 80;

/** yaml.v2 keyList.Less: natural order, a letter sorts after a non-letter. */
function keyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  const letter = (c: string): boolean => /\p{L}/u.test(c);
  const digit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i] ?? '';
    const y = br[i] ?? '';
    if (x === y) continue;
    const al = letter(x);
    const bl = letter(y);
    if (al && bl) return x < y;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (x === '0' || y === '0') {
      for (let j = i - 1; j >= 0 && digit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; digit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; digit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return x < y;
  }
  return ar.length < br.length;
}

/** Whether yaml.v2 would read this plain scalar back as something other than a string. */
function resolvesToOther(s: string): boolean {
  if (['', '~', 'null', 'Null', 'NULL'].includes(s)) return true;
  if (/^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(s)) return true;
  if (/^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/.test(s)) return true;
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0b[01]+|0x[0-9a-fA-F]+|0o?[0-7]+|[0-9]+)$/.test(plain)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true;
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s)) return true; // base 60
  // Timestamps (YAML 1.1 forms go-yaml parses).
  return /^\d{4}-\d\d?-\d\d?(([Tt]|[ \t]+)\d\d?:\d\d:\d\d(\.\d*)?([ \t]*(Z|[-+]\d\d?(:\d\d)?))?)?$/.test(s);
}

interface Analysis {
  readonly blockPlain: boolean;
  readonly singleQuoted: boolean;
  /** A literal block (`|`) may hold it. */
  readonly block: boolean;
}

/** yaml_emitter_analyze_scalar, for block context. */
function analyze(s: string): Analysis {
  if (s === '') return { blockPlain: true, singleQuoted: true, block: false };
  const chars = [...s];
  let blockIndicators = false;
  let special = false;
  let lineBreaks = false;
  let spaceBreak = false;
  let breakSpace = false;
  let prevSpace = false;
  let prevBreak = false;
  if (s.startsWith('---') || s.startsWith('...')) blockIndicators = true;
  const ws = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';
  chars.forEach((c, i) => {
    const next = chars[i + 1];
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      if ((c === '?' || c === ':' || c === '-') && ws(next)) blockIndicators = true;
    } else if ((c === ':' && ws(next)) || (c === '#' && (chars[i - 1] === ' ' || chars[i - 1] === '\t'))) blockIndicators = true;
    const printable = c === '\n' || c === '\t' || (c >= ' ' && c !== '\x7f' && !/[\u0080-\u009f\ud800-\udfff\ufffe\uffff]/.test(c));
    if (!printable || c === '\ufeff') special = true;
    if (c === ' ') {
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (c === '\n' || c === '\r') {
      lineBreaks = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
  });
  const first = chars[0];
  const last = chars[chars.length - 1];
  const edgeSpace = first === ' ' || last === ' ' || first === '\n' || last === '\n';
  let blockPlain = !(edgeSpace || lineBreaks || blockIndicators);
  let singleQuoted = !breakSpace;
  if (spaceBreak || special) {
    blockPlain = false;
    singleQuoted = false;
  }
  return { blockPlain, singleQuoted, block: !(last === ' ' || spaceBreak || special) };
}

class Emitter {
  out = '';
  column = 0;

  put(text: string): void {
    for (const c of text) {
      if (c === '\n') {
        this.out += c;
        this.column = 0;
      } else {
        this.out += c;
        this.column++;
      }
    }
  }

  indentTo(indent: number): void {
    this.put(`\n${' '.repeat(indent)}`);
  }

  /** A scalar after `key:` or `- ` (one space written here), continuation lines at `indent`. */
  scalar(s: string, indent: number, allowBreaks: boolean): void {
    const style = styleOf(s);
    if (style === 'literal') {
      const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') ? '+' : '') : '-';
      this.put(` |${s.startsWith(' ') ? '2' : ''}${chomp}`);
      const lines = s.replace(/\n$/, '').split('\n');
      for (const l of lines) {
        if (l === '') this.put('\n');
        else {
          this.indentTo(indent);
          this.put(l);
        }
      }
      if (chomp === '+') this.put('\n');
      return;
    }
    this.put(' ');
    const quote = style === 'single' ? "'" : style === 'double' ? '"' : '';
    this.put(quote);
    const chars = [...s];
    let spaces = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        const inner = style === 'plain' || (i > 0 && i < chars.length - 1);
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && inner && (style === 'double' || chars[i + 1] !== ' ')) {
          this.indentTo(indent);
          if (style === 'double' && chars[i + 1] === ' ') this.put('\\');
        } else this.put(c);
        spaces = true;
        return;
      }
      spaces = false;
      if (style === 'single' && c === "'") this.put("''");
      else if (style === 'double') this.put(doubleEscape(c));
      else this.put(c);
    });
    this.put(quote);
  }
}

function doubleEscape(c: string): string {
  const named: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '\x1b': '\\e', '\u0085': '\\N', '\u00a0': '\\_', '\u2028': '\\L', '\u2029': '\\P' };
  if (named[c]) return named[c];
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code <= 0x9f)) return `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
  return c;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

function styleOf(s: string): Style {
  const a = analyze(s);
  if (s.includes('\n')) return a.block ? 'literal' : 'double';
  if (resolvesToOther(s)) return 'double';
  if (a.blockPlain) return 'plain';
  return a.singleQuoted ? 'single' : 'double';
}

function plainKey(k: string): string {
  const style = styleOf(k);
  if (style === 'plain') return k;
  if (style === 'single') return `'${k.replace(/'/g, "''")}'`;
  return `"${[...k].map(doubleEscape).join('')}"`;
}

function isEmptyCollection(v: unknown): string | null {
  if (Array.isArray(v)) return v.length === 0 ? '[]' : null;
  if (v !== null && typeof v === 'object') return Object.keys(v).length === 0 ? '{}' : null;
  return null;
}

function emitValue(e: Emitter, v: unknown, indent: number): void {
  if (v === null || v === undefined) return e.put(' null');
  if (typeof v === 'boolean' || typeof v === 'number') return e.put(` ${String(v)}`);
  if (typeof v === 'string') return e.scalar(v, indent, true);
  const empty = isEmptyCollection(v);
  if (empty) return e.put(` ${empty}`);
  if (Array.isArray(v)) {
    // In a mapping, a block sequence is not indented (go-yaml's indentless sequence).
    emitSequence(e, v, indent - 2);
    return;
  }
  emitMapping(e, v as Record<string, unknown>, indent, false);
}

function emitMapping(e: Emitter, o: Record<string, unknown>, indent: number, inline: boolean): void {
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort((a, b) => (keyLess(a, b) ? -1 : keyLess(b, a) ? 1 : 0));
  keys.forEach((k, i) => {
    if (!(inline && i === 0)) {
      if (e.out !== '') e.indentTo(indent);
    }
    e.put(`${plainKey(k)}:`);
    emitValue(e, o[k], indent + 2);
  });
}

function emitSequence(e: Emitter, items: readonly unknown[], indent: number): void {
  for (const item of items) {
    e.indentTo(indent);
    e.put('-');
    const empty = isEmptyCollection(item);
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && !empty) {
      e.put(' ');
      emitMapping(e, item as Record<string, unknown>, indent + 2, true);
    } else if (Array.isArray(item) && !empty) {
      emitSequence(e, item, indent + 2);
    } else emitValue(e, item, indent + 2);
  }
}

/** sigs.k8s.io/yaml.Marshal of a JSON value. */
export function goYaml(v: unknown): string {
  const e = new Emitter();
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && !isEmptyCollection(v)) emitMapping(e, v as Record<string, unknown>, 0, false);
  else if (Array.isArray(v) && !isEmptyCollection(v)) {
    emitSequence(e, v, 0);
    e.out = e.out.replace(/^\n/, '');
  } else {
    emitValue(e, v, 0);
    e.out = e.out.replace(/^ /, '');
  }
  return `${e.out}\n`;
}
