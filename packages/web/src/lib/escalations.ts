/**
 * What the diary says today (core `analyse` and `diaryEscalations`): the pain trend, the day-7 and day-14
 * prompts, more than six weeks, exercises that made the pain worse (which stop until a clinician says so), and a
 * check-in that reported a warning sign.
 */
import { computed } from '@preact/signals';
import {
  analyse,
  diaryEscalations,
  isEndedSession,
  type DiaryAnalysis,
  type DiaryEscalation,
} from '@unknot/core';
import { localToday } from './dates.ts';
import { checkIns, checks, diary, episode, sessions } from './records.ts';

export const diaryAnalysis = computed<DiaryAnalysis | null>(() => {
  const ep = episode.value;
  if (!ep) return null;
  try {
    return analyse(diary.value, ep, localToday(ep.timeZone));
  } catch {
    return null;
  }
});

export const escalations = computed<DiaryEscalation[]>(() => {
  const analysis = diaryAnalysis.value;
  if (!analysis) return [];
  try {
    return diaryEscalations({
      analysis,
      // A session still running (here or on another device) is not one done: it counts once it has ended.
      sessions: sessions.value.filter(isEndedSession),
      assessments: checks.value.filter((c) => c.complete).map((c) => ({ at: c.at })),
      // A check-in that reported a warning sign asks for the check again until one is done.
      checkIns: checkIns.value,
    });
  } catch {
    return [];
  }
});

/** Exercises whose last session raised the pain by 2 or more: no timer for them until reviewed. */
export const stoppedExercises = computed<ReadonlySet<string>>(
  () =>
    new Set(
      escalations.value.flatMap((e) => (e.id === 'stop_exercise' && e.protocolId ? [e.protocolId] : [])),
    ),
);
