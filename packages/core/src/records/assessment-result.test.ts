import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { makeAnswers } from '../triage/test-factories.ts';
import { triage } from '../triage/engine.ts';
import { assessmentInputSchema } from './assessment.ts';
import { assessmentResult } from './assessment-result.ts';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, fields: error.fields };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('assessmentResult', () => {
  it('a complete check gets the engine’s result, with or without `complete: true`', () => {
    const answers: Record<string, unknown> = { ...makeAnswers() };
    expect(assessmentResult({ answers })).toEqual(triage(answers));
    expect(assessmentResult({ answers, complete: true })).toEqual(triage(answers));
  });

  it('a complete check with a missing answer is refused naming it', () => {
    const { age: _age, ...answers } = makeAnswers();
    expect(refusal(() => assessmentResult({ answers }))).toEqual({
      code: 'validation_failed',
      fields: [{ field: 'answers.age', problem: 'missing' }],
    });
  });

  // Why: the questionnaire stops at the first certain emergency; the person must be sent for help and the server
  // must keep that result even though most questions were never asked.
  it('an early stop whose answers already make an emergency certain is stored as an emergency', () => {
    const result = assessmentResult({ answers: { saddle_numbness: true }, complete: false });
    expect(result.disposition).toBe('emergency');
    expect(result.reasons.map((r) => r.rule)).toEqual(['ces_saddle_numbness']);
    expect(result.reasons.every((r) => r.disposition === 'emergency')).toBe(true);
  });

  it('an early stop without a certain emergency is refused naming the answers', () => {
    expect(
      refusal(() => assessmentResult({ answers: { saddle_numbness: false, age: 40 }, complete: false })),
    ).toMatchObject({ code: 'early_stop_refused', fields: [{ field: 'answers' }] });
    // Even answers that would be urgent when complete are no reason to stop early.
    expect(
      refusal(() =>
        assessmentResult({ answers: { ...makeAnswers({ fever_or_unwell: true }) }, complete: false }),
      ),
    ).toMatchObject({ code: 'early_stop_refused', fields: [{ field: 'answers' }] });
  });

  it('an early stop with a wrongly typed answer is refused naming that answer, not the missing ones', () => {
    expect(refusal(() => assessmentResult({ answers: { saddle_numbness: 'yes' }, complete: false }))).toEqual(
      { code: 'validation_failed', fields: [{ field: 'answers.saddle_numbness', problem: 'wrong_type' }] },
    );
  });
});

describe('assessmentInputSchema', () => {
  const base = { id: '0193a0b0-0000-7000-8000-000000000001', at: '2026-11-10T08:00:00.000Z', answers: {} };

  it('takes `complete` and `unsure` (known question ids, each once)', () => {
    expect(
      assessmentInputSchema.safeParse({ ...base, complete: false, unsure: ['night_pain'] }).success,
    ).toBe(true);
    expect(assessmentInputSchema.safeParse({ ...base, unsure: ['not_a_question'] }).success).toBe(false);
    expect(assessmentInputSchema.safeParse({ ...base, unsure: ['night_pain', 'night_pain'] }).success).toBe(
      false,
    );
  });
});
