// No name of the built-in tutorial is in the code (issue 9, "Tutorial names in code"): not a
// step id, not its Pod, not its container. What the code needs, the tutorial declares (`pod:`,
// `container:`, `role: cleanup`; docs/architecture.md). Some step ids are common words
// (welcome, verify, cleanup) and so is the container's name (shell): the test looks for the
// ones that cannot be anything else, as they would be written in code or in a message.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_STEP_IDS } from './helpers/builtin-tutorial.js';

const ROOT = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

/** The built-in tutorial's own names that no other word in the code could be. */
const NAMES = [...BUILTIN_STEP_IDS.filter((id) => id.includes('-')), 'image-volume'];
const NAME = new RegExp(`(?<![\\w/-])(${NAMES.join('|')})(?![\\w.-])`, 'g');

/**
 * Known places, each with the part of the work that removes it. A new place is a failure: the
 * tutorial should declare what the code needs.
 */
const KNOWN: Readonly<Record<string, string>> = {
  // The simulated machine's not-ours fault: a LEARNER's own Pod, named as the Kubernetes docs
  // task names it, which the tour must leave alone (not a name the tour's code relies on).
  'src/adapters/cluster/simulated/index.ts': 'the learner\'s Pod of the not-ours fault',
  'src/adapters/cluster/simulated/facts.ts': 'the learner\'s Pod of the not-ours fault',
  // Test fixtures of the simulator (code for tests, kept beside it).
  'src/adapters/cluster/simulated/testing/fixtures.ts': 'test fixtures',
  // Not the Pod: the built-in tutorial's folder (its id, the package's default tutorial) and
  // the feature's name in messages ("image-volume support").
  'src/adapters/package-paths.ts': 'the built-in tutorial\'s folder',
  'src/engine/checks.ts': 'the feature\'s name',
  'src/i18n/messages/core.ts': 'the feature\'s name',
};

describe('the code knows no name of the built-in tutorial', () => {
  const found = new Map<string, string[]>();
  for (const file of sources(join(ROOT, 'src'))) {
    const rel = relative(ROOT, file).split('\\').join('/');
    const names = [...readFileSync(file, 'utf8').matchAll(NAME)].map((m) => m[1] ?? '');
    if (names.length > 0) found.set(rel, [...new Set(names)]);
  }

  it('finds none outside the known places', () => {
    const unexpected = [...found.entries()].filter(([file]) => KNOWN[file] === undefined);
    expect(unexpected).toEqual([]);
  });

  it('would find one (the pattern matches what it is meant to)', () => {
    const sample = `run: ['kubectl', 'get', 'pod', 'image-volume'], step: "create-cluster", not: image-volumes, pod/image-volume-subpath`;
    expect([...sample.matchAll(NAME)].map((m) => m[1])).toEqual(['image-volume', 'create-cluster']);
  });
});
