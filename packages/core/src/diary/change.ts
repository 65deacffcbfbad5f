/** Change from baseline, and whether it is large enough to matter to the person. */
import type { PainChange, PainWindow } from './types.ts';

/**
 * The smallest change on the 0–10 pain scale that counts as clinically important: 2 points or 30 % of the
 * baseline, whichever is reached first (the usual thresholds for a numeric pain rating scale in back pain).
 */
export const clinicallyImportant = { points: 2, percent: 30 } as const;

// Baselines are means of halves and latest values means of thirds, so an exact 2-point or 30 % change can come
// out a hair short in binary floating point (29.999999999999996). A tolerance far below anything a person could
// rate keeps "exactly at the threshold" counting as reaching it.
const tolerance = 1e-9;

/** `latest − baseline` in points and percent of the baseline (negative means less pain). */
export function painChange(baseline: PainWindow | null, latest: PainWindow | null): PainChange | null {
  if (baseline === null || latest === null) return null;
  const points = latest.value - baseline.value;
  return { points, percent: baseline.value === 0 ? null : (points / baseline.value) * 100 };
}

/** True for a drop of at least 2 points or at least 30 % from baseline. */
export function isClinicallyImportantImprovement(change: PainChange | null): boolean {
  return change !== null && reaches(-change.points, change.percent === null ? null : -change.percent);
}

/** True for a rise of at least 2 points or at least 30 % from baseline (points only when the baseline is 0). */
export function isClinicallyImportantWorsening(change: PainChange | null): boolean {
  return change !== null && reaches(change.points, change.percent);
}

function reaches(points: number, percent: number | null): boolean {
  return (
    points >= clinicallyImportant.points - tolerance ||
    (percent !== null && percent >= clinicallyImportant.percent - tolerance)
  );
}
