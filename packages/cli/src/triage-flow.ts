import {
  certainEmergencies,
  questions,
  recommendedOrder,
  rulesVersion,
  type AnswerValue,
  type PartialAnswers,
  type Question,
  type TriageResult,
} from '@unknot/core';

/**
 * What `ask` returns when the person is not sure. Only for questions with an `ifUnsure` answer: the flow records
 * that cautious answer (triage.md §2), so "not sure" can never lower the result.
 */
export const notSure: unique symbol = Symbol('not sure');

/** Asks one question and returns the answer, `notSure`, or `undefined` when the person cancels. */
export type Ask = (
  question: Question,
  position: { index: number; total: number },
) => Promise<AnswerValue | typeof notSure | undefined>;

export type FlowOutcome =
  | { kind: 'complete'; answers: PartialAnswers }
  /** An answer made an emergency certain: the questionnaire stopped there. */
  | { kind: 'emergency'; result: TriageResult; answers: PartialAnswers }
  | { kind: 'cancelled'; answers: PartialAnswers };

const byId = new Map(questions.map((q) => [q.id, q]));

/**
 * Walks the questionnaire in the recommended order (emergency questions first). After every answer
 * it asks the rule conditions whether an emergency is already certain; if so it stops at once, so a
 * person with a red flag is not kept answering questions.
 */
export async function runTriageFlow(ask: Ask): Promise<FlowOutcome> {
  const answers: Record<string, AnswerValue> = {};
  for (const [index, id] of recommendedOrder.entries()) {
    const question = byId.get(id);
    if (!question) throw new Error(`questionnaire has no question ${id}`);
    const answer = await ask(question, { index, total: recommendedOrder.length });
    if (answer === undefined) return { kind: 'cancelled', answers };
    if (answer === notSure && question.ifUnsure === undefined)
      throw new Error(`question ${id} does not offer "not sure"`);
    answers[id] = answer === notSure ? (question.ifUnsure as AnswerValue) : answer;
    const certain = certainEmergencies(answers);
    if (certain.length > 0) {
      return {
        kind: 'emergency',
        answers,
        result: { disposition: 'emergency', reasons: certain, rulesVersion },
      };
    }
  }
  return { kind: 'complete', answers };
}
