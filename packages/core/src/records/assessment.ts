import { z } from 'zod';
import { questions } from '../triage/questionnaire.ts';
import { distinct, recordId, utcInstant } from './common.ts';

const questionIds: ReadonlySet<string> = new Set(questions.map((q) => q.id));

/**
 * `complete: false` marks a check stopped early because the answers so far already show an emergency (the
 * store refuses it otherwise); absent means complete. `unsure` names the questions the person answered
 * "not sure" (the questionnaire then records the safer answer), so a clinician can see which answers are soft.
 */
const completenessFields = {
  complete: z.boolean().optional(),
  unsure: distinct(
    z.string().refine((id) => questionIds.has(id), { message: 'is not a question of the triage' }),
    questions.length,
  ).optional(),
};

/**
 * A client sends the triage answers; the result is computed by the engine, never accepted from the client,
 * so a stored assessment always matches its rules version.
 */
export const assessmentInputSchema = z.strictObject({
  id: recordId,
  at: utcInstant,
  answers: z.record(z.string(), z.unknown()),
  ...completenessFields,
});
export type AssessmentInput = z.infer<typeof assessmentInputSchema>;

const reasonSchema = z.strictObject({
  rule: z.string(),
  disposition: z.enum(['emergency', 'urgent', 'soon', 'self_care']),
  text: z.string(),
  sources: z.array(z.string()),
});

export const triageResultSchema = z.strictObject({
  disposition: z.enum(['emergency', 'urgent', 'soon', 'self_care']),
  reasons: z.array(reasonSchema),
  rulesVersion: z.string(),
});

export const assessmentSchema = z.strictObject({
  id: recordId,
  episodeId: recordId,
  at: utcInstant,
  answers: z.record(z.string(), z.unknown()),
  result: triageResultSchema,
  rulesVersion: z.string(),
  ...completenessFields,
});
export type Assessment = z.infer<typeof assessmentSchema>;
