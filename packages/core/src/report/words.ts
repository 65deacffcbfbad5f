/**
 * The summary's own words: short labels for the triage questions (the full questions are long for a one-page
 * table) and the notice every copy carries. All written for this app. The diary's factor codes are named by the
 * shared table in ../labels.ts, like everywhere else.
 */
import type { Disposition, QuestionId } from '../triage/index.ts';

/** Short labels for the 25 triage questions, for a clinician reading a table. */
export const questionLabels: Readonly<Record<QuestionId, string>> = {
  age: 'Age',
  days_since_onset: 'Days since it started',
  location: 'Where the pain is',
  trigger: 'What set it off',
  pain_score: 'Worst pain in the last 24 h (0–10)',
  pain_below_knee: 'Pain below the knee',
  leg_numbness: 'Numbness or tingling in a leg',
  leg_weakness: 'Leg weakness',
  saddle_numbness: 'Saddle-area numbness',
  bladder_problems: 'New bladder problem',
  bowel_incontinence: 'New loss of bowel control',
  sexual_dysfunction: 'New change in sexual function',
  fever_or_unwell: 'Fever or feeling unwell',
  weight_loss: 'Weight loss without trying',
  cancer_history: 'Cancer in the past',
  immunosuppression_or_ivdu: 'Weakened immunity or injected drugs',
  osteoporosis_or_steroids: 'Osteoporosis or long-term steroid tablets',
  night_pain: 'Pain stops sleep or stays bad at night',
  vomiting: 'Vomiting',
  constant_progressive_pain: 'Constant pain, worse day by day',
  cannot_stand_or_walk: 'Standing and walking',
  chest_pain_or_breathlessness: 'Chest pain or breathlessness',
  pulsating_abdominal_pain: 'Tummy pain with a pulsing feeling',
  improving_since_onset: 'Clearly getting better',
  known_conditions: 'Back conditions a doctor has named',
};

/** How soon each triage outcome said to get care, in a few words for a table. */
export const dispositionWords: Readonly<Record<Disposition, string>> = {
  emergency: 'Emergency',
  urgent: 'Same day',
  soon: 'Within days',
  self_care: 'Self-care',
};

/** The line every copy of the summary carries. */
export const patientReportedNotice =
  'Everything here was reported by the patient in the unknot app. It is a record of symptoms, not a diagnosis, ' +
  'and the triage results are safety advice, not a clinical assessment.';

/** What `pattern.latest` means in words. */
export const patternWords = {
  constant: 'Constant',
  intermittent: 'Comes and goes',
} as const;

/** What `pain.trend` means in words. */
export const trendWords = {
  improving: 'Improving: clearly lower than at the start',
  not_improving: 'Not clearly improving',
  worsening: 'Worse than at the start',
  insufficient_data: 'Too few ratings to tell',
} as const;

/** Words for the kind of work a person does. */
export const workWords = {
  sitting: 'mostly sitting',
  standing: 'mostly standing',
  physical: 'physical work',
} as const;
