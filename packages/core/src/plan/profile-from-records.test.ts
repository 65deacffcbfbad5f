import { describe, expect, it } from 'vitest';
import type { Assessment, Episode } from '../records/index.ts';
import { triage, type TriageResult } from '../triage/index.ts';
import { makeAnswers } from '../triage/test-factories.ts';
import { buildPlan } from './build-plan.ts';
import { planProfileFromRecords } from './profile-from-records.ts';

const episode: Episode = {
  id: '0193a0b0-0000-7000-8000-000000000001',
  onsetDate: '2026-11-10',
  timeZone: 'Europe/London',
  location: 'lower',
  trigger: 'lifting',
  knownConditions: ['disc_herniation'],
  preferences: { thermal: 'either' },
  status: 'active',
  createdAt: '2026-11-10T08:00:00.000Z',
  updatedAt: '2026-11-10T08:00:00.000Z',
};

function assessment(at: string, overrides = {}): Assessment {
  const result = triage(makeAnswers(overrides)) as TriageResult;
  return {
    id: `0193a0b0-0000-7000-8000-00000000000${at.slice(9, 10)}`,
    episodeId: episode.id,
    at,
    answers: {},
    result,
    rulesVersion: result.rulesVersion,
  };
}

describe('planProfileFromRecords', () => {
  it('takes the latest assessment as the triage, whatever the order', () => {
    const profile = planProfileFromRecords(
      {
        episode,
        assessments: [
          assessment('2026-11-12T09:00:00.000Z', { vomiting: true }),
          assessment('2026-11-11T09:00:00.000Z'),
        ],
        diary: [],
      },
      '2026-11-12T10:00:00.000Z',
    );
    expect(profile.triage?.result.disposition).toBe('urgent');
    expect(profile.knownConditions).toEqual(['disc_herniation']);
  });

  it('no assessment: no triage, so the plan asks for one (never a plan before the red-flag check)', () => {
    const profile = planProfileFromRecords(
      { episode, assessments: [], diary: [] },
      '2026-11-12T10:00:00.000Z',
    );
    expect(profile.triage).toBeUndefined();
    expect(buildPlan(profile, '2026-11-12').kind).toBe('triage_needed');
  });

  it.each([
    [3, '2026-11-20T08:00:00.000Z', true],
    [4, '2026-11-20T08:00:00.000Z', false],
    // A mild rating from three days ago says nothing about now.
    [2, '2026-11-17T08:00:00.000Z', undefined],
  ])('latest rating %i at %s: pain is mild = %s', (pain, at, mild) => {
    const profile = planProfileFromRecords(
      {
        episode,
        assessments: [],
        diary: [
          { at: '2026-11-12T08:00:00.000Z', pain: 8 },
          { at, pain },
        ],
      },
      '2026-11-20T10:00:00.000Z',
    );
    expect(profile.painIsMild).toBe(mild);
  });
});
