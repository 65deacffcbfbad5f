import type { Answers, PartialAnswers, QuestionId } from './types.ts';

/**
 * A rule's "fires when" column as data rather than code, so the same condition can be evaluated on
 * complete answers (the engine) and on answers given so far (to stop a questionnaire as soon as an
 * emergency is certain), and can be printed for reviewers.
 */
export type Condition =
  | { q: QuestionId; eq: boolean | string }
  | { q: QuestionId; ne: string }
  | { q: QuestionId; gte: number }
  | { q: QuestionId; lte: number }
  | { q: QuestionId; oneOf: readonly string[] }
  | { q: QuestionId; includes: string }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] };

/** Three-valued (Kleene) truth: `undefined` means "not known until more questions are answered". */
export type Truth = boolean | undefined;

function leaf(c: Extract<Condition, { q: QuestionId }>, answers: PartialAnswers): Truth {
  const value: unknown = answers[c.q];
  if (value === undefined) return undefined;
  if ('eq' in c) return value === c.eq;
  if ('ne' in c) return value !== c.ne;
  if ('gte' in c) return typeof value === 'number' && value >= c.gte;
  if ('lte' in c) return typeof value === 'number' && value <= c.lte;
  if ('oneOf' in c) return typeof value === 'string' && c.oneOf.includes(value);
  return Array.isArray(value) && (value as unknown[]).includes(c.includes);
}

/**
 * Evaluates a condition on possibly incomplete answers. `true` or `false` are final: no further
 * answer can change them. `undefined` means the answer depends on questions not yet answered.
 */
export function evaluate(c: Condition, answers: PartialAnswers): Truth {
  if ('all' in c) {
    let result: Truth = true;
    for (const part of c.all) {
      const t = evaluate(part, answers);
      if (t === false) return false;
      if (t === undefined) result = undefined;
    }
    return result;
  }
  if ('any' in c) {
    let result: Truth = false;
    for (const part of c.any) {
      const t = evaluate(part, answers);
      if (t === true) return true;
      if (t === undefined) result = undefined;
    }
    return result;
  }
  return leaf(c, answers);
}

/** Evaluates a condition on complete answers, where the result is always known. */
export function holds(c: Condition, answers: Answers): boolean {
  return evaluate(c, answers) === true;
}

// Derived terms of triage.md §3.2.
export const over50: Condition = { q: 'age', gte: 51 };
export const fragileBones: Condition = {
  any: [
    { q: 'osteoporosis_or_steroids', eq: true },
    { q: 'known_conditions', includes: 'osteoporosis' },
  ],
};
export const anyBothLegs: Condition = {
  any: [
    { q: 'pain_below_knee', eq: 'both_legs' },
    { q: 'leg_numbness', eq: 'both_legs' },
    { q: 'leg_weakness', eq: 'both_legs' },
  ],
};
export const nerveSymptoms: Condition = {
  any: [
    { q: 'pain_below_knee', ne: 'none' },
    { q: 'leg_numbness', ne: 'none' },
    { q: 'leg_weakness', ne: 'none' },
    { q: 'cannot_stand_or_walk', eq: 'legs_weak_or_numb' },
  ],
};
export const thoracic: Condition = { q: 'location', oneOf: ['upper', 'middle'] };
