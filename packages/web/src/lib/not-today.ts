/**
 * Why today's plan does not list an entry the library can still start (plain ice after the first 48 hours,
 * strengthening before the recovery stage). Read from core's plan, not from a list of ids here: the plan for
 * today, what it holds back and what it leaves out, and §5's table for the days an entry was listed before.
 */
import { planTable, type Plan } from '@unknot/core';

export type NotToday =
  /** Offered on a later day: from which day, and the plan's reason. */
  | { readonly kind: 'later'; readonly day: number; readonly date: string; readonly reason: string }
  /** Left out for this person (a condition, a preference), with the plan's reasons. */
  | { readonly kind: 'left_out'; readonly reasons: readonly string[] }
  /** Listed on earlier days only, and what the plan says when it stops (with what to do instead). */
  | {
      readonly kind: 'earlier';
      readonly from: number;
      readonly to: number;
      readonly stop: string | null;
    };

/** `null` when today's plan lists the entry, or when the plan never lists it (the library's caveat says why). */
export function notToday(current: Plan, entryId: string): NotToday | null {
  const listed = (item: { readonly entryId: string }): boolean => item.entryId === entryId;
  const today = current.days[0];
  if (today?.items.some(listed) || current.alwaysAvailable.some(listed)) return null;

  const leftOut = current.leftOut.find(listed);
  if (leftOut) return { kind: 'left_out', reasons: leftOut.reasons.map((r) => r.text) };

  const held = current.heldBack.find(listed);
  if (held) return { kind: 'later', day: held.unlockDay, date: held.unlockDate, reason: held.reason };

  // The person's own stages (an early move to recovery shifts them), with §5's rows for each.
  let from: number | null = null;
  let to: number | null = null;
  for (const span of current.stages) {
    const row = planTable[span.stage].rows.find(listed);
    if (!row || span.endDay === null) continue;
    const last = Math.min(row.lastDay ?? span.endDay, span.endDay);
    if (last >= current.todayDay) continue;
    from = Math.min(from ?? span.startDay, span.startDay);
    to = Math.max(to ?? last, last);
  }
  if (from === null || to === null) return null;
  const stop = Object.values(planTable)
    .flatMap((stage) => stage.stops)
    .find(listed);
  return {
    kind: 'earlier',
    from,
    to,
    stop: stop ? [stop.text, stop.instead].filter(Boolean).join(' ') : null,
  };
}
