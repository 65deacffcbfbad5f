/**
 * Calendar dates (`YYYY-MM-DD`) and wall clocks in IANA time zones, for every module that counts days: the diary
 * (a rating's local day), the plan (its days and reminder times) and the summary (dates as the person saw them).
 *
 * A day is a local calendar date, never 24 hours of UTC, so date arithmetic runs on proleptic-Gregorian day
 * numbers (`utcMs` with explicit fields: no clock is read) and a 23- or 25-hour day at a DST change is still
 * one day. Every year from 0000 to 9999 counts as written, none as 1900-1999. Time zones use
 * `Intl.DateTimeFormat` only: core needs no time-zone library and no Node API.
 */

const msPerDay = 86_400_000;

/** A wall-clock reading in one time zone. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

// Building an Intl.DateTimeFormat costs far more than using one, and a diary can hold thousands of entries.
// A cache keyed by zone changes no result, so every function here stays pure in any way a caller can observe.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // Gregorian calendar, Latin digits and a 24-hour clock are pinned so the parts parse the same on every host.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      // Intl counts years by era (year 0 is "1 BC"); the era turns that back into an ISO year.
      era: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock of `formatter` at `ms`, read from its parts: the exact answer, and the slow one (a few µs). */
function readWallClock(formatter: Intl.DateTimeFormat, ms: number): WallClock {
  const parts: Record<string, number> = {};
  let beforeChrist = false;
  for (const part of formatter.formatToParts(ms)) {
    if (part.type === 'era') beforeChrist = part.value === 'BC';
    else if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const year = parts.year ?? 0;
  return {
    year: beforeChrist ? 1 - year : year,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    // Some engines print midnight as 24 even with h23; it is the same instant as 00.
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/**
 * A zone's UTC offset is the same for long stretches: it changes only at a transition (DST, a change of law).
 * So the offset is read once per quarter hour of UTC time and zone, and checked at both ends of that quarter
 * hour: when the two agree, no transition falls inside it (tzdata has no two transitions within 15 minutes),
 * and every instant in it is `ms + offset` read as UTC. A quarter hour with a transition inside is read exactly,
 * instant by instant. This turns a diary's thousands of dates from thousands of `formatToParts` calls (the cost
 * of a clinician's patient list, bench/README.md §bench:clinic) into a few.
 */
const quarterHourMs = 15 * 60_000;
const maxCachedQuarters = 4096;
// Per zone: quarter-hour number → offset in ms, or null when a transition falls inside that quarter hour.
const offsets = new Map<string, Map<number, number | null>>();

function offsetAt(formatter: Intl.DateTimeFormat, ms: number): number {
  // Whole seconds: the parts have no milliseconds, and a (historic) offset may have seconds of its own.
  const second = Math.floor(ms / 1000) * 1000;
  return utcMs(readWallClock(formatter, second)) - second;
}

function quarterOffset(timeZone: string, formatter: Intl.DateTimeFormat, quarter: number): number | null {
  let zone = offsets.get(timeZone);
  if (zone === undefined) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  let offset = zone.get(quarter);
  if (offset === undefined) {
    const start = quarter * quarterHourMs;
    const first = offsetAt(formatter, start);
    offset = first === offsetAt(formatter, start + quarterHourMs - 1000) ? first : null;
    // A bound on memory for a long-running server: starting over costs two reads per quarter hour.
    if (zone.size >= maxCachedQuarters) zone.clear();
    zone.set(quarter, offset);
  }
  return offset;
}

/**
 * The wall clock in `timeZone` at the instant `ms` (milliseconds since the epoch).
 *
 * @throws RangeError for a time zone Intl does not know.
 */
export function wallClock(ms: number, timeZone: string): WallClock {
  const formatter = formatterFor(timeZone);
  const offset = Number.isFinite(ms)
    ? quarterOffset(timeZone, formatter, Math.floor(ms / quarterHourMs))
    : null;
  if (offset === null) return readWallClock(formatter, ms);
  const local = new Date(Math.floor(ms / 1000) * 1000 + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a wall clock. */
export function dateOf(clock: Pick<WallClock, 'year' | 'month' | 'day'>): string {
  return `${String(clock.year).padStart(4, '0')}-${two(clock.month)}-${two(clock.day)}`;
}

/** `HH:MM` of a wall clock. */
export function timeOf(clock: Pick<WallClock, 'hour' | 'minute'>): string {
  return `${two(clock.hour)}:${two(clock.minute)}`;
}

/**
 * Milliseconds since the epoch of an instant given as an ISO 8601 string or a number.
 *
 * @throws RangeError for an unparseable instant.
 */
export function instantMs(instant: string | number): number {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return ms;
}

/**
 * The local calendar date (`YYYY-MM-DD`) of an instant in an IANA time zone.
 *
 * @throws RangeError for an unparseable instant or an unknown time zone.
 */
export function localDate(instant: string | number, timeZone: string): string {
  return dateOf(wallClock(instantMs(instant), timeZone));
}

/**
 * Milliseconds since the epoch at which a UTC clock shows `clock` (month 1-12; a missing time is midnight).
 * Fields out of range roll over, as with `Date.UTC`.
 */
export function utcMs(
  clock: Pick<WallClock, 'year' | 'month' | 'day'> & Partial<Pick<WallClock, 'hour' | 'minute' | 'second'>>,
): number {
  // Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear takes every year as written.
  const date = new Date(0);
  date.setUTCFullYear(clock.year, clock.month - 1, clock.day);
  date.setUTCHours(clock.hour ?? 0, clock.minute ?? 0, clock.second ?? 0, 0);
  return date.getTime();
}

/** True when `instant` is a time that `Date.parse` understands (the records hold UTC ISO strings). */
export function isInstant(instant: string): boolean {
  return !Number.isNaN(Date.parse(instant));
}

const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by `count` digits from `start`, or NaN if any of them is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return Number.NaN;
    value = value * 10 + code;
  }
  return value;
}

/**
 * Days since 1970-01-01 of a real `YYYY-MM-DD` date, or `undefined` (so `2026-02-30` is undefined).
 * Arithmetic on the proleptic Gregorian calendar (H. Hinnant's days_from_civil), with no Date object and no
 * regular expression: a diary's analysis counts days for every entry and every day, and this was most of a
 * clinician's patient list (bench/README.md §bench:clinic).
 */
function epochDay(date: string): number | undefined {
  if (date.length !== 10 || date[4] !== '-' || date[7] !== '-') return undefined;
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 2);
  const day = digits(date, 8, 2);
  if (!(year >= 0 && month >= 1 && month <= 12 && day >= 1)) return undefined;
  const length = month === 2 && isLeapYear(year) ? 29 : (monthLengths[month - 1] ?? 0);
  if (!(day <= length)) return undefined;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
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

/**
 * Whole calendar days from `from` to `to`: 0 on the same date, negative when `to` is earlier.
 *
 * @throws RangeError when either is not a calendar date.
 */
export function daysBetween(from: string, to: string): number {
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
