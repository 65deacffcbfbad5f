/**
 * The plan for today, built on this device by @unknot/core from the episode, the latest check, the diary and
 * the preferences. No network: it works offline. In clinic mode, the programme the patient's physiotherapist
 * assigned (the sync layer's `programme`) takes the place of the default items (core's `applyProgramme`, which
 * leaves an escalation or a needed check as it is: the red-flag rules come first).
 */
import { computed } from '@preact/signals';
import { applyProgramme, buildPlan, type BuildPlanResult, type PlanProfile } from '@unknot/core';
import { localToday } from './dates.ts';
import { diary, episode, latestCheck, programme } from './records.ts';

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
  const built = buildPlan(profile, localToday(ep.timeZone));
  const assigned = programme.value;
  return assigned ? applyProgramme(built, assigned) : built;
});
