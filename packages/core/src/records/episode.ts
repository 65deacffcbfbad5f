import { z } from 'zod';
import { backConditions, locations, triggers } from '../triage/types.ts';
import { calendarDate, distinct, recordId, timeZone, utcInstant } from './common.ts';

// An episode uses the triage vocabulary, so its answers can prefill the questionnaire and back.
export const episodeLocations = locations;
export const episodeTriggers = triggers;
/** The back conditions a doctor may have named (triage question 25); "none" is an empty list here. */
export const episodeConditions = backConditions;

export const preferencesSchema = z.strictObject({
  thermal: z.enum(['heat', 'ice', 'either']).optional(),
  hasShower: z.boolean().optional(),
  hasIcePack: z.boolean().optional(),
  work: z.enum(['sitting', 'standing', 'physical']).optional(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

const episodeFields = {
  onsetDate: calendarDate,
  timeZone,
  location: z.enum(episodeLocations),
  trigger: z.enum(episodeTriggers),
  knownConditions: distinct(z.enum(episodeConditions), episodeConditions.length),
  preferences: preferencesSchema,
};

/** What a client sends to start an episode. */
export const episodeInputSchema = z.strictObject({ id: recordId, ...episodeFields });
export type EpisodeInput = z.infer<typeof episodeInputSchema>;

export const episodeStatuses = ['active', 'closed'] as const;

/** A change to an episode: any of its fields, or its status. At least one. */
export const episodePatchSchema = z
  .strictObject({
    onsetDate: episodeFields.onsetDate.optional(),
    timeZone: episodeFields.timeZone.optional(),
    location: episodeFields.location.optional(),
    trigger: episodeFields.trigger.optional(),
    knownConditions: episodeFields.knownConditions.optional(),
    preferences: episodeFields.preferences.optional(),
    status: z.enum(episodeStatuses).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'must change at least one field' });
export type EpisodePatch = z.infer<typeof episodePatchSchema>;

/** An episode as stored. */
export const episodeSchema = z.strictObject({
  ...episodeInputSchema.shape,
  status: z.enum(episodeStatuses),
  createdAt: utcInstant,
  updatedAt: utcInstant,
});
export type Episode = z.infer<typeof episodeSchema>;
