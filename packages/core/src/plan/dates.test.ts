import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  localDate,
  daysBetween,
  isCalendarDate,
  isWallTime,
  zonedTimeToUtc,
  zoneReader,
} from './dates.ts';
import { testZones } from './test-factories.ts';

describe('calendar dates', () => {
  it.each([
    ['2026-03-10', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-3-10', false],
    ['20260310', false],
    ['', false],
  ])('%s is a date: %s', (value, ok) => {
    expect(isCalendarDate(value)).toBe(ok);
  });

  it.each([
    ['2026-03-10', 0, '2026-03-10'],
    ['2026-03-10', 1, '2026-03-11'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-10', -10, '2026-02-28'],
    // Across the UK clock change: a date is a date, not 24 hours.
    ['2026-03-28', 2, '2026-03-30'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });

  it('adds and counts days consistently', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer({ min: -2000, max: 2000 }),
        (offset, days) => {
          const date = addDays('1990-01-01', offset);
          expect(isCalendarDate(date)).toBe(true);
          expect(daysBetween(date, addDays(date, days))).toBe(days);
        },
      ),
    );
  });

  it('refuses what is not a date', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it.each([
    ['08:30', true],
    ['23:59', true],
    ['00:00', true],
    ['24:00', false],
    ['8:30', false],
    ['08:60', false],
  ])('%s is a wall time: %s', (value, ok) => {
    expect(isWallTime(value)).toBe(ok);
  });
});

describe('wall-clock time in a zone', () => {
  it.each([
    ['2026-03-10T23:30:00.000Z', 'Europe/London', '2026-03-10'],
    ['2026-03-10T23:30:00.000Z', 'Australia/Sydney', '2026-03-11'],
    ['2026-03-10T03:00:00.000Z', 'America/Los_Angeles', '2026-03-09'],
    ['2026-07-01T23:30:00.000Z', 'Europe/London', '2026-07-02'],
  ])('%s is %s in %s', (instant, zone, date) => {
    expect(localDate(instant, zone)).toBe(date);
  });

  it.each([
    ['Europe/London', '2026-01-15', '08:30', '2026-01-15T08:30:00.000Z'],
    ['Europe/London', '2026-07-15', '08:30', '2026-07-15T07:30:00.000Z'],
    ['America/New_York', '2026-07-15', '08:30', '2026-07-15T12:30:00.000Z'],
    ['Asia/Kolkata', '2026-07-15', '08:30', '2026-07-15T03:00:00.000Z'],
    ['Pacific/Chatham', '2026-07-15', '08:30', '2026-07-14T19:45:00.000Z'],
    // Spring-forward gap: 01:30 does not exist; it moves forward by the hour (02:30 BST).
    ['Europe/London', '2026-03-29', '01:30', '2026-03-29T01:30:00.000Z'],
    // Autumn fold: 01:30 happens twice; the earlier (BST) one.
    ['Europe/London', '2026-10-25', '01:30', '2026-10-25T00:30:00.000Z'],
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00.000Z'],
  ])('%s %s %s is %s', (zone, date, time, utc) => {
    expect(new Date(zonedTimeToUtc(zoneReader(zone), date, time)).toISOString()).toBe(utc);
  });

  // Away from a clock change, converting a wall time to UTC and back gives the same wall time.
  it('round-trips wall times in every test zone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...testZones),
        fc.integer({ min: 0, max: 3650 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, offset, hour, minute) => {
          const reader = zoneReader(zone);
          const date = addDays('2024-01-01', offset);
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const ms = zonedTimeToUtc(reader, date, time);
          const wall = reader.wallClock(ms);
          const shown = `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
          if (shown !== time) {
            // Only a wall time in a spring-forward gap may move, and only forward, by at most an hour.
            const asked = hour * 60 + minute;
            const got = wall.hour * 60 + wall.minute;
            expect(got - asked).toBeGreaterThan(0);
            expect(got - asked).toBeLessThanOrEqual(60);
          } else {
            expect(localDate(ms, zone)).toBe(date);
          }
        },
      ),
    );
  });

  it.each([
    // Years below 100 count as written, not as 1900-1999; before time zones, London kept local mean time
    // (UTC-0:01:15) and Kolkata its own (UTC+5:53:28).
    ['UTC', '0050-03-01', '08:30', '0050-03-01T08:30:00.000Z'],
    ['UTC', '0000-02-29', '23:59', '0000-02-29T23:59:00.000Z'],
    ['Europe/London', '0050-03-01', '08:30', '0050-03-01T08:31:15.000Z'],
    ['Asia/Kolkata', '0099-12-31', '08:30', '0099-12-31T02:36:32.000Z'],
    ['Europe/London', '9999-07-15', '08:30', '9999-07-15T07:30:00.000Z'],
  ])('%s %s %s is %s in any year', (zone, date, time, utc) => {
    expect(new Date(zonedTimeToUtc(zoneReader(zone), date, time)).toISOString()).toBe(utc);
  });

  it.each([
    ['Europe/London', '0050-07-01T00:00:00.000Z', -75_000],
    ['Asia/Kolkata', '0050-07-01T00:00:00.000Z', 21_208_000],
    ['Europe/London', '9999-07-01T00:00:00.000Z', 3_600_000],
  ])('%s is offset at %s by %i ms', (zone, instant, offset) => {
    expect(zoneReader(zone).offsetAt(Date.parse(instant))).toBe(offset);
  });

  it('round-trips wall times in UTC for years 0000 to 9999', () => {
    const reader = zoneReader('UTC');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3_652_424 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (offset, hour, minute) => {
          const date = addDays('0000-01-01', offset);
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const ms = zonedTimeToUtc(reader, date, time);
          expect(new Date(ms).toISOString().slice(0, 16)).toBe(`${date}T${time}`);
          expect(localDate(ms, 'UTC')).toBe(date);
        },
      ),
    );
  });

  it('refuses an unknown zone', () => {
    expect(() => zoneReader('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
