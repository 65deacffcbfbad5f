/**
 * Local calendar days: the oracle instants below are written out by hand from the published DST rules, so the
 * tests do not trust Intl to check Intl.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarDaysBetween,
  episodeDayOf,
  isCalendarDate,
  isInstant,
  localDate,
} from './local-day.ts';

describe('localDate', () => {
  it.each([
    // London: GMT in winter, BST (UTC+1) in summer.
    {
      at: '2026-01-15T23:30:00.000Z',
      zone: 'Europe/London',
      date: '2026-01-15',
      why: 'winter: UTC is local',
    },
    {
      at: '2026-07-01T22:59:59.000Z',
      zone: 'Europe/London',
      date: '2026-07-01',
      why: 'summer: 23:59:59 BST',
    },
    {
      at: '2026-07-01T23:00:00.000Z',
      zone: 'Europe/London',
      date: '2026-07-02',
      why: 'summer: BST midnight',
    },
    // London, end of October 2026: clocks go back at 01:00 UTC on Sunday 25 October (02:00 BST → 01:00 GMT).
    { at: '2026-10-24T22:59:00.000Z', zone: 'Europe/London', date: '2026-10-24', why: '23:59 BST, Saturday' },
    { at: '2026-10-24T23:00:00.000Z', zone: 'Europe/London', date: '2026-10-25', why: '00:00 BST, Sunday' },
    { at: '2026-10-25T00:30:00.000Z', zone: 'Europe/London', date: '2026-10-25', why: 'first 01:30 (BST)' },
    { at: '2026-10-25T01:30:00.000Z', zone: 'Europe/London', date: '2026-10-25', why: 'second 01:30 (GMT)' },
    {
      at: '2026-10-25T23:59:00.000Z',
      zone: 'Europe/London',
      date: '2026-10-25',
      why: 'end of the 25-hour day',
    },
    {
      at: '2026-10-26T00:00:00.000Z',
      zone: 'Europe/London',
      date: '2026-10-26',
      why: 'GMT midnight, Monday',
    },
    // New York, March 2026: clocks go forward at 07:00 UTC on Sunday 8 March (02:00 EST → 03:00 EDT).
    { at: '2026-03-08T04:59:00.000Z', zone: 'America/New_York', date: '2026-03-07', why: '23:59 EST' },
    { at: '2026-03-08T05:00:00.000Z', zone: 'America/New_York', date: '2026-03-08', why: '00:00 EST' },
    { at: '2026-03-08T06:59:00.000Z', zone: 'America/New_York', date: '2026-03-08', why: '01:59 EST' },
    { at: '2026-03-08T07:00:00.000Z', zone: 'America/New_York', date: '2026-03-08', why: '03:00 EDT' },
    {
      at: '2026-03-09T03:59:00.000Z',
      zone: 'America/New_York',
      date: '2026-03-08',
      why: 'end of the 23-hour day',
    },
    { at: '2026-03-09T04:00:00.000Z', zone: 'America/New_York', date: '2026-03-09', why: '00:00 EDT' },
    // Offsets that are not whole hours, and the extremes.
    { at: '2026-01-01T18:29:00.000Z', zone: 'Asia/Kolkata', date: '2026-01-01', why: '23:59 IST (UTC+5:30)' },
    { at: '2026-01-01T18:30:00.000Z', zone: 'Asia/Kolkata', date: '2026-01-02', why: '00:00 IST' },
    { at: '2026-01-01T10:00:00.000Z', zone: 'Pacific/Kiritimati', date: '2026-01-02', why: 'UTC+14' },
    { at: '2026-01-01T10:00:00.000Z', zone: 'Pacific/Pago_Pago', date: '2025-12-31', why: 'UTC−11' },
    {
      at: '2026-01-01T10:00:00+05:00',
      zone: 'UTC',
      date: '2026-01-01',
      why: 'an offset instant is read too',
    },
  ])('$at in $zone is $date ($why)', ({ at, zone, date }) => {
    expect(localDate(at, zone)).toBe(date);
  });

  it('rejects an unparseable instant and an unknown zone', () => {
    expect(() => localDate('yesterday', 'UTC')).toThrow(RangeError);
    expect(() => localDate('2026-01-01T00:00:00.000Z', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('calendarDaysBetween', () => {
  it.each([
    { from: '2026-03-01', to: '2026-03-01', days: 0 },
    { from: '2026-03-01', to: '2026-03-10', days: 9 },
    { from: '2026-03-10', to: '2026-03-01', days: -9 },
    { from: '2024-02-28', to: '2024-03-01', days: 2 }, // leap year
    { from: '2026-02-28', to: '2026-03-01', days: 1 },
    { from: '2026-12-31', to: '2027-01-01', days: 1 },
    // Across both DST changes: whole calendar days, whatever the clocks did.
    { from: '2026-03-07', to: '2026-03-09', days: 2 },
    { from: '2026-10-24', to: '2026-10-26', days: 2 },
    { from: '2026-01-01', to: '2026-12-31', days: 364 },
  ])('$from → $to is $days days', ({ from, to, days }) => {
    expect(calendarDaysBetween(from, to)).toBe(days);
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', ''])('rejects %j', (bad) => {
    expect(() => calendarDaysBetween(bad, '2026-01-01')).toThrow(RangeError);
    expect(isCalendarDate(bad)).toBe(false);
  });

  it('is undone by addDays', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: -2000, max: 2000 }), (base, n) => {
        const date = addDays('1990-01-01', base);
        expect(calendarDaysBetween(date, addDays(date, n))).toBe(n);
        expect(isCalendarDate(addDays(date, n))).toBe(true);
      }),
    );
  });
});

describe('addDays', () => {
  it.each([
    { date: '2026-10-24', n: 1, out: '2026-10-25' },
    { date: '2026-10-25', n: 1, out: '2026-10-26' },
    { date: '2026-03-08', n: -1, out: '2026-03-07' },
    { date: '2024-02-28', n: 1, out: '2024-02-29' },
    { date: '2026-12-31', n: 1, out: '2027-01-01' },
    { date: '2026-03-01', n: 43, out: '2026-04-13' },
  ])('$date + $n = $out', ({ date, n, out }) => {
    expect(addDays(date, n)).toBe(out);
  });
});

describe('episodeDayOf', () => {
  it.each([
    // Onset Saturday 24 October in London; the Sunday has 25 hours, and its last minute is still day 1.
    { at: '2026-10-24T11:00:00.000Z', zone: 'Europe/London', day: 0 },
    { at: '2026-10-24T23:30:00.000Z', zone: 'Europe/London', day: 1 }, // 00:30 BST on Sunday
    { at: '2026-10-25T23:30:00.000Z', zone: 'Europe/London', day: 1 }, // 23:30 GMT on Sunday
    { at: '2026-10-26T00:30:00.000Z', zone: 'Europe/London', day: 2 },
    // The same instants in UTC fall on other days: the zone, not UTC, decides.
    { at: '2026-10-24T23:30:00.000Z', zone: 'UTC', day: 0 },
    { at: '2026-10-23T23:30:00.000Z', zone: 'Europe/London', day: 0 }, // 00:30 BST on the onset date
    { at: '2026-10-23T22:30:00.000Z', zone: 'Europe/London', day: -1 }, // before the onset
  ])('$at in $zone is day $day of an episode that began 2026-10-24', ({ at, zone, day }) => {
    expect(episodeDayOf(at, '2026-10-24', zone)).toBe(day);
  });
});

describe('isInstant', () => {
  it.each([
    ['2026-01-01T00:00:00.000Z', true],
    ['2026-01-01T00:00:00Z', true],
    ['not a time', false],
    ['', false],
  ])('%j → %s', (value, ok) => {
    expect(isInstant(value)).toBe(ok);
  });
});
