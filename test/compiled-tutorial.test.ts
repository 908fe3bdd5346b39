// The built-in tutorial precompiled by the build (dist/tutorials/image-volume.json): the same
// TutorialSpec the YAML loader gives, used only while it is up to date. dist/ is built by
// `npm test` (and by test/global-setup.ts when it is missing or stale).
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Lexer } from 'marked';
import { compiledIsFresh, COMPILED_FORMAT, loadCompiledTutorial, readCompiledTutorial } from '../src/adapters/compiled-tutorial.js';
import { LANGS } from '../src/engine/model.js';
import { renderMarkdown } from '../src/ui/markdown/render-markdown.js';
import { primeMarkdownTokens } from '../src/ui/markdown/lexer.js';
import { BUILTIN_TUTORIAL_DIR, COMPILED_TUTORIAL_FILE } from '../src/adapters/package-paths.js';
import { loadTutorialDir } from '../src/adapters/tutorial-files.js';
import { tRef } from '../src/i18n/index.js';
import { runCli } from './helpers/cli.js';

function fromYaml() {
  const r = loadTutorialDir(BUILTIN_TUTORIAL_DIR);
  if (!r.ok) throw new Error(r.problems.map((p) => tRef('en', p.message)).join('\n'));
  return r.tutorial;
}

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of the tutorial (its assets inside it) and the compiled file, laid out as in the package. */
function copyPackage(): { root: string; dir: string; assets: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'ivol-compiled-'));
  temps.push(root);
  const dir = join(root, 'tutorials', 'image-volume');
  const assets = join(dir, 'assets');
  const file = join(root, 'dist', 'tutorials', 'image-volume.json');
  cpSync(BUILTIN_TUTORIAL_DIR, dir, { recursive: true });
  cpSync(COMPILED_TUTORIAL_FILE, file);
  // Everything a minute old, the compiled file now.
  const old = new Date(Date.now() - 60_000);
  for (const p of [dir, join(dir, 'tutorial.yaml'), join(dir, 'steps'), join(dir, 'steps', 'welcome.en.md'), assets, join(assets, 'pod.containerd.yaml')]) utimesSync(p, old, old);
  return { root, dir, assets, file };
}

describe('the precompiled built-in tutorial', () => {
  it('is what the YAML loader gives, without the absolute dir', () => {
    expect(compiledIsFresh(COMPILED_TUTORIAL_FILE, [BUILTIN_TUTORIAL_DIR])).toBe(true);
    const raw = JSON.parse(readFileSync(COMPILED_TUTORIAL_FILE, 'utf8')) as { format: number; tutorial: Record<string, unknown> };
    expect(raw.format).toBe(COMPILED_FORMAT);
    expect(raw.tutorial).not.toHaveProperty('dir');
    const compiled = loadCompiledTutorial();
    expect(compiled).toBeDefined();
    expect(compiled).toEqual(fromYaml());
    // Hints keep the failures they are about: the TUI shows only those that fit (failure-hints.ts).
    const watch = compiled?.steps.find((s) => s.id === 'watch-pod');
    expect(watch?.hints[1]).toMatchObject({ about: ['runtime.containerdTooOld', 'runtime.crioTooOld', 'runtime.unsupported'], seen: ['failed to mkdir ""', 'mount.HostPath is empty', 'host path is not set'] });
    expect(watch?.hints[0]).toMatchObject({ seen: ['quay.io/crio/artifact:v1'] });
    // A check's hint keeps the checks it assumes passed.
    expect(watch?.checks.find((c) => c.id === 'pod-ready')?.assumes).toEqual(['pod-running']);
  });

  it('carries the marked tokens of every step text and beat, as marked lexes them now', () => {
    const compiled = readCompiledTutorial();
    expect(compiled).toBeDefined();
    const byText = new Map(compiled?.markdown ?? []);
    for (const step of fromYaml().steps) {
      for (const lang of LANGS) {
        // The whole text and each beat of it: the step view shows one beat at a time.
        for (const [i, text] of [step.body[lang], ...step.beats[lang]].entries()) {
          const tokens = byText.get(text);
          expect(tokens, `${step.id}.${lang} ${i === 0 ? 'body' : `beat ${i}`}`).toBeDefined();
          expect(tokens).toEqual(JSON.parse(JSON.stringify(Lexer.lex(text, { gfm: true }))));
        }
      }
    }
    // Rendering from the primed tokens gives the same lines as lexing afresh.
    const body = fromYaml().steps[0]?.body.en ?? '';
    const fresh = renderMarkdown(body, 70, { color: true, highlight: null });
    primeMarkdownTokens(compiled?.markdown ?? []);
    expect(renderMarkdown(body, 70, { color: true, highlight: null })).toEqual(fresh);
  });

  it('is used while it is not older than any file of the tutorial or its assets', () => {
    const p = copyPackage();
    const t = loadCompiledTutorial({ file: p.file, dir: p.dir });
    expect(t?.dir).toBe(p.dir);
    expect(t?.steps.map((s) => s.id)).toEqual(fromYaml().steps.map((s) => s.id));
  });

  it('is ignored once a step text, the tutorial.yaml or an asset is newer', () => {
    for (const rel of ['steps/welcome.en.md', 'tutorial.yaml', 'assets/pod.containerd.yaml']) {
      const p = copyPackage();
      const future = new Date(Date.now() + 60_000);
      utimesSync(join(p.dir, rel), future, future);
      expect(loadCompiledTutorial({ file: p.file, dir: p.dir }), rel).toBeUndefined();
    }
  });

  it('is ignored when a file was added after it was built', () => {
    const p = copyPackage();
    const past = new Date(Date.now() - 30_000);
    utimesSync(p.file, past, past);
    writeFileSync(join(p.dir, 'steps', 'extra.en.md'), 'new\n');
    expect(loadCompiledTutorial({ file: p.file, dir: p.dir })).toBeUndefined();
  });

  it('is ignored when missing, unreadable or of another format', () => {
    const p = copyPackage();
    const opts = { file: p.file, dir: p.dir };
    writeFileSync(p.file, JSON.stringify({ format: COMPILED_FORMAT + 1, tutorial: {} }));
    expect(loadCompiledTutorial(opts)).toBeUndefined();
    writeFileSync(p.file, '{ not json');
    expect(loadCompiledTutorial(opts)).toBeUndefined();
    rmSync(p.file);
    expect(loadCompiledTutorial(opts)).toBeUndefined();
  });

  it('does not stand in for --tutorial: a broken tutorial is still reported', async () => {
    const r = await runCli(['run', '--simulate', '--yes', '--tutorial', 'test/fixtures/tutorials/broken-yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('YAML syntax error');
  });
});
