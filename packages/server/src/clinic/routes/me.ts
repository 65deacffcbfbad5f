import { pegInputSchema, pegTrend, recordId, utcInstant } from '@unknot/core';
import type { IdentityStore } from '@unknot/store';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, problemSchema } from '../../schemas.ts';
import { requireAccount, type ClinicOptions } from '../auth.ts';
import {
  accessLogEntrySchema,
  careLinkSchema,
  linkParams,
  myLinkSchema,
  pegScoreSchema,
  pegSeriesSchema,
  programmeSchema,
} from '../care-schemas.ts';

const tags = ['me'];
const meResponses = { ...errorResponses, 401: problemSchema, 403: problemSchema } as const;

const pegBody = pegInputSchema.extend({
  id: recordId,
  at: utcInstant.describe('When the patient answered'),
});

/** Looks each distinct id up once; lists name a handful of people many times over. */
async function namesOf<T>(
  ids: readonly string[],
  lookup: (id: string) => Promise<T>,
): Promise<Map<string, T>> {
  const distinct = [...new Set(ids)];
  const found = await Promise.all(distinct.map(lookup));
  return new Map(distinct.map((id, i) => [id, found[i] as T]));
}

const accountName = (identity: IdentityStore) => async (id: string) =>
  (await identity.getAccount(id)).displayName;

/** What a patient sees of their care: their links, consent, who looked at their record, PEG, programme. */
export const meRoutes: FastifyPluginCallbackZod<ClinicOptions> = (app, { care, identity }, done) => {
  app.get(
    '/me/links',
    {
      schema: {
        summary: 'Your clinicians, past and present, newest first',
        tags,
        response: { 200: z.array(myLinkSchema), ...meResponses },
      },
    },
    async (request) => {
      const patient = requireAccount(request, 'patient');
      const links = await care.linksOfPatient(patient.id);
      const [clinicians, clinics] = await Promise.all([
        namesOf(
          links.map((l) => l.clinicianId),
          accountName(identity),
        ),
        namesOf(
          links.map((l) => l.clinicId),
          async (id) => (await identity.getClinic(id)).name,
        ),
      ]);
      return links.map((link) => ({
        ...link,
        clinicianName: clinicians.get(link.clinicianId) ?? '',
        clinicName: clinics.get(link.clinicId) ?? '',
      }));
    },
  );

  app.delete(
    '/me/links/:id',
    {
      schema: {
        summary:
          'Leave a clinician: they see nothing new from now on (what they saw stays in the audit trail)',
        tags,
        params: linkParams,
        response: { 200: careLinkSchema, ...meResponses },
      },
    },
    (request) => care.endLink(request.params.id, requireAccount(request, 'patient').id),
  );

  app.put(
    '/me/sharing',
    {
      schema: {
        summary: "Share your diary's free-text notes with your clinicians, or stop sharing them",
        tags,
        body: z.strictObject({ shareNotes: z.boolean() }),
        response: { 200: z.object({ shareNotes: z.boolean() }), ...meResponses },
      },
    },
    async (request) => {
      const patient = requireAccount(request, 'patient');
      await care.setShareNotes(patient.id, request.body.shareNotes);
      return { shareNotes: request.body.shareNotes };
    },
  );

  app.get(
    '/me/access-log',
    {
      schema: {
        summary: 'Who read or changed your record, newest first',
        tags,
        response: { 200: z.array(accessLogEntrySchema), ...meResponses },
      },
    },
    async (request) => {
      const patient = requireAccount(request, 'patient');
      const events = await care.accessLog(patient.id);
      const names = await namesOf(
        events.map((e) => e.actorId),
        accountName(identity),
      );
      return events.map((event) => ({ ...event, actorName: names.get(event.actorId) ?? '' }));
    },
  );

  app.get(
    '/me/peg',
    {
      schema: {
        summary:
          'Your weekly PEG scores (pain, enjoyment of life, general activity), oldest first, and their trend',
        tags,
        response: { 200: pegSeriesSchema, ...meResponses },
      },
    },
    async (request) => {
      const scores = await care.pegScores(requireAccount(request, 'patient').id);
      return { scores, trend: pegTrend(scores) };
    },
  );

  app.post(
    '/me/peg',
    {
      schema: {
        summary: 'Record this week’s PEG: three ratings from 0 to 10 (idempotent by id)',
        tags,
        body: pegBody,
        response: { 201: pegScoreSchema, ...meResponses },
      },
    },
    async (request, reply) => {
      const patient = requireAccount(request, 'patient');
      return reply.code(201).send(await care.addPegScore({ ...request.body, patientId: patient.id }));
    },
  );

  app.get(
    '/me/programme',
    {
      schema: {
        summary: 'The home programme your clinician assigned, if any',
        tags,
        response: { 200: z.object({ programme: programmeSchema.nullable() }), ...meResponses },
      },
    },
    async (request) => ({
      programme: (await care.currentProgramme(requireAccount(request, 'patient').id)) ?? null,
    }),
  );
  done();
};
