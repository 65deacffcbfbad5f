/**
 * Calendar dates as `YYYY-MM-DD` strings, and wall-clock times in an IANA time zone.
 *
 * Plans count days in the episode's time zone, so a "day" here is a calendar date, never 24 hours of UTC. Date
 * arithmetic runs on proleptic-Gregorian day numbers (`utcMs` with explicit fields: no clock is read). Time-zone
 * conversion uses `Intl.DateTimeFormat` only, so core needs no time-zone library and no Node API.
 */

import { dateOf, isCalendarDate, utcMs, wallClock, type WallClock } from '../calendar.ts';

export { addDays, daysBetween, isCalendarDate, localDate } from '../calendar.ts';

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;
const msPerDay = 86_400_000;

/** Whether `value` is a wall-clock time written as `HH:MM` (24-hour). */
export function isWallTime(value: string): boolean {
  return timePattern.test(value);
}

/** `YYYY-MM-DD` → `YYYYMMDD`, the iCalendar DATE form. */
export function compactDate(date: string): string {
  return date.replaceAll('-', '');
}

/**
 * Reads wall clocks in one time zone. Building an `Intl.DateTimeFormat` is the expensive part, so one reader is
 * made per zone and per call site, then reused for every instant that call converts.
 */
export interface ZoneReader {
  readonly timeZone: string;
  /** The wall clock in this zone at the instant `ms` (milliseconds since the epoch). */
  wallClock(ms: number): WallClock;
  /** The zone's offset from UTC at the instant `ms`, in milliseconds (positive east of Greenwich). */
  offsetAt(ms: number): number;
}

/** A wall-clock reader for `timeZone`; throws a RangeError for a name Intl does not know. */
export function zoneReader(timeZone: string): ZoneReader {
  wallClock(0, timeZone); // fail now, on an unknown zone, rather than on first use
  const read = (ms: number): WallClock => wallClock(ms, timeZone);
  const offsetAt = (ms: number): number => {
    const wall = read(ms);
    const asUtc = utcMs(wall);
    // Offsets are whole seconds; drop the instant's milliseconds so they do not leak into the offset.
    return asUtc - Math.floor(ms / 1000) * 1000;
  };
  return { timeZone, wallClock: read, offsetAt };
}

/** As `localDate`, with a reader the caller already holds. */
export function calendarDateWith(reader: ZoneReader, ms: number): string {
  return dateOf(reader.wallClock(ms));
}

/**
 * The UTC instant (epoch milliseconds) at which clocks in the reader's zone show `time` on `date`.
 *
 * Around a daylight-saving change a wall time can be missing or doubled. Like Temporal's `compatible`
 * disambiguation: a time that falls in a spring-forward gap moves forward by the gap (01:30 becomes 02:30 BST);
 * a time that happens twice in an autumn fold is the earlier of the two.
 */
export function zonedTimeToUtc(reader: ZoneReader, date: string, time: string): number {
  const dateMatch = datePattern.exec(date);
  const timeMatch = timePattern.exec(time);
  if (dateMatch === null || !isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  if (timeMatch === null) throw new RangeError(`not a wall time (HH:MM): ${time}`);
  const wall = utcMs({
    year: Number(dateMatch[1]),
    month: Number(dateMatch[2]),
    day: Number(dateMatch[3]),
    hour: Number(timeMatch[1]),
    minute: Number(timeMatch[2]),
  });
  // The offsets a day either side bracket any single transition near this wall time.
  const before = reader.offsetAt(wall - msPerDay);
  const after = reader.offsetAt(wall + msPerDay);
  const candidates = [wall - before, wall - after].filter((ms) => reader.offsetAt(ms) === wall - ms);
  if (candidates.length > 0) return Math.min(...candidates);
  // In a gap: read the wall time with the offset in force before the change, which lands after the gap.
  return wall - before;
}
