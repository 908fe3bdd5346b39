// On a Node.js older than the tour needs, bin/ivol-tour.js and every npm script stop at once
// with one line naming the version needed and how to get it (bin/check-node.cjs). Run for real
// with an older Node.js when the machine has one (the default `node` of many machines is 20).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const check = require('../bin/check-node.cjs') as {
  tooOld(version: string): boolean;
  message(version: string, env: Record<string, string | undefined>): string;
  MIN: number[];
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };

describe('bin/check-node.cjs', () => {
  it('knows the version engines.node asks for', () => {
    expect(pkg.engines.node).toBe(`>=${check.MIN.join('.')}`);
    expect(check.MIN[0]).toBe(22);
    expect(check.tooOld('v20.20.2')).toBe(true);
    expect(check.tooOld('v22.18.9')).toBe(true);
    expect(check.tooOld(`v${check.MIN.join('.')}`)).toBe(false);
    expect(check.tooOld('v22.23.5')).toBe(false);
    expect(check.tooOld('v24.1.0')).toBe(false);
    expect(check.tooOld(process.version)).toBe(false);
  });

  it('says it in one line: the version needed, this one, and how to get Node.js 22', () => {
    const en = check.message('v20.20.2', { LANG: 'en_US.UTF-8' });
    expect(en).not.toContain('\n');
    expect(en).toContain('Node.js 22.19 or newer');
    expect(en).toContain('v20.20.2');
    if (process.platform !== 'win32') {
      expect(en).toMatch(/npm install --prefix "\$HOME\/\.cache\/node22" node-(linux|darwin)-(x64|arm64)@22 && export PATH="\$HOME\/\.cache\/node22\/node_modules\/node-(linux|darwin)-(x64|arm64)\/bin:\$PATH"$/);
    }
    expect(check.message('v20.20.2', { LANG: 'zh_CN.UTF-8' })).toMatch(/^ivol-tour 需要 Node\.js 22\.19 或更高版本（当前为 v20\.20\.2）。获取 Node\.js 22：/);
  });

  it('runs first in every npm script', () => {
    for (const [name, script] of Object.entries(pkg.scripts)) expect(script, name).toMatch(/^node bin\/check-node\.cjs && /);
  });
});

/** A Node.js older than 22 on this machine (not the one running the tests), or undefined. */
function olderNode(): { path: string; version: string } | undefined {
  const mine = dirname(process.execPath);
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/bin', '/usr/local/bin', '/bin'];
  for (const dir of dirs) {
    if (!dir || dir === mine) continue;
    const path = join(dir, 'node');
    if (!existsSync(path)) continue;
    const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 5000 });
    const version = r.stdout?.trim() ?? '';
    if (r.status === 0 && /^v\d+\./.test(version) && Number(version.slice(1).split('.')[0]) < 22) return { path, version };
  }
  return undefined;
}

const old = olderNode();
// npm itself has to run on it (npm 11 needs Node.js 20.17).
const npmRuns = old !== undefined && spawnSync('npm', ['--version'], { env: { ...process.env, PATH: `${dirname(old.path)}${delimiter}${process.env['PATH'] ?? ''}` }, timeout: 10_000 }).status === 0;
if (!old) console.warn('test/node-version: no Node.js older than 22 on this machine; the scripts are not run on one (tests skipped).');

interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly ms: number;
}

/** Runs a command with the older Node.js first on PATH (and this one off it); ended after 20 s. */
function withOldNode(file: string, args: string[]): Promise<Run> {
  const oldDir = dirname(old?.path ?? '');
  const mine = dirname(process.execPath);
  const rest = (process.env['PATH'] ?? '').split(delimiter).filter((d) => d && d !== mine && d !== oldDir);
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(file, args, { cwd: ROOT, env: { ...process.env, PATH: [oldDir, ...rest].join(delimiter), LANG: 'C.UTF-8', LC_ALL: undefined }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    // Should the check not stop it, `npm test` would go on to run this very suite: end it all.
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        // gone
      }
    }, 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, ms: Date.now() - t0 });
    });
  });
}

describe.runIf(old !== undefined)(`on an older Node.js (${old?.version ?? 'none found'})`, () => {
  const line = check.message(old?.version ?? '', { LANG: 'C.UTF-8' });

  it('bin/ivol-tour.js prints the one line and exits 1', async () => {
    const r = await withOldNode(old?.path ?? 'node', [join(ROOT, 'bin', 'ivol-tour.js'), '--simulate']);
    expect(r.out).toBe(`${line}\n`);
    expect(r.code).toBe(1);
  });

  it.runIf(npmRuns).each(Object.keys(pkg.scripts))('npm run %s stops within 5 s with the one line', async (script) => {
    const r = await withOldNode('npm', ['run', script]);
    expect(r.out).toContain(`${line}\n`);
    expect(r.out).not.toMatch(/\n\s+at /);
    expect(r.code).not.toBe(0);
    expect(r.ms).toBeLessThan(5000);
  }, 30_000);

  it.runIf(npmRuns)('npm test and npm start (the short forms) stop within 5 s with the one line', async () => {
    for (const cmd of ['test', 'start']) {
      const r = await withOldNode('npm', [cmd]);
      expect(r.out, cmd).toContain(`${line}\n`);
      expect(r.code, cmd).not.toBe(0);
      expect(r.ms, cmd).toBeLessThan(5000);
    }
  }, 30_000);
});

if (old === undefined) {
  describe('on an older Node.js', () => {
    it.skip('not run: no Node.js older than 22 on this machine', () => undefined);
  });
}
