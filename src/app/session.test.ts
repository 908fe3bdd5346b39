// The mode is decided once, when the session is built: from the choices and, for the TUI,
// whether the real tools are on PATH (else it simulates, and the facts say why). The session
// ends its shell, its controller and its adapters together.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tinyTutorial } from '../../test/helpers/tiny-tutorial.js';
import { createLazySession, initialFacts, type SessionChoices } from './session.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function choices(more: Partial<SessionChoices>, path: string): SessionChoices {
  const state = mkdtempSync(join(tmpdir(), 'ivol-session-'));
  dirs.push(state);
  return { simulate: false, cluster: 'ivol', lang: 'en', speed: 0, env: { PATH: path, IVOL_TOUR_STATE_DIR: state }, ...more };
}

/** A PATH with executables named docker, kind and kubectl (looked up only, never run). */
function toolsPath(): string {
  const dir = emptyPath();
  for (const name of ['docker', 'kind', 'kubectl']) writeFileSync(join(dir, name), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  return dir;
}

/** A PATH with nothing on it. */
function emptyPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ivol-empty-path-'));
  dirs.push(dir);
  return dir;
}

describe('the mode of a session', () => {
  it('the TUI simulates when the real tools are missing, and the facts say why', () => {
    const facts = initialFacts(choices({ simulateWithoutTools: true }, emptyPath()));
    expect(facts).toMatchObject({ mode: 'simulated', simulatedBecause: 'toolsMissing', context: 'kind-ivol' });
  });

  it('with the real tools on PATH it is real; asked to simulate, it simulates without a reason to give', () => {
    expect(initialFacts(choices({ simulateWithoutTools: true }, toolsPath()))).not.toHaveProperty('simulatedBecause');
    expect(initialFacts(choices({ simulateWithoutTools: true }, toolsPath())).mode).toBe('real');
    const simulated = initialFacts(choices({ simulate: true, simulateWithoutTools: true }, emptyPath()));
    expect(simulated.mode).toBe('simulated');
    expect(simulated).not.toHaveProperty('simulatedBecause');
  });

  it('--context is the learner\'s own cluster: never simulated instead; headless commands never fall back', () => {
    expect(initialFacts(choices({ simulateWithoutTools: true, context: 'work' }, emptyPath())).mode).toBe('byoc');
    expect(initialFacts(choices({}, emptyPath())).mode).toBe('real');
  });
});

describe('a session', () => {
  it('dispose ends the shell controller, the controller and the adapters, once', async () => {
    const session = createLazySession(tinyTutorial(), choices({ simulate: true }, emptyPath()));
    expect(session.facts.mode).toBe('simulated');
    expect(session.controller.getState().facts).toBe(session.facts);
    await session.adapters.preload();
    const first = session.dispose();
    expect(session.dispose()).toBe(first);
    await first;
    // Nothing opens after the end.
    await session.shells.open({ stepId: 'explore-shell', pod: 'image-volume', container: 'shell', cols: 80, rows: 24 });
    expect(session.shells.getSnapshot()).toBeNull();
    session.controller.dispatch({ type: 'select', index: 2 });
    expect(session.controller.getState().current).toBe(0);
  });
});
