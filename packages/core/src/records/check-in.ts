import { z } from 'zod';
import { freeText, recordId, utcInstant } from './common.ts';

/**
 * A check-in: the person's answer to "have any warning signs appeared since the last check?". A "yes" asks
 * for the red-flag questions again at once (diary escalations, `triage_again_now`).
 */
export const checkInInputSchema = z.strictObject({
  id: recordId,
  at: utcInstant,
  redFlagReported: z.boolean(),
  note: freeText(500).optional(),
});
export type CheckInInput = z.infer<typeof checkInInputSchema>;

export const checkInRecordSchema = z.strictObject({ ...checkInInputSchema.shape, episodeId: recordId });
export type CheckInRecord = z.infer<typeof checkInRecordSchema>;
