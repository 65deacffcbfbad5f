import { z } from 'zod';
import { freeText, painScore, recordId, utcInstant } from './common.ts';
import { knowledgeId } from './knowledge-id.ts';

export const sessionLogInputSchema = z
  .strictObject({
    id: recordId,
    /** The knowledge entry whose protocol was run, e.g. tx-ice. */
    protocolId: knowledgeId,
    startedAt: utcInstant,
    endedAt: utcInstant,
    stepsCompleted: z.int().min(0).max(10_000),
    stoppedEarly: z.boolean(),
    stopReason: freeText(500).optional(),
    painBefore: painScore.optional(),
    painAfter: painScore.optional(),
  })
  .refine((s) => Date.parse(s.endedAt) >= Date.parse(s.startedAt), {
    message: 'must not end before it starts',
    path: ['endedAt'],
  });
export type SessionLogInput = z.infer<typeof sessionLogInputSchema>;

export const sessionLogSchema = z.strictObject({ ...sessionLogInputSchema.shape, episodeId: recordId });
export type SessionLog = z.infer<typeof sessionLogSchema>;
