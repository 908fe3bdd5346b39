// A fake tool that hangs, for the signal tests. Test code only; never shipped.
// - IVOL_FAKE_HANG: comma-separated sub-commands that hang (e.g. create,delete,version).
// - IVOL_FAKE_HANG_IGNORE: signals the hanging process and its child ignore (e.g.
//   SIGINT,SIGTERM): only SIGKILL ends them.
// - IVOL_FAKE_PID_DIR: where they write their pids once they are hanging, signals already
//   set aside: <tool>-<sub>-child.pid first, then <tool>-<sub>.pid (so a test that sees the
//   second file knows both processes are ready).
// The hanging tool starts a child of its own (as kind starts docker), which stays in its
// process group.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

function list(name) {
  return (process.env[name] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** When `sub` is asked to hang: prints its first words (`before`), then never returns. */
export async function hangIfAsked(tool, sub, before = () => {}) {
  if (!list('IVOL_FAKE_HANG').includes(sub)) return;
  before();
  const ignore = list('IVOL_FAKE_HANG_IGNORE');
  for (const sig of ignore) process.on(sig, () => {});
  const dir = process.env.IVOL_FAKE_PID_DIR;
  const childPidFile = dir ? join(dir, `${tool}-${sub}-child.pid`) : '';
  const script = [
    `for (const sig of ${JSON.stringify(ignore)}) process.on(sig, () => {});`,
    `if (${JSON.stringify(childPidFile)}) require('node:fs').writeFileSync(${JSON.stringify(childPidFile)}, String(process.pid));`,
    "process.stdout.write('ready\\n');",
    'setInterval(() => {}, 60_000);',
  ].join('\n');
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.stdout.on('data', (d) => {
      if (String(d).includes('ready')) resolve();
    });
  });
  if (dir) writeFileSync(join(dir, `${tool}-${sub}.pid`), String(process.pid));
  // The child's stdout pipe keeps this process alive; it never returns.
  await new Promise(() => {});
}
