import type { Assessment, DiaryEntry, Episode } from '../records/index.ts';
import type { PlanProfile } from './types.ts';

/** A rating at or below this counts as mild pain for the early move to recovery (§5, days 8–14). */
export const mildPainAtMost = 3;

export interface EpisodeRecords {
  episode: Episode;
  /** Any order. */
  assessments: readonly Assessment[];
  /** Any order. */
  diary: readonly Pick<DiaryEntry, 'at' | 'pain'>[];
}

const latest = <T>(items: readonly T[], at: (item: T) => string): T | undefined =>
  items.reduce<T | undefined>(
    (best, item) => (best === undefined || at(item) > at(best) ? item : best),
    undefined,
  );

/** Only a recent rating says how the pain is "now". */
const recentMs = 48 * 3_600_000;

/**
 * The plan profile of a stored episode: its own fields, the latest triage, and whether the pain is mild now
 * (the latest diary rating, if made in the last 48 hours, is at most 3). Faces (CLI, server, web) build plans
 * through this one function so they agree. `now` is a UTC instant (core reads no clock).
 */
export function planProfileFromRecords(
  { episode, assessments, diary }: EpisodeRecords,
  now: string,
): PlanProfile {
  const triage = latest(assessments, (a) => a.at);
  const recent = diary.filter((d) => Date.parse(now) - Date.parse(d.at) <= recentMs);
  const lastRating = latest(recent, (d) => d.at);
  return {
    onsetDate: episode.onsetDate,
    timeZone: episode.timeZone,
    location: episode.location,
    trigger: episode.trigger,
    knownConditions: episode.knownConditions,
    preferences: episode.preferences,
    ...(triage ? { triage: { at: triage.at, result: triage.result } } : {}),
    ...(lastRating ? { painIsMild: lastRating.pain <= mildPainAtMost } : {}),
  };
}
