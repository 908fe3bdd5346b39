#!/usr/bin/env node
// Starts the bundled tour. Everything else lives in dist/ (built by `npm run build`).
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  process.stderr.write(`ivol-tour needs Node.js 22 or newer; this is ${process.version}.\n`);
  process.exit(2);
}
try {
  await import('../dist/cli.js');
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    process.stderr.write('ivol-tour is not built yet: run `npm run build` (or `npm install`, which builds it).\n');
    process.exit(2);
  }
  throw error;
}
