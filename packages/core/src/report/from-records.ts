import { analyse } from '../diary/analyse.ts';
import { diaryEscalations } from '../diary/escalations.ts';
import { localDate } from '../diary/local-day.ts';
import { buildPlan } from '../plan/build-plan.ts';
import { planProfileFromRecords } from '../plan/profile-from-records.ts';
import type { DiaryCheckIn } from '../diary/check-in.ts';
import { isEndedSession } from '../records/session-log.ts';
import type { Assessment, DiaryEntry, Episode, SessionLog } from '../records/index.ts';
import { buildSummary } from './summary.ts';
import type { DoctorSummary } from './types.ts';

export interface SummaryRecords {
  episode: Episode;
  diary: readonly DiaryEntry[];
  assessments: readonly Assessment[];
  /** Every log; those of sessions still in progress (another device is running them) are left out here. */
  sessions: readonly SessionLog[];
  /** "Any warning signs since the last check?" answers; a yes without a triage after it escalates. */
  checkIns?: readonly DiaryCheckIn[];
}

/**
 * The doctor summary of a stored episode as of `now` (a UTC instant): the diary analysis and escalations for
 * the episode's local today, and the current plan when there is one. The CLI, the server and the web app all
 * call this, so the summary a doctor gets does not depend on where it was made.
 */
export function summaryFromRecords(records: SummaryRecords, now: string): DoctorSummary {
  const { episode, diary, assessments, checkIns = [] } = records;
  // A session still running has no outcome yet: counting it would report steps skipped that are still to come.
  const sessions = records.sessions.filter(isEndedSession);
  const today = localDate(now, episode.timeZone);
  const analysis = analyse(diary, episode, today);
  const escalations = diaryEscalations({ analysis, sessions, assessments, checkIns });
  const plan = buildPlan(planProfileFromRecords(records, now), today);
  return buildSummary({
    episode,
    entries: diary,
    analysis,
    sessions,
    assessments,
    escalations,
    plan: plan.kind === 'plan' ? plan : null,
    generatedAt: now,
  });
}
