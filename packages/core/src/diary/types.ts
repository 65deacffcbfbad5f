/**
 * The shapes the diary analytics hand out. Plain data: every value can be sent as JSON as it is.
 */
import type { Disposition } from '../triage/index.ts';

/** One calendar day of the episode, in the episode's time zone. */
export interface DiaryDay {
  /** Days since onset: the onset date is day 0. */
  day: number;
  /** The local calendar date, `YYYY-MM-DD`. */
  date: string;
  /** The highest pain rating of the day, or `null` when nothing was logged. */
  worst: number | null;
  /** The mean of the day's ratings, or `null` when nothing was logged. */
  mean: number | null;
  /** How many ratings were logged that day. */
  count: number;
}

/** A pain level (0–10, daily worst) averaged over some days of the episode. */
export interface PainWindow {
  value: number;
  /** The episode days whose daily worst went into `value`, ascending. Only days with ratings are listed. */
  days: number[];
}

/** Change from baseline to the latest window. Negative means less pain. */
export interface PainChange {
  /** `latest − baseline`, in points on the 0–10 scale. */
  points: number;
  /** `points / baseline × 100`; `null` when the baseline is 0, where a percentage means nothing. */
  percent: number | null;
}

export const diaryTrends = ['improving', 'not_improving', 'worsening', 'insufficient_data'] as const;
/**
 * - `improving`: a clinically important drop from baseline (≥ 2 points or ≥ 30 %).
 * - `worsening`: a rise of the same size (≥ 2 points or ≥ 30 %).
 * - `not_improving`: anything in between.
 * - `insufficient_data`: no baseline, or no ratings in the latest window.
 */
export type DiaryTrend = (typeof diaryTrends)[number];

/** What `analyse` makes of an episode's diary. */
export interface DiaryAnalysis {
  /** The inputs it was computed for, so `diaryEscalations` cannot be handed a different day or zone. */
  onsetDate: string;
  timeZone: string;
  today: string;
  /** Today's episode day (`today − onsetDate`). Negative when the onset date lies in the future. */
  day: number;
  /** Every day from onset to today inclusive (`day + 1` items; empty when `day` is negative). */
  days: DiaryDay[];
  /**
   * For each item of `days`: the mean daily worst of that day and the two before it, skipping days with no
   * ratings; `null` when none of the three has one.
   */
  rolling3: (number | null)[];
  /** Daily worst averaged over the first day with a rating and the calendar day after it (if rated). */
  baseline: PainWindow | null;
  /**
   * Daily worst averaged over the rated days among today and the two days before it, leaving out the baseline
   * days, so "now" never includes the start it is compared with. `null` when none is rated.
   */
  latest: PainWindow | null;
  /** From `baseline` to `latest`; `null` when either is missing. */
  change: PainChange | null;
  /** True when `latest` is at least 2 points, or at least 30 %, below `baseline`. */
  clinicallyImportantImprovement: boolean;
  trend: DiaryTrend;
  /** Ids of entries left out because their local date is before the onset date or after today. */
  outOfRange: string[];
}

export const diaryEscalationIds = [
  'triage_again_now',
  'see_doctor_with_summary',
  'book_appointment',
  'review',
  'stop_exercise',
] as const;
/** The kinds of escalation, in the order they are listed within one level. */
export type DiaryEscalationId = (typeof diaryEscalationIds)[number];

/** Something the diary says the person should do, with why and on what it rests. */
export interface DiaryEscalation {
  id: DiaryEscalationId;
  /**
   * Where to turn, in the triage vocabulary (triage.md §1; knowledge-base §1.7 maps its red-flag levels onto it):
   * `urgent` act today, `soon` an appointment within days, `self_care` change what you do at home.
   */
  level: Disposition;
  /** Short heading, our words. */
  title: string;
  /** Why it fired, with the person's own numbers, our words. */
  reason: string;
  /** What to do, our words. */
  action: string;
  /** Citable sources: seed file names and triage.md §6 "emit as" strings. */
  sources: string[];
  /** Knowledge-base entry ids to link as cards. */
  entries: string[];
  /** The local date from which it applies (`YYYY-MM-DD`). */
  since: string;
  /** `stop_exercise` only: the exercise's knowledge-base id. */
  protocolId?: string;
}
