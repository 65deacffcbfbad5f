/**
 * The knowledge-base content model of `shared/clinical/knowledge-base.md` §1.1.
 *
 * Field names keep the spec's snake_case so the data can be compared with the spec's YAML as is.
 * Each vocabulary is a `const` array first, so the zod schema and the TypeScript type share one list.
 * Everything is read-only: entries are content, and nothing in the app may change them.
 * Object shapes are type aliases rather than interfaces so that they are assignable to index-signature types
 * (`Record<string, unknown>`, zod's `looseObject` output) when a caller serialises them.
 */
import type { EvidenceCodeId } from './evidence-codes.ts';
import type { SeedFileName } from './seeds.ts';

export const kinds = [
  'cause',
  'symptom',
  'red_flag',
  'treatment',
  'exercise',
  'position',
  'medication',
  'remedy',
  'prevention',
  'professional_care',
] as const;
export type Kind = (typeof kinds)[number];

/** §1.3: acute days 0–2, subacute 3–14, recovery from about day 15, prevention after recovery. */
export const phases = ['acute', 'subacute', 'recovery', 'prevention'] as const;
export type Phase = (typeof phases)[number];

/** §1.4: how the app may present an entry. */
export const displays = ['recommend', 'option', 'inform_only', 'do_not_recommend'] as const;
export type Display = (typeof displays)[number];

/** §1.5: GRADE-style certainty, plus `no_trials` and `not_applicable` (descriptive entries). */
export const certainties = ['high', 'moderate', 'low', 'very_low', 'no_trials', 'not_applicable'] as const;
export type Certainty = (typeof certainties)[number];

export const directions = [
  'benefit',
  'small_benefit',
  'no_benefit',
  'harm',
  'uncertain',
  'not_applicable',
] as const;
export type Direction = (typeof directions)[number];

/** §1.7: the typical level of a red-flag card; `triage.md` decides the actual disposition. */
export const escalations = [
  'emergency',
  'urgent_same_day',
  'see_doctor_soon',
  'see_doctor_if_persists',
] as const;
export type Escalation = (typeof escalations)[number];

/** §1.6: the only values allowed in `suits`, `caution_with` and `avoid_with`. */
export const conditions = [
  'disc_herniation',
  'spinal_stenosis',
  'spondylolisthesis',
  'spondylolysis',
  'degenerative_disc_disease',
  'arthritis',
  'pregnancy',
  'reduced_skin_sensation',
  'broken_skin',
  'gi_ulcer_or_bleed',
  'kidney_disease',
  'heart_disease',
  'liver_disease',
  'anticoagulant_use',
  'diabetes_medication',
  'plant_allergy_apiaceae',
  'essential_oil_allergy',
  'young_children_at_home',
] as const;
export type Condition = (typeof conditions)[number];

export const conflicts = ['none', 'minor', 'major'] as const;
export type Conflict = (typeof conflicts)[number];

export const origins = ['seed', 'external_safety'] as const;
export type Origin = (typeof origins)[number];

/** The protocol fields that always hold a `Range` (`cycles` may also be `'until_relief'`). */
export const protocolRangeFields = [
  'on_s',
  'off_s',
  'hot_s',
  'cold_s',
  'hold_s',
  'reps',
  'reps_per_side',
  'sets',
  'sessions_per_week',
  'session_min',
  'per_day',
  'window_h',
  'prep_s',
  'sleep_h',
] as const;

/** A closed range; the unit is in the name of the field that holds it (`on_s`, `session_min`, `sleep_h`…). */
export type Range = {
  readonly min: number;
  readonly max: number;
  readonly default?: number;
};

export type SourceVariant = {
  readonly file: SeedFileName;
  readonly note: string;
};

/** How to do it. Numbers under named fields come from the seeds; numbers the spec chose sit in `spec_default`. */
export type Protocol = {
  /** Our paraphrase, in order. */
  readonly steps?: readonly string[];
  /** Application and pause (cold, heat), in seconds. */
  readonly on_s?: Range;
  readonly off_s?: Range;
  /** Contrast-shower phases, in seconds. */
  readonly hot_s?: Range;
  readonly cold_s?: Range;
  readonly cycles?: Range | 'until_relief';
  readonly hold_s?: Range;
  readonly reps?: Range;
  readonly reps_per_side?: Range;
  readonly sets?: Range;
  readonly sessions_per_week?: Range;
  readonly session_min?: Range;
  readonly per_day?: Range;
  /** Period in which the protocol is offered, in hours (for example the first 48 h). */
  readonly window_h?: Range;
  /** Preparation time, in seconds (for example heating a grain bag). */
  readonly prep_s?: Range;
  /** Hours of sleep a night (sleep entry only). */
  readonly sleep_h?: Range;
  readonly max_days?: number;
  readonly progression?: string;
  /** When the sources give different numbers. */
  readonly source_variants?: readonly SourceVariant[];
  /** Values chosen by the spec, NOT by the sources; the app must not present them as coming from the sources. */
  readonly spec_default?: Readonly<Record<string, unknown>>;
};

/** One seed passage that mentions the item, for or against. `section` is a heading listed in §0.1. */
export type SourceRef = {
  readonly file: SeedFileName;
  readonly section: string;
};

export type Agreement = {
  /** Distinct seed files in `sources` (0–5). */
  readonly mentioned_by: number;
  readonly conflict: Conflict;
  /** Who disagrees, and about what. */
  readonly note: string;
};

export type Evidence = {
  readonly certainty: Certainty;
  readonly direction: Direction;
  /** For example "NICE NG59 advises against it", or "not covered". */
  readonly guideline: string;
  /** One or two sentences in our words. */
  readonly summary: string;
  /** Codes from §0.2 (`evidenceCodes`). */
  readonly refs: readonly EvidenceCodeId[];
};

export type Entry = {
  /** Kebab-case, stable, prefixed by kind (§1.2). User history refers to it, so it never changes. */
  readonly id: string;
  readonly kind: Kind;
  readonly title: string;
  /** Plain language, our wording, at most about 60 words. */
  readonly summary: string;
  readonly phases: readonly Phase[];
  /** `null` when no source gives a method. */
  readonly protocol: Protocol | null;
  readonly cautions: readonly string[];
  readonly contraindications: readonly string[];
  /** Conditions the entry is specifically said to suit. */
  readonly suits: readonly Condition[];
  /** Conditions that trigger a "use with care, stop if symptoms increase" banner (absent means none). */
  readonly caution_with?: readonly Condition[];
  /** Conditions where it should be avoided, or only done after a clinician says so. */
  readonly avoid_with: readonly Condition[];
  readonly sources: readonly SourceRef[];
  readonly agreement: Agreement;
  readonly evidence: Evidence;
  readonly display: Display;
  /** Overrides `display` in the phases it names. */
  readonly display_by_phase?: Readonly<Partial<Record<Phase, Display>>>;
  /** Required when `display` is `inform_only` or `do_not_recommend`; always shown with such entries. */
  readonly display_note?: string;
  /** Required for kind `red_flag`: the typical level; `triage.md` rules decide the actual disposition. */
  readonly escalation?: Escalation;
  /** Red flags only: ids of the `triage.md` rules that lead to this card. */
  readonly triage_rules?: readonly string[];
  /** Absent means `seed`; `external_safety` = added for safety, with a thin seed link. */
  readonly origin?: Origin;
  readonly related?: readonly string[];
  /**
   * Editor notes (spec 1.1 §1.2): lines of the spec written for the app's authors, taken out of the fields above
   * by the generator. Kept so the data still says everything the spec says; never shown to anyone.
   */
  readonly editorial?: readonly string[];
};
