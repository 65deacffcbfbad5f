import { describe, expect, it } from 'vitest';
import { daysSinceActivity, needGroup, sortByNeed, sparklinePoints } from './need.ts';
import type { PatientRow, RowEscalation } from './types.ts';

const today = '2026-12-04';

/** A row of the patient list; everything a test does not name is a calm, active patient. */
function makeRow(
  name: string,
  options: { escalations?: RowEscalation[]; lastActivityAt?: string | null; omitActivity?: boolean } = {},
): PatientRow {
  const row: PatientRow = {
    patient: { id: `id-${name}`, displayName: name },
    episode: { id: `ep-${name}`, onsetDate: '2026-11-20', status: 'active' },
    pain: { trend: 'improving', day: 14, baseline: 7, latest: 3, changePoints: -4 },
    peg: null,
    adherence: null,
    escalations: options.escalations ?? [],
  };
  if (!options.omitActivity) {
    row.lastActivityAt =
      options.lastActivityAt === undefined ? '2026-12-03T09:00:00.000Z' : options.lastActivityAt;
  }
  return row;
}

const warningSign: RowEscalation = {
  id: 'triage_again_now',
  level: 'urgent',
  title: 'Answer the warning-sign questions again',
  since: '2026-12-03',
};
const seeDoctor: RowEscalation = {
  id: 'see_doctor_with_summary',
  level: 'soon',
  title: 'See a doctor',
  since: '2026-12-01',
};
const stopExercise: RowEscalation = {
  id: 'stop_exercise',
  level: 'self_care',
  title: 'Stop that exercise',
  since: '2026-12-02',
};

describe('sortByNeed', () => {
  it('puts warning signs, then escalations, then 7 quiet days, then the rest', () => {
    const rows = [
      makeRow('Active'),
      makeRow('Quiet', { lastActivityAt: '2026-11-20T10:00:00.000Z' }),
      makeRow('Escalated', { escalations: [seeDoctor] }),
      makeRow('Warned', { escalations: [warningSign] }),
    ];
    expect(sortByNeed(rows, today).map((r) => r.patient.displayName)).toEqual([
      'Warned',
      'Escalated',
      'Quiet',
      'Active',
    ]);
  });

  it('puts a warning sign before a more numerous set of other escalations', () => {
    const rows = [
      makeRow('Many', { escalations: [seeDoctor, stopExercise] }),
      makeRow('Warned', { escalations: [warningSign] }),
    ];
    expect(sortByNeed(rows, today)[0]?.patient.displayName).toBe('Warned');
  });

  it('orders escalations by their most urgent level', () => {
    const rows = [
      makeRow('SelfCare', { escalations: [stopExercise] }),
      makeRow('Soon', { escalations: [stopExercise, seeDoctor] }),
    ];
    expect(sortByNeed(rows, today).map((r) => r.patient.displayName)).toEqual(['Soon', 'SelfCare']);
  });

  it('counts exactly 7 days as quiet and 6 as not', () => {
    const seven = makeRow('Seven', { lastActivityAt: '2026-11-27T23:00:00.000Z' });
    const six = makeRow('Six', { lastActivityAt: '2026-11-28T00:30:00.000Z' });
    expect(needGroup(seven, today)).toBe('inactive');
    expect(needGroup(six, today)).toBe('other');
  });

  it('treats a patient who never recorded anything as quiet, before the longest silence with a date', () => {
    const rows = [
      makeRow('Ten days', { lastActivityAt: '2026-11-24T10:00:00.000Z' }),
      makeRow('Never', { lastActivityAt: null }),
      makeRow('Thirty days', { lastActivityAt: '2026-11-04T10:00:00.000Z' }),
    ];
    expect(sortByNeed(rows, today).map((r) => r.patient.displayName)).toEqual([
      'Never',
      'Thirty days',
      'Ten days',
    ]);
  });

  // An older server sends no lastActivityAt: "not known" must not be read as "never", or everyone looks quiet.
  it('does not call a patient quiet when the server does not say when they were last active', () => {
    const row = makeRow('Unknown', { omitActivity: true });
    expect(daysSinceActivity(row, today)).toBeNull();
    expect(needGroup(row, today)).toBe('other');
  });

  it('breaks ties by name, and leaves its input as it was', () => {
    const rows = [makeRow('Zoe'), makeRow('Ann'), makeRow('Mia')];
    const before = rows.map((r) => r.patient.displayName);
    expect(sortByNeed(rows, today).map((r) => r.patient.displayName)).toEqual(['Ann', 'Mia', 'Zoe']);
    expect(rows.map((r) => r.patient.displayName)).toEqual(before);
  });
});

describe('sparklinePoints', () => {
  it('uses the daily series when the server sends one, gaps kept', () => {
    const row = makeRow('A');
    if (row.pain) row.pain.series = [7, null, 5, 4];
    expect(sparklinePoints(row)).toEqual([7, null, 5, 4]);
  });

  it('falls back to baseline and latest', () => {
    expect(sparklinePoints(makeRow('A'))).toEqual([7, 3]);
  });

  it('is empty without ratings', () => {
    const row = makeRow('A');
    row.pain = { trend: 'insufficient_data', day: 0, baseline: null, latest: null, changePoints: null };
    expect(sparklinePoints(row)).toEqual([]);
  });
});
