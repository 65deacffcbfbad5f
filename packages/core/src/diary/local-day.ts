/**
 * Calendar days in an episode's time zone. A diary day is the person's local calendar date, not a 24-hour slice
 * of UTC: a rating typed at 00:30 in London in summer belongs to that London day even though it is still the
 * previous day in UTC. Day arithmetic is done on calendar dates only, so a 23- or 25-hour day at a DST change is
 * still exactly one day.
 */

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 86_400_000;

// Building an Intl.DateTimeFormat is costly compared with using one, and a diary can hold thousands of entries.
// A cache keyed by zone changes no result, so the functions stay pure in every way a caller can observe.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // Gregorian calendar and Latin digits are pinned so the parts parse the same whatever the host locale is.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Days since 1970-01-01 of a valid `YYYY-MM-DD` date, or `undefined` when it is not a real calendar date. */
function epochDay(date: string): number | undefined {
  const match = datePattern.exec(date);
  if (match === null) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  // Date.UTC rolls 2026-02-30 over to 2026-03-02; a round trip catches dates that do not exist.
  if (new Date(ms).toISOString().slice(0, 10) !== date) return undefined;
  return ms / msPerDay;
}

function epochDayOrThrow(date: string): number {
  const day = epochDay(date);
  if (day === undefined) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return day;
}

/** True when `date` is a real calendar date written `YYYY-MM-DD` (so `2026-02-30` is false). */
export function isCalendarDate(date: string): boolean {
  return epochDay(date) !== undefined;
}

/** True when `instant` is a time that `Date.parse` understands (the records hold UTC ISO strings). */
export function isInstant(instant: string): boolean {
  return !Number.isNaN(Date.parse(instant));
}

/**
 * The local calendar date (`YYYY-MM-DD`) of an instant in an IANA time zone.
 *
 * @throws RangeError for an unparseable instant or an unknown time zone.
 */
export function localDate(instant: string, timeZone: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${instant}`);
  let year = '';
  let month = '';
  let day = '';
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type === 'year') year = part.value.padStart(4, '0');
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year}-${month}-${day}`;
}

/**
 * Whole calendar days from `from` to `to` (both `YYYY-MM-DD`): negative when `to` is earlier.
 * The episode day of a date is `calendarDaysBetween(onsetDate, date)`, so the onset date is day 0.
 *
 * @throws RangeError when either is not a calendar date.
 */
export function calendarDaysBetween(from: string, to: string): number {
  return epochDayOrThrow(to) - epochDayOrThrow(from);
}

/**
 * The calendar date `days` days after `date` (before it when negative).
 *
 * @throws RangeError when `date` is not a calendar date.
 */
export function addDays(date: string, days: number): string {
  return new Date((epochDayOrThrow(date) + days) * msPerDay).toISOString().slice(0, 10);
}

/** The episode day of an instant: its local date in `timeZone` minus the onset date (day 0 is the onset date). */
export function episodeDayOf(instant: string, onsetDate: string, timeZone: string): number {
  return calendarDaysBetween(onsetDate, localDate(instant, timeZone));
}
