import { describe, expect, it } from 'vitest';
import { meanOf, rollingMean } from './rolling.ts';

describe('rollingMean', () => {
  it.each([
    { name: 'flat', values: [6, 6, 6, 6], out: [6, 6, 6, 6] },
    { name: 'falling', values: [9, 6, 3, 0], out: [9, 7.5, 6, 3] },
    { name: 'a short window at the start', values: [4, 8], out: [4, 6] },
    // Why: a day without a rating is skipped, not counted as 0 (which would fake an improvement).
    { name: 'a gap is skipped', values: [6, null, 3, 3], out: [6, 6, 4.5, 3] },
    { name: 'three empty days give null', values: [5, null, null, null, 2], out: [5, 5, 5, null, 2] },
    { name: 'all empty', values: [null, null], out: [null, null] },
    { name: 'empty series', values: [], out: [] },
  ])('$name', ({ values, out }) => {
    expect(rollingMean(values, 3)).toEqual(out);
  });

  it('with a window of 1 is the series itself', () => {
    expect(rollingMean([1, null, 3], 1)).toEqual([1, null, 3]);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects a window of %s', (window) => {
    expect(() => rollingMean([1], window)).toThrow(RangeError);
  });

  it('does not change its input', () => {
    const values = Object.freeze([1, 2, null, 4]);
    rollingMean(values, 3);
    expect(values).toEqual([1, 2, null, 4]);
  });
});

describe('meanOf', () => {
  it.each([
    { values: [], out: null },
    { values: [null], out: null },
    { values: [2, null, 4], out: 3 },
    { values: [0], out: 0 },
  ])('$values → $out', ({ values, out }) => {
    expect(meanOf(values)).toBe(out);
  });
});
