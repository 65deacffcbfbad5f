import { questions, type Question } from './questionnaire.ts';
import type { Answers, FieldProblem, Problem } from './types.ts';

const questionIds = new Set<string>(questions.map((q) => q.id));

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The one problem with one answer, or null when the answer is valid (triage.md §3.4). */
function checkAnswer(question: Question, value: unknown): Problem | null {
  if (value === undefined || value === null) return 'missing';
  const type = question.type;
  switch (type.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'wrong_type';
    case 'integer':
      // JSON has one number type: "7" and 7.5 are wrong types for an integer question.
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'wrong_type';
      return value < type.min || value > type.max ? 'out_of_range' : null;
    case 'enum':
      if (typeof value !== 'string') return 'wrong_type';
      return type.options.some((o) => o.value === value) ? null : 'invalid_value';
    case 'multi': {
      if (!Array.isArray(value)) return 'wrong_type';
      const items = value as unknown[];
      if (items.length === 0) return 'missing';
      if (!items.every((v) => typeof v === 'string' && type.options.some((o) => o.value === v))) {
        return 'invalid_value';
      }
      const duplicates = new Set(items).size !== items.length;
      const exclusiveWithOthers = items.includes(type.exclusive) && items.length > 1;
      return duplicates || exclusiveWithOthers ? 'conflict' : null;
    }
  }
}

export type Validation = { ok: true; answers: Answers } | { ok: false; fields: FieldProblem[] };

/**
 * Checks every answer and reports every problem at once: questions in the spec's numbering, then
 * unknown keys in input order. Input that is not a JSON object answers no question, so each one
 * is reported missing.
 */
export function validateAnswers(input: unknown): Validation {
  const record = isPlainObject(input) ? input : {};
  const fields: FieldProblem[] = [];
  for (const question of questions) {
    const value = Object.hasOwn(record, question.id) ? record[question.id] : undefined;
    const problem = checkAnswer(question, value);
    if (problem) fields.push({ field: question.id, problem });
  }
  for (const key of Object.keys(record)) {
    if (!questionIds.has(key)) fields.push({ field: key, problem: 'unknown_field' });
  }
  if (fields.length > 0) return { ok: false, fields };
  // Every key is a known question and every value has been checked against its type above.
  return { ok: true, answers: record as unknown as Answers };
}
