/**
 * What the diary says today (core `analyse` and `diaryEscalations`): the pain trend, the day-7 and day-14
 * prompts, more than six weeks, and exercises that made the pain worse (which stop until a clinician says so).
 */
import { computed } from '@preact/signals';
import { analyse, diaryEscalations, type DiaryAnalysis, type DiaryEscalation } from '@unknot/core';
import { localToday } from './dates.ts';
import { checks, diary, episode, sessions } from './records.ts';

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
      sessions: sessions.value,
      assessments: checks.value.filter((c) => c.complete).map((c) => ({ at: c.at })),
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
