/** The daily pain series of an episode: one item per local calendar day from onset to today. */
import type { DiaryEntry } from '../records/index.ts';
import { addDays, daysBetween, localDate } from './local-day.ts';
import type { DiaryDay } from './types.ts';

export interface DailySeries {
  days: DiaryDay[];
  /** Ids of entries whose local date is before the onset date or after today, in input order. */
  outOfRange: string[];
}

/**
 * Buckets diary entries by their local calendar date in `timeZone` and summarises each day from `onsetDate`
 * to `today` inclusive. Days with no entries are kept, as `null`, so a chart shows the gap rather than joining
 * across it. Entries outside the range are reported, not dropped silently, so a caller can tell the person.
 */
export function dailySeries(
  entries: readonly Pick<DiaryEntry, 'id' | 'at' | 'pain'>[],
  onsetDate: string,
  timeZone: string,
  today: string,
): DailySeries {
  const length = Math.max(0, daysBetween(onsetDate, today) + 1);
  const ratings: number[][] = Array.from({ length }, () => []);
  const outOfRange: string[] = [];
  for (const entry of entries) {
    const day = daysBetween(onsetDate, localDate(entry.at, timeZone));
    const bucket = ratings[day];
    if (day < 0 || bucket === undefined) outOfRange.push(entry.id);
    else bucket.push(entry.pain);
  }
  const days = ratings.map((pains, day): DiaryDay => {
    const date = addDays(onsetDate, day);
    if (pains.length === 0) return { day, date, worst: null, mean: null, count: 0 };
    return { day, date, worst: max(pains), mean: sum(pains) / pains.length, count: pains.length };
  });
  return { days, outOfRange };
}

// Loops rather than Math.max(...values): spreading a very busy day's ratings could exceed the argument limit.
function max(values: readonly number[]): number {
  let highest = -Infinity;
  for (const value of values) if (value > highest) highest = value;
  return highest;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
