import { z } from 'zod';
import { distinct, freeText, painScore, recordId, utcInstant } from './common.ts';
import { knowledgeId } from './knowledge-id.ts';

/** Things people commonly report as making back pain worse (plus free text for anything else). */
export const worseFactors = [
  'sitting',
  'standing',
  'walking',
  'bending',
  'lifting',
  'twisting',
  'lying_down',
  'coughing_or_sneezing',
  'getting_up',
  'morning',
  'evening',
  'stress',
] as const;
/** Things people commonly report as easing it. */
export const easeFactors = [
  'rest',
  'lying_down',
  'walking',
  'movement',
  'stretching',
  'heat',
  'ice',
  'medicine',
  'massage',
  'changing_position',
  'sleep',
] as const;

const factors = <T extends readonly [string, ...string[]]>(values: T) =>
  z.strictObject({ known: distinct(z.enum(values), values.length), text: freeText(500).optional() });

export const medicineSchema = z.strictObject({
  /** Generic name (ibuprofen, naproxen…), as the person wrote it. */
  name: z.string().trim().min(1).max(100),
  /** Dose as written on the pack or by the person; unknot never calculates doses. */
  dose: freeText(100).optional(),
  /** When it was taken, if the person said; otherwise the entry's own time stands for it. */
  at: utcInstant.optional(),
});

export const diaryEntryInputSchema = z.strictObject({
  id: recordId,
  at: utcInstant,
  /** Numeric pain rating scale (NPRS), 0 no pain to 10 worst imaginable. */
  pain: painScore,
  pattern: z.enum(['constant', 'intermittent']).optional(),
  worse: factors(worseFactors).optional(),
  better: factors(easeFactors).optional(),
  /** Knowledge-base entry ids of what the person did, e.g. tx-heat. */
  treatments: distinct(knowledgeId, 40).optional(),
  medicines: z.array(medicineSchema).max(20).optional(),
  sleepHours: z.number().min(0).max(24).optional(),
  note: freeText(2000).optional(),
});
export type DiaryEntryInput = z.infer<typeof diaryEntryInputSchema>;

export const diaryEntrySchema = z.strictObject({ ...diaryEntryInputSchema.shape, episodeId: recordId });
export type DiaryEntry = z.infer<typeof diaryEntrySchema>;
