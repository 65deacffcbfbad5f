/**
 * Whether a diary time fits the episode, by core's `diaryTimeProblems` (the rule the server enforces), so the form
 * refuses it before saving instead of the queued write being refused later.
 */
import { diaryTimeProblems } from '@unknot/core';
import { formatDate } from './dates.ts';
import { t } from '../strings.ts';

/** The message for a diary time outside the episode, or null when it fits (or there is no episode yet). */
export function diaryTimeError(
  at: string,
  episode: { readonly onsetDate: string; readonly timeZone: string } | null,
  now: Date = new Date(),
): string | null {
  if (episode === null) return null;
  return diaryTimeProblems(at, episode, now.toISOString()).length > 0
    ? t.diary.atOutsideEpisode(formatDate(episode.onsetDate))
    : null;
}
