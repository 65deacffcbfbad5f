/** The pain level at the start of the diary, which later ratings are compared with. */
import { meanOf } from './rolling.ts';
import type { DiaryDay, PainWindow } from './types.ts';

/** How many calendar days, from the first rated day, make up the baseline. */
export const baselineSpanDays = 2;

/**
 * The baseline: the daily worst averaged over the first day with a rating and the calendar day after it (when
 * that day has a rating too), so one or two days.
 *
 * Why not "days 0–1 of the episode": many people start the diary a few days after the onset, and they would never
 * get a baseline. Why not "the first two rated days": after a gap that could reach a week into the episode and
 * compare the pain with itself. Anchoring on the first rating keeps the baseline at the start of what was logged.
 * A late start makes a baseline that is, if anything, already better, which makes an improvement harder to show
 * and so errs towards prompting a doctor visit.
 *
 * @param days the daily series, where `days[i].day === i`.
 */
export function painBaseline(days: readonly DiaryDay[]): PainWindow | null {
  const first = days.find((d) => d.worst !== null);
  if (first === undefined) return null;
  const span = days.slice(first.day, first.day + baselineSpanDays).filter((d) => d.worst !== null);
  return windowOf(span);
}

/** The average of the days' daily worst, listing the days; `null` for no rated days. */
export function windowOf(days: readonly DiaryDay[]): PainWindow | null {
  const value = meanOf(days.map((d) => d.worst));
  return value === null ? null : { value, days: days.filter((d) => d.worst !== null).map((d) => d.day) };
}
