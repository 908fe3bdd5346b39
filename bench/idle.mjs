// Idle CPU: starts a program in a real pty, waits for its first screen, optionally presses keys
// and waits for what they bring up, lets it settle, then reads the CPU time the process (and
// anything it started) uses over a window in which nothing happens on screen.
// Measured from outside: /proc/PID/stat utime+stime (clock ticks), and /proc/PID/task/*/schedstat
// (nanoseconds on the CPU, every thread) for a finer figure. Linux only.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as pty from '@lydell/node-pty';
import xtermHeadless from '@xterm/headless';

const xterm = xtermHeadless;

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The pid and every descendant of it (from /proc). */
function family(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]) ?? []));
  return out;
}

/** CPU used so far by the pid and its descendants: { ticksMs, schedMs }. */
export function cpuOf(pid) {
  let ticks = 0;
  let sched = 0;
  for (const p of family(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
      for (const task of readdirSync(`/proc/${p}/task`)) {
        sched += Number(readFileSync(`/proc/${p}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
      }
    } catch {
      // gone meanwhile
    }
  }
  return { ticksMs: (ticks * 1000) / CLK_TCK, schedMs: sched / 1e6 };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resident memory of a process, in kB (0 when it is gone). */
function rssOf(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Runs `node ...args` in a pty (its screen kept by @xterm/headless); waits until `ready` (text
 * or a RegExp) is on screen, then for each of `steps` presses its keys and waits for its text;
 * lets it settle; then measures the CPU over `windowMs`.
 *
 * Settled means: nothing written for `quietMs`, and V8's start-up heap reduction done. Some
 * seconds after start-up (8, 16 or 24 s: whenever it finds the program idle) V8 runs one or two
 * garbage collections that give the start-up garbage back to the system, once, in every Node.js
 * program: 20 to 50 ms, in the bundled Ink hello too. It shows from outside as resident memory
 * falling by a few MB: the window starts 2 s after that (or after `reduceTimeoutMs` without it).
 *
 * Resolves with { ticksMs, schedMs, bytes, startupTailMs, reducedAtMs } (bytes: output written
 * during the window; startupTailMs: CPU from the screen being ready to the start of the window,
 * the heap reduction included; reducedAtMs: when memory fell, from the start, or null). The
 * child is always ended.
 */
export async function measureIdle({ args, ready, steps = [], env = {}, cwd, windowMs = 30_000, quietMs = 1500, reduceTimeoutMs = 60_000, cols = 100, rows = 30, timeoutMs = 60_000 }) {
  const started = Date.now();
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  const child = pty.spawn(process.execPath, args, {
    name: 'xterm-256color',
    cols,
    rows,
    cwd,
    env: { ...process.env, TERM: 'xterm-256color', ...env },
  });
  let bytes = 0;
  let lastOutput = Date.now();
  let exited = false;
  const exit = new Promise((r) =>
    child.onExit(() => {
      exited = true;
      r();
    }),
  );
  child.onData((d) => {
    bytes += d.length;
    lastOutput = Date.now();
    term.write(d);
  });
  term.onData((d) => child.write(d));
  const screen = () => {
    const buf = term.buffer.active;
    const lines = [];
    for (let y = 0; y < term.rows; y++) lines.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  const waitFor = async (text) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await new Promise((r) => term.write('', r));
      if (typeof text === 'string' ? screen().includes(text) : text.test(screen())) return;
      if (exited) throw new Error(`exited before "${text}" was on screen:\n${screen()}`);
      if (Date.now() > deadline) throw new Error(`"${text}" not on screen within ${timeoutMs} ms:\n${screen()}`);
      await sleep(50);
    }
  };
  try {
    await waitFor(ready);
    const readyCpu = cpuOf(child.pid);
    for (const step of steps) {
      child.write(step.keys);
      await waitFor(step.waitFor);
    }
    const deadline = Date.now() + timeoutMs;
    while (Date.now() - lastOutput < quietMs && Date.now() < deadline) await sleep(50);
    let peak = rssOf(child.pid);
    let reducedAtMs = null;
    const giveUp = Date.now() + reduceTimeoutMs;
    while (Date.now() < giveUp) {
      await sleep(250);
      const rss = rssOf(child.pid);
      peak = Math.max(peak, rss);
      if (peak - rss >= 1024) {
        reducedAtMs = Date.now() - started;
        break;
      }
    }
    await sleep(2000);
    const before = cpuOf(child.pid);
    const bytesBefore = bytes;
    await sleep(windowMs);
    const after = cpuOf(child.pid);
    if (exited) throw new Error('exited during the idle window');
    return {
      ticksMs: after.ticksMs - before.ticksMs,
      schedMs: after.schedMs - before.schedMs,
      bytes: bytes - bytesBefore,
      startupTailMs: before.schedMs - readyCpu.schedMs,
      reducedAtMs,
    };
  } finally {
    try {
      child.kill('SIGTERM');
    } catch {
      // gone
    }
    const killer = setTimeout(() => {
      try {
        child.kill('SIGKILL');
      } catch {
        // gone
      }
    }, 2000);
    await exit;
    clearTimeout(killer);
    term.dispose();
  }
}
