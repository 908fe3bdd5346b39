// marked's lexer, kept off the way to the first frame: marked builds its grammar when it is
// evaluated (~10 ms on every start). The built-in tutorial's step texts are lexed at build time
// (dist/tutorials/image-volume.json) and primed here, so the tour starts without marked; any
// other text loads marked (loadMarkdownLexer() ahead of time, or synchronously on first need).
import { createRequire } from 'node:module';
import type { Token } from 'marked';

type Lex = (markdown: string) => Token[];
type MarkedModule = { readonly Lexer: { lex(src: string, options?: { gfm?: boolean }): Token[] } };

const primed = new Map<string, Token[]>();
let lexer: Lex | null = null;
let loading: Promise<void> | null = null;

function use(marked: MarkedModule): Lex {
  lexer ??= (markdown) => marked.Lexer.lex(markdown, { gfm: true });
  return lexer;
}

/** Tokens lexed ahead of time (at build time), by the exact Markdown text. */
export function primeMarkdownTokens(entries: Iterable<readonly [string, Token[]]>): void {
  for (const [text, tokens] of entries) primed.set(text, tokens);
}

/** Whether step texts were primed (the built-in tutorial, precompiled). */
export function markdownPrimed(): boolean {
  return primed.size > 0;
}

/** Loads marked in the background; resolves once `lexMarkdown` no longer needs to load it. */
export function loadMarkdownLexer(): Promise<void> {
  loading ??= import('marked').then(
    (m) => void use(m),
    () => undefined,
  );
  return loading;
}

/** marked's tokens for the text (GitHub-flavoured): primed ones, else lexed now. */
export function lexMarkdown(markdown: string): Token[] {
  const tokens = primed.get(markdown);
  if (tokens) return tokens;
  return (lexer ?? use(requireMarked()))(markdown);
}

/**
 * marked, synchronously. Bundled (dist/), `require` is esbuild's own: marked is in the bundle
 * (the package ships no node_modules of its own), evaluated only now. From source (vitest) an
 * ES module has no `require`: marked comes from node_modules.
 */
function requireMarked(): MarkedModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (typeof require === 'function' ? require('marked') : createRequire(import.meta.url)('marked')) as MarkedModule;
}
