import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isCalendarDate, localDate, wallClock, type WallClock } from './calendar.ts';

/**
 * The oracle: Intl's own reading of every instant, the way wallClock read it before it cached offsets. A fresh
 * formatter per zone, so the test shares no state with the code under test.
 */
const oracles = new Map<string, Intl.DateTimeFormat>();
function oracle(ms: number, timeZone: string): WallClock {
  let formatter = oracles.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    oracles.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(ms).map((p) => [p.type, p.value]));
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

// Zones with DST, half-hour and 45-minute offsets, a 30-minute DST (Lord Howe), southern summers, a date-line
// jump (Apia skipped 2011-12-30), and historic offsets with seconds (Monrovia until 1972, Dublin in 1916).
const zones = [
  'UTC',
  'Europe/London',
  'Africa/Monrovia',
  'Europe/Dublin',
  'America/New_York',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Apia',
  'Pacific/Chatham',
  'America/Sao_Paulo',
];

const at = (iso: string) => Date.parse(iso);

describe('wallClock with cached offsets', () => {
  it('reads every instant as Intl does, around transitions to the second', () => {
    const transitions = [
      ['Europe/London', '2026-03-29T01:00:00Z'],
      ['Europe/London', '2026-10-25T01:00:00Z'],
      ['America/New_York', '2026-03-08T07:00:00Z'],
      ['America/St_Johns', '2026-11-01T04:30:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
      ['Pacific/Apia', '2011-12-30T10:00:00Z'],
      // Historic offsets with seconds change in the middle of a quarter hour of UTC time.
      ['Africa/Monrovia', '1972-01-07T00:44:30Z'],
      ['Europe/Dublin', '1916-05-21T02:25:21Z'],
    ] as const;
    for (const [zone, iso] of transitions) {
      for (let delta = -3 * 3600; delta <= 3 * 3600; delta += 37) {
        const ms = at(iso) + delta * 1000;
        expect(wallClock(ms, zone), `${zone} ${new Date(ms).toISOString()}`).toEqual(oracle(ms, zone));
      }
    }
  });

  it('agrees with Intl for any instant from year 1 to 9999 in any of the zones (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: at('0001-01-01T00:00:00Z'), max: at('9999-12-31T23:59:59Z') }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          expect(wallClock(ms, zone)).toEqual(oracle(ms, zone));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('agrees with Intl for instants near now, where a diary lives (property, with milliseconds)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2030-12-31T23:59:59Z') }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          expect(wallClock(ms, zone)).toEqual(oracle(ms, zone));
          expect(localDate(ms, zone)).toBe(localDate(new Date(ms).toISOString(), zone));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('still refuses an unknown zone', () => {
    expect(() => wallClock(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('calendar dates by arithmetic', () => {
  // The oracle: Date's own calendar, with a round trip to refuse dates that roll over (2026-02-30).
  const oracleDay = (date: string): number | undefined => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
    const d = new Date(0);
    d.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
    return d.toISOString().slice(0, 10) === date ? d.getTime() / 86_400_000 : undefined;
  };
  const dateText = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(
      ([y, m, d]) =>
        `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    );

  it('counts days and refuses non-dates exactly as Date does, for any year 0000-9999 (property)', () => {
    fc.assert(
      fc.property(dateText, dateText, (a, b) => {
        const [da, db] = [oracleDay(a), oracleDay(b)];
        expect(isCalendarDate(a)).toBe(da !== undefined);
        if (da !== undefined && db !== undefined) expect(daysBetween(a, b)).toBe(db - da);
        if (da !== undefined) expect(addDays(a, 0)).toBe(a);
      }),
      { numRuns: 5000 },
    );
  });

  it.each(['2024-02-29', '2000-02-29', '0000-02-29', '1970-01-01', '9999-12-31'])('%s is a date', (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each([
    '2026-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-4-01',
    '2026-04-1x',
    ' 2026-04-01',
    '２０２６-04-01',
  ])('%s is not a date', (date) => {
    expect(isCalendarDate(date)).toBe(false);
  });
});
