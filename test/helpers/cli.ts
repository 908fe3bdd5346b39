// Runs the built command line (bin/ivol-tour.js) as a child process, as a user would.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tempDir } from './temp.js';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'ivol-tour.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function tempStateDir(): string {
  return tempDir('ivol-tour-test-');
}

export function runCli(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // A state dir of its own unless the caller gives one; removed when the run ends.
    const ownState = 'IVOL_TOUR_STATE_DIR' in env ? undefined : tempStateDir();
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...(ownState ? { IVOL_TOUR_STATE_DIR: ownState } : {}), NO_COLOR: '1', ...env },
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
      if (ownState) rmSync(ownState, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
  });
}
