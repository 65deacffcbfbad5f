import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { diaryEntrySchema, episodeSchema, sessionLogSchema, assessmentSchema } from '../records/index.ts';
import { analyse } from './analyse.ts';
import { diaryCheckInSchema } from './check-in.ts';
import {
  daily,
  makeAssessment,
  makeCheckIn,
  makeEntries,
  makeEntry,
  makeEpisode,
  makeSession,
  referenceToday,
} from './test-factories.ts';

const _ = null;

describe('analyse', () => {
  it('ten days of flat pain: not improving, no clinically important change', () => {
    const episode = makeEpisode({ onsetDaysAgo: 9 });
    const analysis = analyse(makeEntries({ days: 10, pain: 6, episode }), episode, referenceToday);
    expect(analysis).toMatchObject({
      onsetDate: '2026-03-07',
      today: referenceToday,
      day: 9,
      baseline: { value: 6, days: [0, 1] },
      latest: { value: 6, days: [7, 8, 9] },
      change: { points: 0, percent: 0 },
      clinicallyImportantImprovement: false,
      trend: 'not_improving',
      outOfRange: [],
    });
    expect(analysis.days).toHaveLength(10);
    expect(analysis.rolling3).toEqual(Array(10).fill(6));
  });

  it.each([
    { name: 'a steady recovery', ratings: [8, 8, 7, 6, 5, 3, 3, 3], trend: 'improving', points: -5 },
    { name: 'a small easing', ratings: [7, 7, 7, 6, 6, 6, 6, 6], trend: 'not_improving', points: -1 },
    { name: 'getting worse', ratings: [4, 4, 5, 5, 6, 7, 7, 7], trend: 'worsening', points: 3 },
    { name: 'gappy but clearly better', ratings: [8, _, _, 6, _, _, _, 4], trend: 'improving', points: -4 },
    {
      name: 'nothing in the last three days',
      ratings: [8, 8, 5, 4, 3, _, _, _],
      trend: 'insufficient_data',
      points: null,
    },
    {
      name: 'only the baseline days',
      ratings: [6, 6, _, _, _, _, _, _],
      trend: 'insufficient_data',
      points: null,
    },
    {
      name: 'no ratings at all',
      ratings: [_, _, _, _, _, _, _, _],
      trend: 'insufficient_data',
      points: null,
    },
  ] as const)('$name: $trend', ({ ratings, trend, points }) => {
    const episode = makeEpisode({ onsetDaysAgo: ratings.length - 1 });
    const analysis = analyse(daily(ratings, episode), episode, referenceToday);
    expect(analysis.trend).toBe(trend);
    expect(analysis.change?.points ?? null).toBe(points);
    expect(analysis.clinicallyImportantImprovement).toBe(trend === 'improving');
  });

  it('uses daily worst, not the mean, for baseline and latest', () => {
    const episode = makeEpisode({ onsetDaysAgo: 4 });
    // Two ratings a day, one bad and one good: the worst stays at 7 while the mean drops to 4.5.
    const entries = [
      ...makeEntries({ days: 5, pain: 7, times: ['08:00'], episode }),
      ...makeEntries({ days: 5, pain: (day) => (day < 2 ? 7 : 2), times: ['20:00'], episode }),
    ];
    const analysis = analyse(entries, episode, referenceToday);
    expect(analysis.days.map((d) => d.mean)).toEqual([7, 7, 4.5, 4.5, 4.5]);
    expect(analysis.trend).toBe('not_improving');
    expect(analysis.latest?.value).toBe(7);
  });

  // Why: the same instants can fall on different local days, which changes what counts as day 0 and today.
  it('buckets by the episode time zone', () => {
    const entries = [
      makeEntry({ at: '2026-03-15T23:30:00.000Z', pain: 9 }), // 16 March in Tokyo, 15 March in London
      makeEntry({ at: '2026-03-16T12:00:00.000Z', pain: 3 }),
    ];
    const london = analyse(entries, { onsetDate: '2026-03-15', timeZone: 'Europe/London' }, '2026-03-16');
    const tokyo = analyse(entries, { onsetDate: '2026-03-15', timeZone: 'Asia/Tokyo' }, '2026-03-16');
    expect(london.days.map((d) => d.worst)).toEqual([9, 3]);
    expect(tokyo.days.map((d) => d.worst)).toEqual([null, 9]);
  });

  it('when the onset date is after today: no days, a negative day, no trend', () => {
    const analysis = analyse([], { onsetDate: '2026-03-18', timeZone: 'UTC' }, '2026-03-16');
    expect(analysis).toMatchObject({
      day: -2,
      days: [],
      rolling3: [],
      baseline: null,
      trend: 'insufficient_data',
    });
  });

  it('reports out-of-range entries by id', () => {
    const episode = makeEpisode({ onsetDaysAgo: 2 });
    const early = makeEntry({ at: '2026-03-01T12:00:00.000Z', pain: 5 });
    const late = makeEntry({ at: '2026-03-20T12:00:00.000Z', pain: 5 });
    expect(analyse([early, late], episode, referenceToday).outOfRange).toEqual([early.id, late.id]);
  });

  it('does not change its inputs', () => {
    const episode = Object.freeze(makeEpisode({ onsetDaysAgo: 5 }));
    const entries = Object.freeze(daily([9, 8, 7, 6, 5, 4], episode).map((e) => Object.freeze(e)));
    const copy = structuredClone(entries);
    expect(() => analyse(entries, episode, referenceToday)).not.toThrow();
    expect(entries).toEqual(copy);
  });

  it.each([
    {
      name: 'a bad onset date',
      episode: { onsetDate: '2026-02-30', timeZone: 'UTC' },
      today: '2026-03-01',
      field: 'episode.onsetDate',
    },
    {
      name: 'an unknown zone',
      episode: { onsetDate: '2026-03-01', timeZone: 'Nowhere/Else' },
      today: '2026-03-01',
      field: 'episode.timeZone',
    },
    {
      name: 'a bad today',
      episode: { onsetDate: '2026-03-01', timeZone: 'UTC' },
      today: '16/03/2026',
      field: 'today',
    },
  ])('rejects $name with a validation error naming $field', ({ episode, today, field }) => {
    try {
      analyse([], episode, today);
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error) && error.code === 'validation_failed').toBe(true);
      expect(isDomainError(error) ? error.fields.map((f) => f.field) : []).toEqual([field]);
    }
  });

  it('rejects malformed entries, naming each one', () => {
    const entries = [
      { id: 'a', at: 'soon', pain: 3 },
      { id: 'b', at: '2026-03-16T10:00:00.000Z', pain: 11 },
    ];
    expect(() => analyse(entries, { onsetDate: '2026-03-16', timeZone: 'UTC' }, '2026-03-16')).toThrow(
      expect.objectContaining({
        code: 'validation_failed',
        fields: [
          { field: 'entries.0.at', problem: 'not a time' },
          { field: 'entries.1.pain', problem: 'not a rating from 0 to 10' },
        ],
      }),
    );
  });
});

// Why: the factories are only useful if what they build is what the store would accept.
describe('test factories', () => {
  it('build records that pass their schemas', () => {
    expect(episodeSchema.safeParse(makeEpisode({ onsetDaysAgo: 3 })).success).toBe(true);
    for (const entry of makeEntries({ days: 3, pain: 5 }))
      expect(diaryEntrySchema.safeParse(entry).success).toBe(true);
    expect(sessionLogSchema.safeParse(makeSession({ painBefore: 2, painAfter: 4 })).success).toBe(true);
    expect(assessmentSchema.safeParse(makeAssessment('2026-03-16T09:00:00.000Z', 'soon')).success).toBe(true);
    expect(diaryCheckInSchema.safeParse(makeCheckIn('2026-03-16T09:00:00.000Z')).success).toBe(true);
  });
});
