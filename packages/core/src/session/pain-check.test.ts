/**
 * afterExercise: a rise of 2 or more stops that exercise for today (source 001: stop exercises that increase
 * pain); a rise of 1, no change and a fall do not. Invalid scores give an error value, never an exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterExercise, painCheckSource } from './pain-check.ts';

describe('afterExercise', () => {
  /** [before, after, stop for today, words the message must contain] */
  const table: [number, number, boolean, RegExp][] = [
    [3, 5, true, /2 points higher.*Stop this exercise for today/],
    [0, 10, true, /10 points higher/],
    [3, 4, false, /1 point higher/],
    [9, 10, false, /1 point higher/],
    [4, 4, false, /the same/],
    [0, 0, false, /the same/],
    [5, 4, false, /1 point lower/],
    [8, 2, false, /6 points lower/],
  ];

  it.each(table)('%i → %i: stop for today %s', (painBefore, painAfter, stop, words) => {
    const result = afterExercise({ painBefore, painAfter });
    expect(result).toMatchObject({
      ok: true,
      painBefore,
      painAfter,
      change: painAfter - painBefore,
      stopForToday: stop,
      source: '001_bd30bd02c355b2a0.txt',
    });
    if (result.ok) expect(result.message).toMatch(words);
  });

  it('stops exactly when the rise is 2 or more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), (before, after) => {
        const result = afterExercise({ painBefore: before, painAfter: after });
        expect(result.ok && result.stopForToday).toBe(after - before >= 2);
      }),
    );
  });

  const invalid: [string, unknown, unknown, { field: string; problem: string }[]][] = [
    ['above 10', 3, 11, [{ field: 'painAfter', problem: 'out_of_range' }]],
    ['below 0', -1, 3, [{ field: 'painBefore', problem: 'out_of_range' }]],
    ['a fraction', 2.5, 3, [{ field: 'painBefore', problem: 'not_a_whole_number' }]],
    ['a string', '3', 4, [{ field: 'painBefore', problem: 'not_a_whole_number' }]],
    ['NaN', 3, Number.NaN, [{ field: 'painAfter', problem: 'not_a_whole_number' }]],
    ['Infinity', Number.POSITIVE_INFINITY, 3, [{ field: 'painBefore', problem: 'not_a_whole_number' }]],
    [
      'both missing',
      undefined,
      null,
      [
        { field: 'painBefore', problem: 'missing' },
        { field: 'painAfter', problem: 'missing' },
      ],
    ],
  ];

  it.each(invalid)('rejects %s with an error value', (_name, painBefore, painAfter, fields) => {
    expect(() => afterExercise({ painBefore, painAfter })).not.toThrow();
    expect(afterExercise({ painBefore, painAfter })).toMatchObject({
      ok: false,
      error: 'invalid_pain_score',
      fields,
    });
  });

  it('cites source 001', () => {
    expect(painCheckSource).toBe('001_bd30bd02c355b2a0.txt');
  });
});
