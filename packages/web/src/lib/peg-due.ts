/**
 * When the weekly PEG check-in is due (docs/clinic.md "PEG-3"). The PEG asks about the past week, once a week:
 * it is due when none was answered in this local week, Monday to Sunday in the patient's time zone — the same
 * weeks as the clinician's adherence figures (core's `mondayOf`), so "this week" means one thing on both sides.
 */
import { localDate, mondayOf } from '@unknot/core';

/** Whether this week's PEG is still to do, given the answers so far (any order) and the time now. */
export function pegDue(scores: readonly { at: string }[], now: Date, timeZone: string): boolean {
  const thisWeek = mondayOf(localDate(now.getTime(), timeZone));
  return !scores.some((score) => mondayOf(localDate(score.at, timeZone)) === thisWeek);
}
