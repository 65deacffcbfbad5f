/**
 * Escalations: what the diary tells a person to do when recovery stalls, an exercise hurts or a warning sign is
 * reported. Each one carries its reason in the person's own numbers and the sources it rests on.
 */
import type { Assessment, SessionLog } from '../records/index.ts';
import { getEntry } from '../knowledge/index.ts';
import { DomainError, type FieldIssue } from '../errors.ts';
import { rules, severity, sourceEmitAs } from '../triage/index.ts';
import type { DiaryCheckIn } from './check-in.ts';
import { clinicallyImportant } from './change.ts';
import { addDays, isInstant, localDate } from './local-day.ts';
import { diaryEscalationIds, type DiaryAnalysis, type DiaryEscalation } from './types.ts';

const noImprovementCard = 'rf-no-improvement-1-2-weeks';
const doctorVisitCard = 'pro-see-doctor-what-to-tell';
const seed001 = sourceEmitAs['SEED-001'];
const seed003 = sourceEmitAs['SEED-003'];

/**
 * The days of the time-based prompts. They are read from the knowledge base (the `spec_default` of
 * `rf-no-improvement-1-2-weeks`), so a change to the clinical spec moves them; 43 is "more than six weeks",
 * the same boundary as triage's `pain_over_6_weeks`.
 */
export const promptDays = {
  bookAppointment: specDay('first_prompt_day', 7),
  seeDoctor: specDay('second_prompt_day', 14),
  review: specDay('long_duration_day', 43),
} as const;

/** A rise from before to after an exercise session of this many points stops that exercise. */
export const exercisePainRise = 2;

// The fallback keeps the app working if the entry ever loses the value; escalations.test.ts fails on that drift.
function specDay(key: string, fallback: number): number {
  const value = getEntry(noImprovementCard)?.protocol?.spec_default?.[key];
  return typeof value === 'number' && Number.isInteger(value) ? value : fallback;
}

/** A triage rule's sources as the exact strings triage emits, so the two never cite differently. */
function triageSources(ruleId: string): string[] {
  const rule = rules.find((r) => r.id === ruleId);
  if (rule === undefined) throw new Error(`triage has no rule ${ruleId}`);
  return rule.sources.map((ref) => sourceEmitAs[ref]);
}

function triageDisposition(ruleId: string) {
  const rule = rules.find((r) => r.id === ruleId);
  if (rule === undefined) throw new Error(`triage has no rule ${ruleId}`);
  return rule.disposition;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** The part of a session log the escalations read; a full `SessionLog` fits. */
export type DiarySession = Pick<
  SessionLog,
  'protocolId' | 'startedAt' | 'endedAt' | 'painBefore' | 'painAfter'
>;

export interface DiaryEscalationInput {
  /** From `analyse`; it carries today, the episode day and the time zone. */
  analysis: DiaryAnalysis;
  /** The episode's session logs (any order). */
  sessions?: readonly DiarySession[];
  /** The episode's triage assessments (any order); only their times are read. */
  assessments?: readonly Pick<Assessment, 'at'>[];
  /** The episode's check-ins (any order). */
  checkIns?: readonly DiaryCheckIn[];
}

/**
 * The escalations that apply to an episode today, most pressing first: by level (urgent, soon, self_care), then
 * `triage_again_now`, `see_doctor_with_summary`, `book_appointment`, `review`, `stop_exercise`, then the most
 * recent first and by protocol id. Pure and deterministic; the inputs are not changed.
 *
 * - `book_appointment`: day ≥ 7 and no clinically important improvement, including when the diary has too few
 *   recent ratings to show one (a missing diary is no evidence of recovery, and a missed prompt costs more than an
 *   extra one). From day 14 it is replaced by the next one.
 * - `see_doctor_with_summary`: day ≥ 14 and no clinically important improvement; take the diary summary.
 * - `review`: day ≥ 43 (more than six weeks), whatever the pain is doing.
 * - `stop_exercise`: the latest session of an exercise (knowledge kind `exercise`) with both ratings ended 2 or
 *   more points higher than it began; one per exercise. A later session without such a rise clears it.
 * - `triage_again_now`: a check-in reported a warning sign and no triage assessment has been made since.
 *
 * @throws DomainError `validation_failed` when a session, assessment or check-in time is malformed.
 */
export function diaryEscalations(input: DiaryEscalationInput): DiaryEscalation[] {
  const { analysis, sessions = [], assessments = [], checkIns = [] } = input;
  assertInstants(sessions, assessments, checkIns);
  const found = [
    ...triageAgain(checkIns, assessments, analysis.timeZone),
    ...timeBased(analysis),
    ...stopExercises(sessions, analysis.timeZone),
  ];
  return found.sort(byRank);
}

function byRank(a: DiaryEscalation, b: DiaryEscalation): number {
  return (
    severity(b.level) - severity(a.level) ||
    diaryEscalationIds.indexOf(a.id) - diaryEscalationIds.indexOf(b.id) ||
    compareText(b.since, a.since) ||
    compareText(a.protocolId ?? '', b.protocolId ?? '')
  );
}

// Code-unit order, not localeCompare, so the order cannot depend on the host's locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Time-based prompts (rf-no-improvement-1-2-weeks; triage not_improving_after_7_days, pain_over_6_weeks)
// ---------------------------------------------------------------------------------------------------------

function timeBased(analysis: DiaryAnalysis): DiaryEscalation[] {
  const { day, onsetDate, clinicallyImportantImprovement } = analysis;
  const found: DiaryEscalation[] = [];
  if (day >= promptDays.seeDoctor && !clinicallyImportantImprovement) {
    found.push({
      id: 'see_doctor_with_summary',
      level: triageDisposition('not_improving_after_7_days'),
      title: 'See a doctor, and take your diary summary',
      reason: `${progressReason(analysis)} After two weeks, a doctor should take a look.`,
      action:
        'Make an appointment with a GP in the next few days. Bring the summary from this app: it shows when ' +
        'the pain began, how it has changed day by day and what you have tried. Keep up the self-care plan meanwhile.',
      sources: unique([seed003, ...triageSources('not_improving_after_7_days')]),
      entries: [noImprovementCard, doctorVisitCard],
      since: addDays(onsetDate, promptDays.seeDoctor),
    });
  } else if (day >= promptDays.bookAppointment && !clinicallyImportantImprovement) {
    found.push({
      id: 'book_appointment',
      level: triageDisposition('not_improving_after_7_days'),
      title: 'Book a GP or physiotherapy appointment',
      reason: `${progressReason(analysis)} After a week, that is worth a check-up.`,
      action:
        'Book an appointment with a GP or a physiotherapist for the coming days, and carry on with the ' +
        'self-care plan until then. If a warning sign appears, get help straight away instead of waiting.',
      sources: unique([seed003, ...triageSources('not_improving_after_7_days')]),
      entries: [noImprovementCard],
      since: addDays(onsetDate, promptDays.bookAppointment),
    });
  }
  if (day >= promptDays.review) {
    found.push({
      id: 'review',
      level: triageDisposition('pain_over_6_weeks'),
      title: 'Time for a review: more than six weeks',
      reason: `This episode began ${day} days ago, on ${onsetDate}: longer than six weeks.`,
      action:
        'Book a review with a GP or a physiotherapist to plan the next steps of treatment. ' +
        'If the pain has gone, close this episode instead.',
      sources: triageSources('pain_over_6_weeks'),
      entries: [noImprovementCard],
      since: addDays(onsetDate, promptDays.review),
    });
  }
  return found;
}

/** Why the pain does not count as clearly better, with the person's own numbers. */
function progressReason(analysis: DiaryAnalysis): string {
  const { day, baseline, latest, change, trend } = analysis;
  const start = `It is day ${day} of this episode`;
  if (baseline === null) {
    return `${start}, and the diary has no pain ratings yet, so it cannot show that the pain is clearly better.`;
  }
  if (latest === null || change === null) {
    return (
      `${start}, and the diary has no ratings from the last three days to compare with the start, ` +
      'so it cannot show that the pain is clearly better.'
    );
  }
  const numbers = `${formatPain(baseline.value)} out of 10 at the start, ${formatPain(latest.value)} lately`;
  if (trend === 'worsening') return `${start}, and the pain is worse than when the diary began: ${numbers}.`;
  return (
    `${start}, and the pain is not clearly better: ${numbers}. Clearly better means at least ` +
    `${clinicallyImportant.points} points or ${clinicallyImportant.percent} % lower than at the start.`
  );
}

/** A pain level as people write it: at most one decimal, no trailing zero. */
function formatPain(value: number): string {
  return String(Math.round(value * 10) / 10);
}

// ---------------------------------------------------------------------------------------------------------
// An exercise that made the pain worse (001_bd30bd02c355b2a0.txt ¶7)
// ---------------------------------------------------------------------------------------------------------

type RatedSession = DiarySession & { painBefore: number; painAfter: number };

function isRatedExercise(session: DiarySession): session is RatedSession {
  return (
    session.painBefore !== undefined &&
    session.painAfter !== undefined &&
    getEntry(session.protocolId)?.kind === 'exercise'
  );
}

/** Later start first, then later end; on a tie, the bigger rise, so a tie never hides a warning. */
function isLaterThan(a: RatedSession, b: RatedSession): boolean {
  return (
    (Date.parse(a.startedAt) - Date.parse(b.startedAt) ||
      Date.parse(a.endedAt) - Date.parse(b.endedAt) ||
      a.painAfter - a.painBefore - (b.painAfter - b.painBefore)) > 0
  );
}

function stopExercises(sessions: readonly DiarySession[], timeZone: string): DiaryEscalation[] {
  // The latest rated session of each exercise decides: if the person tried it again and it did not hurt more,
  // the earlier warning has been answered.
  const latest = new Map<string, RatedSession>();
  for (const session of sessions) {
    if (!isRatedExercise(session)) continue;
    const current = latest.get(session.protocolId);
    if (current === undefined || isLaterThan(session, current)) latest.set(session.protocolId, session);
  }
  const found: DiaryEscalation[] = [];
  for (const session of latest.values()) {
    const rise = session.painAfter - session.painBefore;
    if (rise < exercisePainRise) continue;
    const title = getEntry(session.protocolId)?.title ?? session.protocolId;
    const date = localDate(session.startedAt, timeZone);
    found.push({
      id: 'stop_exercise',
      level: 'self_care',
      title: `Stop for now: ${title}`,
      reason:
        `On ${date} your pain went from ${session.painBefore} before this exercise to ` +
        `${session.painAfter} after it, ${rise} points higher.`,
      action:
        'Leave this exercise out until a GP or physiotherapist has said it is right for you. The rest of the ' +
        'plan can carry on as long as it does not make the pain worse.',
      sources: [seed001],
      entries: [session.protocolId],
      since: date,
      protocolId: session.protocolId,
    });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// A warning sign reported at a check-in (knowledge-base §1.4 rule 1: triage runs again on new symptoms)
// ---------------------------------------------------------------------------------------------------------

function triageAgain(
  checkIns: readonly DiaryCheckIn[],
  assessments: readonly Pick<Assessment, 'at'>[],
  timeZone: string,
): DiaryEscalation[] {
  let lastAssessment = -Infinity;
  for (const a of assessments) lastAssessment = Math.max(lastAssessment, Date.parse(a.at));
  // Every warning sign reported after the last assessment counts, even if a later check-in said "none": a sign
  // that comes and goes (bladder or saddle symptoms can) still has to be checked.
  const pending = checkIns.filter((c) => c.redFlagReported && Date.parse(c.at) > lastAssessment);
  let first: DiaryCheckIn | undefined;
  for (const c of pending) if (first === undefined || Date.parse(c.at) < Date.parse(first.at)) first = c;
  if (first === undefined) return [];
  const since = localDate(first.at, timeZone);
  return [
    {
      id: 'triage_again_now',
      // A one-question check-in cannot tell an emergency from a same-day problem; the triage it opens will.
      level: 'urgent',
      title: 'Go through the warning-sign check again now',
      reason:
        pending.length === 1
          ? `At your check-in on ${since} you reported a warning sign, and it has not been checked since.`
          : `You reported a warning sign at ${pending.length} check-ins from ${since} on, and there has been no warning-sign check after them.`,
      action:
        'Answer the warning-sign questions again now, before anything else. They tell you whether to call ' +
        'emergency services, see a doctor today or book an appointment.',
      sources: [sourceEmitAs['SEED-000'], sourceEmitAs['NHS-BACK']],
      entries: [],
      since,
    },
  ];
}

function assertInstants(
  sessions: readonly DiarySession[],
  assessments: readonly Pick<Assessment, 'at'>[],
  checkIns: readonly DiaryCheckIn[],
): void {
  const fields: FieldIssue[] = [];
  sessions.forEach((s, i) => {
    if (!isInstant(s.startedAt)) fields.push({ field: `sessions.${i}.startedAt`, problem: 'not a time' });
    if (!isInstant(s.endedAt)) fields.push({ field: `sessions.${i}.endedAt`, problem: 'not a time' });
  });
  assessments.forEach((a, i) => {
    if (!isInstant(a.at)) fields.push({ field: `assessments.${i}.at`, problem: 'not a time' });
  });
  checkIns.forEach((c, i) => {
    if (!isInstant(c.at)) fields.push({ field: `checkIns.${i}.at`, problem: 'not a time' });
  });
  if (fields.length > 0) throw new DomainError('validation_failed', 'cannot check escalations', fields);
}
