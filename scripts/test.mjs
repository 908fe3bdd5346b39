// `npm test`: builds (the end-to-end tests run the built binary), then runs the type check, the
// linter and the test suite at the same time. The suite spends much of its time waiting on the
// processes it drives (ptys, fake tools, timers), so on a small machine the checks fit in those
// gaps. The suite's output streams as it comes; the type check's and the linter's are printed
// whole when each ends, so lines never interleave. Ends with each part's time and fails if any
// part failed. Arguments are passed to vitest (`npm test -- test/cli-help.test.ts`).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const require = createRequire(join(ROOT, 'package.json'));
const bin = (pkg, path) => join(dirname(require.resolve(`${pkg}/package.json`)), path);

const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const children = new Set();

/** Runs node SCRIPT ARGS; resolves with its status, its time and (when buffered) its output. */
function run(name, script, args, { buffered }) {
  const began = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } });
    children.add(child);
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (d) => (output += d));
    child.stderr?.setEncoding('utf8').on('data', (d) => (output += d));
    const finish = (code) => {
      children.delete(child);
      resolve({ name, code, ms: Date.now() - began, output });
    };
    child.on('error', (error) => {
      output += `${error.message}\n`;
      finish(1);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 1 : 0)));
  });
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
    process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 129);
  });
}

const report = (r) => `${r.code === 0 ? 'ok    ' : 'FAILED'} ${r.name.padEnd(10)} ${seconds(r.ms)}`;

const build = await run('build', join(ROOT, 'scripts', 'build.mjs'), [], { buffered: true });
if (build.code !== 0) {
  process.stdout.write(`${build.output}\n${report(build)}\n`);
  process.exit(1);
}

const checks = [
  // TypeScript 7 (the native compiler; the same checks as 6.0, in a tenth of the time). The
  // linter's type-aware rules still run on TypeScript 6 (typescript-eslint needs < 6.1).
  run('typecheck', bin('typescript-7', 'bin/tsc'), ['-p', 'tsconfig.json', '--noEmit'], { buffered: true }),
  run('lint', bin('eslint', 'bin/eslint.js'), ['.'], { buffered: true }),
].map((p) =>
  p.then((r) => {
    process.stdout.write(`\n── ${r.name}: ${r.code === 0 ? 'passed' : 'FAILED'} (${seconds(r.ms)})\n${r.output}`);
    return r;
  }),
);
const suite = run('tests', bin('vitest', 'vitest.mjs'), ['run', ...process.argv.slice(2)], { buffered: false });

const results = [build, ...(await Promise.all([...checks, suite]))];
process.stdout.write(`\n${results.map(report).join('\n')}\n${'total'.padStart(17)} ${seconds(Date.now() - started)}\n`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
