// Bundles src/cli.tsx into dist/cli.js (options: scripts/esbuild-options.mjs): every
// pure-JavaScript dependency is bundled and tree-shaken; heavy modules stay lazy (dynamic
// import, split into chunks) and native ones (the pty) external. Then writes the notices of the
// bundled packages (dist/THIRD_PARTY_NOTICES.md) and precompiles the built-in tutorial.
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleOptions, ROOT } from './esbuild-options.mjs';
import { bundledPackages, noticesText } from './third-party-notices.mjs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

const result = await build({
  ...bundleOptions(),
  entryPoints: { cli: 'src/cli.tsx' },
  outdir: 'dist',
});

const packages = bundledPackages(result.metafile, ROOT);
const missing = packages.filter((p) => p.license === 'UNKNOWN');
if (missing.length > 0) throw new Error(`bundled packages without a declared license: ${missing.map((p) => p.name).join(', ')}`);
writeFileSync(join(ROOT, 'dist', 'THIRD_PARTY_NOTICES.md'), noticesText(packages));

// The built-in tutorial, precompiled (src/adapters/compiled-tutorial.ts): the loader runs once
// here, so that starting the tour parses no YAML, and marked lexes the step texts, so that it
// needs no marked either. A tutorial that does not load fails the build.
async function compileBuiltinTutorial() {
  const tmp = join(ROOT, 'dist', '.compile-tutorial.mjs');
  await build({
    stdin: {
      contents: [
        "export { loadTutorialDir } from './src/adapters/tutorial-files.ts';",
        "export { compileTutorial } from './src/adapters/compiled-tutorial.ts';",
        "export { BUILTIN_TUTORIAL_DIR, COMPILED_TUTORIAL_FILE } from './src/adapters/package-paths.ts';",
        "export { tRef } from './src/i18n/index.ts';",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile: tmp,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    logLevel: 'warning',
  });
  try {
    const m = await import(pathToFileURL(tmp).href);
    const loaded = m.loadTutorialDir(m.BUILTIN_TUTORIAL_DIR);
    if (!loaded.ok) {
      for (const p of loaded.problems) console.error(`${p.file}:${p.line}:${p.col}: ${m.tRef('en', p.message)}`);
      throw new Error(`the built-in tutorial does not load (${loaded.problems.length} problems)`);
    }
    mkdirSync(join(ROOT, 'dist', 'tutorials'), { recursive: true });
    const { Lexer } = await import('marked');
    writeFileSync(m.COMPILED_TUTORIAL_FILE, JSON.stringify(m.compileTutorial(loaded.tutorial, (md) => Lexer.lex(md, { gfm: true }))));
  } finally {
    rmSync(tmp, { force: true });
  }
}

await compileBuiltinTutorial();
