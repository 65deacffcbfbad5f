import type { Answers } from './types.ts';

/**
 * The answers of triage.md §4, worked example 1: a mechanical spasm with no warning sign, which gives
 * `self_care`. A complete, valid answer set for documentation, demos and tests; frozen, so copy it to change it.
 */
export const exampleAnswers: Readonly<Answers> = Object.freeze<Answers>({
  age: 34,
  days_since_onset: 2,
  location: 'lower',
  trigger: 'lifting',
  pain_score: 6,
  pain_below_knee: 'none',
  leg_numbness: 'none',
  leg_weakness: 'none',
  saddle_numbness: false,
  bladder_problems: false,
  bowel_incontinence: false,
  sexual_dysfunction: false,
  fever_or_unwell: false,
  weight_loss: false,
  cancer_history: false,
  immunosuppression_or_ivdu: false,
  osteoporosis_or_steroids: false,
  night_pain: false,
  vomiting: false,
  constant_progressive_pain: false,
  cannot_stand_or_walk: 'no',
  chest_pain_or_breathlessness: false,
  pulsating_abdominal_pain: false,
  improving_since_onset: false,
  known_conditions: ['none'],
});
