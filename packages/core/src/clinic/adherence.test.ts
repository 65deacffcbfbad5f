import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../calendar.ts';
import { mondayOf, weeklyAdherence, type AdherenceLog } from './adherence.ts';

const programme = {
  items: [
    { entryId: 'ex-knee-to-chest', holdSeconds: 15, reps: 2, timesPerWeek: 3 },
    { entryId: 'tx-heat', timesPerWeek: 2 },
    // No guided session: never logged, so not tracked.
    { entryId: 'pos-90-90-legs-on-chair', timesPerWeek: 7 },
  ],
};

const log = (protocolId: string, startedAt: string, overrides: Partial<AdherenceLog> = {}): AdherenceLog => ({
  protocolId,
  startedAt,
  stoppedEarly: false,
  stepsCompleted: 4,
  ...overrides,
});

// Monday 2026-11-02 to Sunday 2026-11-08, in London (UTC+0 in November) and in Auckland (UTC+13).
const weekStart = '2026-11-02';

describe('weeklyAdherence', () => {
  it('counts completed sessions of each item in the week and gives the ratio over tracked items', () => {
    const logs = [
      log('ex-knee-to-chest', '2026-11-02T08:00:00.000Z'),
      log('ex-knee-to-chest', '2026-11-04T08:00:00.000Z'),
      log('tx-heat', '2026-11-08T20:00:00.000Z'),
    ];
    expect(weeklyAdherence(programme, logs, weekStart, 'Europe/London')).toStrictEqual({
      weekStart,
      weekEnd: '2026-11-08',
      items: [
        { entryId: 'ex-knee-to-chest', assigned: 3, done: 2, tracked: true },
        { entryId: 'tx-heat', assigned: 2, done: 1, tracked: true },
        { entryId: 'pos-90-90-legs-on-chair', assigned: 7, done: null, tracked: false },
      ],
      ratio: 3 / 5,
    });
  });

  it.each([
    ['stopped early', { stoppedEarly: true }],
    ['every step skipped', { stepsCompleted: 0 }],
    // Another device is still running it: it has not been done yet.
    ['still in progress', { inProgress: true }],
  ])('does not count a session %s', (_what, overrides) => {
    const logs = [log('tx-heat', '2026-11-03T08:00:00.000Z', overrides)];
    expect(weeklyAdherence(programme, logs, weekStart, 'Europe/London').items[1]?.done).toBe(0);
  });

  it('ignores sessions of entries not in the programme, and outside the week', () => {
    const logs = [
      log('tx-ice', '2026-11-03T08:00:00.000Z'),
      log('tx-heat', '2026-11-01T23:59:59.000Z'),
      log('tx-heat', '2026-11-09T00:00:00.000Z'),
    ];
    const result = weeklyAdherence(programme, logs, weekStart, 'Europe/London');
    expect(result.items.map((item) => item.done)).toStrictEqual([0, 0, null]);
    expect(result.ratio).toBe(0);
  });

  it("puts a session on the patient's local day, not the UTC day", () => {
    // 11:30 UTC on Sunday 8 November is 00:30 on Monday 9 November in Auckland: next week there.
    const logs = [log('tx-heat', '2026-11-08T11:30:00.000Z'), log('tx-heat', '2026-11-01T11:30:00.000Z')];
    expect(weeklyAdherence(programme, logs, weekStart, 'Europe/London').items[1]?.done).toBe(1);
    expect(weeklyAdherence(programme, logs, weekStart, 'Pacific/Auckland').items[1]?.done).toBe(1);
    const sundayOnly = [logs[0] as AdherenceLog];
    expect(weeklyAdherence(programme, sundayOnly, weekStart, 'Europe/London').items[1]?.done).toBe(1);
    expect(weeklyAdherence(programme, sundayOnly, weekStart, 'Pacific/Auckland').items[1]?.done).toBe(0);
  });

  it('caps extra sessions of one item, so they cannot hide another left undone', () => {
    const logs = Array.from({ length: 6 }, (_, day) =>
      log('ex-knee-to-chest', `2026-11-0${String(day + 2)}T08:00:00.000Z`),
    );
    const result = weeklyAdherence(programme, logs, weekStart, 'Europe/London');
    expect(result.items[0]?.done).toBe(6);
    expect(result.ratio).toBe(3 / 5);
  });

  it('has no ratio when nothing in the programme is tracked', () => {
    const untracked = { items: [{ entryId: 'pos-legs-raised-in-bed', timesPerWeek: 7 }] };
    expect(weeklyAdherence(untracked, [], weekStart, 'Europe/London').ratio).toBeNull();
  });

  it('keeps the ratio between 0 and 1 for any logs', () => {
    const day = fc.integer({ min: -3, max: 10 });
    const anyLog = fc.record({
      protocolId: fc.constantFrom('ex-knee-to-chest', 'tx-heat', 'tx-ice'),
      startedAt: day.map((d) => `${addDays(weekStart, d)}T12:00:00.000Z`),
      stoppedEarly: fc.boolean(),
      stepsCompleted: fc.integer({ min: 0, max: 8 }),
    });
    fc.assert(
      fc.property(fc.array(anyLog, { maxLength: 30 }), (logs) => {
        const { ratio, items } = weeklyAdherence(programme, logs, weekStart, 'Europe/London');
        expect(ratio).toBeGreaterThanOrEqual(0);
        expect(ratio).toBeLessThanOrEqual(1);
        const heat = logs.filter(
          (l) =>
            l.protocolId === 'tx-heat' &&
            !l.stoppedEarly &&
            l.stepsCompleted > 0 &&
            l.startedAt >= weekStart &&
            l.startedAt < '2026-11-09',
        );
        expect(items[1]?.done).toBe(heat.length);
      }),
    );
  });
});

describe('mondayOf', () => {
  it.each([
    ['2026-11-02', '2026-11-02'],
    ['2026-11-08', '2026-11-02'],
    ['2026-11-09', '2026-11-09'],
    ['2026-01-01', '2025-12-29'],
    ['1970-01-01', '1969-12-29'],
  ])('%s → %s', (date, monday) => {
    expect(mondayOf(date)).toBe(monday);
  });

  it('is a Monday within the six days before any date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -40_000, max: 40_000 }), (offset) => {
        const date = addDays('2000-01-03', offset); // 2000-01-03 was a Monday
        const monday = mondayOf(date);
        expect(daysBetween(monday, date)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(monday, date)).toBeLessThan(7);
        expect(Math.abs(daysBetween('2000-01-03', monday) % 7)).toBe(0);
      }),
    );
  });
});
