import type { AnswerValue, QuestionId } from './types.ts';

export interface Option<V extends string = string> {
  value: V;
  /** What the person sees. Where triage.md §2 describes the option, this is that description. */
  label: string;
}

export type AnswerType =
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'boolean' }
  | { kind: 'enum'; options: readonly Option[] }
  /** A non-empty multi-select; `exclusive` may only be chosen on its own. */
  | { kind: 'multi'; options: readonly Option[]; exclusive: string };

export interface Question {
  id: QuestionId;
  /** The question's number in triage.md §2; validation errors are reported in this order. */
  number: number;
  text: string;
  /** Extra guidance, from the spec's notes for the UI, shown on request. */
  help: string;
  type: AnswerType;
  /**
   * What "not sure" stands for, where the check offers it (triage.md §2: never the reassuring answer, always the
   * more cautious one). Absent where "not sure" is not offered (age, days, location, trigger, pain, conditions).
   */
  ifUnsure?: AnswerValue;
}

const sides: readonly Option[] = [
  { value: 'none', label: 'No' },
  { value: 'one_leg', label: 'Yes, in one leg' },
  { value: 'both_legs', label: 'Yes, in both legs' },
];

const thisEpisode =
  'Think only about this episode of back pain. Something you have had for years without change counts as "no".';

/** The 25 questions of triage.md §2, in the spec's numbering. Every one is required. */
export const questions: readonly Question[] = [
  {
    id: 'age',
    number: 1,
    text: 'How old are you? (years)',
    help: 'Your age in whole years. Some warning signs matter more after 50, and children need a doctor to check back pain.',
    type: { kind: 'integer', min: 10, max: 120 },
  },
  {
    id: 'days_since_onset',
    number: 2,
    text: 'How many days ago did this episode of back pain start? Enter 0 if it started today.',
    help: 'Count whole days from the day the pain began. If you are not sure, give your best estimate.',
    type: { kind: 'integer', min: 0, max: 3650 },
  },
  {
    id: 'location',
    number: 3,
    text: 'Where is the pain mainly?',
    help: 'Choose where it hurts most. Pain high or in the middle of the back is checked a little differently from low back pain.',
    type: {
      kind: 'enum',
      options: [
        { value: 'upper', label: 'between or around the shoulder blades' },
        { value: 'middle', label: 'mid back, around the lower ribs' },
        { value: 'lower', label: 'low back, above the buttocks' },
      ],
    },
  },
  {
    id: 'trigger',
    number: 4,
    text: 'What set the pain off?',
    help: 'A serious accident is very different from a small slip. If you fell, choose the option that matches how hard the fall was.',
    type: {
      kind: 'enum',
      options: [
        { value: 'lifting', label: 'lifting or carrying something' },
        { value: 'sudden_movement', label: 'a sudden bend, twist, reach, sneeze' },
        { value: 'sport_twisting', label: 'sport, exercise or a twisting movement during activity' },
        { value: 'prolonged_sitting', label: 'long periods sitting, driving or at a desk' },
        {
          value: 'minor_fall',
          label:
            'a minor fall or knock: slipped and fell from standing height or less, sat down hard, bumped the back',
        },
        {
          value: 'significant_injury',
          label:
            'a fall or accident, or another significant injury: road traffic collision, fall from a height or down stairs, being thrown from a horse or bike, heavy blow to the back',
        },
        {
          value: 'other',
          label: 'another everyday activity such as gardening, housework, sleeping awkwardly, coughing',
        },
        { value: 'unknown', label: 'nothing I can think of; it came on by itself' },
      ],
    },
  },
  {
    id: 'pain_score',
    number: 5,
    text: 'On a scale from 0 (no pain) to 10 (the worst pain you can imagine), how bad has the pain been at its worst in the last 24 hours?',
    help: 'Think of the worst moment in the last day, not how it feels right now.',
    type: { kind: 'integer', min: 0, max: 10 },
  },
  {
    id: 'pain_below_knee',
    number: 6,
    text: 'Does pain travel from your back down a leg to below the knee?',
    help: `${thisEpisode} Pain that stops at the buttock or thigh counts as "no".`,
    type: { kind: 'enum', options: sides },
    ifUnsure: 'both_legs',
  },
  {
    id: 'leg_numbness',
    number: 7,
    text: 'Do you have numbness, tingling or pins and needles in a leg or foot?',
    help: thisEpisode,
    type: { kind: 'enum', options: sides },
    ifUnsure: 'both_legs',
  },
  {
    id: 'leg_weakness',
    number: 8,
    text: 'Does a leg feel weak? For example, the foot slaps or drags, the knee gives way, or you cannot stand on your heels or toes.',
    help: `${thisEpisode} A leg that hurts but still does what you ask of it is not weak.`,
    type: { kind: 'enum', options: sides },
    ifUnsure: 'both_legs',
  },
  {
    id: 'saddle_numbness',
    number: 9,
    text: 'Since the back pain started, have you had numbness, tingling or a change in feeling between your legs, around your genitals, back passage or buttocks, or when wiping after the toilet?',
    help: `${thisEpisode} If you are unsure, answer "yes": a missed sign here can cause lasting harm.`,
    type: { kind: 'boolean' },
    ifUnsure: true,
  },
  {
    id: 'bladder_problems',
    number: 10,
    text: 'Since the back pain started, have you had any new problem with your bladder? For example, difficulty starting to pee, a weak or stop-start stream, not feeling when your bladder is full, being unable to pee, or leaking urine without meaning to.',
    help: `Only new changes count. ${thisEpisode}`,
    type: { kind: 'boolean' },
    ifUnsure: true,
  },
  {
    id: 'bowel_incontinence',
    number: 11,
    text: 'Since the back pain started, have you had any new loss of bowel control, such as leaking, or not noticing when you need to open your bowels?',
    help: `Only new changes count. ${thisEpisode}`,
    type: { kind: 'boolean' },
    ifUnsure: true,
  },
  {
    id: 'sexual_dysfunction',
    number: 12,
    text: 'Since the back pain started, have you noticed a new change in sexual function, such as less feeling in the genitals during sex, or new difficulty getting an erection or ejaculating?',
    help: `Only new changes count. ${thisEpisode}`,
    type: { kind: 'boolean' },
    ifUnsure: true,
  },
  {
    id: 'fever_or_unwell',
    number: 13,
    text: 'Do you have a fever (38 °C or higher), shivers or chills, or do you feel generally unwell as if you have an infection?',
    help: 'If you have no thermometer, answer from how you feel: hot and cold spells or feeling ill count as "yes".',
    type: { kind: 'boolean' },
    ifUnsure: true,
  },
  {
    id: 'weight_loss',
    number: 14,
    text: 'Have you lost weight recently without trying? (For example, clothes are looser, or you have lost several kilograms over the last few months.)',
    help: 'Weight lost on purpose, through diet or exercise, counts as "no".',
    type: { kind: 'boolean' },
    ifUnsure: true,
  },
  {
    id: 'cancer_history',
    number: 15,
    text: 'Have you ever been diagnosed with or treated for cancer? Do not count simple skin cancers such as basal cell carcinoma.',
    help: 'Count any cancer, however long ago, even if you were told it was cured.',
    type: { kind: 'boolean' },
    ifUnsure: true,
  },
  {
    id: 'immunosuppression_or_ivdu',
    number: 16,
    text: 'Is your immune system weakened (for example by chemotherapy, transplant medicines, biologic drugs, long-term steroid tablets or HIV), or have you ever injected drugs?',
    help: 'If you take steroid tablets long-term, answer "yes" here and also to the question about osteoporosis or steroid tablets.',
    type: { kind: 'boolean' },
    ifUnsure: true,
  },
  {
    id: 'osteoporosis_or_steroids',
    number: 17,
    text: 'Do you have osteoporosis (thin or brittle bones), or have you taken steroid tablets such as prednisolone for more than 3 months?',
    help: 'If you take steroid tablets long-term, answer "yes" here and also to the question about a weakened immune system.',
    type: { kind: 'boolean' },
    ifUnsure: true,
  },
  {
    id: 'night_pain',
    number: 18,
    text: 'Is the pain so bad at night that you cannot sleep, or does it wake you and stay bad whatever position you lie in?',
    help: 'Pain that wakes you when you turn over but settles once you find a comfortable position counts as "no".',
    type: { kind: 'boolean' },
    ifUnsure: true,
  },
  {
    id: 'vomiting',
    number: 19,
    text: 'Have you been vomiting (being sick) since the back pain started?',
    help: 'Feeling a little queasy without being sick counts as "no".',
    type: { kind: 'boolean' },
    ifUnsure: true,
  },
  {
    id: 'constant_progressive_pain',
    number: 20,
    text: 'Is the pain there all the time, not eased by rest, lying still or changing position, and getting steadily worse from day to day?',
    help: 'Answer "yes" only if all three are true: it never lets up, nothing eases it, and it is worse each day.',
    type: { kind: 'boolean' },
    ifUnsure: true,
  },
  {
    id: 'cannot_stand_or_walk',
    number: 21,
    text: 'Can you stand and walk?',
    help: 'We ask whether pain stops you, or whether your legs themselves feel weak or numb. The second matters more.',
    type: {
      kind: 'enum',
      options: [
        { value: 'no', label: 'I can stand and walk, even if it hurts' },
        {
          value: 'because_of_pain',
          label: 'I cannot, because the pain or spasm is too bad, but my legs feel normal',
        },
        {
          value: 'legs_weak_or_numb',
          label: 'I cannot, or I am unsteady, because my legs feel weak or numb or will not hold me',
        },
      ],
    },
    ifUnsure: 'legs_weak_or_numb',
  },
  {
    id: 'chest_pain_or_breathlessness',
    number: 22,
    text: 'Do you have pain, pressure or tightness in your chest, or are you short of breath (struggling to get your breath, not just a catch of back pain when you breathe in)?',
    help: 'A sharp catch in the back when you breathe deeply is common with spasm. Chest pain or struggling for breath is different and counts as "yes".',
    type: { kind: 'boolean' },
    ifUnsure: true,
  },
  {
    id: 'pulsating_abdominal_pain',
    number: 23,
    text: 'Do you have pain in your tummy together with a throbbing or pulsing feeling in the tummy, like a heartbeat?',
    help: 'Answer "yes" only if you have both tummy pain and a pulsing feeling there.',
    type: { kind: 'boolean' },
    ifUnsure: true,
  },
  {
    id: 'improving_since_onset',
    number: 24,
    text: 'Compared with when it started, is the pain clearly getting better? Answer "no" if it is the same, worse, or started today.',
    help: 'A clear, steady improvement counts as "yes". Good and bad hours that even out count as "no".',
    type: { kind: 'boolean' },
    // "Yes" here lowers concern, so unsure is "no" (the question itself says so).
    ifUnsure: false,
  },
  {
    id: 'known_conditions',
    number: 25,
    text: 'Has a doctor ever told you that you have any of these back conditions? Select all that apply.',
    help: 'Choose only what a doctor or physiotherapist has told you. If none apply, choose "none".',
    type: {
      kind: 'multi',
      exclusive: 'none',
      options: [
        { value: 'disc_herniation', label: 'slipped or herniated disc' },
        { value: 'spinal_stenosis', label: 'spinal stenosis (narrowing of the spinal canal)' },
        { value: 'degenerative_disc_disease', label: 'disc wear and tear (degenerative disc disease)' },
        { value: 'arthritis', label: 'arthritis (including arthritis of the spine)' },
        { value: 'spondylolisthesis', label: 'slipped vertebra (spondylolisthesis)' },
        { value: 'osteoporosis', label: 'osteoporosis (thin or brittle bones)' },
        { value: 'none', label: 'none of these' },
      ],
    },
  },
];

/**
 * The order the spec recommends asking in (triage.md §2, notes): the emergency questions first, so a
 * person who stops early has already answered them; the rest in the spec's numbering.
 */
export const recommendedOrder: readonly QuestionId[] = [
  'saddle_numbness',
  'bladder_problems',
  'bowel_incontinence',
  'sexual_dysfunction',
  'chest_pain_or_breathlessness',
  'pulsating_abdominal_pain',
  'trigger',
  'pain_below_knee',
  'leg_numbness',
  'leg_weakness',
  'cannot_stand_or_walk',
  'age',
  'days_since_onset',
  'location',
  'pain_score',
  'fever_or_unwell',
  'weight_loss',
  'cancer_history',
  'immunosuppression_or_ivdu',
  'osteoporosis_or_steroids',
  'night_pain',
  'vomiting',
  'constant_progressive_pain',
  'improving_since_onset',
  'known_conditions',
];

/** The questionnaire as one value: what a UI needs to render it. */
export const questionnaire = { questions, recommendedOrder } as const;
