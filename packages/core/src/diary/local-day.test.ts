/**
 * Local calendar days: the oracle instants below are written out by hand from the published DST rules, so the
 * tests do not trust Intl to check Intl.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateOf } from '../calendar.ts';
import { addDays, daysBetween, episodeDayOf, isCalendarDate, isInstant, localDate } from './local-day.ts';

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

describe('daysBetween', () => {
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
    expect(daysBetween(from, to)).toBe(days);
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', ''])('rejects %j', (bad) => {
    expect(() => daysBetween(bad, '2026-01-01')).toThrow(RangeError);
    expect(isCalendarDate(bad)).toBe(false);
  });

  it('is undone by addDays', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: -2000, max: 2000 }), (base, n) => {
        const date = addDays('1990-01-01', base);
        expect(daysBetween(date, addDays(date, n))).toBe(n);
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

describe('every year from 0000 to 9999', () => {
  // An oracle that does not go through Date: days since 1970-01-01 of a proleptic-Gregorian date (H. Hinnant's
  // days_from_civil), so the tests do not trust Date to check Date.
  const isLeap = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = (year: number, month: number): number =>
    [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  function epochDayOracle(year: number, month: number, day: number): number {
    const y = month <= 2 ? year - 1 : year;
    const era = Math.floor(y / 400);
    const yearOfEra = y - era * 400;
    const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
    const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }
  const written = (year: number, month: number, day: number): string =>
    `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const firstDay = epochDayOracle(0, 1, 1);
  const lastDay = epochDayOracle(9999, 12, 31);
  const fieldsArb = fc.record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  });
  const dateArb = fieldsArb.map(({ year, month, day }) => ({
    year,
    month,
    day: Math.min(day, daysInMonth(year, month)),
  }));

  it.each([
    ['0050-02-29', false],
    ['0048-02-29', true],
    ['0000-02-29', true], // divisible by 400
    ['0100-02-29', false],
    ['0400-02-29', true],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['0050-03-01', true],
    ['0000-01-01', true],
    ['9999-12-31', true],
    ['10000-01-01', false],
    ['-0001-01-01', false],
  ])('%s is a date: %s', (value, ok) => {
    expect(isCalendarDate(value)).toBe(ok);
  });

  it.each([
    { from: '0000-01-01', to: '1970-01-01', days: 719_528 },
    { from: '0001-01-01', to: '9999-12-31', days: 3_652_058 },
    { from: '0050-02-28', to: '0050-03-01', days: 1 },
    { from: '0048-02-28', to: '0048-03-01', days: 2 },
    { from: '0099-12-31', to: '0100-01-01', days: 1 },
    { from: '0000-12-31', to: '0001-01-01', days: 1 },
    { from: '0050-03-01', to: '1950-03-01', days: 693_960 },
  ])('$from → $to is $days days', ({ from, to, days }) => {
    expect(daysBetween(from, to)).toBe(days);
    expect(addDays(from, days)).toBe(to);
    expect(addDays(to, -days)).toBe(from);
  });

  it.each([
    // Before time zones, clocks kept local mean time: London was 1 min 15 s behind UTC, New York 4 h 56 min.
    { at: '0050-03-01T12:00:00.000Z', zone: 'UTC', date: '0050-03-01' },
    { at: '0000-06-15T12:00:00.000Z', zone: 'UTC', date: '0000-06-15' },
    { at: '0001-01-01T00:01:00.000Z', zone: 'Europe/London', date: '0000-12-31' },
    { at: '0001-01-01T04:30:00.000Z', zone: 'America/New_York', date: '0000-12-31' },
    { at: '0099-12-31T23:59:59.999Z', zone: 'UTC', date: '0099-12-31' },
    { at: '9999-12-31T23:59:59.999Z', zone: 'UTC', date: '9999-12-31' },
  ])('$at in $zone is $date', ({ at, zone, date }) => {
    expect(localDate(at, zone)).toBe(date);
  });

  it.each([
    [{ year: 0, month: 1, day: 1 }, '0000-01-01'],
    [{ year: 50, month: 3, day: 1 }, '0050-03-01'],
    [{ year: 999, month: 12, day: 31 }, '0999-12-31'],
    [{ year: 9999, month: 12, day: 31 }, '9999-12-31'],
  ])('dateOf(%o) is %s', (clock, date) => {
    expect(dateOf(clock)).toBe(date);
  });

  it('knows which dates exist', () => {
    fc.assert(
      fc.property(fieldsArb, ({ year, month, day }) => {
        expect(isCalendarDate(written(year, month, day))).toBe(day <= daysInMonth(year, month));
      }),
    );
  });

  it('counts the days from 1970-01-01 as the oracle does', () => {
    fc.assert(
      fc.property(dateArb, ({ year, month, day }) => {
        const date = written(year, month, day);
        const days = epochDayOracle(year, month, day);
        expect(daysBetween('1970-01-01', date)).toBe(days);
        expect(addDays('1970-01-01', days)).toBe(date);
      }),
    );
  });

  it('addDays(d, n) is undone by daysBetween', () => {
    const nArb = fc.oneof(
      fc.integer({ min: -1000, max: 1000 }),
      fc.integer({ min: firstDay - lastDay, max: lastDay - firstDay }),
    );
    fc.assert(
      fc.property(dateArb, nArb, ({ year, month, day }, n) => {
        const target = epochDayOracle(year, month, day) + n;
        fc.pre(target >= firstDay && target <= lastDay);
        const date = written(year, month, day);
        const later = addDays(date, n);
        expect(isCalendarDate(later)).toBe(true);
        expect(daysBetween(date, later)).toBe(n);
      }),
    );
  });

  it('reads the local date of any instant in UTC', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 86_399_999 }), ({ year, month, day }, msOfDay) => {
        const ms = epochDayOracle(year, month, day) * 86_400_000 + msOfDay;
        expect(localDate(ms, 'UTC')).toBe(written(year, month, day));
      }),
    );
  });
});
