/**
 * Test-only helpers for the triage tests: a factory for complete answers, fast-check arbitraries,
 * and an independent copy of the triage.md §3.3 table and §6 emit-as strings (copied from the
 * spec, not from rules.ts, so the tests do not trust the implementation; spec.test.ts checks this
 * copy against triage.md itself). Also a hand-written oracle of every "fires when" column.
 */
import fc from 'fast-check';
import { exampleAnswers } from './examples.ts';
import type { Answers, Disposition, KnownCondition, Location, Side, StandWalk, Trigger } from './index.ts';

// ---------------------------------------------------------------------------------------------
// Factory
// ---------------------------------------------------------------------------------------------

/** triage.md §4 Example 1: mechanical spasm with no flags (self_care). */
export const example1: Readonly<Answers> = exampleAnswers;

/** A fresh, complete answer set: Example 1 with the given answers changed. */
export function makeAnswers(overrides: Partial<Answers> = {}): Answers {
  return { ...example1, known_conditions: [...example1.known_conditions], ...overrides };
}

// ---------------------------------------------------------------------------------------------
// The spec's own data (triage.md §2, §3.3, §6), copied verbatim
// ---------------------------------------------------------------------------------------------

/** Question ids in §2 order. */
export const specQuestionIds = [
  'age',
  'days_since_onset',
  'location',
  'trigger',
  'pain_score',
  'pain_below_knee',
  'leg_numbness',
  'leg_weakness',
  'saddle_numbness',
  'bladder_problems',
  'bowel_incontinence',
  'sexual_dysfunction',
  'fever_or_unwell',
  'weight_loss',
  'cancer_history',
  'immunosuppression_or_ivdu',
  'osteoporosis_or_steroids',
  'night_pain',
  'vomiting',
  'constant_progressive_pain',
  'cannot_stand_or_walk',
  'chest_pain_or_breathlessness',
  'pulsating_abdominal_pain',
  'improving_since_onset',
  'known_conditions',
] as const satisfies readonly (keyof Answers)[];

export const booleanQuestionIds = [
  'saddle_numbness',
  'bladder_problems',
  'bowel_incontinence',
  'sexual_dysfunction',
  'fever_or_unwell',
  'weight_loss',
  'cancer_history',
  'immunosuppression_or_ivdu',
  'osteoporosis_or_steroids',
  'night_pain',
  'vomiting',
  'constant_progressive_pain',
  'chest_pain_or_breathlessness',
  'pulsating_abdominal_pain',
  'improving_since_onset',
] as const satisfies readonly (keyof Answers)[];
export type BooleanQuestionId = (typeof booleanQuestionIds)[number];

export const integerRanges = {
  age: { min: 10, max: 120 },
  days_since_onset: { min: 0, max: 3650 },
  pain_score: { min: 0, max: 10 },
} as const;
export type IntegerQuestionId = keyof typeof integerRanges;

export const locations: readonly Location[] = ['upper', 'middle', 'lower'];
export const triggers: readonly Trigger[] = [
  'lifting',
  'sudden_movement',
  'sport_twisting',
  'prolonged_sitting',
  'minor_fall',
  'significant_injury',
  'other',
  'unknown',
];
export const sides: readonly Side[] = ['none', 'one_leg', 'both_legs'];
export const standWalk: readonly StandWalk[] = ['no', 'because_of_pain', 'legs_weak_or_numb'];
/** known_conditions values other than the exclusive "none". */
export const conditionsWithoutNone: readonly Exclude<KnownCondition, 'none'>[] = [
  'disc_herniation',
  'spinal_stenosis',
  'degenerative_disc_disease',
  'arthritis',
  'spondylolisthesis',
  'osteoporosis',
];

export const enumOptions = {
  location: locations,
  trigger: triggers,
  pain_below_knee: sides,
  leg_numbness: sides,
  leg_weakness: sides,
  cannot_stand_or_walk: standWalk,
} as const;
export type EnumQuestionId = keyof typeof enumOptions;

/** §1 severity order. */
export const specSeverity: Readonly<Record<Disposition, number>> = {
  emergency: 3,
  urgent: 2,
  soon: 1,
  self_care: 0,
};

export interface SpecRuleRow {
  id: string;
  disposition: Disposition;
  text: string;
  refs: readonly string[];
}

/** §3.3, all 37 rows in table order (text and refs verbatim). */
export const specRuleTable: readonly SpecRuleRow[] = [
  {
    id: 'ces_saddle_numbness',
    disposition: 'emergency',
    text: 'You have new numbness or altered feeling around your genitals, bottom or inner thighs. With back pain, this can mean the nerves at the base of the spine are being squeezed (cauda equina syndrome). That needs emergency treatment to prevent permanent damage.',
    refs: ['CES-CARD', 'NHS-BACK', 'GIRFT-CES', 'RD-SERIOUS'],
  },
  {
    id: 'ces_bladder_change',
    disposition: 'emergency',
    text: 'You have a new change in how your bladder works. With back pain, this can be an early sign of cauda equina syndrome and must be checked in hospital straight away.',
    refs: ['CES-CARD', 'CES-ROYALFREE', 'NHS-BACK', 'GIRFT-CES'],
  },
  {
    id: 'ces_bowel_incontinence',
    disposition: 'emergency',
    text: 'You have new loss of bowel control. With back pain, this can be a sign of cauda equina syndrome and needs emergency assessment.',
    refs: ['SEED-000', 'CES-CARD', 'NHS-BACK', 'GCARE-REDFLAGS'],
  },
  {
    id: 'ces_sexual_dysfunction',
    disposition: 'emergency',
    text: 'You have a new change in sexual function or genital feeling since the back pain began. This is one of the warning signs of cauda equina syndrome and needs emergency assessment.',
    refs: ['CES-CARD', 'CES-ROYALFREE', 'RD-SERIOUS'],
  },
  {
    id: 'bilateral_leg_symptoms',
    disposition: 'emergency',
    text: 'You have pain, numbness or weakness in both legs. When back pain affects both legs, the nerves at the base of the spine may be under pressure. You need to be checked in an emergency department now, before bladder or bowel problems develop.',
    refs: ['NHS-BACK', 'NHS-SCIATICA', 'RD-SERIOUS'],
  },
  {
    id: 'legs_weak_cannot_walk',
    disposition: 'emergency',
    text: 'You cannot stand or walk properly because your legs feel weak or numb or give way. That points to a nerve problem rather than just pain, and needs emergency assessment.',
    refs: ['GCARE-REDFLAGS', 'NHS-BACK', 'RD-SERIOUS'],
  },
  {
    id: 'major_trauma',
    disposition: 'emergency',
    text: 'Your back pain started after a serious accident or significant injury. A hospital team needs to rule out a broken bone in the spine, even if you can still walk. Move as little as possible while you wait for help.',
    refs: ['NHS-BACK', 'SEED-000', 'GCARE-REDFLAGS'],
  },
  {
    id: 'fall_cannot_stand_fragile',
    disposition: 'emergency',
    text: 'You cannot stand or walk since a fall, and at your age or with thin bones even a small fall can break a bone in the spine or the hip. Call emergency services and do not try to walk on it.',
    refs: ['NT-LBP', 'GCARE-REDFLAGS', 'RD-SERIOUS'],
  },
  {
    id: 'chest_pain_or_breathlessness',
    disposition: 'emergency',
    text: "Back pain together with chest pain, chest tightness or breathlessness can come from the heart, the lungs or the body's main artery rather than from the back muscles. Call emergency services now.",
    refs: ['NHS-BACK', 'NZ-HEART', 'HSE-DISSECTION'],
  },
  {
    id: 'aaa_suspected',
    disposition: 'emergency',
    text: 'Severe back or tummy pain with a pulsing feeling in the tummy can, at your age, be a sign of a swollen or leaking main artery (abdominal aortic aneurysm). This can be life-threatening. Call emergency services now.',
    refs: ['NI-AAA'],
  },
  {
    id: 'cancer_with_nerve_symptoms',
    disposition: 'emergency',
    text: "You have had cancer, and now have back pain together with leg pain, numbness, weakness or trouble walking. Cancer can occasionally spread to the spine and press on nerves. This needs emergency assessment today, through your cancer team's emergency line or the emergency department.",
    refs: ['NICE-CG75', 'NICE-NG234', 'RD-LOTHIAN'],
  },
  {
    id: 'infection_with_weakness',
    disposition: 'emergency',
    text: 'You have a fever or feel unwell, and you also have leg weakness. A spinal infection pressing on nerves must be ruled out in hospital straight away.',
    refs: ['GCARE-REDFLAGS', 'BMC-INFECTION', 'NHS-BACK'],
  },
  {
    id: 'leg_weakness_one_side',
    disposition: 'urgent',
    text: 'You have new weakness in one leg, such as a dropping or slapping foot or a knee that gives way. A doctor should examine you today, because a trapped nerve that causes weakness may need quick treatment.',
    refs: ['RD-LOTHIAN', 'RD-SERIOUS', 'CKS-SCIATICA'],
  },
  {
    id: 'fever_or_unwell',
    disposition: 'urgent',
    text: 'Back pain with a fever, shivers or feeling generally unwell can be caused by an infection, for example of the kidney or the spine. See a doctor today.',
    refs: ['NHS-BACK', 'GCARE-REDFLAGS', 'NT-LBP'],
  },
  {
    id: 'infection_risk_with_fever',
    disposition: 'urgent',
    text: 'A fever together with a weakened immune system or injecting drug use makes an infection in or near the spine more likely. You need a medical assessment today. Go to the emergency department if you cannot be seen today or you feel worse.',
    refs: ['GCARE-REDFLAGS', 'BMC-INFECTION', 'AHCPR-TABLE'],
  },
  {
    id: 'unexplained_weight_loss',
    disposition: 'urgent',
    text: 'Losing weight without trying, together with back pain, should be checked by a doctor promptly to rule out a more general illness. Ask for an appointment today.',
    refs: ['NHS-BACK', 'GCARE-REDFLAGS'],
  },
  {
    id: 'constant_progressive_pain',
    disposition: 'urgent',
    text: 'Pain that is there all the time, is not eased by rest or changing position, and keeps getting worse is not typical of a muscle spasm. A doctor should see you today.',
    refs: ['NHS-BACK', 'NICE-CG75', 'RCEM-REDFLAGS'],
  },
  {
    id: 'cancer_with_suspicious_pain',
    disposition: 'urgent',
    text: 'You have had cancer, and your pain has a feature that doctors check for spread to the spine: upper or middle back pain, pain that stops you sleeping, constant worsening pain, or weight loss. Contact your GP or your cancer team today.',
    refs: ['NICE-CG75', 'NICE-NG234'],
  },
  {
    id: 'fracture_risk_minor_fall',
    disposition: 'urgent',
    text: 'Even a small fall or knock can break a bone in the spine if you are over 50, have osteoporosis or have taken steroid tablets for a long time. See a doctor today so they can decide whether you need an X-ray.',
    refs: ['GCARE-REDFLAGS', 'AHCPR-TABLE', 'NT-LBP', 'RD-SERIOUS'],
  },
  {
    id: 'fracture_risk_fragile_bones_severe_pain',
    disposition: 'urgent',
    text: 'Sudden severe back pain in someone with thin bones (osteoporosis or long-term steroid tablets) can come from a small fracture of a spinal bone, even without a fall: lifting, coughing or bending can be enough. See a doctor today.',
    refs: ['AHCPR-TABLE', 'RD-SERIOUS', 'GCARE-REDFLAGS', 'SEED-003'],
  },
  {
    id: 'pulsating_abdomen',
    disposition: 'urgent',
    text: 'A pulsing feeling in the tummy with back or tummy pain should be checked quickly for a swelling of the main artery (aneurysm). See a doctor today. If the pain becomes sudden and severe, or you feel faint, call emergency services.',
    refs: ['NI-AAA'],
  },
  {
    id: 'thoracic_pain_no_trigger_over_50',
    disposition: 'urgent',
    text: 'Pain in the upper or middle back that started without any strain, in someone over 50, is less often muscular. It can come from the heart, lungs, internal organs or bone. See a doctor today, and call emergency services if chest pain or breathlessness starts.',
    refs: ['NHS-BACK', 'RCEM-REDFLAGS', 'NICE-CG75'],
  },
  {
    id: 'vomiting',
    disposition: 'urgent',
    text: 'Vomiting is not part of an ordinary back spasm. Together with back pain, it can point to a kidney problem or another internal cause. See a doctor today.',
    refs: ['SEED-000'],
  },
  {
    id: 'pain_below_knee_one_side',
    disposition: 'soon',
    text: 'Pain that travels below the knee suggests an irritated nerve (sciatica). It is usually not dangerous and often settles, but a GP or physiotherapist should assess you in the next few days.',
    refs: ['SEED-000', 'NHS-SCIATICA'],
  },
  {
    id: 'leg_numbness_one_side',
    disposition: 'soon',
    text: 'Numbness or pins and needles in one leg suggests that a nerve is involved. Book an assessment with a GP or physiotherapist in the next few days.',
    refs: ['SEED-000', 'NHS-SCIATICA'],
  },
  {
    id: 'injury_minor_fall',
    disposition: 'soon',
    text: 'Your pain started after a fall or a knock. A clinician should check you in the next few days.',
    refs: ['SEED-000'],
  },
  {
    id: 'night_pain',
    disposition: 'soon',
    text: 'Pain bad enough to stop you sleeping should be reviewed by a doctor in the next few days, to look for the cause and to help you get the pain under control.',
    refs: ['SEED-000', 'NHS-BACK', 'NT-LBP'],
  },
  {
    id: 'cancer_history_new_pain',
    disposition: 'soon',
    text: 'Because you have had cancer in the past, a doctor should check new back pain within the next few days, even though most back pain is not serious.',
    refs: ['CKS-SCIATICA', 'NICE-NG234', 'GCARE-REDFLAGS'],
  },
  {
    id: 'infection_risk_no_fever',
    disposition: 'soon',
    text: 'A weakened immune system, or injecting drugs now or in the past, slightly raises the risk of a spinal infection. Have the pain checked by a doctor in the next few days, and sooner if you get a fever.',
    refs: ['GCARE-REDFLAGS', 'BMC-INFECTION'],
  },
  {
    id: 'fragile_bones_new_pain',
    disposition: 'soon',
    text: "You have osteoporosis or have taken steroid tablets long-term, so new back pain could come from a small fracture. Book a doctor's appointment in the next few days.",
    refs: ['GCARE-REDFLAGS', 'NT-LBP'],
  },
  {
    id: 'thoracic_pain_no_trigger',
    disposition: 'soon',
    text: 'Upper or middle back pain that came on without an obvious strain should be checked by a doctor in the next few days.',
    refs: ['NHS-BACK', 'RCEM-REDFLAGS'],
  },
  {
    id: 'cannot_stand_due_to_pain',
    disposition: 'soon',
    text: 'You cannot stand or walk because of the pain. Your legs seem to be working, which is reassuring, but a doctor can help with stronger pain relief, so book an appointment in the next few days. If your legs become weak or numb, call emergency services.',
    refs: ['SEED-000', 'NHS-BACK'],
  },
  {
    id: 'not_improving_after_7_days',
    disposition: 'soon',
    text: 'Your back pain has not improved after a week. Book an appointment with a GP or physiotherapist.',
    refs: ['SEED-003'],
  },
  {
    id: 'pain_over_6_weeks',
    disposition: 'soon',
    text: 'Your back pain has lasted more than six weeks. Book a review with a GP or physiotherapist to plan further treatment.',
    refs: ['NICE-NG59', 'GCARE-REDFLAGS'],
  },
  {
    id: 'severe_pain_not_settling',
    disposition: 'soon',
    text: 'Your pain is still severe after several days and is not getting better. See a GP in the next few days to review your pain relief.',
    refs: ['SEED-003', 'NHS-BACK'],
  },
  {
    id: 'under_16',
    disposition: 'soon',
    text: 'This tool is designed for adults. A doctor should check back pain in children and young teenagers within the next few days.',
    refs: ['NICE-NG59', 'PAEDS-GUIDE'],
  },
  {
    id: 'no_red_flags',
    disposition: 'self_care',
    text: 'None of the warning signs we ask about are present. Most back spasms like this settle within days to a few weeks with gentle activity and simple pain relief.',
    refs: ['NICE-NG59', 'SEED-000', 'SEED-003'],
  },
];

export const specRuleIds: readonly string[] = specRuleTable.map((r) => r.id);

/** §6: each reference and the exact string a result emits for it. */
export const specEmitAs: Readonly<Record<string, string>> = {
  'SEED-000': '000_2f3779810b56e61f.txt',
  'SEED-001': '001_bd30bd02c355b2a0.txt',
  'SEED-003': '003_e4685ed4c058ddb9.txt',
  'NICE-NG59': 'https://www.nice.org.uk/guidance/ng59/chapter/Recommendations',
  'NICE-CG75': 'https://www.nice.org.uk/guidance/cg75/chapter/Key-priorities-for-implementation',
  'NICE-NG234': 'https://www.nice.org.uk/guidance/ng234/chapter/Recommendations',
  'CKS-SCIATICA':
    'http://www.cks.nhs.uk/sciatica_lumbar_radiculopathy/management/scenario_diagnosis/assessing_for_serious_risks_red_flags/interpreting_red_flags',
  'GCARE-REDFLAGS': 'https://g-care.glos.nhs.uk/pathway/71/resource/3',
  'NHS-BACK': 'https://www.nhs.uk/conditions/back-pain/',
  'NHS-SCIATICA': 'https://www.nhs.uk/conditions/sciatica/',
  'CES-CARD': 'https://www.backes.org.uk/cauda-equina-warning-signs/',
  'CES-ROYALFREE':
    'https://royalfree.nhs.uk/patients-and-visitors/patient-information-leaflets/cauda-equina-syndrome',
  'GIRFT-CES':
    'https://gettingitrightfirsttime.co.uk/pathway-supports-clinicians-to-diagnose-and-treat-cauda-equina-syndrome-without-delay/',
  'RD-SERIOUS':
    'https://rightdecisions.scot.nhs.uk/msk-pathways/spine-pathways/lumbar-spine-pathways/supporting-information-on-relevant-conditions/serious-lumbar-spine-conditions',
  'RD-LOTHIAN':
    'https://rightdecisions.scot.nhs.uk/msk-pathways/spine-pathways/lumbar-spine-pathways/sub-pages-hidden/primary-care-clinician-within-nhs-lothian-lumbar-spine-red-flags',
  'NI-AAA': 'https://nidirect.gov.uk/node/10429',
  'HSE-DISSECTION': 'https://www2.hse.ie/conditions/aortic-dissection/symptoms-of-aortic-dissection',
  'NZ-HEART':
    'https://www.health.govt.nz/your-health/conditions-and-treatments/diseases-and-illnesses/heart-disease/heart-attack',
  'NT-LBP':
    'https://www.northerntrust.hscni.net/services/physiotherapy-services/physiotherapy-service-outpatient-service/low-back-pain/',
  'AHCPR-TABLE': 'http://www.ncbi.nlm.nih.gov/books/NBK52120/table/A34364/',
  'BMC-INFECTION': 'https://bmcmusculoskeletdisord.biomedcentral.com/articles/10.1186/s12891-019-2949-6',
  'RCEM-REDFLAGS':
    'https://www.rcemlearning.co.uk/modules/acute-lower-back-pain/lessons/red-flag-symptoms-2/',
  'PAEDS-GUIDE': 'https://www.mdpi.com/2227-9067/9/2/192',
};

/** The exact `sources` array §3.3 + §6 require for a rule. */
export function specSources(ruleId: string): string[] {
  const row = specRuleTable.find((r) => r.id === ruleId);
  if (!row) throw new Error(`no rule ${ruleId} in the spec table`);
  return row.refs.map((ref) => {
    const emit = specEmitAs[ref];
    if (emit === undefined) throw new Error(`no emit-as string for ${ref}`);
    return emit;
  });
}

/** The full §4 reason object the spec requires for a rule. */
export function specReason(ruleId: string): {
  rule: string;
  disposition: Disposition;
  text: string;
  sources: string[];
} {
  const row = specRuleTable.find((r) => r.id === ruleId);
  if (!row) throw new Error(`no rule ${ruleId} in the spec table`);
  return { rule: row.id, disposition: row.disposition, text: row.text, sources: specSources(ruleId) };
}

// ---------------------------------------------------------------------------------------------
// Oracle: the "fires when" column of §3.3 and the derived terms of §3.2, hand-written
// ---------------------------------------------------------------------------------------------

export const over50 = (a: Answers): boolean => a.age >= 51;
export const fragileBones = (a: Answers): boolean =>
  a.osteoporosis_or_steroids || a.known_conditions.includes('osteoporosis');
export const anyBothLegs = (a: Answers): boolean =>
  a.pain_below_knee === 'both_legs' || a.leg_numbness === 'both_legs' || a.leg_weakness === 'both_legs';
export const nerveSymptoms = (a: Answers): boolean =>
  a.pain_below_knee !== 'none' ||
  a.leg_numbness !== 'none' ||
  a.leg_weakness !== 'none' ||
  a.cannot_stand_or_walk === 'legs_weak_or_numb';
export const thoracic = (a: Answers): boolean => a.location === 'upper' || a.location === 'middle';

/** One predicate per rule except the default, in table order. */
export const specPredicates: readonly (readonly [string, (a: Answers) => boolean])[] = [
  ['ces_saddle_numbness', (a) => a.saddle_numbness],
  ['ces_bladder_change', (a) => a.bladder_problems],
  ['ces_bowel_incontinence', (a) => a.bowel_incontinence],
  ['ces_sexual_dysfunction', (a) => a.sexual_dysfunction],
  ['bilateral_leg_symptoms', anyBothLegs],
  ['legs_weak_cannot_walk', (a) => a.cannot_stand_or_walk === 'legs_weak_or_numb'],
  ['major_trauma', (a) => a.trigger === 'significant_injury'],
  [
    'fall_cannot_stand_fragile',
    (a) =>
      a.trigger === 'minor_fall' &&
      (fragileBones(a) || over50(a)) &&
      a.cannot_stand_or_walk === 'because_of_pain',
  ],
  ['chest_pain_or_breathlessness', (a) => a.chest_pain_or_breathlessness],
  ['aaa_suspected', (a) => a.pulsating_abdominal_pain && over50(a) && a.pain_score >= 7],
  ['cancer_with_nerve_symptoms', (a) => a.cancer_history && nerveSymptoms(a)],
  [
    'infection_with_weakness',
    (a) => a.fever_or_unwell && (a.leg_weakness !== 'none' || a.cannot_stand_or_walk === 'legs_weak_or_numb'),
  ],
  ['leg_weakness_one_side', (a) => a.leg_weakness === 'one_leg'],
  ['fever_or_unwell', (a) => a.fever_or_unwell],
  ['infection_risk_with_fever', (a) => a.fever_or_unwell && a.immunosuppression_or_ivdu],
  ['unexplained_weight_loss', (a) => a.weight_loss],
  ['constant_progressive_pain', (a) => a.constant_progressive_pain],
  [
    'cancer_with_suspicious_pain',
    (a) => a.cancer_history && (thoracic(a) || a.night_pain || a.constant_progressive_pain || a.weight_loss),
  ],
  [
    'fracture_risk_minor_fall',
    (a) =>
      a.trigger === 'minor_fall' &&
      (fragileBones(a) || over50(a)) &&
      (!a.improving_since_onset || a.pain_score >= 7),
  ],
  [
    'fracture_risk_fragile_bones_severe_pain',
    (a) => fragileBones(a) && a.pain_score >= 7 && a.trigger !== 'significant_injury',
  ],
  ['pulsating_abdomen', (a) => a.pulsating_abdominal_pain],
  ['thoracic_pain_no_trigger_over_50', (a) => thoracic(a) && a.trigger === 'unknown' && over50(a)],
  ['vomiting', (a) => a.vomiting],
  ['pain_below_knee_one_side', (a) => a.pain_below_knee === 'one_leg'],
  ['leg_numbness_one_side', (a) => a.leg_numbness === 'one_leg'],
  ['injury_minor_fall', (a) => a.trigger === 'minor_fall'],
  ['night_pain', (a) => a.night_pain],
  ['cancer_history_new_pain', (a) => a.cancer_history],
  ['infection_risk_no_fever', (a) => a.immunosuppression_or_ivdu && !a.fever_or_unwell],
  ['fragile_bones_new_pain', fragileBones],
  ['thoracic_pain_no_trigger', (a) => thoracic(a) && a.trigger === 'unknown'],
  ['cannot_stand_due_to_pain', (a) => a.cannot_stand_or_walk === 'because_of_pain'],
  ['not_improving_after_7_days', (a) => a.days_since_onset >= 7 && !a.improving_since_onset],
  ['pain_over_6_weeks', (a) => a.days_since_onset >= 43],
  [
    'severe_pain_not_settling',
    (a) => a.pain_score >= 8 && a.days_since_onset >= 3 && !a.improving_since_onset,
  ],
  ['under_16', (a) => a.age <= 15],
];

/** The rule ids §3.1 says fire for these answers, in table order (no_red_flags iff nothing else). */
export function specFired(a: Answers): string[] {
  const fired = specPredicates.filter(([, p]) => p(a)).map(([id]) => id);
  return fired.length > 0 ? fired : ['no_red_flags'];
}

/** The disposition §3.1 gives: the most severe among the fired rules. */
export function specDisposition(a: Answers): Disposition {
  let best: Disposition = 'self_care';
  for (const id of specFired(a)) {
    const row = specRuleTable.find((r) => r.id === id);
    if (row && specSeverity[row.disposition] > specSeverity[best]) best = row.disposition;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// fast-check arbitraries
// ---------------------------------------------------------------------------------------------

/** An integer in [min, max] that hits the given boundaries often. */
function arbInt(min: number, max: number, boundaries: readonly number[]): fc.Arbitrary<number> {
  return fc.oneof(fc.constantFrom(min, max, ...boundaries), fc.integer({ min, max }));
}

/** A red-flag answer: mostly "no", so that every disposition shows up in samples, not only emergency. */
const arbFlag: fc.Arbitrary<boolean> = fc.oneof(
  { arbitrary: fc.constant(false), weight: 6 },
  { arbitrary: fc.constant(true), weight: 1 },
);

/** An enum answer: usually the first (least affected) value, otherwise any value. */
function arbEnum<T>(values: readonly T[]): fc.Arbitrary<T> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...values.slice(0, 1)), weight: 2 },
    { arbitrary: fc.constantFrom(...values), weight: 3 },
  );
}

/** known_conditions: ["none"], or a non-empty duplicate-free subset without "none". */
export const arbKnownConditions: fc.Arbitrary<KnownCondition[]> = fc.oneof(
  fc.constant<KnownCondition[]>(['none']),
  fc.uniqueArray(fc.constantFrom(...conditionsWithoutNone), {
    minLength: 1,
    maxLength: conditionsWithoutNone.length,
  }),
);

/** Any valid complete answer set, covering every value and every boundary of the implementation notes. */
export const arbAnswers: fc.Arbitrary<Answers> = fc.record({
  age: arbInt(10, 120, [15, 16, 50, 51]),
  days_since_onset: arbInt(0, 3650, [2, 3, 6, 7, 42, 43]),
  location: fc.constantFrom(...locations),
  trigger: fc.constantFrom(...triggers),
  pain_score: fc.integer({ min: 0, max: 10 }),
  pain_below_knee: arbEnum(sides),
  leg_numbness: arbEnum(sides),
  leg_weakness: arbEnum(sides),
  saddle_numbness: arbFlag,
  bladder_problems: arbFlag,
  bowel_incontinence: arbFlag,
  sexual_dysfunction: arbFlag,
  fever_or_unwell: arbFlag,
  weight_loss: arbFlag,
  cancer_history: arbFlag,
  immunosuppression_or_ivdu: arbFlag,
  osteoporosis_or_steroids: arbFlag,
  night_pain: arbFlag,
  vomiting: arbFlag,
  constant_progressive_pain: arbFlag,
  cannot_stand_or_walk: arbEnum(standWalk),
  chest_pain_or_breathlessness: arbFlag,
  pulsating_abdominal_pain: arbFlag,
  improving_since_onset: fc.boolean(),
  known_conditions: arbKnownConditions,
});

/** A question id, uniformly. */
export const arbQuestionId: fc.Arbitrary<keyof Answers> = fc.constantFrom(...specQuestionIds);
