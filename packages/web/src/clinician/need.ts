/**
 * The caseload in order of need, most pressing first (issue 11 §3):
 * 1. a warning sign answered at a check-in, then any other escalation the diary raises (most urgent level
 *    first: the same escalations the patient sees, so clinician and patient act on one set of facts);
 * 2. then patients with no activity for 7 days or more (or none ever): someone who stopped recording may have
 *    stopped improving, or stopped the programme;
 * 3. then everyone else.
 * Within a group, the longest silence comes first, then names alphabetically, so the order is stable.
 *
 * The server lists patients oldest link first (docs/clinic.md, "The patient list"): an order for paging, not for
 * care. So the client sorts the whole caseload from the figures each row carries.
 */
import { daysBetween } from '@unknot/core';
import type { PatientRow } from './types.ts';

/** Days without any record after which a patient counts as inactive. */
export const inactiveAfterDays = 7;

/** The escalation a check-in's warning sign raises (core's diaryEscalations). */
export const warningSignEscalation = 'triage_again_now';

export type NeedGroup = 'warning_sign' | 'escalation' | 'inactive' | 'other';

const groupOrder: Record<NeedGroup, number> = { warning_sign: 0, escalation: 1, inactive: 2, other: 3 };
const levelOrder: Record<string, number> = { emergency: 0, urgent: 1, soon: 2, self_care: 3 };

/**
 * Whole days since the patient last recorded anything, as of `today` (UTC date): `null` when the server does not
 * say (an older server's row has no `lastActivityAt`), `Infinity` when they never recorded anything.
 */
export function daysSinceActivity(row: PatientRow, today: string): number | null {
  if (row.lastActivityAt === undefined) return null;
  if (row.lastActivityAt === null) return Number.POSITIVE_INFINITY;
  return daysBetween(row.lastActivityAt.slice(0, 10), today);
}

export function needGroup(row: PatientRow, today: string): NeedGroup {
  if (row.escalations.some((e) => e.id === warningSignEscalation)) return 'warning_sign';
  if (row.escalations.length > 0) return 'escalation';
  const idle = daysSinceActivity(row, today);
  return idle !== null && idle >= inactiveAfterDays ? 'inactive' : 'other';
}

function mostUrgentLevel(row: PatientRow): number {
  return Math.min(4, ...row.escalations.map((e) => levelOrder[e.level] ?? 4));
}

/** A new array, neediest first; `today` is the clinician's date (YYYY-MM-DD, UTC). */
export function sortByNeed(rows: readonly PatientRow[], today: string): PatientRow[] {
  const keyed = rows.map((row) => ({
    row,
    group: groupOrder[needGroup(row, today)],
    level: mostUrgentLevel(row),
    idle: daysSinceActivity(row, today) ?? -1,
  }));
  keyed.sort(
    (a, b) =>
      a.group - b.group ||
      a.level - b.level ||
      // Longest silence first; Infinity (never) before any number, and equal Infinities compare as equal.
      (b.idle === a.idle ? 0 : b.idle > a.idle ? 1 : -1) ||
      a.row.patient.displayName.localeCompare(b.row.patient.displayName) ||
      a.row.patient.id.localeCompare(b.row.patient.id),
  );
  return keyed.map((k) => k.row);
}

/**
 * The points of a row's pain sparkline: the daily series when the server sends one, else the two figures every
 * row has (the baseline and the latest average), which still show the direction.
 */
export function sparklinePoints(row: PatientRow): (number | null)[] {
  const series = row.pain?.series;
  // Unrated days stay as gaps (null), so the line keeps the days' spacing.
  if (series?.some((v) => v !== null)) return series;
  return [row.pain?.baseline, row.pain?.latest].filter((v): v is number => v !== null && v !== undefined);
}
