import { z } from 'zod';
import { freeText, painScore, recordId, utcInstant } from './common.ts';
import { knowledgeId } from './knowledge-id.ts';

const sessionLogFields = {
  /** The knowledge entry whose protocol was run, e.g. tx-ice. */
  protocolId: knowledgeId,
  startedAt: utcInstant,
  endedAt: utcInstant,
  stepsCompleted: z.int().min(0).max(10_000),
  stoppedEarly: z.boolean(),
  stopReason: freeText(500).optional(),
  painBefore: painScore.optional(),
  painAfter: painScore.optional(),
  /**
   * A session started and not yet finished: `endedAt` is when it was last reported and `stepsCompleted` the
   * steps done so far. The player sends the same id again, without it, when the session ends.
   */
  inProgress: z.boolean().optional(),
};

/** A log ending before it starts is a slip of the clock or the client. */
function endsAfterStart<T extends z.ZodType<{ startedAt: string; endedAt: string }>>(schema: T): T {
  return schema.refine((s) => Date.parse(s.endedAt) >= Date.parse(s.startedAt), {
    message: 'must not end before it starts',
    path: ['endedAt'],
  });
}

export const sessionLogInputSchema = endsAfterStart(z.strictObject({ id: recordId, ...sessionLogFields }));

/** A session log without its id, which a PUT names in its path. */
export const sessionLogBodySchema = endsAfterStart(z.strictObject(sessionLogFields));
export type SessionLogInput = z.infer<typeof sessionLogInputSchema>;

export const sessionLogSchema = z.strictObject({ ...sessionLogInputSchema.shape, episodeId: recordId });
export type SessionLog = z.infer<typeof sessionLogSchema>;

/**
 * Whether a log is of a session that has ended (finished or stopped): reports, adherence and summaries count
 * these only, so a session still running on another device is not taken for one abandoned after a few steps.
 */
export function isEndedSession(log: { readonly inProgress?: boolean | undefined }): boolean {
  return log.inProgress !== true;
}
