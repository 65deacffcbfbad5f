/** The four triage outcomes, least to most severe. */
export const dispositions = ['self_care', 'soon', 'urgent', 'emergency'] as const;
export type Disposition = (typeof dispositions)[number];

/** Severity order of triage.md §1: emergency (3) > urgent (2) > soon (1) > self_care (0). */
export function severity(disposition: Disposition): number {
  return dispositions.indexOf(disposition);
}

export type Side = 'none' | 'one_leg' | 'both_legs';
export const locations = ['upper', 'middle', 'lower'] as const;
export type Location = (typeof locations)[number];
export const triggers = [
  'lifting',
  'sudden_movement',
  'sport_twisting',
  'prolonged_sitting',
  'minor_fall',
  'significant_injury',
  'other',
  'unknown',
] as const;
export type Trigger = (typeof triggers)[number];
export type StandWalk = 'no' | 'because_of_pain' | 'legs_weak_or_numb';
/** Back conditions a doctor may have named (question 25); `none` stands alone. */
export const backConditions = [
  'disc_herniation',
  'spinal_stenosis',
  'degenerative_disc_disease',
  'arthritis',
  'spondylolisthesis',
  'osteoporosis',
] as const;
export type KnownCondition = (typeof backConditions)[number] | 'none';

/** A complete, validated set of answers: exactly the 25 question ids of triage.md §2. */
export interface Answers {
  age: number;
  days_since_onset: number;
  location: Location;
  trigger: Trigger;
  pain_score: number;
  pain_below_knee: Side;
  leg_numbness: Side;
  leg_weakness: Side;
  saddle_numbness: boolean;
  bladder_problems: boolean;
  bowel_incontinence: boolean;
  sexual_dysfunction: boolean;
  fever_or_unwell: boolean;
  weight_loss: boolean;
  cancer_history: boolean;
  immunosuppression_or_ivdu: boolean;
  osteoporosis_or_steroids: boolean;
  night_pain: boolean;
  vomiting: boolean;
  constant_progressive_pain: boolean;
  cannot_stand_or_walk: StandWalk;
  chest_pain_or_breathlessness: boolean;
  pulsating_abdominal_pain: boolean;
  improving_since_onset: boolean;
  known_conditions: KnownCondition[];
}

export type QuestionId = keyof Answers;
export type AnswerValue = Answers[QuestionId];

/** Answers given so far, e.g. while the questionnaire is still being filled in. */
export type PartialAnswers = Partial<Answers>;

export interface Reason {
  rule: string;
  disposition: Disposition;
  text: string;
  sources: string[];
}

/** The §4 success shape. Key order matters: it is printed byte for byte. */
export interface TriageResult {
  disposition: Disposition;
  reasons: Reason[];
  rulesVersion: string;
}

export type Problem =
  'missing' | 'wrong_type' | 'out_of_range' | 'invalid_value' | 'conflict' | 'unknown_field';

export interface FieldProblem {
  field: string;
  problem: Problem;
}

/** The §4 validation-failure shape. It never carries a disposition. */
export interface TriageValidationError {
  error: 'validation_failed';
  fields: FieldProblem[];
  rulesVersion: string;
}

export type TriageOutcome = TriageResult | TriageValidationError;
