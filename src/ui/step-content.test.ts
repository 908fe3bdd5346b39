// The step view's lines for a width: nothing is cut, however narrow the pane (the file header's
// path included: a learner may want to open the file the step wrote).
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { tinyFacts, tinyTutorial } from '../../test/helpers/tiny-tutorial.js';
import { initialState } from '../engine/tour.js';
import { stepContentLines } from './step-content.js';

const apply = (workDir: string, width: number): string[] => {
  const tour = initialState(tinyTutorial(), tinyFacts({ workDir }));
  const index = tour.steps.findIndex((s) => s.id === 'apply-pod');
  // eslint-disable-next-line no-control-regex
  return stepContentLines(tour, index, { lang: 'en', width, color: false, highlight: null }).map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''));
};

describe('the files a step writes, in the step view', () => {
  it('name and path on one line when they fit', () => {
    expect(apply('/tmp/w', 60)).toContain('── pod  /tmp/w/pod.yaml');
  });

  it('the path under the name when they do not fit, whole and within the width', () => {
    const workDir = '/home/learner/.local/state/ivol-tour/work/simulated-ivol';
    const lines = apply(workDir, 40);
    const at = lines.indexOf('── pod');
    expect(at).toBeGreaterThanOrEqual(0);
    const pathLines = lines.slice(at + 1, at + 1 + 3).filter((l) => l.startsWith('   '));
    // Continuation lines carry the ↪ mark; put back together, the path is whole.
    const joined = pathLines.map((l) => l.trim().replace(/^↪ /, '')).join('');
    expect(joined).toBe(`${workDir}/pod.yaml`);
    for (const l of lines) expect(stringWidth(l), l).toBeLessThanOrEqual(40);
  });
});
