/** Baseline (the start) and latest (now) windows over a daily series. */
import { describe, expect, it } from 'vitest';
import { painBaseline } from './baseline.ts';
import { latestPain } from './latest.ts';
import type { DiaryDay } from './types.ts';

/** A daily series from daily worst ratings (mean = worst, one rating a day; `null` is a gap). */
function series(worst: readonly (number | null)[]): DiaryDay[] {
  return worst.map((w, day) => ({
    day,
    date: `day-${day}`,
    worst: w,
    mean: w,
    count: w === null ? 0 : 1,
  }));
}

const _ = null;

describe('painBaseline', () => {
  it.each([
    { name: 'days 0 and 1', worst: [6, 8, 2], baseline: { value: 7, days: [0, 1] } },
    { name: 'day 0 alone when day 1 has no rating', worst: [6, _, 2], baseline: { value: 6, days: [0] } },
    // Why: someone who opens the diary on day 3 still gets a baseline, from where they started.
    { name: 'a late start', worst: [_, _, _, 7, 5, 3], baseline: { value: 6, days: [3, 4] } },
    // Why: the baseline never reaches past the day after the first rating, whatever the gap.
    { name: 'a gap after the first rating', worst: [_, 8, _, _, 2], baseline: { value: 8, days: [1] } },
    { name: 'one rated day only', worst: [_, _, 5], baseline: { value: 5, days: [2] } },
    { name: 'a baseline of 0', worst: [0, 0, 1], baseline: { value: 0, days: [0, 1] } },
    { name: 'no ratings', worst: [_, _, _], baseline: null },
    { name: 'no days', worst: [], baseline: null },
  ])('$name', ({ worst, baseline }) => {
    expect(painBaseline(series(worst))).toEqual(baseline);
  });
});

describe('latestPain', () => {
  it.each([
    { name: 'the last three days', worst: [6, 6, 6, 6, 5, 4, 3], latest: { value: 4, days: [4, 5, 6] } },
    {
      name: 'rated days among the last three',
      worst: [6, 6, 6, 6, 5, _, 3],
      latest: { value: 4, days: [4, 6] },
    },
    { name: 'only today rated', worst: [6, 6, 6, 6, _, _, 3], latest: { value: 3, days: [6] } },
    // Why: a diary left alone for three days says nothing about now, so a stale value must not count.
    { name: 'nothing in the last three days', worst: [6, 6, 2, _, _, _], latest: null },
    // Why: early on, the window leaves out the baseline days so the start is never compared with itself.
    { name: 'day 2: the baseline days are left out', worst: [6, 6, 4], latest: { value: 4, days: [2] } },
    {
      name: 'day 3: the baseline days are left out',
      worst: [6, 6, 4, 2],
      latest: { value: 3, days: [2, 3] },
    },
    { name: 'day 1: only baseline days', worst: [6, 6], latest: null },
    { name: 'day 0 baseline, day 1 empty: day 1 still counts as baseline span', worst: [6, _], latest: null },
    { name: 'late start', worst: [_, _, _, _, 7, 7, 5], latest: { value: 5, days: [6] } },
    { name: 'no ratings', worst: [_, _, _], latest: null },
  ])('$name', ({ worst, latest }) => {
    const days = series(worst);
    expect(latestPain(days, painBaseline(days))).toEqual(latest);
  });
});
