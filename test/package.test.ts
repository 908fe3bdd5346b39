// The package as people get it with `npx ivol-tour`: the packed tarball (test/global-setup.ts)
// installed into an empty directory (offline, from the npm cache the repository's install
// filled). What it holds, what it installs, and the tour run from it with npx: the first screen
// in a real terminal, `run --simulate --yes`, -h and -V.
import { spawn } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeKubeconfig } from './fake-apiserver/kubeconfig.js';
import { startFakeApiServer } from './fake-apiserver/server.js';
import { installOffline, npmEnv, type Packed } from './helpers/package.js';
import { startPty, type PtyApp } from './helpers/pty-app.js';

const MB = 1024 * 1024;
const packedOrError = inject('packed');

function packed(): Packed {
  if ('error' in packedOrError) throw new Error(`npm pack failed in the global setup: ${packedOrError.error}`);
  return packedOrError;
}

let dir = '';
const cleanups: (() => void)[] = [];

beforeAll(() => {
  dir = installOffline(packed().tarball);
}, 120_000);

afterAll(() => {
  for (const c of cleanups.splice(0)) c();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const installed = (): string => join(dir, 'node_modules', 'ivol-tour');

function diskUsage(path: string): number {
  const st = lstatSync(path);
  let total = st.blocks * 512;
  if (st.isDirectory()) for (const entry of readdirSync(path)) total += diskUsage(join(path, entry));
  return total;
}

/** name@version of every package under node_modules (scoped and nested ones too). */
function packagesUnder(nodeModules: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(nodeModules)) {
    if (name.startsWith('.')) continue;
    const path = join(nodeModules, name);
    if (name.startsWith('@')) {
      out.push(...packagesUnder(path));
      continue;
    }
    const pkg = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as { name: string; version: string };
    out.push(`${pkg.name}@${pkg.version}`);
    try {
      if (statSync(join(path, 'node_modules')).isDirectory()) out.push(...packagesUnder(join(path, 'node_modules')));
    } catch {
      // no nested node_modules
    }
  }
  return out;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npx --offline ivol-tour ...args` in the install directory. */
function npx(args: string[], timeoutMs = 60_000): Promise<Run> {
  const state = mkdtempSync(join(tmpdir(), 'ivol-pkg-state-'));
  cleanups.push(() => rmSync(state, { recursive: true, force: true }));
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['--offline', 'ivol-tour', ...args], {
      cwd: dir,
      env: npmEnv({ IVOL_TOUR_STATE_DIR: state, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: undefined }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npx ivol-tour ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the packed tarball', () => {
  it('is small, ships no source maps, and carries LICENSE and the notices of what it bundles', () => {
    const p = packed();
    expect(p.size).toBeLessThanOrEqual(3 * MB);
    const paths = p.files.map((f) => f.path);
    expect(paths.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['LICENSE', 'bin/ivol-tour.js', 'bin/check-node.cjs', 'dist/cli.js', 'dist/THIRD_PARTY_NOTICES.md', 'dist/tutorials/image-volume.json', 'tutorials/image-volume/tutorial.yaml']));
    // Nothing of the development setup.
    expect(paths.filter((f) => /^(src|test|bench|scripts)\//.test(f) || f.startsWith('.'))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(installed(), 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('Apache-2.0');
    expect(readFileSync(join(installed(), 'LICENSE'), 'utf8')).toMatch(/^\s+Apache License\s+Version 2\.0, January 2004/);
  });

  it('declares only the pty as a dependency, and no install or prepare scripts', () => {
    const pkg = JSON.parse(readFileSync(join(installed(), 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: unknown; scripts?: Record<string, string>; engines?: { node?: string } };
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(['@lydell/node-pty']);
    expect(pkg.optionalDependencies).toBeUndefined();
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts?.[script], script).toBeUndefined();
    expect(pkg.scripts?.['prepack']).toMatch(/scripts\/build\.mjs/);
    expect(pkg.engines?.node).toBe('>=22.19.0');
  });

  it('installs into at most 8 packages and 25 MB', () => {
    const nodeModules = join(dir, 'node_modules');
    const packages = packagesUnder(nodeModules);
    expect(packages.length, packages.join(', ')).toBeLessThanOrEqual(8);
    expect(packages.some((p) => p.startsWith('@lydell/node-pty@'))).toBe(true);
    expect(diskUsage(nodeModules)).toBeLessThanOrEqual(25 * MB);
  });

  it('loads nothing from node_modules at run time but the pty: the bundle holds the rest', () => {
    const chunks = [join(installed(), 'dist', 'cli.js'), ...readdirSync(join(installed(), 'dist', 'chunks')).map((f) => join(installed(), 'dist', 'chunks', f))];
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'node:sqlite', 'node:test']);
    // ws asks for these native speed-ups inside try/catch and does without them.
    const optional = new Set(['bufferutil', 'utf-8-validate']);
    const external = new Set<string>();
    for (const file of chunks) {
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"'\s,+$]+)["']/g)) {
        const spec = m[1] ?? '';
        if (spec.startsWith('.') || builtins.has(spec) || optional.has(spec)) continue;
        external.add(spec);
      }
    }
    expect([...external]).toEqual(['@lydell/node-pty']);
  });

  it('keeps the heavy parts off the way to the first frame: no Kubernetes client, xterm or pty there', () => {
    const dist = join(installed(), 'dist');
    const read = (rel: string): string => readFileSync(join(dist, rel), 'utf8');
    const resolveIn = (from: string, spec: string): string => join(from.includes('/') ? from.slice(0, from.lastIndexOf('/')) : '', spec).replace(/^\.\//, '');
    /** The files a module loads before it runs (static imports), itself included. */
    const closure = (entry: string): Set<string> => {
      const seen = new Set([entry]);
      const queue = [entry];
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
        for (const m of read(file).matchAll(/\bimport\s*(?:[^"'();]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
          const dep = resolveIn(file, m[1] ?? '');
          if (!seen.has(dep)) {
            seen.add(dep);
            queue.push(dep);
          }
        }
      }
      return seen;
    };
    // The interactive tour loads these before its first frame (src/cli.tsx, interactive()).
    const firstFrame = new Set<string>();
    const cli = read('cli.js');
    for (const name of ['start-tui', 'session', 'progress-store']) {
      const chunk = new RegExp(`import\\("\\./(chunks/${name}-[A-Z0-9]+\\.js)"\\)`).exec(cli)?.[1];
      expect(chunk, name).toBeDefined();
      for (const f of closure(chunk ?? '')) firstFrame.add(f);
    }
    for (const f of closure('cli.js')) firstFrame.add(f);
    for (const file of firstFrame) {
      expect(file).not.toMatch(/client-node|xterm|pty-shell/);
      const code = read(file);
      expect(code, file).not.toContain('kubernetes-client-javascript');
      expect(code, file).not.toMatch(/(?:\bfrom\s*|\bimport\s*\(\s*)["']@lydell\/node-pty["']/);
    }
    // …and they are there, to be loaded later.
    expect(readdirSync(join(dist, 'chunks')).filter((f) => /^(client-node|xterm-headless)-/.test(f))).toHaveLength(2);
  });

  it('lists each bundled package with its license text in the notices', () => {
    const notices = readFileSync(join(installed(), 'dist', 'THIRD_PARTY_NOTICES.md'), 'utf8');
    for (const name of ['react', 'ink', '@kubernetes/client-node', 'undici', '@xterm/headless', 'marked', 'highlight.js', 'yaml', 'commander', 'string-width', 'wrap-ansi', 'env-paths']) {
      expect(notices, name).toMatch(new RegExp(`^## ${name.replace(/[.]/g, '\\.')} \\d+\\.\\d+\\.\\d+\\n\\nLicense: \\S+`, 'm'));
    }
    expect(notices).toContain('Permission is hereby granted, free of charge');
    // Not bundled: the pty (installed with its own license) and the development tools.
    for (const name of ['@lydell/node-pty', 'typescript', 'vitest', 'esbuild', 'cli-highlight']) expect(notices, name).not.toContain(`## ${name} `);
  });
});

describe('npx ivol-tour, from the installed tarball', () => {
  it('-V and --version print the version; -h and help print the usage', async () => {
    const { version } = JSON.parse(readFileSync(join(installed(), 'package.json'), 'utf8')) as { version: string };
    const [v, version2, ...helps] = await Promise.all([npx(['-V']), npx(['--version']), npx(['-h']), npx(['--help']), npx(['help'])]);
    for (const r of [v, version2]) {
      expect(r?.code, r?.stderr).toBe(0);
      expect(r?.stdout).toBe(`${version}\n`);
    }
    for (const r of helps) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Usage: ivol-tour \[options\] \[command\]\n/);
      expect(r.stdout).toMatch(/-V, --version/);
      expect(r.stdout).toMatch(/-h, --help/);
      expect(r.stdout).toMatch(/help \[command\]/);
    }
  });

  it('run --simulate --yes passes every step', async () => {
    const r = await npx(['run', '--simulate', '--yes'], 120_000);
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    expect(r.stderr).toMatch(/All steps done: \d+ passed, 0 failed/);
  }, 150_000);

  it('--context: the bundled cluster client watches the cluster and sees a change (fake API server on 127.0.0.1)', async () => {
    const tour = await startFakeApiServer();
    const other = await startFakeApiServer();
    const kc = writeKubeconfig({ tourServer: tour.url, otherServer: other.url });
    const state = mkdtempSync(join(tmpdir(), 'ivol-pkg-state-'));
    let app: PtyApp | undefined;
    try {
      const env = npmEnv({ IVOL_TOUR_STATE_DIR: state, KUBECONFIG: kc.path }) as Record<string, string>;
      app = startPty('/bin/sh', ['-c', `cd "${dir}" && exec npx --offline ivol-tour --context kind-ivol --lang en`], env, 100, 30);
      await app.waitFor((s) => s.includes('your cluster') && /›○\s+1 Welcome/.test(s), 30_000);
      // The tour's watches (bundled code only) on nodes, the namespace's pods and events, and
      // kube-system's pods.
      await until(() => tour.openWatches() >= 4, 20_000);
      const lists = (): number => tour.requests.filter((r) => r.path === '/api/v1/namespaces/ivol-tour/pods' && !r.watch).length;
      const before = lists();
      tour.putPod({ metadata: { name: 'from-elsewhere', namespace: 'ivol-tour' }, spec: { containers: [{ name: 'c', image: 'debian' }] } });
      await until(() => lists() > before, 10_000);
      expect(other.requests).toEqual([]);
      app.press('q');
      const { exitCode } = await app.exited;
      expect(exitCode).toBe(0);
    } finally {
      app?.kill();
      await tour.close();
      await other.close();
      rmSync(kc.dir, { recursive: true, force: true });
      rmSync(state, { recursive: true, force: true });
    }
  }, 90_000);

  it('--simulate shows its first screen in a terminal, and q quits', async () => {
    const state = mkdtempSync(join(tmpdir(), 'ivol-pkg-state-'));
    cleanups.push(() => rmSync(state, { recursive: true, force: true }));
    let app: PtyApp | undefined;
    try {
      app = startPty('/bin/sh', ['-c', `cd "${dir}" && exec npx --offline ivol-tour --simulate --lang en`], { ...npmEnv({ IVOL_TOUR_STATE_DIR: state }) } as Record<string, string>, 100, 30);
      const screen = await app.waitFor((s) => s.includes('SIMULATED') && /›○\s+1 Welcome/.test(s), 30_000);
      expect(screen).toContain('Kubernetes image volumes');
      app.press('q');
      const { exitCode } = await app.exited;
      expect(exitCode).toBe(0);
    } finally {
      app?.kill();
    }
  }, 60_000);
});
