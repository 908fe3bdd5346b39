// Bundles src/cli.tsx into dist/cli.js. Heavy modules stay lazy (dynamic import) and
// native or huge packages stay external so that startup parses as little as possible.
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli.tsx' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  jsx: 'automatic',
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  // Native and very large modules are loaded from node_modules at run time, lazily.
  external: ['@lydell/node-pty', 'node-pty', '@kubernetes/client-node', '@xterm/headless'],
  alias: { 'react-devtools-core': './scripts/empty-module.js' },
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: {
    js: "import { createRequire as __ivolCreateRequire } from 'node:module'; const require = __ivolCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// The built-in tutorial, precompiled (src/adapters/compiled-tutorial.ts): the loader runs once
// here, so that starting the tour parses no YAML. A tutorial that does not load fails the build.
async function compileBuiltinTutorial() {
  const tmp = join(ROOT, 'dist', '.compile-tutorial.mjs');
  await build({
    stdin: {
      contents: [
        "export { loadTutorialDir } from './src/adapters/tutorial-files.ts';",
        "export { compileTutorial } from './src/adapters/compiled-tutorial.ts';",
        "export { BUILTIN_TUTORIAL_DIR, COMPILED_TUTORIAL_FILE } from './src/adapters/package-paths.ts';",
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
    const loaded = m.loadTutorialDir(m.BUILTIN_TUTORIAL_DIR, 'en');
    if (!loaded.ok) {
      for (const p of loaded.problems) console.error(`${p.file}:${p.line}:${p.col}: ${p.message}`);
      throw new Error(`the built-in tutorial does not load (${loaded.problems.length} problems)`);
    }
    mkdirSync(join(ROOT, 'dist', 'tutorials'), { recursive: true });
    writeFileSync(m.COMPILED_TUTORIAL_FILE, JSON.stringify(m.compileTutorial(loaded.tutorial)));
  } finally {
    rmSync(tmp, { force: true });
  }
}

await compileBuiltinTutorial();
