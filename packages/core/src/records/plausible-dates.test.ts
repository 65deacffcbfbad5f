import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addDays, daysBetween, localDate } from '../calendar.ts';
import { calendarDate, utcInstant } from './common.ts';
import { diaryTimeProblems, onsetDateProblems } from './plausible-dates.ts';

const messages = (schema: typeof calendarDate | typeof utcInstant, value: unknown): string[] =>
  schema.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

describe('calendarDate and utcInstant', () => {
  it.each([
    ['1900-01-01', []],
    ['9999-12-31', []],
    ['1899-12-31', ['must be a date from 1900 on']],
    ['0050-03-01', ['must be a date from 1900 on']],
    // A malformed value gets the format problem alone, not the year's as well.
    ['0050-02-29', ['must be a date as YYYY-MM-DD']],
    [' 123-01-01', ['must be a date as YYYY-MM-DD']],
    ['10000-01-01', ['must be a date as YYYY-MM-DD']],
    [20260310, ['must be a date as YYYY-MM-DD']],
  ])('calendarDate %j: %j', (value, expected) => {
    expect(messages(calendarDate, value)).toEqual(expected);
  });

  it.each([
    ['1900-01-01T00:00:00.000Z', []],
    ['9999-12-31T23:59:59.999Z', []],
    ['1899-12-31T23:59:59.999Z', ['must be a time from 1900 on']],
    ['0026-03-10T08:30:00Z', ['must be a time from 1900 on']],
    ['2026-03-10T08:30:00+01:00', ['must be a UTC time in ISO 8601, ending in Z']],
    ['yesterday', ['must be a UTC time in ISO 8601, ending in Z']],
  ])('utcInstant %j: %j', (value, expected) => {
    expect(messages(utcInstant, value)).toEqual(expected);
  });

  it('still works optional, described and in a strict object, with the same JSON Schema', () => {
    const query = z.strictObject({ from: calendarDate.optional().describe('Only from this date') });
    expect(query.safeParse({}).success).toBe(true);
    expect(query.safeParse({ from: '1899-01-01' }).error?.issues).toMatchObject([
      { path: ['from'], message: 'must be a date from 1900 on' },
    ]);
    // The year rule is a refinement, which JSON Schema leaves out, so openapi.json does not change.
    expect(z.toJSONSchema(calendarDate)).toEqual(z.toJSONSchema(z.iso.date()));
    expect(z.toJSONSchema(utcInstant)).toEqual(z.toJSONSchema(z.iso.datetime()));
  });
});

describe('onsetDateProblems', () => {
  const today = '2026-03-10';
  it.each([
    ['2026-03-10', []],
    ['2026-03-09', []],
    ['1900-01-01', []],
    ['2026-03-11', ['must not be in the future']],
    ['2027-01-01', ['must not be in the future']],
    ['1899-12-31', ['must be a date from 1900 on']],
    ['0026-03-10', ['must be a date from 1900 on']],
    ['2026-02-30', ['must be a date as YYYY-MM-DD']],
    ['', ['must be a date as YYYY-MM-DD']],
  ])('%j with today 2026-03-10: %j', (onsetDate, expected) => {
    expect(onsetDateProblems(onsetDate, today)).toEqual(
      expected.map((problem) => ({ field: 'onsetDate', problem })),
    );
  });

  it('refuses a today that is not a date: that is the caller’s mistake', () => {
    expect(() => onsetDateProblems('2026-03-10', 'today')).toThrow(RangeError);
  });
});

describe('diaryTimeProblems', () => {
  const now = '2026-03-10T12:00:00.000Z';
  const future = 'must not be more than a day in the future';
  const beforeOnset = (onsetDate: string): string =>
    `must not be before the episode began (onsetDate ${onsetDate})`;

  it.each([
    { at: now, onsetDate: '2026-03-01', timeZone: 'UTC', problems: [] },
    // Exactly a day ahead is allowed; a millisecond more is not.
    { at: '2026-03-11T12:00:00.000Z', onsetDate: '2026-03-01', timeZone: 'UTC', problems: [] },
    { at: '2026-03-11T12:00:00.001Z', onsetDate: '2026-03-01', timeZone: 'UTC', problems: [future] },
    // The onset date is a local date: 00:00 BST on 1 July is 23:00 UTC on 30 June.
    { at: '2025-06-30T23:00:00.000Z', onsetDate: '2025-07-01', timeZone: 'Europe/London', problems: [] },
    {
      at: '2025-06-30T22:59:59.999Z',
      onsetDate: '2025-07-01',
      timeZone: 'Europe/London',
      problems: [beforeOnset('2025-07-01')],
    },
    // London's 25-hour day (clocks go back on 26 October 2025): the next day starts at 00:00 GMT.
    { at: '2025-10-27T00:00:00.000Z', onsetDate: '2025-10-27', timeZone: 'Europe/London', problems: [] },
    {
      at: '2025-10-26T23:59:59.999Z',
      onsetDate: '2025-10-27',
      timeZone: 'Europe/London',
      problems: [beforeOnset('2025-10-27')],
    },
    // Auckland in summer (NZDT, UTC+13): 00:00 on 10 January is 11:00 UTC on the 9th.
    { at: '2026-01-09T11:00:00.000Z', onsetDate: '2026-01-10', timeZone: 'Pacific/Auckland', problems: [] },
    {
      at: '2026-01-09T10:59:59.999Z',
      onsetDate: '2026-01-10',
      timeZone: 'Pacific/Auckland',
      problems: [beforeOnset('2026-01-10')],
    },
    // Auckland's clocks go forward on 28 September 2025 (NZST → NZDT): 00:00 on the 29th is 11:00 UTC.
    { at: '2025-09-28T11:00:00.000Z', onsetDate: '2025-09-29', timeZone: 'Pacific/Auckland', problems: [] },
    {
      at: '2025-09-28T10:59:59.999Z',
      onsetDate: '2025-09-29',
      timeZone: 'Pacific/Auckland',
      problems: [beforeOnset('2025-09-29')],
    },
    // Both at once: an episode dated ahead, and an entry further ahead still but not past its onset.
    {
      at: '2026-03-12T00:00:00.000Z',
      onsetDate: '2026-03-13',
      timeZone: 'UTC',
      problems: [future, beforeOnset('2026-03-13')],
    },
    // A malformed time is reported as such, and nothing is computed from it.
    {
      at: 'yesterday',
      onsetDate: '2026-03-01',
      timeZone: 'UTC',
      problems: ['must be a UTC time in ISO 8601, ending in Z'],
    },
    {
      at: '1899-12-31T12:00:00Z',
      onsetDate: '2026-03-01',
      timeZone: 'UTC',
      problems: ['must be a time from 1900 on'],
    },
  ])('$at in $timeZone, onset $onsetDate: $problems', ({ at, onsetDate, timeZone, problems }) => {
    expect(diaryTimeProblems(at, { onsetDate, timeZone }, now)).toEqual(
      problems.map((problem) => ({ field: 'at', problem })),
    );
  });

  it('refuses a now that is not an instant: that is the caller’s mistake', () => {
    expect(() => diaryTimeProblems(now, { onsetDate: '2026-03-01', timeZone: 'UTC' }, 'now')).toThrow(
      RangeError,
    );
  });
});

describe('plausible dates, any zone', () => {
  const zones = [
    'Europe/London',
    'Pacific/Auckland',
    'America/New_York',
    'Asia/Kolkata',
    'Pacific/Chatham',
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
    'UTC',
  ];
  const day = 86_400_000;
  const nowArb = fc.integer({
    min: Date.parse('1950-01-01T00:00:00Z'),
    max: Date.parse('2100-01-01T00:00:00Z'),
  });
  const iso = (ms: number): string => new Date(ms).toISOString();

  it('finds nothing wrong with an entry between the onset and today', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        nowArb,
        fc.integer({ min: -400 * day, max: day }),
        fc.integer({ min: 0, max: 3650 }),
        (timeZone, nowMs, fromNow, daysBeforeEntry) => {
          const today = localDate(nowMs, timeZone);
          const at = iso(nowMs + fromNow);
          fc.pre(daysBetween(localDate(at, timeZone), today) >= 0);
          const onsetDate = addDays(localDate(at, timeZone), -daysBeforeEntry);
          expect(onsetDateProblems(onsetDate, today)).toEqual([]);
          expect(diaryTimeProblems(at, { onsetDate, timeZone }, iso(nowMs))).toEqual([]);
        },
      ),
    );
  });

  it('always refuses an entry more than a day ahead, or before the onset date', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        nowArb,
        fc.integer({ min: 1, max: 400 * day }),
        fc.integer({ min: 1, max: 3650 }),
        (timeZone, nowMs, beyond, daysAfterEntry) => {
          const now = iso(nowMs);
          const ahead = iso(nowMs + day + beyond);
          const farOnset = addDays(localDate(ahead, timeZone), -3650);
          expect(diaryTimeProblems(ahead, { onsetDate: farOnset, timeZone }, now)).toEqual([
            { field: 'at', problem: 'must not be more than a day in the future' },
          ]);
          const onsetDate = addDays(localDate(now, timeZone), daysAfterEntry);
          expect(diaryTimeProblems(now, { onsetDate, timeZone }, now)).toEqual([
            { field: 'at', problem: `must not be before the episode began (onsetDate ${onsetDate})` },
          ]);
        },
      ),
    );
  });
});
