import { describe, expect, it } from 'vitest';
import { painChange } from './change.ts';
import { classifyTrend } from './trend.ts';

const at = (value: number) => ({ value, days: [0] });

describe('classifyTrend', () => {
  it.each([
    { baseline: 8, latest: 6, trend: 'improving' },
    { baseline: 8, latest: 6.5, trend: 'not_improving' },
    { baseline: 3, latest: 2, trend: 'improving' },
    { baseline: 6, latest: 6, trend: 'not_improving' },
    { baseline: 6, latest: 7.5, trend: 'not_improving' },
    { baseline: 6, latest: 8, trend: 'worsening' },
    { baseline: 4, latest: 5.2, trend: 'worsening' },
    { baseline: 0, latest: 0, trend: 'not_improving' },
    { baseline: 0, latest: 1, trend: 'not_improving' },
    { baseline: 0, latest: 2, trend: 'worsening' },
    { baseline: 10, latest: 0, trend: 'improving' },
  ] as const)('$baseline → $latest is $trend', ({ baseline, latest, trend }) => {
    expect(classifyTrend(painChange(at(baseline), at(latest)))).toBe(trend);
  });

  it('is insufficient_data without a change', () => {
    expect(classifyTrend(null)).toBe('insufficient_data');
  });
});
