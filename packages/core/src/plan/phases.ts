/**
 * Which stage of the plan a day belongs to (knowledge-base.md §1.3 and §5).
 *
 * | stage            | days since onset                                   | phase      |
 * |------------------|----------------------------------------------------|------------|
 * | `acute`          | 0–2                                                | acute      |
 * | `subacute_early` | 3–7                                                | subacute   |
 * | `subacute_late`  | 8–14                                               | subacute   |
 * | `recovery`       | 15–42, or from today when pain is mild on day ≥ 8  | recovery   |
 * | `prevention`     | 43 onwards                                         | prevention |
 *
 * §1.3 says only that prevention comes "after recovery". We start it on day 43, the first day past six weeks:
 * most episodes have settled by then (tx-reassurance-self-care cites 70–80 % within six weeks), it is the day the
 * knowledge base's own long-duration prompt uses (rf-no-improvement-1-2-weeks `long_duration_day`), and because
 * the red-flag questionnaire runs again before every phase, triage.md's "pain over six weeks" rule gets asked
 * exactly when it can first fire.
 */
import type { Phase } from '../knowledge/index.ts';
import { addDays } from './dates.ts';
import type { PlanStage, StageSpan } from './types.ts';

/** First day of each stage in the default course (no early move to recovery). */
export const stageStartDays = {
  acute: 0,
  subacute_early: 3,
  subacute_late: 8,
  recovery: 15,
  prevention: 43,
} as const satisfies Record<PlanStage, number>;

/** §5 "early move to recovery": allowed from this day when the person rates the pain as mild. */
export const earliestEarlyRecoveryDay = stageStartDays.subacute_late;

/** Stages in the order an episode passes through them. */
export const planStages = [
  'acute',
  'subacute_early',
  'subacute_late',
  'recovery',
  'prevention',
] as const satisfies readonly PlanStage[];

/** The §1.3 phase a stage belongs to. */
export function phaseOf(stage: PlanStage): Phase {
  switch (stage) {
    case 'acute':
      return 'acute';
    case 'subacute_early':
    case 'subacute_late':
      return 'subacute';
    case 'recovery':
      return 'recovery';
    case 'prevention':
      return 'prevention';
  }
}

/**
 * Whether §5's early move to recovery applies: the pain is mild *today* and today is day 8 or later. The rule
 * reads today's pain only; it is never projected from an earlier day, so a mild day 5 does not make day 8 a
 * recovery day in advance (the plan is rebuilt when the pain is next rated).
 */
export function isEarlyRecovery(todayDay: number, painIsMild: boolean): boolean {
  return painIsMild && todayDay >= earliestEarlyRecoveryDay && todayDay < stageStartDays.recovery;
}

/**
 * The stage of `day` (days since onset). With `earlyRecoveryFrom`, days from it until the normal start of
 * recovery are recovery days too.
 */
export function stageForDay(day: number, earlyRecoveryFrom: number | null = null): PlanStage {
  if (day >= stageStartDays.prevention) return 'prevention';
  if (day >= stageStartDays.recovery) return 'recovery';
  if (earlyRecoveryFrom !== null && day >= earlyRecoveryFrom) return 'recovery';
  if (day >= stageStartDays.subacute_late) return 'subacute_late';
  if (day >= stageStartDays.subacute_early) return 'subacute_early';
  return 'acute';
}

/** The first day of the phase that `day` is in (the early move to recovery counts as the start of recovery). */
export function phaseStartDay(day: number, earlyRecoveryFrom: number | null = null): number {
  let start = day;
  const phase = phaseOf(stageForDay(day, earlyRecoveryFrom));
  while (start > 0 && phaseOf(stageForDay(start - 1, earlyRecoveryFrom)) === phase) start -= 1;
  return start;
}

/** Every stage of the episode with its dates, in order; stages skipped by an early move are left out. */
export function stageSpans(onsetDate: string, earlyRecoveryFrom: number | null = null): StageSpan[] {
  const starts: { stage: PlanStage; startDay: number }[] = [];
  for (let day = 0; day <= stageStartDays.prevention; day += 1) {
    const stage = stageForDay(day, earlyRecoveryFrom);
    if (starts.at(-1)?.stage !== stage) starts.push({ stage, startDay: day });
  }
  return starts.map(({ stage, startDay }, i) => {
    const next = starts[i + 1];
    return span(onsetDate, stage, startDay, next === undefined ? null : next.startDay - 1);
  });
}

function span(onsetDate: string, stage: PlanStage, startDay: number, endDay: number | null): StageSpan {
  return {
    stage,
    phase: phaseOf(stage),
    startDay,
    endDay,
    startDate: addDays(onsetDate, startDay),
    endDate: endDay === null ? null : addDays(onsetDate, endDay),
  };
}
