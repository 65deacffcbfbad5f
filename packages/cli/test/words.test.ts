/**
 * The CLI's words come from core's shared tables (spec 1.1, issue 12 §1): a condition in the plan reads as on the
 * web and in the summary, and no plan line names a source article by its file name.
 */
import { buildPlan, conditionLabels, triage, exampleAnswers, type PlanProfile } from '@unknot/core';
import { describe, expect, it } from 'vitest';
import { plain } from '../src/io.ts';
import { renderPlanResult } from '../src/render/plan.ts';

const today = '2026-03-10';
const result = triage(exampleAnswers);

function planText(profile: Partial<PlanProfile>): string {
  if ('error' in result) throw new Error('the example answers are valid');
  const built = buildPlan(
    {
      onsetDate: today,
      timeZone: 'Europe/London',
      location: 'lower',
      trigger: 'lifting',
      knownConditions: [],
      triage: { at: `${today}T12:00:00.000Z`, result },
      preferences: {},
      ...profile,
    },
    today,
  );
  if (built.kind === 'invalid_profile') throw new Error('the profile is valid');
  return renderPlanResult(built, plain);
}

describe('CLI words', () => {
  it('names a condition in the plan with the shared label', () => {
    const text = planText({ otherConditions: ['broken_skin'] });
    expect(text).toContain(conditionLabels.broken_skin);
  });

  it('names source articles by title, never by file name', () => {
    const text = planText({});
    expect(text).toContain('"How to Treat Back Spasms" (web article)');
    expect(text).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
  });
});
