/** The pain level "now", which is compared with the baseline. */
import { baselineSpanDays, windowOf } from './baseline.ts';
import type { DiaryDay, PainWindow } from './types.ts';

/** How many days, ending today, make up "now": the same span as the rolling mean. */
export const latestSpanDays = 3;

/**
 * The latest pain level: the daily worst averaged over the rated days among today and the two days before it,
 * leaving out the baseline's days.
 *
 * It ends today, not at the last rated day: a diary left untouched for a week says nothing about how the back
 * is now, and a stale "better" must not hold back a prompt to see a doctor. The baseline's days are left out
 * so the start is never compared with itself; early in the diary the window is therefore shorter.
 * Daily worst, not daily mean, is the measure: it matches the triage question (worst pain in the last 24 hours)
 * and does not move when someone logs more often on good hours than on bad ones.
 *
 * @param days the daily series from onset to today, where `days[i].day === i`.
 * @param baseline from `painBaseline(days)`.
 */
export function latestPain(days: readonly DiaryDay[], baseline: PainWindow | null): PainWindow | null {
  if (baseline === null) return null;
  const firstBaselineDay = baseline.days[0] ?? 0;
  const from = Math.max(days.length - latestSpanDays, firstBaselineDay + baselineSpanDays);
  return windowOf(days.slice(from));
}
