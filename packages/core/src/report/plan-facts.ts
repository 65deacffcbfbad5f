/**
 * The plan, folded for the summary: a plan lists the same advice day after day, while a care plan lists each
 * activity once with the dates it runs. Only the FHIR CarePlan uses it; the printed page leaves the plan to the app.
 */
import { compareText } from './diary-facts.ts';
import type { SummaryPlan, SummaryPlanActivity, SummaryPlanInput } from './types.ts';

/** Each plan entry once, in the order it first appears, with the first and last date it is on the plan. */
export function summarisePlan(plan: SummaryPlanInput): SummaryPlan {
  const days = [...plan.days].sort((a, b) => a.day - b.day || compareText(a.date, b.date));
  const byEntry = new Map<string, SummaryPlanActivity>();
  for (const day of days) {
    for (const item of day.items) {
      const known = byEntry.get(item.entryId);
      if (known === undefined) {
        const note = item.note?.trim();
        byEntry.set(item.entryId, {
          entryId: item.entryId,
          title: item.title,
          description: note ? `${item.summary} ${note}` : item.summary,
          slot: item.slot,
          firstDate: day.date,
          lastDate: day.date,
          today: day.date === plan.today,
        });
      } else {
        known.lastDate = day.date;
        if (day.date === plan.today) known.today = true;
      }
    }
  }
  return {
    today: plan.today,
    day: plan.todayDay,
    stage: plan.stage,
    firstDate: days[0]?.date ?? plan.today,
    lastDate: days.at(-1)?.date ?? plan.today,
    activities: [...byEntry.values()],
    checkIns: (plan.checkIns ?? []).map((c) => ({ day: c.day, date: c.date, question: c.question })),
  };
}
