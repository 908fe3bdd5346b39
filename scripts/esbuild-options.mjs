// The esbuild options of the tour's bundle (scripts/build.mjs), shared with the first-frame
// benchmark's Ink "hello" (bench/first-frame.mjs) so that both are built the same way.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const isFile = (path) => statSync(path, { throwIfNoEntry: false })?.isFile() === true;

/** The folder of the package that holds `file` (the nearest package.json with a name), or undefined. */
function packageOf(file) {
  let dir = dirname(file);
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name && pkg.version) return { dir, name: pkg.name, major: Number(String(pkg.version).split('.')[0]), key: `${pkg.name}@${pkg.version}` };
    } catch {
      // not here
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * npm installs one copy of a package per dependent that cannot share the top-level one; Ink's
 * dependencies bring five identical copies of string-width@8 (ink, cli-truncate, slice-ansi,
 * widest-line, wrap-ansi). Bundled, each is parsed, initialised and warmed up on its own on the
 * way to the first frame. This resolves every copy of the same name@version to the first one
 * seen, so the bundle holds each version once.
 *
 * `upgrades` names packages whose copies from a major version on are replaced by the top-level
 * one (same API, newer major): string-width@8 compiles a \p{RGI_Emoji} regular expression on the
 * first non-ASCII line it measures (~40 ms, on every start: the tour's frame has borders and
 * icons), string-width@9 does not; and Ink then measures text exactly as the tour does.
 */
export function dedupePackages(upgrades = { 'string-width': 8 }) {
  return {
    name: 'dedupe-packages',
    setup(build) {
      const first = new Map();
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.dedupe || args.path.startsWith('node:')) return undefined;
        const options = { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { dedupe: true } };
        const r = await build.resolve(args.path, options);
        if (r.errors.length > 0) return undefined; // esbuild reports it
        if (r.external || !/[\\/]node_modules[\\/]/.test(r.path)) return r;
        const pkg = packageOf(r.path);
        if (!pkg) return r;
        const fromMajor = upgrades[pkg.name];
        if (fromMajor !== undefined && pkg.major >= fromMajor) {
          const top = await build.resolve(args.path, { ...options, resolveDir: ROOT });
          const topPkg = top.errors.length === 0 ? packageOf(top.path) : undefined;
          if (topPkg && topPkg.name === pkg.name && topPkg.major >= pkg.major) return top;
        }
        const known = first.get(pkg.key);
        if (!known) {
          first.set(pkg.key, pkg.dir);
          return r;
        }
        if (known === pkg.dir) return r;
        return { ...r, path: join(known, r.path.slice(pkg.dir.length)) };
      });
    },
  };
}

/**
 * Marks the modules of `packages` as free of side effects, so that esbuild drops the ones whose
 * exports are not used. @kubernetes/client-node's generated code (every API group, 900 model
 * classes) is reached from its config module through one index and assigns static fields at
 * the top level, which esbuild must otherwise keep: 1.8 MB for the three classes the tour uses
 * (KubeConfig, Exec, Watch). `keep` names files whose side effects matter (client-node's
 * polyfill).
 */
export function sideEffectFree(packages = ['@kubernetes/client-node'], keep = [/[\\/]polyfill\.js$/]) {
  const inside = packages.map((name) => new RegExp(`[\\\\/]node_modules[\\\\/]${name.replace('/', '[\\\\/]')}[\\\\/]`));
  return {
    name: 'side-effect-free',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.sideEffectFree || args.path.startsWith('node:')) return undefined;
        const fromInside = inside.some((re) => re.test(args.importer));
        const named = packages.some((name) => args.path === name || args.path.startsWith(`${name}/`));
        if (!fromInside && !named) return undefined;
        // A relative import between the package's own files (thousands of them, with full file
        // names as ESM requires) is resolved here: asking esbuild back costs a round trip each.
        if (fromInside && args.path.startsWith('.')) {
          const file = join(args.resolveDir, args.path);
          if (isFile(file)) return keep.some((re) => re.test(file)) ? { path: file } : { path: file, sideEffects: false };
        }
        const r = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: { ...args.pluginData, sideEffectFree: true },
        });
        if (r.errors.length > 0 || r.external) return undefined;
        if (!inside.some((re) => re.test(r.path)) || keep.some((re) => re.test(r.path))) return r;
        return { ...r, sideEffects: false };
      });
    },
  };
}

/**
 * The packages that stay outside the bundle, loaded from node_modules at run time: native
 * code (the pty), which the package's `dependencies` install. Everything else is bundled.
 */
export const EXTERNAL = ['@lydell/node-pty', 'node-pty'];

/**
 * Options for one ESM bundle for Node, lazy chunks split out. IVOL_TOUR_SOURCEMAP=1 adds
 * source maps (for debugging; the published package has none).
 */
export function bundleOptions() {
  return {
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    sourcemap: process.env.IVOL_TOUR_SOURCEMAP ? 'linked' : false,
    metafile: true,
    jsx: 'automatic',
    legalComments: 'none',
    chunkNames: 'chunks/[name]-[hash]',
    external: EXTERNAL,
    alias: { 'react-devtools-core': join(ROOT, 'scripts', 'empty-module.js') },
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: {
      js: "import { createRequire as __ivolCreateRequire } from 'node:module'; const require = __ivolCreateRequire(import.meta.url);",
    },
    plugins: [sideEffectFree(), dedupePackages()],
    // Less to read and parse on every start (a third of the bytes); names are kept, so stack
    // traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    absWorkingDir: ROOT,
    logLevel: 'warning',
  };
}
