/**
 * The words for the codes people choose from, in one place for the web app, the CLI and the doctor summary, so
 * the diary form, the diary list and the summary all say "Getting up from a bed or chair" for `getting_up`.
 *
 * Each table `satisfies` a record over its vocabulary: a code without a label, or a label for a code that does
 * not exist, fails to compile instead of showing a raw code on a screen.
 */
import type { Condition } from './knowledge/types.ts';
import type { easeFactors, worseFactors } from './records/diary-entry.ts';

type WorseFactor = (typeof worseFactors)[number];
type EaseFactor = (typeof easeFactors)[number];

/** What makes the pain worse (diary). */
export const worseFactorLabels = {
  sitting: 'Sitting',
  standing: 'Standing',
  walking: 'Walking',
  bending: 'Bending',
  lifting: 'Lifting',
  twisting: 'Twisting',
  lying_down: 'Lying down',
  coughing_or_sneezing: 'Coughing or sneezing',
  getting_up: 'Getting up from a bed or chair',
  morning: 'Mornings',
  evening: 'Evenings',
  stress: 'Stress',
} as const satisfies Readonly<Record<WorseFactor, string>>;

/** What eases it (diary). */
export const easeFactorLabels = {
  rest: 'Rest',
  lying_down: 'Lying down',
  walking: 'Walking',
  movement: 'Moving about',
  stretching: 'Stretching',
  heat: 'Heat',
  ice: 'Cold or ice',
  medicine: 'Pain relief medicine',
  massage: 'Massage',
  changing_position: 'Changing position',
  sleep: 'Sleep',
} as const satisfies Readonly<Record<EaseFactor, string>>;

/**
 * Both factor lists in one table, for a screen that lists either. The two share `lying_down` and `walking`
 * with the same words (factor-labels tests check it), so merging loses nothing.
 */
export const factorLabels: Readonly<Record<WorseFactor | EaseFactor, string>> = {
  ...worseFactorLabels,
  ...easeFactorLabels,
};

/**
 * The conditions of knowledge-base.md §1.6, as a noun phrase that reads both in a list ("Avoid if you have: a
 * stomach ulcer or bleeding") and in a sentence ("You told us about a slipped or herniated disc").
 */
export const conditionLabels = {
  disc_herniation: 'a slipped or herniated disc',
  spinal_stenosis: 'spinal stenosis',
  spondylolisthesis: 'a slipped vertebra (spondylolisthesis)',
  spondylolysis: 'a stress fracture of a vertebra (spondylolysis)',
  degenerative_disc_disease: 'disc wear and tear (degenerative disc disease)',
  arthritis: 'arthritis',
  pregnancy: 'pregnancy',
  reduced_skin_sensation: 'reduced feeling in the skin',
  broken_skin: 'broken skin where it would go',
  gi_ulcer_or_bleed: 'a stomach ulcer or bleeding',
  kidney_disease: 'kidney disease',
  heart_disease: 'heart disease',
  liver_disease: 'liver disease',
  anticoagulant_use: 'blood-thinning medicine',
  diabetes_medication: 'diabetes medicine',
  plant_allergy_apiaceae: 'an allergy to the celery and carrot plant family',
  essential_oil_allergy: 'an essential-oil allergy',
  young_children_at_home: 'young children at home',
} as const satisfies Readonly<Record<Condition, string>>;
