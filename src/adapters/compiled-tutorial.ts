// The built-in tutorial, precompiled: scripts/build.mjs runs the loader once and writes the
// TutorialSpec (minus its absolute `dir`) as JSON, so that starting the tour parses no YAML.
// Used only while it is up to date: not older than any file it was built from (the
// tutorial's folder, its assets included); otherwise the caller loads the YAML as before.
// This module must stay light: it is on the path to the first frame.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Token } from 'marked';
import { LANGS, type TutorialSpec } from '../engine/model.js';
import { BUILTIN_TUTORIAL_DIR, COMPILED_TUTORIAL_FILE } from './package-paths.js';

/** Bumped when the JSON's shape changes; a file of another format is ignored. */
export const COMPILED_FORMAT = 6;

export interface CompiledTutorialFile {
  readonly format: typeof COMPILED_FORMAT;
  readonly tutorial: Omit<TutorialSpec, 'dir'>;
  /**
   * marked's tokens of every step text and of every beat of it (each language), by text: the TUI
   * needs no marked to start, whether it shows a step whole or a beat at a time.
   */
  readonly markdown: readonly (readonly [string, Token[]])[];
}

export interface CompiledTutorial {
  readonly tutorial: TutorialSpec;
  readonly markdown: readonly (readonly [string, Token[]])[];
}

export interface CompiledTutorialOptions {
  /** The JSON file (default: dist/tutorials/image-volume.json). */
  readonly file?: string;
  /** The tutorial's folder: its `dir`, and a source the JSON must be up to date with. */
  readonly dir?: string;
  /** Further folders the tutorial was built from (default: none; its assets are inside its folder). */
  readonly sources?: readonly string[];
}

/** The newest modification time (ms) of `dir` and everything under it. */
function newestUnder(dir: string): number {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const m = entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs;
    if (m > newest) newest = m;
  }
  return newest;
}

/** Whether `file` exists and is not older than anything under `sources` (their files and folders). */
export function compiledIsFresh(file: string, sources: readonly string[]): boolean {
  try {
    const built = statSync(file).mtimeMs;
    // Not older (rather than strictly newer): `npm pack` gives every file of a package the same time.
    return sources.every((dir) => newestUnder(dir) <= built);
  } catch {
    return false;
  }
}

/** Serialises a loaded tutorial for the compiled file (build time), its step texts lexed by `lex`. */
export function compileTutorial(tutorial: TutorialSpec, lex: (markdown: string) => Token[]): CompiledTutorialFile {
  const { dir: _dir, ...rest } = tutorial;
  const texts = new Set<string>();
  for (const step of tutorial.steps) {
    for (const lang of LANGS) {
      texts.add(step.body[lang]);
      for (const beat of step.beats[lang]) texts.add(beat);
    }
  }
  return { format: COMPILED_FORMAT, tutorial: rest, markdown: [...texts].map((text) => [text, lex(text)] as const) };
}

/**
 * The precompiled built-in tutorial, or undefined when it is missing, stale or unreadable
 * (the caller then loads the YAML).
 */
export function loadCompiledTutorial(options: CompiledTutorialOptions = {}): TutorialSpec | undefined {
  return readCompiledTutorial(options)?.tutorial;
}

/** The precompiled built-in tutorial and its lexed step texts, or undefined (see loadCompiledTutorial). */
export function readCompiledTutorial(options: CompiledTutorialOptions = {}): CompiledTutorial | undefined {
  const file = options.file ?? COMPILED_TUTORIAL_FILE;
  const dir = options.dir ?? BUILTIN_TUTORIAL_DIR;
  const sources = [dir, ...(options.sources ?? [])];
  if (!compiledIsFresh(file, sources)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CompiledTutorialFile>;
    if (parsed.format !== COMPILED_FORMAT || typeof parsed.tutorial !== 'object' || parsed.tutorial === null) return undefined;
    const tutorial = parsed.tutorial;
    if (typeof tutorial.id !== 'string' || !Array.isArray(tutorial.steps) || !Array.isArray(parsed.markdown)) return undefined;
    // A file of this format carries beats; one that does not is not of it, whatever it says.
    const steps: readonly Partial<TutorialSpec['steps'][number]>[] = tutorial.steps;
    if (!steps.every((s) => LANGS.every((lang) => Array.isArray(s.beats?.[lang])))) return undefined;
    return { tutorial: { ...tutorial, dir: resolve(dir) }, markdown: parsed.markdown };
  } catch {
    return undefined;
  }
}
