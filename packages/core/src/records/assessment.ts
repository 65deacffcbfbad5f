import { z } from 'zod';
import { recordId, utcInstant } from './common.ts';

/**
 * A client sends the triage answers; the result is computed by the engine, never accepted from the client,
 * so a stored assessment always matches its rules version.
 */
export const assessmentInputSchema = z.strictObject({
  id: recordId,
  at: utcInstant,
  answers: z.record(z.string(), z.unknown()),
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
});
export type Assessment = z.infer<typeof assessmentSchema>;
