/** A diary check-in: the short "how is it going?" form of the day-7 and day-14 prompts. */
import { z } from 'zod';
import { utcInstant } from '../records/index.ts';

/**
 * What the diary needs from a check-in form: when it was filled in and whether the person ticked any warning
 * sign (the form lists the red flags in plain words, emergency ones first).
 *
 * A check-in is not a triage: it asks one question about warning signs, not the 25 of the questionnaire, so a
 * "yes" cannot say how serious it is. That is why a reported red flag asks for the full triage at once rather
 * than guessing a disposition, and why a full assessment made afterwards settles it.
 */
export const diaryCheckInSchema = z.strictObject({
  at: utcInstant,
  redFlagReported: z.boolean(),
});
export type DiaryCheckIn = z.infer<typeof diaryCheckInSchema>;
