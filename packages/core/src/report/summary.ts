/**
 * `buildSummary`: the doctor summary as plain data, from an episode's records and the diary analysis. The HTML,
 * PDF and FHIR forms are all made from this one value, so they cannot tell different stories.
 */
import { DomainError, type FieldIssue } from '../errors.ts';
import { questions, type QuestionId } from '../triage/index.ts';
import { isUtcInstant, localDateTime } from './dates.ts';
import {
  localEntries,
  summariseFactors,
  summariseMedicines,
  summariseNotes,
  summarisePattern,
  summariseSessions,
  summariseSleep,
  summariseTreatments,
  type LocalEntry,
} from './diary-facts.ts';
import { summarisePlan } from './plan-facts.ts';
import { questionsToAsk } from './questions-to-ask.ts';
import { summariseAssessments } from './triage-facts.ts';
import type {
  Coded,
  DoctorSummary,
  SummaryAnalysisInput,
  SummaryAssessmentInput,
  SummaryCheckPain,
  SummaryInput,
  SummaryPain,
} from './types.ts';
import { easeFactorLabels, worseFactorLabels } from '../labels.ts';
import { patientReportedNotice } from './words.ts';

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A code of a triage question's options with that option's words (the code itself if it is not an option). */
function coded(questionId: QuestionId, code: string): Coded {
  const type = questions.find((q) => q.id === questionId)?.type;
  const label =
    type?.kind === 'enum' || type?.kind === 'multi'
      ? type.options.find((o) => o.value === code)?.label
      : undefined;
  return { code, text: capitalise(label ?? code) };
}

const oneDecimal = (n: number): number => Math.round(n * 10) / 10;

/** Assessments oldest first (ties by id), so "first" and "latest" never depend on the input order. */
function byTimeAndId(assessments: readonly SummaryAssessmentInput[]): SummaryAssessmentInput[] {
  return [...assessments].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

const wholeNumber = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) ? value : null;

/** Age from the latest check that gave one. */
function latestAge(assessments: readonly SummaryAssessmentInput[]): number | null {
  for (const a of byTimeAndId(assessments).reverse()) {
    const age = wholeNumber(a.answers.age);
    if (age !== null) return age;
  }
  return null;
}

/** The pain score of the first check made on a day of the chart (a check before the onset is not on it). */
function firstCheckPain(
  assessments: readonly SummaryAssessmentInput[],
  analysis: SummaryAnalysisInput,
): SummaryCheckPain | null {
  for (const a of byTimeAndId(assessments)) {
    const pain = wholeNumber(a.answers.pain_score);
    const { date } = localDateTime(a.at, analysis.timeZone);
    const day = analysis.days.find((d) => d.date === date);
    if (pain !== null && day !== undefined) return { pain, date, day: day.day };
  }
  return null;
}

function summarisePain(
  analysis: SummaryAnalysisInput,
  entries: readonly LocalEntry[],
  assessments: readonly SummaryAssessmentInput[],
): SummaryPain {
  const left = new Set(analysis.outOfRange);
  const readings = entries
    .filter((e) => !left.has(e.entry.id))
    .map((e) => ({ id: e.entry.id, at: e.entry.at, date: e.date, time: e.time, pain: e.entry.pain }));
  let highest: SummaryPain['highest'] = null;
  for (const r of readings)
    if (highest === null || r.pain > highest.pain) highest = { pain: r.pain, date: r.date };
  const sleep = summariseSleep(entries.filter((e) => !left.has(e.entry.id)));
  return {
    check: firstCheckPain(assessments, analysis),
    days: analysis.days.map((d, i) => ({
      day: d.day,
      date: d.date,
      worst: d.worst,
      mean: d.mean === null ? null : oneDecimal(d.mean),
      count: d.count,
      rolling3: analysis.rolling3[i] == null ? null : oneDecimal(analysis.rolling3[i]),
    })),
    readings,
    baseline: analysis.baseline === null ? null : oneDecimal(analysis.baseline.value),
    latest: analysis.latest === null ? null : oneDecimal(analysis.latest.value),
    change:
      analysis.change === null
        ? null
        : {
            points: oneDecimal(analysis.change.points),
            percent: analysis.change.percent === null ? null : Math.round(analysis.change.percent),
          },
    trend: analysis.trend,
    clinicallyImportantImprovement: analysis.clinicallyImportantImprovement,
    highest,
    sleepMeanHours: sleep.meanHours,
    sleepNights: sleep.nights,
  };
}

function check(input: SummaryInput): void {
  const { episode, analysis, generatedAt } = input;
  const fields: FieldIssue[] = [];
  if (!isUtcInstant(generatedAt))
    fields.push({ field: 'generatedAt', problem: 'must be a UTC time ending in Z' });
  if (analysis.onsetDate !== episode.onsetDate) {
    fields.push({
      field: 'analysis.onsetDate',
      problem: 'is not the episode onset date: analyse this episode',
    });
  }
  if (analysis.timeZone !== episode.timeZone) {
    fields.push({
      field: 'analysis.timeZone',
      problem: 'is not the episode time zone: analyse this episode',
    });
  }
  const instants: [string, string][] = [
    ...input.entries.map((e, i): [string, string] => [`entries.${i}.at`, e.at]),
    ...(input.sessions ?? []).flatMap((s, i): [string, string][] => [
      [`sessions.${i}.startedAt`, s.startedAt],
      [`sessions.${i}.endedAt`, s.endedAt],
    ]),
    ...(input.assessments ?? []).map((a, i): [string, string] => [`assessments.${i}.at`, a.at]),
  ];
  for (const [field, value] of instants) {
    if (Number.isNaN(Date.parse(value))) fields.push({ field, problem: 'is not a time' });
  }
  if (fields.length > 0)
    throw new DomainError('validation_failed', 'cannot build the doctor summary', fields);
}

/**
 * Builds the doctor summary of one episode. Pure and deterministic: it reads no clock (`generatedAt` and the
 * analysis's `today` are given), changes none of its inputs, and gives the same value for the same records in any
 * order.
 *
 * @param input the episode, its diary entries, sessions and assessments, `analyse(entries, episode, today)`, the
 *   escalations the app showed, the plan (for the FHIR CarePlan) and `generatedAt`.
 * @throws DomainError `validation_failed` when `generatedAt` is not a UTC instant, the analysis is of another
 *   onset date or time zone, or a record's time cannot be read.
 */
export function buildSummary(input: SummaryInput): DoctorSummary {
  check(input);
  const { episode, analysis } = input;
  const tz = episode.timeZone;
  const entries = localEntries(input.entries, tz);
  const sessions = summariseSessions(input.sessions ?? [], tz);
  const assessments = summariseAssessments(input.assessments ?? [], tz);
  const medicines = summariseMedicines(entries, tz);
  const pain = summarisePain(analysis, entries, input.assessments ?? []);
  const summaryEpisode: DoctorSummary['episode'] = {
    id: episode.id,
    onsetDate: episode.onsetDate,
    timeZone: tz,
    day: analysis.day,
    status: episode.status ?? 'active',
    location: coded('location', episode.location),
    trigger: coded('trigger', episode.trigger),
    knownConditions: episode.knownConditions.map((c) => coded('known_conditions', c)),
    work: episode.preferences?.work ?? null,
    createdAt: episode.createdAt ?? null,
    age: latestAge(input.assessments ?? []),
  };
  return {
    kind: 'doctor_summary',
    generatedAt: input.generatedAt,
    today: analysis.today,
    notice: patientReportedNotice,
    episode: summaryEpisode,
    pattern: summarisePattern(entries),
    worse: summariseFactors(entries, (e) => e.worse, worseFactorLabels),
    better: summariseFactors(entries, (e) => e.better, easeFactorLabels),
    pain,
    treatments: summariseTreatments(entries, sessions),
    sessions,
    medicines,
    assessments,
    escalations: (input.escalations ?? []).map((e) => ({
      id: e.id,
      level: e.level,
      title: e.title,
      reason: e.reason,
      action: e.action,
      since: e.since,
    })),
    questions: questionsToAsk({ episode: summaryEpisode, pain, assessments, sessions, medicines }),
    notes: summariseNotes(entries),
    plan: input.plan == null ? null : summarisePlan(input.plan),
  };
}
