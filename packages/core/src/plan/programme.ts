/**
 * Clinic mode: a clinician's programme in the patient's plan (docs/clinic.md, "Programmes"). The assigned items
 * replace the default §5 items of every day; the rest of the plan (the first-screen reassurance, the library,
 * check-ins, the safety net, "always available") stays, and an escalation still replaces the whole plan.
 *
 * The programme was checked when it was assigned (`programmeProblems`); this function still drops, rather than
 * shows, an item the display policy forbids or one the patient's present conditions rule out, since conditions
 * can change after the assignment. An item so dropped is listed in `leftOut`, as the default plan does.
 */
import { getEntry, type Entry } from '../knowledge/index.ts';
import { avoidReason, matchConditions } from './conditions.ts';
import { itemFor } from './items.ts';
import { planTable, sessionMinutes, timedEntryIds, type SlotRow } from './slots.ts';
import type {
  BuildPlanResult,
  LeftOut,
  Plan,
  PlanDay,
  PlanDose,
  PlanItem,
  PlanNumber,
  PlanSession,
  SessionGroup,
  SessionSlot,
} from './types.ts';

/** One assigned item: an entry and its dose (the store's `ProgrammeItem`). */
export type AssignedItem = PlanDose & { readonly entryId: string };

/** What `applyProgramme` reads of a programme. */
export interface AssignedProgramme {
  readonly items: readonly AssignedItem[];
}

const programmeNote = 'From your physiotherapist: part of the home programme they set for you.';

const timesText: Readonly<Record<number, string>> = {
  1: 'Once a week',
  2: 'Twice a week',
  7: 'Once a day',
  14: 'Twice a day',
  21: 'Three times a day',
};

function howOftenText(timesPerWeek: number): string {
  return timesText[timesPerWeek] ?? `${String(timesPerWeek)} times a week`;
}

/** The protocol fields a dose sets: the number's start and goal become the assigned amount. */
function assignedValue(field: string, dose: PlanDose): number | undefined {
  if (field === 'hold_s') return dose.holdSeconds;
  if (field === 'reps' || field === 'reps_per_side') return dose.reps;
  if (field === 'sets') return dose.sets;
  if (field === 'sessions_per_week') return dose.timesPerWeek;
  return undefined;
}

function withDose(numbers: readonly PlanNumber[], dose: PlanDose): PlanNumber[] {
  return numbers.map((number) => {
    const value = assignedValue(number.field, dose);
    return value === undefined ? number : { ...number, start: value, goal: value };
  });
}

/** The dose as the item carries it, with only the fields the clinician set. */
function doseOf(item: AssignedItem): PlanDose {
  return {
    ...(item.holdSeconds === undefined ? {} : { holdSeconds: item.holdSeconds }),
    ...(item.reps === undefined ? {} : { reps: item.reps }),
    ...(item.sets === undefined ? {} : { sets: item.sets }),
    timesPerWeek: item.timesPerWeek,
  };
}

/** The reminder group §5 gives the entry (heat is `thermal`, a stretch `stretch`…), if it has a timer. */
function groupOf(entryId: string): SessionGroup | undefined {
  if (!timedEntryIds.has(entryId)) return undefined;
  const rows = Object.values(planTable).flatMap((table) => table.rows);
  return rows.find((row) => row.entryId === entryId && row.group !== undefined)?.group;
}

/**
 * How many sessions fall on the `weekDay`-th day (0-6) of a week with `timesPerWeek` of them: spread evenly, so
 * any seven days in a row hold exactly `timesPerWeek` (at most three a day, since the schema caps it at 21).
 */
function sessionsOnDay(timesPerWeek: number, weekDay: number): number {
  return Math.floor(((weekDay + 1) * timesPerWeek) / 7) - Math.floor((weekDay * timesPerWeek) / 7);
}

const slotsFor: Readonly<Record<number, readonly SessionSlot[]>> = {
  1: ['morning'],
  2: ['morning', 'evening'],
  3: ['morning', 'midday', 'evening'],
};
const groupOrder = ['thermal', 'stretch', 'walk', 'strength'] as const satisfies readonly SessionGroup[];
const slotOrder = ['morning', 'midday', 'evening'] as const satisfies readonly SessionSlot[];

/** The reminder sessions of one day for the programme's timed items. */
function sessionsFor(items: readonly AssignedItem[], weekDay: number): PlanSession[] {
  const bySlot = new Map<SessionSlot, { group: SessionGroup; entryId: string }[]>();
  for (const item of items) {
    const group = groupOf(item.entryId);
    if (group === undefined) continue;
    for (const slot of slotsFor[sessionsOnDay(item.timesPerWeek, weekDay)] ?? []) {
      bySlot.set(slot, [...(bySlot.get(slot) ?? []), { group, entryId: item.entryId }]);
    }
  }
  return slotOrder.flatMap((slot) => {
    const parts = bySlot.get(slot);
    if (parts === undefined) return [];
    const present = new Set(parts.map((part) => part.group));
    const groups = groupOrder.filter((group) => present.has(group));
    return [
      {
        slot,
        groups,
        itemIds: parts.map((part) => part.entryId),
        minutes: groups.reduce((sum, group) => sum + sessionMinutes[group], 0),
      },
    ];
  });
}

/** The plan item of an assigned entry on one day, or `null` when the display policy forbids it that day. */
function assignedItem(entry: Entry, item: AssignedItem, day: PlanDay, plan: Plan): PlanItem | null {
  const row: SlotRow = {
    entryId: entry.id,
    slot: 'core',
    note: programmeNote,
    howOften: { text: howOftenText(item.timesPerWeek), basis: 'clinician' },
  };
  const built = itemFor(entry, row, 'core', {
    phase: day.phase,
    day: day.day,
    conditions: plan.conditions.matched,
    preferred: false,
    personalNotes: [],
  });
  if (built === null) return null;
  const dose = doseOf(item);
  return {
    ...built,
    how: { ...built.how, numbers: withDose(built.how.numbers, dose) },
    from: 'clinician',
    dose,
  };
}

/**
 * The plan with the clinician's programme in place of the default items on every day. Anything but a plan (an
 * escalation, `triage_needed`, `invalid_profile`) is returned unchanged: the red-flag rules always win.
 */
export function applyProgramme(result: BuildPlanResult, programme: AssignedProgramme): BuildPlanResult {
  if (result.kind !== 'plan') return result;
  const plan = result;
  const known = programme.items.flatMap((item) => {
    const entry = getEntry(item.entryId);
    return entry === undefined ? [] : [{ entry, item }];
  });
  const avoided = known.flatMap(({ entry }) => {
    const { avoid } = matchConditions(entry, plan.conditions.matched);
    return avoid.length === 0
      ? []
      : [{ entryId: entry.id, title: entry.title, reasons: avoid.map(avoidReason) }];
  });
  const avoidedIds = new Set(avoided.map((left) => left.entryId));
  const kept = known.filter(({ entry }) => !avoidedIds.has(entry.id));
  const assignedIds = new Set(programme.items.map((item) => item.entryId));

  const days = plan.days.map((day): PlanDay => {
    const items = kept.flatMap(({ entry, item }) => {
      const planItem = assignedItem(entry, item, day, plan);
      return planItem === null ? [] : [{ item, planItem }];
    });
    const weekDay = (((day.day - plan.todayDay) % 7) + 7) % 7;
    return {
      ...day,
      items: [
        ...day.items.filter((item) => item.slot === 'first_screen'),
        ...items.map((pair) => pair.planItem),
      ],
      // A default stop note about an assigned entry would contradict the clinician.
      stops: day.stops.filter((stop) => !assignedIds.has(stop.entryId)),
      sessions: sessionsFor(
        items.map((pair) => pair.item),
        weekDay,
      ),
    };
  });
  // An entry the default plan already left out keeps its line there (it may name more reasons).
  const listed = new Set(plan.leftOut.map((left) => left.entryId));
  const leftOut: LeftOut[] = [...plan.leftOut, ...avoided.filter((left) => !listed.has(left.entryId))];
  return {
    ...plan,
    days,
    heldBack: plan.heldBack.filter((held) => !assignedIds.has(held.entryId)),
    leftOut,
  };
}
