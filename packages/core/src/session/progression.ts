/**
 * Progression by day since onset (knowledge-base.md §1.3 and §5). The stretches start at the bottom of their
 * range on days 3–7, build towards the top during days 8–14 ("build to 30 s, 4 per side", "build to 30 s × 3",
 * "build the hold toward 30 s"), and stay at the top from day 15, the start of recovery.
 */
import type { Phase } from '../knowledge/types.ts';
import type { RangeSpec } from './protocols.ts';

/** The phase a day falls in by the calendar alone (§1.3). Recovery may start earlier; the plan decides that. */
export function phaseForDay(day: number): Phase {
  if (day <= 2) return 'acute';
  if (day <= 14) return 'subacute';
  return 'recovery';
}

/** The last day at the starting values, and the day the top of the range is reached (§5's week 2). */
const buildFrom = 7;
const buildTo = 14;

/** How far along the build-up a day is: 0 up to day 7, rising by a seventh each day, 1 from day 14. */
export function progressionFraction(day: number): number {
  if (day <= buildFrom) return 0;
  if (day >= buildTo) return 1;
  return (day - buildFrom) / (buildTo - buildFrom);
}

/**
 * Holds lengthen "step by step" (protocols.json), so they move in 5-second steps: 10, 15, 20, 25, 30. The
 * starting value is the range minimum, which is also every progressing protocol's default.
 */
const holdStepS = 5;

export function progressedHold(range: RangeSpec, day: number): number {
  const raw = range.min + progressionFraction(day) * (range.max - range.min);
  const stepped = Math.round(raw / holdStepS) * holdStepS;
  return Math.min(range.max, Math.max(range.min, stepped));
}

/** Repetitions rise one at a time, rounded to the nearest whole repetition. */
export function progressedCount(range: RangeSpec, day: number): number {
  return Math.round(range.min + progressionFraction(day) * (range.max - range.min));
}
