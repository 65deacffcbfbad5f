/**
 * Dates a person could mean. The record schemas check that a date is well formed and from 1900 on; these checks
 * also need the person's today or the clock's now, which core never reads, so the caller passes them in.
 */
import type { z } from 'zod';
import { daysBetween, instantMs, localDate } from '../calendar.ts';
import type { FieldIssue } from '../errors.ts';
import { calendarDate, utcInstant } from './common.ts';

// A phone's clock can run ahead, and a person may note a rating while travelling: a day of slack covers both
// without taking entries from next week.
const futureSlackMs = 24 * 60 * 60 * 1000;

// Checking the format here too means a caller that skipped the schema gets a problem, never a RangeError.
function formatProblems(schema: z.ZodType, value: string, field: string): FieldIssue[] {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ field, problem: issue.message }));
}

/**
 * Problems with an episode's onset date (field `onsetDate`): not a date, before 1900, or after `today`.
 *
 * @param today the person's local date, `YYYY-MM-DD`.
 * @throws RangeError when `today` is not a calendar date.
 */
export function onsetDateProblems(onsetDate: string, today: string): FieldIssue[] {
  const format = formatProblems(calendarDate, onsetDate, 'onsetDate');
  if (format.length > 0) return format;
  return daysBetween(today, onsetDate) > 0
    ? [{ field: 'onsetDate', problem: 'must not be in the future' }]
    : [];
}

/**
 * Problems with a diary entry's time (field `at`): not a UTC instant from 1900 on, more than a day after `now`,
 * or on a local date (in the episode's time zone) before the episode's onset date.
 *
 * @param now the current instant, UTC ISO 8601.
 * @throws RangeError when `now`, `episode.onsetDate` or `episode.timeZone` is not valid.
 */
export function diaryTimeProblems(
  at: string,
  episode: { readonly onsetDate: string; readonly timeZone: string },
  now: string,
): FieldIssue[] {
  const format = formatProblems(utcInstant, at, 'at');
  if (format.length > 0) return format;
  const problems: FieldIssue[] = [];
  if (instantMs(at) - instantMs(now) > futureSlackMs) {
    problems.push({ field: 'at', problem: 'must not be more than a day in the future' });
  }
  if (daysBetween(episode.onsetDate, localDate(at, episode.timeZone)) < 0) {
    problems.push({
      field: 'at',
      problem: `must not be before the episode began (onsetDate ${episode.onsetDate})`,
    });
  }
  return problems;
}
