/**
 * Calendar days in an episode's time zone. A diary day is the person's local calendar date, not a 24-hour slice
 * of UTC: a rating typed at 00:30 in London in summer belongs to that London day even though it is still the
 * previous day in UTC. The date arithmetic is core's one calendar module; this file names it for the diary.
 */
import { daysBetween, localDate } from '../calendar.ts';

export { addDays, isCalendarDate, isInstant, localDate, daysBetween } from '../calendar.ts';

/** The episode day of an instant: its local date in `timeZone` minus the onset date (day 0 is the onset date). */
export function episodeDayOf(instant: string, onsetDate: string, timeZone: string): number {
  return daysBetween(onsetDate, localDate(instant, timeZone));
}
