/**
 * Rule-by-rule tests of triage.md §3.3, with every expectation derived from the spec table, the
 * derived terms of §3.2, the boundaries of §3.1 / the implementation notes, and the §3.4 examples.
 * Every case starts from Example 1 (which fires nothing) and changes as little as possible.
 */
import { describe, expect, it } from 'vitest';
import { triage, type Answers } from './index.ts';
import { makeAnswers, specFired, specRuleIds } from './test-factories.ts';

/** The ids of the rules that fired, as the engine reports them. */
function fired(input: Answers): string[] {
  const result = triage(input);
  if ('error' in result) throw new Error(`unexpected validation error: ${JSON.stringify(result.fields)}`);
  return result.reasons.map((r) => r.rule);
}

const sorted = (ids: readonly string[]): string[] => [...ids].sort();

interface Case {
  name: string;
  input: Partial<Answers>;
  /** Every rule id that must fire, and no other. */
  fires: readonly string[];
}

interface RuleCases {
  fires: readonly Case[];
  doesNotFire: readonly Case[];
}

const none = ['no_red_flags'];

/** For each of the 37 rules: inputs where it fires and minimal changes where it does not. */
const ruleCases: Record<string, RuleCases> = {
  ces_saddle_numbness: {
    fires: [{ name: 'saddle numbness', input: { saddle_numbness: true }, fires: ['ces_saddle_numbness'] }],
    doesNotFire: [{ name: 'no saddle numbness', input: { saddle_numbness: false }, fires: none }],
  },
  ces_bladder_change: {
    fires: [{ name: 'bladder problems', input: { bladder_problems: true }, fires: ['ces_bladder_change'] }],
    doesNotFire: [{ name: 'no bladder problems', input: { bladder_problems: false }, fires: none }],
  },
  ces_bowel_incontinence: {
    fires: [
      { name: 'bowel incontinence', input: { bowel_incontinence: true }, fires: ['ces_bowel_incontinence'] },
    ],
    doesNotFire: [{ name: 'no bowel incontinence', input: { bowel_incontinence: false }, fires: none }],
  },
  ces_sexual_dysfunction: {
    fires: [
      { name: 'sexual dysfunction', input: { sexual_dysfunction: true }, fires: ['ces_sexual_dysfunction'] },
    ],
    doesNotFire: [{ name: 'no sexual dysfunction', input: { sexual_dysfunction: false }, fires: none }],
  },
  bilateral_leg_symptoms: {
    // any_both_legs, once through each of its three questions.
    fires: [
      {
        name: 'pain below the knee in both legs',
        input: { pain_below_knee: 'both_legs' },
        fires: ['bilateral_leg_symptoms'],
      },
      {
        name: 'numbness in both legs',
        input: { leg_numbness: 'both_legs' },
        fires: ['bilateral_leg_symptoms'],
      },
      {
        // leg_weakness != "none" but no fever: infection_with_weakness stays silent.
        name: 'weakness in both legs',
        input: { leg_weakness: 'both_legs' },
        fires: ['bilateral_leg_symptoms'],
      },
    ],
    doesNotFire: [
      {
        name: 'pain below the knee in one leg',
        input: { pain_below_knee: 'one_leg' },
        fires: ['pain_below_knee_one_side'],
      },
      { name: 'numbness in one leg', input: { leg_numbness: 'one_leg' }, fires: ['leg_numbness_one_side'] },
      { name: 'weakness in one leg', input: { leg_weakness: 'one_leg' }, fires: ['leg_weakness_one_side'] },
    ],
  },
  legs_weak_cannot_walk: {
    fires: [
      {
        name: 'cannot stand: legs weak or numb',
        input: { cannot_stand_or_walk: 'legs_weak_or_numb' },
        fires: ['legs_weak_cannot_walk'],
      },
    ],
    doesNotFire: [
      {
        name: 'cannot stand because of pain',
        input: { cannot_stand_or_walk: 'because_of_pain' },
        fires: ['cannot_stand_due_to_pain'],
      },
    ],
  },
  major_trauma: {
    fires: [
      { name: 'significant injury', input: { trigger: 'significant_injury' }, fires: ['major_trauma'] },
      {
        // fracture_risk_fragile_bones_severe_pain excludes significant_injury; major trauma covers it.
        name: 'significant injury with fragile bones and pain 7',
        input: { trigger: 'significant_injury', osteoporosis_or_steroids: true, pain_score: 7 },
        fires: ['major_trauma', 'fragile_bones_new_pain'],
      },
    ],
    doesNotFire: [
      { name: 'minor fall at 34', input: { trigger: 'minor_fall' }, fires: ['injury_minor_fall'] },
    ],
  },
  fall_cannot_stand_fragile: {
    fires: [
      {
        name: 'minor fall, age 51, cannot stand because of pain',
        input: { trigger: 'minor_fall', age: 51, cannot_stand_or_walk: 'because_of_pain' },
        fires: [
          'fall_cannot_stand_fragile',
          'fracture_risk_minor_fall',
          'injury_minor_fall',
          'cannot_stand_due_to_pain',
        ],
      },
      {
        name: 'minor fall, osteoporosis_or_steroids, age 34, cannot stand because of pain',
        input: {
          trigger: 'minor_fall',
          osteoporosis_or_steroids: true,
          cannot_stand_or_walk: 'because_of_pain',
        },
        fires: [
          'fall_cannot_stand_fragile',
          'fracture_risk_minor_fall',
          'injury_minor_fall',
          'fragile_bones_new_pain',
          'cannot_stand_due_to_pain',
        ],
      },
      {
        name: 'minor fall, "osteoporosis" in known_conditions only, cannot stand because of pain',
        input: {
          trigger: 'minor_fall',
          known_conditions: ['osteoporosis'],
          cannot_stand_or_walk: 'because_of_pain',
        },
        fires: [
          'fall_cannot_stand_fragile',
          'fracture_risk_minor_fall',
          'injury_minor_fall',
          'fragile_bones_new_pain',
          'cannot_stand_due_to_pain',
        ],
      },
      {
        // 1.1.0: improving and pain < 7 silences fracture_risk_minor_fall, but not this emergency rule.
        name: 'minor fall, age 51, improving, pain 6, cannot stand because of pain',
        input: {
          trigger: 'minor_fall',
          age: 51,
          improving_since_onset: true,
          pain_score: 6,
          cannot_stand_or_walk: 'because_of_pain',
        },
        fires: ['fall_cannot_stand_fragile', 'injury_minor_fall', 'cannot_stand_due_to_pain'],
      },
    ],
    doesNotFire: [
      {
        name: 'age 50 (not over 50), no fragile bones',
        input: { trigger: 'minor_fall', age: 50, cannot_stand_or_walk: 'because_of_pain' },
        fires: ['injury_minor_fall', 'cannot_stand_due_to_pain'],
      },
      {
        name: 'age 51 but can stand and walk',
        input: { trigger: 'minor_fall', age: 51, cannot_stand_or_walk: 'no' },
        fires: ['fracture_risk_minor_fall', 'injury_minor_fall'],
      },
      {
        // The rule needs "because_of_pain" exactly; weak legs fire legs_weak_cannot_walk instead.
        name: 'age 51, legs weak or numb',
        input: { trigger: 'minor_fall', age: 51, cannot_stand_or_walk: 'legs_weak_or_numb' },
        fires: ['legs_weak_cannot_walk', 'fracture_risk_minor_fall', 'injury_minor_fall'],
      },
      {
        name: 'age 51, cannot stand because of pain, but lifting not a fall',
        input: { trigger: 'lifting', age: 51, cannot_stand_or_walk: 'because_of_pain' },
        fires: ['cannot_stand_due_to_pain'],
      },
    ],
  },
  chest_pain_or_breathlessness: {
    fires: [
      {
        name: 'chest pain',
        input: { chest_pain_or_breathlessness: true },
        fires: ['chest_pain_or_breathlessness'],
      },
      {
        // §3.3 "Upper back pain with chest pain".
        name: 'upper back pain with chest pain',
        input: { location: 'upper', chest_pain_or_breathlessness: true },
        fires: ['chest_pain_or_breathlessness'],
      },
    ],
    doesNotFire: [{ name: 'upper back pain alone', input: { location: 'upper' }, fires: none }],
  },
  aaa_suspected: {
    fires: [
      {
        name: 'pulsating, age 51, pain 7',
        input: { pulsating_abdominal_pain: true, age: 51, pain_score: 7 },
        fires: ['aaa_suspected', 'pulsating_abdomen'],
      },
      {
        name: 'pulsating, age 120, pain 10',
        input: { pulsating_abdominal_pain: true, age: 120, pain_score: 10 },
        fires: ['aaa_suspected', 'pulsating_abdomen'],
      },
    ],
    doesNotFire: [
      {
        name: 'age 50',
        input: { pulsating_abdominal_pain: true, age: 50, pain_score: 7 },
        fires: ['pulsating_abdomen'],
      },
      {
        name: 'pain 6',
        input: { pulsating_abdominal_pain: true, age: 51, pain_score: 6 },
        fires: ['pulsating_abdomen'],
      },
      {
        name: 'no pulsation',
        input: { pulsating_abdominal_pain: false, age: 51, pain_score: 7 },
        fires: none,
      },
    ],
  },
  cancer_with_nerve_symptoms: {
    // nerve_symptoms, once through each of its four parts.
    fires: [
      {
        name: 'cancer + pain below the knee (one leg)',
        input: { cancer_history: true, pain_below_knee: 'one_leg' },
        fires: ['cancer_with_nerve_symptoms', 'pain_below_knee_one_side', 'cancer_history_new_pain'],
      },
      {
        name: 'cancer + numbness (one leg)',
        input: { cancer_history: true, leg_numbness: 'one_leg' },
        fires: ['cancer_with_nerve_symptoms', 'leg_numbness_one_side', 'cancer_history_new_pain'],
      },
      {
        name: 'cancer + weakness (one leg)',
        input: { cancer_history: true, leg_weakness: 'one_leg' },
        fires: ['cancer_with_nerve_symptoms', 'leg_weakness_one_side', 'cancer_history_new_pain'],
      },
      {
        name: 'cancer + legs weak or numb',
        input: { cancer_history: true, cannot_stand_or_walk: 'legs_weak_or_numb' },
        fires: ['legs_weak_cannot_walk', 'cancer_with_nerve_symptoms', 'cancer_history_new_pain'],
      },
      {
        name: 'cancer + pain below the knee (both legs)',
        input: { cancer_history: true, pain_below_knee: 'both_legs' },
        fires: ['bilateral_leg_symptoms', 'cancer_with_nerve_symptoms', 'cancer_history_new_pain'],
      },
    ],
    doesNotFire: [
      { name: 'cancer alone', input: { cancer_history: true }, fires: ['cancer_history_new_pain'] },
      {
        // "because_of_pain" is not part of nerve_symptoms.
        name: 'cancer + cannot stand because of pain',
        input: { cancer_history: true, cannot_stand_or_walk: 'because_of_pain' },
        fires: ['cancer_history_new_pain', 'cannot_stand_due_to_pain'],
      },
      {
        name: 'pain below the knee without cancer',
        input: { pain_below_knee: 'one_leg' },
        fires: ['pain_below_knee_one_side'],
      },
    ],
  },
  infection_with_weakness: {
    fires: [
      {
        name: 'fever + weakness in one leg',
        input: { fever_or_unwell: true, leg_weakness: 'one_leg' },
        fires: ['infection_with_weakness', 'leg_weakness_one_side', 'fever_or_unwell'],
      },
      {
        name: 'fever + weakness in both legs',
        input: { fever_or_unwell: true, leg_weakness: 'both_legs' },
        fires: ['bilateral_leg_symptoms', 'infection_with_weakness', 'fever_or_unwell'],
      },
      {
        name: 'fever + legs weak or numb',
        input: { fever_or_unwell: true, cannot_stand_or_walk: 'legs_weak_or_numb' },
        fires: ['legs_weak_cannot_walk', 'infection_with_weakness', 'fever_or_unwell'],
      },
    ],
    doesNotFire: [
      {
        name: 'weakness without fever',
        input: { leg_weakness: 'one_leg' },
        fires: ['leg_weakness_one_side'],
      },
      {
        // Numbness is not weakness: only leg_weakness and cannot_stand_or_walk count here.
        name: 'fever + numbness in one leg',
        input: { fever_or_unwell: true, leg_numbness: 'one_leg' },
        fires: ['fever_or_unwell', 'leg_numbness_one_side'],
      },
      {
        name: 'fever + cannot stand because of pain',
        input: { fever_or_unwell: true, cannot_stand_or_walk: 'because_of_pain' },
        fires: ['fever_or_unwell', 'cannot_stand_due_to_pain'],
      },
    ],
  },
  leg_weakness_one_side: {
    fires: [{ name: 'one weak leg', input: { leg_weakness: 'one_leg' }, fires: ['leg_weakness_one_side'] }],
    doesNotFire: [
      { name: 'both legs weak', input: { leg_weakness: 'both_legs' }, fires: ['bilateral_leg_symptoms'] },
      { name: 'no weakness', input: { leg_weakness: 'none' }, fires: none },
    ],
  },
  fever_or_unwell: {
    fires: [{ name: 'fever', input: { fever_or_unwell: true }, fires: ['fever_or_unwell'] }],
    doesNotFire: [{ name: 'no fever', input: { fever_or_unwell: false }, fires: none }],
  },
  infection_risk_with_fever: {
    fires: [
      {
        name: 'fever + immunosuppression',
        input: { fever_or_unwell: true, immunosuppression_or_ivdu: true },
        fires: ['fever_or_unwell', 'infection_risk_with_fever'],
      },
    ],
    doesNotFire: [
      {
        name: 'immunosuppression without fever',
        input: { immunosuppression_or_ivdu: true },
        fires: ['infection_risk_no_fever'],
      },
    ],
  },
  unexplained_weight_loss: {
    fires: [{ name: 'weight loss', input: { weight_loss: true }, fires: ['unexplained_weight_loss'] }],
    doesNotFire: [{ name: 'no weight loss', input: { weight_loss: false }, fires: none }],
  },
  constant_progressive_pain: {
    fires: [
      {
        name: 'constant progressive pain',
        input: { constant_progressive_pain: true },
        fires: ['constant_progressive_pain'],
      },
    ],
    doesNotFire: [{ name: 'not constant', input: { constant_progressive_pain: false }, fires: none }],
  },
  cancer_with_suspicious_pain: {
    fires: [
      {
        name: 'cancer + upper back',
        input: { cancer_history: true, location: 'upper' },
        fires: ['cancer_with_suspicious_pain', 'cancer_history_new_pain'],
      },
      {
        name: 'cancer + middle back',
        input: { cancer_history: true, location: 'middle' },
        fires: ['cancer_with_suspicious_pain', 'cancer_history_new_pain'],
      },
      {
        name: 'cancer + night pain',
        input: { cancer_history: true, night_pain: true },
        fires: ['cancer_with_suspicious_pain', 'night_pain', 'cancer_history_new_pain'],
      },
      {
        name: 'cancer + constant progressive pain',
        input: { cancer_history: true, constant_progressive_pain: true },
        fires: ['constant_progressive_pain', 'cancer_with_suspicious_pain', 'cancer_history_new_pain'],
      },
      {
        name: 'cancer + weight loss',
        input: { cancer_history: true, weight_loss: true },
        fires: ['unexplained_weight_loss', 'cancer_with_suspicious_pain', 'cancer_history_new_pain'],
      },
    ],
    doesNotFire: [
      {
        // thoracic is upper/middle only.
        name: 'cancer + lower back',
        input: { cancer_history: true, location: 'lower' },
        fires: ['cancer_history_new_pain'],
      },
      { name: 'night pain without cancer', input: { night_pain: true }, fires: ['night_pain'] },
      { name: 'upper back without cancer', input: { location: 'upper' }, fires: none },
    ],
  },
  fracture_risk_minor_fall: {
    fires: [
      {
        name: 'minor fall, age 51, not improving',
        input: { trigger: 'minor_fall', age: 51 },
        fires: ['fracture_risk_minor_fall', 'injury_minor_fall'],
      },
      {
        name: 'minor fall, age 51, improving but pain 7',
        input: { trigger: 'minor_fall', age: 51, improving_since_onset: true, pain_score: 7 },
        fires: ['fracture_risk_minor_fall', 'injury_minor_fall'],
      },
      {
        name: 'minor fall, osteoporosis_or_steroids at 34, not improving',
        input: { trigger: 'minor_fall', osteoporosis_or_steroids: true },
        fires: ['fracture_risk_minor_fall', 'injury_minor_fall', 'fragile_bones_new_pain'],
      },
      {
        name: 'minor fall, "osteoporosis" in known_conditions at 34, not improving',
        input: { trigger: 'minor_fall', known_conditions: ['arthritis', 'osteoporosis'] },
        fires: ['fracture_risk_minor_fall', 'injury_minor_fall', 'fragile_bones_new_pain'],
      },
      {
        name: 'minor fall, fragile bones, improving but pain 7',
        input: {
          trigger: 'minor_fall',
          osteoporosis_or_steroids: true,
          improving_since_onset: true,
          pain_score: 7,
        },
        fires: [
          'fracture_risk_minor_fall',
          'fracture_risk_fragile_bones_severe_pain',
          'injury_minor_fall',
          'fragile_bones_new_pain',
        ],
      },
    ],
    doesNotFire: [
      {
        name: 'minor fall at age 50',
        input: { trigger: 'minor_fall', age: 50 },
        fires: ['injury_minor_fall'],
      },
      {
        // The 1.1.0 change: improving and pain below 7 leaves only injury_minor_fall (soon).
        name: 'minor fall, age 51, improving and pain 6 (1.1.0)',
        input: { trigger: 'minor_fall', age: 51, improving_since_onset: true, pain_score: 6 },
        fires: ['injury_minor_fall'],
      },
      {
        name: 'minor fall, fragile bones, improving and pain 6 (1.1.0)',
        input: {
          trigger: 'minor_fall',
          osteoporosis_or_steroids: true,
          improving_since_onset: true,
          pain_score: 6,
        },
        fires: ['injury_minor_fall', 'fragile_bones_new_pain'],
      },
      { name: 'age 51 lifting', input: { trigger: 'lifting', age: 51 }, fires: none },
    ],
  },
  fracture_risk_fragile_bones_severe_pain: {
    fires: [
      {
        name: 'osteoporosis_or_steroids, pain 7',
        input: { osteoporosis_or_steroids: true, pain_score: 7 },
        fires: ['fracture_risk_fragile_bones_severe_pain', 'fragile_bones_new_pain'],
      },
      {
        name: '"osteoporosis" in known_conditions, osteoporosis_or_steroids false, pain 7',
        input: { known_conditions: ['osteoporosis'], osteoporosis_or_steroids: false, pain_score: 7 },
        fires: ['fracture_risk_fragile_bones_severe_pain', 'fragile_bones_new_pain'],
      },
      {
        name: 'fragile bones, pain 10, no trigger',
        input: { osteoporosis_or_steroids: true, pain_score: 10, trigger: 'other' },
        fires: ['fracture_risk_fragile_bones_severe_pain', 'fragile_bones_new_pain'],
      },
    ],
    doesNotFire: [
      {
        name: 'fragile bones, pain 6',
        input: { osteoporosis_or_steroids: true, pain_score: 6 },
        fires: ['fragile_bones_new_pain'],
      },
      {
        name: 'fragile bones, pain 7, significant injury',
        input: { osteoporosis_or_steroids: true, pain_score: 7, trigger: 'significant_injury' },
        fires: ['major_trauma', 'fragile_bones_new_pain'],
      },
      { name: 'pain 7 without fragile bones', input: { pain_score: 7 }, fires: none },
    ],
  },
  pulsating_abdomen: {
    fires: [
      {
        name: 'pulsating tummy at 34, pain 6',
        input: { pulsating_abdominal_pain: true },
        fires: ['pulsating_abdomen'],
      },
      {
        // §3.4: a low pain score never suppresses a rule.
        name: 'pulsating tummy, pain 0',
        input: { pulsating_abdominal_pain: true, pain_score: 0 },
        fires: ['pulsating_abdomen'],
      },
    ],
    doesNotFire: [{ name: 'no pulsation', input: { pulsating_abdominal_pain: false }, fires: none }],
  },
  thoracic_pain_no_trigger_over_50: {
    fires: [
      {
        name: 'upper, no trigger, age 51',
        input: { location: 'upper', trigger: 'unknown', age: 51 },
        fires: ['thoracic_pain_no_trigger_over_50', 'thoracic_pain_no_trigger'],
      },
      {
        name: 'middle, no trigger, age 51',
        input: { location: 'middle', trigger: 'unknown', age: 51 },
        fires: ['thoracic_pain_no_trigger_over_50', 'thoracic_pain_no_trigger'],
      },
    ],
    doesNotFire: [
      {
        name: 'upper, no trigger, age 50',
        input: { location: 'upper', trigger: 'unknown', age: 50 },
        fires: ['thoracic_pain_no_trigger'],
      },
      {
        name: 'lower, no trigger, age 51',
        input: { location: 'lower', trigger: 'unknown', age: 51 },
        fires: none,
      },
      {
        name: 'upper, lifting, age 51',
        input: { location: 'upper', trigger: 'lifting', age: 51 },
        fires: none,
      },
    ],
  },
  vomiting: {
    fires: [{ name: 'vomiting', input: { vomiting: true }, fires: ['vomiting'] }],
    doesNotFire: [{ name: 'no vomiting', input: { vomiting: false }, fires: none }],
  },
  pain_below_knee_one_side: {
    fires: [
      {
        name: 'pain below one knee',
        input: { pain_below_knee: 'one_leg' },
        fires: ['pain_below_knee_one_side'],
      },
    ],
    doesNotFire: [
      {
        name: 'pain below both knees',
        input: { pain_below_knee: 'both_legs' },
        fires: ['bilateral_leg_symptoms'],
      },
      { name: 'no pain below the knee', input: { pain_below_knee: 'none' }, fires: none },
    ],
  },
  leg_numbness_one_side: {
    fires: [{ name: 'numb leg', input: { leg_numbness: 'one_leg' }, fires: ['leg_numbness_one_side'] }],
    doesNotFire: [
      { name: 'both legs numb', input: { leg_numbness: 'both_legs' }, fires: ['bilateral_leg_symptoms'] },
      { name: 'no numbness', input: { leg_numbness: 'none' }, fires: none },
    ],
  },
  injury_minor_fall: {
    fires: [{ name: 'minor fall at 34', input: { trigger: 'minor_fall' }, fires: ['injury_minor_fall'] }],
    doesNotFire: [
      { name: 'other trigger', input: { trigger: 'other' }, fires: none },
      { name: 'significant injury', input: { trigger: 'significant_injury' }, fires: ['major_trauma'] },
    ],
  },
  night_pain: {
    fires: [{ name: 'night pain', input: { night_pain: true }, fires: ['night_pain'] }],
    doesNotFire: [{ name: 'no night pain', input: { night_pain: false }, fires: none }],
  },
  cancer_history_new_pain: {
    fires: [{ name: 'cancer history', input: { cancer_history: true }, fires: ['cancer_history_new_pain'] }],
    doesNotFire: [{ name: 'no cancer history', input: { cancer_history: false }, fires: none }],
  },
  infection_risk_no_fever: {
    fires: [
      {
        name: 'immunosuppressed, no fever',
        input: { immunosuppression_or_ivdu: true },
        fires: ['infection_risk_no_fever'],
      },
    ],
    doesNotFire: [
      {
        name: 'immunosuppressed with fever',
        input: { immunosuppression_or_ivdu: true, fever_or_unwell: true },
        fires: ['fever_or_unwell', 'infection_risk_with_fever'],
      },
    ],
  },
  fragile_bones_new_pain: {
    // fragile_bones, both ways.
    fires: [
      {
        name: 'osteoporosis_or_steroids',
        input: { osteoporosis_or_steroids: true },
        fires: ['fragile_bones_new_pain'],
      },
      {
        name: '"osteoporosis" in known_conditions with osteoporosis_or_steroids false',
        input: { known_conditions: ['osteoporosis'], osteoporosis_or_steroids: false },
        fires: ['fragile_bones_new_pain'],
      },
      {
        name: '"osteoporosis" among other known conditions',
        input: { known_conditions: ['disc_herniation', 'spinal_stenosis', 'osteoporosis'] },
        fires: ['fragile_bones_new_pain'],
      },
      {
        name: 'both answers',
        input: { known_conditions: ['osteoporosis'], osteoporosis_or_steroids: true },
        fires: ['fragile_bones_new_pain'],
      },
    ],
    doesNotFire: [
      {
        // §7: the known_conditions other than osteoporosis do not escalate on their own.
        name: 'every known condition except osteoporosis',
        input: {
          known_conditions: [
            'disc_herniation',
            'spinal_stenosis',
            'degenerative_disc_disease',
            'arthritis',
            'spondylolisthesis',
          ],
        },
        fires: none,
      },
    ],
  },
  thoracic_pain_no_trigger: {
    fires: [
      {
        name: 'upper, no trigger',
        input: { location: 'upper', trigger: 'unknown' },
        fires: ['thoracic_pain_no_trigger'],
      },
      {
        name: 'middle, no trigger',
        input: { location: 'middle', trigger: 'unknown' },
        fires: ['thoracic_pain_no_trigger'],
      },
    ],
    doesNotFire: [
      { name: 'lower, no trigger', input: { location: 'lower', trigger: 'unknown' }, fires: none },
      { name: 'middle, lifting', input: { location: 'middle', trigger: 'lifting' }, fires: none },
      { name: 'upper, other trigger', input: { location: 'upper', trigger: 'other' }, fires: none },
    ],
  },
  cannot_stand_due_to_pain: {
    fires: [
      {
        name: 'cannot stand because of pain',
        input: { cannot_stand_or_walk: 'because_of_pain' },
        fires: ['cannot_stand_due_to_pain'],
      },
    ],
    doesNotFire: [
      {
        name: 'legs weak or numb',
        input: { cannot_stand_or_walk: 'legs_weak_or_numb' },
        fires: ['legs_weak_cannot_walk'],
      },
      { name: 'can stand', input: { cannot_stand_or_walk: 'no' }, fires: none },
    ],
  },
  not_improving_after_7_days: {
    fires: [
      { name: 'day 7, not improving', input: { days_since_onset: 7 }, fires: ['not_improving_after_7_days'] },
      { name: 'day 9 (Example 3)', input: { days_since_onset: 9 }, fires: ['not_improving_after_7_days'] },
      {
        name: 'day 43, not improving',
        input: { days_since_onset: 43 },
        fires: ['not_improving_after_7_days', 'pain_over_6_weeks'],
      },
    ],
    doesNotFire: [
      { name: 'day 6, not improving', input: { days_since_onset: 6 }, fires: none },
      { name: 'day 7, improving', input: { days_since_onset: 7, improving_since_onset: true }, fires: none },
    ],
  },
  pain_over_6_weeks: {
    fires: [
      {
        name: 'day 43, improving',
        input: { days_since_onset: 43, improving_since_onset: true },
        fires: ['pain_over_6_weeks'],
      },
      {
        name: 'day 3650, improving',
        input: { days_since_onset: 3650, improving_since_onset: true },
        fires: ['pain_over_6_weeks'],
      },
    ],
    doesNotFire: [
      {
        name: 'day 42, improving',
        input: { days_since_onset: 42, improving_since_onset: true },
        fires: none,
      },
      {
        name: 'day 42, not improving',
        input: { days_since_onset: 42 },
        fires: ['not_improving_after_7_days'],
      },
    ],
  },
  severe_pain_not_settling: {
    fires: [
      {
        name: 'pain 8, day 3, not improving',
        input: { pain_score: 8, days_since_onset: 3 },
        fires: ['severe_pain_not_settling'],
      },
      {
        name: 'pain 10, day 7, not improving',
        input: { pain_score: 10, days_since_onset: 7 },
        fires: ['not_improving_after_7_days', 'severe_pain_not_settling'],
      },
    ],
    doesNotFire: [
      { name: 'pain 7, day 3', input: { pain_score: 7, days_since_onset: 3 }, fires: none },
      { name: 'pain 8, day 2', input: { pain_score: 8, days_since_onset: 2 }, fires: none },
      {
        name: 'pain 8, day 3, improving',
        input: { pain_score: 8, days_since_onset: 3, improving_since_onset: true },
        fires: none,
      },
    ],
  },
  under_16: {
    fires: [
      { name: 'age 15', input: { age: 15 }, fires: ['under_16'] },
      { name: 'age 10', input: { age: 10 }, fires: ['under_16'] },
    ],
    doesNotFire: [{ name: 'age 16', input: { age: 16 }, fires: none }],
  },
  no_red_flags: {
    fires: [
      { name: 'Example 1', input: {}, fires: ['no_red_flags'] },
      {
        // Only mechanical features, at every non-escalating value.
        name: 'upper back, sport, age 50, day 6, pain 7, improving',
        input: {
          location: 'upper',
          trigger: 'sport_twisting',
          age: 50,
          days_since_onset: 6,
          pain_score: 7,
          improving_since_onset: true,
        },
        fires: ['no_red_flags'],
      },
    ],
    doesNotFire: [
      { name: 'any other rule fires', input: { night_pain: true }, fires: ['night_pain'] },
      { name: 'age 15', input: { age: 15 }, fires: ['under_16'] },
    ],
  },
};

/** Checks one case against the engine; also checks the hand-written expectation against the oracle. */
function check(c: Case): void {
  const input = makeAnswers(c.input);
  // Guards the test itself: the expectation must agree with the independent oracle of the table.
  expect(sorted(specFired(input)), 'test expectation disagrees with the spec oracle').toEqual(
    sorted(c.fires),
  );
  expect(sorted(fired(input))).toEqual(sorted(c.fires));
}

describe('every rule of the §3.3 table, firing and not firing', () => {
  it('has cases for exactly the 37 rules of the table', () => {
    expect(Object.keys(ruleCases).sort()).toEqual([...specRuleIds].sort());
    expect(specRuleIds).toHaveLength(37);
  });

  for (const [ruleId, cases] of Object.entries(ruleCases)) {
    describe(ruleId, () => {
      it('has at least one firing and one non-firing case, and they are labelled right', () => {
        expect(cases.fires.length).toBeGreaterThan(0);
        expect(cases.doesNotFire.length).toBeGreaterThan(0);
        for (const c of cases.fires) expect(c.fires).toContain(ruleId);
        for (const c of cases.doesNotFire) expect(c.fires).not.toContain(ruleId);
      });
      it.each(cases.fires.map((c) => [c.name, c] as const))('fires: %s', (_, c) => {
        check(c);
      });
      it.each(cases.doesNotFire.map((c) => [c.name, c] as const))('does not fire: %s', (_, c) => {
        check(c);
      });
    });
  }
});

describe('derived terms (§3.2)', () => {
  // over_50 is age >= 51: probed through each of the four rules that use it.
  it.each([
    [50, false],
    [51, true],
    [120, true],
    [16, false],
  ] as const)('over_50 at age %i is %s', (age, over) => {
    const viaAaa = fired(makeAnswers({ age, pulsating_abdominal_pain: true, pain_score: 7 }));
    const viaFall = fired(makeAnswers({ age, trigger: 'minor_fall' }));
    const viaFallStand = fired(
      makeAnswers({ age, trigger: 'minor_fall', cannot_stand_or_walk: 'because_of_pain' }),
    );
    const viaThoracic = fired(makeAnswers({ age, location: 'middle', trigger: 'unknown' }));
    expect(viaAaa.includes('aaa_suspected')).toBe(over);
    expect(viaFall.includes('fracture_risk_minor_fall')).toBe(over);
    expect(viaFallStand.includes('fall_cannot_stand_fragile')).toBe(over);
    expect(viaThoracic.includes('thoracic_pain_no_trigger_over_50')).toBe(over);
  });

  it.each<[string, Partial<Answers>, boolean]>([
    ['osteoporosis_or_steroids only', { osteoporosis_or_steroids: true }, true],
    ['"osteoporosis" in known_conditions only', { known_conditions: ['osteoporosis'] }, true],
    ['neither', { osteoporosis_or_steroids: false, known_conditions: ['arthritis'] }, false],
  ])('fragile_bones: %s', (_, overrides, fragile) => {
    const ids = fired(makeAnswers({ ...overrides, pain_score: 7, trigger: 'minor_fall' }));
    expect(ids.includes('fragile_bones_new_pain')).toBe(fragile);
    expect(ids.includes('fracture_risk_fragile_bones_severe_pain')).toBe(fragile);
    expect(ids.includes('fracture_risk_minor_fall')).toBe(fragile);
  });

  it.each(['pain_below_knee', 'leg_numbness', 'leg_weakness'] as const)(
    'any_both_legs through %s alone',
    (question) => {
      expect(fired(makeAnswers({ [question]: 'both_legs' }))).toContain('bilateral_leg_symptoms');
      expect(fired(makeAnswers({ [question]: 'one_leg' }))).not.toContain('bilateral_leg_symptoms');
    },
  );

  it.each([
    ['pain_below_knee one_leg', { pain_below_knee: 'one_leg' }],
    ['pain_below_knee both_legs', { pain_below_knee: 'both_legs' }],
    ['leg_numbness one_leg', { leg_numbness: 'one_leg' }],
    ['leg_numbness both_legs', { leg_numbness: 'both_legs' }],
    ['leg_weakness one_leg', { leg_weakness: 'one_leg' }],
    ['leg_weakness both_legs', { leg_weakness: 'both_legs' }],
    ['cannot_stand_or_walk legs_weak_or_numb', { cannot_stand_or_walk: 'legs_weak_or_numb' }],
  ] as const)('nerve_symptoms through %s', (_, overrides: Partial<Answers>) => {
    expect(fired(makeAnswers({ ...overrides, cancer_history: true }))).toContain(
      'cancer_with_nerve_symptoms',
    );
    expect(fired(makeAnswers({ ...overrides, cancer_history: false }))).not.toContain(
      'cancer_with_nerve_symptoms',
    );
  });

  it.each([
    ['upper', true],
    ['middle', true],
    ['lower', false],
  ] as const)('thoracic for location %s is %s', (location, isThoracic) => {
    const ids = fired(makeAnswers({ location, trigger: 'unknown', age: 51, cancer_history: true }));
    expect(ids.includes('thoracic_pain_no_trigger')).toBe(isThoracic);
    expect(ids.includes('thoracic_pain_no_trigger_over_50')).toBe(isThoracic);
    expect(ids.includes('cancer_with_suspicious_pain')).toBe(isThoracic);
  });
});

describe('every boundary of the implementation notes', () => {
  it.each([
    [15, true],
    [16, false],
  ] as const)('age %i: under_16 is %s', (age, fires) => {
    expect(fired(makeAnswers({ age })).includes('under_16')).toBe(fires);
  });

  it.each([
    [6, false],
    [7, true],
  ] as const)('day %i: not_improving_after_7_days is %s', (days, fires) => {
    expect(fired(makeAnswers({ days_since_onset: days })).includes('not_improving_after_7_days')).toBe(fires);
  });

  it.each([
    [2, false],
    [3, true],
  ] as const)('day %i with pain 8, not improving: severe_pain_not_settling is %s', (days, fires) => {
    const ids = fired(makeAnswers({ days_since_onset: days, pain_score: 8 }));
    expect(ids.includes('severe_pain_not_settling')).toBe(fires);
  });

  it.each([
    [42, false],
    [43, true],
  ] as const)('day %i: pain_over_6_weeks is %s', (days, fires) => {
    const ids = fired(makeAnswers({ days_since_onset: days, improving_since_onset: true }));
    expect(ids).toEqual(fires ? ['pain_over_6_weeks'] : ['no_red_flags']);
  });

  it.each([
    [6, false],
    [7, true],
  ] as const)('pain %i: the three "pain >= 7" rules fire = %s', (pain, fires) => {
    const aaa = fired(makeAnswers({ pain_score: pain, pulsating_abdominal_pain: true, age: 51 }));
    const fragile = fired(makeAnswers({ pain_score: pain, osteoporosis_or_steroids: true }));
    const fall = fired(
      makeAnswers({ pain_score: pain, trigger: 'minor_fall', age: 51, improving_since_onset: true }),
    );
    expect(aaa.includes('aaa_suspected')).toBe(fires);
    expect(fragile.includes('fracture_risk_fragile_bones_severe_pain')).toBe(fires);
    expect(fall.includes('fracture_risk_minor_fall')).toBe(fires);
  });

  it.each([
    [7, false],
    [8, true],
  ] as const)('pain %i, day 3, not improving: severe_pain_not_settling is %s', (pain, fires) => {
    const ids = fired(makeAnswers({ pain_score: pain, days_since_onset: 3 }));
    expect(ids).toEqual(fires ? ['severe_pain_not_settling'] : ['no_red_flags']);
  });

  it.each([
    [50, false],
    [51, true],
  ] as const)('age %i: fall_cannot_stand_fragile is %s', (age, fires) => {
    const ids = fired(makeAnswers({ age, trigger: 'minor_fall', cannot_stand_or_walk: 'because_of_pain' }));
    expect(ids.includes('fall_cannot_stand_fragile')).toBe(fires);
  });
});

describe('the 1.1.0 change', () => {
  it('an older person improving after a small fall with pain below 7 is soon, not urgent', () => {
    const result = triage(
      makeAnswers({ age: 70, trigger: 'minor_fall', improving_since_onset: true, pain_score: 6 }),
    );
    expect(result).toMatchObject({ disposition: 'soon' });
    expect(
      fired(makeAnswers({ age: 70, trigger: 'minor_fall', improving_since_onset: true, pain_score: 6 })),
    ).toEqual(['injury_minor_fall']);
  });

  it.each([
    ['not improving', { improving_since_onset: false, pain_score: 6 }],
    ['improving, pain 7', { improving_since_onset: true, pain_score: 7 }],
  ] as const)('fracture_risk_minor_fall still fires when %s', (_, overrides: Partial<Answers>) => {
    const input = makeAnswers({ age: 70, trigger: 'minor_fall', ...overrides });
    expect(triage(input)).toMatchObject({ disposition: 'urgent' });
    expect(fired(input)).toContain('fracture_risk_minor_fall');
  });

  it('fall_cannot_stand_fragile exists and makes a fall with inability to stand an emergency', () => {
    const input = makeAnswers({
      age: 70,
      trigger: 'minor_fall',
      improving_since_onset: true,
      pain_score: 3,
      cannot_stand_or_walk: 'because_of_pain',
    });
    expect(triage(input)).toMatchObject({ disposition: 'emergency' });
    expect(fired(input)[0]).toBe('fall_cannot_stand_fragile');
  });
});

describe('§3.4 valid but contradictory answers are neither rejected nor reconciled', () => {
  it('leg_weakness "none" with cannot_stand_or_walk "legs_weak_or_numb": legs_weak_cannot_walk fires', () => {
    const input = makeAnswers({ leg_weakness: 'none', cannot_stand_or_walk: 'legs_weak_or_numb' });
    expect(fired(input)).toEqual(['legs_weak_cannot_walk']);
    expect(triage(input)).toMatchObject({ disposition: 'emergency' });
  });

  it('"osteoporosis" in known_conditions with osteoporosis_or_steroids false: fragile_bones is true', () => {
    const input = makeAnswers({ known_conditions: ['osteoporosis'], osteoporosis_or_steroids: false });
    expect(fired(input)).toEqual(['fragile_bones_new_pain']);
  });

  it('improving_since_onset true with constant_progressive_pain true: constant_progressive_pain fires', () => {
    const input = makeAnswers({ improving_since_onset: true, constant_progressive_pain: true });
    expect(fired(input)).toEqual(['constant_progressive_pain']);
    expect(triage(input)).toMatchObject({ disposition: 'urgent' });
  });

  it('days_since_onset 0 with improving_since_onset true: accepted', () => {
    const result = triage(makeAnswers({ days_since_onset: 0, improving_since_onset: true }));
    expect(result).not.toHaveProperty('error');
    expect(result).toMatchObject({ disposition: 'self_care', reasons: [{ rule: 'no_red_flags' }] });
  });

  // A low pain score never suppresses a rule: pain 0 with one red flag from each severity.
  it.each([
    [{ saddle_numbness: true }, 'ces_saddle_numbness'],
    [{ chest_pain_or_breathlessness: true }, 'chest_pain_or_breathlessness'],
    [{ trigger: 'significant_injury' }, 'major_trauma'],
    [{ fever_or_unwell: true }, 'fever_or_unwell'],
    [{ trigger: 'minor_fall', age: 70 }, 'fracture_risk_minor_fall'],
    [{ vomiting: true }, 'vomiting'],
    [{ night_pain: true }, 'night_pain'],
    [{ osteoporosis_or_steroids: true }, 'fragile_bones_new_pain'],
  ] as const)('pain 0 with %o still fires %s', (overrides: Partial<Answers>, rule) => {
    expect(fired(makeAnswers({ ...overrides, pain_score: 0 }))).toContain(rule);
  });
});

describe('§3.3 combinations required by the brief', () => {
  it('fever + immunosuppression escalates to infection_with_weakness with leg weakness', () => {
    const input = makeAnswers({
      fever_or_unwell: true,
      immunosuppression_or_ivdu: true,
      leg_weakness: 'one_leg',
    });
    expect(fired(input)).toEqual([
      'infection_with_weakness',
      'leg_weakness_one_side',
      'fever_or_unwell',
      'infection_risk_with_fever',
    ]);
  });

  it('cancer history escalates soon → urgent → emergency', () => {
    expect(triage(makeAnswers({ cancer_history: true }))).toMatchObject({ disposition: 'soon' });
    expect(triage(makeAnswers({ cancer_history: true, night_pain: true }))).toMatchObject({
      disposition: 'urgent',
    });
    expect(
      triage(makeAnswers({ cancer_history: true, night_pain: true, leg_numbness: 'one_leg' })),
    ).toMatchObject({
      disposition: 'emergency',
    });
  });

  it('all rules that fire are returned together (no short-circuit)', () => {
    const input = makeAnswers({
      saddle_numbness: true,
      bladder_problems: true,
      bowel_incontinence: true,
      sexual_dysfunction: true,
      vomiting: true,
      night_pain: true,
      age: 15,
    });
    expect(fired(input)).toEqual([
      'ces_saddle_numbness',
      'ces_bladder_change',
      'ces_bowel_incontinence',
      'ces_sexual_dysfunction',
      'vomiting',
      'night_pain',
      'under_16',
    ]);
  });
});
