import { describe, expect, it } from 'vitest';
import { tinyFacts, tinyTutorial } from '../../test/helpers/tiny-tutorial.js';
import { initialState, type StepState, type TourState } from '../engine/tour.js';
import { beatPosition, currentBeat, enterTurnsPage } from './beats.js';
import type { ShownBeat } from './state/ui-state.js';

function tour(count: number, action: number, patch: Partial<StepState> = {}): TourState {
  const t = tinyTutorial();
  const pages = Array.from({ length: count }, (_, i) => `page ${i + 1}`);
  const tutorial = { ...t, steps: t.steps.map((s, i) => (i === 0 ? { ...s, beats: { en: pages, 'zh-CN': pages }, actionBeat: action } : s)) };
  const s = initialState(tutorial, tinyFacts());
  return { ...s, steps: s.steps.map((st, i) => (i === 0 ? { ...st, ...patch } : st)) };
}

const at = (index: number): ShownBeat => ({ step: 'welcome', index });

describe('beats', () => {
  it('the page shown is of the current step: a page of another step (the tour moved on) shows the first', () => {
    expect(currentBeat(tour(3, 1), { step: 'welcome', index: 2 }).index).toBe(2);
    expect(currentBeat(tour(3, 1), { step: 'apply-pod', index: 2 }).index).toBe(0);
    expect(currentBeat(tour(3, 1), null).index).toBe(0);
  });

  it('the position is clamped to the step\'s beats, in either language', () => {
    expect(beatPosition(tour(3, 1), 0, 7, 'en')).toEqual({ index: 2, count: 3, action: 1 });
    expect(beatPosition(tour(3, 1), 0, -1, 'zh-CN')).toEqual({ index: 0, count: 3, action: 1 });
  });

  it('Enter turns the page before the action of a step to run, on every page but the last of a step done, never while it runs', () => {
    expect([0, 1, 2].map((b) => enterTurnsPage(tour(3, 1), at(b)))).toEqual([true, false, false]);
    expect([0, 1, 2].map((b) => enterTurnsPage(tour(3, 1, { status: 'failed' }), at(b)))).toEqual([true, false, false]);
    expect([0, 1, 2].map((b) => enterTurnsPage(tour(3, 1, { status: 'passed' }), at(b)))).toEqual([true, true, false]);
    expect([0, 1, 2].map((b) => enterTurnsPage(tour(3, 1, { status: 'running' }), at(b)))).toEqual([false, false, false]);
    expect(enterTurnsPage(tour(1, 0), at(0))).toBe(false);
  });
});
