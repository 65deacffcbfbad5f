/**
 * Diary analytics: the daily pain series of an episode in its own time zone, a 3-day rolling mean, baseline,
 * change from baseline, trend, and the escalations that follow from them (knowledge-base §1.3, §5;
 * triage.md `not_improving_after_7_days`, `pain_over_6_weeks`).
 */
export { analyse, type DiaryEpisode, type DiaryRating } from './analyse.ts';
export {
  diaryEscalations,
  exercisePainRise,
  promptDays,
  type DiaryEscalationInput,
  type DiarySession,
} from './escalations.ts';
export { diaryCheckInSchema, type DiaryCheckIn } from './check-in.ts';
export { episodeDayOf } from './local-day.ts';
export {
  clinicallyImportant,
  isClinicallyImportantImprovement,
  isClinicallyImportantWorsening,
} from './change.ts';
export { baselineSpanDays } from './baseline.ts';
export { latestSpanDays } from './latest.ts';
export {
  diaryEscalationIds,
  diaryTrends,
  type DiaryAnalysis,
  type DiaryDay,
  type DiaryEscalation,
  type DiaryEscalationId,
  type DiaryTrend,
  type PainChange,
  type PainWindow,
} from './types.ts';
