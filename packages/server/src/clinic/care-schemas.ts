import {
  assessmentSchema,
  checkInRecordSchema,
  diaryEntrySchema,
  episodeSchema,
  programmeItemSchema,
  recordId,
  sessionLogSchema,
} from '@unknot/core';
import { z } from 'zod';

/**
 * The care records of clinic mode as the API shows them (docs/clinic.md). Responses are not re-encoded through
 * these (app.ts); they document the API and the route tests check answers against them.
 */

const role = z.enum(['patient', 'clinician', 'clinic_admin']);

export const inviteSchema = z
  .object({
    code: z.string(),
    clinicId: z.string(),
    clinicianId: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    usedAt: z.string().nullable(),
    usedBy: z.string().nullable(),
  })
  .meta({ id: 'Invite' });

export const careLinkSchema = z
  .object({
    id: z.string(),
    patientId: z.string(),
    clinicianId: z.string(),
    clinicId: z.string(),
    createdAt: z.string(),
    endedAt: z.string().nullable(),
    shareNotes: z.boolean(),
  })
  .meta({ id: 'CareLink' });

/** A link as its patient sees it: with whom, by name. */
export const myLinkSchema = careLinkSchema
  .extend({ clinicianName: z.string(), clinicName: z.string() })
  .meta({ id: 'MyCareLink' });

export const pegScoreSchema = z
  .object({
    id: z.string(),
    patientId: z.string(),
    at: z.string(),
    pain: z.int(),
    enjoyment: z.int(),
    activity: z.int(),
  })
  .meta({ id: 'PegScore' });

const pegPoint = z.object({ at: z.string(), score: z.number() });

export const pegTrendSchema = z
  .object({
    first: pegPoint,
    latest: pegPoint,
    change: z.number(),
    improvement: z.number().nullable(),
    improved: z.boolean(),
    count: z.int(),
  })
  .meta({ id: 'PegTrend' });

export const pegSeriesSchema = z.object({
  scores: z.array(pegScoreSchema),
  trend: pegTrendSchema.nullable(),
});

export const programmeSchema = z
  .object({
    id: z.string(),
    patientId: z.string(),
    clinicianId: z.string(),
    createdAt: z.string(),
    items: z.array(programmeItemSchema),
    note: z.string().optional(),
  })
  .meta({ id: 'Programme' });

export const auditEventSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actorId: z.string(),
    actorRole: role,
    patientId: z.string(),
    clinicId: z.string().nullable(),
    action: z.enum(['read', 'change', 'export']),
    resource: z.string(),
    resourceId: z.string().nullable(),
    requestId: z.string(),
  })
  .meta({ id: 'AuditEvent' });

/** An access-log row as the patient reads it: who, by name. */
export const accessLogEntrySchema = auditEventSchema
  .extend({ actorName: z.string() })
  .meta({ id: 'AccessLogEntry' });

const adherenceSchema = z.object({
  weekStart: z.string(),
  weekEnd: z.string(),
  items: z
    .array(
      z.object({ entryId: z.string(), assigned: z.int(), done: z.int().nullable(), tracked: z.boolean() }),
    )
    .readonly(),
  ratio: z.number().nullable(),
});

const escalationSchema = z.object({
  id: z.string(),
  level: z.string(),
  title: z.string(),
  since: z.string(),
  protocolId: z.string().optional(),
});

const painSchema = z.object({
  trend: z.enum(['improving', 'not_improving', 'worsening', 'insufficient_data']),
  day: z.int(),
  baseline: z.number().nullable(),
  latest: z.number().nullable(),
  changePoints: z.number().nullable(),
  series: z.array(z.number().nullable()).describe('Worst rating per day, the last 14 days, oldest first'),
});

/** One row of a clinician's patient list: everything the dashboard shows of a patient, in one request. */
export const patientRowSchema = z
  .object({
    patient: z.object({ id: z.string(), displayName: z.string() }),
    link: careLinkSchema,
    /** The patient's newest episode, which the row's figures are about. */
    episode: z.object({ id: z.string(), onsetDate: z.string(), status: z.string() }).nullable(),
    pain: painSchema.nullable(),
    peg: pegTrendSchema.nullable(),
    adherence: adherenceSchema.nullable(),
    escalations: z.array(escalationSchema),
    lastActivityAt: z
      .string()
      .nullable()
      .describe('The newest diary entry, finished session, check-in, check or PEG'),
  })
  .meta({ id: 'PatientRow' });

export const patientPageSchema = z.object({
  items: z.array(patientRowSchema),
  nextCursor: z.string().nullable(),
});

/** A patient's record as a linked clinician reads it: notes only if the patient shares them. */
export const patientRecordSchema = z
  .object({
    patient: z.object({ id: z.string(), displayName: z.string() }),
    link: careLinkSchema,
    episodes: z.array(
      z.object({
        episode: episodeSchema,
        assessments: z.array(assessmentSchema),
        diary: z.array(diaryEntrySchema),
        checkIns: z.array(checkInRecordSchema),
        sessions: z.array(sessionLogSchema),
      }),
    ),
    peg: pegSeriesSchema,
    programme: programmeSchema.nullable(),
  })
  .meta({ id: 'PatientRecord' });

export const patientParams = z.strictObject({ id: recordId });
export const linkParams = z.strictObject({ id: recordId });
