import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate, wallClock, type WallClock } from './calendar.ts';

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
