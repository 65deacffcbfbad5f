/**
 * `buildPlan`: the default phased plan of knowledge-base.md §5, specialised for one person on one day.
 *
 * The steps, each a small function over the §5 table (`slots.ts`):
 * 1. validate the profile (problems come back as data);
 * 2. work out today's day and stage, and let the triage decide the frame (`triage-frame.ts`);
 * 3. for each day from today to the horizon: the §5 rows of that day's stage, filtered by the entry's phases, the
 *    display policy, the person's conditions and preferences; then the library references, stops and sessions;
 * 4. scan the rest of the episode for what is held back (and when it unlocks) and what is left out (and why).
 *
 * Pure: the same profile and date always give a deep-equal plan, nothing is read from a clock, and the inputs are
 * never changed (every list in the result is a new array).
 */
import { displayFor, getEntry, type Entry, type HealthCondition, type Phase } from '../knowledge/index.ts';
import type { Preferences } from '../records/index.ts';
import { checkInDays, checkInsFor, recurrenceCardFor } from './check-ins.ts';
import { avoidReason, healthConditions, matchConditions } from './conditions.ts';
import { addDays, daysBetween } from './dates.ts';
import { itemFor } from './items.ts';
import {
  isEarlyRecovery,
  phaseOf,
  phaseStartDay,
  stageForDay,
  stageSpans,
  stageStartDays,
} from './phases.ts';
import {
  hiddenByPreferences,
  isPreferredThermal,
  orderChoices,
  preferenceReasons,
  workNotes,
} from './preferences.ts';
import { profileProblems, resolveOptions } from './profile.ts';
import { alwaysAvailable, planTable, sessionMinutes, weeklySessionDays, type SlotRow } from './slots.ts';
import { copySafetyNet, triageFrame } from './triage-frame.ts';
import type {
  BuildPlanOptions,
  BuildPlanResult,
  CheckInId,
  HeldBack,
  LeftOut,
  LeftOutReason,
  LibraryRef,
  Plan,
  PlanDay,
  PlanItem,
  PlanProfile,
  PlanSession,
  PlanStage,
  SessionGroup,
  SessionSlot,
  StageSpan,
  StopNote,
} from './types.ts';

/** What every day of one plan shares. */
interface PlanContext {
  readonly onsetDate: string;
  readonly todayDay: number;
  readonly earlyFrom: number | null;
  readonly conditions: readonly HealthCondition[];
  readonly preferences: Preferences;
  readonly spans: readonly StageSpan[];
}

/** A §5 row that applies on a day, with its entry, before it is turned into an item. */
interface Candidate {
  readonly row: SlotRow;
  readonly entry: Entry;
}

/** The rows of one day: those offered, and those left out for this person with their reasons. */
interface DaySelection {
  readonly stage: PlanStage;
  readonly phase: Phase;
  readonly offered: readonly Candidate[];
  readonly leftOut: readonly { readonly entry: Entry; readonly reasons: readonly LeftOutReason[] }[];
}

const slotRank = { first_screen: 0, core: 1, choice: 2 } as const;
const sessionSlots = ['morning', 'midday', 'evening'] as const satisfies readonly SessionSlot[];
/** The order a session's reminder names its parts in: heat or cold first, as §5 lists it. */
const groupOrder = ['thermal', 'stretch', 'walk', 'strength'] as const satisfies readonly SessionGroup[];

function entryOf(id: string): Entry {
  const entry = getEntry(id);
  // The slot table is checked against the catalogue by a test; reaching this means the two have drifted.
  if (entry === undefined) throw new Error(`the plan names an entry the knowledge base lacks: ${id}`);
  return entry;
}

function isAdviceIn(entry: Entry, phase: Phase): boolean {
  const display = displayFor(entry, phase);
  return display === 'recommend' || display === 'option';
}

/** Why this entry is left out for this person: conditions it must avoid, then preferences. */
function leftOutReasons(entry: Entry, context: PlanContext): LeftOutReason[] {
  const { avoid } = matchConditions(entry, context.conditions);
  return [...avoid.map(avoidReason), ...preferenceReasons(entry.id, context.preferences)];
}

/** The §5 rows that apply on `day`, split into offered and left out. */
function selectDay(day: number, context: PlanContext): DaySelection {
  const stage = stageForDay(day, context.earlyFrom);
  const phase = phaseOf(stage);
  const offered: Candidate[] = [];
  const leftOut: { entry: Entry; reasons: LeftOutReason[] }[] = [];
  for (const row of planTable[stage].rows) {
    const entry = entryOf(row.entryId);
    if (!entry.phases.includes(phase) || !isAdviceIn(entry, phase)) continue;
    if (row.lastDay !== undefined && day > row.lastDay) continue;
    if (hiddenByPreferences(entry.id, context.preferences)) continue;
    const reasons = leftOutReasons(entry, context);
    if (reasons.length > 0) leftOut.push({ entry, reasons });
    else offered.push({ row, entry });
  }
  const ranked = [...offered].sort((a, b) => slotRank[a.row.slot] - slotRank[b.row.slot]);
  const choices = ranked.filter((candidate) => candidate.row.slot === 'choice');
  const ordered = [
    ...ranked.filter((candidate) => candidate.row.slot !== 'choice'),
    ...orderChoices(
      choices.map((candidate) => ({ ...candidate, entryId: candidate.entry.id })),
      context.preferences,
    ),
  ];
  return { stage, phase, offered: ordered, leftOut };
}

/** Notes for this person on one entry. */
function personalNotesFor(entryId: string, preferences: Preferences): string[] {
  const notes = workNotes(entryId, preferences);
  if (entryId === 'tx-heat' && preferences.thermal === 'ice') {
    notes.unshift(
      'You prefer cold; heat still comes first here because its evidence is better. Both are fine.',
    );
  }
  return notes;
}

function stageStartOf(day: number, context: PlanContext): number {
  const span = context.spans.find(
    (candidate) => candidate.startDay <= day && (candidate.endDay === null || day <= candidate.endDay),
  );
  return span?.startDay ?? day;
}

/** The reminder sessions of one day: timed items grouped by time of day. */
function sessionsFor(
  day: number,
  pairs: readonly { row: SlotRow; item: PlanItem }[],
  context: PlanContext,
): PlanSession[] {
  const weekDay = (day - stageStartOf(day, context)) % 7;
  const sessions: PlanSession[] = [];
  for (const slot of sessionSlots) {
    const inSlot = pairs.filter(
      ({ row }) =>
        row.sessions?.includes(slot) === true &&
        row.group !== undefined &&
        (row.perWeek === undefined || weeklySessionDays(row.perWeek).includes(weekDay)),
    );
    if (inSlot.length === 0) continue;
    const present = new Set(inSlot.flatMap(({ row }) => (row.group === undefined ? [] : [row.group])));
    const groups = groupOrder.filter((group) => present.has(group));
    sessions.push({
      slot,
      groups,
      itemIds: inSlot.map(({ item }) => item.entryId),
      minutes: groups.reduce((sum, group: SessionGroup) => sum + sessionMinutes[group], 0),
    });
  }
  return sessions;
}

/** The library references of one day, without those this person must avoid or cannot use. */
function libraryFor(stage: PlanStage, phase: Phase, context: PlanContext) {
  const refs: LibraryRef[] = [];
  const leftOut: { entry: Entry; reasons: LeftOutReason[] }[] = [];
  for (const id of planTable[stage].library) {
    const entry = entryOf(id);
    const display = displayFor(entry, phase);
    if (!entry.phases.includes(phase) || hiddenByPreferences(id, context.preferences)) continue;
    if (display !== 'inform_only' && display !== 'do_not_recommend') continue;
    // A do_not_recommend reference is a warning for everyone; only caveated options are tailored away.
    const reasons = display === 'inform_only' ? leftOutReasons(entry, context) : [];
    if (reasons.length > 0) {
      leftOut.push({ entry, reasons });
      continue;
    }
    refs.push({
      entryId: id,
      title: entry.title,
      display,
      displayNote: entry.display_note ?? '',
      timerAfterCaveat: display === 'inform_only',
    });
  }
  return { refs, leftOut };
}

function stopsFor(stage: PlanStage, context: PlanContext): StopNote[] {
  return planTable[stage].stops
    .filter(({ entryId }) => leftOutReasons(entryOf(entryId), context).length === 0)
    .map(({ entryId, text, instead }) => ({ entryId, title: entryOf(entryId).title, text, instead }));
}

function checkInOn(day: number): CheckInId | null {
  if (day === checkInDays['day-7']) return 'day-7';
  if (day === checkInDays['day-14']) return 'day-14';
  return null;
}

/** One day of the plan, with the entries it leaves out. */
function buildDay(day: number, context: PlanContext) {
  const selection = selectDay(day, context);
  const pairs = selection.offered.flatMap(({ row, entry }) => {
    const item = itemFor(entry, row, row.slot, {
      phase: selection.phase,
      day,
      conditions: context.conditions,
      preferred: isPreferredThermal(entry.id, context.preferences),
      personalNotes: personalNotesFor(entry.id, context.preferences),
    });
    return item === null ? [] : [{ row, item }];
  });
  const library = libraryFor(selection.stage, selection.phase, context);
  const planDay: PlanDay = {
    date: addDays(context.onsetDate, day),
    day,
    stage: selection.stage,
    phase: selection.phase,
    redFlagCheckFirst: phaseStartDay(day, context.earlyFrom) === day,
    items: pairs.map(({ item }) => item),
    library: library.refs,
    stops: stopsFor(selection.stage, context),
    sessions: sessionsFor(day, pairs, context),
    checkIn: checkInOn(day),
  };
  return { planDay, leftOut: [...selection.leftOut, ...library.leftOut] };
}

/** Merges left-out entries across days: one line per entry, each distinct reason once. */
function mergeLeftOut(found: readonly { entry: Entry; reasons: readonly LeftOutReason[] }[]): LeftOut[] {
  const merged = new Map<string, { title: string; reasons: Map<string, LeftOutReason> }>();
  for (const { entry, reasons } of found) {
    const current = merged.get(entry.id) ?? { title: entry.title, reasons: new Map<string, LeftOutReason>() };
    for (const reason of reasons) current.reasons.set(`${reason.code}:${reason.condition ?? ''}`, reason);
    merged.set(entry.id, current);
  }
  return [...merged].map(([entryId, { title, reasons }]) => ({
    entryId,
    title,
    reasons: [...reasons.values()],
  }));
}

const unlockReasons: Readonly<Record<PlanStage, string>> = {
  acute: 'Part of the first days.',
  subacute_early: 'Starts on day 3, once the first days of the spasm have passed.',
  subacute_late: 'Added in the second week, from day 8.',
  recovery: 'Starts once the spasm has settled, in the recovery stage.',
  prevention: 'For keeping your back well after you have recovered.',
};

/** Entries offered on a later day of the episode but not today, with the first day they are offered. */
function heldBackFrom(todayEntries: ReadonlySet<string>, context: PlanContext): HeldBack[] {
  const held = new Map<string, HeldBack>();
  const lastDay = Math.max(context.todayDay, stageStartDays.prevention);
  for (let day = context.todayDay + 1; day <= lastDay; day += 1) {
    const selection = selectDay(day, context);
    for (const { entry } of selection.offered) {
      if (todayEntries.has(entry.id) || held.has(entry.id)) continue;
      const early =
        selection.stage === 'recovery' && context.earlyFrom === null && day === stageStartDays.recovery
          ? ' That is day 15, or from day 8 if your pain is mild by then.'
          : '';
      held.set(entry.id, {
        entryId: entry.id,
        title: entry.title,
        unlockDay: day,
        unlockDate: addDays(context.onsetDate, day),
        unlockStage: selection.stage,
        reason: `${unlockReasons[selection.stage]}${early}`,
      });
    }
  }
  return [...held.values()];
}

/**
 * Builds the plan for `profile` on `today`.
 *
 * @param profile - the episode, its conditions, the latest triage and the person's preferences.
 * @param today - the calendar date, `YYYY-MM-DD`, in the episode's time zone (the caller reads its clock; core
 *   never does). `localDate(new Date().toISOString(), profile.timeZone)` gives it from an instant.
 * @param options - `horizonDays`: how many days to list from today (default 14; the list always reaches day 14).
 * @returns a `Plan`; or the escalation that replaces it (`emergency`, `urgent`); or `triage_needed` when the
 *   red-flag questionnaire has to be answered first; or `invalid_profile` listing every problem. Never throws for
 *   bad input.
 */
export function buildPlan(profile: PlanProfile, today: string, options?: BuildPlanOptions): BuildPlanResult {
  const problems = profileProblems(profile, today, options);
  if (problems.length > 0) return { kind: 'invalid_profile', problems };
  const { horizonDays } = resolveOptions(options);

  const todayDay = daysBetween(profile.onsetDate, today);
  const earlyFrom = isEarlyRecovery(todayDay, profile.painIsMild === true) ? todayDay : null;
  const phaseStart = addDays(profile.onsetDate, phaseStartDay(todayDay, earlyFrom));
  const frame = triageFrame(profile, phaseStart);
  if (frame.kind !== 'plan') return frame;

  const spans = stageSpans(profile.onsetDate, earlyFrom);
  const context: PlanContext = {
    onsetDate: profile.onsetDate,
    todayDay,
    earlyFrom,
    conditions: healthConditions(profile.knownConditions, profile.otherConditions),
    preferences: { ...profile.preferences },
    spans,
  };

  const lastDay = Math.max(checkInDays['day-14'], todayDay + horizonDays - 1);
  const built = Array.from({ length: lastDay - todayDay + 1 }, (_, i) => buildDay(todayDay + i, context));
  const days = built.map(({ planDay }) => planDay);
  const todayPlan = days[0];
  const todayEntries = new Set(todayPlan?.items.map((item) => item.entryId) ?? []);
  // Entries the rest of the episode would offer are tailored too, so "left out" is complete beyond the horizon.
  const laterLeftOut: DaySelection['leftOut'][number][] = [];
  for (let day = lastDay + 1; day <= stageStartDays.prevention; day += 1) {
    laterLeftOut.push(...selectDay(day, context).leftOut);
  }

  const stage = stageForDay(todayDay, earlyFrom);
  const phase = phaseOf(stage);
  const nextPhase = spans.find((span) => span.startDay > todayDay && span.phase !== phase);
  const recovery = spans.find((span) => span.stage === 'recovery');

  const plan: Plan = {
    kind: 'plan',
    today,
    todayDay,
    stage,
    phase,
    onsetDate: profile.onsetDate,
    timeZone: profile.timeZone,
    location: profile.location,
    trigger: profile.trigger,
    disposition: frame.disposition,
    appointment: frame.appointment,
    safetyNet: copySafetyNet(),
    earlyRecovery: earlyFrom !== null,
    stages: spans,
    nextRedFlagCheck: nextPhase?.startDate ?? null,
    days,
    checkIns: checkInsFor(profile.onsetDate, todayDay),
    heldBack: heldBackFrom(todayEntries, context),
    leftOut: mergeLeftOut([...built.flatMap(({ leftOut }) => leftOut), ...laterLeftOut]),
    alwaysAvailable: alwaysAvailable.flatMap((row) => {
      const item = itemFor(entryOf(row.entryId), row, 'always', {
        phase,
        day: todayDay,
        conditions: context.conditions,
        preferred: false,
        personalNotes: [],
      });
      return item === null ? [] : [item];
    }),
    recurrence: recurrenceCardFor(
      profile.earlierEpisodes ?? 0,
      recovery?.startDate ?? addDays(profile.onsetDate, stageStartDays.recovery),
    ),
    conditions: { recorded: [...profile.knownConditions], matched: [...context.conditions] },
  };
  return plan;
}
