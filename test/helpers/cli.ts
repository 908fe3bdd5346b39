// Runs the built command line (bin/ivol-tour.js) as a child process, as a user would.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'ivol-tour.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function tempStateDir(): string {
  return mkdtempSync(join(tmpdir(), 'ivol-tour-test-'));
}

export function runCli(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 60_000): Promise<CliResult> {
  // A state directory of its own, removed when the command ends (a caller's IVOL_TOUR_STATE_DIR wins).
  const state = tempStateDir();
  const removeState = (): void => rmSync(state, { recursive: true, force: true });
  return new Promise<CliResult>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, IVOL_TOUR_STATE_DIR: state, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ivol-tour ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  }).finally(removeState);
}
