// A small POSIX-ish command-line parser: words with quoting and $-expansion (expanded late,
// so `$?` sees the previous command), pipelines, `;` `&&` `||`, and redirections.

export type WordPart =
  | { readonly kind: 'text'; readonly text: string; readonly quoted: boolean }
  | { readonly kind: 'var'; readonly name: string; readonly quoted: boolean };

export type Word = readonly WordPart[];

export interface Redirect {
  /** 0 stdin, 1 stdout, 2 stderr, 3 both (&>). */
  readonly fd: 0 | 1 | 2 | 3;
  readonly append: boolean;
  /** A file, or a duplicate: '&1' / '&2'. */
  readonly target: Word | '&1' | '&2';
}

export interface SimpleCommand {
  readonly words: Word[];
  readonly redirects: Redirect[];
}

export interface Pipeline {
  readonly commands: SimpleCommand[];
}

export interface ListItem {
  /** How this pipeline joins the previous one: null for the first. */
  readonly op: ';' | '&&' | '||' | null;
  readonly pipeline: Pipeline;
}

export type ParseResult = { readonly ok: true; readonly list: ListItem[] } | { readonly ok: false; readonly error: string };

type Token = { kind: 'word'; word: WordPart[] } | { kind: 'op'; op: string } | { kind: 'redir'; fd: 0 | 1 | 2 | 3; append: boolean; dup?: '&1' | '&2' };

const VAR_START = /[A-Za-z_]/;
const VAR_CHAR = /[A-Za-z0-9_]/;

function tokenize(line: string): Token[] | string {
  const tokens: Token[] = [];
  let word: WordPart[] | null = null;
  const push = (part: WordPart) => {
    word ??= [];
    const last = word[word.length - 1];
    if (part.kind === 'text' && last?.kind === 'text' && last.quoted === part.quoted) {
      word[word.length - 1] = { kind: 'text', text: last.text + part.text, quoted: part.quoted };
    } else word.push(part);
  };
  const end = () => {
    if (word) tokens.push({ kind: 'word', word });
    word = null;
  };
  const readVar = (i: number, quoted: boolean): number => {
    const c = line[i + 1];
    if (c === '?' || c === '$' || c === '#' || (c !== undefined && /[0-9]/.test(c))) {
      push({ kind: 'var', name: c, quoted });
      return i + 2;
    }
    if (c === '{') {
      const close = line.indexOf('}', i + 2);
      if (close < 0) return -1;
      push({ kind: 'var', name: line.slice(i + 2, close), quoted });
      return close + 1;
    }
    if (c !== undefined && VAR_START.test(c)) {
      let j = i + 1;
      while (j < line.length && VAR_CHAR.test(line[j])) j++;
      push({ kind: 'var', name: line.slice(i + 1, j), quoted });
      return j;
    }
    push({ kind: 'text', text: '$', quoted });
    return i + 1;
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      end();
      i++;
    } else if (c === '#' && word === null) {
      break;
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) return "unexpected EOF while looking for matching `''";
      push({ kind: 'text', text: line.slice(i + 1, close), quoted: true });
      i = close + 1;
    } else if (c === '"') {
      let j = i + 1;
      push({ kind: 'text', text: '', quoted: true });
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1])) {
          push({ kind: 'text', text: line[j + 1], quoted: true });
          j += 2;
        } else if (line[j] === '$') {
          const next = readVar(j, true);
          if (next < 0) return 'bad substitution';
          j = next;
        } else {
          push({ kind: 'text', text: line[j], quoted: true });
          j++;
        }
      }
      if (j >= line.length) return 'unexpected EOF while looking for matching `"\'';
      i = j + 1;
    } else if (c === '\\') {
      if (i + 1 < line.length) push({ kind: 'text', text: line[i + 1], quoted: true });
      i += 2;
    } else if (c === '$') {
      const next = readVar(i, false);
      if (next < 0) return 'bad substitution';
      i = next;
    } else if (c === ';' || c === '|' || c === '&') {
      end();
      const two = line.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        tokens.push({ kind: 'op', op: two });
        i += 2;
      } else if (two === '&>') {
        const append = line[i + 2] === '>';
        tokens.push({ kind: 'redir', fd: 3, append });
        i += append ? 3 : 2;
      } else {
        tokens.push({ kind: 'op', op: c === '&' ? ';' : c });
        i++;
      }
    } else if (c === '>' || c === '<') {
      let fd: 0 | 1 | 2 = c === '<' ? 0 : 1;
      const w = word as WordPart[] | null;
      if (w && w.length === 1 && w[0].kind === 'text' && !w[0].quoted && (w[0].text === '1' || w[0].text === '2')) {
        fd = w[0].text === '2' ? 2 : 1;
        word = null;
      } else end();
      if (c === '<') {
        tokens.push({ kind: 'redir', fd: 0, append: false });
        i++;
        continue;
      }
      const append = line[i + 1] === '>';
      i += append ? 2 : 1;
      if (line[i] === '&' && (line[i + 1] === '1' || line[i + 1] === '2')) {
        tokens.push({ kind: 'redir', fd, append: false, dup: line[i + 1] === '1' ? '&1' : '&2' });
        i += 2;
      } else tokens.push({ kind: 'redir', fd, append });
    } else {
      push({ kind: 'text', text: c, quoted: false });
      i++;
    }
  }
  end();
  return tokens;
}

export function parseLine(line: string): ParseResult {
  const tokens = tokenize(line);
  if (typeof tokens === 'string') return { ok: false, error: tokens };
  const list: ListItem[] = [];
  let op: ListItem['op'] = null;
  let commands: SimpleCommand[] = [];
  let current: { words: Word[]; redirects: Redirect[] } = { words: [], redirects: [] };
  const syntax = (t: string) => ({ ok: false as const, error: `syntax error near unexpected token \`${t}'` });
  const finishCommand = (tok: string): boolean => {
    if (current.words.length === 0 && current.redirects.length === 0) return false;
    commands.push(current);
    current = { words: [], redirects: [] };
    return tok.length >= 0;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'word') current.words.push(t.word);
    else if (t.kind === 'redir') {
      if (t.dup) {
        current.redirects.push({ fd: t.fd, append: false, target: t.dup });
        continue;
      }
      const next = tokens[i + 1];
      if (!next || next.kind !== 'word') return syntax(next?.kind === 'op' ? next.op : 'newline');
      current.redirects.push({ fd: t.fd, append: t.append, target: next.word });
      i++;
    } else if (t.op === '|') {
      if (!finishCommand('|')) return syntax('|');
    } else {
      if (!finishCommand(t.op)) {
        if (commands.length === 0 && (t.op !== ';' || list.length === 0)) return syntax(t.op);
      }
      if (commands.length > 0) list.push({ op, pipeline: { commands } });
      commands = [];
      op = t.op as ';' | '&&' | '||';
    }
  }
  if (current.words.length > 0 || current.redirects.length > 0) commands.push(current);
  else if (commands.length > 0) return syntax('newline');
  if (commands.length > 0) list.push({ op, pipeline: { commands } });
  else if (op === '&&' || op === '||') return syntax('newline');
  return { ok: true, list };
}

/** Expands a word's variables; `glob` says whether unquoted * or ? remain. */
export function expandWord(word: Word, lookup: (name: string) => string): { text: string; glob: boolean } {
  let text = '';
  let glob = false;
  for (const part of word) {
    if (part.kind === 'text') {
      text += part.text;
      if (!part.quoted && /[*?]/.test(part.text)) glob = true;
    } else text += lookup(part.name);
  }
  return { text, glob };
}
