// Bundles src/cli.tsx into dist/cli.js. Heavy modules stay lazy (dynamic import) and
// native or huge packages stay external so that startup parses as little as possible.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

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
