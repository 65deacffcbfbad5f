/**
 * The triage decides the frame (§5, §1.4 rule 1, §6 check 9), and a bad profile comes back as data.
 */
import { describe, expect, it } from 'vitest';
import { dispositionAdvice } from '../triage/index.ts';
import { buildPlan } from './build-plan.ts';
import { addDays } from './dates.ts';
import { build, makeProfile, TODAY } from './test-factories.ts';

describe('the triage frame', () => {
  it.each(['emergency', 'urgent'] as const)(
    '%s: an escalation instead of a plan, with no days or items',
    (disposition) => {
      const result = build({ onsetDaysAgo: 4, disposition });
      expect(result).toEqual({
        kind: 'escalation',
        disposition,
        headline: dispositionAdvice[disposition].headline,
        advice: dispositionAdvice[disposition].advice,
        reasons: [expect.objectContaining({ disposition }) as unknown],
        safetyNet:
          disposition === 'urgent'
            ? (expect.objectContaining({ closing: expect.any(String) as unknown }) as unknown)
            : null,
      });
      // No plan content: no days, no entries (the safety-net groups have `items` of their own, plain text).
      expect(JSON.stringify(result)).not.toMatch(/"(days|entryId|stages|heldBack)"/);
    },
  );

  it('soon: the plan plus the appointment card with the triage reasons', () => {
    const result = build({ onsetDaysAgo: 4, disposition: 'soon' });
    expect(result.kind).toBe('plan');
    if (result.kind !== 'plan') return;
    expect(result.disposition).toBe('soon');
    expect(result.appointment).toEqual({
      disposition: 'soon',
      headline: dispositionAdvice.soon.headline,
      advice: dispositionAdvice.soon.advice,
      reasons: [expect.objectContaining({ rule: 'test_soon' }) as unknown],
    });
    expect(result.days.length).toBeGreaterThan(0);
  });

  it('self_care: the plan without an appointment card', () => {
    const result = build({ onsetDaysAgo: 4 });
    expect(result).toMatchObject({ kind: 'plan', disposition: 'self_care', appointment: null });
  });
});

describe('the questionnaire must be answered (again) first', () => {
  it('no triage at all → triage_needed, never a plan', () => {
    expect(build({ disposition: null })).toEqual({
      kind: 'triage_needed',
      reason: 'no_triage',
      message: expect.any(String) as unknown,
      lastDisposition: null,
    });
  });

  it.each([
    [
      'symptoms changed after the triage',
      '2026-03-10T12:00:00.000Z',
      '2026-03-10T12:00:00.001Z',
      'symptoms_changed',
    ],
    ['symptoms changed before the triage', '2026-03-10T12:00:00.000Z', '2026-03-10T11:59:59.999Z', null],
    ['symptoms changed at the same instant', '2026-03-10T12:00:00.000Z', '2026-03-10T12:00:00.000Z', null],
  ] as const)('%s', (_why, triageAt, symptomsChangedAt, reason) => {
    const result = build({ triageAt, symptomsChangedAt });
    if (reason === null) expect(result.kind).toBe('plan');
    else expect(result).toMatchObject({ kind: 'triage_needed', reason, lastDisposition: 'self_care' });
  });

  // §5: "Before every phase, the red-flag questionnaire runs."
  it.each([
    ['day 2 triage, today day 2', 2, 0, 'plan'],
    ['day 2 triage, today day 3 (subacute begins)', 3, 1, 'triage_needed'],
    ['day 3 triage, today day 9 (still subacute)', 9, 6, 'plan'],
    ['day 14 triage, today day 15 (recovery begins)', 15, 1, 'triage_needed'],
    ['day 30 triage, today day 43 (prevention begins)', 43, 13, 'triage_needed'],
    ['day 50 triage, today day 80', 80, 30, 'plan'],
  ] as const)('%s → %s', (_why, day, triageDaysAgo, kind) => {
    const result = build({ onsetDaysAgo: day, triageAt: `${addDays(TODAY, -triageDaysAgo)}T12:00:00.000Z` });
    expect(result.kind).toBe(kind);
    if (result.kind === 'triage_needed') expect(result.reason).toBe('new_phase');
  });

  it('an early move to recovery is a new phase too', () => {
    const yesterday = `${addDays(TODAY, -1)}T12:00:00.000Z`;
    expect(build({ onsetDaysAgo: 10, painIsMild: true, triageAt: yesterday }).kind).toBe('triage_needed');
    expect(build({ onsetDaysAgo: 10, painIsMild: false, triageAt: yesterday }).kind).toBe('plan');
  });

  // The triage's date is read in the episode's zone: 23:30 UTC on the 9th is already the 10th in Sydney.
  it('reads the triage date in the episode’s time zone', () => {
    const lateEvening = `${addDays(TODAY, -1)}T23:30:00.000Z`;
    expect(build({ onsetDaysAgo: 3, triageAt: lateEvening, timeZone: 'Australia/Sydney' }).kind).toBe('plan');
    expect(build({ onsetDaysAgo: 3, triageAt: lateEvening, timeZone: 'Europe/London' }).kind).toBe(
      'triage_needed',
    );
  });

  it('a stale emergency keeps its disposition in view while asking again', () => {
    const result = build({ disposition: 'emergency', symptomsChangedAt: '2026-03-10T13:00:00.000Z' });
    expect(result).toMatchObject({
      kind: 'triage_needed',
      reason: 'symptoms_changed',
      lastDisposition: 'emergency',
    });
  });
});

describe('an invalid profile is a value listing every problem', () => {
  const problemFields = (profile: unknown, today: unknown = TODAY, options?: unknown) => {
    // Deliberately wrong inputs, as JSON from outside could be.
    const result = buildPlan(profile as never, today as never, options as never);
    expect(result.kind).toBe('invalid_profile');
    return result.kind === 'invalid_profile' ? result.problems.map((problem) => problem.field) : [];
  };

  it.each([
    ['no onset date', { onsetDate: undefined }, ['onsetDate']],
    ['an impossible onset date', { onsetDate: '2026-02-30' }, ['onsetDate']],
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, ['timeZone']],
    ['an unknown location', { location: 'neck' }, ['location']],
    ['an unknown trigger', { trigger: 'yoga' }, ['trigger']],
    ['a condition outside the vocabulary', { knownConditions: ['sciatica'] }, ['knownConditions.0']],
    ['a repeated condition', { knownConditions: ['arthritis', 'arthritis'] }, ['knownConditions']],
    ['an unknown other condition', { otherConditions: ['flu'] }, ['otherConditions.0']],
    [
      'a triage time without a zone',
      { triage: { at: '2026-03-10T12:00:00', result: {} } },
      ['triage.at', 'triage.result.disposition', 'triage.result.reasons', 'triage.result.rulesVersion'],
    ],
    ['a non-UTC symptom change', { symptomsChangedAt: 'yesterday' }, ['symptomsChangedAt']],
    ['an unknown preference', { preferences: { thermal: 'lukewarm' } }, ['preferences.thermal']],
    ['pain mild as a string', { painIsMild: 'yes' }, ['painIsMild']],
    ['negative earlier episodes', { earlierEpisodes: -1 }, ['earlierEpisodes']],
  ])('%s', (_why, change, fields) => {
    expect(problemFields({ ...makeProfile(), ...change })).toEqual(fields);
  });

  it('lists several problems at once', () => {
    expect(problemFields({ ...makeProfile(), location: 'neck', trigger: 'yoga' }, 'today')).toEqual([
      'location',
      'trigger',
      'today',
    ]);
  });

  it.each([
    ['not a date', 'tomorrow'],
    ['not a real date', '2026-13-01'],
    ['before the onset', addDays(TODAY, -1)],
    ['not a string', 20260310],
  ])('today %s', (_why, today) => {
    expect(problemFields(makeProfile(), today)).toEqual(['today']);
  });

  it.each([0, 121, 2.5, '14'])('horizonDays %s', (horizonDays) => {
    expect(problemFields(makeProfile(), TODAY, { horizonDays })).toEqual(['options.horizonDays']);
  });

  it('rejects a profile that is not an object', () => {
    expect(problemFields(null)).toEqual(['(profile)']);
  });

  it('checks the profile before the triage', () => {
    expect(buildPlan({ ...makeProfile({ disposition: null }), location: 'neck' } as never, TODAY).kind).toBe(
      'invalid_profile',
    );
  });
});
