/**
 * A clinician's home programme for a patient: which entries, how much and how often (docs/clinic.md,
 * "Programmes"). The schema checks the shape; `programmeProblems` checks it against the knowledge base and
 * protocols.json, so a clinician cannot assign what the app would never offer as advice, what the patient's
 * conditions rule out, or an amount outside what the sources (or the spec's safety choices) give.
 */
import { z } from 'zod';
import type { FieldIssue } from '../errors.ts';
import { getEntry, isAdvice, type Entry, type HealthCondition, type Kind } from '../knowledge/index.ts';
import { conditionLabels } from '../labels.ts';
import { getProtocol, type RangeSpec, type TimerSpec } from '../session/index.ts';

/** Most items one programme may hold: a home programme a person can keep up, and a bounded request. */
export const maxProgrammeItems = 20;

/** Longest note a clinician may add. */
export const maxProgrammeNote = 500;

/** Most sessions a week of one item: three a day. */
export const maxTimesPerWeek = 21;

// Outer bounds only, so nonsense (a 10-hour hold) is refused by the schema; the real limits are the protocol's.
const wholeNumber = (min: number, max: number) => {
  const message = `must be a whole number from ${String(min)} to ${String(max)}`;
  return z.int({ error: message }).min(min, message).max(max, message);
};
const doseCount = wholeNumber(1, 3600);

// An object's own problems (not an object; fields we do not take) in our words.
const objectError = (issue: z.core.$ZodRawIssue): string =>
  issue.code === 'unrecognized_keys'
    ? `has fields we do not take: ${issue.keys.join(', ')}`
    : 'must be an object';

export const programmeItemSchema = z.strictObject(
  {
    entryId: z
      .string({ error: 'must be a knowledge-base entry id' })
      .min(1, 'must be a knowledge-base entry id')
      .max(80, 'must be a knowledge-base entry id'),
    holdSeconds: doseCount.exactOptional(),
    reps: doseCount.exactOptional(),
    sets: doseCount.exactOptional(),
    timesPerWeek: wholeNumber(1, maxTimesPerWeek),
  },
  { error: objectError },
);

/** One item as the store keeps it (the store's `ProgrammeItem` has the same shape). */
export type ProgrammeItemInput = z.infer<typeof programmeItemSchema>;

const itemsMessage = `must be a list of 1 to ${String(maxProgrammeItems)} items`;
const noteMessage = `must be text of at most ${String(maxProgrammeNote)} characters`;

export const programmeInputSchema = z.strictObject(
  {
    items: z
      .array(programmeItemSchema, { error: itemsMessage })
      .min(1, itemsMessage)
      .max(maxProgrammeItems, itemsMessage)
      // Named on the repeat itself, so a form can mark the row to remove.
      .superRefine((items, context) => {
        const seen = new Set<string>();
        items.forEach((item, index) => {
          if (seen.has(item.entryId)) {
            context.addIssue({
              code: 'custom',
              message: 'must not repeat an entry already in the list',
              path: [index, 'entryId'],
            });
          }
          seen.add(item.entryId);
        });
      }),
    note: z.string({ error: noteMessage }).max(maxProgrammeNote, noteMessage).exactOptional(),
  },
  { error: objectError },
);

export type ProgrammeInput = z.infer<typeof programmeInputSchema>;

/**
 * The kinds a clinician may assign: things a person does at home on a schedule. Exercises (stretches included),
 * self-care treatments (heat, ice, a sleep routine) and comfort positions qualify. Not assignable:
 * - `medication`: the app never suggests or doses medicines (knowledge-base.md §1.4 rule 2); prescribing stays
 *   outside the app;
 * - `remedy`: home remedies are at best `inform_only` or `option` on thin evidence, not part of a care plan;
 * - `professional_care`: done by a professional, not by the patient at home;
 * - `prevention`: lifestyle advice with no session to do (its active parts are `ex-walking` and
 *   `ex-core-back-strengthening`, which are assignable);
 * - `cause`, `symptom`, `red_flag`: information, not something to do.
 * Of those kinds, only entries that are `recommend` or `option` in every phase can be assigned (`isPlanItem`):
 * `do_not_recommend` is never advice, and `inform_only` stays in the library with its caveat (§1.4).
 */
export const assignableKinds: readonly Kind[] = ['exercise', 'treatment', 'position'];

/**
 * Whether the entry can be a plan item in every phase: only `recommend` and `option` ever are (§1.4), and an
 * assigned item shows on every day of the patient's plan.
 */
export function isPlanItem(entry: Pick<Entry, 'display' | 'display_by_phase'>): boolean {
  const shown = [entry.display, ...Object.values(entry.display_by_phase ?? {})];
  return shown.every((display) => display === 'recommend' || display === 'option');
}

/** The programme's dose fields and the protocols.json timer field each is checked against. */
type DoseField = 'holdSeconds' | 'reps' | 'sets';

/**
 * The range a protocol gives for a dose field. `reps` is `reps_per_side` where the protocol counts per side
 * (knee-to-chest). No protocol gives sets, so `sets` is refused everywhere until one does.
 */
function doseRange(
  timer: TimerSpec | undefined,
  field: DoseField,
): { name: string; range: RangeSpec } | undefined {
  if (timer === undefined) return undefined;
  const named = (name: string, range: RangeSpec | undefined) =>
    range === undefined ? undefined : { name, range };
  switch (field) {
    case 'holdSeconds':
      return named('hold_s', timer.hold_s);
    case 'reps':
      return named('reps', timer.reps) ?? named('reps_per_side', timer.reps_per_side);
    case 'sets':
      return undefined;
  }
}

/** The conditions the patient has told us about, in the §1.6 vocabulary (see `healthConditions`). */
export interface ProgrammeContext {
  readonly conditions: readonly HealthCondition[];
}

function rangeText(range: { readonly min: number; readonly max: number }): string {
  return range.min === range.max
    ? `exactly ${String(range.min)}`
    : `from ${String(range.min)} to ${String(range.max)}`;
}

/** Why the entry itself cannot be assigned (before any dose is looked at); empty when it can. */
function entryProblem(entry: Entry | undefined, conditions: readonly HealthCondition[]): string[] {
  if (entry === undefined) return ['is not an entry of the knowledge base'];
  if (!assignableKinds.includes(entry.kind)) {
    return [
      `is a ${entry.kind} entry: a programme holds only exercises, treatments and positions a person does at home`,
    ];
  }
  if (!isAdvice(entry)) return ['is do_not_recommend: not offered as advice (knowledge-base.md §1.4)'];
  if (!isPlanItem(entry)) {
    return [
      'is inform_only: library only, always with its caveat, never a plan item (knowledge-base.md §1.4)',
    ];
  }
  return entry.avoid_with
    .filter((condition) => conditions.includes(condition))
    .map(
      (condition) =>
        `is avoid_with ${condition}: to be avoided with ${conditionLabels[condition]}, which this patient has (knowledge-base.md §1.6)`,
    );
}

function doseProblems(item: ProgrammeItemInput, index: number): FieldIssue[] {
  const timer = getProtocol(item.entryId)?.timer;
  const problems: FieldIssue[] = [];
  for (const field of ['holdSeconds', 'reps', 'sets'] as const) {
    const value = item[field];
    if (value === undefined) continue;
    const found = doseRange(timer, field);
    if (found === undefined) {
      problems.push({ field: `items.${String(index)}.${field}`, problem: 'is not a dose this entry takes' });
    } else if (value < found.range.min || value > found.range.max) {
      problems.push({
        field: `items.${String(index)}.${field}`,
        problem: `must be ${rangeText(found.range)} (${found.name} in protocols.json)`,
      });
    }
  }
  // Strengthening sessions have a weekly range of their own; every other entry only has the schema's bound.
  const weekly = timer?.sessions_per_week;
  if (weekly !== undefined && (item.timesPerWeek < weekly.min || item.timesPerWeek > weekly.max)) {
    problems.push({
      field: `items.${String(index)}.timesPerWeek`,
      problem: `must be ${rangeText(weekly)} (sessions_per_week in protocols.json)`,
    });
  }
  return problems;
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(programme)' : path.map(String).join('.');
}

/**
 * Every reason the programme cannot be assigned to a patient with these conditions; an empty list when it can.
 * Input that does not fit `programmeInputSchema` is answered with the schema's problems only (the rules need
 * well-formed items). An entry that cannot be assigned at all is named on `items.N.entryId` and its doses are not
 * checked; otherwise each dose outside its protocol range is named on its own field (`items.N.reps`).
 */
export function programmeProblems(input: unknown, context: ProgrammeContext): FieldIssue[] {
  const parsed = programmeInputSchema.safeParse(input);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({ field: issuePath(issue.path), problem: issue.message }));
  }
  return parsed.data.items.flatMap((item, index) => {
    const refused = entryProblem(getEntry(item.entryId), context.conditions);
    return refused.length > 0
      ? refused.map((problem) => ({ field: `items.${String(index)}.entryId`, problem }))
      : doseProblems(item, index);
  });
}
