import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pegInputSchema, pegScore, pegTrend, type TimedPeg } from './peg.ts';

const peg = (at: string, pain: number, enjoyment = pain, activity = pain): TimedPeg => ({
  at,
  pain,
  enjoyment,
  activity,
});

describe('pegInputSchema', () => {
  it('takes three whole numbers from 0 to 10', () => {
    expect(pegInputSchema.safeParse({ pain: 0, enjoyment: 10, activity: 5 }).success).toBe(true);
  });

  it.each([
    ['a rating above 10', { pain: 11, enjoyment: 5, activity: 5 }, 'pain'],
    ['a negative rating', { pain: 5, enjoyment: -1, activity: 5 }, 'enjoyment'],
    ['a fraction', { pain: 5, enjoyment: 5, activity: 2.5 }, 'activity'],
    ['a rating as text', { pain: '5', enjoyment: 5, activity: 5 }, 'pain'],
    ['a missing rating', { pain: 5, enjoyment: 5 }, 'activity'],
    ['an extra field', { pain: 5, enjoyment: 5, activity: 5, mood: 3 }, ''],
  ])('refuses %s, naming the field', (_what, input, field) => {
    const result = pegInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toStrictEqual([field]);
    expect(result.error?.issues[0]?.message).toMatch(/^(must|has) /);
  });
});

describe('pegScore', () => {
  it('is the mean of the three ratings', () => {
    expect(pegScore({ pain: 6, enjoyment: 3, activity: 3 })).toBe(4);
    expect(pegScore({ pain: 10, enjoyment: 10, activity: 10 })).toBe(10);
    expect(pegScore({ pain: 1, enjoyment: 0, activity: 0 })).toBeCloseTo(1 / 3);
  });

  it('stays on the 0-10 scale for every answer', () => {
    const rating = fc.integer({ min: 0, max: 10 });
    fc.assert(
      fc.property(rating, rating, rating, (pain, enjoyment, activity) => {
        const score = pegScore({ pain, enjoyment, activity });
        expect(score).toBeGreaterThanOrEqual(Math.min(pain, enjoyment, activity));
        expect(score).toBeLessThanOrEqual(Math.max(pain, enjoyment, activity));
      }),
    );
  });
});

describe('pegTrend', () => {
  it('has no trend with fewer than two scores', () => {
    expect(pegTrend([])).toBeNull();
    expect(pegTrend([peg('2026-11-01T09:00:00.000Z', 7)])).toBeNull();
  });

  it('compares the latest with the first by time, whatever the order given', () => {
    const trend = pegTrend([
      peg('2026-11-15T09:00:00.000Z', 4),
      peg('2026-11-01T09:00:00.000Z', 8),
      peg('2026-11-08T09:00:00.000Z', 9),
    ]);
    expect(trend).toStrictEqual({
      first: { at: '2026-11-01T09:00:00.000Z', score: 8 },
      latest: { at: '2026-11-15T09:00:00.000Z', score: 4 },
      change: -4,
      improvement: 0.5,
      improved: true,
      count: 3,
    });
  });

  it.each([
    ['exactly 30 % better', 10, 7, true],
    ['just under 30 % better', 10, 7.1, false],
    ['30 % better from a score with thirds', 3, 2.1, true],
    ['unchanged', 6, 6, false],
    ['worse', 4, 6, false],
  ])('%s: improved is %s', (_what, first, latest, improved) => {
    // Scores built from whole ratings: the first rating carries the fraction, the other two match the target.
    const ratings = (score: number) => {
      const other = Math.floor(score);
      return { pain: score * 3 - 2 * other, enjoyment: other, activity: other };
    };
    const trend = pegTrend([
      { at: '2026-11-01T09:00:00.000Z', ...ratings(first) },
      { at: '2026-11-29T09:00:00.000Z', ...ratings(latest) },
    ]);
    expect(trend?.improved).toBe(improved);
  });

  it('cannot improve from a first score of 0', () => {
    const trend = pegTrend([peg('2026-11-01T09:00:00.000Z', 0), peg('2026-11-08T09:00:00.000Z', 0)]);
    expect(trend).toMatchObject({ improvement: null, improved: false, change: 0 });
  });

  it('is improved exactly when the latest is at least 30 % below the first', () => {
    const rating = fc.integer({ min: 0, max: 10 });
    const answers = fc.tuple(rating, rating, rating);
    fc.assert(
      fc.property(answers, answers, ([p1, e1, a1], [p2, e2, a2]) => {
        const sum1 = p1 + e1 + a1;
        const sum2 = p2 + e2 + a2;
        const trend = pegTrend([
          { at: '2026-11-08T09:00:00.000Z', pain: p2, enjoyment: e2, activity: a2 },
          { at: '2026-11-01T09:00:00.000Z', pain: p1, enjoyment: e1, activity: a1 },
        ]);
        // In whole sums, free of floating point: sum2 <= 0.7 * sum1  ⇔  10 * sum2 <= 7 * sum1.
        expect(trend?.improved).toBe(sum1 > 0 && 10 * sum2 <= 7 * sum1);
      }),
    );
  });
});
