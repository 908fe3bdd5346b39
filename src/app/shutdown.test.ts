import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  atExit,
  claimTerminal,
  crash,
  interruption,
  killEverythingNow,
  onShutdown,
  requestShutdown,
  resetShutdownForTests,
  runExitCleanups,
  shutdownExitCode,
  shutdownReason,
  signalExitCode,
  type ExitSignal,
} from './shutdown.js';

let savedExitCode: typeof process.exitCode;

beforeEach(() => {
  savedExitCode = process.exitCode;
  resetShutdownForTests();
});

afterEach(() => {
  resetShutdownForTests();
  process.exitCode = savedExitCode;
  vi.restoreAllMocks();
});

describe('shutdown', () => {
  it('gives each signal its conventional status', () => {
    expect(signalExitCode('SIGINT')).toBe(130);
    expect(signalExitCode('SIGTERM')).toBe(143);
    expect(signalExitCode('SIGHUP')).toBe(129);
    expect(signalExitCode('SIGQUIT')).toBe(131);
  });

  it('runs each exit cleanup once, the others even when one throws; unregistered ones not at all', () => {
    const ran: string[] = [];
    atExit(() => ran.push('a'));
    atExit(() => {
      throw new Error('broken');
    });
    const off = atExit(() => ran.push('never'));
    atExit(() => ran.push('c'));
    off();
    runExitCleanups();
    runExitCleanups();
    expect(ran).toEqual(['a', 'c']);
  });

  it('on a signal: the terminal first, then the notice, then every stopper with that signal (process registries first), then the cleanups', async () => {
    const order: string[] = [];
    claimTerminal({
      restore: () => {
        order.push('terminal');
        return Promise.resolve();
      },
      restoreNow: () => order.push('terminal now'),
    });
    onShutdown({ stop: (s) => void order.push(`session ${s}`), kill: () => order.push('session kill') });
    onShutdown({ stop: (s) => void order.push(`processes ${s}`), kill: () => order.push('processes kill') }, { first: true });
    atExit(() => order.push('cleanup'));
    expect(interruption().aborted).toBe(false);
    await requestShutdown('SIGTERM', { notice: (s) => order.push(`notice ${s}`), report: () => order.push('report') });
    expect(order).toEqual(['terminal', 'notice SIGTERM', 'processes SIGTERM', 'session SIGTERM', 'cleanup']);
    expect(interruption().aborted).toBe(true);
    expect(interruption().reason).toBe('SIGTERM');
    expect(shutdownReason()).toBe('SIGTERM');
    expect(shutdownExitCode()).toBe(143);
    expect(process.exitCode).toBe(143);
  });

  it('a crash reports after the terminal is back, stops everything from SIGTERM, and ends with status 1', async () => {
    const order: string[] = [];
    claimTerminal({ restore: () => Promise.resolve(void order.push('terminal')), restoreNow: () => undefined });
    onShutdown({ stop: (s: ExitSignal) => void order.push(`stop ${s}`), kill: () => undefined });
    await requestShutdown('crash', { report: (e) => order.push(`report ${(e as Error).message}`) }, new Error('boom'));
    expect(order).toEqual(['terminal', 'report boom', 'stop SIGTERM']);
    expect(shutdownExitCode()).toBe(1);
  });

  it('crash() without installed handlers still gives the terminal back and stops everything', async () => {
    const order: string[] = [];
    claimTerminal({ restore: () => Promise.resolve(void order.push('terminal')), restoreNow: () => undefined });
    onShutdown({ stop: () => void order.push('stop'), kill: () => undefined });
    await crash(new Error('x'));
    expect(order).toEqual(['terminal', 'stop']);
  });

  it('a second signal while stopping kills what is left at once and exits', async () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const killed: string[] = [];
    let release: () => void = () => undefined;
    onShutdown({ stop: () => new Promise<void>((r) => (release = r)), kill: () => killed.push('kill') }, { first: true });
    const first = requestShutdown('SIGINT', { report: () => undefined });
    await new Promise((r) => setImmediate(r));
    void requestShutdown('SIGINT', { report: () => undefined });
    expect(killed).toEqual(['kill']);
    expect(exit).toHaveBeenCalledWith(130);
    release();
    await first;
  });

  it('kills a stopper that will not stop in time', async () => {
    vi.useFakeTimers();
    try {
      const killed: string[] = [];
      onShutdown({ stop: () => new Promise<void>(() => undefined), kill: () => killed.push('kill') });
      const done = requestShutdown('SIGTERM', { report: () => undefined });
      await vi.advanceTimersByTimeAsync(5000);
      await done;
      expect(killed).toEqual(['kill']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('killEverythingNow calls every kill, even after one throws', () => {
    const killed: string[] = [];
    onShutdown({ stop: () => undefined, kill: () => { throw new Error('x'); } }, { first: true });
    onShutdown({ stop: () => undefined, kill: () => killed.push('b') });
    killEverythingNow();
    expect(killed).toEqual(['b']);
  });
});
