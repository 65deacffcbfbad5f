/**
 * The programme editor's rules, as pure functions over core's knowledge base and protocols: which entries a
 * clinician can pick for this patient (and why the others cannot be picked), which doses each takes and in what
 * range, and the problems of a draft, by field. Every refusal comes from core's `programmeProblems`, the same
 * function the server checks a programme with, so the editor can never allow what the server refuses (or the
 * other way round) and its reasons name the same rules.
 */
import {
  assignableKinds,
  getProtocol,
  knowledgeEntries,
  maxTimesPerWeek,
  programmeProblems,
  type Entry,
  type HealthCondition,
  type ProgrammeInput,
  type ProgrammeItemInput,
} from '@unknot/core';

export type DoseKey = 'timesPerWeek' | 'holdSeconds' | 'reps';

export interface DoseField {
  key: DoseKey;
  min: number;
  max: number;
  /** What a new item starts with: the protocol's default. */
  initial: number;
}

/** How often a new item is done when its protocol gives no weekly range: once a day. */
const dailyTimes = 7;

/**
 * The dose fields an entry takes, each with the range protocols.json gives it: `timesPerWeek` always (the
 * protocol's `sessions_per_week` where it has one, else 1 to 21), `holdSeconds` from `hold_s`, `reps` from `reps`
 * or, for the knee-to-chest stretch, `reps_per_side`. This mirrors the dose rule of core's `programmeProblems`
 * (docs/clinic.md rule 5); editor.test.ts checks the two agree at every bound of every entry.
 */
export function doseFields(entryId: string): DoseField[] {
  const timer = getProtocol(entryId)?.timer;
  const weekly = timer?.sessions_per_week;
  const fields: DoseField[] = [
    weekly
      ? { key: 'timesPerWeek', min: weekly.min, max: weekly.max, initial: weekly.default }
      : { key: 'timesPerWeek', min: 1, max: maxTimesPerWeek, initial: dailyTimes },
  ];
  if (timer?.hold_s) {
    const { min, max, default: initial } = timer.hold_s;
    fields.push({ key: 'holdSeconds', min, max, initial });
  }
  const reps = timer?.reps ?? timer?.reps_per_side;
  if (reps) fields.push({ key: 'reps', min: reps.min, max: reps.max, initial: reps.default });
  return fields;
}

/** A new programme item for the entry, at the protocol's default dose. */
export function newItem(entryId: string): ProgrammeItemInput {
  const item: ProgrammeItemInput = { entryId, timesPerWeek: dailyTimes };
  for (const field of doseFields(entryId)) item[field.key] = field.initial;
  return item;
}

export interface Candidate {
  entry: Entry;
  /** Why this patient cannot be given it (core's words, naming the rule); empty when it can be picked. */
  refusals: string[];
}

/**
 * Every entry of an assignable kind (exercise, treatment, position), each with the reasons it cannot be assigned
 * to a patient with these conditions: `do_not_recommend`, `inform_only`, or `avoid_with` one of the conditions.
 * Kinds that can never be assigned (medicines, remedies…) are not offered at all: a clinician never expects to
 * find them in a home programme, and listing 50 refusals would bury the choices.
 */
export function programmeCandidates(conditions: readonly HealthCondition[]): Candidate[] {
  return knowledgeEntries
    .filter((entry) => assignableKinds.includes(entry.kind))
    .map((entry) => ({
      entry,
      // One item at its default dose: only the entry's own rules (1-4) can refuse it.
      refusals: programmeProblems({ items: [newItem(entry.id)] }, { conditions }).map((p) => p.problem),
    }));
}

/** Where a refusal of the whole programme points: the item and its field, or the programme itself. */
export interface PlacedProblem {
  /** The item's index, or null for the programme as a whole (its note, its length). */
  index: number | null;
  /** `entryId`, a dose key, or the programme-level field (`note`, `items`). */
  field: string;
  problem: string;
}

/** Splits `items.2.reps` into item 2's `reps`; anything else belongs to the programme. */
export function placeProblem(issue: { field: string; problem: string }): PlacedProblem {
  const match = /^items\.(\d+)\.(\w+)$/.exec(issue.field);
  if (match?.[1] !== undefined && match[2] !== undefined) {
    return { index: Number(match[1]), field: match[2], problem: issue.problem };
  }
  return { index: null, field: issue.field, problem: issue.problem };
}

/** The draft's problems as core (and so the server) sees them, placed on their items. */
export function draftProblems(
  draft: ProgrammeInput,
  conditions: readonly HealthCondition[],
): PlacedProblem[] {
  return programmeProblems(draft, { conditions }).map(placeProblem);
}

/** A number typed into a dose field: a whole number, or undefined while the field is empty or not a number. */
export function parseDose(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  return Number(trimmed);
}
