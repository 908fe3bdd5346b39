// The third-party notices of the bundle: every package whose code esbuild put into dist/ (read
// from the build's metafile: inputs that contribute bytes to an output), with its version, its
// declared license and the license files it ships. Packages left external (the pty) are not in
// the bundle: npm installs them with their own licenses.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';

/** The nearest package.json with a name and a version above `file`: that package's folder and manifest. */
function owningPackage(file) {
  let dir = dirname(file);
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name && pkg.version) return { dir, pkg };
    } catch {
      // not here
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function licenseOf(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license.type === 'string') return pkg.license.type;
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map((l) => l.type ?? l).join(' OR ');
  return 'UNKNOWN';
}

const LICENSE_FILE = /^(licen[cs]e|copying|notice)([.-]|$)/i;

function licenseTexts(dir) {
  return readdirSync(dir)
    .filter((name) => LICENSE_FILE.test(name))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8').trim() }));
}

/**
 * The bundled third-party packages: [{ name, version, license, repository, texts }], sorted by
 * name. `metafile` is esbuild's; `root` the project's folder (metafile paths are relative to it).
 */
export function bundledPackages(metafile, root) {
  const used = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) if (bytesInOutput > 0) used.add(input);
  }
  const found = new Map();
  for (const input of used) {
    if (!/(^|[\\/])node_modules[\\/]/.test(input)) continue;
    const owner = owningPackage(isAbsolute(input) ? input : join(root, input));
    if (!owner || owner.dir === root) continue;
    const key = `${owner.pkg.name}@${owner.pkg.version}`;
    if (found.has(key)) continue;
    const repo = typeof owner.pkg.repository === 'string' ? owner.pkg.repository : owner.pkg.repository?.url;
    found.set(key, {
      name: owner.pkg.name,
      version: owner.pkg.version,
      license: licenseOf(owner.pkg),
      ...(repo ? { repository: repo } : {}),
      path: relative(root, owner.dir),
      texts: licenseTexts(owner.dir),
    });
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/** The notices file's text (Markdown). */
export function noticesText(packages, { product = 'ivol-tour' } = {}) {
  const out = [
    '# Third-party notices',
    '',
    `${product} bundles the following packages into dist/ (generated at build time from the bundle's inputs by`,
    'scripts/third-party-notices.mjs). Each is listed with its version, its license and the license text it ships.',
    '',
    ...packages.map((p) => `- ${p.name} ${p.version}: ${p.license}`),
    '',
  ];
  for (const p of packages) {
    out.push('---', '', `## ${p.name} ${p.version}`, '', `License: ${p.license}`);
    if (p.repository) out.push(`Repository: ${p.repository}`);
    out.push('');
    if (p.texts.length === 0) out.push('(The package ships no license file; its package.json declares the license above.)', '');
    for (const t of p.texts) out.push(`### ${t.name}`, '', '```', t.text, '```', '');
  }
  return out.join('\n');
}
