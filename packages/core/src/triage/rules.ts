import { anyBothLegs, fragileBones, nerveSymptoms, over50, thoracic, type Condition } from './conditions.ts';
import type { SourceRef } from './sources.ts';
import type { Disposition } from './types.ts';

export interface Rule {
  id: string;
  disposition: Disposition;
  /** The "fires when" column of triage.md §3.3. Absent only for the default rule. */
  when: Condition | null;
  /** The reason text shown to the person, exactly as in the spec. */
  text: string;
  sources: readonly SourceRef[];
}

/** Bump on any change to a question, rule, threshold or text (triage.md, first lines). */
export const rulesVersion = '1.1.0';

/**
 * The 37 rules of triage.md §3.3, in table order (reasons are sorted by severity, then this order).
 * The last one, `no_red_flags`, fires if and only if no other rule fires.
 */
export const rules: readonly Rule[] = [
  {
    id: 'ces_saddle_numbness',
    disposition: 'emergency',
    // saddle_numbness == true
    when: { q: 'saddle_numbness', eq: true },
    text: 'You have new numbness or altered feeling around your genitals, bottom or inner thighs. With back pain, this can mean the nerves at the base of the spine are being squeezed (cauda equina syndrome). That needs emergency treatment to prevent permanent damage.',
    sources: ['CES-CARD', 'NHS-BACK', 'GIRFT-CES', 'RD-SERIOUS'],
  },
  {
    id: 'ces_bladder_change',
    disposition: 'emergency',
    // bladder_problems == true
    when: { q: 'bladder_problems', eq: true },
    text: 'You have a new change in how your bladder works. With back pain, this can be an early sign of cauda equina syndrome and must be checked in hospital straight away.',
    sources: ['CES-CARD', 'CES-ROYALFREE', 'NHS-BACK', 'GIRFT-CES'],
  },
  {
    id: 'ces_bowel_incontinence',
    disposition: 'emergency',
    // bowel_incontinence == true
    when: { q: 'bowel_incontinence', eq: true },
    text: 'You have new loss of bowel control. With back pain, this can be a sign of cauda equina syndrome and needs emergency assessment.',
    sources: ['SEED-000', 'CES-CARD', 'NHS-BACK', 'GCARE-REDFLAGS'],
  },
  {
    id: 'ces_sexual_dysfunction',
    disposition: 'emergency',
    // sexual_dysfunction == true
    when: { q: 'sexual_dysfunction', eq: true },
    text: 'You have a new change in sexual function or genital feeling since the back pain began. This is one of the warning signs of cauda equina syndrome and needs emergency assessment.',
    sources: ['CES-CARD', 'CES-ROYALFREE', 'RD-SERIOUS'],
  },
  {
    id: 'bilateral_leg_symptoms',
    disposition: 'emergency',
    // any_both_legs
    when: anyBothLegs,
    text: 'You have pain, numbness or weakness in both legs. When back pain affects both legs, the nerves at the base of the spine may be under pressure. You need to be checked in an emergency department now, before bladder or bowel problems develop.',
    sources: ['NHS-BACK', 'NHS-SCIATICA', 'RD-SERIOUS'],
  },
  {
    id: 'legs_weak_cannot_walk',
    disposition: 'emergency',
    // cannot_stand_or_walk == "legs_weak_or_numb"
    when: { q: 'cannot_stand_or_walk', eq: 'legs_weak_or_numb' },
    text: 'You cannot stand or walk properly because your legs feel weak or numb or give way. That points to a nerve problem rather than just pain, and needs emergency assessment.',
    sources: ['GCARE-REDFLAGS', 'NHS-BACK', 'RD-SERIOUS'],
  },
  {
    id: 'major_trauma',
    disposition: 'emergency',
    // trigger == "significant_injury"
    when: { q: 'trigger', eq: 'significant_injury' },
    text: 'Your back pain started after a serious accident or significant injury. A hospital team needs to rule out a broken bone in the spine, even if you can still walk. Move as little as possible while you wait for help.',
    sources: ['NHS-BACK', 'SEED-000', 'GCARE-REDFLAGS'],
  },
  {
    id: 'fall_cannot_stand_fragile',
    disposition: 'emergency',
    // trigger == "minor_fall" AND (fragile_bones OR over_50) AND cannot_stand_or_walk == "because_of_pain"
    when: {
      all: [
        { q: 'trigger', eq: 'minor_fall' },
        { any: [fragileBones, over50] },
        { q: 'cannot_stand_or_walk', eq: 'because_of_pain' },
      ],
    },
    text: 'You cannot stand or walk since a fall, and at your age or with thin bones even a small fall can break a bone in the spine or the hip. Call emergency services and do not try to walk on it.',
    sources: ['NT-LBP', 'GCARE-REDFLAGS', 'RD-SERIOUS'],
  },
  {
    id: 'chest_pain_or_breathlessness',
    disposition: 'emergency',
    // chest_pain_or_breathlessness == true
    when: { q: 'chest_pain_or_breathlessness', eq: true },
    text: "Back pain together with chest pain, chest tightness or breathlessness can come from the heart, the lungs or the body's main artery rather than from the back muscles. Call emergency services now.",
    sources: ['NHS-BACK', 'NZ-HEART', 'HSE-DISSECTION'],
  },
  {
    id: 'aaa_suspected',
    disposition: 'emergency',
    // pulsating_abdominal_pain == true AND over_50 AND pain_score >= 7
    when: { all: [{ q: 'pulsating_abdominal_pain', eq: true }, over50, { q: 'pain_score', gte: 7 }] },
    text: 'Severe back or tummy pain with a pulsing feeling in the tummy can, at your age, be a sign of a swollen or leaking main artery (abdominal aortic aneurysm). This can be life-threatening. Call emergency services now.',
    sources: ['NI-AAA'],
  },
  {
    id: 'cancer_with_nerve_symptoms',
    disposition: 'emergency',
    // cancer_history == true AND nerve_symptoms
    when: { all: [{ q: 'cancer_history', eq: true }, nerveSymptoms] },
    text: "You have had cancer, and now have back pain together with leg pain, numbness, weakness or trouble walking. Cancer can occasionally spread to the spine and press on nerves. This needs emergency assessment today, through your cancer team's emergency line or the emergency department.",
    sources: ['NICE-CG75', 'NICE-NG234', 'RD-LOTHIAN'],
  },
  {
    id: 'infection_with_weakness',
    disposition: 'emergency',
    // fever_or_unwell == true AND (leg_weakness != "none" OR cannot_stand_or_walk == "legs_weak_or_numb")
    when: {
      all: [
        { q: 'fever_or_unwell', eq: true },
        {
          any: [
            { q: 'leg_weakness', ne: 'none' },
            { q: 'cannot_stand_or_walk', eq: 'legs_weak_or_numb' },
          ],
        },
      ],
    },
    text: 'You have a fever or feel unwell, and you also have leg weakness. A spinal infection pressing on nerves must be ruled out in hospital straight away.',
    sources: ['GCARE-REDFLAGS', 'BMC-INFECTION', 'NHS-BACK'],
  },
  {
    id: 'leg_weakness_one_side',
    disposition: 'urgent',
    // leg_weakness == "one_leg"
    when: { q: 'leg_weakness', eq: 'one_leg' },
    text: 'You have new weakness in one leg, such as a dropping or slapping foot or a knee that gives way. A doctor should examine you today, because a trapped nerve that causes weakness may need quick treatment.',
    sources: ['RD-LOTHIAN', 'RD-SERIOUS', 'CKS-SCIATICA'],
  },
  {
    id: 'fever_or_unwell',
    disposition: 'urgent',
    // fever_or_unwell == true
    when: { q: 'fever_or_unwell', eq: true },
    text: 'Back pain with a fever, shivers or feeling generally unwell can be caused by an infection, for example of the kidney or the spine. See a doctor today.',
    sources: ['NHS-BACK', 'GCARE-REDFLAGS', 'NT-LBP'],
  },
  {
    id: 'infection_risk_with_fever',
    disposition: 'urgent',
    // fever_or_unwell == true AND immunosuppression_or_ivdu == true
    when: {
      all: [
        { q: 'fever_or_unwell', eq: true },
        { q: 'immunosuppression_or_ivdu', eq: true },
      ],
    },
    text: 'A fever together with a weakened immune system or injecting drug use makes an infection in or near the spine more likely. You need a medical assessment today. Go to the emergency department if you cannot be seen today or you feel worse.',
    sources: ['GCARE-REDFLAGS', 'BMC-INFECTION', 'AHCPR-TABLE'],
  },
  {
    id: 'unexplained_weight_loss',
    disposition: 'urgent',
    // weight_loss == true
    when: { q: 'weight_loss', eq: true },
    text: 'Losing weight without trying, together with back pain, should be checked by a doctor promptly to rule out a more general illness. Ask for an appointment today.',
    sources: ['NHS-BACK', 'GCARE-REDFLAGS'],
  },
  {
    id: 'constant_progressive_pain',
    disposition: 'urgent',
    // constant_progressive_pain == true
    when: { q: 'constant_progressive_pain', eq: true },
    text: 'Pain that is there all the time, is not eased by rest or changing position, and keeps getting worse is not typical of a muscle spasm. A doctor should see you today.',
    sources: ['NHS-BACK', 'NICE-CG75', 'RCEM-REDFLAGS'],
  },
  {
    id: 'cancer_with_suspicious_pain',
    disposition: 'urgent',
    // cancer_history == true AND (thoracic OR night_pain OR constant_progressive_pain OR weight_loss)
    when: {
      all: [
        { q: 'cancer_history', eq: true },
        {
          any: [
            thoracic,
            { q: 'night_pain', eq: true },
            { q: 'constant_progressive_pain', eq: true },
            { q: 'weight_loss', eq: true },
          ],
        },
      ],
    },
    text: 'You have had cancer, and your pain has a feature that doctors check for spread to the spine: upper or middle back pain, pain that stops you sleeping, constant worsening pain, or weight loss. Contact your GP or your cancer team today.',
    sources: ['NICE-CG75', 'NICE-NG234'],
  },
  {
    id: 'fracture_risk_minor_fall',
    disposition: 'urgent',
    // trigger == "minor_fall" AND (fragile_bones OR over_50) AND (improving_since_onset == false OR pain_score >= 7)
    when: {
      all: [
        { q: 'trigger', eq: 'minor_fall' },
        { any: [fragileBones, over50] },
        {
          any: [
            { q: 'improving_since_onset', eq: false },
            { q: 'pain_score', gte: 7 },
          ],
        },
      ],
    },
    text: 'Even a small fall or knock can break a bone in the spine if you are over 50, have osteoporosis or have taken steroid tablets for a long time. See a doctor today so they can decide whether you need an X-ray.',
    sources: ['GCARE-REDFLAGS', 'AHCPR-TABLE', 'NT-LBP', 'RD-SERIOUS'],
  },
  {
    id: 'fracture_risk_fragile_bones_severe_pain',
    disposition: 'urgent',
    // fragile_bones AND pain_score >= 7 AND trigger != "significant_injury"
    when: { all: [fragileBones, { q: 'pain_score', gte: 7 }, { q: 'trigger', ne: 'significant_injury' }] },
    text: 'Sudden severe back pain in someone with thin bones (osteoporosis or long-term steroid tablets) can come from a small fracture of a spinal bone, even without a fall: lifting, coughing or bending can be enough. See a doctor today.',
    sources: ['AHCPR-TABLE', 'RD-SERIOUS', 'GCARE-REDFLAGS', 'SEED-003'],
  },
  {
    id: 'pulsating_abdomen',
    disposition: 'urgent',
    // pulsating_abdominal_pain == true
    when: { q: 'pulsating_abdominal_pain', eq: true },
    text: 'A pulsing feeling in the tummy with back or tummy pain should be checked quickly for a swelling of the main artery (aneurysm). See a doctor today. If the pain becomes sudden and severe, or you feel faint, call emergency services.',
    sources: ['NI-AAA'],
  },
  {
    id: 'thoracic_pain_no_trigger_over_50',
    disposition: 'urgent',
    // thoracic AND trigger == "unknown" AND over_50
    when: { all: [thoracic, { q: 'trigger', eq: 'unknown' }, over50] },
    text: 'Pain in the upper or middle back that started without any strain, in someone over 50, is less often muscular. It can come from the heart, lungs, internal organs or bone. See a doctor today, and call emergency services if chest pain or breathlessness starts.',
    sources: ['NHS-BACK', 'RCEM-REDFLAGS', 'NICE-CG75'],
  },
  {
    id: 'vomiting',
    disposition: 'urgent',
    // vomiting == true
    when: { q: 'vomiting', eq: true },
    text: 'Vomiting is not part of an ordinary back spasm. Together with back pain, it can point to a kidney problem or another internal cause. See a doctor today.',
    sources: ['SEED-000'],
  },
  {
    id: 'pain_below_knee_one_side',
    disposition: 'soon',
    // pain_below_knee == "one_leg"
    when: { q: 'pain_below_knee', eq: 'one_leg' },
    text: 'Pain that travels below the knee suggests an irritated nerve (sciatica). It is usually not dangerous and often settles, but a GP or physiotherapist should assess you in the next few days.',
    sources: ['SEED-000', 'NHS-SCIATICA'],
  },
  {
    id: 'leg_numbness_one_side',
    disposition: 'soon',
    // leg_numbness == "one_leg"
    when: { q: 'leg_numbness', eq: 'one_leg' },
    text: 'Numbness or pins and needles in one leg suggests that a nerve is involved. Book an assessment with a GP or physiotherapist in the next few days.',
    sources: ['SEED-000', 'NHS-SCIATICA'],
  },
  {
    id: 'injury_minor_fall',
    disposition: 'soon',
    // trigger == "minor_fall"
    when: { q: 'trigger', eq: 'minor_fall' },
    text: 'Your pain started after a fall or a knock. A clinician should check you in the next few days.',
    sources: ['SEED-000'],
  },
  {
    id: 'night_pain',
    disposition: 'soon',
    // night_pain == true
    when: { q: 'night_pain', eq: true },
    text: 'Pain bad enough to stop you sleeping should be reviewed by a doctor in the next few days, to look for the cause and to help you get the pain under control.',
    sources: ['SEED-000', 'NHS-BACK', 'NT-LBP'],
  },
  {
    id: 'cancer_history_new_pain',
    disposition: 'soon',
    // cancer_history == true
    when: { q: 'cancer_history', eq: true },
    text: 'Because you have had cancer in the past, a doctor should check new back pain within the next few days, even though most back pain is not serious.',
    sources: ['CKS-SCIATICA', 'NICE-NG234', 'GCARE-REDFLAGS'],
  },
  {
    id: 'infection_risk_no_fever',
    disposition: 'soon',
    // immunosuppression_or_ivdu == true AND fever_or_unwell == false
    when: {
      all: [
        { q: 'immunosuppression_or_ivdu', eq: true },
        { q: 'fever_or_unwell', eq: false },
      ],
    },
    text: 'A weakened immune system, or injecting drugs now or in the past, slightly raises the risk of a spinal infection. Have the pain checked by a doctor in the next few days, and sooner if you get a fever.',
    sources: ['GCARE-REDFLAGS', 'BMC-INFECTION'],
  },
  {
    id: 'fragile_bones_new_pain',
    disposition: 'soon',
    // fragile_bones
    when: fragileBones,
    text: "You have osteoporosis or have taken steroid tablets long-term, so new back pain could come from a small fracture. Book a doctor's appointment in the next few days.",
    sources: ['GCARE-REDFLAGS', 'NT-LBP'],
  },
  {
    id: 'thoracic_pain_no_trigger',
    disposition: 'soon',
    // thoracic AND trigger == "unknown"
    when: { all: [thoracic, { q: 'trigger', eq: 'unknown' }] },
    text: 'Upper or middle back pain that came on without an obvious strain should be checked by a doctor in the next few days.',
    sources: ['NHS-BACK', 'RCEM-REDFLAGS'],
  },
  {
    id: 'cannot_stand_due_to_pain',
    disposition: 'soon',
    // cannot_stand_or_walk == "because_of_pain"
    when: { q: 'cannot_stand_or_walk', eq: 'because_of_pain' },
    text: 'You cannot stand or walk because of the pain. Your legs seem to be working, which is reassuring, but a doctor can help with stronger pain relief, so book an appointment in the next few days. If your legs become weak or numb, call emergency services.',
    sources: ['SEED-000', 'NHS-BACK'],
  },
  {
    id: 'not_improving_after_7_days',
    disposition: 'soon',
    // days_since_onset >= 7 AND improving_since_onset == false
    when: {
      all: [
        { q: 'days_since_onset', gte: 7 },
        { q: 'improving_since_onset', eq: false },
      ],
    },
    text: 'Your back pain has not improved after a week. Book an appointment with a GP or physiotherapist.',
    sources: ['SEED-003'],
  },
  {
    id: 'pain_over_6_weeks',
    disposition: 'soon',
    // days_since_onset >= 43
    when: { q: 'days_since_onset', gte: 43 },
    text: 'Your back pain has lasted more than six weeks. Book a review with a GP or physiotherapist to plan further treatment.',
    sources: ['NICE-NG59', 'GCARE-REDFLAGS'],
  },
  {
    id: 'severe_pain_not_settling',
    disposition: 'soon',
    // pain_score >= 8 AND days_since_onset >= 3 AND improving_since_onset == false
    when: {
      all: [
        { q: 'pain_score', gte: 8 },
        { q: 'days_since_onset', gte: 3 },
        { q: 'improving_since_onset', eq: false },
      ],
    },
    text: 'Your pain is still severe after several days and is not getting better. See a GP in the next few days to review your pain relief.',
    sources: ['SEED-003', 'NHS-BACK'],
  },
  {
    id: 'under_16',
    disposition: 'soon',
    // age <= 15
    when: { q: 'age', lte: 15 },
    text: 'This tool is designed for adults. A doctor should check back pain in children and young teenagers within the next few days.',
    sources: ['NICE-NG59', 'PAEDS-GUIDE'],
  },
  {
    id: 'no_red_flags',
    disposition: 'self_care',
    // no other rule fired
    when: null,
    text: 'None of the warning signs we ask about are present. Most back spasms like this settle within days to a few weeks with gentle activity and simple pain relief.',
    sources: ['NICE-NG59', 'SEED-000', 'SEED-003'],
  },
];
