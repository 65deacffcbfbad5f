import { describe, expect, it } from 'vitest';
import { dailySeries } from './series.ts';
import { daily, localInstant, makeEntries, makeEntry, makeEpisode } from './test-factories.ts';

const london = makeEpisode({ onsetDate: '2026-10-23', timeZone: 'Europe/London' });

describe('dailySeries', () => {
  it('gives worst, mean and count per day, and null for a day with no ratings', () => {
    const entries = [
      ...makeEntries({ days: 1, pain: 7, times: ['08:00'], episode: london }),
      ...makeEntries({ days: 1, pain: 4, times: ['20:00'], episode: london }),
      ...makeEntries({ days: 1, pain: 5, fromDay: 2, times: ['09:00', '21:00'], episode: london }),
    ];
    const { days, outOfRange } = dailySeries(entries, london.onsetDate, london.timeZone, '2026-10-26');
    expect(days).toEqual([
      { day: 0, date: '2026-10-23', worst: 7, mean: 5.5, count: 2 },
      { day: 1, date: '2026-10-24', worst: null, mean: null, count: 0 },
      { day: 2, date: '2026-10-25', worst: 5, mean: 5, count: 2 },
      { day: 3, date: '2026-10-26', worst: null, mean: null, count: 0 },
    ]);
    expect(outOfRange).toEqual([]);
  });

  it.each([
    // Why: a rating just after local midnight belongs to the new local day even when UTC is still on the old one.
    { name: 'summer midnight in London', at: '2026-10-23T23:30:00.000Z', day: 1 },
    { name: 'just before BST midnight', at: '2026-10-23T22:59:00.000Z', day: 0 },
    // The 25-hour Sunday: both 01:30s and the last minute are all one day.
    { name: 'first 01:30 on the DST Sunday', at: '2026-10-25T00:30:00.000Z', day: 2 },
    { name: 'second 01:30 on the DST Sunday', at: '2026-10-25T01:30:00.000Z', day: 2 },
    { name: '23:59 GMT on the DST Sunday', at: '2026-10-25T23:59:00.000Z', day: 2 },
    { name: 'GMT midnight after the change', at: '2026-10-26T00:00:00.000Z', day: 3 },
  ])('buckets $name into day $day', ({ at, day }) => {
    const { days } = dailySeries(
      [makeEntry({ at, pain: 3 })],
      london.onsetDate,
      london.timeZone,
      '2026-10-27',
    );
    expect(days.map((d) => d.count)).toEqual([0, 1, 2, 3, 4].map((d) => (d === day ? 1 : 0)));
  });

  it('buckets across the New York spring-forward day (23 hours)', () => {
    const ny = makeEpisode({ onsetDate: '2026-03-07', timeZone: 'America/New_York' });
    const entries = [
      makeEntry({ at: '2026-03-08T04:59:00.000Z', pain: 8 }), // 23:59 EST Saturday: day 0
      makeEntry({ at: '2026-03-08T05:00:00.000Z', pain: 6 }), // 00:00 EST Sunday: day 1
      makeEntry({ at: '2026-03-09T03:59:00.000Z', pain: 4 }), // 23:59 EDT Sunday: day 1
      makeEntry({ at: '2026-03-09T04:00:00.000Z', pain: 2 }), // 00:00 EDT Monday: day 2
    ];
    const { days } = dailySeries(entries, ny.onsetDate, ny.timeZone, '2026-03-09');
    expect(days.map((d) => [d.worst, d.mean, d.count])).toEqual([
      [8, 8, 1],
      [6, 5, 2],
      [2, 2, 1],
    ]);
  });

  it('reports entries before the onset date or after today, in input order, and leaves them out', () => {
    const before = makeEntry({ at: localInstant('2026-10-22', '23:59', 'Europe/London'), pain: 9 });
    const inside = makeEntry({ at: localInstant('2026-10-24', '12:00', 'Europe/London'), pain: 5 });
    const after = makeEntry({ at: localInstant('2026-10-25', '00:01', 'Europe/London'), pain: 1 });
    const { days, outOfRange } = dailySeries(
      [after, inside, before],
      london.onsetDate,
      london.timeZone,
      '2026-10-24',
    );
    expect(outOfRange).toEqual([after.id, before.id]);
    expect(days.map((d) => d.worst)).toEqual([null, 5]);
  });

  it('has one day when today is the onset date, and none when today is before it', () => {
    const entries = daily([4], london);
    expect(dailySeries(entries, london.onsetDate, london.timeZone, '2026-10-23').days).toHaveLength(1);
    const future = dailySeries(entries, london.onsetDate, london.timeZone, '2026-10-22');
    expect(future.days).toEqual([]);
    expect(future.outOfRange).toEqual([entries[0]?.id]);
  });
});
