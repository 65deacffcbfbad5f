import { describe, expect, it } from 'vitest';
import { isEarlyRecovery, phaseOf, phaseStartDay, stageForDay, stageSpans } from './phases.ts';

describe('stages from days since onset (§1.3, §5)', () => {
  it.each([
    [0, 'acute'],
    [2, 'acute'],
    [3, 'subacute_early'],
    [7, 'subacute_early'],
    [8, 'subacute_late'],
    [14, 'subacute_late'],
    [15, 'recovery'],
    [42, 'recovery'],
    [43, 'prevention'],
    [365, 'prevention'],
  ] as const)('day %i is %s', (day, stage) => {
    expect(stageForDay(day)).toBe(stage);
  });

  it.each([
    [7, 10, 'subacute_early'],
    [9, 10, 'subacute_late'],
    [10, 10, 'recovery'],
    [14, 8, 'recovery'],
    [43, 8, 'prevention'],
  ] as const)('day %i with recovery early from day %i is %s', (day, from, stage) => {
    expect(stageForDay(day, from)).toBe(stage);
  });

  it.each([
    [7, true, false],
    [8, true, true],
    [14, true, true],
    [15, true, false],
    [10, false, false],
  ])('day %i, pain mild %s: early recovery %s', (day, mild, early) => {
    expect(isEarlyRecovery(day, mild)).toBe(early);
  });

  it('maps stages to the four §1.3 phases', () => {
    expect(
      ['acute', 'subacute_early', 'subacute_late', 'recovery', 'prevention'].map((s) => phaseOf(s as never)),
    ).toEqual(['acute', 'subacute', 'subacute', 'recovery', 'prevention']);
  });

  it.each([
    [0, null, 0],
    [2, null, 0],
    [3, null, 3],
    [10, null, 3],
    [14, null, 3],
    [20, null, 15],
    [50, null, 43],
    [11, 10, 10],
    [9, 10, 3],
  ] as const)('day %i (early from %s) is in a phase that began on day %i', (day, from, start) => {
    expect(phaseStartDay(day, from)).toBe(start);
  });

  it('dates the stages of an episode, skipping nothing unless recovery came early', () => {
    expect(stageSpans('2026-03-10').map((span) => [span.stage, span.startDate, span.endDate])).toEqual([
      ['acute', '2026-03-10', '2026-03-12'],
      ['subacute_early', '2026-03-13', '2026-03-17'],
      ['subacute_late', '2026-03-18', '2026-03-24'],
      ['recovery', '2026-03-25', '2026-04-21'],
      ['prevention', '2026-04-22', null],
    ]);
    expect(stageSpans('2026-03-10', 8).map((span) => span.stage)).toEqual([
      'acute',
      'subacute_early',
      'recovery',
      'prevention',
    ]);
  });
});
