import { z } from 'zod';

const uuidV7Pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Record ids are UUIDv7 made by the client, so a write can be retried safely with the same id. */
export const recordId = z.string().regex(uuidV7Pattern, 'must be a lower-case UUIDv7 made by the client');

/**
 * The earliest year a record may name. No one alive had a back spasm before it, so an earlier date is a slip (0026
 * for 2026), and refusing it keeps every date well inside the years core's calendar counts (0000-9999).
 */
const earliestYear = 1900;

// Both formats start with a four-digit year. The format check aborts on failure, so this only sees that shape.
const fromEarliestYear = (value: string): boolean => Number(value.slice(0, 4)) >= earliestYear;

/** An instant in UTC, ISO 8601 with a `Z` (e.g. 2026-11-21T08:30:00.000Z), from 1900 on. */
export const utcInstant = z.iso
  .datetime({ message: 'must be a UTC time in ISO 8601, ending in Z', abort: true })
  .refine(fromEarliestYear, { message: `must be a time from ${String(earliestYear)} on` });

/** A calendar date, YYYY-MM-DD, from 1900 on. */
export const calendarDate = z.iso
  .date({ message: 'must be a date as YYYY-MM-DD', abort: true })
  .refine(fromEarliestYear, { message: `must be a date from ${String(earliestYear)} on` });

// Names Intl accepted. Building a formatter to ask costs ~10 µs, and every record carries a zone; the set of
// real zones is a few hundred names, so this cannot grow without bound (refused names are not kept).
const knownTimeZones = new Set<string>();

export function isTimeZone(name: string): boolean {
  if (knownTimeZones.has(name)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
  } catch {
    return false;
  }
  knownTimeZones.add(name);
  return true;
}

/** An IANA time zone such as Europe/London: days (and so plans and diary days) are counted in it. */
export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/London' });

export const painScore = z.int().min(0).max(10);

/** Short free text a person typed. Bounded so no request can store megabytes. */
export const freeText = (max: number) => z.string().max(max);

/** A list of distinct values. */
export function distinct<T extends z.ZodType>(item: T, max: number) {
  return z
    .array(item)
    .max(max)
    .refine((xs) => new Set(xs).size === xs.length, { message: 'must not repeat a value' });
}
