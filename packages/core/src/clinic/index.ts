/**
 * Clinic mode's clinical rules (docs/clinic.md): what a clinician may assign, the PEG-3 score, and how much of a
 * programme a patient did this week. Pure functions like the rest of core; the server stores and audits.
 */
export {
  assignableKinds,
  isPlanItem,
  maxProgrammeItems,
  maxProgrammeNote,
  maxTimesPerWeek,
  programmeInputSchema,
  programmeItemSchema,
  programmeProblems,
  type ProgrammeContext,
  type ProgrammeInput,
  type ProgrammeItemInput,
} from './programme.ts';
export {
  pegImprovementThreshold,
  pegInputSchema,
  pegScore,
  pegTrend,
  type PegInput,
  type PegPoint,
  type PegTrend,
  type TimedPeg,
} from './peg.ts';
export {
  mondayOf,
  weeklyAdherence,
  type AdherenceLog,
  type ItemAdherence,
  type WeeklyAdherence,
} from './adherence.ts';
