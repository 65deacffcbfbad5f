import { describe, expect, it } from 'vitest';
import {
  clinicallyImportant,
  isClinicallyImportantImprovement,
  isClinicallyImportantWorsening,
  painChange,
} from './change.ts';
import type { PainChange } from './types.ts';

const at = (value: number) => ({ value, days: [0] });

describe('painChange', () => {
  it.each([
    { baseline: 6, latest: 6, points: 0, percent: 0 },
    { baseline: 6, latest: 3, points: -3, percent: -50 },
    { baseline: 4, latest: 5, points: 1, percent: 25 },
    { baseline: 7.5, latest: 5, points: -2.5, percent: -33.333 },
    // Why: a percentage of 0 is meaningless, so it is null rather than Infinity or NaN.
    { baseline: 0, latest: 3, points: 3, percent: null },
    { baseline: 0, latest: 0, points: 0, percent: null },
  ])('$baseline → $latest is $points points, $percent %', ({ baseline, latest, points, percent }) => {
    const change = painChange(at(baseline), at(latest));
    expect(change?.points).toBeCloseTo(points, 9);
    if (percent === null) expect(change?.percent).toBeNull();
    else expect(change?.percent).toBeCloseTo(percent, 2);
  });

  it('is null without a baseline or a latest value', () => {
    expect(painChange(null, at(3))).toBeNull();
    expect(painChange(at(3), null)).toBeNull();
  });
});

describe('clinically important improvement (≥ 2 points or ≥ 30 %)', () => {
  it('uses the usual thresholds', () => {
    expect(clinicallyImportant).toEqual({ points: 2, percent: 30 });
  });

  it.each([
    // Points threshold, with percentages below 30 so only the points decide.
    { baseline: 10, latest: 8, important: true, why: 'exactly 2 points (20 %)' },
    { baseline: 10, latest: 8.5, important: false, why: '1.5 points (15 %)' },
    { baseline: 9, latest: 7, important: true, why: '2 points (22 %)' },
    { baseline: 9, latest: 7.5, important: false, why: '1.5 points (17 %)' },
    { baseline: 8, latest: 6.5, important: false, why: 'just short: 1.5 points, 18.75 %' },
    // Percent threshold, with fewer than 2 points so only the percentage decides.
    { baseline: 5, latest: 3.5, important: true, why: 'exactly 30 % (1.5 points)' },
    { baseline: 5, latest: 3.6, important: false, why: '28 % (1.4 points)' },
    { baseline: 3, latest: 2, important: true, why: '33 % (1 point)' },
    { baseline: 4, latest: 3, important: false, why: '25 % (1 point)' },
    { baseline: 6, latest: 4.5, important: false, why: '25 % (1.5 points)' },
    { baseline: 6, latest: 4, important: true, why: '2 points and 33 %' },
    { baseline: 0, latest: 0, important: false, why: 'nothing to improve on' },
    { baseline: 4, latest: 6, important: false, why: 'a rise' },
  ])('$baseline → $latest: $important ($why)', ({ baseline, latest, important }) => {
    expect(isClinicallyImportantImprovement(painChange(at(baseline), at(latest)))).toBe(important);
  });

  // Why: means of halves and thirds can land a hair short of a threshold in binary floating point.
  it('counts a change a rounding error short of the threshold as reaching it', () => {
    const justShort: PainChange = { points: -1.9999999999999996, percent: -29.999999999999996 };
    expect(isClinicallyImportantImprovement(justShort)).toBe(true);
    expect(isClinicallyImportantImprovement({ points: -1.999, percent: -29.99 })).toBe(false);
  });

  it('is false without a change', () => {
    expect(isClinicallyImportantImprovement(null)).toBe(false);
  });
});

describe('clinically important worsening (a rise of ≥ 2 points or ≥ 30 %)', () => {
  it.each([
    { baseline: 7, latest: 9, worse: true, why: 'exactly 2 points (29 %)' },
    { baseline: 7, latest: 8.5, worse: false, why: '1.5 points (21 %)' },
    { baseline: 5, latest: 6.5, worse: true, why: 'exactly 30 %' },
    { baseline: 5, latest: 6.4, worse: false, why: '28 %' },
    // Why: from a baseline of 0 there is no percentage, so only the points can decide.
    { baseline: 0, latest: 1, worse: false, why: '1 point from 0' },
    { baseline: 0, latest: 2, worse: true, why: '2 points from 0' },
    { baseline: 6, latest: 3, worse: false, why: 'a drop' },
  ])('$baseline → $latest: $worse ($why)', ({ baseline, latest, worse }) => {
    expect(isClinicallyImportantWorsening(painChange(at(baseline), at(latest)))).toBe(worse);
  });
});
