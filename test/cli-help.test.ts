// The command line behaves like one: -h, -V and `help [command]` work like --help and
// --version, and the usage line reads `ivol-tour [options] [command]`. Through the built binary.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('help and version', () => {
  it.each([['-V'], ['--version'], ['--simulate', '--version'], ['--version', '--simulate']])('%s prints the version', async (...args) => {
    const r = await runCli(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${version}\n`);
  });

  it.each([['-h'], ['--help'], ['help']])('%s prints the usage, with -h, -V and help listed', async (arg) => {
    const r = await runCli([arg]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Usage: ivol-tour \[options\] \[command\]\n/);
    expect(r.stdout).not.toContain('[command] [command]');
    for (const line of [/^ {2}-V, --version /m, /^ {2}-h, --help /m, /^ {2}help \[command\] /m, /^ {2}run \[options\] /m]) expect(r.stdout).toMatch(line);
  });

  it.each([['help', 'run'], ['run', '-h'], ['run', '--help']])('%s %s prints the help of run', async (...args) => {
    const r = await runCli(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Usage: ivol-tour run \[options\]\n/);
    expect(r.stdout).toContain('--yes');
    expect(r.stdout).toMatch(/-h, --help/);
  });

  it('help with an unknown command is a usage error', async () => {
    const r = await runCli(['help', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unknown command "nope"');
    expect(r.stderr).toContain('ivol-tour --help');
  });
});
