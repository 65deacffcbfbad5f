/**
 * The plan's data shapes: what `buildPlan` takes and what it returns. Everything is plain, serialisable data, so
 * the same value can be rendered by the web app, printed by the CLI, sent over HTTP or turned into a calendar.
 */
import type { FieldIssue } from '../errors.ts';
import type {
  Certainty,
  Direction,
  Display,
  EvidenceCodeId,
  HealthCondition,
  Kind,
  Phase,
  SeedFileName,
} from '../knowledge/index.ts';
import type { Preferences } from '../records/index.ts';
import type {
  Disposition,
  KnownCondition,
  Location,
  Reason,
  SafetyNet,
  Trigger,
  TriageResult,
} from '../triage/index.ts';

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

/** A back condition a doctor has named, in the triage vocabulary (question 25), without `none`. */
export type BackCondition = Exclude<KnownCondition, 'none'>;

/** The latest answered red-flag questionnaire: when it was answered and what the engine decided. */
export interface PlanTriage {
  /** UTC instant, ISO 8601 with `Z`. */
  readonly at: string;
  readonly result: TriageResult;
}

/**
 * Everything the plan depends on. The first six fields are an `Episode`'s own, so a stored episode can be spread
 * in as it is (fields the plan does not read are ignored).
 */
export interface PlanProfile {
  /** Day 0 of the episode, a calendar date in `timeZone`. */
  readonly onsetDate: string;
  /** IANA time zone in which days are counted and reminders are timed. */
  readonly timeZone: string;
  readonly location: Location;
  readonly trigger: Trigger;
  /** Back conditions a doctor has named (an empty list for none). */
  readonly knownConditions: readonly BackCondition[];
  /**
   * Other conditions from the knowledge base's vocabulary (§1.6) that the person has told us about, e.g.
   * `pregnancy`, `broken_skin`, `anticoagulant_use`. The episode record does not hold these yet; absent means none.
   */
  readonly otherConditions?: readonly HealthCondition[];
  /** The latest triage; absent when the questionnaire has not been answered. */
  readonly triage?: PlanTriage;
  /** UTC instant at which the person last reported a change of symptoms; a triage older than this is stale. */
  readonly symptomsChangedAt?: string;
  readonly preferences: Preferences;
  /** Whether the person rates the pain as mild now (absent means not known, treated as not mild). */
  readonly painIsMild?: boolean;
  /** How many earlier back-spasm episodes the person has logged in the app (absent means none). */
  readonly earlierEpisodes?: number;
}

/** Options of `buildPlan`. */
export interface BuildPlanOptions {
  /**
   * How many days, from today, the plan lists day by day (default 14, at most 120). The list always reaches the
   * day-14 check-in, so an episode that started today gets days 0–14.
   */
  readonly horizonDays?: number;
}

// ---------------------------------------------------------------------------------------------
// Phases and stages
// ---------------------------------------------------------------------------------------------

/**
 * The plan's stages: the §1.3 phases, with `subacute` split as §5 splits it (days 3–7 and 8–14).
 */
export type PlanStage = 'acute' | 'subacute_early' | 'subacute_late' | 'recovery' | 'prevention';

/** One stage of the episode with its dates. */
export interface StageSpan {
  readonly stage: PlanStage;
  readonly phase: Phase;
  /** Days since onset, inclusive. */
  readonly startDay: number;
  /** Inclusive; `null` when open-ended (prevention). */
  readonly endDay: number | null;
  readonly startDate: string;
  readonly endDate: string | null;
}

// ---------------------------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------------------------

/** Where §5 puts an entry on a day. */
export type PlanSlot = 'first_screen' | 'core' | 'choice' | 'always';

/** The unit of a protocol number, read from its field name (`on_s` → seconds, `session_min` → minutes…). */
export type NumberUnit = 's' | 'min' | 'h' | 'days' | 'count' | 'per_week' | 'per_day';

/** One number of a protocol, as the plan shows it. */
export interface PlanNumber {
  /** The protocol field, e.g. `hold_s`; spec defaults nested in an object read `prevention_target.session_min`. */
  readonly field: string;
  readonly unit: NumberUnit;
  readonly min: number;
  readonly max: number;
  /** Where to start (the protocol's default), or `null` when it gives none. */
  readonly start: number | null;
  /** What this stage aims at: the start value early on, the top of the range where §5 says to build up. */
  readonly goal: number | null;
  /**
   * `source` when a seed article gives the number; `ours` when it is the knowledge base's own choice
   * (`spec_default`), which the app must not present as coming from the sources.
   */
  readonly origin: 'source' | 'ours';
}

/** How to do it: the protocol's steps and numbers. Empty for entries without a method. */
export interface PlanHow {
  readonly steps: readonly string[];
  readonly numbers: readonly PlanNumber[];
  /** Repeat rounds until the pain eases (the protocol's `cycles: until_relief`). */
  readonly untilRelief: boolean;
  readonly progression: string | null;
  /** Why the numbers marked `ours` were chosen (the protocol's `spec_default.reason`). */
  readonly oursReason: string | null;
}

/**
 * How often. `label` means: as the product's label or a pharmacist says (the app never doses medicines);
 * `clinician`: as the patient's clinician assigned it (clinic mode, `applyProgramme`).
 */
export interface HowOften {
  readonly text: string;
  readonly basis: 'source' | 'ours' | 'label' | 'clinician';
}

/** The amount a clinician assigned for a programme item (clinic mode): within the protocol's ranges. */
export interface PlanDose {
  readonly holdSeconds?: number;
  readonly reps?: number;
  readonly sets?: number;
  readonly timesPerWeek: number;
}

/** A seed passage behind an entry: the file, our neutral title for it, and the heading. */
export interface SourceCitation {
  readonly file: SeedFileName;
  readonly seedTitle: string;
  readonly section: string;
}

/** An external reference with its address. */
export interface EvidenceRef {
  readonly code: EvidenceCodeId;
  readonly url: string;
  readonly urls: readonly string[];
}

/** Why an item is in the plan: the evidence grade with its references, and the seed passages. */
export interface PlanWhy {
  readonly certainty: Certainty;
  readonly direction: Direction;
  readonly guideline: string;
  readonly summary: string;
  readonly refs: readonly EvidenceRef[];
  readonly sources: readonly SourceCitation[];
}

/** A `suits` match: the entry is specifically said to suit a condition the person has. */
export interface ConditionBadge {
  readonly condition: HealthCondition;
  readonly text: string;
}

/** A `caution_with` match: kept, with a "use with care, stop if symptoms increase" banner. */
export interface ConditionBanner {
  readonly condition: HealthCondition;
  readonly text: string;
}

/** One piece of advice on one day. Only `recommend` and `option` entries ever become items (§1.4). */
export interface PlanItem {
  readonly entryId: string;
  readonly title: string;
  readonly kind: Kind;
  readonly slot: PlanSlot;
  /** The entry's display in this phase (`display_by_phase` applied). */
  readonly display: Extract<Display, 'recommend' | 'option'>;
  readonly summary: string;
  /** §5's note for this stage, in our words, or `null`. */
  readonly note: string | null;
  /** Notes for this person: their preferences, work, the day, or the D13 general rule. */
  readonly personalNotes: readonly string[];
  readonly how: PlanHow;
  readonly howOften: HowOften;
  readonly why: PlanWhy;
  readonly cautions: readonly string[];
  /** The entry's display note (shown with options such as "comfort position; untested"), or `null`. */
  readonly displayNote: string | null;
  readonly badges: readonly ConditionBadge[];
  readonly banners: readonly ConditionBanner[];
  /** Whether this is the heat or cold choice the person said they prefer. */
  readonly preferred: boolean;
  /** Whether the app has a guided timer for it (`protocols.json`). */
  readonly timer: boolean;
  /** `clinician` when the item comes from the patient's assigned programme (absent: the default §5 plan). */
  readonly from?: 'clinician';
  /** The assigned amount, with `from: 'clinician'`. */
  readonly dose?: PlanDose;
}

/** An entry §5 keeps in the library for this stage: shown only with its caveat, never as advice. */
export interface LibraryRef {
  readonly entryId: string;
  readonly title: string;
  readonly display: Extract<Display, 'inform_only' | 'do_not_recommend'>;
  /** The caveat that always travels with it. */
  readonly displayNote: string;
  /** `inform_only`: a timer may run only after the caveat is acknowledged; `do_not_recommend`: never. */
  readonly timerAfterCaveat: boolean;
}

/** Something that stops on a day, and what to do instead. */
export interface StopNote {
  readonly entryId: string;
  readonly title: string;
  readonly text: string;
  readonly instead: string | null;
}

export type SessionSlot = 'morning' | 'midday' | 'evening';
export type SessionGroup = 'thermal' | 'walk' | 'stretch' | 'strength';

/** A reminder-worthy session on one day: items with timers, grouped at one time of day. */
export interface PlanSession {
  readonly slot: SessionSlot;
  readonly groups: readonly SessionGroup[];
  /** In plan order; choices within a group are alternatives. */
  readonly itemIds: readonly string[];
  /** A rough length for the calendar (our estimate, not from the sources). */
  readonly minutes: number;
}

export type CheckInId = 'day-7' | 'day-14';

/** One day of the plan. */
export interface PlanDay {
  readonly date: string;
  /** Days since onset. */
  readonly day: number;
  readonly stage: PlanStage;
  readonly phase: Phase;
  /** First day of a phase: §5 runs the red-flag questionnaire again before it. */
  readonly redFlagCheckFirst: boolean;
  readonly items: readonly PlanItem[];
  readonly library: readonly LibraryRef[];
  readonly stops: readonly StopNote[];
  readonly sessions: readonly PlanSession[];
  readonly checkIn: CheckInId | null;
}

// ---------------------------------------------------------------------------------------------
// Plan-level parts
// ---------------------------------------------------------------------------------------------

/** A `rf-no-improvement-1-2-weeks` check-in. */
export interface CheckIn {
  readonly id: CheckInId;
  readonly day: 7 | 14;
  readonly date: string;
  readonly state: 'past' | 'today' | 'upcoming';
  readonly entryId: 'rf-no-improvement-1-2-weeks';
  readonly question: string;
  /** What to do if the answer is no. */
  readonly ifNotBetter: string;
  /** What to do if it is getting worse rather than just not better. */
  readonly ifWorse: string;
  /** Entries to open with it. */
  readonly seeAlso: readonly string[];
  /** Whether to offer the diary summary for the doctor (day 14). */
  readonly diarySummary: boolean;
  readonly why: PlanWhy;
}

/** An entry that is not available yet, and when it will be. */
export interface HeldBack {
  readonly entryId: string;
  readonly title: string;
  readonly unlockDay: number;
  readonly unlockDate: string;
  readonly unlockStage: PlanStage;
  readonly reason: string;
}

export type LeftOutCode = 'avoid_with' | 'thermal_preference' | 'no_ice_pack';

export interface LeftOutReason {
  readonly code: LeftOutCode;
  /** For `avoid_with`: the matching condition. */
  readonly condition: HealthCondition | null;
  readonly text: string;
}

/** An entry §5 would offer that this plan leaves out for this person, and every reason why. */
export interface LeftOut {
  readonly entryId: string;
  readonly title: string;
  readonly reasons: readonly LeftOutReason[];
}

/** Shown with a `soon` triage result: book an appointment, and keep going with the plan meanwhile. */
export interface AppointmentCard {
  readonly disposition: 'soon';
  readonly headline: string;
  readonly advice: string;
  readonly reasons: readonly Reason[];
}

/** `rf-recurring-spasms`: from recovery on, when this is not the person's first logged episode (§5). */
export interface RecurrenceCard {
  readonly entryId: 'rf-recurring-spasms';
  readonly title: string;
  readonly text: string;
  readonly fromDate: string;
  readonly why: PlanWhy;
}

/** The person's conditions as the plan used them. */
export interface PlanConditions {
  readonly recorded: readonly BackCondition[];
  /** Mapped onto the §1.6 vocabulary and merged with `otherConditions`. */
  readonly matched: readonly HealthCondition[];
}

/** The plan: the default §5 plan, specialised for one person on one day. */
export interface Plan {
  readonly kind: 'plan';
  /** The date the plan was built for (the `today` given), in the episode's time zone. */
  readonly today: string;
  /** Days since onset on `today`. */
  readonly todayDay: number;
  readonly stage: PlanStage;
  readonly phase: Phase;
  readonly onsetDate: string;
  readonly timeZone: string;
  readonly location: Location;
  readonly trigger: Trigger;
  readonly disposition: Extract<Disposition, 'self_care' | 'soon'>;
  readonly appointment: AppointmentCard | null;
  /** triage.md §5: always shown with a self_care or soon result. */
  readonly safetyNet: SafetyNet;
  /** Whether §5's "early move to recovery" applied (pain mild on day 8 or later). */
  readonly earlyRecovery: boolean;
  /** The whole episode's stages with their dates. */
  readonly stages: readonly StageSpan[];
  /** The date the next phase starts, before which the red-flag questionnaire runs again, or `null`. */
  readonly nextRedFlagCheck: string | null;
  readonly days: readonly PlanDay[];
  readonly checkIns: readonly CheckIn[];
  readonly heldBack: readonly HeldBack[];
  readonly leftOut: readonly LeftOut[];
  /** §5 "always available". */
  readonly alwaysAvailable: readonly PlanItem[];
  readonly recurrence: RecurrenceCard | null;
  readonly conditions: PlanConditions;
}

// ---------------------------------------------------------------------------------------------
// The other outcomes
// ---------------------------------------------------------------------------------------------

/** `emergency` or `urgent`: no plan at all, the escalation instead (§5). */
export interface PlanEscalation {
  readonly kind: 'escalation';
  readonly disposition: Extract<Disposition, 'emergency' | 'urgent'>;
  readonly headline: string;
  readonly advice: string;
  readonly reasons: readonly Reason[];
  /** triage.md §1: shown with `urgent`; `null` with `emergency`, so nothing slows the person down. */
  readonly safetyNet: SafetyNet | null;
}

export type TriageNeededReason = 'no_triage' | 'symptoms_changed' | 'new_phase';

/** The red-flag questionnaire must be answered (again) before any plan is shown (§1.4 rule 1, §6 check 9). */
export interface PlanTriageNeeded {
  readonly kind: 'triage_needed';
  readonly reason: TriageNeededReason;
  readonly message: string;
  /** The disposition of the stale triage, if there was one, so a screen can keep an earlier warning in view. */
  readonly lastDisposition: Disposition | null;
}

/** The profile or `today` is incomplete or invalid; every problem is listed. */
export interface PlanProfileError {
  readonly kind: 'invalid_profile';
  readonly problems: readonly FieldIssue[];
}

export type BuildPlanResult = Plan | PlanEscalation | PlanTriageNeeded | PlanProfileError;
