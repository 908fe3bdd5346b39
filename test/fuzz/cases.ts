// The fuzz cases: tutorials and progress files generated from one seed, so that a failure
// reproduces (IVOL_FUZZ_SEED, IVOL_FUZZ_ONLY). Two sources: the built-in tutorial, mutated
// (lines dropped, duplicated, swapped, values replaced, bytes flipped, files swapped for
// pipes, devices, folders, symlinks), and hand-made hostile shapes (alias bombs, deep nesting,
// huge values, long ids, bad types, control characters, invalid UTF-8, BOMs, CRLF, symlinks
// out of the folder). Pure data: fuzz-worker.ts writes each case to disk and loads it.
// Test code only: never shipped.

/** What is at a path of a case. */
export type Entry =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  /** A file of `size` bytes of `fill` (big files are not kept in memory as strings). */
  | { readonly kind: 'big'; readonly size: number; readonly fill: string }
  | { readonly kind: 'fifo' }
  | { readonly kind: 'dir' }
  | { readonly kind: 'symlink'; readonly target: string }
  | { readonly kind: 'missing' };

export interface TutorialCase {
  readonly kind: 'tutorial';
  readonly index: number;
  /** What the case is made of, for the failure message. */
  readonly shape: string;
  /** 'builtin': the built-in tutorial's files, then `files` over them; 'none': only `files`. */
  readonly base: 'builtin' | 'none';
  readonly files: Readonly<Record<string, Entry>>;
  /** Through loadTutorialDir (the tour loading it) rather than lintCommand. */
  readonly viaLoad: boolean;
  readonly lang: 'en' | 'zh-CN';
}

export interface ProgressCase {
  readonly kind: 'progress';
  readonly index: number;
  readonly shape: string;
  /** The progress file (progress/t--c.json under the state directory). */
  readonly entry: Entry;
  /** Backups already there: they must survive. */
  readonly backups: number;
}

export type FuzzCase = TutorialCase | ProgressCase;

/** mulberry32: small, fast, good enough to spread cases; the same seed gives the same cases. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  constructor(private readonly r: () => number) {}
  float(): number {
    return this.r();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.r() * items.length)];
  }
}

const LANGS = ['en', 'zh-CN'] as const;

/** Values that break things: long, empty, typed, controls, escapes, Unicode tricks, YAML syntax. */
function hostileValue(g: Gen): string {
  switch (g.int(0, 17)) {
    case 0:
      return `"${'A'.repeat(g.int(1000, 200_000))}"`;
    case 1:
      return `"x${'\\n'.repeat(g.int(10, 500))}rm -rf ~"`;
    case 2:
      return '"\\e[2J\\e]0;pwned\\a\\u202e"';
    case 3:
      return g.pick(['~', 'null', '[]', '{}', 'true', '1e400', '-1', '0x7fffffffffffffff', '.nan', '.inf', '!!binary aGVsbG8=', '!!set {a, b}', '!custom x', '2001-12-14t21:59:43.10-05:00']);
    case 4:
      return `[${Array.from({ length: g.int(1, 50) }, () => g.pick(['a', '1', 'null', '{}', '[]', '"{cluster}"', '"{file:x}"', '"{nope}"'])).join(', ')}]`;
    case 5:
      return `"${'{'.repeat(g.int(1, 50))}cluster${'}'.repeat(g.int(1, 50))}"`;
    case 6:
      return `"\\0\\x01\\x7f\\x9b"`;
    case 7:
      return "''";
    case 8:
      return `"${'中文'.repeat(g.int(1, 2000))}"`;
    case 9:
      return `"${'a'.repeat(g.int(60, 70))}"`;
    case 10:
      return `'${g.pick(['(a+)+$', '(?=x)', '(a)\\1', '[', '(', '\\', 'a{1001}', '((a{100}){100}){100}', '(?<n>x)\\k<n>', '(x|x)*y', '\\p{Greek}+', '.*'.repeat(200)])}'`;
    case 11:
      return g.pick(['9999999999999999999999h', '2147483648', '2147483647', '1m30s', '0', '-5s', '1.5s', '10 minutes', '99999999999999999999999999999999ms']);
    case 12:
      return `*${g.pick(['a', 'nope', 'loop'])}`;
    case 13:
      return `&a ${g.pick(['x', '[1, 2]', '{a: 1}'])}`;
    case 14:
      return `"${'../'.repeat(g.int(1, 20))}etc/shadow"`;
    case 15:
      return `"/dev/${g.pick(['zero', 'urandom', 'stdin', 'tty'])}"`;
    case 16:
      return `{ en: ${g.chance(0.5) ? '""' : '"x"'}, zh-CN: ${g.chance(0.5) ? '[]' : '"中"'}, extra: 1 }`;
    default:
      return `"${String.fromCharCode(...Array.from({ length: g.int(1, 40) }, () => g.int(1, 0xffff)))}"`.replace(/[\ud800-\udfff]/g, 'x');
  }
}

/** A small valid tutorial (1-3 steps) to hang hostile parts on. */
function miniYaml(g: Gen, steps: string[]): string {
  const body = steps
    .map(
      (id, i) => `  - id: ${id}
    title: { en: "Step ${i}", zh-CN: "步骤 ${i}" }
    files:
      - { name: pod${i}, asset: pod.yaml }
    commands:
      - { id: c, run: [${g.pick(['kubectl', 'kind', 'sh', 'curl'])}, apply, -f, "{file:pod${i}}"], timeout: 30s }
    checks:
      - { id: k, kind: podPhase, pod: "{pod}", title: { en: K, zh-CN: K } }
    shell:
      pod: "{pod}"
      container: "{container}"
      tasks:
        - { id: t, title: { en: T, zh-CN: T }, match: '\\bls\\b' }
`,
    )
    .join('');
  return `id: mini\ntitle: { en: "Mini", zh-CN: "迷你" }\ndescription: { en: "D", zh-CN: "D" }\npod: p\ncontainer: c\nsteps:\n${body}`;
}

function miniFiles(steps: string[]): Record<string, Entry> {
  const files: Record<string, Entry> = { 'assets/pod.yaml': { kind: 'text', text: 'kind: Pod\n' } };
  for (const id of steps) {
    files[`steps/${id}.en.md`] = { kind: 'text', text: `# ${id}\n` };
    files[`steps/${id}.zh-CN.md`] = { kind: 'text', text: `# ${id}（中文）\n` };
  }
  return files;
}

/** Something that is not the regular file expected at a path. */
function hostileEntry(g: Gen): Entry {
  switch (g.int(0, 12)) {
    case 0:
      return { kind: 'fifo' };
    case 1:
      return { kind: 'dir' };
    case 2:
      return { kind: 'symlink', target: '/dev/zero' };
    case 3:
      return { kind: 'symlink', target: '/dev/urandom' };
    case 4:
      return { kind: 'symlink', target: '/etc/passwd' };
    case 5:
      return { kind: 'symlink', target: `${'../'.repeat(g.int(1, 6))}outside.txt` };
    case 6:
      return { kind: 'symlink', target: 'loop-b' };
    case 7:
      return { kind: 'symlink', target: 'does-not-exist' };
    case 8:
      return { kind: 'missing' };
    case 9:
      // Mostly over the caps; now and then under them (parsed: a few hundred KB of one character).
      return { kind: 'big', size: g.chance(0.2) ? 200 * 1024 : g.pick([1024 * 1024 + 1, 2 * 1024 * 1024]), fill: g.pick(['a', '\n', '-']) };
    case 10:
      return { kind: 'bytes', bytes: Uint8Array.from(Array.from({ length: g.int(1, 200) }, () => g.int(0, 255))) };
    case 11:
      return { kind: 'bytes', bytes: Uint8Array.from([0xef, 0xbb, 0xbf, 0x23, 0x20, 0xc3, 0x28, 0x0a]) };
    default:
      return { kind: 'symlink', target: '/proc/self/environ' };
  }
}

/** Hand-made hostile tutorial.yaml shapes. */
function hostileYaml(g: Gen): { shape: string; yaml: string } {
  const steps = ['a', 'b', 'c'].slice(0, g.int(1, 3));
  const mini = miniYaml(g, steps);
  switch (g.int(0, 15)) {
    case 0: {
      const levels = g.int(3, 12);
      const width = g.int(2, 10);
      let y = `x0: &a0 [${Array.from({ length: width }, () => 'lol').join(', ')}]\n`;
      for (let i = 1; i <= levels; i++) y += `x${i}: &a${i} [${Array.from({ length: width }, () => `*a${i - 1}`).join(', ')}]\n`;
      const at = g.pick(['title', 'steps', 'description', 'x']);
      return { shape: `alias bomb ${width}^${levels} at ${at}`, yaml: `${y}${at === 'x' ? mini : mini.replace(`${at}:`, `${at}: *a${levels}\nx-${at}:`)}` };
    }
    case 1: {
      // Mostly moderate; now and then as deep as a few hundred kilobytes allow.
      const depth = g.chance(0.08) ? g.int(10_000, 30_000) : g.int(50, 1000);
      return { shape: `flow nesting ${depth}`, yaml: `${mini}x: ${'['.repeat(depth)}${']'.repeat(depth)}\n` };
    }
    case 2: {
      const depth = g.int(50, 600);
      let y = '';
      for (let i = 0; i < depth; i++) y += `${' '.repeat(i)}k${i}:\n`;
      return { shape: `block nesting ${depth}`, yaml: `${mini}${y}` };
    }
    case 3:
      return { shape: 'long step id', yaml: mini.replace('id: a', `id: ${'a'.repeat(g.int(64, 5000))}`) };
    case 4:
      return { shape: 'many steps', yaml: `${mini}${Array.from({ length: g.chance(0.1) ? 501 : g.int(10, 60) }, (_, i) => `  - { id: s${i}, title: { en: S, zh-CN: S } }\n`).join('')}` };
    case 5:
      return { shape: 'alias cycle', yaml: `${mini}x: &loop [1, *loop]\ny: &m { a: *m }\n` };
    case 6:
      return { shape: 'many aliases', yaml: `x: &t 1\ny: [${Array.from({ length: g.int(50, 400) }, () => '*t').join(', ')}]\n${mini}` };
    case 7:
      return { shape: 'control characters in keys', yaml: `${mini}"\\e[31mkey\\u202e\\0": 1\n` };
    case 8:
      return { shape: 'multiple documents', yaml: `${mini}---\n${mini}` };
    case 9:
      return { shape: 'directive', yaml: `%YAML 1.1\n%TAG ! tag:x,2000:\n---\n${mini}` };
    case 10:
      return { shape: 'merge keys', yaml: `base: &b { id: z, title: { en: Z, zh-CN: Z } }\n${mini.replace('  - id: a\n', '  - <<: *b\n    id: a\n')}` };
    case 11:
      return { shape: 'not a map', yaml: g.pick(['- a\n- b\n', '"just a string"\n', '42\n', '~\n', '', '# only a comment\n', '[]\n', '!!binary aGVsbG8=\n']) };
    case 12:
      return { shape: 'CRLF and lone CR', yaml: mini.replace(/\n/g, g.pick(['\r\n', '\r'])) };
    case 13:
      return { shape: 'BOM', yaml: `\ufeff${mini}` };
    case 14:
      return { shape: 'hostile steps', yaml: `${mini}  - ${hostileValue(g)}\n  - { id: ${hostileValue(g)}, title: ${hostileValue(g)} }\n` };
    default: {
      // A random field of the mini tutorial replaced by a hostile value.
      const lines = mini.split('\n');
      const i = g.int(0, lines.length - 1);
      const line = lines[i] ?? '';
      const m = /^(\s*-?\s*[\w-]+:)/.exec(line);
      lines[i] = m ? `${m[1]} ${hostileValue(g)}` : line;
      return { shape: `hostile value at line ${i + 1}`, yaml: lines.join('\n') };
    }
  }
}

/** One mutation of a YAML text. */
function mutate(g: Gen, text: string): { text: string; what: string } {
  const lines = text.split('\n');
  const i = g.int(0, Math.max(0, lines.length - 1));
  switch (g.int(0, 9)) {
    case 0:
      lines.splice(i, 1);
      return { text: lines.join('\n'), what: `drop line ${i + 1}` };
    case 1:
      lines.splice(i, 0, lines[i] ?? '');
      return { text: lines.join('\n'), what: `duplicate line ${i + 1}` };
    case 2: {
      const j = g.int(0, lines.length - 1);
      const a = lines[i] ?? '';
      lines[i] = lines[j] ?? '';
      lines[j] = a;
      return { text: lines.join('\n'), what: `swap lines ${i + 1} and ${j + 1}` };
    }
    case 3: {
      const line = lines[i] ?? '';
      const m = /^(\s*-?\s*[\w-]+:)\s*(.*)$/.exec(line);
      lines[i] = m ? `${m[1]} ${hostileValue(g)}` : `${line}${hostileValue(g)}`;
      return { text: lines.join('\n'), what: `hostile value at line ${i + 1}` };
    }
    case 4: {
      const at = g.int(0, text.length);
      const ch = String.fromCharCode(g.pick([0, 7, 9, 10, 13, 27, 0x7f, 0x2028, 0x202e, 0xfeff, 0x3a, 0x2d, 0x5b, 0x7b, 0x26, 0x2a, 0x21, 0x7c, 0x3e, 0x22, 0x27]));
      return { text: text.slice(0, at) + ch + text.slice(at), what: `insert U+${ch.charCodeAt(0).toString(16)} at ${at}` };
    }
    case 5: {
      const at = g.int(0, text.length);
      return { text: text.slice(0, at), what: `truncate at ${at}` };
    }
    case 6:
      lines[i] = ` ${lines[i] ?? ''}`;
      return { text: lines.join('\n'), what: `indent line ${i + 1}` };
    case 7:
      lines[i] = (lines[i] ?? '').replace(/^(\s*)(-\s*)?id: [\w-]+/, (_m, s: string, d: string | undefined) => `${s}${d ?? ''}id: ${'x'.repeat(g.int(60, 400))}`);
      return { text: lines.join('\n'), what: `long id at line ${i + 1}` };
    case 8:
      lines[i] = (lines[i] ?? '').replace(/timeout: \S+/, `timeout: ${g.pick(['2147483648', '9999999h', '0', 'forever', '1e30'])}`);
      return { text: lines.join('\n'), what: `timeout at line ${i + 1}` };
    default:
      return { text: text.replace(/\n/g, '\r\n'), what: 'CRLF' };
  }
}

/** The built-in tutorial.yaml with only a run of consecutive steps (split at `  - id:`). */
function someSteps(g: Gen, yaml: string): { text: string; steps: string } {
  const parts = yaml.split(/\n(?= {2}- id: )/);
  const head = parts[0] ?? '';
  const steps = parts.slice(1);
  const from = g.int(0, Math.max(0, steps.length - 1));
  const count = g.int(1, 4);
  return { text: [head, ...steps.slice(from, from + count)].join('\n'), steps: `steps ${from + 1}-${Math.min(steps.length, from + count)}` };
}

export interface BuiltinFiles {
  /** The built-in tutorial's files by '/'-separated path (tutorial.yaml, steps/*, assets/*). */
  readonly [rel: string]: string;
}

function tutorialCase(g: Gen, index: number, builtin: BuiltinFiles): TutorialCase {
  const lang = g.pick(LANGS);
  const viaLoad = g.chance(0.3);
  if (g.chance(0.15)) {
    // The built-in tutorial, mutated.
    // Its head and a run of 1-4 consecutive steps, most of the time: the whole 40 KB of YAML
    // parsed a hundred times would cost more than every other case together.
    const { text: yaml, steps: kept } = g.chance(0.25) ? { text: builtin['tutorial.yaml'] ?? '', steps: 'all steps' } : someSteps(g, builtin['tutorial.yaml'] ?? '');
    let text = yaml;
    const what: string[] = [kept];
    for (let n = g.int(1, 4); n > 0; n--) {
      const m = mutate(g, text);
      text = m.text;
      what.push(m.what);
    }
    const files: Record<string, Entry> = { 'tutorial.yaml': { kind: 'text', text } };
    if (g.chance(0.3)) {
      const rel = g.pick(Object.keys(builtin).filter((k) => k !== 'tutorial.yaml'));
      const entry = hostileEntry(g);
      files[rel] = entry;
      what.push(`${rel} as ${entry.kind}${entry.kind === 'symlink' ? ` to ${entry.target}` : ''}`);
    }
    return { kind: 'tutorial', index, shape: `built-in: ${what.join(', ')}`, base: 'builtin', files, viaLoad, lang };
  }
  const steps = ['a', 'b', 'c'];
  const files: Record<string, Entry> = miniFiles(steps);
  let shape: string;
  if (g.chance(0.25)) {
    // A valid tutorial with one of its files replaced.
    const rel = g.pick(['tutorial.yaml', 'steps/a.en.md', 'steps/a.zh-CN.md', 'assets/pod.yaml', 'steps', 'assets']);
    const entry = hostileEntry(g);
    files['tutorial.yaml'] = { kind: 'text', text: miniYaml(g, ['a']) };
    if (rel === 'steps' || rel === 'assets') {
      for (const k of Object.keys(files)) if (k.startsWith(`${rel}/`)) delete files[k];
    }
    files[rel] = entry;
    shape = `${rel} as ${entry.kind}${entry.kind === 'symlink' ? ` to ${entry.target}` : ''}`;
  } else if (g.chance(0.1)) {
    files['tutorial.yaml'] = { kind: 'bytes', bytes: Uint8Array.from(Array.from({ length: g.int(0, 3000) }, () => g.int(0, 255))) };
    shape = 'random bytes';
  } else {
    const h = hostileYaml(g);
    files['tutorial.yaml'] = { kind: 'text', text: h.yaml };
    shape = h.shape;
  }
  return { kind: 'tutorial', index, shape, base: 'none', files, viaLoad, lang };
}

const VALID_PROGRESS = '{"version":1,"tutorial":"t","cluster":"c","current":"a","statuses":{"a":"passed","b":"skipped"},"savedAt":"2025-01-01T00:00:00Z"}';

function progressCase(g: Gen, index: number): ProgressCase {
  const backups = g.chance(0.3) ? g.int(1, 3) : 0;
  const text = (shape: string, t: string): ProgressCase => ({ kind: 'progress', index, shape, entry: { kind: 'text', text: t }, backups });
  switch (g.int(0, 13)) {
    case 0:
      return text('valid', VALID_PROGRESS);
    case 1: {
      // The valid file with one byte changed.
      const at = g.int(0, VALID_PROGRESS.length - 1);
      return text(`byte ${at} changed`, VALID_PROGRESS.slice(0, at) + String.fromCharCode(g.int(0, 0x7f)) + VALID_PROGRESS.slice(at + 1));
    }
    case 2: {
      const depth = g.chance(0.1) ? g.int(50_000, 200_000) : g.int(100, 5000);
      return text(`nested ${depth}`, `${'['.repeat(depth)}${']'.repeat(depth)}`);
    }
    case 3:
      return { kind: 'progress', index, shape: 'over the cap', entry: { kind: 'big', size: 1024 * 1024 + g.int(1, 4096), fill: ' ' }, backups };
    case 4:
      return text('__proto__ status', VALID_PROGRESS.replace('"a":"passed"', '"__proto__":"passed","constructor":"skipped"'));
    case 5:
      return text('many statuses', `{"version":1,"tutorial":"t","cluster":"c","current":"a","statuses":{${Array.from({ length: g.chance(0.2) ? 20_000 : g.int(10, 500) }, (_, i) => `"s${i}":"passed"`).join(',')}}}`);
    case 6:
      return text('long current', VALID_PROGRESS.replace('"current":"a"', `"current":"${'a'.repeat(g.int(64, 100_000))}"`));
    case 7:
      return text('wrong types', VALID_PROGRESS.replace(g.pick(['"version":1', '"current":"a"', '"statuses":{"a":"passed","b":"skipped"}']), g.pick(['"version":"1"', '"current":null', '"statuses":[]', '"statuses":{"a":1}'])));
    case 8:
      return text('BOM', `\ufeff${VALID_PROGRESS}`);
    case 9:
      return text('control characters', VALID_PROGRESS.replace('"a"', '"\\u001b[2J\\u0000"'));
    case 10:
      return text('garbage', String.fromCharCode(...Array.from({ length: g.int(0, 500) }, () => g.int(1, 0x7e))));
    case 11:
      return { kind: 'progress', index, shape: 'invalid UTF-8', entry: { kind: 'bytes', bytes: Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) }, backups };
    default: {
      const entry = hostileEntry(g);
      return { kind: 'progress', index, shape: `${entry.kind}${entry.kind === 'symlink' ? ` to ${entry.target}` : ''}`, entry, backups };
    }
  }
}

/** The cases of one seed: `tutorials` tutorial cases, then `progress` progress cases. */
export function generateCases(seed: number, tutorials: number, progress: number, builtin: BuiltinFiles): FuzzCase[] {
  const g = new Gen(rng(seed));
  const cases: FuzzCase[] = [];
  for (let i = 0; i < tutorials; i++) cases.push(tutorialCase(g, i, builtin));
  for (let i = 0; i < progress; i++) cases.push(progressCase(g, tutorials + i));
  return cases;
}
