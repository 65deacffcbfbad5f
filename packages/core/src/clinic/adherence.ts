/**
 * How much of an assigned programme a patient did in one week, from their guided-session logs (docs/clinic.md,
 * "Adherence"). Only what the app can see counts: a session the patient finished in the app. An item without a
 * guided session (a position, a sleep routine) leaves no log, so it is reported as not tracked rather than as
 * missed.
 */
import { addDays, daysBetween, localDate } from '../calendar.ts';
import { timedProtocolIds } from '../session/index.ts';
import { isEndedSession, type SessionLog } from '../records/session-log.ts';
import type { ProgrammeItemInput } from './programme.ts';

/** The session-log fields adherence reads. */
export type AdherenceLog = Pick<
  SessionLog,
  'protocolId' | 'startedAt' | 'stoppedEarly' | 'stepsCompleted' | 'inProgress'
>;

export interface ItemAdherence {
  readonly entryId: string;
  /** Sessions a week the programme asks for. */
  readonly assigned: number;
  /** Completed sessions this week; `null` when the entry has no guided session and so no log. */
  readonly done: number | null;
  readonly tracked: boolean;
}

export interface WeeklyAdherence {
  /** The week's first and last local dates, inclusive. */
  readonly weekStart: string;
  readonly weekEnd: string;
  readonly items: readonly ItemAdherence[];
  /** Over tracked items: done (each capped at its assigned count) / assigned; `null` when nothing is tracked. */
  readonly ratio: number | null;
}

/**
 * The Monday on or before `date` (`YYYY-MM-DD`): the start of its ISO week, for "this week" in the patient's
 * time zone (`mondayOf(localDate(now, timeZone))`).
 */
export function mondayOf(date: string): string {
  // 1970-01-01 was a Thursday, three days after a Monday.
  const sinceMonday = (((daysBetween('1970-01-01', date) + 3) % 7) + 7) % 7;
  return addDays(date, -sinceMonday);
}

const trackedIds: ReadonlySet<string> = new Set(timedProtocolIds);

/**
 * A session counts when it ran to the end: not still running, not stopped early, and at least one step done (a
 * session whose every step was skipped is not completed; see session/completed.ts).
 */
function completed(log: AdherenceLog): boolean {
  return isEndedSession(log) && !log.stoppedEarly && log.stepsCompleted > 0;
}

/**
 * Each item's completed sessions in the seven local days from `weekStart` (in `timeZone`, the patient's), and the
 * week's ratio. Extra sessions of one item are capped at its assigned count, so doing one thing twice as often
 * cannot hide another left undone.
 *
 * @param weekStart `YYYY-MM-DD`, the week's first day.
 * @throws RangeError when `weekStart` is not a calendar date or `timeZone` is unknown.
 */
export function weeklyAdherence(
  programme: { readonly items: readonly ProgrammeItemInput[] },
  sessionLogs: readonly AdherenceLog[],
  weekStart: string,
  timeZone: string,
): WeeklyAdherence {
  const weekEnd = addDays(weekStart, 6);
  const doneBy = new Map<string, number>();
  for (const log of sessionLogs) {
    const offset = daysBetween(weekStart, localDate(log.startedAt, timeZone));
    if (offset < 0 || offset > 6 || !completed(log)) continue;
    doneBy.set(log.protocolId, (doneBy.get(log.protocolId) ?? 0) + 1);
  }
  const items = programme.items.map((item): ItemAdherence => {
    const tracked = trackedIds.has(item.entryId);
    return {
      entryId: item.entryId,
      assigned: item.timesPerWeek,
      done: tracked ? (doneBy.get(item.entryId) ?? 0) : null,
      tracked,
    };
  });
  const counted = items.filter((item) => item.done !== null);
  const assigned = counted.reduce((sum, item) => sum + item.assigned, 0);
  const done = counted.reduce((sum, item) => sum + Math.min(item.done ?? 0, item.assigned), 0);
  return { weekStart, weekEnd, items, ratio: assigned === 0 ? null : done / assigned };
}
