/**
 * completedSteps: the steps that ran their full time, never a skipped or stopped one, on the 7-step child's pose.
 */
import { describe, expect, it } from 'vitest';
import { completedSteps } from './completed.ts';
import { mustTimeline, startedAt } from './test-factories.ts';
import type { SessionEvent } from './types.ts';

const T0 = 1_000_000;
const s = 1000;
/** get_ready 5 s, hold 10 s, release 3 s, rest 5 s, get_ready 5 s, hold 10 s, release 3 s: 41 s. */
const child = mustTimeline('ex-childs-pose');
const started = startedAt(child, T0);
const skipsAt = (...times: number[]): SessionEvent[] => times.map((at) => ({ type: 'skip', at }));

describe('completedSteps', () => {
  it('counts every step of a session that ran to its end', () => {
    expect(completedSteps(child, started, T0 + 41 * s)).toBe(7);
  });

  it('is 0 when every step was skipped, although the session is done', () => {
    const events = [...started, ...skipsAt(...child.steps.map((_, i) => T0 + i * 10))];
    expect(completedSteps(child, events, T0 + 100)).toBe(0);
  });

  it('leaves out a skipped step but counts the ones that ran', () => {
    // The hold (step 1) skipped 2 s in; everything else runs.
    const events = [...started, ...skipsAt(T0 + 7 * s)];
    expect(completedSteps(child, events, T0 + 60 * s)).toBe(6);
  });

  it('counts only the steps finished before a stop', () => {
    const events: SessionEvent[] = [...started, { type: 'stop', at: T0 + 16 * s }];
    expect(completedSteps(child, events, T0 + 60 * s)).toBe(2);
  });

  it('is 0 before the start and while the first step runs', () => {
    expect(completedSteps(child, [], T0)).toBe(0);
    expect(completedSteps(child, started, T0 + 4 * s)).toBe(0);
  });

  it('ignores a skip the runner ignored (before the start)', () => {
    const events: SessionEvent[] = [{ type: 'skip', at: T0 - 1 }, ...started];
    expect(completedSteps(child, events, T0 + 41 * s)).toBe(7);
  });
});
