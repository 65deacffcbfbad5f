/**
 * `ifUnsure`: what "not sure" stands for must never lower the result. Over random complete answers, substituting a
 * question's `ifUnsure` gives a disposition at least as severe as any definite answer to that question.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { questions, type Question } from './questionnaire.ts';
import { triage, type AnswerValue, type Answers, type Disposition } from './index.ts';
import { arbAnswers, makeAnswers, specQuestionIds, specSeverity } from './test-factories.ts';

/**
 * Complete answers that are mostly the calm Example 1 with a few answers changed at random: fully random answers
 * nearly always fire some rule already, which would hide a "not sure" that lowers the result.
 */
const arbMostlyCalm: fc.Arbitrary<Answers> = fc
  .tuple(arbAnswers, fc.subarray([...specQuestionIds], { maxLength: 4 }))
  .map(([random, changed]) => makeAnswers(Object.fromEntries(changed.map((id) => [id, random[id]]))));

function dispositionOf(input: Answers): Disposition {
  const result = triage(input);
  if ('error' in result) throw new Error(`unexpected validation error: ${JSON.stringify(result.fields)}`);
  return result.disposition;
}

/** Every definite answer to a question that offers "not sure". */
function definiteAnswers(question: Question): readonly AnswerValue[] {
  const type = question.type;
  switch (type.kind) {
    case 'boolean':
      return [true, false];
    case 'enum':
      return type.options.map((o) => o.value as AnswerValue);
    case 'integer':
    case 'multi':
      throw new Error(`${question.id}: "not sure" is only for yes/no and single-choice questions`);
  }
}

const unsureQuestions = questions.filter((q) => q.ifUnsure !== undefined);

describe('ifUnsure', () => {
  it('is offered for every yes/no and leg question, and for no number, place, cause or list', () => {
    expect(unsureQuestions.map((q) => q.id).sort()).toEqual(
      questions
        .filter(
          (q) =>
            q.type.kind === 'boolean' || (q.type.kind === 'enum' && !['location', 'trigger'].includes(q.id)),
        )
        .map((q) => q.id)
        .sort(),
    );
  });

  it('is one of the answers the question accepts', () => {
    for (const q of unsureQuestions) expect(definiteAnswers(q)).toContain(q.ifUnsure);
  });

  it('never gives a lower disposition than any definite answer to the same question', () => {
    fc.assert(
      fc.property(
        fc.oneof(arbAnswers, arbMostlyCalm),
        fc.constantFrom(...unsureQuestions),
        (answers, question) => {
          const unsure = specSeverity[dispositionOf({ ...answers, [question.id]: question.ifUnsure })];
          for (const value of definiteAnswers(question)) {
            expect(unsure).toBeGreaterThanOrEqual(
              specSeverity[dispositionOf({ ...answers, [question.id]: value })],
            );
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
