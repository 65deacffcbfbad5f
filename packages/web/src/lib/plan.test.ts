import { exampleAnswers, triage, type Answers, type TriageResult } from '@unknot/core';
import { afterEach, describe, expect, it } from 'vitest';
import { localToday } from './dates.ts';
import { plan } from './plan.ts';
import { checks, diary, episode, programme, type AssignedProgramme, type LocalEpisode } from './records.ts';

const today = localToday('UTC');
const ep: LocalEpisode = {
  id: '01900000-0000-7000-8000-000000000001',
  onsetDate: today,
  timeZone: 'UTC',
  location: 'lower',
  trigger: 'lifting',
  knownConditions: [],
  preferences: {},
  preferencesAsked: true,
};

function resultOf(answers: Answers): TriageResult {
  const result = triage(answers);
  if (!('disposition' in result)) throw new Error('the example answers should triage');
  return result;
}

const check = (answers: Answers) => ({
  id: '01900000-0000-7000-8000-000000000002',
  at: new Date().toISOString(),
  answers,
  result: resultOf(answers),
  unsure: [],
  complete: true,
});

const selfCare: Answers = { ...exampleAnswers, known_conditions: ['none'], days_since_onset: 0 };
const stretching: AssignedProgramme = {
  id: 'p1',
  patientId: 'a1',
  clinicianId: 'c1',
  createdAt: '2026-03-01T00:00:00Z',
  items: [{ entryId: 'ex-gentle-stretching', holdSeconds: 10, reps: 3, timesPerWeek: 14 }],
};

describe('the plan with a clinician’s programme', () => {
  afterEach(() => {
    episode.value = null;
    checks.value = [];
    diary.value = [];
    programme.value = null;
  });

  it('shows the default items without a programme, the assigned ones with it', () => {
    episode.value = ep;
    checks.value = [check(selfCare)];
    const before = plan.value;
    if (before?.kind !== 'plan') throw new Error(`expected a plan, got ${String(before?.kind)}`);
    expect(before.days[0]?.items.some((i) => i.from === 'clinician')).toBe(false);

    programme.value = stretching;
    const after = plan.value;
    if (after?.kind !== 'plan') throw new Error('expected a plan');
    const assigned = after.days[0]?.items.filter((i) => i.from === 'clinician') ?? [];
    expect(assigned.map((i) => [i.entryId, i.dose])).toEqual([
      ['ex-gentle-stretching', { holdSeconds: 10, reps: 3, timesPerWeek: 14 }],
    ]);
    // The assigned items take the place of the default ones (the first-screen reassurance stays).
    expect(after.days[0]?.items.every((i) => i.from === 'clinician' || i.slot === 'first_screen')).toBe(true);
  });

  // Safety first: an emergency replaces the plan, programme and all.
  it('leaves the emergency in place of the plan when the check found one', () => {
    episode.value = ep;
    programme.value = stretching;
    checks.value = [check({ ...selfCare, saddle_numbness: true })];
    expect(checks.value[0]?.result.disposition).toBe('emergency');
    expect(plan.value?.kind).not.toBe('plan');
  });
});
