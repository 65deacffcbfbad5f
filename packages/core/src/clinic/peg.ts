/**
 * PEG-3 (Krebs et al., J Gen Intern Med 2009;24:733-738; public domain): three 0-10 ratings of the past week,
 * Pain on average, interference with Enjoyment of life, interference with General activity. The score is their
 * mean, so it reads on the same 0-10 scale. Clinicians see how it moved since the first score (docs/clinic.md).
 */
import { z } from 'zod';
import { instantMs } from '../calendar.ts';

const rating = z
  .int({ error: 'must be a whole number from 0 to 10' })
  .min(0, 'must be a whole number from 0 to 10')
  .max(10, 'must be a whole number from 0 to 10');

/** The three answers of one weekly PEG. */
export const pegInputSchema = z.strictObject(
  { pain: rating, enjoyment: rating, activity: rating },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `has fields we do not take: ${issue.keys.join(', ')}`
        : 'must be an object with pain, enjoyment and activity',
  },
);
export type PegInput = z.infer<typeof pegInputSchema>;

/** The PEG-3 score: the mean of the three ratings, 0-10 (higher is worse). */
export function pegScore(peg: PegInput): number {
  return (peg.pain + peg.enjoyment + peg.activity) / 3;
}

/**
 * The improvement that counts as meaningful: 30 % less than the first score. A common threshold for a
 * clinically important change in pain measures (IMMPACT; Dworkin et al. 2008); our choice for this
 * app, not part of the PEG itself (docs/clinic.md).
 */
export const pegImprovementThreshold = 0.3;

/** A PEG as stored: the three ratings and when they were given. */
export interface TimedPeg extends PegInput {
  /** UTC instant. */
  readonly at: string;
}

export interface PegPoint {
  readonly at: string;
  readonly score: number;
}

/** How the PEG moved from the first score to the latest one. */
export interface PegTrend {
  readonly first: PegPoint;
  readonly latest: PegPoint;
  /** latest − first: negative is better. */
  readonly change: number;
  /** How much lower than the first score, as a fraction of it (0.4 = 40 % better); `null` when the first was 0. */
  readonly improvement: number | null;
  /** Whether the latest score is at least 30 % below the first. */
  readonly improved: boolean;
  /** How many scores lie between and including the two. */
  readonly count: number;
}

/**
 * The trend of a patient's weekly PEGs: the latest against the first, by time. `null` with fewer than two scores,
 * since one score shows no change. A first score of 0 cannot improve, so `improvement` is `null` there.
 */
export function pegTrend(scores: readonly TimedPeg[]): PegTrend | null {
  if (scores.length < 2) return null;
  const sorted = [...scores].sort((a, b) => instantMs(a.at) - instantMs(b.at));
  const point = (peg: TimedPeg): PegPoint => ({ at: peg.at, score: pegScore(peg) });
  const first = point(sorted[0] as TimedPeg);
  const latest = point(sorted[sorted.length - 1] as TimedPeg);
  const improvement = first.score === 0 ? null : (first.score - latest.score) / first.score;
  return {
    first,
    latest,
    change: latest.score - first.score,
    improvement,
    // A small tolerance, so a drop of exactly 30 % that floating point puts at 0.29999… still counts.
    improved: improvement !== null && improvement >= pegImprovementThreshold - 1e-9,
    count: sorted.length,
  };
}
