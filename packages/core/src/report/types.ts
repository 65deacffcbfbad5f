/**
 * The doctor summary's shapes: what `buildSummary` reads and the `DoctorSummary` it returns.
 *
 * The inputs are typed by the fields they need, not by the diary and plan modules' own types, so a stored record or
 * the value `analyse`, `diaryEscalations` or `buildPlan` returns fits as it is, and this module does not break while
 * those grow. The tests check that the real types stay assignable to these.
 */
import type { Disposition } from '../triage/index.ts';

// ---------------------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------------------

/** The part of an `Episode` the summary reads. */
export interface SummaryEpisodeInput {
  readonly id: string;
  /** Day 0, `YYYY-MM-DD` in `timeZone`. */
  readonly onsetDate: string;
  readonly timeZone: string;
  readonly location: string;
  readonly trigger: string;
  readonly knownConditions: readonly string[];
  readonly preferences?: { readonly work?: 'sitting' | 'standing' | 'physical' | undefined };
  readonly status?: 'active' | 'closed';
  /** When the episode was first recorded (UTC). */
  readonly createdAt?: string;
}

/** The part of a `DiaryEntry` the summary reads. */
export interface SummaryEntryInput {
  readonly id: string;
  /** UTC instant. */
  readonly at: string;
  readonly pain: number;
  readonly pattern?: 'constant' | 'intermittent' | undefined;
  readonly worse?: { readonly known: readonly string[]; readonly text?: string | undefined } | undefined;
  readonly better?: { readonly known: readonly string[]; readonly text?: string | undefined } | undefined;
  readonly treatments?: readonly string[] | undefined;
  readonly medicines?:
    | readonly {
        readonly name: string;
        readonly dose?: string | undefined;
        readonly at?: string | undefined;
      }[]
    | undefined;
  readonly sleepHours?: number | undefined;
  readonly note?: string | undefined;
}

/** The part of a `SessionLog` the summary reads. */
export interface SummarySessionInput {
  readonly id?: string;
  readonly protocolId: string;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly stepsCompleted: number;
  readonly stoppedEarly: boolean;
  readonly stopReason?: string | undefined;
  readonly painBefore?: number | undefined;
  readonly painAfter?: number | undefined;
}

/** The part of an `Assessment` the summary reads. */
export interface SummaryAssessmentInput {
  readonly id: string;
  readonly at: string;
  readonly answers: Readonly<Record<string, unknown>>;
  readonly result: {
    readonly disposition: Disposition;
    readonly reasons: readonly {
      readonly rule: string;
      readonly disposition: Disposition;
      readonly text: string;
    }[];
    readonly rulesVersion: string;
  };
  readonly rulesVersion: string;
}

/** One day of the diary analysis (`DiaryAnalysis.days[i]`). */
export interface SummaryAnalysisDay {
  readonly day: number;
  readonly date: string;
  readonly worst: number | null;
  readonly mean: number | null;
  readonly count: number;
}

/** The part of the diary's `DiaryAnalysis` (from `analyse(entries, episode, today)`) the summary reads. */
export interface SummaryAnalysisInput {
  readonly onsetDate: string;
  readonly timeZone: string;
  readonly today: string;
  readonly day: number;
  readonly days: readonly SummaryAnalysisDay[];
  readonly rolling3: readonly (number | null)[];
  readonly baseline: { readonly value: number; readonly days: readonly number[] } | null;
  readonly latest: { readonly value: number; readonly days: readonly number[] } | null;
  readonly change: { readonly points: number; readonly percent: number | null } | null;
  readonly clinicallyImportantImprovement: boolean;
  readonly trend: 'improving' | 'not_improving' | 'worsening' | 'insufficient_data';
  readonly outOfRange: readonly string[];
}

/** The part of a `DiaryEscalation` (from `diaryEscalations`) the summary reads: what the app told the person. */
export interface SummaryEscalationInput {
  readonly id: string;
  readonly level: Disposition;
  readonly title: string;
  readonly reason: string;
  readonly action: string;
  /** Local date from which it applied, `YYYY-MM-DD`. */
  readonly since: string;
}

/** One item of a plan day (`PlanItem`). */
export interface SummaryPlanItemInput {
  readonly entryId: string;
  readonly title: string;
  readonly slot: string;
  readonly summary: string;
  readonly note: string | null;
}

/** The part of a `Plan` (from `buildPlan`, when its `kind` is `plan`) the summary reads, for the FHIR CarePlan. */
export interface SummaryPlanInput {
  readonly kind: 'plan';
  readonly today: string;
  readonly todayDay: number;
  readonly stage: string;
  readonly days: readonly {
    readonly date: string;
    readonly day: number;
    readonly items: readonly SummaryPlanItemInput[];
  }[];
  readonly checkIns?: readonly { readonly day: number; readonly date: string; readonly question: string }[];
}

/** Everything `buildSummary` needs. Only this episode's records should be passed. */
export interface SummaryInput {
  readonly episode: SummaryEpisodeInput;
  /** The episode's diary entries, any order. */
  readonly entries: readonly SummaryEntryInput[];
  /** `analyse(entries, episode, today)` for the same entries; its `today` is the summary's "today". */
  readonly analysis: SummaryAnalysisInput;
  /** The episode's guided-session logs, any order. */
  readonly sessions?: readonly SummarySessionInput[];
  /** The episode's triage assessments, any order. */
  readonly assessments?: readonly SummaryAssessmentInput[];
  /** The escalations the app showed (`diaryEscalations(...)`), most pressing first. */
  readonly escalations?: readonly SummaryEscalationInput[];
  /** The current plan, if one was built; only used by the FHIR export (as a CarePlan). */
  readonly plan?: SummaryPlanInput | null;
  /** When the summary is made, a UTC instant (core reads no clock). */
  readonly generatedAt: string;
}

// ---------------------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------------------

/** A code of our vocabulary with its words. */
export interface Coded<C extends string = string> {
  code: C;
  text: string;
}

export interface SummaryEpisode {
  id: string;
  onsetDate: string;
  timeZone: string;
  /** Days since onset on `today` (the onset date is day 0). */
  day: number;
  status: 'active' | 'closed';
  /** Where the pain mainly is, e.g. `lower` with "low back, above the buttocks". */
  location: Coded;
  /** What set it off, in the person's answer's words. */
  trigger: Coded;
  /** Back conditions a doctor has named before; empty for none. */
  knownConditions: Coded[];
  /** The kind of work the person does, when known. */
  work: 'sitting' | 'standing' | 'physical' | null;
  createdAt: string | null;
  /** Age in years, from the latest check's answers; `null` before any check. */
  age: number | null;
}

/**
 * Constant or comes and goes. The diary asks it with each rating, and the answer can change as a spasm settles,
 * so the summary gives the most recent answer (what the doctor asks about now) and the counts of each.
 */
export interface SummaryPattern {
  latest: 'constant' | 'intermittent' | null;
  /** Local date of the most recent answer. */
  latestDate: string | null;
  constant: number;
  intermittent: number;
}

/** A factor the person ticked, and on how many diary entries. */
export interface FactorCount {
  code: string;
  text: string;
  count: number;
}

/** Something the person wrote, with the local date. */
export interface DatedText {
  date: string;
  text: string;
}

/** What makes it worse (or better): ticked factors, most often first, and the person's own words, newest first. */
export interface SummaryFactors {
  known: FactorCount[];
  texts: DatedText[];
  /** How many diary entries answered the question at all. */
  answered: number;
}

export interface SummaryPainDay {
  day: number;
  date: string;
  /** Highest rating of the day (0–10), `null` when none was logged. */
  worst: number | null;
  mean: number | null;
  count: number;
  /** 3-day rolling mean of the daily worst, `null` when none of the three days has a rating. */
  rolling3: number | null;
}

/** One pain rating as logged (0–10), for the FHIR Observations. */
export interface SummaryPainReading {
  id: string;
  at: string;
  date: string;
  time: string;
  pain: number;
}

/** The worst pain in the last 24 hours (0–10) given in the first check, on a day of the chart. */
export interface SummaryCheckPain {
  pain: number;
  date: string;
  /** Days since onset. */
  day: number;
}

export interface SummaryPain {
  days: SummaryPainDay[];
  /** The first check's pain score: the first point of the series, drawn apart from the diary's ratings. */
  check: SummaryCheckPain | null;
  readings: SummaryPainReading[];
  baseline: number | null;
  latest: number | null;
  change: { points: number; percent: number | null } | null;
  trend: 'improving' | 'not_improving' | 'worsening' | 'insufficient_data';
  clinicallyImportantImprovement: boolean;
  highest: { pain: number; date: string } | null;
  /** Mean hours of sleep over the entries that gave it, one decimal; `null` when none did. */
  sleepMeanHours: number | null;
  sleepNights: number;
}

/** A treatment the person logged or ran as a guided session. */
export interface SummaryTreatment {
  entryId: string;
  title: string;
  /** Diary entries that listed it. */
  logged: number;
  /** Guided sessions of it. */
  sessions: number;
  lastDate: string;
}

export interface SummarySession {
  id: string | null;
  protocolId: string;
  title: string;
  startedAt: string;
  date: string;
  time: string;
  minutes: number;
  stepsCompleted: number;
  stoppedEarly: boolean;
  stopReason: string | null;
  painBefore: number | null;
  painAfter: number | null;
  /** `painAfter − painBefore` when both were given; negative means it helped. */
  change: number | null;
}

export interface SummaryMedicine {
  /** As the person first wrote it (trimmed); names are grouped without regard to case. */
  name: string;
  /** Every distinct dose as written, in the order first written. unknot never calculates doses. */
  doses: string[];
  /** Diary entries that listed it. */
  times: number;
  /** Local dates it was taken (its own time when given, else the entry's). */
  firstDate: string;
  lastDate: string;
  /** When it was last taken, local `YYYY-MM-DD HH:MM`, when a diary entry gave the time; else `null`. */
  lastTakenAt: string | null;
}

/** One triage answer, typed, with its words. */
export interface SummaryAnswer {
  questionId: string;
  /** The question's number in triage.md §2. */
  number: number;
  /** The full question as the person saw it. */
  question: string;
  /** A short label for tables, our words. */
  label: string;
  value: boolean | number | string | string[];
  /** The answer in words, e.g. "Yes, in one leg". */
  text: string;
}

/** An answer that made a rule fire, and which rules. */
export interface RedFlagAnswer extends SummaryAnswer {
  rules: string[];
}

export interface SummaryReason {
  rule: string;
  disposition: Disposition;
  text: string;
}

export interface SummaryAssessment {
  id: string;
  at: string;
  date: string;
  time: string;
  disposition: Disposition;
  /** triage.md §1 headline for the disposition. */
  headline: string;
  rulesVersion: string;
  reasons: SummaryReason[];
  /**
   * Answers that made a rule fire (empty when only `no_red_flags` fired): those behind the most severe rule first,
   * then in question order.
   */
  redFlagAnswers: RedFlagAnswer[];
  /** Every answer, in question order. */
  answers: SummaryAnswer[];
}

export interface SummaryEscalation {
  id: string;
  level: Disposition;
  title: string;
  reason: string;
  action: string;
  since: string;
}

/** A question the person may want to ask, our words, with why it is on their list. */
export interface QuestionToAsk {
  id: string;
  text: string;
  /** What in their record put it there; `null` for the questions everyone gets. */
  because: string | null;
}

export interface SummaryNote extends DatedText {
  time: string;
}

/** One activity of the plan for the CarePlan: a plan entry and the days it is on. */
export interface SummaryPlanActivity {
  entryId: string;
  title: string;
  description: string;
  slot: string;
  firstDate: string;
  lastDate: string;
  /** On the plan for `today`. */
  today: boolean;
}

export interface SummaryPlan {
  today: string;
  day: number;
  stage: string;
  firstDate: string;
  lastDate: string;
  activities: SummaryPlanActivity[];
  checkIns: { day: number; date: string; question: string }[];
}

/**
 * The doctor summary as plain data: every value is JSON as it is. Dates are local `YYYY-MM-DD` in the episode's
 * time zone; instants are UTC ISO strings. Lists that grow over time are newest first unless said otherwise.
 */
export interface DoctorSummary {
  kind: 'doctor_summary';
  /** When it was made, UTC. */
  generatedAt: string;
  /** The local date the diary was analysed up to. */
  today: string;
  /** Says that this is patient-reported and not a diagnosis. */
  notice: string;
  episode: SummaryEpisode;
  pattern: SummaryPattern;
  worse: SummaryFactors;
  better: SummaryFactors;
  /** Oldest first (a chart reads left to right). */
  pain: SummaryPain;
  /** Most used first. */
  treatments: SummaryTreatment[];
  sessions: SummarySession[];
  medicines: SummaryMedicine[];
  assessments: SummaryAssessment[];
  /** As given: most pressing first. */
  escalations: SummaryEscalation[];
  questions: QuestionToAsk[];
  notes: SummaryNote[];
  plan: SummaryPlan | null;
}
