/**
 * §3.4 validation: every problem code, every problem reported at once in the spec's order, and no
 * disposition ever for invalid input (the engine must never fall back to self_care).
 */
import { describe, expect, it } from 'vitest';
import { triage, validateAnswers, type FieldProblem, type Problem } from './index.ts';
import {
  booleanQuestionIds,
  enumOptions,
  integerRanges,
  makeAnswers,
  specQuestionIds,
  type EnumQuestionId,
  type IntegerQuestionId,
} from './test-factories.ts';

/** Example 1 as a loose record, so tests can put anything in it. */
function record(
  changes: Record<string, unknown> = {},
  remove: readonly string[] = [],
): Record<string, unknown> {
  const input: Record<string, unknown> = { ...makeAnswers(), ...changes };
  for (const key of remove) Reflect.deleteProperty(input, key);
  return input;
}

/** The fields of the validation error; fails if triage returned a disposition. */
function problems(input: unknown): FieldProblem[] {
  const result = triage(input);
  expect(result).not.toHaveProperty('disposition');
  expect(result).not.toHaveProperty('reasons');
  if (!('error' in result)) throw new Error(`expected a validation error, got ${result.disposition}`);
  expect(result.error).toBe('validation_failed');
  expect(result.rulesVersion).toBe('1.1.0');
  return result.fields;
}

const one = (field: string, problem: Problem): FieldProblem[] => [{ field, problem }];

const integerIds = Object.keys(integerRanges) as IntegerQuestionId[];
const enumIds = Object.keys(enumOptions) as EnumQuestionId[];

describe('missing', () => {
  it.each(specQuestionIds.map((id) => [id]))('%s absent', (id) => {
    expect(problems(record({}, [id]))).toEqual(one(id, 'missing'));
  });

  it.each(specQuestionIds.map((id) => [id]))('%s null', (id) => {
    expect(problems(record({ [id]: null }))).toEqual(one(id, 'missing'));
  });

  it('known_conditions as an empty array', () => {
    expect(problems(record({ known_conditions: [] }))).toEqual(one('known_conditions', 'missing'));
  });

  it('an empty object: every question is missing, in question order', () => {
    expect(problems({})).toEqual(specQuestionIds.map((id) => ({ field: id, problem: 'missing' })));
  });
});

describe('wrong_type', () => {
  it.each(
    integerIds.flatMap((id) => (['7', 7.5, true, [7], { n: 7 }] as const).map((v) => [id, v] as const)),
  )('integer %s given %j', (id, value) => {
    expect(problems(record({ [id]: value }))).toEqual(one(id, 'wrong_type'));
  });

  it.each(
    booleanQuestionIds.flatMap((id) => (['true', 1, 0, 'no', [true]] as const).map((v) => [id, v] as const)),
  )('boolean %s given %j', (id, value) => {
    expect(problems(record({ [id]: value }))).toEqual(one(id, 'wrong_type'));
  });

  it.each(
    enumIds.flatMap((id) => ([0, 1, true, ['none'], { v: 'none' }] as const).map((v) => [id, v] as const)),
  )('enum %s given %j (not a string)', (id, value) => {
    expect(problems(record({ [id]: value }))).toEqual(one(id, 'wrong_type'));
  });

  it.each(['none', 'osteoporosis', 0, true, { 0: 'none' }] as const)(
    'known_conditions not an array: %j',
    (value) => {
      expect(problems(record({ known_conditions: value }))).toEqual(one('known_conditions', 'wrong_type'));
    },
  );

  it('NaN and Infinity are not integers', () => {
    expect(problems(record({ age: Number.NaN }))).toEqual(one('age', 'wrong_type'));
    expect(problems(record({ pain_score: Number.POSITIVE_INFINITY }))).toEqual(
      one('pain_score', 'wrong_type'),
    );
  });
});

describe('out_of_range at each end of each integer range', () => {
  it.each(integerIds.map((id) => [id, integerRanges[id].min, integerRanges[id].max] as const))(
    '%s accepts %i and %i, rejects one beyond either end',
    (id, min, max) => {
      expect(triage(record({ [id]: min }))).toHaveProperty('disposition');
      expect(triage(record({ [id]: max }))).toHaveProperty('disposition');
      expect(problems(record({ [id]: min - 1 }))).toEqual(one(id, 'out_of_range'));
      expect(problems(record({ [id]: max + 1 }))).toEqual(one(id, 'out_of_range'));
    },
  );

  it('the exact spec ends: age 9/121, days -1/3651, pain -1/11', () => {
    expect(problems(record({ age: 9 }))).toEqual(one('age', 'out_of_range'));
    expect(problems(record({ age: 121 }))).toEqual(one('age', 'out_of_range'));
    expect(problems(record({ days_since_onset: -1 }))).toEqual(one('days_since_onset', 'out_of_range'));
    expect(problems(record({ days_since_onset: 3651 }))).toEqual(one('days_since_onset', 'out_of_range'));
    expect(problems(record({ pain_score: -1 }))).toEqual(one('pain_score', 'out_of_range'));
    expect(problems(record({ pain_score: 11 }))).toEqual(one('pain_score', 'out_of_range'));
  });
});

describe('invalid_value', () => {
  it.each(
    enumIds.flatMap((id) =>
      // A near miss in case, an empty string, a value of another question, and nonsense.
      ['', 'NONE', 'not_sure', enumOptions[id][0]?.toUpperCase() ?? 'X', 'lumbar'].map(
        (v) => [id, v] as const,
      ),
    ),
  )('enum %s given %j', (id, value) => {
    expect(problems(record({ [id]: value }))).toEqual(one(id, 'invalid_value'));
  });

  it('every listed option of every enum is accepted', () => {
    for (const id of enumIds) {
      for (const value of enumOptions[id])
        expect(triage(record({ [id]: value }))).toHaveProperty('disposition');
    }
  });

  it.each([[['osteopenia']], [['Osteoporosis']], [['arthritis', 'gout']], [['']], [['not_sure']]])(
    'known_conditions item not in the list: %j',
    (value) => {
      expect(problems(record({ known_conditions: value }))).toEqual(one('known_conditions', 'invalid_value'));
    },
  );
});

describe('conflict', () => {
  it.each([
    [['none', 'arthritis']],
    [['arthritis', 'none']],
    [['osteoporosis', 'none', 'disc_herniation']],
    [['arthritis', 'arthritis']],
    [['none', 'none']],
    [['disc_herniation', 'osteoporosis', 'disc_herniation']],
  ])('known_conditions %j', (value) => {
    expect(problems(record({ known_conditions: value }))).toEqual(one('known_conditions', 'conflict'));
  });

  it('all six conditions without "none" are accepted', () => {
    const all = [
      'disc_herniation',
      'spinal_stenosis',
      'degenerative_disc_disease',
      'arthritis',
      'spondylolisthesis',
      'osteoporosis',
    ] as const;
    expect(triage(makeAnswers({ known_conditions: [...all] }))).toHaveProperty('disposition');
  });
});

describe('unknown_field', () => {
  it('an extra key', () => {
    expect(problems(record({ notes: 'hurts' }))).toEqual(one('notes', 'unknown_field'));
  });

  it('a misspelt key: the real question is missing and the misspelling is unknown', () => {
    expect(problems(record({ pain_scroe: 6 }, ['pain_score']))).toEqual([
      { field: 'pain_score', problem: 'missing' },
      { field: 'pain_scroe', problem: 'unknown_field' },
    ]);
  });

  it('a key in the wrong case', () => {
    expect(problems(record({ Age: 34 }, ['age']))).toEqual([
      { field: 'age', problem: 'missing' },
      { field: 'Age', problem: 'unknown_field' },
    ]);
  });

  it('even an unknown key whose value is undefined or null', () => {
    expect(problems(record({ extra: null }))).toEqual(one('extra', 'unknown_field'));
  });

  it('__proto__ from JSON.parse is an own key, reported as unknown', () => {
    const json = JSON.stringify(makeAnswers()).replace(/}$/, ',"__proto__":{"age":200}}');
    const input: unknown = JSON.parse(json);
    expect(problems(input)).toEqual(one('__proto__', 'unknown_field'));
  });

  it('constructor and toString from JSON.parse are unknown keys, not inherited answers', () => {
    const json = JSON.stringify(makeAnswers()).replace(/}$/, ',"constructor":1,"toString":2}');
    expect(problems(JSON.parse(json))).toEqual([
      { field: 'constructor', problem: 'unknown_field' },
      { field: 'toString', problem: 'unknown_field' },
    ]);
  });

  it('answers on the prototype chain are not answers', () => {
    // The contract is about the JSON object's own keys; inherited values must not pass as answers.
    expect(triage(Object.create(makeAnswers()))).toHaveProperty('error');
  });
});

describe('every problem at once, in question order then unknown keys in input order', () => {
  it('reports all of them', () => {
    const input: Record<string, unknown> = {};
    // Insert in a scrambled order to show the output order does not follow the input for questions.
    input.zeta = 1;
    input.known_conditions = ['none', 'arthritis'];
    input.location = 'lumbar';
    input.alpha = true;
    const base = makeAnswers();
    for (const id of specQuestionIds) {
      if (!(id in input) && id !== 'age') input[id] = base[id];
    }
    input.pain_score = '6';
    input.days_since_onset = 3651;
    input.vomiting = 'yes';
    input.mid = 'x';
    expect(problems(input)).toEqual([
      { field: 'age', problem: 'missing' },
      { field: 'days_since_onset', problem: 'out_of_range' },
      { field: 'location', problem: 'invalid_value' },
      { field: 'pain_score', problem: 'wrong_type' },
      { field: 'vomiting', problem: 'wrong_type' },
      { field: 'known_conditions', problem: 'conflict' },
      { field: 'zeta', problem: 'unknown_field' },
      { field: 'alpha', problem: 'unknown_field' },
      { field: 'mid', problem: 'unknown_field' },
    ]);
  });

  it('one problem of every code in one input', () => {
    const input = record(
      { pain_score: 7.5, age: 200, trigger: 'fell', known_conditions: ['none', 'none'], typo: 1 },
      ['vomiting'],
    );
    expect(problems(input)).toEqual([
      { field: 'age', problem: 'out_of_range' },
      { field: 'trigger', problem: 'invalid_value' },
      { field: 'pain_score', problem: 'wrong_type' },
      { field: 'vomiting', problem: 'missing' },
      { field: 'known_conditions', problem: 'conflict' },
      { field: 'typo', problem: 'unknown_field' },
    ]);
  });

  it('even with a red flag among valid answers, an invalid input gets no disposition', () => {
    // Fail-safe: the UI must re-ask, not show a partial result.
    expect(problems(record({ saddle_numbness: true, age: 'x' }))).toEqual(one('age', 'wrong_type'));
  });
});

describe('non-object inputs never produce a disposition', () => {
  it.each([
    [null],
    [[]],
    ['x'],
    [3],
    [true],
    [undefined],
    [[makeAnswers()]],
    [JSON.stringify(makeAnswers())],
  ])('%j', (input) => {
    const result = triage(input);
    expect(result).toHaveProperty('error', 'validation_failed');
    expect(result).not.toHaveProperty('disposition');
    expect(result).toHaveProperty('rulesVersion', '1.1.0');
  });
});

describe('validateAnswers', () => {
  it('accepts Example 1', () => {
    expect(validateAnswers(makeAnswers())).toEqual({ ok: true, answers: makeAnswers() });
  });

  it('reports the same fields as triage', () => {
    const input = record({ pain_score: '6', extra: 1 }, ['age']);
    const result = triage(input);
    expect(validateAnswers(input)).toEqual({ ok: false, fields: 'fields' in result ? result.fields : [] });
  });
});
