/**
 * Dates and times as the summary shows them: in the episode's own time zone, written out by our own code rather
 * than by `toLocaleString`, so the same summary reads the same on every host whatever its locale or ICU version.
 */

import { dateOf, timeOf, wallClock } from '../calendar.ts';

/** A local calendar date and wall-clock time. */
export interface LocalDateTime {
  /** `YYYY-MM-DD`. */
  date: string;
  /** `HH:MM`, 24-hour. */
  time: string;
}

/**
 * The local date and time of a UTC instant in an IANA time zone.
 *
 * @throws RangeError for an unparseable instant or an unknown time zone.
 */
export function localDateTime(instant: string, timeZone: string): LocalDateTime {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${instant}`);
  const clock = wallClock(ms, timeZone);
  return { date: dateOf(clock), time: timeOf(clock) };
}

const monthNames = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** `2026-11-03` → `3 Nov 2026`: day first and the month in letters, so no reader mistakes 03/11 for 11/03. */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-');
  const month = monthNames[Number(m) - 1];
  if (y === undefined || d === undefined || month === undefined) return date;
  return `${Number(d)} ${month} ${y}`;
}

/** `2026-11-03` → `3 Nov`: for tables and chart labels where the year is already on the page. */
export function formatShortDate(date: string): string {
  const [, m, d] = date.split('-');
  const month = monthNames[Number(m) - 1];
  if (d === undefined || month === undefined) return date;
  return `${Number(d)} ${month}`;
}

/** Whole minutes between two instants, never negative. */
export function minutesBetween(from: string, to: string): number {
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms / 60_000) : 0;
}

/** True when `instant` is a UTC ISO 8601 time ending in `Z` that `Date.parse` understands. */
export function isUtcInstant(instant: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(instant) && !Number.isNaN(Date.parse(instant))
  );
}
