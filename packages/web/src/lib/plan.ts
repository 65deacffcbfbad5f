/**
 * The plan for today, built on this device by @unknot/core from the episode, the latest check, the diary and
 * the preferences. No network: it works offline.
 */
import { computed } from '@preact/signals';
import { buildPlan, type BuildPlanResult, type PlanProfile } from '@unknot/core';
import { localToday } from './dates.ts';
import { diary, episode, latestCheck } from './records.ts';

/** A rating this recent counts as "how it is now" for the plan's early move to recovery (§5). */
const recentMs = 24 * 60 * 60 * 1000;
/** Pain at or below this on the 0–10 scale counts as mild. */
const mildPain = 3;

export const plan = computed<BuildPlanResult | null>(() => {
  const ep = episode.value;
  if (!ep) return null;
  const latest = latestCheck.value;
  const lastRating = diary.value.at(-1);
  const profile: PlanProfile = {
    onsetDate: ep.onsetDate,
    timeZone: ep.timeZone,
    location: ep.location,
    trigger: ep.trigger,
    knownConditions: ep.knownConditions,
    preferences: ep.preferences,
    ...(latest ? { triage: { at: latest.at, result: latest.result } } : {}),
    ...(lastRating && Date.now() - Date.parse(lastRating.at) < recentMs
      ? { painIsMild: lastRating.pain <= mildPain }
      : {}),
  };
  return buildPlan(profile, localToday(ep.timeZone));
});
