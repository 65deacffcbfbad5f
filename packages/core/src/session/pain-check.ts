/**
 * The pain check after an exercise session: pain now against pain before, on the 0–10 scale the diary uses. A
 * rise of 2 or more ends that exercise for the day, because source 001 says to stop exercises that increase pain;
 * a one-point change is within the normal wobble of a self-rating, so it only asks the person to go gently.
 */

/** The source of the rule, by file name (knowledge-base.md §0.1). */
export const painCheckSource = '001_bd30bd02c355b2a0.txt';

/** A rise of this many points or more stops the exercise for today. */
export const painRiseToStop = 2;

export type PainCheckInput = {
  readonly painBefore: unknown;
  readonly painAfter: unknown;
};

export type PainScoreProblem = 'missing' | 'not_a_whole_number' | 'out_of_range';

export type PainCheckResult =
  | {
      readonly ok: true;
      readonly painBefore: number;
      readonly painAfter: number;
      /** painAfter − painBefore: positive is worse. */
      readonly change: number;
      readonly stopForToday: boolean;
      /** What to tell the person, in our words. */
      readonly message: string;
      readonly source: typeof painCheckSource;
    }
  | {
      readonly ok: false;
      readonly error: 'invalid_pain_score';
      readonly fields: readonly {
        readonly field: 'painBefore' | 'painAfter';
        readonly problem: PainScoreProblem;
      }[];
      /** For developers and logs. */
      readonly detail: string;
    };

function problemWith(score: unknown): PainScoreProblem | null {
  if (score === undefined || score === null) return 'missing';
  if (typeof score !== 'number' || !Number.isInteger(score)) return 'not_a_whole_number';
  return score < 0 || score > 10 ? 'out_of_range' : null;
}

function messageFor(change: number): string {
  if (change >= painRiseToStop)
    return `Your pain is ${String(change)} points higher than before. Stop this exercise for today and try it again gently tomorrow; if it keeps making the pain worse, ask a doctor or physiotherapist.`;
  if (change === 1) return 'Your pain is 1 point higher than before. Go gently, and stop if it rises again.';
  if (change === 0) return 'Your pain is the same as before you started.';
  return `Your pain is ${String(-change)} ${change === -1 ? 'point' : 'points'} lower than before you started.`;
}

/**
 * Compares pain after an exercise session with pain before it. Scores must be whole numbers from 0 to 10; any
 * other value gives an `invalid_pain_score` result naming each bad field, never an exception. Never mutates input.
 */
export function afterExercise(input: PainCheckInput): PainCheckResult {
  const fields = (['painBefore', 'painAfter'] as const).flatMap((field) => {
    const problem = problemWith(input[field]);
    return problem === null ? [] : [{ field, problem }];
  });
  const { painBefore, painAfter } = input;
  if (fields.length > 0 || typeof painBefore !== 'number' || typeof painAfter !== 'number')
    return {
      ok: false,
      error: 'invalid_pain_score',
      fields,
      detail: 'pain scores must be whole numbers from 0 to 10',
    };
  const change = painAfter - painBefore;
  return {
    ok: true,
    painBefore,
    painAfter,
    change,
    stopForToday: change >= painRiseToStop,
    message: messageFor(change),
    source: painCheckSource,
  };
}
