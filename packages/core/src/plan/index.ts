/**
 * The recovery plan: knowledge-base.md §5's default phased plan, specialised by days since onset, known
 * conditions, the latest triage and the person's preferences; and its reminders as an iCalendar file.
 */
export { buildPlan } from './build-plan.ts';
export {
  compactPlan,
  expandPlan,
  type CompactCheckIn,
  type CompactDay,
  type CompactEntry,
  type CompactEvidence,
  type CompactItem,
  type CompactPlan,
  type CompactRecurrenceCard,
  type CompactWhy,
} from './compact.ts';
export { planToIcs, defaultReminderTimes, type IcsOptions, type ReminderTimes } from './ics.ts';
export { planStages, stageForDay, stageStartDays, phaseOf as phaseOfStage } from './phases.ts';
export { planTable, type SlotRow, type StageTable } from './slots.ts';
export {
  backConditionToHealth,
  healthConditions,
  matchConditions,
  type ConditionMatch,
} from './conditions.ts';
export { planProfileSchema } from './profile.ts';
export { applyProgramme, type AssignedItem, type AssignedProgramme } from './programme.ts';
export { planProfileFromRecords, mildPainAtMost, type EpisodeRecords } from './profile-from-records.ts';
export type * from './types.ts';
