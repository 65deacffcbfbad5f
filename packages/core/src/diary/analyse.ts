/** The diary analysis of one episode, as of one local day. */
import { DomainError, type FieldIssue } from '../errors.ts';
import { isTimeZone, type DiaryEntry, type Episode } from '../records/index.ts';
import { painBaseline } from './baseline.ts';
import { isClinicallyImportantImprovement, painChange } from './change.ts';
import { latestPain, latestSpanDays } from './latest.ts';
import { daysBetween, isCalendarDate, isInstant } from './local-day.ts';
import { rollingMean } from './rolling.ts';
import { dailySeries } from './series.ts';
import { classifyTrend } from './trend.ts';
import type { DiaryAnalysis } from './types.ts';

/** The part of an episode the analysis needs. */
export type DiaryEpisode = Pick<Episode, 'onsetDate' | 'timeZone'>;

/** The part of a diary entry the analysis reads; a full `DiaryEntry` fits. */
export type DiaryRating = Pick<DiaryEntry, 'id' | 'at' | 'pain'>;

/**
 * Analyses an episode's diary as of `today`: the daily series in the episode's time zone, a 3-day rolling
 * mean, baseline, latest level, change from baseline, whether that change is clinically important, and the trend.
 *
 * Pure: it reads no clock (`today` is the person's local date, e.g. `localDate(now, episode.timeZone)`), does
 * not change its inputs and gives the same answer for the same inputs in any order. The caller passes only
 * this episode's entries.
 *
 * @param entries diary entries of the episode (any order).
 * @param episode its onset date (day 0) and IANA time zone.
 * @param today the local date to analyse up to, `YYYY-MM-DD`.
 * @throws DomainError `validation_failed` naming each bad field when a date, time zone, instant or pain
 *   rating is malformed (records that passed their zod schema never are).
 */
export function analyse(
  entries: readonly DiaryRating[],
  episode: DiaryEpisode,
  today: string,
): DiaryAnalysis {
  assertValid(entries, episode, today);
  const { onsetDate, timeZone } = episode;
  const { days, outOfRange } = dailySeries(entries, onsetDate, timeZone, today);
  const baseline = painBaseline(days);
  const latest = latestPain(days, baseline);
  const change = painChange(baseline, latest);
  return {
    onsetDate,
    timeZone,
    today,
    day: daysBetween(onsetDate, today),
    days,
    // Three days, like `latest`, so the chart smooths over the same span that the comparison uses.
    rolling3: rollingMean(
      days.map((d) => d.worst),
      latestSpanDays,
    ),
    baseline,
    latest,
    change,
    clinicallyImportantImprovement: isClinicallyImportantImprovement(change),
    trend: classifyTrend(change),
    outOfRange,
  };
}

function assertValid(entries: readonly DiaryRating[], episode: DiaryEpisode, today: string): void {
  const fields: FieldIssue[] = [];
  if (!isCalendarDate(episode.onsetDate)) fields.push({ field: 'episode.onsetDate', problem: 'not a date' });
  if (!isTimeZone(episode.timeZone)) fields.push({ field: 'episode.timeZone', problem: 'not an IANA zone' });
  if (!isCalendarDate(today)) fields.push({ field: 'today', problem: 'not a date (YYYY-MM-DD)' });
  entries.forEach((entry, i) => {
    if (!isInstant(entry.at)) fields.push({ field: `entries.${i}.at`, problem: 'not a time' });
    if (!Number.isFinite(entry.pain) || entry.pain < 0 || entry.pain > 10) {
      fields.push({ field: `entries.${i}.pain`, problem: 'not a rating from 0 to 10' });
    }
  });
  if (fields.length > 0) throw new DomainError('validation_failed', 'cannot analyse this diary', fields);
}
